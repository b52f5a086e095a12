/**
 * AWS Config (`aws_config_configuration_recorder` + `aws_config_configuration_recorder_status` +
 * `aws_config_delivery_channel`; CloudFormation `AWS::Config::ConfigurationRecorder` +
 * `AWS::Config::DeliveryChannel`): a subject of kind `aws-config-recorder` and the configuration
 * history stream to the delivery channel's bucket.
 *
 * Defaults: a recording group records every supported regional resource type
 * (`all_supported` defaults to true in AWS provider 5.x unless specific `resource_types` are
 * listed) and not the global IAM types (`include_global_resource_types` false). Terraform creates
 * a recorder stopped: it records only when a `..._recorder_status` with `is_enabled = true` names
 * it. CloudFormation starts the recorder once a delivery channel exists in the stack.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream, IacValue, Unresolved } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { ofType, targetsOf } from '../resolve.js';
import { boolOf, listOf, stringOf } from '../values.js';
import { arg, isCloudFormation, isSet, own, upper } from './arguments.js';
import { FactSheet, locate } from '../fact-sheet.js';
import { and, or, withDefault } from './tri.js';
import type { Tri } from './tri.js';

export const RECORDER_TYPES = ['aws_config_configuration_recorder', 'AWS::Config::ConfigurationRecorder'];
const STATUS_TYPE = 'aws_config_configuration_recorder_status';
const CHANNEL_TYPES = ['aws_config_delivery_channel', 'AWS::Config::DeliveryChannel'];

export function readRecorder(recorder: CloudResource, resources: readonly CloudResource[]): { subject: Subject; stream: CloudStream } {
  const sheet = new FactSheet(recorder);
  const cfn = isCloudFormation(recorder);
  const group = arg(recorder, 'recording_group', 'RecordingGroup');
  const block = firstObject(group.value);
  const base = cfn ? 'RecordingGroup' : 'recording_group';
  let all: Tri;
  let global: Tri;
  if (isUnresolved(block)) {
    all = global = block;
    sheet.set('allSupported', all, group.attr);
    sheet.set('includeGlobalResourceTypes', global, group.attr);
  } else {
    const names = cfn
      ? { all: 'AllSupported', global: 'IncludeGlobalResourceTypes', types: 'ResourceTypes', strategy: 'RecordingStrategy', useOnly: 'UseOnly' }
      : { all: 'all_supported', global: 'include_global_resource_types', types: 'resource_types', strategy: 'recording_strategy', useOnly: 'use_only' };
    const values = block ?? undefined;
    const types = listOf(own(values, names.types));
    const listed = !isUnresolved(types) && types.length > 0;
    const strategy = upper(own(firstObject(own(values, names.strategy)) ?? undefined, names.useOnly));
    all = withDefault(boolOf(own(values, names.all)), !listed);
    // Recording with exclusions or a list of types does not record every resource type.
    if (strategy === 'EXCLUSION_BY_RESOURCE_TYPES' || strategy === 'INCLUSION_BY_RESOURCE_TYPES') all = false;
    global = withDefault(boolOf(own(values, names.global)), false);
    sheet.set('allSupported', all, `${base}.${names.all}`);
    sheet.set('includeGlobalResourceTypes', global, `${base}.${names.global}`);
  }

  const channels = ofType(resources, ...CHANNEL_TYPES).filter((c) => c.stack === recorder.stack);
  const channel: Tri = channels.length === 0 ? false : or(...channels.map((c) => (c.exists === true ? true : c.exists)));
  sheet.set('deliveryChannel', channel, channels[0]?.at ?? recorder.at);

  let enabled: Tri;
  let enabledAt: Location = recorder.at;
  if (cfn) enabled = channel;
  else {
    // The recorder's name defaults to "default" (AWS provider 5.x).
    const name = stringOf(own(recorder.values, 'name'));
    const names = isUnresolved(name) ? [] : [name ?? 'default'];
    const statuses = ofType(resources, STATUS_TYPE).filter((s) => targetsOf(s, own(s.values, 'name'), [recorder], () => names).length > 0);
    enabled = false;
    for (const status of statuses) {
      const flag = boolOf(own(status.values, 'is_enabled'));
      enabled = or(enabled, and(status.exists === true ? true : status.exists, flag ?? false));
      enabledAt = locate(status, 'is_enabled');
    }
  }
  sheet.set('enabled', enabled, enabledAt);
  sheet.set('recordsAll', and(all, global, enabled), group.attr);

  const destinations: IacValue[] = [];
  const destinationLocations: Location[] = [];
  for (const c of channels) {
    const bucket = arg(c, 's3_bucket_name', 'S3BucketName');
    if (isSet(bucket.value) === false) continue;
    destinations.push(bucket.value ?? null);
    destinationLocations.push(locate(c, bucket.attr));
  }
  // Configuration history records what every resource looked like and who changed it.
  const stream: CloudStream = {
    address: recorder.address,
    stack: recorder.stack,
    path: recorder.path,
    system: 'aws-config',
    pillars: ['devices', 'applications'],
    destinations,
    declaredAt: recorder.at,
    destinationLocations,
  };
  return { subject: sheet.subject('aws-config-recorder', ['devices', 'applications'], { unknownWhenMaybeAbsent: true }), stream };
}

function firstObject(value: IacValue | undefined): Record<string, IacValue> | Unresolved | null {
  if (value === undefined || value === null) return null;
  if (isUnresolved(value)) return value;
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return null;
  if (isUnresolved(first)) return first;
  return typeof first === 'object' && !Array.isArray(first) ? first : null;
}
