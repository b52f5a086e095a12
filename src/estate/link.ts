/**
 * The linker (pure): joins what the adapters found into one estate graph and builds the subjects
 * the rules judge. This first version links a kube-apiserver to the audit policy its
 * --audit-policy-file names, derives the audit LogSource with its sinks and routes, and links log
 * samples found at the source's --audit-log-path (or a rotation of it) to that source.
 */
import { posix } from 'node:path';
import type { AuditPolicyDoc } from '../adapters/k8s-audit-policy.js';
import { hostPathOf } from '../adapters/kube-apiserver.js';
import type { KubeApiserver } from '../adapters/kube-apiserver.js';
import type { LogReadResult } from '../logs/read-log.js';
import type { Estate, LogSource, Route, SampleStats, Sink } from '../model/estate.js';
import type { Subject } from '../model/subject.js';
import { compareStrings } from '../model/vocabulary.js';
import type { Area, Location } from '../model/vocabulary.js';
import { bestFileMatch, isLogFileOf, nearest } from './path-match.js';

export interface SampleInput {
  path: string;
  summary: LogReadResult;
  /**
   * The log source declared for the file in the configuration (`sources`): what produces it and
   * the pillars it serves. Null or absent when no declared glob matches it.
   */
  declared?: DeclaredSample | null;
}

export interface DeclaredSample {
  system: string;
  pillars: Area[];
}

export interface LinkInput {
  apiservers: readonly KubeApiserver[];
  policies: readonly AuditPolicyDoc[];
  samples: readonly SampleInput[];
  /** Files that could not be read or parsed: path → reason. */
  errors: ReadonlyMap<string, string>;
  /** Every file of the scanned tree (posix, relative), for resolving declared paths. */
  files: readonly string[];
}

export interface LinkOutput {
  subjects: Subject[];
  estate: Estate;
}

/**
 * Kubernetes audit events record who (Identity) did what to which workload (Applications and
 * Workloads), including every read and write of Secrets and ConfigMaps (Data).
 */
const APISERVER_AUDIT_PILLARS: Area[] = ['identity', 'applications', 'data'];

/** Pillars a sample belongs to when neither the configuration nor a source claims it, by the schema its events follow. */
const SCHEMA_PILLARS: Record<string, Area[]> = {
  'k8s-audit': ['identity', 'applications', 'data'],
  cloudtrail: ['identity', 'data'],
  // Host logs: sign-ins, sudo, account changes and kernel audit records of a machine.
  auditd: ['devices', 'identity'],
  syslog: ['devices'],
  // Web server request logs (CIS 8.7 URL request logs).
  'access-log': ['applications', 'networks'],
  // CEF and LEEF come mostly from network security devices (firewalls, proxies, IDS).
  cef: ['networks'],
  leef: ['networks'],
  'gcp-audit': ['identity', 'data'],
  azure: ['identity'],
  okta: ['identity'],
  'github-audit': ['identity', 'applications'],
};

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

interface ApiserverLinks {
  subject: Subject;
  source: LogSource | null;
  sinks: Sink[];
  routes: Route[];
  /** Paths on the node (or in the container) where the audit log is written. */
  logPaths: string[];
  /** Where the source's facts are decided (retention by --audit-log-maxage, ...). */
  sourceLocations: Record<string, Location>;
}

/** Scanned files by file name: declared paths only ever match files of the same name. */
type FileIndex = ReadonlyMap<string, readonly string[]>;

function indexFiles(files: readonly string[]): FileIndex {
  const index = new Map<string, string[]>();
  for (const file of [...files].sort(compareStrings)) {
    const name = posix.basename(file);
    const list = index.get(name);
    if (list) list.push(file);
    else index.set(name, [file]);
  }
  return index;
}

function candidates(index: FileIndex, declared: readonly string[]): string[] {
  return [...new Set(declared.flatMap((d) => index.get(posix.basename(d)) ?? []))];
}

