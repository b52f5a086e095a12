/**
 * Redshift audit logging: the cluster's `logging` block (AWS provider 5.x, deprecated in favour of
 * `aws_redshift_logging`), an `aws_redshift_logging` resource naming the cluster, or CloudFormation
 * `AWS::Redshift::Cluster` `LoggingProperties`; and `enable_user_activity_logging` in the cluster's
 * parameter group, without which the user activity log stays empty.
 *
 * Destinations: the S3 bucket (`bucket_name`, the default destination type), or for CloudWatch the
 * log groups `/aws/redshift/cluster/<id>/<log type>`. Delivered to S3, all three logs are written;
 * to CloudWatch, only the `log_exports` listed.
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource, IacValue } from '../../../model/cloud.js';
import type { Location } from '../../../model/vocabulary.js';
import { ofType, targetsOf } from '../../resolve.js';
import { boolOf, stringOf, stringsOf } from '../../values.js';
import { AUDIT_LOG_TYPES } from './engines.js';
import { auditFromParameters, chooseGroup, lookupOf, putAudit } from './db-parameters.js';
import type { ParameterGroup } from './db-parameters.js';
import { noteUse } from './databases.js';
import type { UsedBy } from './databases.js';
import { locate } from '../../fact-sheet.js';
import { finish, putLogTypes, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import { firstBlock, own } from './read.js';
import type { IacObject } from './read.js';

const ALL_LOGS = AUDIT_LOG_TYPES.redshift ?? [];

interface LoggingSource {
  resource: CloudResource;
  /** The logging settings, in Terraform's snake_case or CloudFormation's PascalCase. */
  block: IacObject;
  /** The dotted prefix of the settings inside the resource, for locations. */
  prefix: string;
  cfn: boolean;
  /** Whether the block itself says logging is on (`enable`), or presence means on. */
  enable: IacValue | undefined;
}

export function readRedshift(resources: readonly CloudResource[], groups: readonly ParameterGroup[], usedBy: UsedBy, out: ServiceOutput): void {
  const clusters = ofType(resources, 'aws_redshift_cluster', 'AWS::Redshift::Cluster');
  const standalone = ofType(resources, 'aws_redshift_logging');
  for (const resource of clusters) {
    const cfn = resource.source === 'cloudformation';
    const sheet = serviceSheet(resource, 'redshift');
    sheet.put('engine', 'redshift', resource.at);
    sheet.put('engineFamily', 'redshift', resource.at);
    const idAttr = cfn ? 'ClusterIdentifier' : 'cluster_identifier';
    const id = sheet.set('identifier', stringOf(resource.values[idAttr]), locate(resource, idAttr));

    // aws_redshift_logging naming this cluster wins over the cluster's own (deprecated) block.
    const named = standalone.find((l) =>
      targetsOf(l, l.values['cluster_identifier'], [resource], () => (typeof id === 'string' ? [id] : [])).length > 0,
    );
    let source: LoggingSource | null = null;
    if (named) source = { resource: named, block: named.values, prefix: '', cfn: false, enable: true };
    else {
      const block = firstBlock(resource.values[cfn ? 'LoggingProperties' : 'logging']);
      if (isUnresolved(block)) sheet.unknownFact('enabled', block.reason, locate(resource, cfn ? 'LoggingProperties' : 'logging'));
      else if (block) source = { resource, block, prefix: cfn ? 'LoggingProperties.' : 'logging.', cfn, enable: cfn ? true : own(block, 'enable') };
    }

    const destinations: Destination[] = [];
    let enabled: boolean | null = false;
    let enabledAt: Location = resource.at;
    if (source) {
      const at = (attr: string): Location => locate(source.resource, `${source.prefix}${attr}`, source.prefix.replace(/\.$/, '') || attr);
      const k = (snake: string, pascal: string): string => (source.cfn ? pascal : snake);
      // Presence means on for aws_redshift_logging and LoggingProperties; the block says so with `enable`.
      enabledAt = source.enable === true ? source.resource.at : at('enable');
      const on = sheet.set('enabled', boolOf(source.enable), enabledAt);
      enabled = on;
      const type = stringOf(own(source.block, k('log_destination_type', 'LogDestinationType')));
      // Redshift: the destination type defaults to s3 when a bucket is given.
      const kind = isUnresolved(type) ? type : (type ?? 's3').toLowerCase() === 'cloudwatch' ? 'cloudwatch-logs' : 's3';
      sheet.set('destinationKind', on === false ? 'none' : kind, at(k('log_destination_type', 'LogDestinationType')));
      const exportsAt = at(k('log_exports', 'LogExports'));
      let logTypes: string[] | null = null;
      if (on === false) logTypes = sheet.set('logTypes', [] as string[], enabledAt);
      else if (kind === 's3') logTypes = sheet.set('logTypes', [...ALL_LOGS], at(k('bucket_name', 'BucketName')));
      else if (kind === 'cloudwatch-logs') logTypes = sheet.set('logTypes', stringsOf(own(source.block, k('log_exports', 'LogExports'))), exportsAt);
      else if (isUnresolved(kind)) sheet.unknownFact('logTypes', kind.reason, exportsAt);
      putLogTypes(sheet, logTypes, ALL_LOGS, kind === 's3' ? at(k('bucket_name', 'BucketName')) : exportsAt);
      if (on === true && kind === 's3') {
        const bucket = own(source.block, k('bucket_name', 'BucketName'));
        if (bucket !== undefined && bucket !== null) destinations.push({ value: bucket, at: at(k('bucket_name', 'BucketName')) });
      } else if (on === true && kind === 'cloudwatch-logs' && typeof id === 'string') {
        for (const t of logTypes ?? []) destinations.push({ value: `/aws/redshift/cluster/${id}/${t}`, at: exportsAt });
      }
    } else if (!Object.prototype.hasOwnProperty.call(sheet.unknown, 'enabled')) {
      // AWS provider 5.x and CloudFormation: audit logging is off unless configured.
      sheet.put('logTypes', [], resource.at);
      putLogTypes(sheet, [], ALL_LOGS, resource.at);
    } else enabled = null;

    const groupAttr = cfn ? 'ClusterParameterGroupName' : 'cluster_parameter_group_name';
    const groupAt = locate(resource, groupAttr);
    const choice = chooseGroup(resource, resource.values[groupAttr], groups.filter((g) => g.level === 'redshift'), 'parameter group');
    if (choice.kind === 'unknown') {
      sheet.put('engineAudit.mechanism', 'enable_user_activity_logging', groupAt);
      sheet.put('engineAudit.applies', true, groupAt);
      sheet.unknownFact('engineAudit.enabled', choice.reason, groupAt);
    } else if (choice.kind === 'default') {
      putAudit(sheet, 'engineAudit', auditFromParameters('redshift', lookupOf(null, groupAt), groupAt));
      sheet.put('engineAudit.group', 'default', groupAt);
    } else {
      noteUse(usedBy, choice.group.resource, resource);
      sheet.put('engineAudit.group', choice.group.resource.address, groupAt);
      const settings = choice.group.settings;
      if (settings instanceof Map) putAudit(sheet, 'engineAudit', auditFromParameters('redshift', lookupOf(settings, choice.group.resource.at), choice.group.resource.at));
      else {
        sheet.put('engineAudit.applies', true, choice.group.resource.at);
        sheet.unknownFact('engineAudit.enabled', settings.reason, choice.group.resource.at);
      }
    }
    finish(out, sheet, { service: 'redshift', enabled, enabledAt, destinations });
  }
}
