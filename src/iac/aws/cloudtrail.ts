/**
 * CloudTrail trails (`aws_cloudtrail`, `AWS::CloudTrail::Trail`): a subject of kind
 * `aws-cloudtrail` and the audit stream the trail delivers to its S3 bucket and, when integrated,
 * its CloudWatch Logs group.
 *
 * Defaults (AWS provider 5.x, CloudTrail CreateTrail API): `enable_logging` true,
 * `include_global_service_events` true, `is_multi_region_trail` false, `is_organization_trail`
 * false, `enable_log_file_validation` false. CloudFormation requires `IsLogging`; when it is
 * missing the fact is unknown.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream, IacValue } from '../../model/cloud.js';
import type { SinkKind } from '../../model/estate.js';
import type { Subject } from '../../model/subject.js';
import type { Area } from '../../model/vocabulary.js';
import { boolOf, listOf } from '../values.js';
import { arg, isCloudFormation, isSet } from './arguments.js';
import { FactSheet, locate } from '../fact-sheet.js';
import { readTrailEvents } from './trail-selectors.js';
import { and, withDefault } from './tri.js';

export const TRAIL_TYPES = ['aws_cloudtrail', 'AWS::CloudTrail::Trail'];

export interface TrailRead {
  subject: Subject;
  stream: CloudStream;
}

export function readTrail(trail: CloudResource): TrailRead {
  const sheet = new FactSheet(trail);
  const cfn = isCloudFormation(trail);

  const logging = arg(trail, 'enable_logging', 'IsLogging');
  const loggingValue = boolOf(logging.value);
  if (loggingValue === null && cfn) sheet.unknownFact('logging', 'IsLogging is not written (CloudFormation requires it)', trail.at);
  else sheet.set('logging', withDefault(loggingValue, true), logging.attr);

  flag(sheet, trail, 'multiRegion', 'is_multi_region_trail', 'IsMultiRegionTrail', false);
  flag(sheet, trail, 'globalServiceEvents', 'include_global_service_events', 'IncludeGlobalServiceEvents', true);
  flag(sheet, trail, 'organization', 'is_organization_trail', 'IsOrganizationTrail', false);
  flag(sheet, trail, 'logFileValidation', 'enable_log_file_validation', 'EnableLogFileValidation', false);

  const kms = arg(trail, 'kms_key_id', 'KMSKeyId');
  sheet.set('kmsEncrypted', isSet(kms.value), kms.attr);

  const group = arg(trail, 'cloud_watch_logs_group_arn', 'CloudWatchLogsLogGroupArn');
  const role = arg(trail, 'cloud_watch_logs_role_arn', 'CloudWatchLogsRoleArn');
  // Delivery to CloudWatch Logs needs the group and the role CloudTrail assumes to write to it;
  // the API rejects a group without a role, so a role that is written but not known statically
  // (a role declared outside the scanned files) does not make the integration unknown.
  const roleSet = isSet(role.value);
  sheet.set('cloudWatchLogs', and(isSet(group.value), roleSet === false ? false : true), roleSet === false && group.value !== undefined ? role.attr : group.attr);

  const events = readTrailEvents(trail);
  sheet.set('managementEvents.read', events.managementRead, events.managementAttr);
  sheet.set('managementEvents.write', events.managementWrite, events.managementAttr);
  sheet.set('managementEvents.all', and(events.managementRead, events.managementWrite), events.managementAttr);
  sheet.set('managementEvents.excludedSources', events.excludedSources, events.managementAttr);
  sheet.set('dataEvents.s3Read', events.s3Read, events.dataAttr);
  sheet.set('dataEvents.s3Write', events.s3Write, events.dataAttr);
  sheet.set('dataEvents.s3AllBuckets', events.s3AllBuckets, events.dataAttr);
  sheet.set('dataEvents.lambda', events.lambda, events.dataAttr);

  const insights = arg(trail, 'insight_selector', 'InsightSelectors');
  const insightList = listOf(insights.value);
  sheet.set('insights', isUnresolved(insightList) ? insightList : insightList.length > 0, insights.attr);

  // Management events are who did what to the account's identities and workloads; S3 data
  // events are access to the data itself.
  const pillars: Area[] = ['identity', 'applications'];
  if (events.s3Read === true || events.s3Write === true) pillars.push('data');

  const bucket = arg(trail, 's3_bucket_name', 'S3BucketName');
  const destinations: IacValue[] = [];
  const destinationLocations = [];
  const destinationKinds: SinkKind[] = [];
  for (const [destination, kind] of [[bucket, 'object-store'], [group, 'cloudwatch-logs']] as const) {
    if (isSet(destination.value) === false) continue;
    destinations.push(destination.value as IacValue);
    destinationLocations.push(locate(trail, destination.attr));
    destinationKinds.push(kind);
  }
  sheet.set('destinations', destinations.length, bucket.attr);

  const stream: CloudStream = {
    address: trail.address,
    stack: trail.stack,
    path: trail.path,
    system: 'aws-cloudtrail',
    pillars,
    destinations,
    declaredAt: trail.at,
    destinationLocations,
    destinationKinds,
  };
  return { subject: sheet.subject('aws-cloudtrail', pillars, { unknownWhenMaybeAbsent: true }), stream };
}

function flag(sheet: FactSheet, trail: CloudResource, fact: string, terraform: string, cloudFormation: string, fallback: boolean): void {
  const found = arg(trail, terraform, cloudFormation);
  sheet.set(fact, withDefault(boolOf(found.value), fallback), found.attr);
}
