import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AZURE } from '../../../src/iac/azure/extract.js';
import { Unresolved } from '../../../src/model/cloud.js';
import type { CloudResource } from '../../../src/model/cloud.js';
import type { Subject } from '../../../src/model/subject.js';
import { resource } from '../support.js';

const at = (line: number) => ({ path: 'main.tf', line, column: 3 });
const ref = (address: string, attribute = 'id') => new Unresolved(`${address}.${attribute} is computed`, [address]);

function find(resources: CloudResource[], kind: string): Subject {
  const found = AZURE.extract(resources).subjects.find((s) => s.kind === kind);
  assert.ok(found, kind);
  return found;
}

describe('azure flow logs', () => {
  test('retention 0 days keeps records forever; version and traffic analytics interval default', () => {
    const flow = resource(
      'azurerm_network_watcher_flow_log',
      'f',
      { network_security_group_id: ref('azurerm_network_security_group.nsg'), storage_account_id: ref('azurerm_storage_account.logs'), enabled: true, retention_policy: [{ enabled: true, days: 0 }], traffic_analytics: [{ enabled: true, workspace_resource_id: ref('azurerm_log_analytics_workspace.w') }] },
      { locations: { 'retention_policy.days': at(9), storage_account_id: at(5) } },
    );
    const out = AZURE.extract([flow]);
    const s = out.subjects[0];
    assert.equal(s?.facts.targetKind, 'nsg');
    assert.deepEqual(s?.facts.retention, { enabled: true, days: 0, unbounded: true });
    assert.equal(s?.locations['retention.unbounded']?.line, 9);
    assert.equal(s?.facts.version, 1);
    assert.deepEqual(s?.facts.trafficAnalytics, { enabled: true, intervalMinutes: 60, workspace: true });
    assert.equal(out.streams[0]?.system, 'azure-flow-logs');
    assert.deepEqual(out.streams[0]?.pillars, ['networks']);
    assert.equal(out.streams[0]?.destinationLocations[0]?.line, 5);
  });

  test('retention disabled applies no retention; no traffic analytics block means off', () => {
    const s = find([resource('azurerm_network_watcher_flow_log', 'f', { target_resource_id: ref('azurerm_virtual_network.v'), enabled: true, version: 2, retention_policy: [{ enabled: false, days: 7 }] })], 'azure-flow-log');
    assert.equal(s.facts.targetKind, 'vnet');
    assert.deepEqual(s.facts.retention, { enabled: false, days: 7, unbounded: true });
    assert.equal(s.facts.version, 2);
    assert.equal((s.facts.trafficAnalytics as Record<string, unknown>).enabled, false);
  });
});

describe('azure activity log alerts and the subscription', () => {
  const alert = (name: string, operation: string, line: number, extra: Record<string, unknown> = {}) =>
    resource('azurerm_monitor_activity_log_alert', name, { scopes: ['/subscriptions/a'], criteria: [{ category: 'Administrative', operation_name: operation }], ...(extra as Record<string, never>) }, { line });

  test('alerts become detections and the subscription names the CIS operations not alerted on', () => {
    const out = AZURE.extract([
      alert('policy', 'microsoft.authorization/policyAssignments/write', 20),
      alert('nsg', 'Microsoft.Network/networkSecurityGroups/write', 10),
      alert('off', 'Microsoft.Network/networkSecurityGroups/delete', 30, { enabled: false }),
    ]);
    assert.deepEqual(
      out.detections.map((d) => [d.id, d.covers]),
      [
        ['azure-activity-log-alert:main.tf#azurerm_monitor_activity_log_alert.nsg', ['Microsoft.Network/networkSecurityGroups/write']],
        ['azure-activity-log-alert:main.tf#azurerm_monitor_activity_log_alert.policy', ['Microsoft.Authorization/policyAssignments/write']],
      ],
    );
    const s = out.subjects.find((x) => x.kind === 'azure-subscription');
    assert.equal(s?.id, 'subscription:.');
    assert.deepEqual(s?.facts.alertedCis, ['6.2.1', '6.2.3']);
    assert.equal((s?.facts.missingOperations as string[]).length, 8);
    assert.equal(s?.facts.alertsComplete, false);
    assert.equal(s?.locations.alertsComplete?.line, 10);
    assert.equal((s?.facts.activityLog as Record<string, unknown>).exported, false);
  });

  test('an Administrative alert without an operation covers every operation; an unknown operation leaves the gap unknown', () => {
    const all = AZURE.extract([resource('azurerm_monitor_activity_log_alert', 'all', { criteria: [{ category: 'Administrative' }] })]).subjects[0];
    assert.equal(all?.facts.alertsComplete, true);
    const unknown = AZURE.extract([resource('azurerm_monitor_activity_log_alert', 'x', { criteria: [{ category: 'Administrative', operation_name: new Unresolved('each.value has no value') }] })]).subjects[0];
    assert.equal(unknown?.facts.alertsComplete, null);
    assert.equal(unknown?.unknown?.alertsComplete, 'azurerm_monitor_activity_log_alert.x: each.value has no value');
  });

  test('the subscription is exported when a diagnostic setting targets it', () => {
    const s = find(
      [resource('azurerm_monitor_diagnostic_setting', 'a', { target_resource_id: '/subscriptions/a', storage_account_id: 's', enabled_log: [{ category: 'Administrative' }, { category: 'Policy' }] }, { line: 3 })],
      'azure-subscription',
    );
    assert.deepEqual(s.facts.activityLog, { exported: true, settings: 1, missingCategories: ['Security', 'Alert'], logProfile: false });
    assert.equal(s.locations['activityLog.exported']?.line, 3);
  });
});

