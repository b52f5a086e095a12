/**
 * The estate model of DESIGN.md: what produces audit events (LogSource), where they are kept or
 * sent (Sink), the edges between them (Route), automated analysis (Detection), and what real log
 * files show (SampleStats). Values the inputs cannot establish are `null`, never a guess.
 */
import type { Area, Location } from './vocabulary.js';

export interface LogSource {
  id: string;
  system: string;
  pillars: Area[];
  /** Paths (as the producing system sees them) where the source writes events. */
  paths: string[];
  declaredAt: Location;
  /** True when some route carries the events to a remote store; null when unknown. */
  centralized: boolean | null;
  /** The longest retention known for the events, in days; null when unknown. */
  retentionDays: number | null;
  immutable: boolean | null;
  /** True when shippers are known on the host and no route carries the events off it. */
  localOnly?: boolean | null;
  /** Routes from this source to a store. */
  routes?: number;
  /** Every hop of every remote route uses TLS; false when some hop does not; null when unknown. */
  tls?: boolean | null;
  /** Every TLS hop verifies the peer's certificate. */
  tlsVerify?: boolean | null;
  /** Every remote hop buffers undelivered events on disk. */
  durable?: boolean | null;
  /** Days kept on the producing host (rotation, the producer's limits, the journal). */
  localRetentionDays?: number | null;
  /** Days the longest-keeping central store keeps the events, from its own policy. */
  centralRetentionDays?: number | null;
  /** A central store keeps the events until deleted by hand. */
  centralUnbounded?: boolean | null;
  /** The producer never deletes what it wrote on the host (auditd keep_logs). */
  localUnbounded?: boolean | null;
  /** Every store keeping the events encrypts them with a customer-managed key (cloud IaC). */
  encrypted?: boolean | null;
  /** Where each routing and retention fact was decided. */
  evidence?: Record<string, Location>;
}

export type SinkKind =
  | 'local-file'
  | 'webhook'
  | 'cloudwatch-logs'
  | 'object-store'
  | 'elasticsearch'
  | 'loki'
  | 'splunk'
  | 'syslog'
  | 'kafka'
  | 'otlp'
  /** A GCP Cloud Logging log bucket. */
  | 'cloud-logging'
  /** An Azure Log Analytics workspace. */
  | 'log-analytics'
  /** A stream for consumers (Event Hub, Pub/Sub, Kinesis): kept only briefly. */
  | 'event-stream'
  /** A warehouse table store (BigQuery). */
  | 'warehouse'
  | 'other';

export interface Sink {
  id: string;
  kind: SinkKind;
  remote: boolean | null;
  tls: boolean | null;
  retentionDays: number | null;
  unbounded: boolean | null;
  immutable: boolean | null;
  declaredAt: Location;
}

export interface Route {
  id: string;
  /** A source id. */
  from: string;
  /** A sink id. */
  to: string;
  /** What carries the events (the producing system itself, or a shipper config path). */
  via: string;
  /** Every shipper config the events pass through, in order (`via` is the first). */
  hops?: string[];
  tls: boolean | null;
  /** Every TLS hop verifies the peer's certificate. */
  tlsVerify?: boolean | null;
  durable: boolean | null;
}

export interface Detection {
  id: string;
  kind: string;
  covers: string[];
  declaredAt: Location;
}

/** The semantic fields measured on every event; see src/logs/field-aliases.ts. */
export const SEMANTIC_FIELDS = [
  'timestamp',
  'actor',
  'sourceAddress',
  'action',
  'target',
  'outcome',
  'severity',
  'eventId',
  'correlationId',
  'host',
  'geo',
  'category',
] as const;
export type SemanticField = (typeof SEMANTIC_FIELDS)[number];

export interface TimestampQuality {
  /** Share of structured events whose timestamp parses. */
  parseable: number;
  /** Share of structured events whose timestamp carries a zone (Z, an offset, or epoch). */
  withZone: number;
  /** Share of structured events whose timestamp is in UTC (Z, +00:00, or epoch). */
  utc: number;
  /** Most common number of fractional-second digits (0 seconds, 3 ms, 6 µs, 9 ns). */
  precision: number | null;
  /** Share of timed events earlier than the event before them. */
  outOfOrder: number;
  /**
   * Share of timed events stamped more than five minutes after the file was last written: a
   * writer's clock running ahead. Only times with a zone or epoch numbers are judged (not local
   * times without a zone, nor year-less syslog times), and none when the file's modification
   * time is a placeholder (1980 or earlier).
   */
  future: number;
  first: string | null;
  last: string | null;
  spanSeconds: number | null;
  longestGapSeconds: number | null;
}

export interface SecretSummary {
  total: number;
  /** Secrets that authenticate on their own (all but AWS access key ids). */
  credentials: number;
  byKind: Record<string, number>;
  /** At most a few, each a short excerpt with every secret redacted. */
  /** Where: the line number, or in a sampled block of a large file the byte offset of the line. */
  examples: { line: number | null; offset: number | null; kind: string; excerpt: string }[];
}

export interface SampleStats {
  id: string;
  path: string;
  /** The source this sample is evidence for, or null when no declared source matches. */
  source: string | null;
  /**
   * The log source the configuration declares for the file (`sources`: a glob, the system that
   * writes it, its pillars), or null when none matches. Its pillars are the sample's.
   */
  declared: { system: string } | null;
  pillars: Area[];
  /** The format most events were read in, and events per format when the file mixes them. */
  format: string;
  formats: Record<string, number>;
  compressed: boolean;
  /**
   * Whether a large file was sampled (head, evenly spaced blocks, tail), and how much was read;
   * `eventLimit` (the --max-events value) when the read stopped at that many events.
   */
  sampling: { sampled: boolean; bytesRead: number; fileBytes: number; eventLimit?: number };
  /** The schema the events follow (k8s-audit, ecs, cloudtrail, ..., generic-json), and events per schema. */
  schema: string;
  schemas: Record<string, number>;
  lines: number;
  events: number;
  parseErrors: number;
  /** Line numbers of the first parse errors, and byte offsets of those found in sampled blocks. */
  errorLines: number[];
  errorOffsets: number[];
  /** Share of events (and parse errors) that are structured records. */
  structuredRatio: number;
  fields: Record<SemanticField, number>;
  timestamps: TimestampQuality;
  actors: { distinct: number; capped: boolean };
  /** Outcomes of structured events. */
  outcomes: { success: number; failure: number; unknown: number };
  /**
   * Per category of event (authentication, authorization, account-change, privilege-change,
   * data-access, configuration-change, logging-control): counts, and the shares with a known
   * outcome, an actor and a source address.
   */
  categories: Record<string, { events: number; success: number; failure: number; outcomeKnown: number; actor: number; sourceAddress: number }>;
  /** Events carrying a correlation id, and the other samples sharing at least one id. */
  correlation: {
    withId: number;
    sharedWith: string[];
    /** Per sample sharing ids: how many, and the median time difference (theirs − ours) in seconds. */
    clockOffsets: { sample: string; sharedIds: number; medianOffsetSeconds: number | null }[];
  };
  secrets: SecretSummary;
  /** The first parse problem, for messages. */
  firstError: { line: number | null; offset: number | null; message: string } | null;
}

export interface Estate {
  sources: LogSource[];
  sinks: Sink[];
  routes: Route[];
  detections: Detection[];
  samples: SampleStats[];
}
