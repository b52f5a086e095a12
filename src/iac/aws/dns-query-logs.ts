/**
 * Route 53 Resolver query logging (`aws_route53_resolver_query_log_config` +
 * `aws_route53_resolver_query_log_config_association`; CloudFormation
 * `AWS::Route53Resolver::ResolverQueryLoggingConfig` + `...ConfigAssociation`): a subject of kind
 * `aws-dns-query-logging` per configuration and the DNS audit stream to its destination. A
 * configuration logs nothing until it is associated with a VPC.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { ofType, targetsOf } from '../resolve.js';
import { stringOf } from '../values.js';
import { arg, isSet } from './arguments.js';
import { FactSheet, locate } from '../fact-sheet.js';
import { and, or } from './tri.js';
import type { Tri } from './tri.js';

export const DNS_CONFIG_TYPES = ['aws_route53_resolver_query_log_config', 'AWS::Route53Resolver::ResolverQueryLoggingConfig'];
export const DNS_ASSOCIATION_TYPES = ['aws_route53_resolver_query_log_config_association', 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation'];

export function associationsOf(resources: readonly CloudResource[]): CloudResource[] {
  return ofType(resources, ...DNS_ASSOCIATION_TYPES);
}

export function readDnsQueryLogging(config: CloudResource, configs: readonly CloudResource[], associations: readonly CloudResource[]): { subject: Subject; stream: CloudStream } {
  const sheet = new FactSheet(config);
  const destination = arg(config, 'destination_arn', 'DestinationArn');
  sheet.set('destinationSet', isSet(destination.value), destination.attr);
  const arn = stringOf(destination.value);
  sheet.set('destinationType', typeof arn === 'string' ? destinationType(arn) : null, destination.attr);

  let associated: Tri = false;
  let associatedAt = config.at;
  let count = 0;
  for (const association of associations) {
    const target = arg(association, 'resolver_query_log_config_id', 'ResolverQueryLogConfigId').value;
    if (!targetsOf(association, target, configs, () => []).includes(config)) continue;
    const present: Tri = association.exists === true ? true : association.exists;
    associated = or(associated, and(present, isSet(arg(association, 'resource_id', 'ResourceId').value)));
    associatedAt = locate(association, association.source === 'cloudformation' ? 'ResourceId' : 'resource_id');
    if (present === true) count++;
  }
  sheet.set('associated', associated, associatedAt);
  sheet.set('associations', count, associatedAt);

  const stream: CloudStream = {
    address: config.address,
    stack: config.stack,
    path: config.path,
    system: 'aws-dns-query-logs',
    pillars: ['networks'],
    destinations: isSet(destination.value) === false ? [] : [destination.value ?? null],
    declaredAt: config.at,
    destinationLocations: isSet(destination.value) === false ? [] : [locate(config, destination.attr)],
  };
  return { subject: sheet.subject('aws-dns-query-logging', ['networks'], { unknownWhenMaybeAbsent: true }), stream };
}

function destinationType(arn: string): string | null {
  if (isUnresolved(arn)) return null;
  if (/^arn:aws[\w-]*:s3:/.test(arn)) return 's3';
  if (/^arn:aws[\w-]*:logs:/.test(arn)) return 'cloud-watch-logs';
  if (/^arn:aws[\w-]*:firehose:/.test(arn)) return 'kinesis-data-firehose';
  return null;
}
