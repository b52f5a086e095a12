/**
 * Network Firewall logging: `aws_networkfirewall_logging_configuration` (`firewall_arn`,
 * `logging_configuration.log_destination_config[]` with `log_type` ALERT, FLOW or TLS,
 * `log_destination_type` S3, CloudWatchLogs or KinesisDataFirehose, and `log_destination` =
 * `{ bucketName | logGroup | deliveryStream }`) and CloudFormation
 * `AWS::NetworkFirewall::LoggingConfiguration` (`FirewallArn`,
 * `LoggingConfiguration.LogDestinationConfigs[]` with `LogType`, `LogDestinationType`, `LogDestination`).
 * ALERT records the traffic the rules flagged; FLOW every flow the firewall saw.
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource } from '../../../model/cloud.js';
import type { Location } from '../../../model/vocabulary.js';
import { ofType } from '../../resolve.js';
import { stringOf, valueAt } from '../../values.js';
import { attach } from './attached.js';
import { locate } from '../../fact-sheet.js';
import { finish, putLogTypes, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import { allBlocks, own } from './read.js';
import type { DestinationKind } from './read.js';

const KIND: Record<string, DestinationKind> = { s3: 's3', cloudwatchlogs: 'cloudwatch-logs', kinesisdatafirehose: 'firehose' };

export function readNetworkFirewall(resources: readonly CloudResource[], out: ServiceOutput): void {
  const firewalls = ofType(resources, 'aws_networkfirewall_firewall', 'AWS::NetworkFirewall::Firewall');
  const configs = ofType(resources, 'aws_networkfirewall_logging_configuration', 'AWS::NetworkFirewall::LoggingConfiguration');
  for (const { subject, config } of attach(firewalls, configs, (c) => c.values[c.source === 'cloudformation' ? 'FirewallArn' : 'firewall_arn'])) {
    const sheet = serviceSheet(subject, 'network-firewall');
    if (subject !== config) {
      const nameAttr = subject.source === 'cloudformation' ? 'FirewallName' : 'name';
      sheet.set('firewallName', stringOf(subject.values[nameAttr]), locate(subject, nameAttr));
    }
    const destinations: Destination[] = [];
    const kinds: DestinationKind[] = [];
    let logTypes: string[] | null = [];
    let at: Location = subject.at;
    if (config) {
      const cfn = config.source === 'cloudformation';
      const path = cfn ? 'LoggingConfiguration.LogDestinationConfigs' : 'logging_configuration.log_destination_config';
      const k = (tf: string, pascal: string): string => (cfn ? pascal : tf);
      at = locate(config, `${path}.${k('log_type', 'LogType')}`, path);
      sheet.put('loggingConfiguration', config.address, config.at);
      const blocks = allBlocks(valueAt(config.values, path));
      if (isUnresolved(blocks)) {
        sheet.unknownFact('logTypes', blocks.reason, at);
        logTypes = null;
      } else {
        for (const block of blocks) {
          const type = stringOf(own(block, k('log_type', 'LogType')));
          if (isUnresolved(type)) {
            sheet.unknownFact('logTypes', type.reason, at);
            logTypes = null;
            break;
          }
          if (type !== null) logTypes.push(type.toUpperCase());
          const kind = KIND[String(stringOf(own(block, k('log_destination_type', 'LogDestinationType'))) ?? '').toLowerCase()];
          if (kind && !kinds.includes(kind)) kinds.push(kind);
          const target = own(block, k('log_destination', 'LogDestination'));
          const value = own(target, 'bucketName') ?? own(target, 'logGroup') ?? own(target, 'deliveryStream');
          if (value !== undefined && value !== null) destinations.push({ value, at: locate(config, `${path}.${k('log_destination', 'LogDestination')}`, path) });
        }
      }
    }
    if (logTypes !== null) {
      logTypes = [...new Set(logTypes)].sort();
      sheet.put('logTypes', logTypes, at);
    }
    putLogTypes(sheet, logTypes, ['ALERT', 'FLOW'], at);
    sheet.put('destinationKinds', kinds, at);
    finish(out, sheet, { service: 'network-firewall', enabled: logTypes === null ? null : logTypes.length > 0, enabledAt: at, destinationKind: kinds[0] ?? null, destinations });
  }
}
