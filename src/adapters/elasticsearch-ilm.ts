/**
 * Elasticsearch index lifecycle (ILM) policies and the index templates that attach them (issue 4).
 *
 * A policy is read from the body of `PUT _ilm/policy/<name>` (`{"policy": {"phases": ...}}`) or
 * from the answer of `GET _ilm/policy` (`{"<name>": {"version": 1, "policy": {...}}}`). Phases run
 * in the order hot, warm, cold, frozen, delete; an index enters a phase once its age passes the
 * phase's `min_age` (default 0ms) and the previous phase is done. With a `rollover` action in the
 * hot phase the age is counted from the rollover, otherwise from the index creation (Elasticsearch
 * reference 8.x, "How min_age is calculated"): the oldest document of an index is then kept up to
 * the rollover age plus the delete `min_age`, and every document at least the delete `min_age`.
 * That lower bound is the retention figure (`retentionDays`); `maxRetentionDays` adds the rollover
 * `max_age` when there is one.
 *
 * Index templates (composable `_index_template`, legacy `_template`, the GET answers of both, and
 * component templates) attach a policy by `index.lifecycle.name` (dotted or nested settings, with
 * or without the `index.` prefix). A data stream template whose `template.lifecycle` holds a data
 * stream lifecycle (Elasticsearch 8.11+) is itself a retention policy.
 */
import type { DocPath, StructuredDocument } from '../documents/yaml-document.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { Location } from '../model/vocabulary.js';
import { isRecord } from '../util/is-record.js';
import type { DocumentAdapter } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { parseElasticTime, secondsToDays } from './stores/duration.js';
import { fileStem, storeOutputs, stringList } from './stores/store-policy.js';
import type { StoreFacts } from './stores/store-policy.js';
import { addProblem, addUnknown, own, ownRecord, ownString, quote } from './stores/structured.js';

export const ILM_KIND = 'elasticsearch-ilm';
export const TEMPLATE_KIND = 'elasticsearch-index-template';

const PHASES = ['hot', 'warm', 'cold', 'frozen', 'delete'] as const;
type PhaseName = (typeof PHASES)[number];

/** ILM actions of Elasticsearch 7.x–8.x (`freeze` is deprecated but still read). */
const ILM_ACTIONS: ReadonlySet<string> = new Set([
  'allocate', 'delete', 'downsample', 'forcemerge', 'freeze', 'migrate', 'readonly', 'rollover',
  'searchable_snapshot', 'set_priority', 'shrink', 'unfollow', 'wait_for_snapshot',
]);

/**
 * Actions after which the index takes no more writes: `readonly` blocks writes, a searchable
 * snapshot is mounted read-only, `downsample` replaces the index by a read-only one and a frozen
 * index is read-only. `forcemerge` is not counted: current Elasticsearch docs no longer say it
 * blocks writes.
 */
const READ_ONLY_ACTIONS: readonly string[] = ['readonly', 'searchable_snapshot', 'downsample', 'freeze'];

const POLICY_KEYS: ReadonlySet<string> = new Set(['phases', '_meta', 'deprecated', 'name']);
const PHASE_KEYS: ReadonlySet<string> = new Set(['min_age', 'actions']);

// ---------------------------------------------------------------------------------------------
// Claims

function isPolicyBody(data: unknown): boolean {
  return ownRecord(ownRecord(data, 'policy'), 'phases') !== null;
}

/** `GET _ilm/policy`: every member is a named policy with its version. */
function isGetPolicyResponse(data: unknown): boolean {
  if (!isRecord(data)) return false;
  const values = Object.values(data);
  return values.length > 0 && values.every(isPolicyBody);
}

export function isIlmPolicyDocument(data: unknown): boolean {
  if (own(data, 'apiVersion') !== undefined || own(data, 'kind') !== undefined) return false;
  return isPolicyBody(data) || isGetPolicyResponse(data);
}

// ---------------------------------------------------------------------------------------------
// Policies

interface PhaseFact {
  /** As written (`30d`); null when absent (the default 0ms applies). */
  minAge: string | null;
  minAgeDays: number | null;
  /** Age of the index when it enters the phase: the largest min_age so far. */
  enteredAfterDays: number | null;
  actions: string[];
}

interface PhaseRead {
  name: PhaseName;
  fact: PhaseFact;
  path: DocPath;
  actions: Record<string, unknown>;
}

