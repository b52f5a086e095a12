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
import type { ConfigRead, Pipeline, SourceDecl, Unknown } from '../model/pipeline.js';
import { cloudResources } from '../iac/cloud-resources.js';
import { hostRootOf } from './host-root.js';
import { linkCloud } from './link-cloud.js';
import { linkPipelines } from './link-pipelines.js';
import type { Carrier, JournaldSettings, SourceNode, SourceRouting } from './link-pipelines.js';
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
  /** What config adapters read: shipper pipelines, declared sources, store policies, host and service settings. */
  configs?: readonly ConfigRead[];
  samples: readonly SampleInput[];
  /** Files that could not be read or parsed: path → reason. */
  errors: ReadonlyMap<string, string>;
  /** Every file of the scanned tree (posix, relative), for resolving declared paths. */
  files: readonly string[];
  /** `.tfvars` files named by --var-file (report paths, in order). */
  varFiles?: readonly string[];
}

export interface LinkOutput {
  subjects: Subject[];
  estate: Estate;
  /** Cloud IaC constructs not understood or not knowable (a remote module, a dynamic block), for the inventory. */
  notes: Unknown[];
  /** Cloud IaC problems found while evaluating modules (a module call that cannot be followed). */
  problems: { at: Location; message: string }[];
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
  /** How the pipeline linker finds the source: the audit log on the node, or container stdout. */
  node: SourceNode | null;
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

