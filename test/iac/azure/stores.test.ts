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
