/**
 * OpenSearch Index State Management (ISM) policies (issue 4).
 *
 * Read from the body of `PUT _plugins/_ism/policies/<id>` (`{"policy": {...}}`), the answer of a GET
 * on one policy (`{"_id": ..., "policy": {...}}`) or on all (`{"policies": [...]}`); Open Distro
 * policies have the same shape. A policy is a state machine: an index starts in `default_state`,
 * runs the state's actions, then takes the first transition whose condition holds. Conditions are
 * not cumulative: `min_index_age` is the age since the index was created (OpenSearch docs,
 * "Transitions"), `min_rollover_age` the time since its rollover; `min_doc_count`, `min_size` and
 * `cron` do not depend on age. The age at which an index can first enter a state holding `delete`
 * is the retention figure: the shortest over every path from the default state (data may be
 * deleted at the earliest of them). A transition without conditions always holds, so the
 * transitions listed after it are never taken.
 *
 * `ism_template.index_patterns` are the policy's own index patterns (new indices matching them get
 * the policy).
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

export const ISM_KIND = 'opensearch-ism';

/** ISM actions of OpenSearch 2.x (and Amazon OpenSearch Service's UltraWarm/cold migrations). */
const ISM_ACTIONS: ReadonlySet<string> = new Set([
  'alias', 'allocation', 'close', 'cold_delete', 'cold_migration', 'convert_index_to_remote', 'delete', 'force_merge',
  'index_priority', 'notification', 'open', 'read_only', 'read_write', 'replica_count', 'rollover', 'rollup',
  'shrink', 'snapshot', 'stop_replication', 'transform', 'warm_migration',
]);
/** Settings every action may carry besides its own body. */
const ACTION_OPTIONS: ReadonlySet<string> = new Set(['timeout', 'retry']);
const DELETE_ACTIONS: readonly string[] = ['delete', 'cold_delete'];
/** `read_only` blocks writes; UltraWarm indices (`warm_migration`) are read-only. */
const READ_ONLY_ACTIONS: readonly string[] = ['read_only', 'warm_migration'];
/** After these an index is no longer searchable as it was: deleted, closed or moved to cold storage. */
const UNSEARCHABLE_ACTIONS: readonly string[] = ['delete', 'cold_delete', 'close', 'cold_migration'];

const POLICY_KEYS: ReadonlySet<string> = new Set([
  'policy_id', 'description', 'default_state', 'states', 'ism_template', 'error_notification', 'schema_version', 'last_updated_time', 'user',
]);

// ---------------------------------------------------------------------------------------------
// Claims

function isPolicyBody(value: unknown): boolean {
  return Array.isArray(own(ownRecord(value, 'policy'), 'states'));
}

export function isIsmPolicyDocument(data: unknown): boolean {
  if (!isRecord(data) || own(data, 'apiVersion') !== undefined || own(data, 'kind') !== undefined) return false;
  if (isPolicyBody(data)) return true;
  const listed = own(data, 'policies');
  return Array.isArray(listed) && listed.length > 0 && listed.some(isPolicyBody);
}

// ---------------------------------------------------------------------------------------------
// The state machine

type ConditionKind = 'always' | 'min_index_age' | 'min_rollover_age' | 'min_doc_count' | 'min_size' | 'min_primary_shard_size' | 'cron' | 'unreadable';
const CONDITIONS: readonly ConditionKind[] = ['min_index_age', 'min_rollover_age', 'min_doc_count', 'min_size', 'min_primary_shard_size', 'cron'];

interface Transition {
  target: string;
  kind: ConditionKind;
  /** The age (seconds) the condition needs; 0 for conditions that do not depend on age. */
  seconds: number;
  path: DocPath;
}

interface State {
  name: string;
  path: DocPath;
  /** Action name → where it is written and its body (the first of a name). */
  actions: Map<string, { path: DocPath; body: unknown }>;
  transitions: Transition[];
}

interface Entry {
  /** The youngest index age (seconds) at which the state can be entered. */
  seconds: number;
  /** True when an unreadable condition lies on the way: the age is then unknown. */
  uncertain: boolean;
  /** The state entered before, and the condition of the transition taken from it (null for the default state). */
  previous: string | null;
  kind: ConditionKind | null;
  /** Where the transition into the state is written (the default state: `default_state`). */
  at: DocPath;
}

