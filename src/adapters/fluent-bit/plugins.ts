/**
 * What ztmm knows of Fluent Bit plugins (Fluent Bit 3.x/4.x documentation and sources): how each
 * input receives events, and for each output the kind of sink, where it sends by default and
 * whether it always speaks TLS. Defaults are the plugins' documented defaults.
 */
import type { SinkKind } from '../../model/estate.js';
import type { InputChannel, OutputProtocol } from '../../model/pipeline.js';

export interface InputPlugin {
  channel: InputChannel;
  /** Default listening port of a listener (null: not a listener, or no default). */
  port: number | null;
}

/** Input plugins by name. `syslog` and `tcp`/`udp` depend on their settings (see the pipeline builder). */
export const INPUT_PLUGINS: ReadonlyMap<string, InputPlugin> = new Map<string, InputPlugin>([
  ['tail', { channel: 'file', port: null }],
  ['systemd', { channel: 'journald', port: null }],
  // in_syslog: Mode unix_udp by default (a socket at `Path`); Port 5140 for tcp/udp.
  ['syslog', { channel: 'syslog-local', port: 5140 }],
  ['forward', { channel: 'forward-listener', port: 24224 }],
  ['opentelemetry', { channel: 'otlp-listener', port: 4318 }],
  ['http', { channel: 'forward-listener', port: 9880 }],
  ['splunk', { channel: 'forward-listener', port: 8088 }],
  ['elasticsearch', { channel: 'forward-listener', port: 9200 }],
  ['tcp', { channel: 'forward-listener', port: 5170 }],
  ['udp', { channel: 'forward-listener', port: 5170 }],
  ...[
    'kubernetes_events', 'cpu', 'mem', 'disk', 'netif', 'proc', 'thermal', 'health', 'dummy', 'random', 'stdin', 'exec', 'exec_wasi', 'head', 'kmsg',
    'serial', 'collectd', 'statsd', 'docker', 'docker_events', 'podman_metrics', 'node_exporter_metrics', 'process_exporter_metrics', 'windows_exporter_metrics',
    'fluentbit_metrics', 'prometheus_scrape', 'prometheus_remote_write', 'prometheus_textfile', 'nginx_exporter_metrics', 'winlog', 'winevtlog', 'winstat',
    'event_type', 'event_test', 'mqtt', 'kafka', 'blob', 'ebpf', 'gpu_metrics', 'calyptia_fleet', 'lib', 'dummy_thread', 'nats', 'storage_backlog', 'emitter',
  ].map((name): [string, InputPlugin] => [name, { channel: 'other', port: null }]),
]);

/** How an output reaches its destination, for the TLS default. */
export type OutputTransport =
  /** Writes on the host (stdout, a file, nothing). */
  | 'local'
  /** A network client with Fluent Bit's `tls` switch (default off). */
  | 'network'
  /** A cloud API client that always speaks HTTPS (the plugin is built with TLS on). */
  | 'cloud';

export interface OutputPlugin {
  sinkKind: SinkKind;
  transport: OutputTransport;
  protocol: OutputProtocol | null;
  /** Documented default destination of network outputs. */
  host: string | null;
  port: number | null;
}

function local(sinkKind: SinkKind): OutputPlugin {
  return { sinkKind, transport: 'local', protocol: null, host: null, port: null };
}
function net(sinkKind: SinkKind, protocol: OutputProtocol | null, host: string | null, port: number | null): OutputPlugin {
  return { sinkKind, transport: 'network', protocol, host, port };
}
function cloud(sinkKind: SinkKind): OutputPlugin {
  return { sinkKind, transport: 'cloud', protocol: 'http', host: null, port: 443 };
}

export const OUTPUT_PLUGINS: ReadonlyMap<string, OutputPlugin> = new Map<string, OutputPlugin>([
  ['es', net('elasticsearch', 'http', '127.0.0.1', 9200)],
  ['opensearch', net('elasticsearch', 'http', '127.0.0.1', 9200)],
  ['loki', net('loki', 'http', '127.0.0.1', 3100)],
  ['splunk', net('splunk', 'http', '127.0.0.1', 8088)],
  ['http', net('webhook', 'http', '127.0.0.1', 80)],
  ['forward', net('other', 'forward', '127.0.0.1', 24224)],
  ['syslog', net('syslog', 'syslog', '127.0.0.1', 514)],
  ['tcp', net('other', 'other', '127.0.0.1', 5170)],
  ['udp', net('other', 'other', '127.0.0.1', 5170)],
  ['gelf', net('other', 'other', '127.0.0.1', 12201)],
  ['opentelemetry', net('otlp', 'otlp', '127.0.0.1', 80)],
  ['kafka', net('kafka', 'other', null, null)],
  ['kafka-rest', net('kafka', 'http', '127.0.0.1', 8082)],
  ['influxdb', net('other', 'http', '127.0.0.1', 8086)],
  ['nats', net('other', 'other', '127.0.0.1', 4222)],
  ['pgsql', net('other', 'other', '127.0.0.1', 5432)],
  ['skywalking', net('other', 'http', '127.0.0.1', 12800)],
  ['websocket', net('other', 'http', '127.0.0.1', 80)],
  ['prometheus_remote_write', net('other', 'http', '127.0.0.1', 80)],
  ['datadog', net('other', 'http', 'http-intake.logs.datadoghq.com', 443)],
  ['azure_blob', net('object-store', 'http', null, 443)],
  ['slack', net('webhook', 'http', null, 443)],
  ['td', net('other', 'http', 'api.treasuredata.com', 443)],
  ['cloudwatch_logs', cloud('cloudwatch-logs')],
  // aws-for-fluent-bit Go plugins
  ['cloudwatch', cloud('cloudwatch-logs')],
  ['s3', cloud('object-store')],
  ['kinesis_streams', cloud('other')],
  ['kinesis_firehose', cloud('other')],
  ['kinesis', cloud('other')],
  ['firehose', cloud('other')],
  ['stackdriver', cloud('other')],
  ['azure', cloud('other')],
  ['azure_kusto', cloud('other')],
  ['azure_logs_ingestion', cloud('other')],
  ['bigquery', cloud('other')],
  ['chronicle', cloud('other')],
  ['nrlogs', cloud('other')],
  ['logdna', cloud('other')],
  ['oracle_log_analytics', cloud('other')],
  ['file', local('local-file')],
  ['stdout', local('other')],
  ['null', local('other')],
  ['counter', local('other')],
  ['exit', local('other')],
  ['flowcounter', local('other')],
  ['plot', local('local-file')],
  ['prometheus_exporter', local('other')],
  ['vivo_exporter', local('other')],
  ['lib', local('other')],
]);

/** Filter plugins known not to change the tag of the records they pass (they may drop or edit records). */
export const PLAIN_FILTERS: ReadonlySet<string> = new Set([
  'alter_size', 'aws', 'checklist', 'ecs', 'expect', 'geoip2', 'grep', 'kubernetes', 'lua', 'modify', 'nest', 'nightfall', 'parser', 'record_modifier',
  'stdout', 'sysinfo', 'throttle', 'throttle_size', 'tensorflow', 'type_converter', 'wasm', 'log_to_metrics',
]);
