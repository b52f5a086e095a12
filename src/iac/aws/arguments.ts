/**
 * Reading one argument of an AWS resource under its Terraform name (`enable_logging`) or its
 * CloudFormation name (`IsLogging`), and the few value shapes the AWS readers share.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue, Unresolved } from '../../model/cloud.js';
import { isObject, stringOf } from '../values.js';
import type { Read } from '../values.js';

export function isCloudFormation(resource: CloudResource): boolean {
  return resource.source === 'cloudformation';
}

/** An argument and the attribute path its location is found under. */
export interface Argument {
  value: IacValue | undefined;
  attr: string;
}

/** The argument under the name the resource's source uses (Terraform first, CloudFormation second). */
export function arg(resource: CloudResource, terraform: string, cloudFormation: string): Argument {
  const attr = isCloudFormation(resource) ? cloudFormation : terraform;
  return { value: own(resource.values, attr), attr };
}

/** A key of an evaluated object, never an inherited one. */
export function own(values: IacValue | Record<string, IacValue> | undefined, key: string): IacValue | undefined {
  if (!isObject(values as IacValue | undefined)) return undefined;
  const record = values as Record<string, IacValue>;
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * Whether an optional argument that names something (a KMS key, a log group, a role) is set:
 * a non-empty literal, or a reference to a resource (`aws_kms_key.trail.arn`, whose value is only
 * known after apply but is set). Not written, null or "" is not set; a variable without a value
 * stays unknown.
 */
export function isSet(value: IacValue | undefined): boolean | Unresolved {
  if (value === undefined || value === null) return false;
  if (isUnresolved(value)) return value.refs.length > 0 ? true : value;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A string compared without case (`ALL`, `All`, `all`): upper-cased, or null / Unresolved. */
export function upper(value: IacValue | undefined): Read<string> {
  const text = stringOf(value);
  return typeof text === 'string' ? text.trim().toUpperCase() : text;
}
