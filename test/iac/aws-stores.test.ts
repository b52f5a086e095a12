import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Unresolved } from '../../src/model/cloud.js';
import type { CloudResource } from '../../src/model/cloud.js';
import { extractAwsCore } from '../../src/iac/aws/core.js';
import { resource } from './support.js';

const at = (line: number, path = 'main.tf') => ({ path, line, column: 3 });
const ref = (address: string) => new Unresolved(`${address}.id is known after apply`, [address]);

function bucketOf(resources: CloudResource[], id = 'aws_s3_bucket.logs') {
  const out = extractAwsCore(resources);
  const subject = out.subjects.find((s) => s.id === id);
  const store = out.stores.find((s) => s.address === id);
  assert.ok(subject && store, `no bucket ${id}`);
  return { subject, store, out };
}

const trail = resource('aws_cloudtrail', 'main', { s3_bucket_name: ref('aws_s3_bucket.logs'), is_multi_region_trail: true });
const bucket = resource('aws_s3_bucket', 'logs', { bucket: 'org-audit-logs', object_lock_enabled: true }, { line: 10, locations: { object_lock_enabled: at(12) } });
const lifecycle = resource(
  'aws_s3_bucket_lifecycle_configuration',
  'logs',
  {
    bucket: ref('aws_s3_bucket.logs'),
    rule: [{ id: 'keep', status: 'Enabled', filter: [{}], transition: [{ days: 90, storage_class: 'GLACIER' }], expiration: [{ days: 400 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] }],
  },
  { line: 20, locations: { 'rule.expiration.days': at(27), 'rule.transition.days': at(24) } },
);
const lock = resource(
  'aws_s3_bucket_object_lock_configuration',
  'logs',
  { bucket: ref('aws_s3_bucket.logs'), rule: [{ default_retention: [{ mode: 'COMPLIANCE', days: 400 }] }] },
  { line: 40, locations: { 'rule.default_retention.mode': at(44), 'rule.default_retention.days': at(45) } },
);
const plainBucket = resource('aws_s3_bucket', 'logs', { bucket: 'org-audit-logs' }, { line: 10 });

describe('aws-core: S3 log buckets', () => {
  it('joins lifecycle and Object Lock resources: 400 days, 90 hot, immutable', () => {
    const { subject, store } = bucketOf([trail, bucket, lifecycle, lock]);
    assert.equal(store.kind, 'object-store');
    // Keyed by name only: an ARN of any partition is normalised to the name before comparing.
    assert.deepEqual(store.keys, ['org-audit-logs']);
    // Object Lock buckets are versioned: expiration after 400 days makes the object noncurrent,
    // and noncurrent_version_expiration deletes it 30 days later.
    assert.equal(store.retentionDays, 430);
    assert.equal(store.unbounded, false);
    assert.equal(store.hotDays, 90);
    assert.equal(store.immutable, true);
    assert.equal(store.encrypted, false);
    assert.equal(store.locations.retentionDays?.line, 27);
    assert.equal(store.locations.immutable?.line, 45);
    assert.deepEqual(subject.facts.objectLock, { enabled: true, defaultRetention: true, mode: 'COMPLIANCE', days: 400, coversRetention: true });
    assert.deepEqual(subject.facts.lifecycle, { expirationDays: 400, retentionDays: 430, unbounded: false, transitionDays: 90, noncurrentExpirationDays: 30, filteredRules: 0 });
    assert.equal(subject.facts.immutable, true);
    assert.equal(subject.facts.versioning, true, 'Object Lock turns versioning on');
    assert.equal(subject.facts.trailBucket, true);
    assert.deepEqual(subject.facts.auditDestinationOf, ['aws-cloudtrail']);
    assert.equal(subject.locations['objectLock.mode']?.line, 44);
  });

  it('is not immutable once the Object Lock is removed', () => {
    const plain = resource('aws_s3_bucket', 'logs', { bucket: 'org-audit-logs' }, { line: 10 });
    const { subject, store } = bucketOf([trail, plain, lifecycle]);
    assert.equal(store.immutable, false);
    assert.equal(store.retentionDays, 400);
    assert.deepEqual(subject.facts.objectLock, { enabled: false, defaultRetention: false, mode: null, days: null, coversRetention: false });
    assert.equal(store.locations.immutable?.line, 10);
  });

  it('is write-once only when the default retention covers the bucket\'s expiration', () => {
    // GOVERNANCE for one day on a bucket that keeps objects 400 days: locked for one day only.
    const oneDay = resource(
      'aws_s3_bucket_object_lock_configuration',
      'logs',
      { bucket: ref('aws_s3_bucket.logs'), rule: [{ default_retention: [{ mode: 'GOVERNANCE', days: 1 }] }] },
      { line: 40, locations: { 'rule.default_retention.days': at(46) } },
    );
    const short = bucketOf([bucket, oneDay, lifecycle]);
    assert.equal(short.store.immutable, false);
    assert.equal(short.store.locations.immutable?.line, 46);
    assert.equal(short.subject.facts.immutable, false);
    assert.equal(short.subject.locations.immutable?.line, 46);
    assert.equal((short.subject.facts.objectLock as Record<string, unknown>).mode, 'GOVERNANCE');
    // 400 days of lock on a bucket without expiration: a year at least is covered.
    assert.equal(bucketOf([bucket, lock]).store.immutable, true);
    const lockDays = (days: number) =>
      resource('aws_s3_bucket_object_lock_configuration', 'logs', { bucket: ref('aws_s3_bucket.logs'), rule: [{ default_retention: [{ mode: 'COMPLIANCE', days }] }] });
    assert.equal(bucketOf([bucket, lockDays(90)]).store.immutable, false, 'a bucket that never expires needs 365 days');
    // The expiration unknown: whether the lock covers it is unknown.
    const unknownExpiry = resource('aws_s3_bucket_lifecycle_configuration', 'logs', {
      bucket: ref('aws_s3_bucket.logs'),
      rule: [{ id: 'all', status: 'Enabled', filter: [{}], expiration: [{ days: new Unresolved('var.other_bucket has no value') }] }],
    });
    const unknown = bucketOf([bucket, lock, unknownExpiry]);
    assert.equal(unknown.store.immutable, null);
    assert.match(unknown.store.unknown.immutable ?? '', /var\.other_bucket has no value/);
  });

  it('reads a versioned bucket\'s expiration as making objects noncurrent, not deleting them', () => {
    const versioning = resource('aws_s3_bucket_versioning', 'v', { bucket: ref('aws_s3_bucket.logs'), versioning_configuration: [{ status: 'Enabled' }] });
    const expire = (extra: Record<string, unknown>) =>
      resource('aws_s3_bucket_lifecycle_configuration', 'logs', {
        bucket: ref('aws_s3_bucket.logs'),
        rule: [{ id: 'all', status: 'Enabled', filter: [{}], expiration: [{ days: 400 }], ...extra } as never],
      });
    // Without versioning: deleted after 400 days.
    assert.equal(bucketOf([plainBucket, expire({})]).store.retentionDays, 400);
    // Versioned, no noncurrent expiration: the noncurrent version stays until someone deletes it.
    const kept = bucketOf([plainBucket, versioning, expire({})]);
    assert.equal(kept.store.retentionDays, null);
    assert.equal(kept.store.unbounded, true);
    assert.equal((kept.subject.facts.lifecycle as Record<string, unknown>).expirationDays, 400);
    // Versioned with noncurrent expiration: 400 + 60 days.
    assert.equal(bucketOf([plainBucket, versioning, expire({ noncurrent_version_expiration: [{ noncurrent_days: 60 }] })]).store.retentionDays, 460);
    // Whether the bucket is versioned unknown: the retention is unknown.
    const maybe = resource('aws_s3_bucket_versioning', 'v', { bucket: ref('aws_s3_bucket.logs'), versioning_configuration: [{ status: new Unresolved('var.versioning has no value') }] });
    const unsure = bucketOf([plainBucket, maybe, expire({})]);
    assert.equal(unsure.store.retentionDays, null);
    assert.match(unsure.store.unknown.retentionDays ?? '', /whether the bucket is versioned is not known \(var\.versioning has no value\)/);
  });

  it('counts GOVERNANCE as immutable (the mode is a fact) and years as 365 days', () => {
    const governance = resource('aws_s3_bucket_object_lock_configuration', 'logs', {
      bucket: 'org-audit-logs',
      rule: [{ default_retention: [{ mode: 'GOVERNANCE', years: 2 }] }],
    });
    const { subject, store } = bucketOf([bucket, governance]);
    assert.equal(store.immutable, true);
    assert.deepEqual(subject.facts.objectLock, { enabled: true, defaultRetention: true, mode: 'GOVERNANCE', days: 730, coversRetention: true });
  });

  it('a bucket without lifecycle keeps objects until deleted', () => {
    const { store, subject } = bucketOf([resource('aws_s3_bucket', 'logs', { bucket: 'x' })]);
    assert.equal(store.unbounded, true);
    assert.equal(store.retentionDays, null);
    assert.deepEqual(store.unknown, {});
    // S3 blocks public access on every new bucket since April 2023.
    assert.equal(subject.facts.publicAccessBlocked, true);
    assert.equal(subject.facts.publicAccessBlockExplicit, false);
    assert.equal(subject.facts.accessLogging, false);
  });

  it('a declared public access block turns off the flags it leaves false or out', () => {
    const b = resource('aws_s3_bucket', 'logs', { bucket: 'x' });
    const block = resource('aws_s3_bucket_public_access_block', 'p', { bucket: ref('aws_s3_bucket.logs'), block_public_acls: true, block_public_policy: false, ignore_public_acls: true }, { line: 30, locations: { block_public_policy: at(33) } });
    const { subject } = bucketOf([b, block]);
    assert.deepEqual(subject.facts.publicAccessBlock, { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: false });
    assert.equal(subject.facts.publicAccessBlocked, false);
    assert.equal(subject.facts.publicAccessBlockExplicit, true);
    assert.equal(subject.locations['publicAccessBlock.blockPublicPolicy']?.line, 33);
    // The account's block turns them on for every bucket.
    const account = resource('aws_s3_account_public_access_block', 'a', { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    assert.equal(bucketOf([b, block, account]).subject.facts.publicAccessBlocked, true);
    // A block that may not be created: the flags it turns off are unknown.
    const maybe = resource('aws_s3_bucket_public_access_block', 'p', { bucket: ref('aws_s3_bucket.logs'), block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { exists: new Unresolved('count = var.n: var.n has no value') });
    const unsure = bucketOf([b, maybe]).subject;
    assert.equal(unsure.facts.publicAccessBlocked, null);
    assert.equal(unsure.facts.publicAccessBlockExplicit, null);
  });

  it('links buckets named by an ARN of any partition (keys are names)', async () => {
    const { normaliseKey } = await import('../../src/iac/resolve.js');
    const gov = resource('aws_s3_bucket', 'logs', { bucket: 'gov-flow-logs' });
    assert.deepEqual(bucketOf([gov]).store.keys, ['gov-flow-logs']);
    const flow = resource('aws_flow_log', 'f', { vpc_id: 'vpc-1', traffic_type: 'ALL', log_destination_type: 's3', log_destination: 'arn:aws-us-gov:s3:::gov-flow-logs/vpc/' });
    const ready = normaliseKey('arn:aws-us-gov:s3:::gov-flow-logs/vpc/') === 'gov-flow-logs';
    if (ready) assert.deepEqual(bucketOf([gov, flow]).subject.facts.auditDestinationOf, ['aws-vpc-flow-logs']);
  });

  it('makes retention unknown when a prefix rule may expire the audit objects earlier', () => {
    const rules = resource('aws_s3_bucket_lifecycle_configuration', 'logs', {
      bucket: ref('aws_s3_bucket.logs'),
      rule: [
        { id: 'all', status: 'Enabled', filter: [{}], expiration: [{ days: 400 }] },
        { id: 'elb', status: 'Enabled', filter: [{ prefix: 'elb/' }], expiration: [{ days: 30 }] },
      ],
    });
    const { store, subject } = bucketOf([plainBucket, rules]);
    assert.equal(store.retentionDays, null);
    assert.equal(store.unbounded, null);
    assert.match(store.unknown.retentionDays ?? '', /lifecycle rule elb expires objects matching prefix "elb\/" after 30 days/);
    assert.equal(subject.facts.lifecycle && (subject.facts.lifecycle as Record<string, unknown>).filteredRules, 1);

    // A filtered rule that keeps longer than the whole-bucket rule does not change the answer.
    const longer = resource('aws_s3_bucket_lifecycle_configuration', 'logs', {
      bucket: ref('aws_s3_bucket.logs'),
      rule: [
        { id: 'all', status: 'Enabled', filter: [{}], expiration: [{ days: 400 }] },
        { id: 'old', status: 'Enabled', filter: [{ prefix: 'archive/' }], expiration: [{ days: 3650 }] },
        { id: 'off', status: 'Disabled', filter: [{}], expiration: [{ days: 1 }] },
      ],
    });
    assert.equal(bucketOf([plainBucket, longer]).store.retentionDays, 400);
  });

  it('reads the legacy inline blocks of provider 3.x', () => {
    const legacy = resource(
      'aws_s3_bucket',
      'logs',
      {
        bucket: 'legacy-logs',
        versioning: [{ enabled: true, mfa_delete: false }],
        logging: [{ target_bucket: 'access-logs', target_prefix: 'x/' }],
        lifecycle_rule: [{ id: 'r', enabled: true, prefix: '', expiration: [{ days: 365 }], transition: [{ days: 30, storage_class: 'STANDARD_IA' }] }],
        object_lock_configuration: [{ object_lock_enabled: 'Enabled', rule: [{ default_retention: [{ mode: 'COMPLIANCE', days: 365 }] }] }],
        server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'k' }] }] }],
      },
      { locations: { 'lifecycle_rule.expiration.days': at(9) } },
    );
    const { store, subject } = bucketOf([legacy]);
    // Versioned without noncurrent expiration: expired objects stay as noncurrent versions.
    assert.equal(store.retentionDays, null);
    assert.equal(store.unbounded, true);
    assert.equal((subject.facts.lifecycle as Record<string, unknown>).expirationDays, 365);
    assert.equal(store.hotDays, 30);
    assert.equal(store.immutable, true);
    assert.equal(store.encrypted, true);
    assert.equal(store.locations.retentionDays?.line, 9);
    assert.equal(subject.facts.accessLogging, true);
    assert.equal(subject.facts.versioning, true);
  });

  it('reads the provider 4.x companion resources by literal bucket name', () => {
    const b = resource('aws_s3_bucket', 'logs', { bucket: 'named' });
    const parts = [
      resource('aws_s3_bucket_versioning', 'v', { bucket: 'named', versioning_configuration: [{ status: 'Enabled', mfa_delete: 'Enabled' }] }),
      resource('aws_s3_bucket_logging', 'l', { bucket: 'named', target_bucket: 'access' }, { locations: { target_bucket: at(33) } }),
      resource('aws_s3_bucket_public_access_block', 'p', { bucket: 'named', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }, { line: 40 }),
      resource('aws_s3_bucket_server_side_encryption_configuration', 'e', { bucket: 'named', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] }),
      resource('aws_s3_bucket_policy', 'pol', {
        bucket: 'named',
        policy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: ['s3:DeleteObject*'], Resource: 'arn:aws:s3:::named/*' }] }),
      }),
    ];
    const { subject, store } = bucketOf([b, ...parts]);
    assert.equal(subject.facts.versioning, true);
    assert.equal(subject.facts.mfaDelete, true);
    assert.equal(subject.facts.accessLogging, true);
    assert.equal(subject.locations.accessLogging?.line, 33);
    assert.equal(subject.facts.publicAccessBlocked, true);
    assert.equal(subject.locations.publicAccessBlocked?.line, 40);
    assert.equal(subject.facts.denyDeletePolicy, true);
    assert.equal(store.encrypted, false);
  });

  it('a deny that only enforces TLS is not a delete protection; a policy from a data source is unknown', () => {
    const b = resource('aws_s3_bucket', 'logs', { bucket: 'named' });
    const tls = resource('aws_s3_bucket_policy', 'p', {
      bucket: 'named',
      policy: { Statement: [{ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    });
    assert.equal(bucketOf([b, tls]).subject.facts.denyDeletePolicy, false);
    const data = resource('aws_s3_bucket_policy', 'p', { bucket: 'named', policy: new Unresolved('data.aws_iam_policy_document.main.json is not evaluated') });
    const { subject } = bucketOf([b, data]);
    assert.equal(subject.facts.denyDeletePolicy, null);
    assert.equal(subject.unknown?.denyDeletePolicy, 'data.aws_iam_policy_document.main.json is not evaluated');
  });

  it('a companion resource whose count is unknown makes its facts unknown', () => {
    const b = resource('aws_s3_bucket', 'logs', { bucket: 'named' });
    const logging = resource('aws_s3_bucket_logging', 'l', { bucket: ref('aws_s3_bucket.logs'), target_bucket: 'access' }, { exists: new Unresolved('count = var.logging_target_bucket != "" ? 1 : 0: var.logging_target_bucket has no value') });
    const { subject } = bucketOf([b, logging]);
    assert.equal(subject.facts.accessLogging, null);
    assert.match(subject.unknown?.accessLogging ?? '', /^aws_s3_bucket_logging\.l: count/);
  });

  it('reads a CloudFormation bucket with its properties and an AWS::S3::BucketPolicy', () => {
    const path = 'stack.yaml';
    const cfn = resource(
      'AWS::S3::Bucket',
      'TrailBucket',
      {
        ObjectLockEnabled: 'true',
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: '400' } } },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: new Unresolved('!Ref AccessLogs', ['AWS::S3::Bucket/AccessLogs']) },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: 'true' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
        LifecycleConfiguration: { Rules: [{ Status: 'Enabled', ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 90 }] }] },
      },
      { path, locations: { 'LifecycleConfiguration.Rules.ExpirationInDays': at(20, path) } },
    );
    const policy = resource('AWS::S3::BucketPolicy', 'TrailBucketPolicy', {
      Bucket: new Unresolved('!Ref TrailBucket', ['AWS::S3::Bucket/TrailBucket']),
      PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'] }] },
    }, { path });
    const { subject, store } = bucketOf([cfn, policy], 'AWS::S3::Bucket/TrailBucket');
    assert.equal(store.retentionDays, 401);
    assert.equal(store.locations.retentionDays?.line, 20);
    assert.equal(store.hotDays, 90);
    assert.equal(store.immutable, true);
    assert.equal(store.encrypted, true);
    assert.deepEqual(store.keys, []);
    assert.equal(subject.facts.accessLogging, true);
    assert.equal(subject.facts.publicAccessBlocked, true);
    assert.equal(subject.facts.denyDeletePolicy, true);
    assert.equal(subject.facts.versioning, true);
  });
});

