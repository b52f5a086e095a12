/**
 * Where GCP log sinks deliver: Cloud Logging log buckets, Cloud Storage buckets, BigQuery datasets
 * and Pub/Sub topics. Each store is keyed by the destination string a sink writes for it
 * (`storage.googleapis.com/<bucket>`, `logging.googleapis.com/projects/<p>/locations/<l>/buckets/<b>`,
 * `bigquery.googleapis.com/projects/<p>/datasets/<d>`, `pubsub.googleapis.com/projects/<p>/topics/<t>`),
 * so a literal destination finds it; a reference finds it by address.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStore } from '../../model/cloud.js';
import { blocksOf, boolOf, numberOf, stringOf, stringsOf, valueAt } from '../values.js';
import type { Read } from '../values.js';
import { FactSheet } from '../fact-sheet.js';
import { pluralOf, scopeOf } from './scope.js';
import type { ScopeKind } from './scope.js';

export const LOG_BUCKET_TYPES: Record<string, { kind: ScopeKind; attribute: string }> = {
  google_logging_project_bucket_config: { kind: 'project', attribute: 'project' },
  google_logging_folder_bucket_config: { kind: 'folder', attribute: 'folder' },
  google_logging_organization_bucket_config: { kind: 'organization', attribute: 'organization' },
  google_logging_billing_account_bucket_config: { kind: 'billing_account', attribute: 'billing_account' },
};

const DAY_SECONDS = 86_400;
const DAY_MS = 86_400_000;

export interface StoreRead {
  store: CloudStore;
  /** The store's own subject (log buckets and storage buckets; datasets and topics have none). */
  sheet: FactSheet | null;
  kind: 'gcp-log-bucket' | 'gcp-storage-bucket' | null;
  /** Storage buckets: the lifecycle, kept to settle the retention once the writers are known. */
  lifecycle?: Lifecycle;
}

/** A Cloud Logging log bucket (`google_logging_*_bucket_config`). */
export function readLogBucket(resource: CloudResource, all: readonly CloudResource[]): StoreRead | null {
  const type = Object.prototype.hasOwnProperty.call(LOG_BUCKET_TYPES, resource.type) ? LOG_BUCKET_TYPES[resource.type] : undefined;
  if (!type) return null;
  const sheet = new FactSheet(resource);
  const scope = scopeOf(resource, type.kind, type.attribute, all);
  sheet.set('scope', type.kind);
  sheet.set('scopeName', scope.name ?? scope.why ?? null, type.attribute);
  const bucketId = stringOf(resource.values['bucket_id']);
  const location = stringOf(resource.values['location']);
  sheet.set('bucketId', bucketId, 'bucket_id');
  sheet.set('location', location, 'location');

  // The _Required bucket always keeps 400 days and cannot be changed or unlocked.
  const required = bucketId === '_Required';
  // Google provider 5.x/6.x: retention_days defaults to 30 (also when 0 is written at creation).
  const written = numberOf(resource.values['retention_days']);
  const retention: Read<number> = required ? 400 : written === null || written === 0 ? 30 : written;
  sheet.set('retentionDays', retention, 'retention_days');
  // `locked` defaults to false: the retention can be changed and the bucket deleted.
  const locked = boolOf(resource.values['locked']);
  const immutable: Read<boolean> = required ? true : locked ?? false;
  sheet.set('locked', immutable, 'locked');
  const cmek = cmekOf(resource.values['cmek_settings'], 'kms_key_name');
  sheet.set('cmek', cmek, 'cmek_settings.kms_key_name');
  sheet.set('analyticsEnabled', boolOf(resource.values['enable_analytics']) ?? false, 'enable_analytics');

  const keys: string[] = [];
  if (scope.id !== null && typeof bucketId === 'string' && typeof location === 'string') {
    const name = `${pluralOf(type.kind)}/${scope.id}/locations/${location}/buckets/${bucketId}`;
    keys.push(`logging.googleapis.com/${name}`, name);
  }
  const store = baseStore(resource, 'cloud-logging', keys);
  setStoreFact(store, sheet, 'retentionDays', retention, 'retention_days');
  store.unbounded = false;
  setStoreFact(store, sheet, 'immutable', immutable, 'locked');
  setStoreFact(store, sheet, 'encrypted', cmek, 'cmek_settings.kms_key_name');
  return { store, sheet, kind: 'gcp-log-bucket' };
}