export function readIlmPolicies(doc: StructuredDocument): ConfigRead {
  const read = emptyRead(ILM_KIND);
  const data = doc.data;
  if (isPolicyBody(data)) {
    const policy = ownRecord(data, 'policy') ?? {};
    const name = ownString(data, 'name') ?? ownString(policy, 'name') ?? ownString(ownRecord(policy, '_meta'), 'name') ?? fileStem(doc.path);
    readPolicy(read, doc, ['policy'], policy, name);
  } else if (isRecord(data)) {
    for (const name of Object.keys(data).sort()) {
      const policy = ownRecord(own(data, name), 'policy');
      if (policy) readPolicy(read, doc, [name, 'policy'], policy, name);
    }
  }
  if (read.policies.length === 0) {
    read.fatal = true;
    if (read.problems.length === 0) addProblem(read, doc, [], 'no ILM policy could be read');
  }
  return read;
}

function readPolicy(read: ConfigRead, doc: StructuredDocument, base: DocPath, policy: Record<string, unknown>, name: string): void {
  const phasesPath = [...base, 'phases'];
  const phases = ownRecord(policy, 'phases') ?? {};
  for (const key of Object.keys(policy)) {
    if (!POLICY_KEYS.has(key)) addUnknown(read, doc, [...base, key], `policy.${quote(key)}`, 'not an ILM policy field');
  }
  for (const key of Object.keys(phases)) {
    if (!(PHASES as readonly string[]).includes(key)) addUnknown(read, doc, [...phasesPath, key], `phase ${quote(key)}`, 'not an ILM phase (hot, warm, cold, frozen, delete)');
  }
  const phaseList = readPhases(read, doc, phasesPath, phases);
  const at = doc.locate(base);
  const locations: Record<string, Location> = { phases: doc.locate(phasesPath) };
  const byName = new Map(phaseList.map((p) => [p.name, p]));
  for (const p of phaseList) {
    locations[`phases.${p.name}`] = doc.locate(p.path);
    locations[`phases.${p.name}.minAgeDays`] = doc.locate([...p.path, 'min_age']);
  }

  const deletePhase = byName.get('delete');
  const deletes = deletePhase !== undefined && Object.hasOwn(deletePhase.actions, 'delete');
  const retentionDays = deletes ? (deletePhase?.fact.enteredAfterDays ?? null) : null;
  const retentionAt = deletePhase ? doc.locate(deletes ? [...deletePhase.path, 'min_age'] : deletePhase.path) : doc.locate(phasesPath);
  for (const key of ['retentionDays', 'minRetentionDays', 'unbounded', 'explicit', 'maxRetentionDays']) locations[key] = retentionAt;

  const readOnly = readOnlyPoint(phaseList);
  locations.readOnlyAfterDays = readOnly ? doc.locate([...readOnly.phase.path, 'actions', readOnly.action]) : doc.locate(phasesPath);

  // Searchable at full speed until the frozen tier (partially mounted) or deletion.
  const endOfHot = byName.get('frozen') ?? (deletes ? deletePhase : undefined);
  const hotDays = endOfHot ? endOfHot.fact.enteredAfterDays : null;
  const hotAt = endOfHot ? doc.locate([...endOfHot.path, 'min_age']) : doc.locate(phasesPath);
  locations.hotDays = hotAt;
  locations.hotUnbounded = hotAt;

  const hot = byName.get('hot');
  const rollover = hot ? rolloverFacts(ownRecord(hot.actions, 'rollover')) : null;
  if (hot && rollover) locations.rollover = doc.locate([...hot.path, 'actions', 'rollover']);
  const deleteAction = deletes ? ownRecord(deletePhase?.actions, 'delete') : null;
  const deleteSnapshot = own(deleteAction, 'delete_searchable_snapshot');

  const facts: StoreFacts = {
    store: 'elasticsearch',
    name,
    indexPatterns: [],
    retentionDays,
    unbounded: !deletes,
    readOnlyAfterDays: readOnly ? readOnly.phase.fact.enteredAfterDays : null,
    explicit: deletes,
    minRetentionDays: retentionDays,
    hotDays,
    hotUnbounded: endOfHot === undefined,
  };
  const extra = {
    phases: Object.fromEntries(phaseList.map((p) => [p.name, p.fact])),
    rollover,
    /** What min_age counts from. */
    retentionFrom: rollover ? 'rollover' : 'creation',
    /** The longest a document can live: rollover max_age plus the delete min_age (null when rollover has no age bound). */
    maxRetentionDays: retentionDays === null ? null : rollover ? (rollover.maxAgeDays === null ? null : round(rollover.maxAgeDays + retentionDays)) : retentionDays,
    readOnlyAction: readOnly ? readOnly.action : null,
    readOnlyPhase: readOnly ? readOnly.phase.name : null,
    // Elasticsearch deletes the searchable snapshot with the index unless told not to.
    deleteSearchableSnapshot: deletes ? (typeof deleteSnapshot === 'boolean' ? deleteSnapshot : true) : null,
  };
  const out = storeOutputs(doc.path, facts, extra, at, locations);
  read.policies.push(out.policy);
  read.subjects.push(out.subject);
}

