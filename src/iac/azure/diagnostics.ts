/**
 * Diagnostic settings (`azurerm_monitor_diagnostic_setting`, and the Entra ID one
 * `azurerm_monitor_aad_diagnostic_setting`): what they capture from which target and where they
 * send it. Each becomes an `azure-diagnostic-setting` subject and a stream to its workspace and
 * storage account (`azure-activity-log` for the subscription's activity log, else `azure-diagnostics`).
 */
import type { CloudResource, CloudStream, IacValue } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { stringOf } from '../values.js';
import { hasGroup, missingFrom, readCategories } from './categories.js';
import type { Categories, Requirement } from './categories.js';
import { FactSheet } from '../fact-sheet.js';
import { pillarsOf, targetOf } from './targets.js';
import type { Target, TargetKind } from './targets.js';

/**
 * The categories each target kind needs for its security logging. Subscription: CIS Microsoft
 * Azure Foundations v3.0.0 6.1.2 (Administrative, Alert, Policy, Security); Key Vault: 6.1.4
 * (AuditEvent; the `audit` group holds it); AKS: the control plane's `kube-audit` or
 * `kube-audit-admin`; App Service: 6.1.6 (AppServiceHTTPLogs); Entra ID: audit and sign-in logs.
 */
export const REQUIRED_CATEGORIES: Partial<Record<TargetKind, Requirement>> = {
  subscription: { all: ['Administrative', 'Security', 'Policy', 'Alert'], groups: ['allLogs'] },
  'entra-id': { all: ['AuditLogs', 'SignInLogs'], groups: ['allLogs'] },
  'key-vault': { all: ['AuditEvent'], groups: ['allLogs', 'audit'] },
  aks: { any: ['kube-audit', 'kube-audit-admin'], groups: ['allLogs', 'audit'] },
  'app-service': { all: ['AppServiceHTTPLogs'], groups: ['allLogs'] },
  'sql-database': { all: ['SQLSecurityAuditEvents'], groups: ['allLogs', 'audit'] },
  nsg: { all: ['NetworkSecurityGroupEvent'], groups: ['allLogs'] },
  firewall: { any: ['AzureFirewallNetworkRule', 'AzureFirewallApplicationRule', 'AZFWNetworkRule', 'AZFWApplicationRule'], groups: ['allLogs'] },
};

/** The destination arguments, in the order streams list them, with the kind each stands for. */
const DESTINATIONS: readonly { attribute: string; kind: string; fact: string; store: boolean }[] = [
  { attribute: 'log_analytics_workspace_id', kind: 'log-analytics', fact: 'workspace', store: true },
  // azurerm 3.x `azurerm_monitor_aad_diagnostic_setting` has no workspace alias; the same names apply.
  { attribute: 'storage_account_id', kind: 'storage', fact: 'storage', store: true },
  { attribute: 'eventhub_authorization_rule_id', kind: 'event-hub', fact: 'eventHub', store: false },
  { attribute: 'partner_solution_id', kind: 'partner', fact: 'partner', store: false },
];

export interface DiagnosticRead {
  resource: CloudResource;
  target: Target;
  categories: Categories;
  subject: Subject;
  stream: CloudStream;
}

export const DIAGNOSTIC_TYPES = ['azurerm_monitor_diagnostic_setting', 'azurerm_monitor_aad_diagnostic_setting'];

