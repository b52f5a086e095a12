/**
 * What ztmm knows of Vector's component types (vector.dev reference, v0.4x–0.5x): how a source
 * receives events, whether it emits logs at all, and for each sink the kind of store, the
 * protocol, where its endpoint is written and how TLS is decided.
 */
import type { SinkKind } from '../../model/estate.js';
import type { InputChannel, OutputProtocol } from '../../model/pipeline.js';

export interface SourceSpec {
  channel: InputChannel;
  /** False for metrics sources: nothing they emit is a log event. */
  logs: boolean;
  /** Listeners: the option holding `host:port`, and its documented default when it has one. */
  address?: { key: string; fallback: string | null };
}

const listener = (fallback: string | null = null): SourceSpec => ({ channel: 'forward-listener', logs: true, address: { key: 'address', fallback } });
const other: SourceSpec = { channel: 'other', logs: true };
const metrics: SourceSpec = { channel: 'other', logs: false };

/** Sources read by type; `syslog`, `socket` and `opentelemetry` are read by special code (their mode decides). */
export const SOURCES: ReadonlyMap<string, SourceSpec> = new Map<string, SourceSpec>([
  ['file', { channel: 'file', logs: true }],
  ['journald', { channel: 'journald', logs: true }],
  ['syslog', { channel: 'syslog-listener', logs: true }],
  ['socket', { channel: 'syslog-listener', logs: true }],
  ['kubernetes_logs', { channel: 'containers', logs: true }],
  ['docker_logs', { channel: 'containers', logs: true }],
  ['opentelemetry', { channel: 'otlp-listener', logs: true }],
  ['vector', listener()],
  ['fluent', listener()],
  ['http_server', listener()],
  ['http', listener()],
  // Splunk HEC source: `address` defaults to 0.0.0.0:8088 (vector.dev, splunk_hec source).
  ['splunk_hec', listener('0.0.0.0:8088')],
  ['datadog_agent', listener()],
  ['logstash', listener()],
  ['heroku_logs', listener()],
  ['aws_kinesis_firehose', listener()],
  ['demo_logs', other],
  ['stdin', other],
  ['internal_logs', other],
  ['exec', other],
  ['file_descriptor', other],
  ['kafka', other],
  ['aws_s3', other],
  ['aws_sqs', other],
  ['gcp_pubsub', other],
  ['amqp', other],
  ['nats', other],
  ['redis', other],
  ['dnstap', other],
  ['http_client', other],
  ['mqtt', other],
  ['pulsar', other],
  ['websocket', other],
  ['host_metrics', metrics],
  ['internal_metrics', metrics],
  ['prometheus_scrape', metrics],
  ['prometheus_remote_write', metrics],
  ['prometheus_pushgateway', metrics],
  ['statsd', metrics],
  ['static_metrics', metrics],
  ['apache_metrics', metrics],
  ['nginx_metrics', metrics],
  ['postgresql_metrics', metrics],
  ['mongodb_metrics', metrics],
  ['eventstoredb_metrics', metrics],
  ['aws_ecs_metrics', metrics],
]);

/** Sources whose named outputs split by event type (`otel.logs`, `agent.metrics`): only `logs` carries logs. */
export const TYPED_OUTPUT_SOURCES: ReadonlySet<string> = new Set(['opentelemetry', 'datadog_agent']);
export const NON_LOG_OUTPUTS: ReadonlySet<string> = new Set(['metrics', 'traces']);

/** Transforms that turn logs into metrics (nothing downstream of them is a log) or metrics into logs. */
export const LOG_TO_METRIC = 'log_to_metric';
export const METRIC_TO_LOG = 'metric_to_log';

/** Transforms known to pass events on (possibly filtered, routed or changed); any other type is not understood. */
export const TRANSFORMS: ReadonlySet<string> = new Set([
  'remap', 'filter', 'route', 'exclusive_route', 'swimlanes', 'sample', 'dedupe', 'reduce', 'throttle', 'aggregate',
  LOG_TO_METRIC, METRIC_TO_LOG, 'lua', 'tag_cardinality_limit', 'aws_ec2_metadata', 'window', 'incremental_to_absolute',
  // Removed in later releases, still found in older configs.
  'add_fields', 'add_tags', 'ansi_stripper', 'coercer', 'concat', 'field_filter', 'geoip', 'grok_parser', 'json_parser',
  'key_value_parser', 'logfmt_parser', 'merge', 'regex_parser', 'remove_fields', 'remove_tags', 'rename_fields', 'split',
  'tokenizer', 'wasm', 'compound', 'pipelines', 'aws_cloudwatch_logs_subscription_parser',
]);

/**
 * How a sink reaches its destination:
 * - `url`: HTTP(S) or another URL; TLS follows the scheme (https, wss, amqps, rediss, pulsar+ssl).
 *   `cloud` sinks default to the provider's HTTPS endpoint when none is written.
 * - `address`: `host:port`; TLS only when `tls.enabled = true` (off by default).
 * - `local`: stdout, a local file, nowhere.
 */
export interface SinkSpec {
  kind: SinkKind;
  protocol: OutputProtocol | null;
  transport: 'url' | 'address' | 'local';
  /** Option paths that hold the endpoint, tried in order. */
  endpoint: readonly (readonly string[])[];
  cloud?: boolean;
  /** Option path of the index/tenant/log group/bucket/topic written to. */
  index?: readonly string[];
  /** Endpoint options that hold a bare host always reached over HTTPS (Azure Monitor `host`). */
  httpsHost?: boolean;
}

