import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Unresolved } from '../../src/model/cloud.js';
import { extractAwsCore } from '../../src/iac/aws/core.js';
import { resource } from './support.js';

const at = (line: number) => ({ path: 'main.tf', line, column: 3 });

function trailSubject(extraction: ReturnType<typeof extractAwsCore>, id: string) {
  const subject = extraction.subjects.find((s) => s.id === id);
  assert.ok(subject, `no subject ${id}`);
  return subject;
}

describe('aws-core: CloudTrail', () => {
  it('applies the provider defaults to a trail that only names its bucket', () => {
    const trail = resource('aws_cloudtrail', 'main', { name: 'main', s3_bucket_name: 'audit-logs' }, { line: 4, locations: { s3_bucket_name: at(6) } });
    const out = extractAwsCore([trail]);
    const subject = trailSubject(out, 'aws_cloudtrail.main');
    assert.equal(subject.kind, 'aws-cloudtrail');
    assert.deepEqual(
      {
        logging: subject.facts.logging,
        multiRegion: subject.facts.multiRegion,
        globalServiceEvents: subject.facts.globalServiceEvents,
        organization: subject.facts.organization,
        logFileValidation: subject.facts.logFileValidation,
        kmsEncrypted: subject.facts.kmsEncrypted,
        cloudWatchLogs: subject.facts.cloudWatchLogs,
        insights: subject.facts.insights,
      },
      { logging: true, multiRegion: false, globalServiceEvents: true, organization: false, logFileValidation: false, kmsEncrypted: false, cloudWatchLogs: false, insights: false },
    );
    assert.deepEqual(subject.facts.managementEvents, { read: true, write: true, all: true, excludedSources: [] });
    assert.deepEqual(subject.facts.dataEvents, { s3Read: false, s3Write: false, s3AllBuckets: false, lambda: false });
    // Defaults point at the resource; written arguments at their line.
    assert.equal(subject.locations.multiRegion?.line, 4);
    assert.equal(subject.unknown, undefined);
    const stream = out.streams[0];
    assert.ok(stream);
    assert.equal(stream.system, 'aws-cloudtrail');
    assert.deepEqual(stream.pillars, ['identity', 'applications']);
    assert.deepEqual(stream.destinations, ['audit-logs']);
    assert.equal(stream.destinationLocations[0]?.line, 6);
  });

  it('reads basic event selectors, a KMS key reference and the CloudWatch Logs integration', () => {
    const trail = resource(
      'aws_cloudtrail',
      'global',
      {
        s3_bucket_name: new Unresolved('aws_s3_bucket.trail.id is known after apply', ['aws_s3_bucket.trail']),
        is_multi_region_trail: true,
        enable_log_file_validation: true,
        kms_key_id: new Unresolved('aws_kms_key.trail.arn is known after apply', ['aws_kms_key.trail']),
        cloud_watch_logs_group_arn: new Unresolved('known after apply', ['aws_cloudwatch_log_group.trail[0]']),
        cloud_watch_logs_role_arn: new Unresolved('known after apply', ['aws_iam_role.delivery[0]']),
        event_selector: [
          { read_write_type: 'All', include_management_events: true, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::'] }] },
          { read_write_type: 'All', include_management_events: true, data_resource: [{ type: 'AWS::DynamoDB::Table', values: ['arn:aws:dynamodb'] }, { type: 'AWS::Lambda::Function', values: ['arn:aws:lambda'] }] },
        ],
        insight_selector: [{ insight_type: 'ApiCallRateInsight' }],
      },
      { locations: { kms_key_id: at(12), 'event_selector.data_resource.type': at(20) } },
    );
    const out = extractAwsCore([trail]);
    const subject = trailSubject(out, 'aws_cloudtrail.global');
    assert.equal(subject.facts.kmsEncrypted, true);
    assert.equal(subject.locations.kmsEncrypted?.line, 12);
    assert.equal(subject.facts.cloudWatchLogs, true);
    assert.equal(subject.facts.multiRegion, true);
    assert.equal(subject.facts.insights, true);
    assert.deepEqual(subject.facts.dataEvents, { s3Read: true, s3Write: true, s3AllBuckets: true, lambda: true });
    assert.equal(subject.locations['dataEvents.s3Write']?.line, 20);
    assert.deepEqual(out.streams[0]?.pillars, ['identity', 'applications', 'data']);
    assert.equal(out.streams[0]?.destinations.length, 2);
  });

  it('CloudWatch Logs integration: the group decides; a role declared elsewhere is still a role', () => {
    const read = (values: Record<string, unknown>) => trailSubject(extractAwsCore([resource('aws_cloudtrail', 't', { s3_bucket_name: 'b', ...values } as never)]), 'aws_cloudtrail.t').facts.cloudWatchLogs;
    const group = 'arn:aws:logs:eu-west-1:111122223333:log-group:trail:*';
    assert.equal(read({ cloud_watch_logs_group_arn: group, cloud_watch_logs_role_arn: new Unresolved('aws_iam_role.x is not declared in the scanned files') }), true);
    assert.equal(read({ cloud_watch_logs_group_arn: group }), false);
    assert.equal(read({ cloud_watch_logs_group_arn: '', cloud_watch_logs_role_arn: 'arn:aws:iam::1:role/r' }), false);
    assert.equal(read({ cloud_watch_logs_group_arn: new Unresolved('var.group has no value'), cloud_watch_logs_role_arn: 'arn:aws:iam::1:role/r' }), null);
  });

  it('reads write-only S3 data events for some buckets, and management events turned off', () => {
    const trail = resource('aws_cloudtrail', 'data', {
      s3_bucket_name: 'b',
      event_selector: [{ read_write_type: 'WriteOnly', include_management_events: false, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::payroll/'] }] }],
    });
    const subject = trailSubject(extractAwsCore([trail]), 'aws_cloudtrail.data');
    assert.deepEqual(subject.facts.managementEvents, { read: false, write: false, all: false, excludedSources: [] });
    assert.deepEqual(subject.facts.dataEvents, { s3Read: false, s3Write: true, s3AllBuckets: false, lambda: false });
  });

  it('reads advanced event selectors: only what they select is logged', () => {
    const trail = resource('aws_cloudtrail', 'adv', {
      s3_bucket_name: 'b',
      advanced_event_selector: [
        {
          name: 'WriteOnly',
          field_selector: [
            { field: 'eventCategory', equals: ['Data'] },
            { field: 'resources.type', equals: ['AWS::Lambda::Function'] },
            { field: 'readOnly', equals: ['false'] },
          ],
        },
      ],
    });
    const subject = trailSubject(extractAwsCore([trail]), 'aws_cloudtrail.adv');
    assert.deepEqual(subject.facts.managementEvents, { read: false, write: false, all: false, excludedSources: [] });
    assert.deepEqual(subject.facts.dataEvents, { s3Read: false, s3Write: false, s3AllBuckets: false, lambda: true });

    const both = resource('aws_cloudtrail', 'both', {
      s3_bucket_name: 'b',
      advanced_event_selector: [
        { name: 'mgmt', field_selector: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventSource', not_equals: ['kms.amazonaws.com'] }] },
        { name: 's3', field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }, { field: 'readOnly', equals: ['true'] }] },
      ],
    });
    const s = trailSubject(extractAwsCore([both]), 'aws_cloudtrail.both');
    assert.deepEqual(s.facts.managementEvents, { read: true, write: true, all: true, excludedSources: ['kms.amazonaws.com'] });
    assert.deepEqual(s.facts.dataEvents, { s3Read: true, s3Write: false, s3AllBuckets: true, lambda: false });
  });

  it('turns values without a static value into null facts with the reason', () => {
    const trail = resource('aws_cloudtrail', 'v', {
      s3_bucket_name: new Unresolved('var.s3_bucket_name has no value'),
      is_multi_region_trail: new Unresolved('var.is_multi_region_trail has no value'),
      kms_key_id: new Unresolved('var.kms_key_arn has no value'),
      event_selector: new Unresolved('dynamic block over var.event_selector, which has no value'),
    });
    const out = extractAwsCore([trail]);
    const subject = trailSubject(out, 'aws_cloudtrail.v');
    assert.equal(subject.facts.exists, true);
    assert.equal(subject.facts.multiRegion, null);
    assert.equal(subject.unknown?.multiRegion, 'var.is_multi_region_trail has no value');
    assert.equal(subject.facts.kmsEncrypted, null);
    assert.equal(subject.facts.logFileValidation, false);
    assert.equal((subject.facts.dataEvents as Record<string, unknown>).s3Write, null);
    assert.equal(subject.unknown?.['dataEvents.s3Write'], 'dynamic block over var.event_selector, which has no value');
    // The bucket name is unknown, but still a destination (the linker matches it or not).
    assert.equal(out.streams[0]?.destinations.length, 1);
  });

  it('judges nothing on a trail that may not be created', () => {
    const trail = resource('aws_cloudtrail', 'c', { s3_bucket_name: 'b', is_multi_region_trail: true }, { exists: new Unresolved('module.this.enabled is an output of a module that is not scanned') });
    const subject = trailSubject(extractAwsCore([trail]), 'aws_cloudtrail.c');
    assert.equal(subject.facts.exists, null);
    assert.equal(subject.facts.multiRegion, null);
    assert.equal(subject.facts.managementEvents, null);
    assert.equal(subject.unknown?.exists, 'module.this.enabled is an output of a module that is not scanned');
    assert.equal(subject.unknown?.multiRegion, 'whether aws_cloudtrail.c is created is not known: module.this.enabled is an output of a module that is not scanned');
    assert.equal(subject.unknown?.['managementEvents.all'], undefined);
  });

  it('reads a CloudFormation trail with string booleans', () => {
    const trail = resource('AWS::CloudTrail::Trail', 'Trail', {
      IsLogging: 'true',
      IsMultiRegionTrail: 'true',
      EnableLogFileValidation: true,
      S3BucketName: new Unresolved('!Ref TrailBucket', ['AWS::S3::Bucket/TrailBucket']),
      EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: 'true', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
    }, { path: 'trail.yaml', locations: { IsMultiRegionTrail: { path: 'trail.yaml', line: 9, column: 7 } } });
    const subject = trailSubject(extractAwsCore([trail]), 'AWS::CloudTrail::Trail/Trail');
    assert.equal(subject.facts.logging, true);
    assert.equal(subject.facts.multiRegion, true);
    assert.equal(subject.locations.multiRegion?.line, 9);
    assert.equal(subject.facts.globalServiceEvents, true);
    assert.deepEqual(subject.facts.managementEvents, { read: false, write: true, all: false, excludedSources: [] });
    assert.deepEqual(subject.facts.dataEvents, { s3Read: false, s3Write: true, s3AllBuckets: true, lambda: false });
  });

  it('gives no-evidence material when a CloudFormation trail omits the required IsLogging', () => {
    const trail = resource('AWS::CloudTrail::Trail', 'T', { S3BucketName: 'b' });
    const subject = trailSubject(extractAwsCore([trail]), 'AWS::CloudTrail::Trail/T');
    assert.equal(subject.facts.logging, null);
    assert.match(subject.unknown?.logging ?? '', /IsLogging/);
  });
});