/**
 * A Cloud Storage bucket: objects are kept until a lifecycle `Delete` rule removes them, and not
 * before a retention policy allows it; a locked retention policy makes it write-once. The
 * retention is first read for any object of the bucket; `settleBucketRetention` narrows it to the
 * objects the sinks writing there create, once those are known.
 */
export function readStorageBucket(resource: CloudResource): StoreRead | null {
  if (resource.type !== 'google_storage_bucket') return null;
  const sheet = new FactSheet(resource);
  const name = stringOf(resource.values['name']);
  sheet.set('name', name, 'name');

  const policy = blocksOf(resource.values['retention_policy']);
  let policyDays: Read<number> = null;
  let policyLocked: Read<boolean> = false;
  if (isUnresolved(policy)) {
    policyDays = policy;
    policyLocked = policy;
  } else if (policy[0]) {
    const seconds = numberOf(policy[0]['retention_period']);
    policyDays = isUnresolved(seconds) || seconds === null ? seconds : Math.floor(seconds / DAY_SECONDS);
    // Google provider 5.x/6.x: is_locked defaults to false.
    policyLocked = boolOf(policy[0]['is_locked']) ?? false;
  }
  sheet.set('retentionPolicy', isUnresolved(policy) ? policy : policy.length > 0, 'retention_policy');
  sheet.set('retentionPolicyDays', policyDays, 'retention_policy.retention_period');
  sheet.set('retentionPolicyLocked', policyLocked, 'retention_policy.is_locked');

  // Versioning: `versioning { enabled = true }`; absent = off.
  const versioning = boolOf(valueAt(resource.values, 'versioning.enabled'));
  sheet.set('versioning', versioning ?? false, 'versioning.enabled');
  const logBucket = stringOf(valueAt(resource.values, 'logging.log_bucket'));
  // A target bucket given by reference is set; one from a variable without a value is not knowable.
  const accessLogging: Read<boolean> = isUnresolved(logBucket) ? (logBucket.refs.length > 0 ? true : logBucket) : logBucket !== null && logBucket.trim() !== '';
  sheet.set('accessLogging', accessLogging, 'logging.log_bucket');
  const cmek = cmekOf(resource.values['encryption'], 'default_kms_key_name');
  sheet.set('cmek', cmek, 'encryption.default_kms_key_name');
  const prevention = stringOf(resource.values['public_access_prevention']);
  sheet.set('publicAccessPrevention', prevention ?? 'inherited', 'public_access_prevention');
  const uniform = boolOf(resource.values['uniform_bucket_level_access']);
  sheet.set('uniformAccess', uniform ?? false, 'uniform_bucket_level_access');

  const keys = typeof name === 'string' && name.trim() !== '' ? [`storage.googleapis.com/${name}`, name, `gs://${name}`] : [];
  const store = baseStore(resource, 'object-store', keys);
  setStoreFact(store, sheet, 'immutable', policyLocked, 'retention_policy.is_locked');
  setStoreFact(store, sheet, 'encrypted', cmek, 'encryption.default_kms_key_name');
  const read: StoreRead = { store, sheet, kind: 'gcp-storage-bucket', lifecycle: { rules: readDeleteRules(resource), policyDays } };
  settleBucketRetention(read, []);
  return read;
}

/**
 * Sets a storage bucket's retention for the objects its writers create: each writer gives the
 * object-name prefixes it writes under (a sink that admits only audit logs writes under
 * `cloudaudit.googleapis.com/`), or null for any name. Without writers, any object counts.
 */
