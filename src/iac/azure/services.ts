/**
 * Service audit logs: Azure SQL and Synapse auditing, App Service and Function App logs, the legacy
 * activity-log profile, and the resources whose audit logs arrive through diagnostic settings that
 * target them (AKS control-plane `kube-audit`, Key Vault `AuditEvent`, App Service HTTP logs).
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream, IacValue } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { blocksOf, boolOf, listOf, numberOf, valueAt } from '../values.js';
import { hasGroup, missingFrom } from './categories.js';
import type { DiagnosticRead } from './diagnostics.js';
import { REQUIRED_CATEGORIES } from './diagnostics.js';
import { FactSheet } from '../fact-sheet.js';
import { namesResource } from './targets.js';
import type { TargetKind } from './targets.js';

export interface ServiceRead {
  subject: Subject;
  stream: CloudStream | null;
}

/** Auditing policies and the argument naming what they audit. */
export const SQL_AUDITING_TYPES: Record<string, { scope: string; target: string }> = {
  azurerm_mssql_server_extended_auditing_policy: { scope: 'server', target: 'server_id' },
  azurerm_mssql_database_extended_auditing_policy: { scope: 'database', target: 'database_id' },
  azurerm_synapse_workspace_extended_auditing_policy: { scope: 'synapse-workspace', target: 'synapse_workspace_id' },
};

/**
 * An extended auditing policy. azurerm 3.x/4.x defaults: enabled true, retention_in_days 0
 * (keep forever), log_monitoring_enabled true (events also go to Azure Monitor, which a diagnostic
 * setting on the master database then routes).
 */
export function readSqlAuditing(resource: CloudResource): ServiceRead {
  const values = resource.values;
  const info = SQL_AUDITING_TYPES[resource.type] ?? { scope: 'server', target: 'server_id' };
  const b = new FactSheet(resource);
  b.put('scope', info.scope, info.target);
  const target = values[info.target];
  b.put('target', refName(target), info.target);
  b.set('enabled', boolOf(values.enabled), 'enabled', true);
  const endpoint = values.storage_endpoint;
  const toStorage = endpoint !== undefined && endpoint !== null && endpoint !== '';
  b.put('storage', toStorage, 'storage_endpoint');
  const days = b.set('retentionDays', numberOf(values.retention_in_days), 'retention_in_days', 0);
  if (days !== null) b.put('retentionUnbounded', days === 0, 'retention_in_days');
  else b.unknownFact('retentionUnbounded', b.unknown.retentionDays ?? 'retention_in_days is not known', 'retention_in_days');
  b.set('logMonitoring', boolOf(values.log_monitoring_enabled), 'log_monitoring_enabled', true);
  const destinations: IacValue[] = toStorage ? [endpoint] : [];
  const destinationLocations: Location[] = toStorage ? [b.locate('storage_endpoint')] : [];
  return {
    subject: b.subject('azure-sql-auditing', ['data']),
    stream: { address: resource.address, stack: resource.stack, path: resource.path, system: 'azure-sql-auditing', pillars: ['data'], destinations, declaredAt: resource.at, destinationLocations },
  };
}

/** App Service and Function App types; the new `*_web_app` and the legacy `azurerm_app_service` have a `logs` block. */
export const APP_SERVICE_TYPES = ['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_app_service', 'azurerm_function_app'];

/**
 * HTTP, application, detailed-error and failed-request logs (`logs { ... }`; absent = off), and
 * diagnostic settings that target the app (`AppServiceHTTPLogs`, CIS Azure v3.0.0 6.1.6).
 */
