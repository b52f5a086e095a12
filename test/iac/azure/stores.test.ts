import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AZURE } from '../../../src/iac/azure/extract.js';
import { Unresolved } from '../../../src/model/cloud.js';
import type { CloudResource } from '../../../src/model/cloud.js';
import { resource } from '../support.js';

const at = (line: number) => ({ path: 'main.tf', line, column: 3 });
const ref = (address: string, attribute = 'id') => new Unresolved(`${address}.${attribute} is computed`, [address]);

function extract(resources: CloudResource[]) {
  return AZURE.extract(resources);
}

describe('azure log analytics workspace', () => {
  test('retention defaults to 30 days and the daily quota to unlimited', () => {
    const out = extract([resource('azurerm_log_analytics_workspace', 'w', { name: 'w1', sku: 'PerGB2018' }, { line: 4 })]);
    const s = out.subjects[0];
    assert.equal(s?.kind, 'azure-log-workspace');
    assert.equal(s?.facts.retentionDays, 30);
    assert.equal(s?.facts.retentionDefault, true);
    assert.equal(s?.locations.retentionDays?.line, 4);
    assert.equal(s?.facts.ingestionCapped, false);
    assert.equal(s?.facts.sentinel, false);
    assert.equal(out.stores[0]?.retentionDays, 30);
    assert.equal(out.stores[0]?.unbounded, false);
  });

  test('a retention from a variable without a value is unknown with its reason', () => {
    const out = extract([resource('azurerm_log_analytics_workspace', 'w', { retention_in_days: new Unresolved('var.days has no value'), daily_quota_gb: 5 }, { locations: { retention_in_days: at(7), daily_quota_gb: at(8) } })]);
    const s = out.subjects[0];
    assert.equal(s?.facts.retentionDays, null);
    assert.equal(s?.unknown?.retentionDays, 'var.days has no value');
    assert.equal(s?.locations.retentionDays?.line, 7);
    assert.equal(s?.facts.ingestionCapped, true);
    assert.equal(out.stores[0]?.retentionDays, null);
    assert.equal(out.stores[0]?.unknown.retentionDays, 'var.days has no value');
  });

  test('Sentinel onboarding and analytics rules are counted on the workspace they name', () => {
    const out = extract([
      resource('azurerm_log_analytics_workspace', 'w', {}),
      resource('azurerm_sentinel_log_analytics_workspace_onboarding', 'on', { workspace_id: ref('azurerm_log_analytics_workspace.w') }, { line: 20 }),
      resource('azurerm_sentinel_alert_rule_scheduled', 'r', { log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.w'), display_name: 'Mass download', tactics: ['Exfiltration'] }),
    ]);
    const s = out.subjects.find((x) => x.kind === 'azure-log-workspace');
    assert.equal(s?.facts.sentinel, true);
    assert.equal(s?.locations.sentinel?.line, 20);
    assert.equal(s?.facts.analyticsRules, 1);
    assert.deepEqual(out.detections, [{ id: 'azure-sentinel-rule:main.tf#azurerm_sentinel_alert_rule_scheduled.r', kind: 'siem-analytics', covers: ['Exfiltration'], declaredAt: { path: 'main.tf', line: 1, column: 1 } }]);
  });
});

/** A subscription diagnostic setting sending the activity log to an account (by reference). */
function activityTo(address: string, extra: Record<string, unknown> = {}): CloudResource {
  return resource('azurerm_monitor_diagnostic_setting', 'activity', {
    name: 'activity',
    target_resource_id: new Unresolved('data.azurerm_subscription.current.id is computed', ['data.azurerm_subscription.current']),
    storage_account_id: ref(address),
    enabled_log: [{ category: 'Administrative' }, { category: 'Security' }],
    ...extra,
  } as never, { line: 70 });
}

describe('azure storage account', () => {
  const account = resource('azurerm_storage_account', 'logs', { name: 'stlogs', blob_properties: [{ versioning_enabled: true, delete_retention_policy: [{}] }] }, { line: 1, locations: { 'blob_properties.versioning_enabled': at(3) } });

  test('defaults: TLS 1.2, HTTPS only, public nested items allowed, no CMK, no immutability, kept forever', () => {
    const out = extract([account]);
    const s = out.subjects[0];
    assert.equal(s?.facts.minTlsVersion, 'TLS1_2');
    assert.equal(s?.facts.httpsOnly, true);
    assert.equal(s?.facts.publicNestedItems, true);
    assert.equal(s?.facts.versioning, true);
    assert.equal(s?.locations.versioning?.line, 3);
    assert.equal(s?.facts.softDeleteDays, 7);
    assert.equal(s?.facts.customerManagedKey, false);
    assert.deepEqual(s?.facts.immutability, { scope: 'none', enabled: false, locked: false });
    assert.deepEqual(s?.facts.queueLogging, { read: false, write: false, delete: false });
    assert.equal(s?.facts.retentionUnbounded, true);
    const store = out.stores[0];
    assert.equal(store?.kind, 'object-store');
    assert.deepEqual(store?.keys, ['stlogs', 'https://stlogs.blob.core.windows.net/', 'https://stlogs.blob.core.windows.net']);
    assert.equal(store?.unbounded, true);
    assert.equal(store?.immutable, false);
    assert.equal(store?.encrypted, false);
  });

  test('lifecycle deletion, a locked container policy and a separate customer-managed key', () => {
    const out = extract([
      account,
      activityTo('azurerm_storage_account.logs'),
      resource('azurerm_storage_container', 'insights', { name: 'insights-activity-logs', storage_account_name: ref('azurerm_storage_account.logs', 'name') }),
      resource('azurerm_storage_container_immutability_policy', 'lock', { storage_container_resource_manager_id: ref('azurerm_storage_container.insights', 'resource_manager_id'), immutability_period_in_days: 365, locked: true }, { line: 30, locations: { locked: at(33) } }),
      resource('azurerm_storage_account_customer_managed_key', 'cmk', { storage_account_id: ref('azurerm_storage_account.logs'), key_name: 'k' }, { line: 40 }),
      resource(
        'azurerm_storage_management_policy',
        'p',
        { storage_account_id: ref('azurerm_storage_account.logs'), rule: [{ name: 'r', enabled: true, actions: [{ base_blob: [{ tier_to_archive_after_days_since_modification_greater_than: 90, delete_after_days_since_modification_greater_than: 400 }] }] }] },
        { line: 50, locations: { 'rule.actions.base_blob.delete_after_days_since_modification_greater_than': at(55) } },
      ),
    ]);
    const s = out.subjects.find((x) => x.kind === 'azure-storage-account');
    assert.deepEqual(s?.facts.immutability, { scope: 'container', containers: ['azurerm_storage_container.insights'], days: 365, enabled: true, locked: true });
    assert.equal(s?.locations['immutability.locked']?.line, 33);
    assert.equal(s?.facts.customerManagedKey, true);
    assert.equal(s?.locations.customerManagedKey?.line, 40);
    assert.equal(s?.facts.retentionDays, 400);
    assert.equal(s?.locations.retentionDays?.line, 55);
    const store = out.stores[0];
    assert.equal(store?.retentionDays, 400);
    assert.equal(store?.hotDays, 90);
    assert.equal(store?.immutable, true);
    assert.equal(store?.encrypted, true);
    assert.equal(store?.locations.retentionDays?.line, 55);
  });

  test('an account-level immutability policy: Unlocked is write-once but not locked; Disabled is off', () => {
    const unlocked = extract([resource('azurerm_storage_account', 'a', { immutability_policy: [{ state: 'Unlocked', period_since_creation_in_days: 180, allow_protected_append_writes: true }] }, { locations: { 'immutability_policy.state': at(6) } })]);
    assert.deepEqual(unlocked.subjects[0]?.facts.immutability, { scope: 'account', days: 180, state: 'Unlocked', enabled: true, locked: false });
    assert.equal(unlocked.subjects[0]?.locations['immutability.enabled']?.line, 6);
    assert.equal(unlocked.stores[0]?.immutable, true);
    const disabled = extract([resource('azurerm_storage_account', 'a', { immutability_policy: [{ state: 'Disabled', period_since_creation_in_days: 1 }] })]);
    assert.equal(disabled.stores[0]?.immutable, false);
  });

  test('queue logging read from queue_properties', () => {
    const out = extract([resource('azurerm_storage_account', 'a', { queue_properties: [{ logging: [{ read: true, write: true, delete: false, version: '1.0' }] }] })]);
    assert.deepEqual(out.subjects[0]?.facts.queueLogging, { read: true, write: true, delete: false });
  });
});

describe('azure storage: lifecycle filters and container immutability for where logs land (review z1)', () => {
  const account = resource('azurerm_storage_account', 'logs', { name: 'corplogs001' }, { line: 1 });
  const rule = (name: string, prefixes: string[] | null, types: string[], days: number) => ({
    name,
    enabled: true,
    filters: [{ ...(prefixes ? { prefix_match: prefixes } : {}), blob_types: types }],
    actions: [{ base_blob: [{ delete_after_days_since_modification_greater_than: days }] }],
  });
  const policy = (...rules: unknown[]) =>
    resource('azurerm_storage_management_policy', 'p', { storage_account_id: ref('azurerm_storage_account.logs'), rule: rules } as never, { line: 10, locations: { 'rule.actions.base_blob.delete_after_days_since_modification_greater_than': at(20) } });
  const storeOf = (out: ReturnType<typeof extract>) => out.stores.find((x) => x.address === 'azurerm_storage_account.logs');
  const accountOf = (out: ReturnType<typeof extract>) => out.subjects.find((x) => x.id === 'azurerm_storage_account.logs');

  test('the earliest delete among rules reaching the activity-log container; a backups/ rule does not count', () => {
    const out = extract([account, activityTo('azurerm_storage_account.logs'), policy(rule('audit', ['insights-activity-logs/'], ['appendBlob'], 30), rule('backups', ['backups/'], ['blockBlob', 'appendBlob'], 2555))]);
    assert.equal(storeOf(out)?.retentionDays, 30);
    assert.equal(storeOf(out)?.unbounded, false);
    assert.equal(accountOf(out)?.facts.retentionDays, 30);
    assert.deepEqual(accountOf(out)?.facts.logContainers, ['insights-activity-logs']);
  });

  test('the reviewer input: block-blob rules never reach the append blobs Azure Monitor writes, so nothing deletes the activity log', () => {
    const out = extract([account, activityTo('azurerm_storage_account.logs'), policy(rule('audit', ['insights-activity-logs/'], ['blockBlob'], 30), rule('backups', ['backups/'], ['blockBlob'], 2555))]);
    assert.equal(storeOf(out)?.retentionDays, null);
    assert.equal(storeOf(out)?.unbounded, true);
  });

  test('a prefix of the container (insights-) applies; a narrower path inside it sooner than the whole rule is unknown', () => {
    const whole = extract([account, activityTo('azurerm_storage_account.logs'), policy(rule('all-insights', ['insights-'], ['appendBlob'], 400))]);
    assert.equal(storeOf(whole)?.retentionDays, 400);
    const narrower = extract([account, activityTo('azurerm_storage_account.logs'), policy(rule('all', null, ['appendBlob'], 400), rule('one-sub', ['insights-activity-logs/resourceId=/SUBSCRIPTIONS/1'], ['appendBlob'], 7))]);
    assert.equal(storeOf(narrower)?.retentionDays, null);
    assert.match(storeOf(narrower)?.unknown.retentionDays ?? '', /rule "one-sub" of azurerm_storage_management_policy\.p deletes after 7 days only some of the insights-activity-logs container/);
  });

  test('no writer known: a prefix rule takes only some blobs of the account, so the retention is unknown', () => {
    const out = extract([account, policy(rule('backups', ['backups/'], ['blockBlob'], 30))]);
    assert.equal(storeOf(out)?.retentionDays, null);
    assert.match(storeOf(out)?.unknown.retentionDays ?? '', /rule "backups"/);
  });

  test('a category group writes to any insights-logs-* container: a rule on one of them is unknown; on insights-logs- it applies', () => {
    const kv = resource('azurerm_monitor_diagnostic_setting', 'kv', { name: 'kv', target_resource_id: ref('azurerm_key_vault.v'), storage_account_id: ref('azurerm_storage_account.logs'), enabled_log: [{ category_group: 'audit' }] } as never);
    const one = extract([account, kv, policy(rule('ae', ['insights-logs-auditevent/'], ['appendBlob'], 90))]);
    assert.equal(storeOf(one)?.retentionDays, null);
    assert.match(storeOf(one)?.unknown.retentionDays ?? '', /insights-logs-\* containers/);
    const all = extract([account, kv, policy(rule('logs', ['insights-logs-'], ['appendBlob'], 90))]);
    assert.equal(storeOf(all)?.retentionDays, 90);
  });

  test('a container policy on backups does not make the activity log immutable', () => {
    const out = extract([
      account,
      activityTo('azurerm_storage_account.logs'),
      resource('azurerm_storage_container', 'backups', { name: 'backups', storage_account_name: ref('azurerm_storage_account.logs', 'name') }),
      resource('azurerm_storage_container_immutability_policy', 'bk', { storage_container_resource_manager_id: ref('azurerm_storage_container.backups', 'resource_manager_id'), immutability_period_in_days: 7 }, { line: 40 }),
    ]);
    assert.equal(storeOf(out)?.immutable, false);
    const s = accountOf(out);
    assert.equal(s?.facts.immutability && (s.facts.immutability as Record<string, unknown>).enabled, false);
    assert.equal((s?.facts.immutability as Record<string, unknown>).uncovered, 'the insights-activity-logs container');
  });

  test('a container policy on insights-activity-logs counts; an unresolved container name is unknown', () => {
    const container = (name: unknown) => resource('azurerm_storage_container', 'c', { name, storage_account_name: ref('azurerm_storage_account.logs', 'name') } as never);
    const lock = resource('azurerm_storage_container_immutability_policy', 'lock', { storage_container_resource_manager_id: ref('azurerm_storage_container.c', 'resource_manager_id'), immutability_period_in_days: 365, locked: true }, { line: 40 });
    const yes = extract([account, activityTo('azurerm_storage_account.logs'), container('insights-activity-logs'), lock]);
    assert.equal(storeOf(yes)?.immutable, true);
    const maybe = extract([account, activityTo('azurerm_storage_account.logs'), container(new Unresolved('var.container has no value')), lock]);
    assert.equal(storeOf(maybe)?.immutable, null);
    assert.match(storeOf(maybe)?.unknown.immutable ?? '', /var\.container has no value/);
  });

  test('an account-level immutability policy counts whatever the containers', () => {
    const out = extract([resource('azurerm_storage_account', 'logs', { name: 'corplogs001', immutability_policy: [{ state: 'Locked', period_since_creation_in_days: 365, allow_protected_append_writes: true }] }), activityTo('azurerm_storage_account.logs')]);
    assert.equal(storeOf(out)?.immutable, true);
  });
});