function round(days: number): number {
  return Math.round(days * 1000) / 1000;
}

/** The phases in lifecycle order, with the age at which an index enters each. */
function readPhases(read: ConfigRead, doc: StructuredDocument, phasesPath: DocPath, phases: Record<string, unknown>): PhaseRead[] {
  const out: PhaseRead[] = [];
  // Seconds: an index enters a phase once older than its min_age and every earlier phase's.
  let entered: number | null = 0;
  for (const name of PHASES) {
    if (!Object.hasOwn(phases, name)) continue;
    const path = [...phasesPath, name];
    const body = own(phases, name);
    if (!isRecord(body)) {
      addProblem(read, doc, path, `phase ${name} is not an object`);
      entered = null;
      continue;
    }
    for (const key of Object.keys(body)) {
      if (!PHASE_KEYS.has(key)) addUnknown(read, doc, [...path, key], `${name}.${quote(key)}`, 'not an ILM phase field');
    }
    const written = own(body, 'min_age');
    const parsed = written === undefined ? { seconds: 0 } : parseElasticTime(written);
    let age: number | null = null;
    if ('error' in parsed) addProblem(read, doc, [...path, 'min_age'], `${name}.min_age ${quote(written)}: ${parsed.error}`);
    else age = parsed.seconds;
    entered = entered === null || age === null ? null : Math.max(entered, age);
    const actions = readActions(read, doc, path, name, own(body, 'actions'));
    out.push({
      name,
      path,
      actions,
      fact: {
        minAge: typeof written === 'string' || typeof written === 'number' ? String(written) : null,
        minAgeDays: age === null ? null : secondsToDays(age),
        enteredAfterDays: entered === null ? null : secondsToDays(entered),
        actions: Object.keys(actions).sort(),
      },
    });
  }
  return out;
}

function readActions(read: ConfigRead, doc: StructuredDocument, phasePath: DocPath, phase: string, value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    addProblem(read, doc, [...phasePath, 'actions'], `${phase}.actions is not an object`);
    return {};
  }
  for (const action of Object.keys(value)) {
    if (!ILM_ACTIONS.has(action)) addUnknown(read, doc, [...phasePath, 'actions', action], `${phase} action ${quote(action)}`, 'not an ILM action');
  }
  return value;
}

/** The first phase (in lifecycle order) that makes the index read-only, and the action that does. */
function readOnlyPoint(phases: readonly PhaseRead[]): { phase: PhaseRead; action: string } | null {
  for (const phase of phases) {
    const action = READ_ONLY_ACTIONS.find((a) => Object.hasOwn(phase.actions, a));
    if (action) return { phase, action };
  }
  return null;
}

export interface RolloverFacts {
  maxAge: string | null;
  maxAgeDays: number | null;
  maxPrimaryShardSize: string | null;
  maxSize: string | null;
  maxDocs: number | null;
  maxPrimaryShardDocs: number | null;
}