describe('azure service logs', () => {
  test('SQL auditing: retention 0 is unlimited; the storage endpoint is the stream destination', () => {
    const out = AZURE.extract([resource('azurerm_mssql_server_extended_auditing_policy', 'a', { server_id: ref('azurerm_mssql_server.s'), storage_endpoint: ref('azurerm_storage_account.logs', 'primary_blob_endpoint') })]);
    const s = out.subjects[0];
    assert.equal(s?.facts.enabled, true);
    assert.equal(s?.facts.retentionDays, 0);
    assert.equal(s?.facts.retentionUnbounded, true);
    assert.equal(s?.facts.storage, true);
    assert.equal(s?.facts.logMonitoring, true);
    assert.equal(s?.facts.target, 'azurerm_mssql_server.s');
    assert.equal(out.streams[0]?.system, 'azure-sql-auditing');
  });

  test('Key Vault: AuditEvent captured through a diagnostic setting that targets it', () => {
    const kv = resource('azurerm_key_vault', 'kv', { name: 'kv1' }, { line: 1 });
    const without = find([kv], 'azure-key-vault');
    assert.equal(without.facts.auditEvent, false);
    assert.equal(without.locations.auditEvent?.line, 1);
    const withGroup = find([kv, resource('azurerm_monitor_diagnostic_setting', 'd', { target_resource_id: ref('azurerm_key_vault.kv'), log_analytics_workspace_id: 'w', enabled_log: [{ category_group: 'audit' }] }, { line: 9 })], 'azure-key-vault');
    assert.equal(withGroup.facts.auditEvent, true);
    assert.deepEqual(withGroup.facts.diagnosticSettingAddresses, ['azurerm_monitor_diagnostic_setting.d']);
    const literal = find([kv, resource('azurerm_monitor_diagnostic_setting', 'd', { target_resource_id: '/subscriptions/a/resourceGroups/r/providers/Microsoft.KeyVault/vaults/KV1', storage_account_id: 's', enabled_log: [{ category: 'AzurePolicyEvaluationDetails' }] }, { line: 9 })], 'azure-key-vault');
    assert.equal(literal.facts.auditEvent, false);
    assert.equal(literal.locations.auditEvent?.line, 9);
  });

  test('AKS: kube-audit through a diagnostic setting', () => {
    const s = find(
      [
        resource('azurerm_kubernetes_cluster', 'k', { oms_agent: [{ log_analytics_workspace_id: 'w' }] }),
        resource('azurerm_monitor_diagnostic_setting', 'd', { target_resource_id: ref('azurerm_kubernetes_cluster.k'), log_analytics_workspace_id: 'w', enabled_log: [{ category: 'kube-audit' }] }),
      ],
      'azure-aks',
    );
    assert.equal(s.facts.kubeAudit, true);
    assert.equal(s.facts.containerInsights, true);
    assert.equal(s.facts.defender, false);
  });

  test('App Service: HTTP logs from the logs block or a diagnostic setting', () => {
    const inline = find([resource('azurerm_linux_web_app', 'app', { logs: [{ http_logs: [{ file_system: [{ retention_in_days: 30, retention_in_mb: 35 }] }] }] })], 'azure-app-service');
    assert.equal((inline.facts.httpLogs as Record<string, unknown>).enabled, true);
    assert.equal((inline.facts.httpLogs as Record<string, unknown>).retentionDays, 30);
    const none = find([resource('azurerm_windows_web_app', 'app', {})], 'azure-app-service');
    assert.equal((none.facts.httpLogs as Record<string, unknown>).enabled, false);
    assert.equal(none.facts.detailedErrors, false);
  });

  test('log profile: missing Write/Delete/Action categories and retention', () => {
    const s = find([resource('azurerm_monitor_log_profile', 'p', { categories: ['Write', 'Delete'], locations: ['westeurope', 'global'], storage_account_id: 's', retention_policy: [{ enabled: true, days: 365 }] })], 'azure-log-profile');
    assert.deepEqual(s.facts.missingCategories, ['Action']);
    assert.equal(s.facts.includesGlobal, true);
    assert.deepEqual(s.facts.retention, { enabled: true, days: 365, unbounded: false });
  });
});