export function settleBucketRetention(read: StoreRead, writers: readonly (readonly string[] | null)[]): void {
  const { sheet, store, lifecycle } = read;
  if (!sheet || !lifecycle) return;
  const sites = writers.length === 0 || writers.some((w) => w === null) ? [''] : [...new Set(writers.flatMap((w) => w ?? []))].sort();
  const deleteAfter = deleteAge(lifecycle.rules, sites.length === 0 ? [''] : sites, lifecycle.policyDays);
  sheet.set('lifecycleDeleteDays', deleteAfter.days, deleteAfter.at);
  sheet.set('objectPrefixes', sites, 'lifecycle_rule');

  // Objects live until the first Delete rule fires, and never less than the retention policy.
  const policyDays = lifecycle.policyDays;
  let retention: Read<number> = null;
  let unbounded: Read<boolean> = null;
  if (isUnresolved(deleteAfter.days)) retention = unbounded = deleteAfter.days;
  else if (deleteAfter.days === null) unbounded = true;
  else {
    unbounded = false;
    retention = isUnresolved(policyDays) ? policyDays : Math.max(deleteAfter.days, policyDays ?? 0);
  }
  const retentionAt = deleteAfter.days === null ? 'retention_policy.retention_period' : deleteAfter.at;
  sheet.set('retentionDays', retention, retentionAt);
  sheet.set('unbounded', unbounded, 'lifecycle_rule');
  store.retentionDays = null;
  store.unbounded = null;
  delete store.unknown['retentionDays'];
  delete store.unknown['unbounded'];
  setStoreFact(store, sheet, 'retentionDays', retention, deleteAfter.days === null ? 'retention_policy' : deleteAfter.at);
  setStoreFact(store, sheet, 'unbounded', unbounded, 'lifecycle_rule');
}

/** A lifecycle `Delete` rule that removes live objects at an age, and which objects it is limited to. */
interface DeleteRule {
  index: number;
  age: number;
  prefixes: string[] | null;
  suffixes: string[] | null;
  /** Another condition limits it to some objects (storage class, creation or custom time). */
  otherwise: string | null;
}

interface Lifecycle {
  rules: DeleteRule[] | Unresolved;
  policyDays: Read<number>;
}

/**
 * The lifecycle rules that delete live objects at an age. Rules that only delete noncurrent
 * versions (`with_state = "ARCHIVED"`, `num_newer_versions`, `days_since_noncurrent_time`,
 * `noncurrent_time_before`) do not shorten the retention of what was written; rules without
 * `age` (only `created_before` and the like) delete once, not after a period, and are not read.
 */
function readDeleteRules(resource: CloudResource): DeleteRule[] | Unresolved {
  const rules = blocksOf(resource.values['lifecycle_rule']);
  if (isUnresolved(rules)) return rules;
  const out: DeleteRule[] = [];
  for (let index = 0; index < rules.length; index++) {
    const read = readDeleteRule(rules[index] ?? {}, index);
    if (isUnresolved(read)) return read;
    if (read !== null) out.push(read);
  }
  return out;
}

function readDeleteRule(rule: Record<string, CloudResource['values'][string]>, index: number): DeleteRule | Unresolved | null {
  const action = stringOf(valueAt(rule, 'action.type'));
  if (isUnresolved(action)) return action;
  if (action !== 'Delete') return null;
  const condition = blocksOf(rule['condition']);
  if (isUnresolved(condition)) return condition;
  const c = condition[0] ?? {};
  const state = stringOf(c['with_state']);
  if (isUnresolved(state)) return state;
  if (state === 'ARCHIVED') return null;
  for (const noncurrent of ['num_newer_versions', 'days_since_noncurrent_time', 'noncurrent_time_before']) {
    if (c[noncurrent] !== undefined && c[noncurrent] !== null) return null;
  }
  const age = numberOf(c['age']);
  if (isUnresolved(age)) return age;
  if (age === null) return null;
  const prefixes = stringList(c['matches_prefix']);
  if (isUnresolved(prefixes)) return prefixes;
  const suffixes = stringList(c['matches_suffix']);
  if (isUnresolved(suffixes)) return suffixes;
  const other = ['matches_storage_class', 'created_before', 'custom_time_before', 'days_since_custom_time'].find((k) => {
    const v = c[k];
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  });
  return { index, age, prefixes, suffixes, otherwise: other ?? null };
}

/** A list of strings; null when absent or empty (no narrowing). */
function stringList(value: CloudResource['values'][string] | undefined): string[] | null | Unresolved {
  const list = stringsOf(value);
  return isUnresolved(list) || list.length > 0 ? list : null;
}

type Applies = 'all' | 'some' | 'none';

