/**
 * Storage accounts (`azurerm_storage_account`) as stores of diagnostic logs, flow logs and SQL
 * audit files: lifecycle deletion (`azurerm_storage_management_policy`), write-once immutability
 * (the account's `immutability_policy` or `azurerm_storage_container_immutability_policy` on the
 * containers the logs land in), customer-managed keys, blob versioning and soft delete, queue
 * logging. Lifecycle rules and container policies count only for the log sites (log-sites.ts) of
 * the streams that write to the account; without writers, for every blob of the account.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStore, IacValue, Unresolved } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { ofType } from '../resolve.js';
import { blocksOf, boolOf, numberOf, stringOf, valueAt } from '../values.js';
import { FactSheet } from '../fact-sheet.js';
import { namesResource } from './targets.js';
import { ANY_BLOB, describeSite, prefixCovers } from './log-sites.js';
import type { LogSite } from './log-sites.js';

export interface StorageRead {
  resource: CloudResource;
  subject: Subject;
  store: CloudStore;
}

/** Lifecycle actions that delete a base blob (days after modification, creation or last access). */
const DELETE_ACTIONS = [
  'delete_after_days_since_modification_greater_than',
  'delete_after_days_since_creation_greater_than',
  'delete_after_days_since_last_access_time_greater_than',
];
const ARCHIVE_ACTIONS = [
  'tier_to_archive_after_days_since_modification_greater_than',
  'tier_to_archive_after_days_since_creation_greater_than',
  'tier_to_archive_after_days_since_last_access_time_greater_than',
];

/** The names a destination may give the account by: its name and blob endpoint. */
export function accountKeys(resource: CloudResource): string[] {
  const name = stringOf(resource.values.name);
  return typeof name === 'string' && name !== '' ? [name, `https://${name}.blob.core.windows.net/`, `https://${name}.blob.core.windows.net`] : [];
}

export function readStorageAccount(resource: CloudResource, all: readonly CloudResource[], sites: readonly LogSite[] = [ANY_BLOB]): StorageRead {
  const values = resource.values;
  const b = new FactSheet(resource);
  const name = stringOf(values.name);
  b.set('name', name, 'name');
  // azurerm 3.x/4.x defaults: account_kind StorageV2, min_tls_version TLS1_2, HTTPS only, no infrastructure encryption.
  b.set('accountKind', stringOf(values.account_kind), 'account_kind', 'StorageV2');
  b.set('minTlsVersion', stringOf(values.min_tls_version), 'min_tls_version', 'TLS1_2');
  const https3 = 'enable_https_traffic_only';
  const httpsAttribute = Object.prototype.hasOwnProperty.call(values, https3) ? https3 : 'https_traffic_only_enabled';
  b.set('httpsOnly', boolOf(values[httpsAttribute]), httpsAttribute, true);
  b.set('infrastructureEncryption', boolOf(values.infrastructure_encryption_enabled), 'infrastructure_encryption_enabled', false);
  // azurerm 3.x/4.x: allow_nested_items_to_be_public defaults to true (containers may be made public).
  b.set('publicNestedItems', boolOf(values.allow_nested_items_to_be_public), 'allow_nested_items_to_be_public', true);
  b.set('sharedKeyAccess', boolOf(values.shared_access_key_enabled), 'shared_access_key_enabled', true);

  // Versioning and soft delete (blob_properties); a delete_retention_policy block without days keeps 7 days.
  b.set('versioning', boolOf(valueAt(values, 'blob_properties.versioning_enabled')), 'blob_properties.versioning_enabled', false);
  const softDelete = valueAt(values, 'blob_properties.delete_retention_policy');
  if (isUnresolved(softDelete)) b.unknownFact('softDeleteDays', softDelete.reason, 'blob_properties.delete_retention_policy');
  else if (softDelete === undefined || softDelete === null || (Array.isArray(softDelete) && softDelete.length === 0)) b.put('softDeleteDays', 0, 'blob_properties');
  else b.set('softDeleteDays', numberOf(valueAt(softDelete, 'days')), 'blob_properties.delete_retention_policy.days', 7);

  readQueueLogging(b, resource, all);
  const encrypted = readCustomerKey(b, resource, all);
  const where = sites.length > 0 ? sites : [ANY_BLOB];
  b.put('logContainers', where.map((site) => (site.pattern ? `${site.container}*` : site.container)), resource.at);
  const immutable = readImmutability(b, resource, all, where);
  const lifecycle = readLifecycle(b, resource, all, where);

  const keys = accountKeys(resource);
  const unknown: Record<string, string> = {};
  for (const fact of ['retentionDays', 'unbounded', 'immutable', 'encrypted']) {
    const reason = b.unknown[fact === 'unbounded' ? 'retentionDays' : fact === 'immutable' ? 'immutability.enabled' : fact === 'encrypted' ? 'customerManagedKey' : fact];
    if (reason) unknown[fact] = reason;
  }
  const store: CloudStore = {
    address: resource.address,
    stack: resource.stack,
    path: resource.path,
    kind: 'object-store',
    keys,
    retentionDays: lifecycle.days,
    unbounded: lifecycle.unbounded,
    hotDays: lifecycle.hotDays,
    immutable,
    encrypted,
    declaredAt: resource.at,
    locations: {
      retentionDays: b.locations.retentionDays ?? resource.at,
      unbounded: b.locations.retentionDays ?? resource.at,
      immutable: b.locations['immutability.enabled'] ?? resource.at,
      encrypted: b.locations.customerManagedKey ?? resource.at,
    },
    unknown,
  };
  return { resource, subject: b.subject('azure-storage-account', ['data']), store };
}