describe('azure extractor on hostile input', () => {
  test('never throws, and ignores other providers', () => {
    const hostile = JSON.parse('{"__proto__": {"x": 1}, "enabled_log": [{"category": {"__proto__": 1}}], "criteria": "x", "retention_policy": [null, 3], "logs": [[]]}') as Record<string, never>;
    const types = ['azurerm_monitor_diagnostic_setting', 'azurerm_storage_account', 'azurerm_network_watcher_flow_log', 'azurerm_monitor_activity_log_alert', 'azurerm_linux_web_app', 'azurerm_monitor_log_profile', 'azurerm_log_analytics_workspace', 'azurerm_mssql_server_extended_auditing_policy'];
    const out = AZURE.extract([...types.map((t) => resource(t, 'h', hostile)), resource('aws_s3_bucket', 'b', {})]);
    assert.equal(out.subjects.filter((s) => s.id === 'aws_s3_bucket.b').length, 0);
    assert.ok(out.subjects.length >= types.length);
  });
});

describe('azure facts that scope rules', () => {
  test('a storage account written to by a stream is a log destination; managesSubscription follows alerts and subscription settings', () => {
    const out = AZURE.extract([
      resource('azurerm_storage_account', 'logs', { name: 'stlogs' }),
      resource('azurerm_storage_account', 'data', { name: 'stdata' }),
      resource('azurerm_monitor_diagnostic_setting', 'nsg', { target_resource_id: ref('azurerm_network_security_group.n'), storage_account_id: ref('azurerm_storage_account.logs'), enabled_log: [{ category: 'NetworkSecurityGroupEvent' }] }, { locations: { storage_account_id: at(4) } }),
    ]);
    const logs = out.subjects.find((s) => s.id === 'azurerm_storage_account.logs');
    assert.equal(logs?.facts.logDestination, true);
    assert.equal(logs?.locations.logDestination?.line, 4);
    assert.equal(out.subjects.find((s) => s.id === 'azurerm_storage_account.data')?.facts.logDestination, false);
    assert.equal(out.subjects.find((s) => s.kind === 'azure-subscription')?.facts.managesSubscription, false);
    const nsg = out.subjects.find((s) => s.id === 'azurerm_monitor_diagnostic_setting.nsg');
    assert.equal(nsg?.facts.workspaceTableMode, undefined);
    assert.deepEqual(nsg?.facts.missingCategories, []);
  });

  test('log profile capturesAll', () => {
    const s = find([resource('azurerm_monitor_log_profile', 'p', { categories: ['Write', 'Delete', 'Action'], locations: ['global'] })], 'azure-log-profile');
    assert.equal(s.facts.capturesAll, true);
    assert.deepEqual(s.facts.retention, { enabled: false, days: 0, unbounded: true });
  });
});