function linkApiserver(api: KubeApiserver, input: LinkInput, files: FileIndex): ApiserverLinks {
  const logPath = stringOrNull(api.audit.logPath);
  const webhook = stringOrNull(api.audit.webhookConfigFile);
  const policyFile = stringOrNull(api.audit.policyFile);
  const maxAge = numberOrNull(api.audit.maxAge);
  const maxBackup = numberOrNull(api.audit.maxBackup);
  const toStdout = logPath === '-';
  const hostLogPath = logPath && !toStdout ? hostPathOf(logPath, api.mounts) : null;
  const logOnHost = logPath === null ? null : toStdout || hostLogPath !== null;

  const unreadable: Record<string, string> = {};
  // resolved: true (the named policy is in the scanned tree and parses), false (the named file is
  // there but is not an audit Policy), null (not in the scanned tree, or more than one candidate).
  let policy: Record<string, unknown> = { resolved: null, path: null };
  const policyLocations: Record<string, Location> = {};
  if (policyFile) {
    const hostPolicy = hostPathOf(policyFile, api.mounts);
    const declared = hostPolicy ? [policyFile, hostPolicy] : [policyFile];
    const match = bestFileMatch(declared, candidates(files, declared), api.path);
    if (match.kind === 'found') {
      const doc = input.policies.find((p) => p.path === match.path);
      const error = input.errors.get(match.path);
      if (doc) {
        policy = { resolved: true, path: doc.path, ruleCount: doc.facts.ruleCount, loggingRuleCount: doc.facts.loggingRuleCount };
      } else if (error) {
        unreadable.policy = `${match.path} could not be read: ${error}`;
      } else {
        policy = { resolved: false, path: match.path, reason: `${match.path} is not an audit Policy` };
      }
    } else if (match.kind === 'ambiguous') {
      policy = { resolved: null, path: null, reason: `ambiguous: ${match.paths.join(', ')}` };
    } else {
      policy = { resolved: null, path: null, reason: `${policyFile} is not in the scanned inputs` };
    }
    const at = api.locations['audit.policyFile'];
    if (at) policyLocations.policy = at;
  }

  const subject: Subject = {
    kind: 'kube-apiserver',
    id: api.id,
    path: api.path,
    pillars: APISERVER_AUDIT_PILLARS,
    facts: {
      audit: api.audit,
      explicit: api.explicit,
      backends: { log: logPath !== null, webhook: webhook !== null },
      logOnHost,
      hostLogPath,
      policy,
    },
    locations: {
      ...api.locations,
      ...policyLocations,
      logOnHost: api.locations['audit.logPath'] ?? api.declaredAt,
      backends: api.locations.audit ?? api.declaredAt,
    },
    unreadable,
    declaredAt: api.declaredAt,
  };

  if (logPath === null && webhook === null) return { subject, source: null, sinks: [], routes: [], logPaths: [], sourceLocations: {} };

  // One file may hold several apiservers (a multi-document export): the object names them apart.
  const sourceId = `kube-apiserver-audit:${api.path}#${api.id}`;
  const sinks: Sink[] = [];
  const routes: Route[] = [];
  if (logPath !== null) {
    const where = toStdout ? 'stdout' : hostLogPath ?? logPath;
    const unbounded = (maxAge === null || maxAge === 0) && (maxBackup === null || maxBackup === 0);
    sinks.push({
      id: `file:${api.path}:${where}`,
      kind: 'local-file',
      remote: false,
      tls: null,
      // Rotation deletes a file when it is older than maxage OR beyond maxbackup files; only
      // without a count limit does maxage alone say how many days are kept.
      retentionDays: maxAge !== null && maxAge > 0 && (maxBackup === null || maxBackup === 0) ? maxAge : null,
      unbounded: toStdout ? null : unbounded,
      immutable: null,
      declaredAt: api.locations['audit.logPath'] ?? api.declaredAt,
    });
  }
  if (webhook !== null) {
    sinks.push({
      id: `webhook:${api.path}:${webhook}`,
      kind: 'webhook',
      remote: true,
      tls: null,
      retentionDays: null,
      unbounded: null,
      immutable: null,
      declaredAt: api.locations['audit.webhookConfigFile'] ?? api.declaredAt,
    });
  }
  for (const sink of sinks) {
    routes.push({ id: `${sourceId}->${sink.id}`, from: sourceId, to: sink.id, via: 'kube-apiserver', tls: sink.tls, durable: null });
  }
  const retentions = sinks.map((s) => s.retentionDays).filter((d): d is number => d !== null);
  const centralized = webhook !== null ? true : logOnHost === false ? false : null;
  const source: LogSource = {
    id: sourceId,
    system: 'kube-apiserver-audit',
    pillars: APISERVER_AUDIT_PILLARS,
    paths: [hostLogPath ?? logPath].filter((p): p is string => p !== null),
    declaredAt: api.locations['audit.logPath'] ?? api.locations['audit.webhookConfigFile'] ?? api.declaredAt,
    centralized,
    retentionDays: retentions.length > 0 ? Math.max(...retentions) : null,
    immutable: null,
  };
  const logPaths = logPath && !toStdout ? [...new Set([logPath, hostLogPath].filter((p): p is string => p !== null))] : [];
  const sourceLocations: Record<string, Location> = {};
  const maxAgeAt = api.locations['audit.maxAge'];
  if (maxAgeAt && source.retentionDays !== null) sourceLocations.retentionDays = maxAgeAt;
  const webhookAt = api.locations['audit.webhookConfigFile'];
  if (webhookAt && centralized === true) sourceLocations.centralized = webhookAt;
  return { subject, source, sinks, routes, logPaths, sourceLocations };
}

