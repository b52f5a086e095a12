/**
 * Readers for the shapes service logging settings come in, on top of `src/iac/values.ts`: lists
 * of strings, the one block of a nested block, CloudFormation key/value lists, and what kind of
 * destination an ARN or a reference names.
 */
import { Unresolved, isUnresolved } from '../../../model/cloud.js';
import type { IacValue } from '../../../model/cloud.js';
import { blocksOf, isObject, stringOf } from '../../values.js';
import type { Read } from '../../values.js';
import { typeOfAddress } from '../../resolve.js';

export type IacObject = { [key: string]: IacValue };

/** An own property of an evaluated object (never an inherited one such as `__proto__`). */
export function own(value: IacValue | undefined, key: string): IacValue | undefined {
  if (!isObject(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}


/** The first block of a nested block (`access_logs { ... }`), null when absent. */
export function firstBlock(value: IacValue | undefined): IacObject | null | Unresolved {
  const blocks = blocksOf(value);
  if (isUnresolved(blocks)) return blocks;
  return blocks[0] ?? null;
}

/** Every block of a nested block, or Unresolved (a dynamic block whose collection is not known). */
export function allBlocks(value: IacValue | undefined): IacObject[] | Unresolved {
  return blocksOf(value);
}

/**
 * A key/value list as CloudFormation writes it (`[{ Key: access_logs.s3.enabled, Value: "true" }]`,
 * `[{ ParameterName, ParameterValue }]`) or a map, as a Map from lower-cased key to value.
 */
export function keyValues(value: IacValue | undefined, keyField: string, valueField: string): Map<string, IacValue> | Unresolved {
  const out = new Map<string, IacValue>();
  if (isUnresolved(value)) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isUnresolved(item)) return item;
      const key = stringOf(own(item, keyField));
      if (typeof key === 'string') out.set(key.toLowerCase(), own(item, valueField) ?? null);
    }
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) out.set(key.toLowerCase(), value[key] ?? null);
  }
  return out;
}

export type DestinationKind = 'cloudwatch-logs' | 's3' | 'firehose' | 'kinesis' | 'opensearch';

const KIND_OF_TYPE: Record<string, DestinationKind> = {
  aws_cloudwatch_log_group: 'cloudwatch-logs',
  'AWS::Logs::LogGroup': 'cloudwatch-logs',
  aws_s3_bucket: 's3',
  'AWS::S3::Bucket': 's3',
  aws_kinesis_firehose_delivery_stream: 'firehose',
  'AWS::KinesisFirehose::DeliveryStream': 'firehose',
  aws_kinesis_stream: 'kinesis',
  'AWS::Kinesis::Stream': 'kinesis',
};

/** What kind of store a destination names: by the type of the resource it refers to, else by its ARN. */
export function destinationKindOf(value: IacValue | undefined): Read<DestinationKind> {
  if (value === undefined || value === null) return null;
  if (isUnresolved(value)) {
    for (const ref of value.refs) {
      const kind = KIND_OF_TYPE[typeOfAddress(ref)];
      if (kind) return kind;
    }
    return value;
  }
  if (typeof value !== 'string') return new Unresolved('the destination is not a name or an ARN');
  if (/^arn:aws[\w-]*:logs:/.test(value)) return 'cloudwatch-logs';
  if (/^arn:aws[\w-]*:s3:::/.test(value) || value.startsWith('s3://')) return 's3';
  if (/^arn:aws[\w-]*:firehose:/.test(value)) return 'firehose';
  if (/^arn:aws[\w-]*:kinesis:/.test(value)) return 'kinesis';
  return new Unresolved(`the kind of destination "${value.length > 60 ? `${value.slice(0, 57)}...` : value}" is not known`);
}

/** Reads a boolean-like parameter value (`1`, `on`, `true`, `enabled`). */
export function isOn(value: string): boolean {
  return ['1', 'on', 'true', 'yes', 'enabled'].includes(value.trim().toLowerCase());
}
