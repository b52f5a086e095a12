/**
 * Network Watcher flow logs (`azurerm_network_watcher_flow_log`): NSG flow logs (azurerm 3.x
 * `network_security_group_id`) and VNet flow logs (4.x `target_resource_id`), their own retention
 * in the storage account, the log format version and traffic analytics.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream, IacValue } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { blocksOf, boolOf, numberOf, stringOf } from '../values.js';
import { FactSheet } from '../fact-sheet.js';
import { targetOf } from './targets.js';

/** azurerm 3.x/4.x: `version` defaults to 1 and traffic analytics `interval_in_minutes` to 60. */
export const DEFAULT_FLOW_LOG_VERSION = 1;
export const DEFAULT_TRAFFIC_ANALYTICS_INTERVAL = 60;

export interface FlowLogRead {
  subject: Subject;
  stream: CloudStream;
}

export function readFlowLog(resource: CloudResource): FlowLogRead {
  const values = resource.values;
  const b = new FactSheet(resource);
  const targetAttribute = Object.prototype.hasOwnProperty.call(values, 'target_resource_id') ? 'target_resource_id' : 'network_security_group_id';
  const target = targetOf(values[targetAttribute]);
  if (target.reason !== null) {
    b.unknownFact('target', target.reason, targetAttribute);
    b.unknownFact('targetKind', target.reason, targetAttribute);
  } else {
    b.put('target', target.name, targetAttribute);
    b.put('targetKind', target.kind ?? target.type, targetAttribute);
  }
  // `enabled` is required by the provider; a missing value is read as unknown rather than assumed.
  b.set('enabled', boolOf(values.enabled), 'enabled');
  b.set('version', numberOf(values.version), 'version', DEFAULT_FLOW_LOG_VERSION);

  // retention_policy is a required block: enabled with days = 0 keeps records forever; disabled applies no retention.
  const retention = blocksOf(values.retention_policy);
  if (isUnresolved(retention)) {
    for (const fact of ['retention.enabled', 'retention.days', 'retention.unbounded']) b.unknownFact(fact, retention.reason, 'retention_policy');
  } else {
    const block = retention[0];
    const enabled = block ? boolOf(block.enabled) : null;
    const days = block ? numberOf(block.days) : null;
    b.set('retention.enabled', enabled, 'retention_policy.enabled', false);
    const daysValue = b.set('retention.days', days, 'retention_policy.days');
    if (isUnresolved(enabled)) b.unknownFact('retention.unbounded', enabled.reason, 'retention_policy.enabled');
    else if (enabled !== true) b.put('retention.unbounded', true, block ? 'retention_policy.enabled' : undefined);
    else if (isUnresolved(days)) b.unknownFact('retention.unbounded', days.reason, 'retention_policy.days');
    else b.put('retention.unbounded', daysValue === 0, 'retention_policy.days');
  }

  const analytics = blocksOf(values.traffic_analytics);
  if (isUnresolved(analytics)) {
    for (const fact of ['trafficAnalytics.enabled', 'trafficAnalytics.intervalMinutes']) b.unknownFact(fact, analytics.reason, 'traffic_analytics');
  } else {
    const block = analytics[0];
    const enabled = block ? boolOf(block.enabled) : false;
    b.set('trafficAnalytics.enabled', enabled, block ? 'traffic_analytics.enabled' : undefined, false);
    b.set('trafficAnalytics.intervalMinutes', block ? numberOf(block.interval_in_minutes) : null, block ? 'traffic_analytics.interval_in_minutes' : undefined, DEFAULT_TRAFFIC_ANALYTICS_INTERVAL);
    const workspace = block ? block.workspace_resource_id : undefined;
    b.put('trafficAnalytics.workspace', workspace !== undefined && workspace !== null, block ? 'traffic_analytics.workspace_resource_id' : undefined);
  }
  const storage = stringOf(values.storage_account_id);
  b.put('destinations.storage', storage !== null, 'storage_account_id');

  const destinations: IacValue[] = [];
  const destinationLocations: Location[] = [];
  const storageValue = values.storage_account_id;
  if (storageValue !== undefined && storageValue !== null) {
    destinations.push(storageValue);
    destinationLocations.push(b.locate('storage_account_id'));
  }
  return {
    subject: b.subject('azure-flow-log', ['networks']),
    stream: { address: resource.address, stack: resource.stack, path: resource.path, system: 'azure-flow-logs', pillars: ['networks'], destinations, declaredAt: resource.at, destinationLocations },
  };
}