export function readAppService(resource: CloudResource, diagnostics: readonly DiagnosticRead[]): ServiceRead {
  const values = resource.values;
  const b = new FactSheet(resource);
  b.put('functionApp', resource.type.includes('function_app'), resource.at);
  const logs = blocksOf(values.logs);
  const settings = targeting(resource, diagnostics);
  const viaDiagnostics = settingsCapturing(settings, 'app-service');
  if (isUnresolved(logs)) {
    for (const fact of ['httpLogs.fileSystem', 'httpLogs.blob', 'applicationLogs', 'detailedErrors', 'failedRequestTracing']) b.unknownFact(fact, logs.reason, 'logs');
  } else {
    const block = logs[0];
    const http = block ? valueAt(block, 'http_logs') : undefined;
    b.put('httpLogs.fileSystem', present(http, 'file_system'), 'logs.http_logs.file_system');
    b.put('httpLogs.blob', present(http, 'azure_blob_storage'), 'logs.http_logs.azure_blob_storage');
    const fsDays = numberOf(valueAt(http, 'file_system.retention_in_days'));
    const blobDays = numberOf(valueAt(http, 'azure_blob_storage.retention_in_days'));
    if (present(http, 'azure_blob_storage')) b.set('httpLogs.retentionDays', blobDays, 'logs.http_logs.azure_blob_storage.retention_in_days');
    else if (present(http, 'file_system')) b.set('httpLogs.retentionDays', fsDays, 'logs.http_logs.file_system.retention_in_days');
    b.put('applicationLogs', block ? present(block, 'application_logs') : false, 'logs.application_logs');
    // azurerm: detailed_error_messages and failed_request_tracing default to false.
    b.set('detailedErrors', block ? boolOf(block.detailed_error_messages) : null, 'logs.detailed_error_messages', false);
    b.set('failedRequestTracing', block ? boolOf(block.failed_request_tracing) : null, 'logs.failed_request_tracing', false);
  }
  b.put('diagnosticSettings', settings.length, settings[0]?.resource.at ?? resource.at);
  b.put('httpLogs.diagnosticSetting', viaDiagnostics.captured !== null, viaDiagnostics.captured?.resource.at ?? resource.at);
  const fileOrBlob = b.facts.httpLogs as Record<string, unknown> | undefined;
  const inline = fileOrBlob?.fileSystem === true || fileOrBlob?.blob === true;
  const at = viaDiagnostics.captured?.resource.at ?? (fileOrBlob?.blob === true ? b.locate('logs.http_logs.azure_blob_storage') : fileOrBlob?.fileSystem === true ? b.locate('logs.http_logs.file_system') : b.locate('logs'));
  if (inline || viaDiagnostics.captured) b.put('httpLogs.enabled', true, at);
  else if (isUnresolved(logs)) b.unknownFact('httpLogs.enabled', logs.reason, 'logs');
  else if (viaDiagnostics.unknown) b.unknownFact('httpLogs.enabled', viaDiagnostics.unknown, at);
  else b.put('httpLogs.enabled', false, at);
  return { subject: b.subject('azure-app-service', ['applications']), stream: null };
}

/**
 * The legacy activity-log export (`azurerm_monitor_log_profile`, retired by Azure in favour of
 * diagnostic settings): categories Write/Delete/Action, locations, retention (disabled or 0 days
 * keeps events forever).
 */
export function readLogProfile(resource: CloudResource): ServiceRead {
  const values = resource.values;
  const b = new FactSheet(resource);
  const categories = listOf(values.categories);
  if (isUnresolved(categories)) {
    b.unknownFact('categories', categories.reason, 'categories');
    b.unknownFact('missingCategories', categories.reason, 'categories');
    b.unknownFact('capturesAll', categories.reason, 'categories');
  } else {
    const names = categories.filter((c): c is string => typeof c === 'string');
    const unknown = categories.find(isUnresolved);
    b.put('categories', names, 'categories');
    const missing = ['Write', 'Delete', 'Action'].filter((c) => !names.some((n) => n.toLowerCase() === c.toLowerCase()));
    if (missing.length > 0 && unknown) {
      b.unknownFact('missingCategories', unknown.reason, 'categories');
      b.unknownFact('capturesAll', unknown.reason, 'categories');
    } else {
      b.put('missingCategories', missing, 'categories');
      b.put('capturesAll', missing.length === 0, 'categories');
    }
  }
  const locations = listOf(values.locations);
  if (isUnresolved(locations)) b.unknownFact('locations', locations.reason, 'locations');
  else {
    const names = locations.filter((l): l is string => typeof l === 'string');
    b.put('locations', names, 'locations');
    b.put('includesGlobal', names.some((l) => l.toLowerCase() === 'global'), 'locations');
  }
  const retention = blocksOf(values.retention_policy);
  if (isUnresolved(retention)) {
    for (const fact of ['retention.enabled', 'retention.days', 'retention.unbounded']) b.unknownFact(fact, retention.reason, 'retention_policy');
  } else {
    const block = retention[0];
    const enabled = b.set('retention.enabled', block ? boolOf(block.enabled) : null, 'retention_policy.enabled', false);
    // azurerm: days defaults to 0.
    const days = b.set('retention.days', block ? numberOf(block.days) : null, 'retention_policy.days', 0);
    if (enabled === null) b.unknownFact('retention.unbounded', b.unknown['retention.enabled'] ?? 'retention is not known', 'retention_policy.enabled');
    else if (!enabled) b.put('retention.unbounded', true, 'retention_policy.enabled');
    else if (days === null) b.unknownFact('retention.unbounded', b.unknown['retention.days'] ?? 'retention is not known', 'retention_policy.days');
    else b.put('retention.unbounded', days === 0, 'retention_policy.days');
  }
  const storage = values.storage_account_id;
  const destinations: IacValue[] = storage !== undefined && storage !== null ? [storage] : [];
  const destinationLocations = destinations.length > 0 ? [b.locate('storage_account_id')] : [];
  b.put('destinations.storage', destinations.length > 0, 'storage_account_id');
  b.put('destinations.eventHub', values.servicebus_rule_id !== undefined && values.servicebus_rule_id !== null, 'servicebus_rule_id');
  return {
    subject: b.subject('azure-log-profile', ['identity', 'applications']),
    stream: { address: resource.address, stack: resource.stack, path: resource.path, system: 'azure-activity-log', pillars: ['identity', 'applications'], destinations, declaredAt: resource.at, destinationLocations },
  };
}