function rolloverFacts(rollover: Record<string, unknown> | null): RolloverFacts | null {
  if (!rollover) return null;
  const maxAge = own(rollover, 'max_age');
  const parsed = maxAge === undefined ? null : parseElasticTime(maxAge);
  const text = (key: string): string | null => {
    const v = own(rollover, key);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  };
  const count = (key: string): number | null => {
    const v = own(rollover, key);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  return {
    maxAge: text('max_age'),
    maxAgeDays: parsed && 'seconds' in parsed ? secondsToDays(parsed.seconds) : null,
    maxPrimaryShardSize: text('max_primary_shard_size'),
    maxSize: text('max_size'),
    maxDocs: count('max_docs'),
    maxPrimaryShardDocs: count('max_primary_shard_docs'),
  };
}

// ---------------------------------------------------------------------------------------------
// Index templates

type TemplateKind = 'composable' | 'legacy' | 'component';

interface TemplateAt {
  name: string;
  kind: TemplateKind;
  body: Record<string, unknown>;
  path: DocPath;
}

const COMPOSABLE_KEYS = ['template', 'composed_of', 'data_stream', 'priority'];
const LEGACY_KEYS = ['settings', 'mappings', 'aliases', 'order'];
const COMPONENT_BODY_KEYS: ReadonlySet<string> = new Set(['template', 'version', '_meta', 'deprecated']);
const COMPONENT_TEMPLATE_KEYS: ReadonlySet<string> = new Set(['settings', 'mappings', 'aliases', 'lifecycle', 'data_stream_options']);

function hasPatterns(body: unknown): boolean {
  const patterns = own(body, 'index_patterns');
  return stringList(patterns).length > 0;
}

/** An index template body: patterns and settings/mappings, composable or legacy (ES 5 `template: "pattern"` too). */
function templateKind(body: unknown): TemplateKind | null {
  if (!isRecord(body)) return null;
  if (hasPatterns(body)) {
    if (COMPOSABLE_KEYS.some((k) => Object.hasOwn(body, k)) && (isRecord(own(body, 'template')) || !Object.hasOwn(body, 'template'))) return 'composable';
    if (LEGACY_KEYS.some((k) => Object.hasOwn(body, k))) return 'legacy';
    return null;
  }
  if (typeof own(body, 'template') === 'string' && LEGACY_KEYS.some((k) => Object.hasOwn(body, k))) return 'legacy';
  const inner = ownRecord(body, 'template');
  if (inner && Object.keys(body).every((k) => COMPONENT_BODY_KEYS.has(k)) && Object.keys(inner).length > 0 && Object.keys(inner).every((k) => COMPONENT_TEMPLATE_KEYS.has(k))) return 'component';
  return null;
}

/** The templates a document holds: one body, or the answer of a GET on templates. */
function templatesIn(data: unknown, stem: string): TemplateAt[] {
  if (!isRecord(data) || own(data, 'apiVersion') !== undefined || own(data, 'kind') !== undefined) return [];
  const listed = (key: string, inner: string, kind: TemplateKind): TemplateAt[] => {
    const items = own(data, key);
    if (!Array.isArray(items)) return [];
    return items.flatMap((item: unknown, i): TemplateAt[] => {
      const body = ownRecord(item, inner);
      const name = ownString(item, 'name');
      return body && name ? [{ name, kind, body, path: [key, i, inner] }] : [];
    });
  };
  if (Array.isArray(own(data, 'index_templates'))) return listed('index_templates', 'index_template', 'composable');
  if (Array.isArray(own(data, 'component_templates'))) return listed('component_templates', 'component_template', 'component');
  const kind = templateKind(data);
  if (kind) return [{ name: ownString(data, 'name') ?? stem, kind, body: data, path: [] }];
  // GET _template: named legacy templates.
  const names = Object.keys(data);
  if (names.length > 0 && names.every((n) => templateKind(own(data, n)) === 'legacy')) {
    return names.sort().map((name) => ({ name, kind: 'legacy' as const, body: ownRecord(data, name) ?? {}, path: [name] }));
  }
  return [];
}

export function isIndexTemplateDocument(path: string, data: unknown): boolean {
  return templatesIn(data, fileStem(path)).length > 0;
}

interface Setting {
  value: unknown;
  path: DocPath;
}

/**
 * Index settings by their full dotted name (`index.lifecycle.name`), whether written dotted or
 * nested; Elasticsearch adds the `index.` prefix to names written without it.
 */
function flattenSettings(settings: unknown, path: DocPath): Map<string, Setting> {
  const out = new Map<string, Setting>();
  const walk = (value: unknown, at: DocPath, prefix: string, depth: number): void => {
    if (isRecord(value) && depth < 32) {
      for (const key of Object.keys(value)) walk(own(value, key), [...at, key], prefix === '' ? key : `${prefix}.${key}`, depth + 1);
      return;
    }
    if (prefix === '') return;
    out.set(prefix.startsWith('index.') ? prefix : `index.${prefix}`, { value, path: at });
  };
  walk(settings, path, '', 0);
  return out;
}

export function readIndexTemplates(doc: StructuredDocument): ConfigRead {
  const read = emptyRead(TEMPLATE_KIND);
  const templates = templatesIn(doc.data, fileStem(doc.path));
  for (const template of templates) readTemplate(read, doc, template);
  if (templates.length === 0) {
    read.fatal = true;
    addProblem(read, doc, [], 'no index template could be read');
  }
  return read;
}

function readTemplate(read: ConfigRead, doc: StructuredDocument, t: TemplateAt): void {
  const settingsPath = t.kind === 'legacy' ? [...t.path, 'settings'] : [...t.path, 'template', 'settings'];
  const settingsOwner = t.kind === 'legacy' ? t.body : ownRecord(t.body, 'template');
  const settings = flattenSettings(own(settingsOwner, 'settings'), settingsPath);
  const patterns = t.kind === 'legacy' && !hasPatterns(t.body) ? stringList(own(t.body, 'template')) : stringList(own(t.body, 'index_patterns'));
  const lifecycle = settings.get('index.lifecycle.name');
  const policy = typeof lifecycle?.value === 'string' && lifecycle.value.trim() !== '' ? lifecycle.value.trim() : null;

  for (const [key, setting] of settings) {
    if (key.endsWith('index_state_management.policy_id')) {
      addUnknown(read, doc, setting.path, key, 'OpenSearch ISM no longer attaches policies from index template settings (since Open Distro 1.13); the policy\'s own ism_template decides');
    }
  }
  if (lifecycle && policy === null) addProblem(read, doc, lifecycle.path, 'index.lifecycle.name is not a policy name');
  if (policy && t.kind === 'component') {
    addUnknown(read, doc, lifecycle?.path ?? t.path, `component template ${quote(t.name)}`, `sets index.lifecycle.name = ${quote(policy)} for the composable templates that name it in composed_of; those are not resolved across files`);
  } else if (policy) {
    read.attachments.push({ store: 'elasticsearch', policy, indexPatterns: [...new Set(patterns)].sort(), at: doc.locate(lifecycle?.path ?? t.path) });
  }
  const dataStreamLifecycle = t.kind === 'composable' && own(t.body, 'data_stream') !== undefined ? ownRecord(ownRecord(t.body, 'template'), 'lifecycle') : null;
  if (dataStreamLifecycle && !policy) readDataStreamLifecycle(read, doc, t, patterns, dataStreamLifecycle);
  const composedOf = stringList(own(t.body, 'composed_of'));
  if (t.kind === 'composable' && !policy && !dataStreamLifecycle && composedOf.length > 0) {
    addUnknown(read, doc, [...t.path, 'composed_of'], `template ${quote(t.name)} composed_of`, `a lifecycle policy may come from component templates ${composedOf.map(quote).join(', ')}, not resolved across files`);
  }
}

/**
 * A data stream lifecycle (`template.lifecycle`, Elasticsearch 8.11+): backing indices are deleted
 * once older than `data_retention`; without it data is kept forever unless the cluster sets
 * `data_streams.lifecycle.retention.default` (not in this file). ILM wins when the template also
 * names an ILM policy (`index.lifecycle.prefer_ilm` defaults to true), so this is read only without one.
 */
function readDataStreamLifecycle(read: ConfigRead, doc: StructuredDocument, t: TemplateAt, patterns: string[], lifecycle: Record<string, unknown>): void {
  const path = [...t.path, 'template', 'lifecycle'];
  if (own(lifecycle, 'enabled') === false) return;
  const written = own(lifecycle, 'data_retention');
  let seconds: number | null = null;
  if (written !== undefined) {
    const parsed = parseElasticTime(written);
    if ('error' in parsed) addProblem(read, doc, [...path, 'data_retention'], `data_retention ${quote(written)}: ${parsed.error}`);
    else seconds = parsed.seconds;
  }
  const days = seconds === null ? null : secondsToDays(seconds);
  const unbounded = written === undefined ? true : seconds === null ? null : false;
  const at = doc.locate(path);
  const retentionAt = doc.locate([...path, 'data_retention']);
  const locations: Record<string, Location> = {};
  for (const key of ['retentionDays', 'minRetentionDays', 'unbounded', 'explicit', 'hotDays', 'hotUnbounded']) locations[key] = retentionAt;
  locations.readOnlyAfterDays = at;
  const facts: StoreFacts = {
    store: 'elasticsearch',
    name: `data-stream-lifecycle:${t.name}`,
    indexPatterns: patterns,
    retentionDays: days,
    unbounded,
    readOnlyAfterDays: null,
    explicit: written !== undefined,
    minRetentionDays: days,
    hotDays: days,
    hotUnbounded: unbounded,
  };
  const out = storeOutputs(doc.path, facts, { lifecycle: 'data-stream', template: t.name, retentionFrom: 'rollover' }, at, locations);
  read.policies.push(out.policy);
  read.subjects.push(out.subject);
}

// ---------------------------------------------------------------------------------------------

const policyAdapter: DocumentAdapter = {
  kind: ILM_KIND,
  claims: (_path, data) => isIlmPolicyDocument(data),
  read: (doc) => readIlmPolicies(doc),
};

const templateAdapter: DocumentAdapter = {
  kind: TEMPLATE_KIND,
  claims: (path, data) => isIndexTemplateDocument(path, data),
  read: (doc) => readIndexTemplates(doc),
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [policyAdapter, templateAdapter] };