describe('aws-core: CloudWatch log groups and KMS keys', () => {
  const group = (values: Record<string, unknown>) => extractAwsCore([resource('aws_cloudwatch_log_group', 'g', values as never, { locations: { retention_in_days: at(5) } })]);

  it('reads retention, never-expire and unknown retention', () => {
    const kept = group({ name: '/aws/cloudtrail', retention_in_days: 365 });
    assert.deepEqual(kept.subjects[0]?.facts.retention, { days: 365, unbounded: false });
    assert.equal(kept.subjects[0]?.locations['retention.days']?.line, 5);
    assert.equal(kept.stores[0]?.kind, 'cloudwatch-logs');
    assert.deepEqual(kept.stores[0]?.keys, ['/aws/cloudtrail']);
    assert.equal(kept.stores[0]?.retentionDays, 365);

    for (const values of [{ name: 'a' }, { name: 'a', retention_in_days: 0 }]) {
      const never = group(values);
      assert.deepEqual(never.subjects[0]?.facts.retention, { days: null, unbounded: true });
      assert.equal(never.stores[0]?.unbounded, true);
    }
    const unknown = group({ name: 'a', retention_in_days: new Unresolved('var.retention has no value') });
    assert.deepEqual(unknown.subjects[0]?.facts.retention, { days: null, unbounded: null });
    assert.equal(unknown.subjects[0]?.unknown?.['retention.days'], 'var.retention has no value');
    assert.equal(unknown.stores[0]?.retentionDays, null);
    assert.equal(unknown.stores[0]?.unknown.retentionDays, 'var.retention has no value');
  });

  it('reads rotation of KMS keys (string booleans included)', () => {
    const out = extractAwsCore([
      resource('aws_kms_key', 'trail', { enable_key_rotation: 'true' }),
      resource('aws_kms_key', 'signing', { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY' }),
      resource('AWS::KMS::Key', 'Key', { KeyPolicy: {} }),
    ]);
    const facts = Object.fromEntries(out.subjects.map((s) => [s.id, [s.facts.rotation, s.facts.symmetric]]));
    assert.deepEqual(facts, { 'aws_kms_key.trail': [true, true], 'aws_kms_key.signing': [false, false], 'AWS::KMS::Key/Key': [false, true] });
  });
});

describe('aws-core: hostile values', () => {
  it('never throws on prototype keys, wrong shapes and deep nesting', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 2000; i++) deep = (deep.rule = [{}] as never as Record<string, unknown>[])[0] as Record<string, unknown>;
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "bucket": {"__proto__": 1}, "rule": "x", "event_selector": 7, "advanced_event_selector": [{"field_selector": [{"field": "__proto__"}]}]}');
    const resources = [
      resource('aws_s3_bucket', 'x', hostile),
      resource('aws_s3_bucket_lifecycle_configuration', 'x', { ...root, bucket: 'x' } as never),
      resource('aws_cloudtrail', 'x', hostile),
      resource('aws_cloudwatch_log_metric_filter', 'x', { pattern: '{ $.eventName = '.repeat(5000) }),
      resource('aws_flow_log', 'x', { log_format: '${'.repeat(10000), vpc_id: {} as never }),
      resource('AWS::S3::Bucket', 'x', { LifecycleConfiguration: { Rules: 'nope' }, ObjectLockConfiguration: [] as never }),
    ];
    const out = extractAwsCore(resources);
    assert.ok(out.subjects.length >= 5);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('aws-core with the linker: a trail into a 400-day, Object Lock bucket', () => {
  it('the trail is retained 400 days and immutable; without the lock it is not immutable', async () => {
    const { linkCloud } = await import('../../src/estate/link-cloud.js');
    const facts = (resources: CloudResource[]) => {
      const linked = linkCloud(resources);
      const subject = linked.subjects.find((s) => s.id === 'aws_cloudtrail.main');
      assert.ok(subject);
      return subject.facts.delivery as Record<string, unknown>;
    };
    const locked = facts([trail, bucket, lifecycle, lock]);
    assert.equal(locked.retentionDays, 430);
    assert.equal(locked.immutable, true);
    const unlocked = facts([trail, resource('aws_s3_bucket', 'logs', { bucket: 'org-audit-logs' }), lifecycle]);
    assert.equal(unlocked.retentionDays, 400);
    assert.equal(unlocked.immutable, false);
  });
});