/**
 * An AKS cluster: Container Insights (`oms_agent`), Defender (`microsoft_defender`), and whether a
 * diagnostic setting that targets it captures the control plane's `kube-audit` or `kube-audit-admin`.
 */
export function readAks(resource: CloudResource, diagnostics: readonly DiagnosticRead[]): ServiceRead {
  const values = resource.values;
  const b = new FactSheet(resource);
  b.put('containerInsights', present(values, 'oms_agent'), 'oms_agent');
  b.put('defender', present(values, 'microsoft_defender'), 'microsoft_defender');
  // azurerm 3.x/4.x: local accounts are enabled unless local_account_disabled = true.
  b.set('localAccountDisabled', boolOf(values.local_account_disabled), 'local_account_disabled', false);
  linkAudit(b, resource, diagnostics, 'aks', 'kubeAudit');
  return { subject: b.subject('azure-aks', ['applications']), stream: null };
}

/** A Key Vault: whether a diagnostic setting that targets it captures `AuditEvent` (CIS Azure v3.0.0 6.1.4). */
export function readKeyVault(resource: CloudResource, diagnostics: readonly DiagnosticRead[]): ServiceRead {
  const values = resource.values;
  const b = new FactSheet(resource);
  // azurerm 3.x/4.x: purge protection is off unless enabled; soft delete keeps 90 days.
  b.set('purgeProtection', boolOf(values.purge_protection_enabled), 'purge_protection_enabled', false);
  b.set('softDeleteDays', numberOf(values.soft_delete_retention_days), 'soft_delete_retention_days', 90);
  linkAudit(b, resource, diagnostics, 'key-vault', 'auditEvent');
  return { subject: b.subject('azure-key-vault', ['data', 'identity']), stream: null };
}

/** The diagnostic settings that target a resource, and whether one of them captures the kind's audit categories. */
function linkAudit(b: FactSheet, resource: CloudResource, diagnostics: readonly DiagnosticRead[], kind: TargetKind, fact: string): void {
  const settings = targeting(resource, diagnostics);
  const found = settingsCapturing(settings, kind);
  b.put('diagnosticSettings', settings.length, settings[0]?.resource.at ?? resource.at);
  b.put('diagnosticSettingAddresses', settings.map((s) => s.resource.address), settings[0]?.resource.at ?? resource.at);
  if (found.captured) {
    b.put(fact, true, found.captured.subject.locations.categories ?? found.captured.resource.at);
    b.put(`${fact}Destinations`, found.captured.subject.facts.destinationKinds, found.captured.resource.at);
  } else if (found.unknown) b.unknownFact(fact, found.unknown, settings[0]?.resource.at ?? resource.at);
  else {
    // A setting without the category is the line to fix; without any setting, the resource is.
    const first = settings[0];
    b.put(fact, false, first ? (first.subject.locations.categories ?? first.resource.at) : resource.at);
  }
}

function targeting(resource: CloudResource, diagnostics: readonly DiagnosticRead[]): DiagnosticRead[] {
  return diagnostics.filter((d) => d.resource.type === 'azurerm_monitor_diagnostic_setting' && namesResource(d.resource, d.resource.values.target_resource_id, resource));
}

/** The first setting that captures the kind's required categories; or why that is unknown. */
function settingsCapturing(settings: readonly DiagnosticRead[], kind: TargetKind): { captured: DiagnosticRead | null; unknown: string | null } {
  const requirement = REQUIRED_CATEGORIES[kind];
  let unknown: string | null = null;
  for (const s of settings) {
    if (isUnresolved(s.resource.exists)) {
      unknown ??= `${s.resource.address}: ${s.resource.exists.reason}`;
      continue;
    }
    const missing = requirement ? missingFrom(s.categories, requirement) : hasGroup(s.categories, 'allLogs') ? [] : ['allLogs'];
    if (missing === null) unknown ??= `${s.resource.address}: ${s.categories.unknown ?? 'categories not known'}`;
    else if (missing.length === 0) return { captured: s, unknown: null };
  }
  return { captured: null, unknown };
}

function present(value: IacValue | undefined, key: string): boolean {
  const found = valueAt(value, key);
  if (found === undefined || found === null) return false;
  if (Array.isArray(found)) return found.length > 0;
  return true;
}

function refName(value: IacValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (isUnresolved(value)) return value.refs[0] ?? null;
  return typeof value === 'string' ? value : null;
}
