/**
 * OpenSearch and Elasticsearch domains: `log_publishing_options` (`log_type`, `enabled` defaulting
 * to true in AWS provider 5.x, `cloudwatch_log_group_arn`) and CloudFormation `LogPublishingOptions`
 * (a map from log type to `{ CloudWatchLogsLogGroupArn, Enabled }`). Audit logs (`AUDIT_LOGS`)
 * record who searched and changed what, and are only written when fine-grained access control
 * (`advanced_security_options.enabled`, default false) is on.
 */
import { Unresolved, isUnresolved } from '../../../model/cloud.js';
import type { CloudResource, IacValue } from '../../../model/cloud.js';
import type { Location } from '../../../model/vocabulary.js';
import { ofType } from '../../resolve.js';
import { boolOf, isObject, stringOf, valueAt } from '../../values.js';
import type { Read } from '../../values.js';
import { locate } from '../../fact-sheet.js';
import { finish, putLogTypes, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import { allBlocks, own } from './read.js';

interface Option {
  type: string;
  enabled: Read<boolean>;
  destination: IacValue | undefined;
  at: Location;
}

export function readOpenSearch(resources: readonly CloudResource[], out: ServiceOutput): void {
  const types = ['aws_opensearch_domain', 'aws_elasticsearch_domain', 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'];
  for (const resource of ofType(resources, ...types)) {
    const cfn = resource.source === 'cloudformation';
    const sheet = serviceSheet(resource, 'opensearch');
    const optionsAt = locate(resource, cfn ? 'LogPublishingOptions' : 'log_publishing_options');
    const options = cfn ? cfnOptions(resource) : terraformOptions(resource);
    let logTypes: string[] | null = null;
    const destinations: Destination[] = [];
    if (isUnresolved(options)) sheet.unknownFact('logTypes', options.reason, optionsAt);
    else {
      const unknown = options.find((o) => isUnresolved(o.enabled));
      if (unknown && isUnresolved(unknown.enabled)) sheet.unknownFact('logTypes', unknown.enabled.reason, unknown.at);
      else {
        const on = options.filter((o) => o.enabled === true);
        logTypes = sheet.set('logTypes', on.map((o) => o.type), optionsAt);
        // Audit logs first: they are the stream's reason to exist.
        for (const o of [...on].sort((a, b) => Number(b.type === 'AUDIT_LOGS') - Number(a.type === 'AUDIT_LOGS'))) {
          if (o.destination !== undefined && o.destination !== null) destinations.push({ value: o.destination, at: o.at });
        }
      }
    }
    putLogTypes(sheet, logTypes, ['AUDIT_LOGS'], optionsAt);
    const audit = logTypes === null ? null : logTypes.includes('AUDIT_LOGS');
    const auditAt = (!isUnresolved(options) && options.find((o) => o.type === 'AUDIT_LOGS')?.at) || optionsAt;
    if (audit === null) sheet.unknownFact('auditLogs', sheet.unknown['logTypes'] ?? 'the log publishing options are not known', auditAt);
    else sheet.put('auditLogs', audit, auditAt);

    const securityPath = cfn ? 'AdvancedSecurityOptions.Enabled' : 'advanced_security_options.enabled';
    // AWS provider 5.x and CloudFormation: fine-grained access control is off unless enabled.
    const security = boolOf(valueAt(resource.values, securityPath));
    sheet.set('advancedSecurity', security === null ? false : security, locate(resource, securityPath));
    const domainAttr = cfn ? 'DomainName' : 'domain_name';
    sheet.set('domainName', stringOf(resource.values[domainAttr]), locate(resource, domainAttr));
    finish(out, sheet, {
      service: 'opensearch',
      enabled: logTypes === null ? null : logTypes.length > 0,
      enabledAt: optionsAt,
      destinationKind: 'cloudwatch-logs',
      destinations,
    });
  }
}

function terraformOptions(resource: CloudResource): Option[] | Unresolved {
  const blocks = allBlocks(resource.values['log_publishing_options']);
  if (isUnresolved(blocks)) return blocks;
  const at = locate(resource, 'log_publishing_options.log_type', 'log_publishing_options');
  const out: Option[] = [];
  for (const block of blocks) {
    const type = stringOf(own(block, 'log_type'));
    if (typeof type !== 'string') continue;
    const enabled = boolOf(own(block, 'enabled'));
    // AWS provider 5.x: log_publishing_options.enabled defaults to true.
    out.push({ type: type.toUpperCase(), enabled: enabled === null ? true : enabled, destination: own(block, 'cloudwatch_log_group_arn'), at });
  }
  return out;
}

function cfnOptions(resource: CloudResource): Option[] | Unresolved {
  const map = resource.values['LogPublishingOptions'];
  if (isUnresolved(map)) return map;
  const out: Option[] = [];
  if (!isObject(map)) return out;
  for (const type of Object.keys(map).sort()) {
    const option = map[type];
    const enabled = boolOf(own(option, 'Enabled'));
    // The CloudFormation reference documents no default for Enabled: left out, it is not known.
    out.push({ type: type.toUpperCase(), enabled: enabled === null ? new Unresolved(`LogPublishingOptions.${type}.Enabled is not set`) : enabled, destination: own(option, 'CloudWatchLogsLogGroupArn'), at: locate(resource, `LogPublishingOptions.${type}.Enabled`, `LogPublishingOptions.${type}`) });
  }
  return out;
}
