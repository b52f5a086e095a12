/**
 * The Azure extractor (issue 3): reads azurerm provider (3.x/4.x) resources of every stack of the
 * scan into subjects, audit streams, stores and detections. Each reader lives in its own module;
 * this one only dispatches and orders the output.
 */
import { emptyExtraction } from '../../model/cloud.js';
import type { CloudExtraction, CloudExtractor, CloudResource, CloudStream } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { ofType, targetsOf } from '../resolve.js';
import { readActivityLogAlert, readSentinelRule, SENTINEL_RULE_TYPES, subscriptionSubject } from './alerts.js';
import type { AlertRead } from './alerts.js';
import { DIAGNOSTIC_TYPES, readDiagnosticSetting } from './diagnostics.js';
import type { DiagnosticRead } from './diagnostics.js';
import { readFlowLog } from './flow-logs.js';
import { APP_SERVICE_TYPES, readAks, readAppService, readKeyVault, readLogProfile, readSqlAuditing, SQL_AUDITING_TYPES } from './services.js';
import { accountKeys, readStorageAccount } from './storage.js';
import { sitesOfStream } from './log-sites.js';
import type { LogSite } from './log-sites.js';
import type { StorageRead } from './storage.js';
import { readWorkspace } from './workspace.js';

export const AZURE: CloudExtractor = {
  provider: 'azure',
  name: 'azure',
  extract: (resources) => {
    try {
      return extractAzure(resources);
    } catch {
      // Readers never throw on input; this is the last guard of the "never throws" promise.
      return emptyExtraction();
    }
  },
};

export function extractAzure(resources: readonly CloudResource[]): CloudExtraction {
  const out = emptyExtraction();
  const azure = resources.filter((r) => r.type.startsWith('azurerm_'));
  if (azure.length === 0) return out;

  const diagnostics: DiagnosticRead[] = ofType(azure, ...DIAGNOSTIC_TYPES).map(readDiagnosticSetting);
  for (const d of diagnostics) {
    out.subjects.push(d.subject);
    out.streams.push(d.stream);
    if (d.categories.unknown !== null) {
      out.unknowns.push({ construct: `${d.resource.address} ${d.categories.unknownAt ?? 'log categories'}`, reason: d.categories.unknown, at: d.resource.locations[d.categories.unknownAt ?? ''] ?? d.resource.at });
    }
  }

  const analyticsRules = ofType(azure, ...SENTINEL_RULE_TYPES);
  for (const r of ofType(azure, 'azurerm_log_analytics_workspace')) {
    const read = readWorkspace(r, azure, analyticsRules);
    out.subjects.push(read.subject);
    out.stores.push(read.store);
  }
  for (const r of ofType(azure, 'azurerm_network_watcher_flow_log')) {
    const read = readFlowLog(r);
    out.subjects.push(read.subject);
    out.streams.push(read.stream);
  }
  for (const r of ofType(azure, ...Object.keys(SQL_AUDITING_TYPES))) {
    const read = readSqlAuditing(r);
    out.subjects.push(read.subject);
    if (read.stream) out.streams.push(read.stream);
  }
  for (const r of ofType(azure, ...APP_SERVICE_TYPES)) out.subjects.push(readAppService(r, diagnostics).subject);
  const logProfiles = ofType(azure, 'azurerm_monitor_log_profile');
  for (const r of logProfiles) {
    const read = readLogProfile(r);
    out.subjects.push(read.subject);
    if (read.stream) out.streams.push(read.stream);
  }
  for (const r of ofType(azure, 'azurerm_kubernetes_cluster')) out.subjects.push(readAks(r, diagnostics).subject);
  for (const r of ofType(azure, 'azurerm_key_vault')) out.subjects.push(readKeyVault(r, diagnostics).subject);

  const alerts: AlertRead[] = ofType(azure, 'azurerm_monitor_activity_log_alert').map(readActivityLogAlert);
  for (const a of alerts) if (a.detection) out.detections.push(a.detection);
  for (const r of analyticsRules) {
    const detection = readSentinelRule(r);
    if (detection) out.detections.push(detection);
  }

  // Accounts last: lifecycle rules and container policies are read for where their writers' logs land.
  const accounts = ofType(azure, 'azurerm_storage_account').map((r) => readStorageAccount(r, azure, logSitesOf(r, out.streams, diagnostics)));
  for (const read of accounts) {
    out.subjects.push(read.subject);
    out.stores.push(read.store);
  }
  markLogDestinations(accounts, out.streams);

  // One subscription subject per stack that manages alerts or diagnostic settings.
  const stacks = [...new Set([...alerts.map((a) => a.resource.stack), ...diagnostics.map((d) => d.resource.stack)])].sort();
  for (const stack of stacks) {
    const subject = subscriptionSubject(
      stack,
      alerts.filter((a) => a.resource.stack === stack),
      diagnostics.filter((d) => d.resource.stack === stack),
      logProfiles.filter((p) => p.stack === stack),
    );
    if (subject) out.subjects.push(subject);
  }

  out.subjects.sort(bySubject);
  out.streams.sort((a, b) => compare(`${a.path}\u0000${a.address}`, `${b.path}\u0000${b.address}`));
  out.stores.sort((a, b) => compare(`${a.path}\u0000${a.address}`, `${b.path}\u0000${b.address}`));
  out.detections.sort((a, b) => compare(a.id, b.id));
  return out;
}

/** A storage account that an Azure audit stream writes to keeps logs: integrity rules apply to it. */
function markLogDestinations(accounts: readonly StorageRead[], streams: readonly CloudStream[]): void {
  for (const account of accounts) {
    const writers = streams.filter((s) => s.destinations.some((d) => targetsOf(s, d, [account.store], (x) => x.keys).length > 0));
    const first = writers[0];
    account.subject.facts.logDestination = writers.length > 0;
    account.subject.facts.logStreams = writers.map((w) => w.address);
    const at = first ? (first.destinationLocations[first.destinations.findIndex((d) => targetsOf(first, d, [account.store], (x) => x.keys).length > 0)] ?? first.declaredAt) : account.subject.declaredAt;
    account.subject.locations.logDestination = at;
    account.subject.locations.logStreams = at;
  }
}

/** The log sites of the streams that write to an account (none: any blob of it). */
function logSitesOf(account: CloudResource, streams: readonly CloudStream[], diagnostics: readonly DiagnosticRead[]): LogSite[] {
  const target = [{ address: account.address, stack: account.stack, keys: accountKeys(account) }];
  const sites = new Map<string, LogSite>();
  for (const stream of streams) {
    if (!stream.destinations.some((d) => targetsOf(stream, d, target, (x) => x.keys).length > 0)) continue;
    for (const site of sitesOfStream(stream, diagnostics)) sites.set(`${site.container}\u0000${site.pattern}\u0000${site.blobType}`, site);
  }
  return [...sites.keys()].sort().map((k) => sites.get(k) as LogSite);
}

function bySubject(a: Subject, b: Subject): number {
  return compare(`${a.path}\u0000${a.kind}\u0000${a.id}`, `${b.path}\u0000${b.kind}\u0000${b.id}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