function sampleStats(sample: SampleInput, source: LogSource | null, shared: SharedCorrelation): SampleStats {
  const s = sample.summary;
  const declared = sample.declared ?? null;
  // What the configuration declares for the file comes first; then the source that wrote it; then the schema.
  const pillars = declared ? declared.pillars : source ? source.pillars : SCHEMA_PILLARS[s.schema] ?? ['applications'];
  return {
    id: `sample:${sample.path}`,
    path: sample.path,
    source: source?.id ?? null,
    declared: declared ? { system: declared.system } : null,
    pillars: [...pillars],
    format: s.format,
    formats: { ...s.formats },
    compressed: s.compressed,
    sampling: { ...s.sampling },
    schema: s.schema,
    schemas: { ...s.schemas },
    lines: s.lines,
    events: s.events,
    parseErrors: s.parseErrors,
    errorLines: [...s.errorLines],
    errorOffsets: [...s.errorOffsets],
    structuredRatio: s.structuredRatio,
    fields: { ...s.fields },
    timestamps: { ...s.timestamps },
    actors: { ...s.actors },
    outcomes: { ...s.outcomes },
    categories: Object.fromEntries(Object.entries(s.categories).map(([k, v]) => [k, { ...v }])),
    correlation: { withId: s.correlation.withId, sharedWith: shared.sharedWith, clockOffsets: shared.clockOffsets },
    secrets: { total: s.secrets.total, credentials: s.secrets.credentials, byKind: { ...s.secrets.byKind }, examples: s.secrets.examples.map((e) => ({ ...e })) },
    firstError: s.firstError,
  };
}

