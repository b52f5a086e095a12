/**
 * Grafana Loki server configuration: log retention (issue 4).
 *
 * Loki deletes logs only when told to (Loki docs, "Log retention"): the Compactor with
 * `compactor.retention_enabled: true` applies `limits_config.retention_period` and the per-stream
 * `limits_config.retention_stream` periods; the deprecated Table Manager deletes whole tables with
 * `table_manager.retention_deletes_enabled: true` and `table_manager.retention_period`. Otherwise
 * logs live forever. Defaults assumed are those of Loki 2.8 and later: retention disabled,
 * `retention_period: 0s`, and a zero period disables retention (before 2.8 Loki mishandled zero).
 * Periods are Prometheus durations (`744h`, `30d`, `1y`).
 *
 * A Loki config is recognised by its top-level sections, never by its file name: it needs one
 * section only Loki has (`schema_config`, `limits_config`, `storage_config`, `chunk_store_config`)
 * or a `compactor` with Loki's retention settings.
 */
import type { DocPath, StructuredDocument } from '../documents/yaml-document.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { Location } from '../model/vocabulary.js';
import { isRecord } from '../util/is-record.js';
import type { DocumentAdapter } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { parsePrometheusDuration, secondsToDays } from './stores/duration.js';
import { storeOutputs } from './stores/store-policy.js';
import type { StoreFacts } from './stores/store-policy.js';
import { addProblem, addUnknown, own, ownRecord, ownString, quote } from './stores/structured.js';

export const LOKI_KIND = 'loki';

/** Sections no other common server config (Cortex, Mimir, Tempo, Promtail) has at the top level. */
const LOKI_SECTIONS: readonly string[] = ['schema_config', 'limits_config', 'storage_config', 'chunk_store_config'];
/** Compactor settings of Loki's retention (Mimir's and Tempo's compactors have other ones). */
const LOKI_COMPACTOR_KEYS: readonly string[] = ['retention_enabled', 'delete_request_store', 'retention_delete_delay', 'retention_delete_worker_count'];

export function isLokiConfig(data: unknown): boolean {
  if (!isRecord(data) || own(data, 'apiVersion') !== undefined || own(data, 'kind') !== undefined) return false;
  if (LOKI_SECTIONS.some((s) => isRecord(own(data, s)))) return true;
  const compactor = ownRecord(data, 'compactor');
  return compactor !== null && LOKI_COMPACTOR_KEYS.some((k) => Object.hasOwn(compactor, k));
}

/** A value still holding an environment reference (`-config.expand-env`): unknown here. */
function isEnvReference(value: unknown): value is string {
  return typeof value === 'string' && /\$\{[^}]*\}|^\$[A-Za-z_]/.test(value);
}

interface Flag {
  value: boolean | null;
  written: boolean;
}

/** A YAML boolean; anything else is a problem (Loki refuses to start on it), or unknown when it is an env reference. */
function readFlag(read: ConfigRead, doc: StructuredDocument, path: DocPath, value: unknown): Flag {
  if (value === undefined || value === null) return { value: false, written: false };
  if (typeof value === 'boolean') return { value, written: true };
  if (isEnvReference(value)) addUnknown(read, doc, path, path.join('.'), `${quote(value)}: environment variables are not expanded here`);
  else addProblem(read, doc, path, `${path.join('.')} ${quote(value)} is not a boolean`);
  return { value: null, written: true };
}

interface Period {
  /** Seconds; null when unreadable. */
  seconds: number | null;
  written: boolean;
}

function readPeriod(read: ConfigRead, doc: StructuredDocument, path: DocPath, value: unknown): Period {
  if (value === undefined || value === null) return { seconds: 0, written: false };
  if (isEnvReference(value)) {
    addUnknown(read, doc, path, path.join('.'), `${quote(value)}: environment variables are not expanded here`);
    return { seconds: null, written: true };
  }
  const parsed = parsePrometheusDuration(value);
  if ('error' in parsed) {
    addProblem(read, doc, path, `${path.join('.')} ${quote(value)}: ${parsed.error}`);
    return { seconds: null, written: true };
  }
  return { seconds: parsed.seconds, written: true };
}

