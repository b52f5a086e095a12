/**
 * Log Analytics workspaces (`azurerm_log_analytics_workspace`): interactive retention, the daily
 * ingestion cap, and whether Microsoft Sentinel is onboarded on them. Each is an
 * `azure-log-workspace` subject and a store for the streams that name it.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStore } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { boolOf, numberOf, stringOf } from '../values.js';
import { FactSheet } from '../fact-sheet.js';
import { namesResource } from './targets.js';

/** azurerm 3.x/4.x: `retention_in_days` is optional and Azure keeps data 30 days when it is not set (7 on the Free SKU). */
export const DEFAULT_WORKSPACE_RETENTION_DAYS = 30;

/** Resources that put Microsoft Sentinel on a workspace (azurerm 3.x onboarding; the legacy solution). */
const SENTINEL_ONBOARDING: Record<string, string> = {
  azurerm_sentinel_log_analytics_workspace_onboarding: 'workspace_id',
  azurerm_log_analytics_solution: 'workspace_resource_id',
};

export interface WorkspaceRead {
  resource: CloudResource;
  subject: Subject;
  store: CloudStore;
}

export function readWorkspace(resource: CloudResource, all: readonly CloudResource[], analyticsRules: readonly CloudResource[]): WorkspaceRead {
  const values = resource.values;
  const b = new FactSheet(resource);
  const name = stringOf(values.name);
  b.set('name', name, 'name');
  const sku = stringOf(values.sku);
  // azurerm 3.x/4.x: sku defaults to PerGB2018.
  b.set('sku', sku, 'sku', 'PerGB2018');
  const freeSku = typeof sku === 'string' && sku.toLowerCase() === 'free';
  const retention = numberOf(values.retention_in_days);
  const retentionDays = b.set('retentionDays', retention, 'retention_in_days', freeSku ? 7 : DEFAULT_WORKSPACE_RETENTION_DAYS);
  b.put('retentionDefault', retention === null, 'retention_in_days');
  // daily_quota_gb: -1 (the default) is unlimited; a cap stops ingestion for the rest of the day once reached.
  const quota = b.set('dailyQuotaGb', numberOf(values.daily_quota_gb), 'daily_quota_gb', -1);
  if (quota === null) b.unknownFact('ingestionCapped', b.unknown.dailyQuotaGb ?? 'daily_quota_gb is not known', 'daily_quota_gb');
  else b.put('ingestionCapped', quota >= 0, 'daily_quota_gb');
  // azurerm 3.x local_authentication_disabled / 4.x local_authentication_enabled (default: local auth allowed).
  const localDisabled = boolOf(values.local_authentication_disabled);
  const localEnabled = boolOf(values.local_authentication_enabled);
  if (isUnresolved(localDisabled)) b.unknownFact('localAuthentication', localDisabled.reason, 'local_authentication_disabled');
  else if (isUnresolved(localEnabled)) b.unknownFact('localAuthentication', localEnabled.reason, 'local_authentication_enabled');
  else if (localDisabled !== null) b.put('localAuthentication', !localDisabled, 'local_authentication_disabled');
  else b.put('localAuthentication', localEnabled ?? true, 'local_authentication_enabled');

  const sentinel = all.find((r) => {
    const attribute = SENTINEL_ONBOARDING[r.type];
    if (attribute === undefined) return false;
    if (r.type === 'azurerm_log_analytics_solution' && stringOf(r.values.solution_name) !== 'SecurityInsights') return false;
    return namesResource(r, r.values[attribute], resource);
  });
  const rules = analyticsRules.filter((r) => namesResource(r, r.values.log_analytics_workspace_id, resource));
  b.put('sentinel', sentinel !== undefined || rules.length > 0, sentinel ? sentinel.at : rules[0]?.at ?? resource.at);
  b.put('analyticsRules', rules.length, rules[0]?.at ?? resource.at);

  const keys = typeof name === 'string' ? [name] : [];
  const store: CloudStore = {
    address: resource.address,
    stack: resource.stack,
    path: resource.path,
    kind: 'log-analytics',
    keys,
    retentionDays,
    unbounded: retentionDays === null ? null : false,
    hotDays: retentionDays,
    // Workspace data can be purged through the API; there is no write-once setting on a workspace.
    immutable: false,
    // Customer-managed keys need a dedicated cluster, which ztmm does not link to the workspace.
    encrypted: null,
    declaredAt: resource.at,
    locations: { retentionDays: b.locate('retention_in_days'), unbounded: b.locate('retention_in_days'), immutable: resource.at },
    unknown: {
      ...(retentionDays === null ? { retentionDays: b.unknown.retentionDays ?? 'retention_in_days is not known', unbounded: b.unknown.retentionDays ?? 'retention_in_days is not known' } : {}),
      encrypted: 'a customer-managed key needs a dedicated Log Analytics cluster, which is not linked to the workspace',
    },
  };
  return { resource, subject: b.subject('azure-log-workspace', ['visibility']), store };
}
