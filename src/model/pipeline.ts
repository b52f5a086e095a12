/**
 * What config adapters extract from shipper, host, service and store configs (issue 4), before
 * the linker joins it into the estate graph. Every adapter returns a `ConfigRead`; values the
 * file cannot establish are `null`, never a guess, and constructs the adapter does not understand
 * are listed in `unknowns` with the reason.
 */
import type { CloudFileRead } from './cloud.js';
import type { SinkKind } from './estate.js';
import type { Subject } from './subject.js';
import type { Area, Location } from './vocabulary.js';

/** How a pipeline input receives events. */
export type InputChannel =
  /** Tails files: `paths` holds the globs as written (variables resolved). */
  | 'file'
  /** Reads the systemd journal (which also holds what programs send to syslog(3)). */
  | 'journald'
  /** Receives the local syslog socket (/dev/log, imuxsock, imjournal, syslog-ng system()). */
  | 'syslog-local'
  /** Listens on the network for syslog (imtcp, imudp, syslog-ng network()). */
  | 'syslog-listener'
  /** Listens for OTLP (gRPC or HTTP). */
  | 'otlp-listener'
  /** Listens for Fluent forward, Beats/Lumberjack, Vector or HTTP pushes. */
  | 'forward-listener'
  /** Reads container stdout/stderr (Docker json-file, /var/log/containers, kubernetes_logs). */
  | 'containers'
  /** Anything else (metrics, demo generators, stdin, ...): carries no audit source. */
  | 'other';

export interface PipelineInput {
  /** Unique in its pipeline: the name given in the config, or `<plugin>#<n>`. */
  id: string;
  /** The plugin or module as written: `tail`, `file`, `filelog`, `imfile`, `systemd`, ... */
  plugin: string;
  channel: InputChannel;
  /** File globs as written, with the shipper's own variables resolved (absolute paths as the host sees them). */
  paths: string[];
  exclude: string[];
  /** Listeners: the port, when written. */
  port: number | null;
  at: Location;
}

/** The protocol a remote output speaks, so that a listener elsewhere in the estate can take the next hop. */
export type OutputProtocol = 'syslog' | 'otlp' | 'forward' | 'beats' | 'vector' | 'http' | 'other';

export interface PipelineOutput {
  /** Unique in its pipeline: the name given in the config, or `<plugin>#<n>`. */
  id: string;
  plugin: string;
  sinkKind: SinkKind;
  /** True when events leave the host; false for stdout, local files, /dev/null; null when unknown. */
  remote: boolean | null;
  /** Host, host:port or URL as written, with any credentials removed; null when not written. */
  endpoint: string | null;
  port: number | null;
  protocol: OutputProtocol | null;
  tls: boolean | null;
  /** Whether the peer certificate (and host name) is verified when TLS is on. */
  tlsVerify: boolean | null;
  /** Whether undelivered events are buffered on disk (survive a restart or an outage). */
  durable: boolean | null;
  /** The Elasticsearch/OpenSearch index (or prefix), Splunk index or Loki tenant written to, when named. */
  index: string | null;
  /** Local file outputs: the path written (it may itself be tailed by another shipper). */
  path: string | null;
  at: Location;
  /** Where `tls`, `tlsVerify`, `durable` and `index` are decided, when not at `at`. */
  locations: Record<string, Location>;
}

export interface PipelineEdge {
  input: string;
  output: string;
  /** Syslog facilities the edge carries (rsyslog selectors, syslog-ng filters); null when all. */
  facilities: string[] | null;
}

/** One shipper configuration (with its includes merged): inputs, outputs and the routing between them. */
export interface Pipeline {
  /** `<shipper>:<path>` */
  id: string;
  /** `fluent-bit`, `vector`, `otel-collector`, `rsyslog`, `syslog-ng`, `filebeat`, `elastic-agent`, `journal-upload`, `audisp-remote` */
  shipper: string;
  path: string;
  declaredAt: Location;
  inputs: PipelineInput[];
  outputs: PipelineOutput[];
  /** Which inputs reach which outputs after routing (tags, `inputs`, `service.pipelines`, selectors). */
  edges: PipelineEdge[];
}