export function readDiagnosticSetting(resource: CloudResource): DiagnosticRead {
  const values = resource.values;
  const target: Target =
    resource.type === 'azurerm_monitor_aad_diagnostic_setting' ? { kind: 'entra-id', type: 'entra-id', name: 'entra-id', reason: null } : targetOf(values.target_resource_id);
  const b = new FactSheet(resource);
  const name = stringOf(values.name);
  b.set('name', name, 'name');
  const targetAt = resource.type === 'azurerm_monitor_aad_diagnostic_setting' ? undefined : 'target_resource_id';
  if (target.reason !== null) {
    b.unknownFact('target', target.reason, targetAt);
    b.unknownFact('targetKind', target.reason, targetAt);
  } else {
    b.put('target', target.name, targetAt);
    b.put('targetKind', target.kind ?? target.type, targetAt);
  }
  b.put('targetType', target.type, targetAt);

  const categories = readCategories(values);
  const categoriesAt = categoryLocation(resource, b);
  if (categories.unknown !== null) b.unknown.categories = categories.unknown;
  b.put('categories', categories.categories, categoriesAt);
  b.put('categoryGroups', categories.groups, categoriesAt);
  b.put('metrics', categories.metrics, b.locate(has(values, 'enabled_metric') ? 'enabled_metric' : 'metric'));
  b.put('allLogs', hasGroup(categories, 'allLogs'), categoriesAt);
  b.put('auditGroup', hasGroup(categories, 'allLogs') || hasGroup(categories, 'audit'), categoriesAt);
  const anyLogs = categories.categories.length + categories.groups.length > 0;
  if (!anyLogs && categories.unknown !== null) b.unknownFact('capturesLogs', categories.unknown, categoriesAt);
  else b.put('capturesLogs', anyLogs, categoriesAt);

  const requirement = target.kind ? REQUIRED_CATEGORIES[target.kind] : undefined;
  if (requirement) {
    const missing = missingFrom(categories, requirement);
    b.put('requiredCategories', requirement.all ?? requirement.any ?? [], categoriesAt);
    if (missing === null) {
      const reason = categories.unknown ?? 'the categories are not known';
      b.unknownFact('missingCategories', reason, categoriesAt);
      b.unknownFact('capturesRequired', reason, categoriesAt);
    } else {
      b.put('missingCategories', missing, categoriesAt);
      b.put('capturesRequired', missing.length === 0, categoriesAt);
    }
  }

  const destinations: IacValue[] = [];
  const destinationLocations: Location[] = [];
  const kinds: string[] = [];
  for (const d of DESTINATIONS) {
    const value = values[d.attribute];
    const written = value !== undefined && value !== null && value !== '';
    b.put(`destinations.${d.fact}`, written, d.attribute);
    if (!written) continue;
    kinds.push(d.kind);
    if (d.store) {
      destinations.push(value);
      destinationLocations.push(b.locate(d.attribute));
    }
  }
  const firstDestination = DESTINATIONS.find((d) => values[d.attribute] !== undefined && values[d.attribute] !== null)?.attribute;
  b.put('destinationKinds', kinds, firstDestination);
  // A workspace is queryable and feeds Sentinel; an event hub streams to an outside SIEM. Storage alone is an archive.
  b.put('queryable', kinds.includes('log-analytics') || kinds.includes('event-hub') || kinds.includes('partner'), firstDestination);
  if (kinds.includes('log-analytics')) {
    // azurerm 3.x/4.x: without log_analytics_destination_type the service writes the shared AzureDiagnostics table.
    b.set('workspaceTableMode', stringOf(values.log_analytics_destination_type), 'log_analytics_destination_type', 'AzureDiagnostics');
  }

  const stream: CloudStream = {
    address: resource.address,
    stack: resource.stack,
    path: resource.path,
    system: target.kind === 'subscription' ? 'azure-activity-log' : 'azure-diagnostics',
    pillars: pillarsOf(target.kind),
    destinations,
    declaredAt: resource.at,
    destinationLocations,
  };
  return { resource, target, categories, subject: b.subject('azure-diagnostic-setting', pillarsOf(target.kind)), stream };
}

/** Where the categories are written: the first `enabled_log` / `log` block's category, else the block, else the header. */
function categoryLocation(resource: CloudResource, b: FactSheet): Location {
  for (const key of ['enabled_log.category', 'enabled_log.category_group', 'enabled_log', 'log.category', 'log.category_group', 'log']) {
    if (Object.prototype.hasOwnProperty.call(resource.locations, key)) return b.locate(key);
  }
  return resource.at;
}

function has(values: Record<string, IacValue>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(values, key);
}
