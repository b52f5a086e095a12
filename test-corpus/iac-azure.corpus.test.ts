/**
 * The Azure extractor on real Terraform of ../shared/corpus/iac: kumarvna's hub VNet module
 * (storage account, workspace, flow logs and diagnostic settings with legacy `log {}` blocks over
 * `for_each` / `dynamic` from variables) and the ODS disaster-recovery Key Vault diagnostic
 * setting (`enabled_log { category_group }`). Expected facts are read off the files by eye.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { AZURE } from '../src/iac/azure/extract.js';
import type { CloudExtraction } from '../src/model/cloud.js';
import type { Subject } from '../src/model/subject.js';
import { extractTree } from '../test/iac/support.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/iac/', import.meta.url));

function extract(root: string): Promise<{ out: CloudExtraction; problems: string[] }> {
  return extractTree(CORPUS, root, AZURE);
}

function one(subjects: Subject[], id: string): Subject {
  const found = subjects.filter((s) => s.id === id);
  assert.equal(found.length, 1, `one subject ${id} among ${subjects.map((s) => s.id).join(', ')}`);
  return found[0] as Subject;
}

describe('kumarvna-vnet-hub (terraform-azurerm-caf-virtual-network-hub)', () => {
  let out: CloudExtraction;
  before(async () => {
    const read = await extract('kumarvna-vnet-hub');
    out = read.out;
    assert.deepEqual(read.problems, []);
  });

  test('subjects: two diagnostic settings, the workspace, the storage account and the subscription', () => {
    // var.subnets defaults to {}: the NSG diagnostic settings and flow logs (for_each over it) have no instance.
    assert.deepEqual(
      out.subjects.map((s) => `${s.kind} ${s.id}`),
      [
        'azure-diagnostic-setting azurerm_monitor_diagnostic_setting.fw-diag',
        'azure-diagnostic-setting azurerm_monitor_diagnostic_setting.vnet',
        'azure-log-workspace azurerm_log_analytics_workspace.logws',
        'azure-storage-account azurerm_storage_account.storeacc',
        'azure-subscription subscription:.',
      ],
    );
  });

  test('the firewall setting: dynamic legacy log blocks over var.fw_diag_logs, to the workspace and the storage account', () => {
    const s = one(out.subjects, 'azurerm_monitor_diagnostic_setting.fw-diag');
    assert.equal(s.facts.targetKind, 'firewall');
    assert.deepEqual(s.pillars, ['networks']);
    assert.deepEqual(s.facts.categories, ['AzureFirewallApplicationRule', 'AzureFirewallDnsProxy', 'AzureFirewallNetworkRule']);
    assert.deepEqual(s.facts.metrics, ['AllMetrics']);
    assert.equal(s.facts.capturesRequired, true);
    assert.equal(s.locations.categories?.line, 459);
    assert.deepEqual(s.facts.destinationKinds, ['log-analytics', 'storage']);
    assert.equal(s.facts.workspaceTableMode, 'AzureDiagnostics');
    assert.equal(s.locations['destinations.workspace']?.line, 454);
  });

  test('the VNet setting: one legacy log block', () => {
    const s = one(out.subjects, 'azurerm_monitor_diagnostic_setting.vnet');
    assert.equal(s.facts.targetKind, 'vnet');
    assert.deepEqual(s.facts.categories, ['VMProtectionAlerts']);
    assert.equal(s.locations.categories?.line, 413);
    assert.equal(s.facts.queryable, true);
  });

  test('the workspace keeps 30 days (var.log_analytics_logs_retention_in_days default); its name is computed', () => {
    const s = one(out.subjects, 'azurerm_log_analytics_workspace.logws');
    assert.equal(s.facts.retentionDays, 30);
    assert.equal(s.facts.retentionDefault, false);
    assert.equal(s.locations.retentionDays?.line, 374);
    assert.equal(s.facts.sku, 'PerGB2018');
    assert.equal(s.facts.name, null);
    assert.match(s.unknown?.name ?? '', /random_string\.main\.result/);
    const store = out.stores.find((x) => x.address === 'azurerm_log_analytics_workspace.logws');
    assert.equal(store?.kind, 'log-analytics');
    assert.equal(store?.retentionDays, 30);
  });

  test('the storage account: no lifecycle, no immutability, no customer-managed key; both settings write to it', () => {
    const s = one(out.subjects, 'azurerm_storage_account.storeacc');
    assert.equal(s.facts.retentionUnbounded, true);
    assert.deepEqual(s.facts.immutability, { scope: 'none', enabled: false, locked: false });
    assert.equal(s.facts.customerManagedKey, false);
    assert.equal(s.facts.logDestination, true);
    assert.deepEqual(s.facts.logStreams, ['azurerm_monitor_diagnostic_setting.fw-diag', 'azurerm_monitor_diagnostic_setting.vnet']);
    assert.equal(s.locations.immutability?.line ?? s.locations['immutability.enabled']?.line, 347);
  });

  test('streams reach both stores by reference; the subscription is not managed here', () => {
    assert.deepEqual(
      out.streams.map((x) => [x.system, x.address, x.destinationLocations.map((l) => l.line)]),
      [
        ['azure-diagnostics', 'azurerm_monitor_diagnostic_setting.fw-diag', [454, 453]],
        ['azure-diagnostics', 'azurerm_monitor_diagnostic_setting.vnet', [411, 410]],
      ],
    );
    const sub = one(out.subjects, 'subscription:.');
    assert.equal(sub.facts.managesSubscription, false);
    assert.deepEqual(sub.facts.activityLog, { exported: false, settings: 0, logProfile: false });
    assert.deepEqual(out.detections, []);
  });
});

describe('ods-disaster-recovery key_vault monitoring.tf', () => {
  let out: CloudExtraction;
  before(async () => {
    const read = await extract('ods-disaster-recovery');
    out = read.out;
    assert.deepEqual(read.problems, []);
  });

  test('enabled_log category groups are read; the target (a local of another file) is unknown with the reason', () => {
    const s = one(out.subjects, 'azurerm_monitor_diagnostic_setting.key_vault');
    assert.deepEqual(s.facts.categoryGroups, ['allLogs', 'audit']);
    assert.equal(s.facts.allLogs, true);
    assert.equal(s.facts.auditGroup, true);
    assert.equal(s.facts.targetKind, null);
    assert.match(s.unknown?.targetKind ?? '', /local\.normalized_key_vault_id/);
    assert.deepEqual(s.facts.destinationKinds, ['log-analytics']);
    assert.equal(s.locations.categoryGroups?.line, 8);
    const sub = one(out.subjects, 'subscription:terraform/modules/key_vault');
    assert.equal(sub.facts.activityLog && (sub.facts.activityLog as Record<string, unknown>).exported, null);
  });
});