export function readIsmPolicies(doc: StructuredDocument): ConfigRead {
  const read = emptyRead(ISM_KIND);
  const data = doc.data;
  if (isPolicyBody(data)) {
    const policy = ownRecord(data, 'policy') ?? {};
    readPolicy(read, doc, ['policy'], policy, ownString(policy, 'policy_id') ?? ownString(data, '_id') ?? fileStem(doc.path));
  } else {
    const listed = own(data, 'policies');
    (Array.isArray(listed) ? listed : []).forEach((item: unknown, i) => {
      const policy = ownRecord(item, 'policy');
      if (!policy || !isPolicyBody(item)) return;
      readPolicy(read, doc, ['policies', i, 'policy'], policy, ownString(policy, 'policy_id') ?? ownString(item, '_id') ?? `${fileStem(doc.path)}#${i}`);
    });
  }
  if (read.policies.length === 0) {
    read.fatal = true;
    if (read.problems.length === 0) addProblem(read, doc, [], 'no ISM policy could be read');
  }
  return read;
}

function readPolicy(read: ConfigRead, doc: StructuredDocument, base: DocPath, policy: Record<string, unknown>, name: string): void {
  for (const key of Object.keys(policy)) {
    if (!POLICY_KEYS.has(key)) addUnknown(read, doc, [...base, key], `policy.${quote(key)}`, 'not an ISM policy field');
  }
  const statesPath = [...base, 'states'];
  const states = readStates(read, doc, statesPath, own(policy, 'states'));
  const defaultState = ownString(policy, 'default_state');
  const defaultPath = [...base, 'default_state'];
  let entries: Map<string, Entry> | null = null;
  if (defaultState === null) addProblem(read, doc, defaultPath, 'default_state is missing: ISM needs the state new indices start in');
  else if (!states.has(defaultState)) addProblem(read, doc, defaultPath, `default_state ${quote(defaultState)} names no state of the policy`);
  else entries = earliestEntries(states, defaultState, defaultPath);

  const reached = (actions: readonly string[]): { state: State; entry: Entry; action: string } | null => earliestWith(states, entries, actions);
  const deletion = reached(DELETE_ACTIONS);
  const readOnly = reached(READ_ONLY_ACTIONS);
  const leavesSearch = reached(UNSEARCHABLE_ACTIONS);
  // An unreadable condition on the way leaves the age unknown; the rest are lower bounds.
  const ageOf = (found: { entry: Entry } | null): number | null => (found && !found.entry.uncertain ? secondsToDays(found.entry.seconds) : null);
  const via = deletion && entries ? conditionsTo(entries, deletion.state.name) : [];

  const at = doc.locate(base);
  const statesAt = doc.locate(statesPath);
  const locations: Record<string, Location> = { states: statesAt, defaultState: doc.locate(defaultPath) };
  const retentionAt = deletion ? doc.locate(deletion.entry.at) : statesAt;
  for (const key of ['retentionDays', 'minRetentionDays', 'unbounded', 'explicit', 'deleteState', 'deleteTriggers']) locations[key] = retentionAt;
  locations.readOnlyAfterDays = readOnly ? doc.locate(readOnly.state.actions.get(readOnly.action)?.path ?? readOnly.state.path) : statesAt;
  locations.hotDays = leavesSearch ? doc.locate(leavesSearch.entry.at) : statesAt;
  locations.hotUnbounded = locations.hotDays;
  const templates = ismTemplates(own(policy, 'ism_template'));
  locations.indexPatterns = doc.locate([...base, 'ism_template']);

  const retentionDays = ageOf(deletion);
  const facts: StoreFacts = {
    store: 'opensearch',
    name,
    indexPatterns: templates.flatMap((t) => t.indexPatterns),
    retentionDays,
    unbounded: entries === null ? null : deletion === null,
    readOnlyAfterDays: ageOf(readOnly),
    // Without a usable default state, whether a delete state is reached cannot be told.
    explicit: entries === null ? null : deletion !== null,
    minRetentionDays: retentionDays,
    hotDays: ageOf(leavesSearch),
    hotUnbounded: entries === null ? null : leavesSearch === null,
  };
  const extra = {
    defaultState,
    states: [...states.values()].map((s) => ({
      name: s.name,
      actions: [...s.actions.keys()],
      enteredAfterDays: entries?.has(s.name) ? secondsToDays(entries.get(s.name)?.seconds ?? 0) : null,
    })),
    deleteState: deletion ? deletion.state.name : null,
    /** Conditions on the earliest way to deletion; `min_size`, `min_doc_count` and `cron` make it volume- or calendar-driven. */
    deleteTriggers: deletion ? via.filter((k) => k !== 'always') : null,
    /** Whether the retention age is counted from the index creation or from its rollover. */
    retentionFrom: deletion ? (via.includes('min_rollover_age') ? 'rollover' : 'creation') : null,
    readOnlyAction: readOnly ? readOnly.action : null,
    rollover: rolloverFacts(states),
    ismTemplates: templates,
  };
  const out = storeOutputs(doc.path, facts, extra, at, locations);
  read.policies.push(out.policy);
  read.subjects.push(out.subject);
}