interface StreamRule {
  selector: string | null;
  priority: number | null;
  periodDays: number | null;
}

function readStreams(read: ConfigRead, doc: StructuredDocument, value: unknown): { streams: StreamRule[]; paths: DocPath[] } {
  const base = ['limits_config', 'retention_stream'];
  if (value === undefined || value === null) return { streams: [], paths: [] };
  if (!Array.isArray(value)) {
    addProblem(read, doc, base, 'limits_config.retention_stream is not a list');
    return { streams: [], paths: [] };
  }
  const streams: StreamRule[] = [];
  const paths: DocPath[] = [];
  value.forEach((item: unknown, i) => {
    const path = [...base, i];
    if (!isRecord(item)) return addProblem(read, doc, path, 'a retention_stream entry is not an object');
    const period = readPeriod(read, doc, [...path, 'period'], own(item, 'period'));
    if (!period.written) addProblem(read, doc, path, 'a retention_stream entry without period');
    const priority = own(item, 'priority');
    streams.push({
      selector: ownString(item, 'selector'),
      priority: typeof priority === 'number' && Number.isFinite(priority) ? priority : null,
      periodDays: period.written && period.seconds !== null ? secondsToDays(period.seconds) : null,
    });
    paths.push(period.written ? [...path, 'period'] : path);
  });
  return { streams, paths };
}

export function readLokiConfig(doc: StructuredDocument): ConfigRead {
  const read = emptyRead(LOKI_KIND);
  const data = doc.data;
  const compactorFlag = readFlag(read, doc, ['compactor', 'retention_enabled'], own(ownRecord(data, 'compactor'), 'retention_enabled'));
  const tableFlag = readFlag(read, doc, ['table_manager', 'retention_deletes_enabled'], own(ownRecord(data, 'table_manager'), 'retention_deletes_enabled'));
  const limits = ownRecord(data, 'limits_config');
  const global = readPeriod(read, doc, ['limits_config', 'retention_period'], own(limits, 'retention_period'));
  const table = readPeriod(read, doc, ['table_manager', 'retention_period'], own(ownRecord(data, 'table_manager'), 'retention_period'));
  const { streams, paths: streamPaths } = readStreams(read, doc, own(limits, 'retention_stream'));
  const overrides = tenantOverrides(read, doc, data);

  // Each mechanism: whether it deletes, and after how long (0 disables it).
  const compactorDeletes = compactorFlag.value === true && global.seconds !== null && global.seconds > 0;
  const tableDeletes = tableFlag.value === true && table.seconds !== null && table.seconds > 0;
  const undecided = compactorFlag.value === null || tableFlag.value === null || (compactorFlag.value && global.seconds === null) || (tableFlag.value && table.seconds === null);
  const candidates: { seconds: number; path: DocPath }[] = [];
  if (compactorDeletes) candidates.push({ seconds: global.seconds ?? 0, path: ['limits_config', 'retention_period'] });
  if (tableDeletes) candidates.push({ seconds: table.seconds ?? 0, path: ['table_manager', 'retention_period'] });
  // Both at once: whichever deletes first.
  const applied = candidates.sort((a, b) => a.seconds - b.seconds)[0] ?? null;
  const retentionDays = applied ? secondsToDays(applied.seconds) : null;
  const unbounded = applied ? false : undecided ? null : true;

  const streamsApply = compactorFlag.value === true;
  const effective = streamsApply ? streams : [];
  const shortest = shortestStream(effective);

  const locations: Record<string, Location> = {};
  const decidedAt = applied ? applied.path : decisiveSwitch(data, compactorFlag, tableFlag, global);
  for (const key of ['retentionDays', 'minRetentionDays', 'unbounded', 'explicit', 'hotDays', 'hotUnbounded']) locations[key] = doc.locate(decidedAt);
  locations.retentionEnabled = doc.locate(['compactor', 'retention_enabled']);
  locations.readOnlyAfterDays = doc.locate([]);
  locations.streams = doc.locate(['limits_config', 'retention_stream']);
  locations.streamCount = locations.streams;
  const shortestPath = shortest === null ? undefined : streamPaths[streams.indexOf(shortest)];
  locations.shortestStreamDays = doc.locate(shortestPath ?? ['limits_config', 'retention_stream']);
  locations.shortestStreamSelector = locations.shortestStreamDays;
  if (overrides) locations.tenantOverrides = doc.locate(overrides.path);

  const facts: StoreFacts = {
    store: 'loki',
    name: 'loki',
    indexPatterns: ['*'],
    retentionDays,
    unbounded,
    // Loki has no write block to turn on: chunks are immutable objects once flushed.
    readOnlyAfterDays: null,
    explicit: applied ? (applied.path[0] === 'table_manager' ? table.written : global.written) : undecided ? null : false,
    minRetentionDays: retentionDays,
    hotDays: retentionDays,
    hotUnbounded: unbounded,
  };
  const extra = {
    retentionEnabled: compactorFlag.value === true || tableFlag.value === true ? true : compactorFlag.value === null || tableFlag.value === null ? null : false,
    retentionMechanism: applied ? (applied.path[0] === 'table_manager' ? 'table-manager' : 'compactor') : null,
    retentionPeriodDays: global.seconds === null ? null : secondsToDays(global.seconds),
    deleteRequestStore: ownString(ownRecord(data, 'compactor'), 'delete_request_store'),
    streams,
    /** Stream rules that take effect (they need the Compactor's retention). */
    streamCount: effective.length,
    shortestStreamDays: shortest?.periodDays ?? null,
    shortestStreamSelector: shortest?.selector ?? null,
    tenantOverrides: overrides?.file ?? null,
  };
  const out = storeOutputs(doc.path, facts, extra, doc.locate([]), locations);
  read.policies.push(out.policy);
  read.subjects.push(out.subject);
  return read;
}