/** A system that produces audit events and where it writes them (a service or host config declares it). */
export interface SourceDecl {
  /** Unique in the estate: `<system>:<path>[#<name>]`. */
  id: string;
  /** `auditd`, `sshd`, `nginx-access`, `apache-access`, `postgresql`, `docker-containers`, `vault-audit`, ... */
  system: string;
  pillars: Area[];
  /** Files the source writes, absolute as the producing host sees them. */
  paths: string[];
  /** Other ways the events leave the process: the journal, syslog (with the facility), container stdout. */
  channels: { kind: 'journald' | 'syslog' | 'containers'; facility: string | null }[];
  /** Outputs the producing system itself sends to (nginx `syslog:`, Docker log drivers, Vault socket devices). */
  outputs: PipelineOutput[];
  /** Days the producing system itself keeps locally (auditd num_logs with rotate, ...); null when unknown. */
  localRetentionDays: number | null;
  /** True when the producer never deletes what it wrote (auditd `max_log_file_action = keep_logs`). */
  localUnbounded?: boolean;
  declaredAt: Location;
  /** Where each of the facts above is decided. */
  locations: Record<string, Location>;
}

/** A retention policy of a central store: ILM, ISM, Loki limits, a Splunk index. */
export interface RetentionPolicy {
  /** `elasticsearch`, `opensearch`, `loki`, `splunk` */
  store: 'elasticsearch' | 'opensearch' | 'loki' | 'splunk';
  /** The policy name (ILM/ISM), `loki`, or the Splunk index name. */
  name: string;
  /** Index patterns the policy attaches itself to (ISM `ism_template`, a Splunk index name; Loki `*`). */
  indexPatterns: string[];
  /** Days after which data is deleted; null when the policy never deletes or the age cannot be read. */
  retentionDays: number | null;
  /** True when the policy never deletes (no delete phase, Loki retention off, ...). */
  unbounded: boolean | null;
  /** Days after which indices are made read-only (ILM readonly, ISM read_only), when the policy does. */
  readOnlyAfterDays: number | null;
  at: Location;
  locations: Record<string, Location>;
}

/** An index template (or similar) that attaches a named policy to index patterns. */
export interface PolicyAttachment {
  store: 'elasticsearch' | 'opensearch';
  policy: string;
  indexPatterns: string[];
  at: Location;
}

/** A logrotate stanza (or similar local rotation): files, and how many days rotation keeps. */
export interface Rotation {
  /** Globs as written. */
  paths: string[];
  /** rotate × period in days (maxage when shorter); null when it cannot be computed. */
  days: number | null;
  at: Location;
  locations: Record<string, Location>;
}

/** A construct the adapter saw but does not understand; facts that depend on it are null. */
export interface Unknown {
  construct: string;
  reason: string;
  at: Location;
}

export interface ConfigRead {
  /** The inventory kind: `fluent-bit`, `auditd-conf`, `nginx`, ... */
  kind: string;
  /** Kind-specific subjects for the rules (host and service settings). Shipper subjects are built by the linker. */
  subjects: Subject[];
  sources: SourceDecl[];
  pipelines: Pipeline[];
  policies: RetentionPolicy[];
  attachments: PolicyAttachment[];
  rotations: Rotation[];
  unknowns: Unknown[];
  /** Problems with a position (a line that does not parse, a bad value). */
  problems: { at: Location; message: string }[];
  /** True when nothing usable could be read: the file is an inventory error with the first problem. */
  fatal: boolean;
  /** Scan paths of files this one includes and whose content was merged into it. */
  includes: string[];
  /** Cloud infrastructure as code (issue 3): a Terraform file to evaluate with its module, or resources. */
  cloud?: CloudFileRead;
}

export function emptyRead(kind: string): ConfigRead {
  return { kind, subjects: [], sources: [], pipelines: [], policies: [], attachments: [], rotations: [], unknowns: [], problems: [], fatal: false, includes: [] };
}