const url = (kind: SinkKind, endpoint: string[][], extra: Partial<SinkSpec> = {}): SinkSpec => ({ kind, protocol: 'http', transport: 'url', endpoint, ...extra });

export const SINKS: ReadonlyMap<string, SinkSpec> = new Map<string, SinkSpec>([
  ['elasticsearch', url('elasticsearch', [['endpoints'], ['endpoint']])],
  ['loki', url('loki', [['endpoint']], { index: ['tenant_id'] })],
  ['splunk_hec_logs', url('splunk', [['endpoint']], { index: ['index'] })],
  ['splunk_hec', url('splunk', [['endpoint']], { index: ['index'] })],
  ['http', url('webhook', [['uri']])],
  ['datadog_logs', url('other', [['endpoint']], { cloud: true })],
  ['aws_cloudwatch_logs', url('cloudwatch-logs', [['endpoint']], { cloud: true, index: ['group_name'] })],
  ['aws_s3', url('object-store', [['endpoint']], { cloud: true, index: ['bucket'] })],
  ['aws_kinesis_streams', url('other', [['endpoint']], { cloud: true, index: ['stream_name'] })],
  ['aws_kinesis_firehose', url('other', [['endpoint']], { cloud: true, index: ['stream_name'] })],
  ['aws_sqs', url('other', [['endpoint']], { cloud: true })],
  ['aws_sns', url('other', [['endpoint']], { cloud: true })],
  ['gcp_cloud_storage', url('object-store', [['endpoint']], { cloud: true, index: ['bucket'] })],
  ['gcp_stackdriver_logs', url('other', [['endpoint']], { cloud: true, index: ['log_id'] })],
  ['gcp_pubsub', url('other', [['endpoint']], { cloud: true, index: ['topic'] })],
  ['gcp_chronicle_unstructured', url('other', [['endpoint']], { cloud: true })],
  ['azure_blob', url('object-store', [['endpoint']], { cloud: true, index: ['container_name'] })],
  ['azure_monitor_logs', url('other', [['host']], { cloud: true, httpsHost: true })],
  ['azure_logs_ingestion', url('other', [['endpoint']])],
  ['humio_logs', url('other', [['endpoint']], { cloud: true, index: ['index'] })],
  ['new_relic', url('other', [], { cloud: true })],
  ['honeycomb', url('other', [['endpoint']], { cloud: true })],
  ['axiom', url('other', [['url']], { cloud: true, index: ['dataset'] })],
  ['mezmo', url('other', [['endpoint']], { cloud: true })],
  ['logdna', url('other', [['endpoint']], { cloud: true })],
  ['sematext_logs', url('other', [['endpoint']], { cloud: true })],
  ['appsignal', url('other', [['endpoint']], { cloud: true })],
  ['clickhouse', url('other', [['endpoint']], { index: ['table'] })],
  ['databend', url('other', [['endpoint']], { index: ['table'] })],
  ['greptimedb_logs', url('other', [['endpoint']], { index: ['table'] })],
  ['influxdb_logs', url('other', [['endpoint']])],
  ['opentelemetry', { kind: 'otlp', protocol: 'otlp', transport: 'url', endpoint: [['protocol', 'uri']] }],
  ['websocket', { kind: 'other', protocol: 'other', transport: 'url', endpoint: [['uri']] }],
  ['amqp', { kind: 'other', protocol: 'other', transport: 'url', endpoint: [['connection_string']] }],
  ['pulsar', { kind: 'other', protocol: 'other', transport: 'url', endpoint: [['endpoint']], index: ['topic'] }],
  ['redis', { kind: 'other', protocol: 'other', transport: 'url', endpoint: [['endpoint']] }],
  ['nats', { kind: 'other', protocol: 'other', transport: 'url', endpoint: [['url']], index: ['subject'] }],
  ['vector', { kind: 'other', protocol: 'vector', transport: 'address', endpoint: [['address']] }],
  ['kafka', { kind: 'kafka', protocol: 'other', transport: 'address', endpoint: [['bootstrap_servers']], index: ['topic'] }],
  ['console', { kind: 'other', protocol: null, transport: 'local', endpoint: [] }],
  ['file', { kind: 'local-file', protocol: null, transport: 'local', endpoint: [] }],
  ['blackhole', { kind: 'other', protocol: null, transport: 'local', endpoint: [] }],
]);

/**
 * Sinks that accept only metrics or traces. They are not log outputs: they are left out of the
 * pipeline (an edge to them would not be a log route).
 */
export const NON_LOG_SINKS: ReadonlySet<string> = new Set([
  'prometheus_exporter', 'prometheus_remote_write', 'aws_cloudwatch_metrics', 'datadog_metrics', 'statsd', 'influxdb_metrics',
  'gcp_stackdriver_metrics', 'splunk_hec_metrics', 'sematext_metrics', 'datadog_traces',
]);

/** URL schemes that mean TLS, and those that mean plain text. */
export const SECURE_SCHEMES: ReadonlySet<string> = new Set(['https', 'wss', 'amqps', 'rediss', 'pulsar+ssl', 'tls']);
export const PLAIN_SCHEMES: ReadonlySet<string> = new Set(['http', 'ws', 'amqp', 'redis', 'pulsar', 'nats', 'tcp', 'udp']);