function readStates(read: ConfigRead, doc: StructuredDocument, statesPath: DocPath, value: unknown): Map<string, State> {
  const states = new Map<string, State>();
  const list = Array.isArray(value) ? value : [];
  list.forEach((item: unknown, i) => {
    const path = [...statesPath, i];
    const name = ownString(item, 'name');
    if (name === null) return addProblem(read, doc, path, 'a state without a name');
    if (states.has(name)) return addProblem(read, doc, [...path, 'name'], `state ${quote(name)} is defined twice`);
    states.set(name, { name, path, actions: readActions(read, doc, path, own(item, 'actions')), transitions: [] });
  });
  // Transitions after every state is known, so that targets can be checked.
  list.forEach((item: unknown, i) => {
    const state = states.get(ownString(item, 'name') ?? '');
    if (state && state.path[state.path.length - 1] === i) state.transitions = readTransitions(read, doc, [...statesPath, i], own(item, 'transitions'), states);
  });
  return states;
}

function readActions(read: ConfigRead, doc: StructuredDocument, statePath: DocPath, value: unknown): Map<string, { path: DocPath; body: unknown }> {
  const actions = new Map<string, { path: DocPath; body: unknown }>();
  if (value === undefined) return actions;
  if (!Array.isArray(value)) {
    addProblem(read, doc, [...statePath, 'actions'], 'actions is not a list');
    return actions;
  }
  value.forEach((action: unknown, i) => {
    const path = [...statePath, 'actions', i];
    const names = isRecord(action) ? Object.keys(action).filter((k) => !ACTION_OPTIONS.has(k)) : [];
    if (names.length !== 1) return addProblem(read, doc, path, 'an action must name exactly one operation');
    const name = names[0] ?? '';
    if (!ISM_ACTIONS.has(name)) addUnknown(read, doc, [...path, name], `action ${quote(name)}`, 'not an ISM action');
    if (!actions.has(name)) actions.set(name, { path: [...path, name], body: own(action, name) });
  });
  return actions;
}

function readTransitions(read: ConfigRead, doc: StructuredDocument, statePath: DocPath, value: unknown, states: ReadonlyMap<string, State>): Transition[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    addProblem(read, doc, [...statePath, 'transitions'], 'transitions is not a list');
    return [];
  }
  const out: Transition[] = [];
  value.forEach((item: unknown, i) => {
    const path = [...statePath, 'transitions', i];
    const target = ownString(item, 'state_name');
    if (target === null) return addProblem(read, doc, path, 'a transition without state_name');
    if (!states.has(target)) return addProblem(read, doc, [...path, 'state_name'], `transition to ${quote(target)}, which is not a state of the policy`);
    out.push({ target, path, ...readCondition(read, doc, path, own(item, 'conditions')) });
  });
  return out;
}

function readCondition(read: ConfigRead, doc: StructuredDocument, transitionPath: DocPath, value: unknown): { kind: ConditionKind; seconds: number } {
  const path = [...transitionPath, 'conditions'];
  if (value === undefined || value === null || (isRecord(value) && Object.keys(value).length === 0)) return { kind: 'always', seconds: 0 };
  if (!isRecord(value)) {
    addProblem(read, doc, path, 'conditions is not an object');
    return { kind: 'unreadable', seconds: 0 };
  }
  const keys = Object.keys(value);
  const unknown = keys.filter((k) => !(CONDITIONS as readonly string[]).includes(k));
  for (const key of unknown) addUnknown(read, doc, [...path, key], `condition ${quote(key)}`, 'not an ISM transition condition');
  if (keys.length !== 1 || unknown.length > 0) {
    if (keys.length > 1) addProblem(read, doc, path, 'ISM takes exactly one condition per transition');
    return { kind: 'unreadable', seconds: 0 };
  }
  const kind = keys[0] as ConditionKind;
  if (kind !== 'min_index_age' && kind !== 'min_rollover_age') return { kind, seconds: 0 };
  const written = own(value, kind);
  const parsed = parseElasticTime(written);
  if ('error' in parsed) {
    addProblem(read, doc, [...path, kind], `${kind} ${quote(written)}: ${parsed.error}`);
    return { kind: 'unreadable', seconds: 0 };
  }
  // Since a rollover, an index is at least as old: the rollover age is a lower bound of its age.
  return { kind, seconds: parsed.seconds };
}

/**
 * The youngest age at which each state can be entered (Dijkstra over max: entering a state takes
 * the later of the previous entry and the condition's age). Ties keep the path without unreadable
 * conditions.
 */