/** Whether a rule applies to every object named under `site` ('' = any object), some, or none. */
function appliesTo(rule: DeleteRule, site: string): Applies {
  let result: Applies = 'all';
  if (rule.prefixes) {
    // Objects under `site` all start with p when site starts with p; some may when p is longer.
    const each = rule.prefixes.map((p): Applies => (site.startsWith(p) ? 'all' : p.startsWith(site) ? 'some' : 'none'));
    result = each.includes('all') ? 'all' : each.includes('some') ? 'some' : 'none';
  }
  if (result === 'none') return 'none';
  // Sink objects end in `_S<n>.json` / `_A<n>.json`: a `.json` suffix takes them all.
  if (rule.suffixes && !(site !== '' && rule.suffixes.some((x) => '.json'.endsWith(x)))) result = 'some';
  if (rule.otherwise) result = 'some';
  return result;
}

function describeRule(rule: DeleteRule): string {
  const limits: string[] = [];
  if (rule.prefixes) limits.push(`matches_prefix ${JSON.stringify(rule.prefixes)}`);
  if (rule.suffixes) limits.push(`matches_suffix ${JSON.stringify(rule.suffixes)}`);
  if (rule.otherwise) limits.push(rule.otherwise);
  return `lifecycle_rule ${rule.index + 1} (Delete at age ${rule.age}, limited by ${limits.join(' and ')})`;
}

/**
 * The age (days) at which the objects under every site are deleted: per site, the earliest
 * `Delete` rule that applies to all its objects; a rule limited to some of them that would delete
 * sooner makes it unknown (the reason names the rule); a rule that cannot match them is ignored.
 * Over the sites, the shortest. Null: never deleted.
 */
function deleteAge(rules: DeleteRule[] | Unresolved, sites: readonly string[], policyDays: Read<number>): { days: Read<number>; at: string } {
  const at = 'lifecycle_rule.condition.age';
  if (isUnresolved(rules)) return { days: rules, at };
  // A retention policy keeps every object at least its period, whichever rule fires first.
  const floor = typeof policyDays === 'number' ? policyDays : 0;
  let shortest: number | null = null;
  for (const site of sites) {
    const whole = rules.filter((r) => appliesTo(r, site) === 'all').map((r) => r.age);
    const earliest = whole.length > 0 ? Math.min(...whole) : null;
    const narrower = rules.find((r) => appliesTo(r, site) === 'some' && (earliest === null || Math.max(r.age, floor) < Math.max(earliest, floor)));
    if (narrower) {
      const where = site === '' ? 'the objects of the bucket' : `the objects under ${site}`;
      return { days: new Unresolved(`${describeRule(narrower)} deletes some of ${where}; whether the logs are among them is not known`), at };
    }
    if (earliest !== null) shortest = shortest === null ? earliest : Math.min(shortest, earliest);
  }
  return { days: shortest, at };
}

/** A BigQuery dataset: tables expire after `default_table_expiration_ms`, partitions after `default_partition_expiration_ms`. */
export function readDataset(resource: CloudResource, all: readonly CloudResource[]): StoreRead | null {
  if (resource.type !== 'google_bigquery_dataset') return null;
  const sheet = new FactSheet(resource);
  const scope = scopeOf(resource, 'project', 'project', all);
  const dataset = stringOf(resource.values['dataset_id']);
  const keys: string[] = [];
  if (scope.id !== null && typeof dataset === 'string') {
    const name = `projects/${scope.id}/datasets/${dataset}`;
    keys.push(`bigquery.googleapis.com/${name}`, name);
  }
  const table = numberOf(resource.values['default_table_expiration_ms']);
  const partition = numberOf(resource.values['default_partition_expiration_ms']);
  const store = baseStore(resource, 'warehouse', keys);
  if (isUnresolved(table) || isUnresolved(partition)) {
    const why = isUnresolved(table) ? table : (partition as Unresolved);
    setStoreFact(store, sheet, 'retentionDays', why, 'default_table_expiration_ms');
    setStoreFact(store, sheet, 'unbounded', why, 'default_table_expiration_ms');
  } else {
    // The earliest expiry removes the rows; neither set keeps tables until deleted by hand.
    const set = [table, partition].filter((v): v is number => v !== null && v > 0);
    const attribute = table !== null ? 'default_table_expiration_ms' : 'default_partition_expiration_ms';
    setStoreFact(store, sheet, 'retentionDays', set.length > 0 ? Math.floor(Math.min(...set) / DAY_MS) : null, attribute);
    setStoreFact(store, sheet, 'unbounded', set.length === 0, attribute);
  }
  // BigQuery has no write-once lock for datasets.
  setStoreFact(store, sheet, 'immutable', false);
  setStoreFact(store, sheet, 'encrypted', cmekOf(resource.values['default_encryption_configuration'], 'kms_key_name'), 'default_encryption_configuration.kms_key_name');
  return { store, sheet: null, kind: null };
}