  if (logPath === null && webhook === null) return { subject, source: null, sinks: [], routes: [], logPaths: [], sourceLocations: {}, node: null };

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
  const config = webhook !== null ? webhookConfig(webhook, api, input, files) : null;
  if (webhook !== null) {
    sinks.push({
      id: `webhook:${api.path}:${webhook}`,
      kind: 'webhook',
      remote: true,
      tls: config ? booleanOrNull(config.facts.tls) : null,
      retentionDays: null,
      unbounded: null,
      immutable: null,
      declaredAt: api.locations['audit.webhookConfigFile'] ?? api.declaredAt,
    });
  }
  for (const sink of sinks) {
    const route: Route = { id: `${sourceId}->${sink.id}`, from: sourceId, to: sink.id, via: 'kube-apiserver', tls: sink.tls, durable: null };
    if (sink.kind === 'webhook') route.tlsVerify = sink.tls === false ? false : config ? booleanOrNull(config.facts.tlsVerify) : null;
    routes.push(route);
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
  if (config) {
    sourceLocations.tls = config.locations.tls ?? config.declaredAt;
    sourceLocations.tlsVerify = config.locations.tlsVerify ?? config.declaredAt;
  }
  const host = hostRootOf(api.path);
  const carriers: Carrier[] = toStdout ? [{ kind: 'containers', host }] : logPaths.map((path) => ({ kind: 'file' as const, path, host }));
  const node: SourceNode = {
    source,
    carriers,
    outputs: [],
    localRetention: source.retentionDays !== null && maxAgeAt ? [{ days: source.retentionDays, at: maxAgeAt }] : [],
  };
  return { subject, source, sinks, routes, logPaths, sourceLocations, node };
}

function booleanOrNull(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** The audit webhook kubeconfig an apiserver's --audit-webhook-config-file names, when the scan read it. */
function webhookConfig(webhook: string, api: KubeApiserver, input: LinkInput, files: FileIndex): Subject | null {
  const hostPath = hostPathOf(webhook, api.mounts);
  const declared = hostPath ? [webhook, hostPath] : [webhook];
  const match = bestFileMatch(declared, candidates(files, declared), api.path);
  if (match.kind !== 'found') return null;
  for (const read of input.configs ?? []) for (const subject of read.subjects) if (subject.kind === 'audit-webhook' && subject.path === match.path) return subject;
  return null;
}

/** A source a service or host config declares, as the pipeline linker sees it. */
function declaredNode(decl: SourceDecl): SourceNode {
  const host = hostRootOf(decl.declaredAt.path);
  const carriers: Carrier[] = [
    ...decl.paths.map((path) => ({ kind: 'file' as const, path, host })),
    ...decl.channels.map((c): Carrier => (c.kind === 'syslog' ? { kind: 'syslog', facility: c.facility, host } : { kind: c.kind, host })),
  ];
  if (decl.system === 'auditd') carriers.push({ kind: 'audisp', host });
  const source: LogSource = {
    id: decl.id,
    system: decl.system,
    pillars: [...decl.pillars],
    paths: [...decl.paths],
    declaredAt: decl.declaredAt,
    centralized: null,
    retentionDays: decl.localRetentionDays,
    immutable: null,
  };
  const retentionAt = decl.locations.localRetentionDays ?? decl.declaredAt;
  return {
    localUnbounded: decl.localUnbounded === true ? (decl.locations.localUnbounded ?? decl.declaredAt) : null,
    source,
    carriers,
    outputs: decl.outputs.map((output) => ({ output, via: `${decl.system}:${decl.declaredAt.path}` })),
    localRetention: decl.localRetentionDays !== null ? [{ days: decl.localRetentionDays, at: retentionAt }] : [],
  };
}

/**
 * A store's retention matters to every pillar whose events it keeps: a `log-store` subject takes
 * the pillars of the sources routed to it (and keeps its own when none is).
 */
function widenStorePillars(subjects: Subject[], storeSources: ReadonlyMap<string, ReadonlySet<string>>, sources: readonly LogSource[]): void {
  const pillars = new Map(sources.map((s) => [s.id, s.pillars]));
  for (const subject of subjects) {
    if (subject.kind !== 'log-store') continue;
    const ids = storeSources.get(subject.id);
    if (!ids || ids.size === 0) continue;
    const set = new Set<Area>(subject.pillars);
    for (const id of ids) for (const p of pillars.get(id) ?? []) set.add(p);
    subject.pillars = [...set].sort(compareStrings);
  }
}

/** Pipelines of every config, except those of files another config includes (their content is merged there). */
function effectivePipelines(configs: readonly ConfigRead[]): Pipeline[] {
  const included = new Set(configs.flatMap((c) => c.includes));
  return configs.flatMap((c) => c.pipelines).filter((p) => !included.has(p.path));
}

/** Reasons for unknown facts, without those the producer's own config has since established. */
function knownFactsRemoved(unknown: Record<string, string>, source: LogSource): Record<string, string> {
  const out: Record<string, string> = {};
  const facts = source as unknown as Record<string, unknown>;
  for (const [fact, why] of Object.entries(unknown)) if (facts[fact] === null || facts[fact] === undefined) out[fact] = why;
  return out;
}

function orNull(values: readonly (boolean | null | undefined)[]): boolean | null {
  if (values.length === 0) return null;
  if (values.some((v) => v === false)) return false;
  return values.every((v) => v === true) ? true : null;
}

/**
 * TLS, verification and buffering over every remote route of the source: those the pipelines
 * found and those the producer opens itself (the apiserver's audit webhook).
 */
function applyRemoteRoutes(source: LogSource, routes: readonly Route[], sinks: ReadonlyMap<string, Sink>): void {
  const remote = routes.filter((r) => r.from === source.id && sinks.get(r.to)?.remote === true);
  if (remote.length === 0) return;
  source.tls = orNull(remote.map((r) => r.tls));
  source.tlsVerify = orNull(remote.map((r) => (r.tls === false ? false : r.tlsVerify)));
  source.durable = orNull(remote.map((r) => r.durable));
}

/** Applies what the pipelines tell about a source to it (never erasing what its own config established). */
function applyRouting(source: LogSource, routing: SourceRouting | undefined): void {
  if (!routing) return;
  if (routing.centralized === true || source.centralized === null) source.centralized = routing.centralized ?? source.centralized;
  source.localOnly = source.centralized === false ? true : source.centralized === true ? false : null;
  source.routes = routing.routes;
  source.tls = routing.tls;
  source.tlsVerify = routing.tlsVerify;
  source.durable = routing.durable;
  source.localRetentionDays = routing.localRetentionDays;
  source.centralRetentionDays = routing.centralRetentionDays;
  source.centralUnbounded = routing.centralUnbounded;
  source.localUnbounded = routing.localUnbounded;
  const known = [source.retentionDays, routing.localRetentionDays, routing.centralRetentionDays].filter((d): d is number => d !== null);
  source.retentionDays = known.length > 0 ? Math.max(...known) : null;
  source.evidence = routing.evidence;
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
  const configs = input.configs ?? [];
  for (const read of configs) subjects.push(...read.subjects);
  const nodes: SourceNode[] = [];
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
    if (linked.node) nodes.push(linked.node);
  }
  const declaredIds = new Set<string>();
  for (const decl of configs.flatMap((c) => c.sources)) {
    if (declaredIds.has(decl.id)) continue;
    declaredIds.add(decl.id);
    const node = declaredNode(decl);
    nodes.push(node);
    sources.push(node.source);
    sourceLogPaths.set(node.source.id, decl.paths.filter((p) => !/[*?[{]/.test(p)));
    sourceLocations.set(node.source.id, { ...decl.locations });
  }
  const journald: JournaldSettings[] = configs.flatMap((c) => c.subjects)
    .filter((s) => s.kind === 'journald')
    .map((s) => ({ path: s.path, maxRetentionDays: typeof s.facts.maxRetentionDays === 'number' ? s.facts.maxRetentionDays : null, at: s.locations.maxRetentionDays ?? s.declaredAt }));
  const piped = linkPipelines({
    nodes,
    pipelines: effectivePipelines(configs),
    policies: configs.flatMap((c) => c.policies),
    attachments: configs.flatMap((c) => c.attachments),
    rotations: configs.flatMap((c) => c.rotations.map((r) => ({ ...r, path: r.at.path }))),
    journald,
    unknowns: configs.flatMap((c) => c.unknowns),
  });
  sinks.push(...piped.sinks);
  routes.push(...piped.routes);
  subjects.push(...piped.subjects);
  const sinkById = new Map(sinks.map((s) => [s.id, s]));
  for (const source of sources) {
    const routing = piped.routing.get(source.id);
    applyRouting(source, routing);
    applyRemoteRoutes(source, routes, sinkById);
    source.routes = routes.filter((r) => r.from === source.id).length;
    const locations = sourceLocations.get(source.id) ?? {};
    // The producer's own evidence (its webhook config) first, then what the pipelines decided.
    source.evidence = { ...(source.evidence ?? {}) };
    for (const fact of ['tls', 'tlsVerify', 'centralized'] as const) {
      const own = locations[fact];
      if (own && (routing?.remoteRoutes ?? 0) === 0) source.evidence[fact] = own;
    }
    for (const [fact, at] of Object.entries(source.evidence)) locations[fact] ??= at;
    if (source.evidence?.centralRetentionDays && source.retentionDays === source.centralRetentionDays) locations.retentionDays = source.evidence.centralRetentionDays;
    sourceLocations.set(source.id, locations);
  }
  widenStorePillars(subjects, piped.storeSources, sources);

  // Cloud infrastructure as code: every audit stream with the stores it lands in.
  const iac = cloudResources(configs, input.varFiles ?? []);
  const cloud = linkCloud(iac.resources);
  subjects.push(...cloud.subjects);
  sources.push(...cloud.sources);
  sinks.push(...cloud.sinks);
  routes.push(...cloud.routes);
  for (const [id, at] of cloud.sourceLocations) sourceLocations.set(id, at);

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
        localOnly: source.localOnly ?? (source.centralized === false ? true : source.centralized === true ? false : null),
        routes: source.routes ?? routes.filter((r) => r.from === source.id).length,
        tls: source.tls ?? null,
        tlsVerify: source.tlsVerify ?? null,
        durable: source.durable ?? null,
        localRetentionDays: source.localRetentionDays ?? null,
        centralRetentionDays: source.centralRetentionDays ?? null,
        centralUnbounded: source.centralUnbounded ?? null,
        localUnbounded: source.localUnbounded ?? null,
        encrypted: source.encrypted ?? null,
        // A cloud audit stream read from infrastructure as code (a trail, flow logs, a sink).
        cloud: cloud.sourceUnknown.has(source.id),
        // Kept until someone deletes it, on the host or centrally: no retention period ends it.
        retentionUnbounded: source.localUnbounded === true || source.centralUnbounded === true,
        samples: evidence.length,
        sampleEvents: evidence.reduce((n, s) => n + s.events, 0),
      },
      locations: sourceLocations.get(source.id) ?? {},
      unreadable: {},
      unknown: cloud.sourceUnknown.get(source.id) ?? knownFactsRemoved(piped.routing.get(source.id)?.unknown ?? {}, source),
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
    estate: { sources: byId(sources), sinks: byId(sinks), routes: byId(routes), detections: byId(cloud.detections), samples: byId(samples) },
    notes: [...iac.unknowns, ...cloud.unknowns],
    problems: iac.problems,
  };
}
