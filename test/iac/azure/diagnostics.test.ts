import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AZURE } from '../../../src/iac/azure/extract.js';
import { Unresolved } from '../../../src/model/cloud.js';
import type { CloudResource } from '../../../src/model/cloud.js';
import type { Subject } from '../../../src/model/subject.js';
import { resource } from '../support.js';

const at = (line: number) => ({ path: 'main.tf', line, column: 3 });
const ref = (address: string, attribute = 'id') => new Unresolved(`${address}.${attribute} is computed`, [address]);

function subject(resources: CloudResource[], id: string): Subject {
  const found = AZURE.extract(resources).subjects.find((s) => s.id === id);
  assert.ok(found, `subject ${id}`);
  return found;
}

describe('azure diagnostic settings', () => {
  const workspace = resource('azurerm_log_analytics_workspace', 'logs', { name: 'central-logs', retention_in_days: 400 }, { line: 1 });
  const subscription = resource(
    'azurerm_monitor_diagnostic_setting',
    'activity',
    {
      name: 'activity',
      target_resource_id: new Unresolved('data.azurerm_subscription.current.id is computed', ['data.azurerm_subscription.current']),
      log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.logs'),
      enabled_log: [{ category: 'Administrative' }, { category: 'Security' }],
    },
    { line: 10, locations: { target_resource_id: at(12), log_analytics_workspace_id: at(13), 'enabled_log.category': at(15) } },
  );

  test('a subscription target reads the activity log and names the missing CIS categories', () => {
    const s = subject([workspace, subscription], 'azurerm_monitor_diagnostic_setting.activity');
    assert.equal(s.kind, 'azure-diagnostic-setting');
    assert.equal(s.facts.targetKind, 'subscription');
    assert.deepEqual(s.pillars, ['identity', 'applications']);
    assert.deepEqual(s.facts.categories, ['Administrative', 'Security']);
    assert.deepEqual(s.facts.missingCategories, ['Policy', 'Alert']);
    assert.equal(s.facts.capturesRequired, false);
    assert.equal(s.locations.missingCategories?.line, 15);
    assert.deepEqual(s.facts.destinationKinds, ['log-analytics']);
    assert.equal(s.facts.queryable, true);
    assert.equal(s.locations.queryable?.line, 13);
  });

  test('its stream is the activity log, to the workspace by reference', () => {
    const out = AZURE.extract([workspace, subscription]);
    const stream = out.streams.find((x) => x.address === 'azurerm_monitor_diagnostic_setting.activity');
    assert.equal(stream?.system, 'azure-activity-log');
    assert.equal(stream?.destinations.length, 1);
    assert.equal(stream?.destinationLocations[0]?.line, 13);
    const store = out.stores.find((x) => x.address === 'azurerm_log_analytics_workspace.logs');
    assert.equal(store?.kind, 'log-analytics');
    assert.equal(store?.retentionDays, 400);
    assert.deepEqual(store?.keys, ['central-logs']);
  });

  test('a literal subscription id and allLogs capture every category', () => {
    const s = subject(
      [resource('azurerm_monitor_diagnostic_setting', 'sub', { target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000', storage_account_id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/logs', enabled_log: [{ category_group: 'allLogs' }] })],
      'azurerm_monitor_diagnostic_setting.sub',
    );
    assert.equal(s.facts.targetKind, 'subscription');
    assert.deepEqual(s.facts.missingCategories, []);
    assert.equal(s.facts.allLogs, true);
    assert.equal(s.facts.queryable, false);
    assert.deepEqual(s.facts.destinationKinds, ['storage']);
  });

  test('legacy log blocks: enabled = false does not capture; the target kind comes from the reference', () => {
    const s = subject(
      [
        resource('azurerm_monitor_diagnostic_setting', 'kv', {
          target_resource_id: ref('azurerm_key_vault.main'),
          log_analytics_workspace_id: ref('azurerm_log_analytics_workspace.logs'),
          log: [{ category: 'AuditEvent', enabled: false }, { category: 'AzurePolicyEvaluationDetails' }],
          metric: [{ category: 'AllMetrics' }],
        }),
      ],
      'azurerm_monitor_diagnostic_setting.kv',
    );
    assert.equal(s.facts.targetKind, 'key-vault');
    assert.equal(s.facts.target, 'azurerm_key_vault.main');
    assert.deepEqual(s.pillars, ['data', 'identity']);
    assert.deepEqual(s.facts.categories, ['AzurePolicyEvaluationDetails']);
    assert.deepEqual(s.facts.metrics, ['AllMetrics']);
    assert.deepEqual(s.facts.missingCategories, ['AuditEvent']);
  });

  test('a dynamic block over a variable without a value leaves the categories unknown, with the reason', () => {
    const s = subject(
      [resource('azurerm_monitor_diagnostic_setting', 'sub', { target_resource_id: '/subscriptions/abc', log_analytics_workspace_id: 'x', enabled_log: new Unresolved('var.categories has no value') })],
      'azurerm_monitor_diagnostic_setting.sub',
    );
    assert.equal(s.facts.capturesRequired, null);
    assert.equal(s.unknown?.capturesRequired, 'var.categories has no value');
    assert.equal(s.facts.capturesLogs, null);
  });

  test('a target that cannot be resolved is unknown, but what is captured is still read', () => {
    const s = subject(
      [resource('azurerm_monitor_diagnostic_setting', 'key_vault', { target_resource_id: new Unresolved('local.normalized_key_vault_id is not declared'), log_analytics_workspace_id: new Unresolved('var.log_analytics_workspace_id has no value'), enabled_log: [{ category_group: 'allLogs' }, { category_group: 'audit' }] })],
      'azurerm_monitor_diagnostic_setting.key_vault',
    );
    assert.equal(s.facts.targetKind, null);
    assert.equal(s.unknown?.targetKind, 'local.normalized_key_vault_id is not declared');
    assert.deepEqual(s.facts.categoryGroups, ['allLogs', 'audit']);
    assert.equal(s.facts.allLogs, true);
    assert.equal(s.facts.auditGroup, true);
    assert.deepEqual(s.facts.destinationKinds, ['log-analytics']);
    assert.equal(s.facts.missingCategories, undefined);
  });

  test('a literal ARM id names its resource type', () => {
    const s = subject(
      [resource('azurerm_monitor_diagnostic_setting', 'aks', { target_resource_id: '/subscriptions/a/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/prod', eventhub_authorization_rule_id: 'x', enabled_log: [{ category: 'kube-audit-admin' }] })],
      'azurerm_monitor_diagnostic_setting.aks',
    );
    assert.equal(s.facts.targetKind, 'aks');
    assert.equal(s.facts.targetType, 'microsoft.containerservice/managedclusters');
    assert.deepEqual(s.facts.missingCategories, []);
    assert.equal(s.facts.queryable, true);
  });

  test('the Entra ID diagnostic setting needs audit and sign-in logs', () => {
    const s = subject([resource('azurerm_monitor_aad_diagnostic_setting', 'entra', { log_analytics_workspace_id: 'x', enabled_log: [{ category: 'AuditLogs' }] })], 'azurerm_monitor_aad_diagnostic_setting.entra');
    assert.equal(s.facts.targetKind, 'entra-id');
    assert.deepEqual(s.facts.missingCategories, ['SignInLogs']);
  });

  test('a resource whose count is unknown still yields its subject, with exists null', () => {
    const s = subject(
      [resource('azurerm_monitor_diagnostic_setting', 'maybe', { target_resource_id: '/subscriptions/a', storage_account_id: 'x', enabled_log: [{ category: 'Administrative' }] }, { exists: new Unresolved('var.enabled has no value') })],
      'azurerm_monitor_diagnostic_setting.maybe',
    );
    assert.equal(s.facts.exists, null);
    assert.equal(s.unknown?.exists, 'var.enabled has no value');
  });
});
