/**
 * WAF logging.
 * - WAFv2: `aws_wafv2_web_acl` with an `aws_wafv2_web_acl_logging_configuration` whose
 *   `resource_arn` refers to it (`log_destination_configs`: a Firehose stream, a log group or a
 *   bucket named `aws-waf-logs-*`; a `logging_filter` that drops requests); CloudFormation
 *   `AWS::WAFv2::WebACL` with `AWS::WAFv2::LoggingConfiguration` (`ResourceArn`, `LogDestinationConfigs`).
 * - WAF Classic: `aws_waf_web_acl` / `aws_wafregional_web_acl` `logging_configuration { log_destination }`.
 */
import type { CloudResource, IacValue } from '../../../model/cloud.js';
import type { Location } from '../../../model/vocabulary.js';
import { isUnresolved } from '../../../model/cloud.js';
import { ofType } from '../../resolve.js';
import { listOf, stringOf, valueAt } from '../../values.js';
import { attach } from './attached.js';
import { locate } from '../../fact-sheet.js';
import { finish, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import { destinationKindOf } from './read.js';

export function readWaf(resources: readonly CloudResource[], out: ServiceOutput): void {
  const acls = ofType(resources, 'aws_wafv2_web_acl', 'AWS::WAFv2::WebACL');
  const configs = ofType(resources, 'aws_wafv2_web_acl_logging_configuration', 'AWS::WAFv2::LoggingConfiguration');
  const attachments = attach(acls, configs, (c) => c.values[c.source === 'cloudformation' ? 'ResourceArn' : 'resource_arn']);
  for (const { subject, config } of attachments) {
    const sheet = serviceSheet(subject, 'wafv2');
    const cfnAcl = subject.source === 'cloudformation';
    if (subject !== config) sheet.set('aclName', stringOf(subject.values[cfnAcl ? 'Name' : 'name']), locate(subject, cfnAcl ? 'Name' : 'name'));
    const destinations: Destination[] = [];
    let enabled: boolean | null = false;
    let enabledAt: Location = subject.at;
    if (config) {
      const cfn = config.source === 'cloudformation';
      const attr = cfn ? 'LogDestinationConfigs' : 'log_destination_configs';
      enabledAt = locate(config, attr);
      const list = listOf(config.values[attr]);
      if (isUnresolved(list)) destinations.push({ value: list, at: enabledAt });
      else for (const value of list) destinations.push({ value, at: enabledAt });
      enabled = true;
      const filter = valueAt(config.values, cfn ? 'LoggingFilter' : 'logging_filter');
      sheet.put('filtered', filter !== undefined && filter !== null, locate(config, cfn ? 'LoggingFilter' : 'logging_filter'));
      sheet.put('loggingConfiguration', config.address, config.at);
    }
    sheet.put('logTypes', enabled ? ['web-acl'] : [], enabledAt);
    finish(out, sheet, { service: 'wafv2', enabled, enabledAt, destinationKind: kindOf(destinations[0]?.value), destinations });
  }

  for (const acl of ofType(resources, 'aws_waf_web_acl', 'aws_wafregional_web_acl')) {
    const sheet = serviceSheet(acl, 'waf');
    sheet.set('aclName', stringOf(acl.values['name']), locate(acl, 'name'));
    const destination = valueAt(acl.values, 'logging_configuration.log_destination');
    const at = locate(acl, 'logging_configuration.log_destination', 'logging_configuration');
    const enabled = destination !== undefined && destination !== null;
    sheet.put('logTypes', enabled ? ['web-acl'] : [], at);
    const destinations: Destination[] = enabled ? [{ value: destination, at }] : [];
    // WAF Classic logs only to a Kinesis Data Firehose stream.
    finish(out, sheet, { service: 'waf', enabled, enabledAt: at, destinationKind: enabled ? 'firehose' : null, destinations });
  }
}

function kindOf(value: IacValue | undefined) {
  const kind = destinationKindOf(value);
  return isUnresolved(kind) ? null : kind;
}