/** Queue service logging (CIS Azure 3.x): inline `queue_properties.logging` or azurerm 4.x `azurerm_storage_account_queue_properties`. */
function readQueueLogging(b: FactSheet, resource: CloudResource, all: readonly CloudResource[]): void {
  let logging = valueAt(resource.values, 'queue_properties.logging');
  let at: (attribute: string) => Location = (attribute) => b.locate(`queue_properties.logging.${attribute}`);
  if (logging === undefined) {
    const separate = ofType(all, 'azurerm_storage_account_queue_properties').find((r) => namesResource(r, r.values.storage_account_id, resource));
    if (separate) {
      logging = valueAt(separate.values, 'logging');
      at = (attribute) => separate.locations[`logging.${attribute}`] ?? separate.at;
    }
  }
  if (isUnresolved(logging)) {
    for (const op of ['read', 'write', 'delete']) b.unknownFact(`queueLogging.${op}`, logging.reason, 'queue_properties.logging');
    return;
  }
  for (const op of ['read', 'write', 'delete']) {
    const value = logging === undefined ? null : boolOf(valueAt(logging, op));
    if (isUnresolved(value)) b.unknownFact(`queueLogging.${op}`, value.reason, at(op));
    else b.put(`queueLogging.${op}`, value ?? false, logging === undefined ? b.locate('queue_properties') : at(op));
  }
}

/** A customer-managed key: the inline `customer_managed_key` block or `azurerm_storage_account_customer_managed_key`. */
function readCustomerKey(b: FactSheet, resource: CloudResource, all: readonly CloudResource[]): boolean | null {
  const inline = resource.values.customer_managed_key;
  if (isUnresolved(inline)) {
    b.unknownFact('customerManagedKey', inline.reason, 'customer_managed_key');
    return null;
  }
  if (inline !== undefined && inline !== null && !(Array.isArray(inline) && inline.length === 0)) {
    b.put('customerManagedKey', true, 'customer_managed_key');
    return true;
  }
  const separate = ofType(all, 'azurerm_storage_account_customer_managed_key').find((r) => namesResource(r, r.values.storage_account_id, resource));
  if (separate) {
    if (isUnresolved(separate.exists)) {
      b.unknownFact('customerManagedKey', separate.exists.reason, separate.at);
      return null;
    }
    b.put('customerManagedKey', true, separate.at);
    return true;
  }
  b.put('customerManagedKey', false, resource.at);
  return false;
}

/**
 * Write-once storage: the account-level `immutability_policy` (state Unlocked or Locked; Disabled
 * is off), or time-based policies (locked or not) on every container the logs land in. A policy
 * on another container (`backups`) does not protect the logs.
 */
