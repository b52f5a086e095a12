/**
 * What ztmm knows of OpenTelemetry Collector components (core and contrib READMEs, v0.9x–v0.15x).
 * Types are compared without underscores and case, so the snake_case names of the 2026 renames
 * (`otlp_grpc`, `otlp_http`, `file_log`, ...) and their deprecated aliases (`otlp`, `otlphttp`,
 * `filelog`) are the same component.
 */
import type { SinkKind } from '../../model/estate.js';
import type { InputChannel, OutputProtocol } from '../../model/pipeline.js';

/** `otlp_grpc/custom` → `otlpgrpc`; `file_log` → `filelog`. */
export function normalizedType(id: string): string {
  const slash = id.indexOf('/');
  return (slash === -1 ? id : id.slice(0, slash)).toLowerCase().replace(/_/g, '');
}

export interface ReceiverSpec {
  channel: InputChannel;
  /** How the receiver is read beyond its channel. */
  read: 'files' | 'syslog' | 'listen' | 'protocols' | 'none';
  /** `listen`: the option holding `host:port`. */
  key?: string;
  /** `protocols`: the default port of each protocol when its endpoint is not written. */
  defaults?: { grpc: number | null; http: number | null };
}

const other: ReceiverSpec = { channel: 'other', read: 'none' };

export const RECEIVERS: ReadonlyMap<string, ReceiverSpec> = new Map<string, ReceiverSpec>([
  ['filelog', { channel: 'file', read: 'files' }],
  ['otlpjsonfile', { channel: 'file', read: 'files' }],
  ['journald', { channel: 'journald', read: 'none' }],
  ['syslog', { channel: 'syslog-listener', read: 'syslog' }],
  ['tcplog', { channel: 'syslog-listener', read: 'listen', key: 'listen_address' }],
  ['udplog', { channel: 'syslog-listener', read: 'listen', key: 'listen_address' }],
  // OTLP receiver: gRPC on 4317 and HTTP on 4318 unless an endpoint is written (collector core README).
  ['otlp', { channel: 'otlp-listener', read: 'protocols', defaults: { grpc: 4317, http: 4318 } }],
  ['fluentforward', { channel: 'forward-listener', read: 'listen', key: 'endpoint' }],
  ['splunkhec', { channel: 'forward-listener', read: 'listen', key: 'endpoint' }],
  ['webhookevent', { channel: 'forward-listener', read: 'listen', key: 'endpoint' }],
  ['awsfirehose', { channel: 'forward-listener', read: 'listen', key: 'endpoint' }],
  ['loki', { channel: 'forward-listener', read: 'protocols', defaults: { grpc: null, http: null } }],
  ['windowseventlog', other],
  ['kafka', other],
  ['awscloudwatch', other],
  ['awss3', other],
  ['azureeventhub', other],
  ['googlecloudpubsub', other],
  ['k8sevents', other],
  ['k8sobjects', other],
  ['k8scluster', other],
  ['kubeletstats', other],
  ['hostmetrics', other],
  ['prometheus', other],
  ['dockerstats', other],
  ['httpcheck', other],
  ['jaeger', other],
  ['zipkin', other],
  ['opencensus', other],
  ['filestats', other],
  ['sqlquery', other],
  ['namedpipe', other],
  ['nop', other],
]);

/**
 * How an exporter reaches its destination:
 * - `grpc`: configgrpc; TLS unless `tls.insecure: true` without a CA (an `https://` endpoint
 *   forces TLS).
 * - `http`: confighttp; TLS when the URL is https.
 * - `cloud`: a provider API, HTTPS unless an `http://` endpoint is written.
 * - `kafka`: TLS only when a `tls` (or `auth.tls`) block is written.
 * - `syslog`: TCP with TLS by default (`tls.insecure` false), UDP never, or a Unix socket.
 * - `local`: stdout, a local file, nowhere.
 */
export interface ExporterSpec {
  kind: SinkKind;
  protocol: OutputProtocol | null;
  transport: 'grpc' | 'http' | 'cloud' | 'kafka' | 'syslog' | 'local';
  /** Option paths that hold the endpoint, tried in order (the first written wins). */
  endpoint: readonly (readonly string[])[];
  /** Option path of the index, log group, bucket or topic written to. */
  index?: readonly (readonly string[])[];
  /** The documented endpoint used when none is written. */
  defaultEndpoint?: string;
  /** The exporter has no sending queue (writes directly): durability does not apply. */
  noQueue?: boolean;
  /** The sending queue is off unless enabled (the syslog exporter). */
  queueOffByDefault?: boolean;
}

