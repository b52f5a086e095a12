/**
 * An S3 bucket and the resources that configure it. Since AWS provider 4.x a bucket's lifecycle,
 * Object Lock, versioning, logging, public access block, policy and encryption are separate
 * resources that name the bucket in their `bucket` argument (a reference or the literal name);
 * CloudFormation keeps them in the bucket's properties, except `AWS::S3::BucketPolicy`.
 */
import type { CloudResource } from '../../model/cloud.js';
import { ofType, targetsOf } from '../resolve.js';
import { stringOf } from '../values.js';
import { arg } from './arguments.js';

export const BUCKET_TYPES = ['aws_s3_bucket', 'AWS::S3::Bucket'];

export const PART_TYPES = {
  lifecycle: 'aws_s3_bucket_lifecycle_configuration',
  lock: 'aws_s3_bucket_object_lock_configuration',
  versioning: 'aws_s3_bucket_versioning',
  logging: 'aws_s3_bucket_logging',
  publicAccess: 'aws_s3_bucket_public_access_block',
  policy: 'aws_s3_bucket_policy',
  encryption: 'aws_s3_bucket_server_side_encryption_configuration',
  cfnPolicy: 'AWS::S3::BucketPolicy',
} as const;

export type PartName = keyof typeof PART_TYPES;

export interface BucketParts {
  bucket: CloudResource;
  parts: Record<PartName, CloudResource[]>;
  /** `aws_s3_account_public_access_block` resources of the bucket's stack (they apply to every bucket of the account). */
  accountPublicAccess: CloudResource[];
}

/**
 * The literal names a bucket is known by: its name only. A bucket ARN in any partition
 * (`arn:aws:s3:::`, `arn:aws-us-gov:s3:::`, `arn:aws-cn:s3:::`) or an `s3://` URL is normalised to
 * the name before it is compared (`normaliseKey`), so the name is the one key.
 */
export function bucketKeys(bucket: CloudResource): string[] {
  const name = stringOf(arg(bucket, 'bucket', 'BucketName').value);
  return typeof name === 'string' && name !== '' ? [name] : [];
}

export function joinBucketParts(resources: readonly CloudResource[]): BucketParts[] {
  const buckets = ofType(resources, ...BUCKET_TYPES);
  const joined = new Map<CloudResource, BucketParts>();
  for (const bucket of buckets) {
    joined.set(bucket, {
      bucket,
      parts: { lifecycle: [], lock: [], versioning: [], logging: [], publicAccess: [], policy: [], encryption: [], cfnPolicy: [] },
      accountPublicAccess: ofType(resources, 'aws_s3_account_public_access_block').filter((r) => r.stack === bucket.stack),
    });
  }
  for (const name of Object.keys(PART_TYPES) as PartName[]) {
    for (const part of ofType(resources, PART_TYPES[name])) {
      const target = arg(part, 'bucket', 'Bucket').value;
      for (const bucket of targetsOf(part, target, buckets, bucketKeys)) joined.get(bucket)?.parts[name].push(part);
    }
  }
  return [...joined.values()];
}
