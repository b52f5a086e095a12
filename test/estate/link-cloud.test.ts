/**
 * Cloud audit streams joined to their stores (src/estate/link-cloud.ts): references in the same
 * stack, literal names and ARNs in any partition, what a store outside the scan leaves unknown,
 * and that a destination's value never reaches a message.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkCloud } from '../../src/estate/link-cloud.js';
import { Unresolved } from '../../src/model/cloud.js';
import type { CloudResource } from '../../src/model/cloud.js';
import type { LogSource } from '../../src/model/estate.js';
import { resource } from '../iac/support.js';

const ref = (address: string, attribute = 'id'): Unresolved => new Unresolved(`computed: ${address}.${attribute}`, [address]);

function trail(values: CloudResource['values']): CloudResource {
  return resource('aws_cloudtrail', 'main', { name: 'org', is_multi_region_trail: true, ...values }, { line: 1 });
}

function bucket(name: string, extra: CloudResource['values'] = {}, line = 20): CloudResource {
  return resource('aws_s3_bucket', name, { bucket: name, ...extra }, { line });
}

function lifecycle(bucketName: string, days: CloudResource['values'][string], line = 30): CloudResource {
  return resource('aws_s3_bucket_lifecycle_configuration', bucketName, { bucket: ref(`aws_s3_bucket.${bucketName}`), rule: [{ id: 'expire', status: 'Enabled', expiration: [{ days }] }] }, { line });
}

function only(sources: LogSource[]): LogSource {
  assert.equal(sources.length, 1, sources.map((s) => s.id).join(', '));
  return sources[0] as LogSource;
}

describe('linkCloud', () => {
  test('a reference in the same stack joins the trail to its bucket and lifecycle', () => {
    const out = linkCloud([trail({ s3_bucket_name: ref('aws_s3_bucket.logs') }), bucket('logs'), lifecycle('logs', 400)]);
    const source = only(out.sources);
    assert.equal(source.system, 'aws-cloudtrail');
    assert.equal(source.centralized, true);
    assert.equal(source.retentionDays, 400);
    assert.equal(source.evidence?.retentionDays?.line, 30);
    assert.equal(out.routes.length, 1);
    assert.equal(out.sinks.find((s) => s.id === out.routes[0]?.to)?.kind, 'object-store');
  });

  test('a reference does not cross stacks', () => {
    const other = { ...bucket('logs'), stack: 'elsewhere' };
    const out = linkCloud([trail({ s3_bucket_name: ref('aws_s3_bucket.logs') }), other]);
    assert.equal(only(out.sources).routes, 0);
  });

  test('a literal bucket name or ARN joins across stacks, in any AWS partition', () => {
    for (const written of ['gov-trail', 'arn:aws:s3:::gov-trail', 'arn:aws-us-gov:s3:::gov-trail/AWSLogs/', 'arn:aws-cn:s3:::gov-trail']) {
      const other = { ...bucket('gov-trail'), stack: 'elsewhere' };
      const out = linkCloud([trail({ s3_bucket_name: written }), other, { ...lifecycle('gov-trail', 90), stack: 'elsewhere' }]);
      assert.equal(only(out.sources).retentionDays, 90, written);
    }
  });

  test('a store whose retention is unknown makes the retention unknown, even beside a known one', () => {
    const group = resource('aws_cloudwatch_log_group', 'trail', { name: '/aws/cloudtrail/org', retention_in_days: 90 }, { line: 40 });
    const out = linkCloud([
      trail({ s3_bucket_name: ref('aws_s3_bucket.logs'), cloud_watch_logs_group_arn: ref('aws_cloudwatch_log_group.trail', 'arn') }),
      bucket('logs'),
      lifecycle('logs', new Unresolved('var.days has no value (no default, no terraform.tfvars)')),
      group,
    ]);
    const source = only(out.sources);
    assert.equal(source.retentionDays, null);
    assert.match(out.sourceUnknown.get(source.id)?.retentionDays ?? '', /var\.days has no value/);
  });

  test('a destination outside the scan: unknown, with a reason that never quotes the value', () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE-bucket';
    const out = linkCloud([trail({ s3_bucket_name: secret })]);
    const source = only(out.sources);
    assert.equal(source.retentionDays, null);
    assert.equal(source.immutable, null);
    const reasons = JSON.stringify([...out.sourceUnknown.values()]);
    assert.ok(!reasons.includes(secret), reasons);
    assert.match(reasons, /written at main\.tf:1/);
  });

  test('an unscanned CloudWatch log group is never write-once: with a mutable bucket, immutable is false', () => {
    const out = linkCloud([
      trail({ s3_bucket_name: ref('aws_s3_bucket.logs'), cloud_watch_logs_group_arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/org:*' }),
      bucket('logs'),
    ]);
    assert.equal(only(out.sources).immutable, false);
  });

  test("the stream's own subject carries the delivery facts, located at the store", () => {
    const out = linkCloud([trail({ s3_bucket_name: ref('aws_s3_bucket.logs') }), bucket('logs'), lifecycle('logs', 365)]);
    const subject = out.subjects.find((s) => s.id === 'aws_cloudtrail.main');
    const delivery = subject?.facts.delivery as Record<string, unknown> | undefined;
    assert.equal(delivery?.retentionDays, 365);
    assert.equal(delivery?.stores, 1);
    assert.equal(subject?.locations['delivery.retentionDays']?.line, 30);
  });
});
