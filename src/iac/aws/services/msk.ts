/**
 * MSK broker logs: `logging_info.broker_logs` with `cloudwatch_logs`, `firehose` and `s3` blocks,
 * each with `enabled` (CloudFormation `LoggingInfo.BrokerLogs.{CloudWatchLogs,Firehose,S3}`).
 * Brokers keep no log the owner can read unless one of them is on.
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource } from '../../../model/cloud.js';
import type { Location } from '../../../model/vocabulary.js';
import { ofType } from '../../resolve.js';
import { boolOf, stringOf, valueAt } from '../../values.js';
import { locate } from '../../fact-sheet.js';
import { finish, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import type { DestinationKind } from './read.js';

interface Target {
  kind: DestinationKind;
  tf: [string, string];
  cfn: [string, string];
}

const TARGETS: Target[] = [
  { kind: 'cloudwatch-logs', tf: ['cloudwatch_logs', 'log_group'], cfn: ['CloudWatchLogs', 'LogGroup'] },
  { kind: 'firehose', tf: ['firehose', 'delivery_stream'], cfn: ['Firehose', 'DeliveryStream'] },
  { kind: 's3', tf: ['s3', 'bucket'], cfn: ['S3', 'Bucket'] },
];

export function readMsk(resources: readonly CloudResource[], out: ServiceOutput): void {
  for (const resource of ofType(resources, 'aws_msk_cluster', 'AWS::MSK::Cluster')) {
    const cfn = resource.source === 'cloudformation';
    const sheet = serviceSheet(resource, 'msk');
    const base = cfn ? 'LoggingInfo.BrokerLogs' : 'logging_info.broker_logs';
    const baseAt = locate(resource, base);
    const kinds: DestinationKind[] = [];
    const destinations: Destination[] = [];
    let unknown: { reason: string; at: Location } | null = null;
    for (const target of TARGETS) {
      const [block, attr] = cfn ? target.cfn : target.tf;
      const enabledPath = `${base}.${block}.${cfn ? 'Enabled' : 'enabled'}`;
      const on = boolOf(valueAt(resource.values, enabledPath));
      if (isUnresolved(on)) unknown ??= { reason: on.reason, at: locate(resource, enabledPath) };
      else if (on === true) {
        kinds.push(target.kind);
        const value = valueAt(resource.values, `${base}.${block}.${attr}`);
        if (value !== undefined && value !== null) destinations.push({ value, at: locate(resource, `${base}.${block}.${attr}`, `${base}.${block}`) });
      }
    }
    const nameAttr = cfn ? 'ClusterName' : 'cluster_name';
    sheet.set('clusterName', stringOf(resource.values[nameAttr]), locate(resource, nameAttr));
    const enabled = kinds.length > 0 ? true : unknown ? null : false;
    const enabledAt = destinations[0]?.at ?? unknown?.at ?? baseAt;
    if (enabled === null && unknown) sheet.unknownFact('enabled', unknown.reason, unknown.at);
    sheet.put('logTypes', kinds.length > 0 ? ['broker'] : [], enabledAt);
    sheet.put('destinationKinds', kinds, enabledAt);
    finish(out, sheet, { service: 'msk', enabled, enabledAt, destinationKind: kinds[0] ?? null, destinations });
  }
}