export interface SharedCorrelation {
  sharedWith: string[];
  /**
   * Per other sample: how many ids they share, and the median of (its time − this sample's time)
   * over the shared ids both timed: an estimate of clock offset plus processing delay.
   */
  clockOffsets: { sample: string; sharedIds: number; medianOffsetSeconds: number | null }[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** For each sample, the other samples that share correlation ids with it, and the clock offset to them. */
export function sharedCorrelation(samples: readonly SampleInput[]): Map<string, SharedCorrelation> {
  const owners = new Map<string, { sample: string; ms: number | null }[]>();
  for (const sample of samples) {
    for (const [id, ms] of sample.summary.correlation.ids) {
      const list = owners.get(id) ?? [];
      list.push({ sample: `sample:${sample.path}`, ms });
      owners.set(id, list);
    }
  }
  // pair "a\u0000b" → shared id count and time differences (b − a)
  const pairs = new Map<string, { count: number; deltas: number[] }>();
  for (const list of owners.values()) {
    if (list.length < 2) continue;
    for (const a of list) {
      for (const b of list) {
        if (a.sample === b.sample) continue;
        const key = `${a.sample}\u0000${b.sample}`;
        const entry = pairs.get(key) ?? { count: 0, deltas: [] };
        entry.count += 1;
        if (a.ms !== null && b.ms !== null) entry.deltas.push(b.ms - a.ms);
        pairs.set(key, entry);
      }
    }
  }
  const out = new Map<string, SharedCorrelation>();
  for (const key of [...pairs.keys()].sort(compareStrings)) {
    const [a = '', b = ''] = key.split('\u0000');
    const entry = pairs.get(key);
    if (!entry) continue;
    const shared = out.get(a) ?? { sharedWith: [], clockOffsets: [] };
    shared.sharedWith.push(b);
    const m = median(entry.deltas);
    shared.clockOffsets.push({ sample: b, sharedIds: entry.count, medianOffsetSeconds: m === null ? null : Math.round(m) / 1000 });
    out.set(a, shared);
  }
  return out;
}

export function link(input: LinkInput): LinkOutput {
  const files = indexFiles(input.files);
  const subjects: Subject[] = [];
  const sources: LogSource[] = [];
  const sinks: Sink[] = [];
  const routes: Route[] = [];
  const sourceLogPaths = new Map<string, string[]>();
  const sourceLocations = new Map<string, Record<string, Location>>();

  for (const policy of input.policies) {
    subjects.push({
      kind: 'k8s-audit-policy',
      id: policy.id,
      path: policy.path,
      pillars: APISERVER_AUDIT_PILLARS,
      facts: policy.facts,
      locations: policy.locations,
      unreadable: {},
      declaredAt: policy.declaredAt,
    });
  }
  for (const api of input.apiservers) {
    const linked = linkApiserver(api, input, files);
    subjects.push(linked.subject);
    sinks.push(...linked.sinks);
    routes.push(...linked.routes);
    if (linked.source) {
      sources.push(linked.source);
      sourceLogPaths.set(linked.source.id, linked.logPaths);
      sourceLocations.set(linked.source.id, linked.sourceLocations);
    }
  }

  const samples: SampleStats[] = [];
  const shared = sharedCorrelation(input.samples);
  for (const sample of input.samples) {
    const owners = sources.filter((src) => (sourceLogPaths.get(src.id) ?? []).some((p) => isLogFileOf(p, sample.path)));
    // Several sources could have written it (one per node of an export): the one declared nearest
    // the sample wins; a sample still claimed by two is evidence for neither, never a guess.
    const owner = owners.length === 1 ? (owners[0] as LogSource) : nearest(owners, (o) => o.declaredAt.path, sample.path);
    samples.push(sampleStats(sample, owner, shared.get(`sample:${sample.path}`) ?? { sharedWith: [], clockOffsets: [] }));
  }

  for (const source of sources) {
    const evidence = samples.filter((s) => s.source === source.id);
    subjects.push({
      kind: 'source',
      id: `source:${source.id}`,
      path: source.declaredAt.path,
      pillars: source.pillars,
      facts: {
        system: source.system,
        centralized: source.centralized,
        retentionDays: source.retentionDays,
        immutable: source.immutable,
        samples: evidence.length,
        sampleEvents: evidence.reduce((n, s) => n + s.events, 0),
      },
      locations: sourceLocations.get(source.id) ?? {},
      unreadable: {},
      declaredAt: source.declaredAt,
    });
  }
  for (const sample of samples) {
    subjects.push({
      kind: 'sample',
      id: sample.id,
      path: sample.path,
      pillars: sample.pillars,
      facts: { ...sample, linked: sample.source !== null },
      locations: {},
      unreadable: {},
      declaredAt: { path: sample.path, line: 1, column: 1 },
    });
  }

  const byId = <T extends { id: string }>(list: T[]): T[] => list.sort((a, b) => compareStrings(a.id, b.id));
  return {
    subjects,
    estate: { sources: byId(sources), sinks: byId(sinks), routes: byId(routes), detections: [], samples: byId(samples) },
  };
}