const http = (kind: SinkKind, endpoint: string[][], extra: Partial<ExporterSpec> = {}): ExporterSpec => ({ kind, protocol: 'http', transport: 'http', endpoint, ...extra });
const cloud = (kind: SinkKind, endpoint: string[][], extra: Partial<ExporterSpec> = {}): ExporterSpec => ({ kind, protocol: 'http', transport: 'cloud', endpoint, ...extra });

export const EXPORTERS: ReadonlyMap<string, ExporterSpec> = new Map<string, ExporterSpec>([
  ['otlp', { kind: 'otlp', protocol: 'otlp', transport: 'grpc', endpoint: [['endpoint']] }],
  ['otlpgrpc', { kind: 'otlp', protocol: 'otlp', transport: 'grpc', endpoint: [['endpoint']] }],
  ['otelarrow', { kind: 'otlp', protocol: 'otlp', transport: 'grpc', endpoint: [['endpoint']] }],
  // OTLP/HTTP: `logs_endpoint` overrides `endpoint` + /v1/logs for logs.
  ['otlphttp', { kind: 'otlp', protocol: 'otlp', transport: 'http', endpoint: [['logs_endpoint'], ['endpoint']] }],
  ['loki', http('loki', [['endpoint']])],
  ['elasticsearch', http('elasticsearch', [['endpoints'], ['endpoint']], { index: [['logs_index']] })],
  // OpenSearch is of the Elasticsearch family (index templates, ISM policies by index pattern).
  ['opensearch', http('elasticsearch', [['http', 'endpoint']], { index: [['logs_index']] })],
  ['splunkhec', http('splunk', [['endpoint']], { index: [['index']] })],
  ['clickhouse', http('other', [['endpoint']], { index: [['logs_table_name']] })],
  ['awscloudwatchlogs', cloud('cloudwatch-logs', [['endpoint']], { index: [['log_group_name']] })],
  ['awss3', cloud('object-store', [['s3uploader', 'endpoint']], { index: [['s3uploader', 's3_bucket']] })],
  ['awskinesis', cloud('other', [['aws', 'kinesis_endpoint']], { index: [['aws', 'stream_name']] })],
  ['googlecloud', { kind: 'other', protocol: 'other', transport: 'cloud', endpoint: [['log', 'endpoint']] }],
  ['googlecloudstorage', cloud('object-store', [], { index: [['bucket', 'name']] })],
  ['googlecloudpubsub', { kind: 'other', protocol: 'other', transport: 'cloud', endpoint: [['endpoint']], index: [['topic']] }],
  ['azuremonitor', cloud('other', [])],
  ['azureblob', cloud('object-store', [['url']], { index: [['container', 'logs']] })],
  ['azuredataexplorer', cloud('other', [['cluster_uri']], { index: [['logs_table_name']] })],
  ['datadog', cloud('other', [['logs', 'endpoint']])],
  ['sumologic', cloud('other', [['endpoint']])],
  ['coralogix', { kind: 'other', protocol: 'otlp', transport: 'grpc', endpoint: [['logs', 'endpoint'], ['domain']] }],
  ['logzio', cloud('other', [['endpoint']])],
  ['mezmo', cloud('other', [['ingest_url']])],
  // Kafka exporter: brokers default to localhost:9092 (contrib README).
  ['kafka', { kind: 'kafka', protocol: 'other', transport: 'kafka', endpoint: [['brokers']], index: [['logs', 'topic'], ['topic']], defaultEndpoint: 'localhost:9092' }],
  ['syslog', { kind: 'syslog', protocol: 'syslog', transport: 'syslog', endpoint: [['endpoint']], queueOffByDefault: true }],
  ['file', { kind: 'local-file', protocol: null, transport: 'local', endpoint: [], noQueue: true }],
  ['debug', { kind: 'other', protocol: null, transport: 'local', endpoint: [], noQueue: true }],
  ['logging', { kind: 'other', protocol: null, transport: 'local', endpoint: [], noQueue: true }],
  ['nop', { kind: 'other', protocol: null, transport: 'local', endpoint: [], noQueue: true }],
]);

/** Storage extensions that keep a persistent queue on disk (file_storage) or in a database (db_storage). */
export const PERSISTENT_STORAGE: ReadonlySet<string> = new Set(['filestorage', 'dbstorage']);