function readImmutability(b: FactSheet, resource: CloudResource, all: readonly CloudResource[], sites: readonly LogSite[]): boolean | null {
  const policy = valueAt(resource.values, 'immutability_policy');
  if (isUnresolved(policy)) {
    b.unknownFact('immutability.enabled', policy.reason, 'immutability_policy');
    return null;
  }
  if (policy !== undefined && policy !== null && !(Array.isArray(policy) && policy.length === 0)) {
    const state = stringOf(valueAt(policy, 'state'));
    const days = numberOf(valueAt(policy, 'period_since_creation_in_days'));
    b.put('immutability.scope', 'account', 'immutability_policy');
    b.set('immutability.days', days, 'immutability_policy.period_since_creation_in_days');
    if (isUnresolved(state)) {
      b.unknownFact('immutability.state', state.reason, 'immutability_policy.state');
      b.unknownFact('immutability.enabled', state.reason, 'immutability_policy.state');
      b.unknownFact('immutability.locked', state.reason, 'immutability_policy.state');
      return null;
    }
    const normal = (state ?? '').toLowerCase();
    b.put('immutability.state', state, 'immutability_policy.state');
    b.put('immutability.enabled', normal === 'unlocked' || normal === 'locked', 'immutability_policy.state');
    b.put('immutability.locked', normal === 'locked', 'immutability_policy.state');
    return normal === 'unlocked' || normal === 'locked';
  }
  // Container policies count only on the containers the logs are written to.
  const containers = ofType(all, 'azurerm_storage_container').filter((c) => namesResource(c, c.values.storage_account_id, resource) || namesResource(c, c.values.storage_account_name, resource) || literalName(c.values.storage_account_name, resource, c));
  const policies = ofType(all, 'azurerm_storage_container_immutability_policy')
    .map((p) => ({ policy: p, container: containers.find((c) => namesResource(p, p.values.storage_container_resource_manager_id, c)) }))
    .filter((x): x is { policy: CloudResource; container: CloudResource } => x.container !== undefined);
  const covering: { policy: CloudResource; container: CloudResource }[] = [];
  let doubt: { reason: string; at: Location } | null = null;
  let uncovered: LogSite | null = null;
  for (const site of sites) {
    // Every container of a pattern site cannot be shown to carry a policy.
    const found = site.pattern ? [] : policies.filter((x) => x.container.values.name === site.container);
    if (found.length > 0) {
      for (const x of found) if (!covering.includes(x)) covering.push(x);
      continue;
    }
    uncovered ??= site;
    const unnamed = policies.find((x) => isUnresolved(x.container.values.name));
    if (unnamed && !doubt) doubt = { reason: `the name of ${unnamed.container.address} is not known: ${(unnamed.container.values.name as { reason: string }).reason}`, at: unnamed.policy.at };
  }
  if (uncovered) {
    const at = policies[0]?.policy.at ?? resource.at;
    b.put('immutability.scope', 'none', at);
    if (doubt) {
      b.unknownFact('immutability.enabled', doubt.reason, doubt.at);
      b.unknownFact('immutability.locked', doubt.reason, doubt.at);
      return null;
    }
    b.put('immutability.enabled', false, at);
    b.put('immutability.locked', false, at);
    if (policies.length > 0) b.put('immutability.uncovered', describeSite(uncovered), at);
    return false;
  }
  covering.sort((x, y) => (x.policy.address < y.policy.address ? -1 : x.policy.address > y.policy.address ? 1 : 0));
  const first = (covering[0] as { policy: CloudResource }).policy;
  b.put('immutability.scope', 'container', first.at);
  b.put('immutability.containers', covering.map((x) => x.container.address), first.at);
  const days = numberOf(first.values.immutability_period_in_days);
  b.set('immutability.days', days, undefined);
  b.locations['immutability.days'] = first.locations.immutability_period_in_days ?? first.at;
  b.put('immutability.enabled', true, first.at);
  // Locked only when every policy on a log container is (azurerm: locked defaults to false).
  const locked = covering.map((x) => ({ p: x.policy, v: boolOf(x.policy.values.locked) }));
  const open = locked.find((l) => l.v !== true && !isUnresolved(l.v));
  const unsure = locked.find((l) => isUnresolved(l.v));
  if (open) b.put('immutability.locked', false, open.p.locations.locked ?? open.p.at);
  else if (unsure && isUnresolved(unsure.v)) b.unknownFact('immutability.locked', unsure.v.reason, unsure.p.locations.locked ?? unsure.p.at);
  else {
    const last = locked[locked.length - 1]?.p ?? first;
    b.put('immutability.locked', true, last.locations.locked ?? last.at);
  }
  return true;
}

function literalName(value: IacValue | undefined, account: CloudResource, from: CloudResource): boolean {
  const name = account.values.name;
  return typeof value === 'string' && typeof name === 'string' && value === name && from.stack === account.stack;
}

interface Lifecycle {
  days: number | null;
  unbounded: boolean | null;
  hotDays: number | null;
}

type Applies = 'all' | 'some' | 'none';

interface DeleteRule {
  name: string;
  days: number;
  at: Location;
  /** Per site: whether the rule's filters take all its blobs, some or none. */
  applies: Applies[];
}

/**
 * Deletion by `azurerm_storage_management_policy`, for the blobs the logs land in: per log site,
 * the earliest delete action of the enabled rules whose filters take every blob of the site
 * (`prefix_match` naming its container or a prefix of it, `blob_types` holding its blob type:
 * diagnostic logs are append blobs); a rule taking only some of them (a longer prefix,
 * `blob_index_match`, an unknown blob type) that would delete sooner makes it unknown; rules
 * that cannot reach the site are ignored. Over the sites, the shortest; none means kept until
 * deleted by hand.
 */
