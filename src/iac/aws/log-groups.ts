/**
 * CloudWatch Logs groups (`aws_cloudwatch_log_group`, `AWS::Logs::LogGroup`): a subject of kind
 * `aws-log-group` and a `cloudwatch-logs` store keyed by the group's name.
 *
 * Retention: `retention_in_days` / `RetentionInDays`; absent or 0 means the events never expire
 * (AWS provider 5.x and CloudWatch Logs default), reported as `retention.unbounded` with
 * `retention.days` null.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStore } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { numberOf, stringOf } from '../values.js';
import { arg, isSet } from './arguments.js';
import { FactSheet, locate } from '../fact-sheet.js';

export const LOG_GROUP_TYPES = ['aws_cloudwatch_log_group', 'AWS::Logs::LogGroup'];

/** The literal names a log group is known by (a log group ARN is normalised to its name). */
export function logGroupKeys(group: CloudResource): string[] {
  const name = stringOf(arg(group, 'name', 'LogGroupName').value);
  return typeof name === 'string' && name !== '' ? [name] : [];
}

export function readLogGroup(group: CloudResource, receives: readonly string[]): { subject: Subject; store: CloudStore } {
  const sheet = new FactSheet(group);
  const name = arg(group, 'name', 'LogGroupName');
  sheet.set('name', stringOf(name.value), name.attr);
  sheet.set('auditDestinationOf', [...receives], group.at);

  const retention = arg(group, 'retention_in_days', 'RetentionInDays');
  const days = numberOf(retention.value);
  const never = days === null || days === 0;
  sheet.set('retention.days', never ? null : days, retention.attr);
  sheet.set('retention.unbounded', isUnresolved(days) ? days : never, retention.attr);

  const kms = arg(group, 'kms_key_id', 'KmsKeyId');
  const encrypted = isSet(kms.value);
  sheet.set('kmsEncrypted', encrypted, kms.attr);

  const store: CloudStore = {
    address: group.address,
    stack: group.stack,
    path: group.path,
    kind: 'cloudwatch-logs',
    keys: logGroupKeys(group),
    retentionDays: isUnresolved(days) || never ? null : days,
    unbounded: isUnresolved(days) ? null : never,
    hotDays: isUnresolved(days) || never ? null : days,
    // CloudWatch Logs has no write-once mode; events can be deleted with the group.
    immutable: false,
    encrypted: isUnresolved(encrypted) ? null : encrypted,
    declaredAt: group.at,
    locations: {
      retentionDays: locate(group, retention.attr),
      unbounded: locate(group, retention.attr),
      hotDays: locate(group, retention.attr),
      immutable: group.at,
      encrypted: locate(group, kms.attr),
    },
    unknown: {},
  };
  if (isUnresolved(days)) {
    store.unknown.retentionDays = days.reason;
    store.unknown.unbounded = days.reason;
    store.unknown.hotDays = days.reason;
  }
  if (isUnresolved(encrypted)) store.unknown.encrypted = encrypted.reason;
  if (group.exists !== true) store.unknown.exists = group.exists.reason;
  return { subject: sheet.subject('aws-log-group', ['visibility'], { unknownWhenMaybeAbsent: true }), store };
}