/** Where the absence of retention is decided: the switch that is off (or missing), else the zero period. */
function decisiveSwitch(data: unknown, compactor: Flag, table: Flag, global: Period): DocPath {
  if (compactor.value === true) return ['limits_config', 'retention_period'];
  if (compactor.written || !isRecord(own(data, 'table_manager'))) return ['compactor', 'retention_enabled'];
  if (table.value === true) return ['table_manager', 'retention_period'];
  return global.written ? ['compactor', 'retention_enabled'] : ['table_manager', 'retention_deletes_enabled'];
}

/** The stream rule with the shortest readable period (the first on ties). */
function shortestStream(streams: readonly StreamRule[]): StreamRule | null {
  let best: StreamRule | null = null;
  for (const s of streams) {
    if (s.periodDays === null) continue;
    if (best === null || s.periodDays < (best.periodDays ?? Infinity)) best = s;
  }
  return best;
}

/** Per-tenant overrides live in another file (runtime config): their retention is not read. */
function tenantOverrides(read: ConfigRead, doc: StructuredDocument, data: unknown): { file: string; path: DocPath } | null {
  const candidates: (readonly [string, string])[] = [['runtime_config', 'file'], ['limits_config', 'per_tenant_override_config']];
  for (const [section, key] of candidates) {
    const path = [section, key];
    const file = ownString(ownRecord(data, section), key);
    if (file === null) continue;
    addUnknown(read, doc, path, path.join('.'), `per-tenant overrides in ${quote(file)} may set other retention periods per tenant; that file is not read with this one`);
    return { file, path };
  }
  return null;
}

const adapter: DocumentAdapter = {
  kind: LOKI_KIND,
  claims: (_path, data) => isLokiConfig(data),
  read: (doc) => readLokiConfig(doc),
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [adapter] };