function readLifecycle(b: FactSheet, resource: CloudResource, all: readonly CloudResource[], sites: readonly LogSite[]): Lifecycle {
  const policies = ofType(all, 'azurerm_storage_management_policy').filter((p) => namesResource(p, p.values.storage_account_id, resource));
  const rules: DeleteRule[] = [];
  let archive: number | null = null;
  let unknown: { reason: string; at: Location } | null = null;
  for (const policy of policies) {
    const blocks = blocksOf(policy.values.rule);
    if (isUnresolved(blocks)) {
      unknown ??= { reason: blocks.reason, at: policy.locations.rule ?? policy.at };
      continue;
    }
    for (const rule of blocks) {
      // azurerm: a rule is enabled unless `enabled = false`.
      if (boolOf(rule.enabled) === false) continue;
      const name = stringOf(rule.name);
      const label = `rule ${typeof name === 'string' ? JSON.stringify(name) : '(unnamed)'} of ${policy.address}`;
      const applies = ruleApplies(rule, sites);
      if (isUnresolved(applies)) {
        unknown ??= { reason: `the filters of ${label} are not known: ${applies.reason}`, at: policy.locations['rule.filters'] ?? policy.at };
        continue;
      }
      if (applies.every((a) => a === 'none')) continue;
      for (const action of DELETE_ACTIONS) {
        const days = numberOf(valueAt(rule, `actions.base_blob.${action}`));
        const at = policy.locations[`rule.actions.base_blob.${action}`] ?? policy.at;
        if (isUnresolved(days)) unknown ??= { reason: days.reason, at };
        else if (days !== null) rules.push({ name: label, days, at, applies });
      }
      for (const action of ARCHIVE_ACTIONS) {
        const days = numberOf(valueAt(rule, `actions.base_blob.${action}`));
        if (typeof days === 'number') archive = archive === null ? days : Math.min(archive, days);
      }
    }
  }
  let shortest: { days: number; at: Location } | null = null;
  if (!unknown) {
    for (let i = 0; i < sites.length && !unknown; i++) {
      const whole = rules.filter((r) => r.applies[i] === 'all').sort((x, y) => x.days - y.days)[0];
      const narrower = rules.find((r) => r.applies[i] === 'some' && (whole === undefined || r.days < whole.days));
      if (narrower) {
        const site = sites[i] as LogSite;
        unknown = { reason: `${narrower.name} deletes after ${narrower.days} days only some of ${describeSite(site)}; whether the logs are among them is not known`, at: narrower.at };
      } else if (whole && (shortest === null || whole.days < shortest.days)) shortest = { days: whole.days, at: whole.at };
    }
  }
  if (unknown) {
    b.unknownFact('retentionDays', unknown.reason, unknown.at);
    b.unknownFact('retentionUnbounded', unknown.reason, unknown.at);
    return { days: null, unbounded: null, hotDays: null };
  }
  if (shortest) {
    b.put('retentionDays', shortest.days, shortest.at);
    b.put('retentionUnbounded', false, shortest.at);
    return { days: shortest.days, unbounded: false, hotDays: archive ?? shortest.days };
  }
  b.put('retentionDays', null, policies[0]?.at ?? resource.at);
  b.put('retentionUnbounded', true, policies[0]?.at ?? resource.at);
  return { days: null, unbounded: true, hotDays: archive };
}

/** Per site, whether a rule's `filters` take all its blobs, some or none (Unresolved: not knowable). */
function ruleApplies(rule: Record<string, IacValue>, sites: readonly LogSite[]): Applies[] | Unresolved {
  const filters = blocksOf(rule.filters);
  if (isUnresolved(filters)) return filters;
  const f = filters[0] ?? {};
  const types = listOfStrings(f.blob_types);
  if (isUnresolved(types)) return types;
  const prefixes = listOfStrings(f.prefix_match);
  if (isUnresolved(prefixes)) return prefixes;
  const tags = f.match_blob_index_tag;
  const tagged = tags !== undefined && tags !== null && !(Array.isArray(tags) && tags.length === 0);
  return sites.map((site): Applies => {
    let result: Applies = 'all';
    if (types.length > 0) {
      if (site.blobType !== null) {
        if (!types.includes(site.blobType)) return 'none';
      } else if (!(types.includes('appendBlob') && types.includes('blockBlob'))) result = 'some';
    }
    if (prefixes.length > 0) {
      const each = prefixes.map((p) => prefixCovers(p, site));
      const best: Applies = each.includes('all') ? 'all' : each.includes('some') ? 'some' : 'none';
      if (best === 'none') return 'none';
      if (best === 'some') result = 'some';
    }
    // Azure Monitor does not tag the blobs it writes, but a tag filter is not read further.
    if (tagged) result = 'some';
    return result;
  });
}

function listOfStrings(value: IacValue | undefined): string[] | Unresolved {
  if (value === undefined || value === null) return [];
  if (isUnresolved(value)) return value;
  const out: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    const text = stringOf(item);
    if (isUnresolved(text)) return text;
    if (typeof text === 'string') out.push(text);
  }
  return out;
}
