/**
 * Storage accounts (`azurerm_storage_account`) as stores of diagnostic logs, flow logs and SQL
 * audit files: lifecycle deletion (`azurerm_storage_management_policy`), write-once immutability
 * (the account's `immutability_policy` or `azurerm_storage_container_immutability_policy` on one
 * of its containers), customer-managed keys, blob versioning and soft delete, queue logging.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStore, IacValue } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { ofType } from '../resolve.js';
import { blocksOf, boolOf, numberOf, stringOf, valueAt } from '../values.js';
import { FactSheet } from '../fact-sheet.js';
import { namesResource } from './targets.js';

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

export function readStorageAccount(resource: CloudResource, all: readonly CloudResource[]): StorageRead {
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
  const immutable = readImmutability(b, resource, all);
  const lifecycle = readLifecycle(b, resource, all);

  const keys: string[] = [];
  if (typeof name === 'string' && name !== '') keys.push(name, `https://${name}.blob.core.windows.net/`, `https://${name}.blob.core.windows.net`);
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
 * is off) or a time-based policy on one of the account's containers (locked or not).
 */
function readImmutability(b: FactSheet, resource: CloudResource, all: readonly CloudResource[]): boolean | null {
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
  const containers = ofType(all, 'azurerm_storage_container').filter((c) => namesResource(c, c.values.storage_account_id, resource) || namesResource(c, c.values.storage_account_name, resource) || literalName(c.values.storage_account_name, resource, c));
  const policies = ofType(all, 'azurerm_storage_container_immutability_policy').filter((p) =>
    containers.some((c) => namesResource(p, p.values.storage_container_resource_manager_id, c)),
  );
  if (policies.length === 0) {
    b.put('immutability.scope', 'none', resource.at);
    b.put('immutability.enabled', false, resource.at);
    b.put('immutability.locked', false, resource.at);
    return false;
  }
  const first = policies[0] as CloudResource;
  const locked = policies.map((p) => boolOf(p.values.locked));
  const anyLocked = locked.findIndex((l) => l === true);
  b.put('immutability.scope', 'container', first.at);
  b.put('immutability.containers', containers.filter((c) => policies.some((p) => namesResource(p, p.values.storage_container_resource_manager_id, c))).map((c) => c.address), first.at);
  const days = numberOf(first.values.immutability_period_in_days);
  b.set('immutability.days', days, undefined);
  b.locations['immutability.days'] = first.locations.immutability_period_in_days ?? first.at;
  b.put('immutability.enabled', true, first.at);
  const lockedReason = locked.find(isUnresolved);
  if (anyLocked >= 0) {
    const p = policies[anyLocked] as CloudResource;
    b.put('immutability.locked', true, p.locations.locked ?? p.at);
  } else if (lockedReason) b.unknownFact('immutability.locked', lockedReason.reason, first.locations.locked ?? first.at);
  // azurerm: locked defaults to false.
  else b.put('immutability.locked', false, first.locations.locked ?? first.at);
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

/** Deletion by `azurerm_storage_management_policy`: the longest delete action of the enabled rules; none means kept until deleted by hand. */
function readLifecycle(b: FactSheet, resource: CloudResource, all: readonly CloudResource[]): Lifecycle {
  const policies = ofType(all, 'azurerm_storage_management_policy').filter((p) => namesResource(p, p.values.storage_account_id, resource));
  let longest: { days: number; at: Location } | null = null;
  let archive: number | null = null;
  let unknown: { reason: string; at: Location } | null = null;
  for (const policy of policies) {
    const rules = blocksOf(policy.values.rule);
    if (isUnresolved(rules)) {
      unknown ??= { reason: rules.reason, at: policy.locations.rule ?? policy.at };
      continue;
    }
    for (const rule of rules) {
      // azurerm: a rule is enabled unless `enabled = false`.
      if (boolOf(rule.enabled) === false) continue;
      for (const action of DELETE_ACTIONS) {
        const days = numberOf(valueAt(rule, `actions.base_blob.${action}`));
        const at = policy.locations[`rule.actions.base_blob.${action}`] ?? policy.at;
        if (isUnresolved(days)) unknown ??= { reason: days.reason, at };
        else if (days !== null && (longest === null || days > longest.days)) longest = { days, at };
      }
      for (const action of ARCHIVE_ACTIONS) {
        const days = numberOf(valueAt(rule, `actions.base_blob.${action}`));
        if (typeof days === 'number') archive = archive === null ? days : Math.min(archive, days);
      }
    }
  }
  if (unknown) {
    b.unknownFact('retentionDays', unknown.reason, unknown.at);
    b.unknownFact('retentionUnbounded', unknown.reason, unknown.at);
    return { days: null, unbounded: null, hotDays: null };
  }
  if (longest) {
    b.put('retentionDays', longest.days, longest.at);
    b.put('retentionUnbounded', false, longest.at);
    return { days: longest.days, unbounded: false, hotDays: archive ?? longest.days };
  }
  b.put('retentionDays', null, policies[0]?.at ?? resource.at);
  b.put('retentionUnbounded', true, policies[0]?.at ?? resource.at);
  return { days: null, unbounded: true, hotDays: archive };
}
