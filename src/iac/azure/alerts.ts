/**
 * Activity log alerts (`azurerm_monitor_activity_log_alert`) and Microsoft Sentinel analytics rules
 * as detections, and one `azure-subscription` subject per stack saying which of the CIS Microsoft
 * Azure Foundations v3.0.0 6.2.x operations are alerted on and whether the activity log is exported.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource } from '../../model/cloud.js';
import type { Detection } from '../../model/estate.js';
import type { Subject } from '../../model/subject.js';
import { blocksOf, boolOf, listOf, stringOf } from '../values.js';
import type { DiagnosticRead } from './diagnostics.js';
import { REQUIRED_CATEGORIES } from './diagnostics.js';
import { missingFrom } from './categories.js';
import { FactSheet } from '../fact-sheet.js';

/** CIS Microsoft Azure Foundations v3.0.0 6.2.1–6.2.10: an activity log alert for each operation. */
export const CIS_ALERT_OPERATIONS: readonly { cis: string; operation: string }[] = [
  { cis: '6.2.1', operation: 'Microsoft.Authorization/policyAssignments/write' },
  { cis: '6.2.2', operation: 'Microsoft.Authorization/policyAssignments/delete' },
  { cis: '6.2.3', operation: 'Microsoft.Network/networkSecurityGroups/write' },
  { cis: '6.2.4', operation: 'Microsoft.Network/networkSecurityGroups/delete' },
  { cis: '6.2.5', operation: 'Microsoft.Security/securitySolutions/write' },
  { cis: '6.2.6', operation: 'Microsoft.Security/securitySolutions/delete' },
  { cis: '6.2.7', operation: 'Microsoft.Sql/servers/firewallRules/write' },
  { cis: '6.2.8', operation: 'Microsoft.Sql/servers/firewallRules/delete' },
  { cis: '6.2.9', operation: 'Microsoft.Network/publicIPAddresses/write' },
  { cis: '6.2.10', operation: 'Microsoft.Network/publicIPAddresses/delete' },
];

/** Operations older CIS versions (1.x) also asked for; reported, not required. */
const EXTRA_OPERATIONS = ['Microsoft.Network/networkSecurityGroups/securityRules/write', 'Microsoft.Network/networkSecurityGroups/securityRules/delete'];
const KNOWN_OPERATIONS = [...CIS_ALERT_OPERATIONS.map((o) => o.operation), ...EXTRA_OPERATIONS];

export const SENTINEL_RULE_TYPES = [
  'azurerm_sentinel_alert_rule_scheduled',
  'azurerm_sentinel_alert_rule_nrt',
  'azurerm_sentinel_alert_rule_fusion',
  'azurerm_sentinel_alert_rule_ms_security_incident',
  'azurerm_sentinel_alert_rule_machine_learning_behavior_analytics',
];

export interface AlertRead {
  resource: CloudResource;
  /** Operations the alert fires on (known ones in their canonical spelling), when it is on. */
  covers: string[];
  /** Why it may cover more than `covers` (an unknown operation, category, `enabled` or `count`). */
  unknown: string | null;
  detection: Detection | null;
}

export function readActivityLogAlert(resource: CloudResource): AlertRead {
  const values = resource.values;
  const unknownExists = isUnresolved(resource.exists) ? resource.exists.reason : null;
  // azurerm 3.x/4.x: enabled defaults to true.
  const enabled = boolOf(values.enabled);
  if (enabled === false) return { resource, covers: [], unknown: null, detection: null };
  const criteria = blocksOf(values.criteria);
  if (isUnresolved(criteria)) return { resource, covers: [], unknown: criteria.reason, detection: null };
  const block = criteria[0];
  if (!block) return { resource, covers: [], unknown: null, detection: null };
  const read = [stringOf(block.category), stringOf(block.operation_name), stringOf(block.resource_provider), stringOf(block.resource_type)];
  const pending = read.find(isUnresolved);
  if (pending) return { resource, covers: [], unknown: pending.reason, detection: null };
  const [category, operation, provider, type] = read.map((v) => (typeof v === 'string' ? v : null));
  const covers = new Set<string>();
  const cat = (category ?? '').toLowerCase();
  if (operation) {
    // Operations are logged under Administrative (a few under Security); other categories never carry them.
    if (cat === 'administrative' || cat === 'security') covers.add(KNOWN_OPERATIONS.find((o) => o.toLowerCase() === operation.toLowerCase()) ?? operation);
  } else if (cat === 'administrative' || cat === 'security') {
    // Without an operation the alert fires on every operation of the category that its resource filters allow.
    for (const op of KNOWN_OPERATIONS) {
      const lower = op.toLowerCase();
      if (cat === 'security' && !lower.startsWith('microsoft.security/')) continue;
      if (provider && !lower.startsWith(`${provider.toLowerCase()}/`)) continue;
      if (type && lower.slice(0, lower.lastIndexOf('/')) !== type.toLowerCase()) continue;
      covers.add(op);
    }
    if (covers.size === 0) covers.add(`category:${category ?? ''}`);
  }
  const list = [...covers].sort();
  const unknown = unknownExists ?? (isUnresolved(enabled) ? enabled.reason : null);
  if (unknown !== null) return { resource, covers: list, unknown, detection: null };
  return {
    resource,
    covers: list,
    unknown: null,
    detection: list.length > 0 ? { id: `azure-activity-log-alert:${resource.path}#${resource.address}`, kind: 'activity-log-alert', covers: list, declaredAt: resource.at } : null,
  };
}