/**
 * A Pub/Sub topic: a stream for consumers, not an archive. It keeps messages only when
 * `message_retention_duration` is set (subscriptions keep unacknowledged ones 7 days by default).
 */
export function readTopic(resource: CloudResource, all: readonly CloudResource[]): StoreRead | null {
  if (resource.type !== 'google_pubsub_topic') return null;
  const sheet = new FactSheet(resource);
  const scope = scopeOf(resource, 'project', 'project', all);
  const name = stringOf(resource.values['name']);
  const keys: string[] = [];
  if (typeof name === 'string') {
    if (name.startsWith('projects/')) keys.push(`pubsub.googleapis.com/${name}`, name);
    else if (scope.id !== null) keys.push(`pubsub.googleapis.com/projects/${scope.id}/topics/${name}`, `projects/${scope.id}/topics/${name}`);
  }
  const store = baseStore(resource, 'event-stream', keys);
  const duration = stringOf(resource.values['message_retention_duration']);
  const seconds = typeof duration === 'string' && /^\d+(\.\d+)?s$/.test(duration.trim()) ? Number(duration.trim().slice(0, -1)) : null;
  if (isUnresolved(duration)) setStoreFact(store, sheet, 'retentionDays', duration, 'message_retention_duration');
  else if (seconds !== null) setStoreFact(store, sheet, 'retentionDays', Math.floor(seconds / DAY_SECONDS), 'message_retention_duration');
  else setStoreFact(store, sheet, 'retentionDays', new Unresolved('a Pub/Sub topic keeps messages only until subscribers acknowledge them'), 'message_retention_duration');
  setStoreFact(store, sheet, 'unbounded', false);
  setStoreFact(store, sheet, 'immutable', false);
  setStoreFact(store, sheet, 'encrypted', cmekOf(resource.values['kms_key_name'], null), 'kms_key_name');
  return { store, sheet: null, kind: null };
}

function baseStore(resource: CloudResource, kind: CloudStore['kind'], keys: string[]): CloudStore {
  return {
    address: resource.address,
    stack: resource.stack,
    path: resource.path,
    kind,
    keys,
    retentionDays: null,
    unbounded: null,
    immutable: null,
    encrypted: null,
    declaredAt: resource.at,
    locations: {},
    unknown: {},
  };
}

type StoreFact = 'retentionDays' | 'unbounded' | 'immutable' | 'encrypted';

function setStoreFact(store: CloudStore, sheet: FactSheet, fact: StoreFact, value: Read<number> | Read<boolean>, attribute?: string): void {
  store.locations[fact] = sheet.locate(attribute);
  if (isUnresolved(value)) {
    store.unknown[fact] = value.reason;
    return;
  }
  if (fact === 'retentionDays') store.retentionDays = typeof value === 'number' ? value : null;
  else store[fact] = typeof value === 'boolean' ? value : null;
}

/** A customer-managed key: the block (or attribute) names a key. Absent: Google-managed keys. */
function cmekOf(value: CloudResource['values'][string] | undefined, attribute: string | null): Read<boolean> {
  if (attribute === null) {
    const key = stringOf(value);
    if (isUnresolved(key)) return key.refs.length > 0 ? true : key;
    return key !== null && key.trim() !== '';
  }
  const blocks = blocksOf(value);
  if (isUnresolved(blocks)) return blocks;
  const key = stringOf(blocks[0]?.[attribute]);
  // A key given by reference (`google_kms_crypto_key.k.id`) is still a customer-managed key.
  if (isUnresolved(key)) return key.refs.length > 0 ? true : key;
  return key !== null && key.trim() !== '';
}
