/**
 * Where GCP log sinks deliver: Cloud Logging log buckets, Cloud Storage buckets, BigQuery datasets
 * and Pub/Sub topics. Each store is keyed by the destination string a sink writes for it
 * (`storage.googleapis.com/<bucket>`, `logging.googleapis.com/projects/<p>/locations/<l>/buckets/<b>`,
 * `bigquery.googleapis.com/projects/<p>/datasets/<d>`, `pubsub.googleapis.com/projects/<p>/topics/<t>`),
 * so a literal destination finds it; a reference finds it by address.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStore } from '../../model/cloud.js';
import { blocksOf, boolOf, numberOf, stringOf, valueAt } from '../values.js';
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
 * before a retention policy allows it; a locked retention policy makes it write-once.
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

  const deleteAfter = lifecycleDeleteDays(resource);
  sheet.set('lifecycleDeleteDays', deleteAfter, 'lifecycle_rule.condition.age');
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

  // Objects live until the first Delete rule fires, and never less than the retention policy.
  let retention: Read<number> = null;
  let unbounded: Read<boolean> = null;
  if (isUnresolved(deleteAfter)) retention = unbounded = deleteAfter;
  else if (deleteAfter === null) unbounded = true;
  else {
    unbounded = false;
    retention = isUnresolved(policyDays) ? policyDays : Math.max(deleteAfter, policyDays ?? 0);
  }
  sheet.set('retentionDays', retention, deleteAfter === null ? 'retention_policy.retention_period' : 'lifecycle_rule.condition.age');
  sheet.set('unbounded', unbounded, 'lifecycle_rule');

  const keys = typeof name === 'string' && name.trim() !== '' ? [`storage.googleapis.com/${name}`, name, `gs://${name}`] : [];
  const store = baseStore(resource, 'object-store', keys);
  setStoreFact(store, sheet, 'retentionDays', retention, deleteAfter === null ? 'retention_policy' : 'lifecycle_rule.condition.age');
  setStoreFact(store, sheet, 'unbounded', unbounded, 'lifecycle_rule');
  setStoreFact(store, sheet, 'immutable', policyLocked, 'retention_policy.is_locked');
  setStoreFact(store, sheet, 'encrypted', cmek, 'encryption.default_kms_key_name');
  return { store, sheet, kind: 'gcp-storage-bucket' };
}

/**
 * The age (days) at which a lifecycle rule deletes live objects: the earliest unconditional one,
 * else the longest one that applies to some objects only (a prefix or suffix). Rules that only
 * delete noncurrent versions (`with_state = "ARCHIVED"`, `num_newer_versions`,
 * `days_since_noncurrent_time`) do not shorten the retention of what was written. Null: never.
 */
function lifecycleDeleteDays(resource: CloudResource): Read<number> {
  const rules = blocksOf(resource.values['lifecycle_rule']);
  if (isUnresolved(rules)) return rules;
  const unconditional: number[] = [];
  const partial: number[] = [];
  for (const rule of rules) {
    const action = stringOf(valueAt(rule, 'action.type'));
    if (isUnresolved(action)) return action;
    if (action !== 'Delete') continue;
    const condition = blocksOf(rule['condition']);
    if (isUnresolved(condition)) return condition;
    const c = condition[0] ?? {};
    const state = stringOf(c['with_state']);
    if (isUnresolved(state)) return state;
    if (state === 'ARCHIVED') continue;
    if (c['num_newer_versions'] !== undefined && c['num_newer_versions'] !== null) continue;
    if (c['days_since_noncurrent_time'] !== undefined && c['days_since_noncurrent_time'] !== null) continue;
    const age = numberOf(c['age']);
    if (isUnresolved(age)) return age;
    if (age === null) continue;
    const filtered = ['matches_prefix', 'matches_suffix', 'matches_storage_class'].some((k) => {
      const v = c[k];
      return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
    });
    (filtered ? partial : unconditional).push(age);
  }
  if (unconditional.length > 0) return Math.min(...unconditional);
  if (partial.length > 0) return Math.max(...partial);
  return null;
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