/** A Sentinel analytics rule that is on: it covers its MITRE tactics, else what it watches (products, fusion, its name). */
export function readSentinelRule(resource: CloudResource): Detection | null {
  if (isUnresolved(resource.exists)) return null;
  const values = resource.values;
  // azurerm 3.x/4.x: Sentinel alert rules are enabled by default.
  if (boolOf(values.enabled) !== true && boolOf(values.enabled) !== null) return null;
  const covers: string[] = [];
  const tactics = listOf(values.tactics);
  if (!isUnresolved(tactics)) for (const t of tactics) if (typeof t === 'string') covers.push(t);
  if (covers.length === 0) {
    const products = listOf(values.product_filter);
    if (!isUnresolved(products)) for (const p of products) if (typeof p === 'string') covers.push(p);
  }
  if (covers.length === 0 && resource.type === 'azurerm_sentinel_alert_rule_fusion') covers.push('fusion');
  if (covers.length === 0) {
    const name = stringOf(values.display_name);
    covers.push(typeof name === 'string' ? name : resource.name);
  }
  return { id: `azure-sentinel-rule:${resource.path}#${resource.address}`, kind: 'siem-analytics', covers: [...new Set(covers)].sort(), declaredAt: resource.at };
}

/**
 * The subscription a stack manages: the CIS 6.2.x operations its alerts cover, and whether a
 * diagnostic setting exports the activity log (6.1.1) with the categories of 6.1.2. Findings point
 * at the stack's first activity log alert, else its first diagnostic setting.
 */
export function subscriptionSubject(stack: string, alerts: readonly AlertRead[], diagnostics: readonly DiagnosticRead[], logProfiles: readonly CloudResource[]): Subject | null {
  const ordered = [...alerts.map((a) => a.resource), ...diagnostics.map((d) => d.resource), ...logProfiles].sort(byPlace);
  const alertAnchor = [...alerts.map((a) => a.resource)].sort(byPlace)[0];
  const anchor = alertAnchor ?? ordered[0];
  if (!anchor) return null;
  const b = new FactSheet({ ...anchor, address: `subscription:${stack}`, exists: true });
  b.put('stack', stack, anchor.at);
  // A stack that declares alerts, a log profile or a subscription diagnostic setting manages subscription monitoring.
  const manages = alerts.length > 0 || logProfiles.length > 0 || diagnostics.some((d) => d.target.kind === 'subscription');
  b.put('managesSubscription', manages, anchor.at);

  const covered = new Set(alerts.flatMap((a) => a.covers.map((c) => c.toLowerCase())));
  const maybe = alerts.find((a) => a.unknown !== null);
  const alerted = CIS_ALERT_OPERATIONS.filter((o) => covered.has(o.operation.toLowerCase())).map((o) => o.operation);
  const missing = CIS_ALERT_OPERATIONS.filter((o) => !covered.has(o.operation.toLowerCase())).map((o) => o.operation);
  const alertAt = alertAnchor?.at ?? anchor.at;
  b.put('alerts', alerts.filter((a) => a.detection !== null).length, alertAt);
  b.put('alertedOperations', alerted, alertAt);
  b.put('alertedCis', CIS_ALERT_OPERATIONS.filter((o) => covered.has(o.operation.toLowerCase())).map((o) => o.cis), alertAt);
  if (missing.length > 0 && maybe) {
    b.unknownFact('missingOperations', `${maybe.resource.address}: ${maybe.unknown ?? ''}`, alertAt);
    b.unknownFact('alertsComplete', `${maybe.resource.address}: ${maybe.unknown ?? ''}`, alertAt);
  } else {
    b.put('missingOperations', missing, alertAt);
    b.put('alertsComplete', missing.length === 0, alertAt);
  }

  const exporting = diagnostics.filter((d) => d.target.kind === 'subscription' && d.resource.exists === true).sort((x, y) => byPlace(x.resource, y.resource));
  const undecided = diagnostics.find((d) => (d.target.kind === null && d.target.reason !== null) || (d.target.kind === 'subscription' && d.resource.exists !== true));
  const first = exporting[0];
  if (first) b.put('activityLog.exported', true, first.resource.at);
  else if (undecided) b.unknownFact('activityLog.exported', `${undecided.resource.address}: ${undecidedReason(undecided)}`, undecided.resource.at);
  else b.put('activityLog.exported', false, anchor.at);
  b.put('activityLog.settings', exporting.length, first?.resource.at ?? anchor.at);
  if (first) {
    // Categories captured by any exporting setting count together.
    const merged = {
      categories: exporting.flatMap((d) => d.categories.categories),
      groups: exporting.flatMap((d) => d.categories.groups),
      metrics: [],
      unknown: exporting.find((d) => d.categories.unknown !== null)?.categories.unknown ?? null,
      unknownAt: null,
    };
    const requirement = REQUIRED_CATEGORIES.subscription;
    const missingCategories = requirement ? missingFrom(merged, requirement) : [];
    const at = first.subject.locations.categories ?? first.resource.at;
    if (missingCategories === null) b.unknownFact('activityLog.missingCategories', merged.unknown ?? 'the categories are not known', at);
    else b.put('activityLog.missingCategories', missingCategories, at);
  }
  b.put('activityLog.logProfile', logProfiles.some((p) => p.exists === true), logProfiles[0]?.at ?? anchor.at);
  return b.subject('azure-subscription', ['identity', 'applications']);
}

function undecidedReason(d: DiagnosticRead): string {
  if (isUnresolved(d.resource.exists)) return d.resource.exists.reason;
  return d.target.reason ?? 'its target is not known';
}

function byPlace(a: CloudResource, b: CloudResource): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.at.line !== b.at.line) return a.at.line - b.at.line;
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}