function earliestEntries(states: ReadonlyMap<string, State>, start: string, startAt: DocPath): Map<string, Entry> {
  const best = new Map<string, Entry>([[start, { seconds: 0, uncertain: false, previous: null, kind: null, at: startAt }]]);
  const done = new Set<string>();
  const queue = new MinQueue();
  queue.push(0, start);
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const current = next;
    if (done.has(current)) continue;
    done.add(current);
    const from = best.get(current);
    const state = states.get(current);
    if (!from || !state) continue;
    for (const t of state.transitions) {
      const candidate: Entry = {
        seconds: Math.max(from.seconds, t.seconds),
        uncertain: from.uncertain || t.kind === 'unreadable',
        previous: current,
        kind: t.kind,
        at: t.kind === 'always' || t.kind === 'unreadable' ? t.path : [...t.path, 'conditions', t.kind],
      };
      const known = best.get(t.target);
      const better = !known || candidate.seconds < known.seconds || (candidate.seconds === known.seconds && known.uncertain && !candidate.uncertain);
      if (better && !done.has(t.target)) {
        best.set(t.target, candidate);
        queue.push(candidate.seconds, t.target);
      }
      // Transitions are taken in order: one that always holds hides the rest.
      if (t.kind === 'always') break;
    }
  }
  return best;
}

/** The conditions taken from the default state to `name`, in order. */
function conditionsTo(entries: ReadonlyMap<string, Entry>, name: string): ConditionKind[] {
  const kinds: ConditionKind[] = [];
  const seen = new Set<string>();
  for (let at: string | null = name; at !== null && !seen.has(at); ) {
    seen.add(at);
    const entry = entries.get(at);
    if (!entry) break;
    if (entry.kind) kinds.unshift(entry.kind);
    at = entry.previous;
  }
  return kinds;
}

/** A binary heap of states by entry age (a policy may hold many states; selection by scan would be quadratic). */
class MinQueue {
  private readonly items: { seconds: number; name: string }[] = [];

  push(seconds: number, name: string): void {
    const items = this.items;
    items.push({ seconds, name });
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      const [a, b] = [items[i], items[parent]];
      if (!a || !b || b.seconds <= a.seconds) break;
      [items[i], items[parent]] = [b, a];
      i = parent;
    }
  }

  pop(): string | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (items.length === 0) return top.name;
    items[0] = last;
    for (let i = 0; ; ) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      if ((items[l]?.seconds ?? Infinity) < (items[smallest]?.seconds ?? Infinity)) smallest = l;
      if ((items[r]?.seconds ?? Infinity) < (items[smallest]?.seconds ?? Infinity)) smallest = r;
      if (smallest === i) break;
      const [a, b] = [items[i], items[smallest]];
      if (!a || !b) break;
      [items[i], items[smallest]] = [b, a];
      i = smallest;
    }
    return top.name;
  }
}

function earliestWith(states: ReadonlyMap<string, State>, entries: ReadonlyMap<string, Entry> | null, actions: readonly string[]): { state: State; entry: Entry; action: string } | null {
  let found: { state: State; entry: Entry; action: string } | null = null;
  for (const [name, entry] of entries ?? []) {
    const state = states.get(name);
    const action = state ? actions.find((a) => state.actions.has(a)) : undefined;
    if (!state || !action) continue;
    if (!found || entry.seconds < found.entry.seconds || (entry.seconds === found.entry.seconds && state.name < found.state.name)) found = { state, entry, action };
  }
  return found;
}

interface IsmTemplate {
  indexPatterns: string[];
  priority: number | null;
}

function ismTemplates(value: unknown): IsmTemplate[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((item: unknown): IsmTemplate[] => {
    if (!isRecord(item)) return [];
    const priority = own(item, 'priority');
    return [{ indexPatterns: stringList(own(item, 'index_patterns')), priority: typeof priority === 'number' && Number.isFinite(priority) ? priority : null }];
  });
}

/** The rollover of the first state that rolls over: its conditions as written. */
function rolloverFacts(states: ReadonlyMap<string, State>): Record<string, string | number | null> | null {
  for (const state of states.values()) {
    const rollover = state.actions.get('rollover');
    if (!rollover) continue;
    const text = (key: string): string | null => {
      const v = own(rollover.body, key);
      return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? String(v) : null;
    };
    const age = text('min_index_age');
    const parsed = age === null ? null : parseElasticTime(age);
    return {
      state: state.name,
      minIndexAge: age,
      minIndexAgeDays: parsed && 'seconds' in parsed ? secondsToDays(parsed.seconds) : null,
      minSize: text('min_size'),
      minPrimaryShardSize: text('min_primary_shard_size'),
      minDocCount: text('min_doc_count'),
    };
  }
  return null;
}

const adapter: DocumentAdapter = {
  kind: ISM_KIND,
  claims: (_path, data) => isIsmPolicyDocument(data),
  read: (doc) => readIsmPolicies(doc),
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [adapter] };
