/**
 * The aws-core extractor on real Terraform and CloudFormation from ../shared/corpus/iac: the
 * nozaq/terraform-aws-secure-baseline CloudTrail, alarm, VPC and GuardDuty baselines, the
 * cloudposse CloudTrail module with its example, trussworks' central log bucket, the Ministry of
 * Justice resolver query logging module, widdix's AWS Config template and regula's plan JSON.
 * Expected facts are read off the files by eye: arguments, variable defaults and provider defaults.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { AWS_CORE } from '../src/iac/aws/core.js';
import type { CloudExtraction } from '../src/model/cloud.js';
import type { Subject } from '../src/model/subject.js';
import { extractTree } from '../test/iac/support.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/iac/', import.meta.url));

function extract(root: string): Promise<{ out: CloudExtraction; problems: string[] }> {
  return extractTree(CORPUS, root, AWS_CORE);
}

function one(out: CloudExtraction, id: string): Subject {
  const found = out.subjects.filter((s) => s.id === id);
  assert.equal(found.length, 1, `one subject ${id} among ${out.subjects.map((s) => s.id).join(', ')}`);
  return found[0] as Subject;
}

const ALL_CONCERNS = [
  'unauthorized-api-calls', 'console-signin-without-mfa', 'root-usage', 'iam-policy-changes', 'cloudtrail-config-changes',
  'console-auth-failures', 'cmk-disable-or-deletion', 's3-bucket-policy-changes', 'config-changes', 'security-group-changes',
  'nacl-changes', 'network-gateway-changes', 'route-table-changes', 'vpc-changes', 'organizations-changes',
];

describe('nozaq cloudtrail-baseline', () => {
  let out: CloudExtraction;
  let problems: string[];
  before(async () => ({ out, problems } = await extract('nozaq-secure-baseline/modules/cloudtrail-baseline')));

  test('parses without problems', () => assert.deepEqual(problems, []));

  test('the trail: multi-region, validation, KMS, CloudWatch Logs (cloudwatch_logs_enabled defaults to true)', () => {
    const trail = one(out, 'aws_cloudtrail.global');
    assert.equal(trail.declaredAt.line, 232);
    assert.deepEqual(
      [trail.facts.logging, trail.facts.multiRegion, trail.facts.globalServiceEvents, trail.facts.organization, trail.facts.logFileValidation, trail.facts.kmsEncrypted, trail.facts.cloudWatchLogs, trail.facts.insights],
      [true, true, true, false, true, true, true, true],
    );
    assert.equal(trail.locations.multiRegion?.line, 238);
  });

  test('two basic selectors, All with management events; S3 objects of every bucket (arn:aws:s3:::) and Lambda', () => {
    const trail = one(out, 'aws_cloudtrail.global');
    assert.deepEqual(trail.facts.managementEvents, { read: true, write: true, all: true, excludedSources: [] });
    assert.deepEqual(trail.facts.dataEvents, { s3Read: true, s3Write: true, s3AllBuckets: true, lambda: true });
    const stream = out.streams.find((s) => s.address === 'aws_cloudtrail.global');
    assert.deepEqual(stream?.pillars, ['identity', 'applications', 'data']);
    assert.equal(stream?.destinations.length, 2, 'var.s3_bucket_name (no default) and the log group ARN');
  });

  test('the log group keeps 365 days (variable default) and receives the trail; the key rotates ("true")', () => {
    const group = one(out, 'aws_cloudwatch_log_group.cloudtrail_events[0]');
    assert.deepEqual(group.facts.retention, { days: 365, unbounded: false });
    assert.deepEqual(group.facts.auditDestinationOf, ['aws-cloudtrail']);
    const store = out.stores.find((s) => s.address === 'aws_cloudwatch_log_group.cloudtrail_events[0]');
    assert.deepEqual([store?.kind, store?.keys, store?.retentionDays], ['cloudwatch-logs', ['cloudtrail-multi-region'], 365]);
    const key = one(out, 'aws_kms_key.cloudtrail');
    assert.equal(key.facts.rotation, true);
    assert.equal(key.locations.rotation?.line, 189);
  });

  test('the account has the trail and no metric filter', () => {
    const account = one(out, 'aws-account:.');
    assert.equal(account.facts.multiRegionTrail, true);
    assert.equal((account.facts.alarms as Record<string, unknown>).missingCount, 15);
  });
});

describe('nozaq alarm-baseline', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('nozaq-secure-baseline/modules/alarm-baseline')));

  test('15 filters, each with its alarm (metric_name refers to the filter), one concern each', () => {
    const detections = out.detections.filter((d) => d.kind === 'metric-alarm');
    assert.equal(detections.length, 15);
    assert.deepEqual(detections.map((d) => d.covers).flat().sort(), [...ALL_CONCERNS].sort());
    const byId = Object.fromEntries(detections.map((d) => [d.id, d.covers]));
    assert.deepEqual(byId['aws_cloudwatch_log_metric_filter.no_mfa_console_signin[0]'], ['console-signin-without-mfa'], 'the pattern built with join() and mfa_console_signin_allow_sso = false');
    assert.deepEqual(byId['aws_cloudwatch_log_metric_filter.root_usage[0]'], ['root-usage']);
  });

  test('every CIS 4.x pattern has a notifying alarm, but no trail is in the module: coverage is unknown', () => {
    const account = one(out, 'aws-account:.');
    const alarms = account.facts.alarms as Record<string, unknown>;
    // The filters read var.cloudtrail_log_group_name (no value) and the module declares no trail.
    assert.deepEqual(alarms.covered, []);
    assert.deepEqual([alarms.identityMissingCount, alarms.networkMissingCount, alarms.controlMissingCount], [null, null, null]);
    assert.match(account.unknown?.['alarms.identityMissingCount'] ?? '', /no trail is declared in this stack/);
    assert.equal(alarms.onTrailLogGroup, null);
    assert.equal(account.facts.multiRegionTrail, null);
    assert.equal(account.locations['alarms.unauthorized-api-calls']?.line, 46);
  });
});

describe('nozaq vpc-baseline', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('nozaq-secure-baseline/modules/vpc-baseline')));

  test('the default VPC is covered by the flow log of ALL traffic to CloudWatch Logs', () => {
    const vpc = one(out, 'aws_default_vpc.default');
    assert.equal(vpc.declaredAt.line, 46);
    assert.equal(vpc.facts.flowLogs, true);
    assert.deepEqual(vpc.facts.flowLogsBy, ['aws_flow_log.default_vpc_flow_logs[0]']);
    const flow = one(out, 'aws_flow_log.default_vpc_flow_logs[0]');
    assert.deepEqual(
      [flow.facts.trafficType, flow.facts.destinationType, flow.facts.maxAggregationInterval, flow.facts.customFormat, flow.facts.missingCoreFieldCount],
      ['ALL', 'cloud-watch-logs', 600, false, 0],
    );
    assert.equal(flow.locations.trafficType?.line, 37);
  });

  test('the flow log group keeps 365 days and receives the flow logs', () => {
    const group = one(out, 'aws_cloudwatch_log_group.default_vpc_flow_logs[0]');
    assert.deepEqual(group.facts.retention, { days: 365, unbounded: false });
    assert.deepEqual(group.facts.auditDestinationOf, ['aws-vpc-flow-logs']);
  });
});

describe('nozaq guardduty-baseline', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('nozaq-secure-baseline/modules/guardduty-baseline')));

  test('an enabled detector with S3 protection (the dynamic datasources block runs once: master_account_id defaults to "")', () => {
    const gd = one(out, 'aws_guardduty_detector.default');
    assert.deepEqual([gd.facts.enabled, gd.facts.s3Protection, gd.facts.findingPublishingFrequency], [true, true, 'SIX_HOURS']);
    assert.equal(gd.facts.eksAuditLogs, null);
    assert.deepEqual(out.detections.map((d) => [d.id, d.kind]), [['aws_guardduty_detector.default', 'threat-detection']]);
  });
});

describe('cloudposse terraform-aws-cloudtrail (example calling the module)', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('cloudposse-cloudtrail')));

  test('one trail whose existence depends on module.this (context.tf not copied): every fact unknown, with the reason', () => {
    const trail = one(out, 'module.cloudtrail.aws_cloudtrail.default');
    assert.equal(trail.facts.exists, null);
    assert.equal(trail.facts.multiRegion, null);
    assert.match(trail.unknown?.exists ?? '', /module\.this/);
    assert.match(trail.unknown?.logFileValidation ?? '', /^whether module\.cloudtrail\.aws_cloudtrail\.default is created is not known/);
  });

  test('its bucket comes from a registry module: the destination is unknown', () => {
    const stream = out.streams.find((s) => s.address === 'module.cloudtrail.aws_cloudtrail.default');
    assert.equal(stream?.destinations.length, 1);
    assert.equal(out.stores.length, 0);
  });
});

describe('trussworks terraform-aws-logs', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('trussworks-logs')));

  test('the central bucket joined to its companion resources by reference', () => {
    const bucket = one(out, 'aws_s3_bucket.aws_logs');
    assert.equal(bucket.declaredAt.line, 397);
    assert.equal(bucket.facts.name, null, 'var.s3_bucket_name has no default');
    assert.equal(bucket.facts.publicAccessBlocked, true, 'create_public_access_block defaults to true');
    assert.equal(bucket.locations.publicAccessBlocked?.line, 480);
    assert.equal(bucket.facts.versioning, false, 'versioning_status defaults to "Disabled"');
    assert.equal(bucket.facts.accessLogging, false, 'logging_target_bucket defaults to "": count = 0');
    assert.equal(bucket.facts.kmsEncrypted, false, 'kms_master_key_id defaults to "": AES256');
    assert.equal(bucket.facts.denyDeletePolicy, null, 'the policy is a data source');
    assert.deepEqual((bucket.facts.objectLock as Record<string, unknown>).enabled, false);
  });

  test('lifecycle: every object expires after 90 days (s3_log_bucket_retention default), noncurrent versions after 30', () => {
    const bucket = one(out, 'aws_s3_bucket.aws_logs');
    // versioning_status defaults to "Disabled": expiration deletes the objects.
    assert.deepEqual(bucket.facts.lifecycle, { expirationDays: 90, retentionDays: 90, unbounded: false, transitionDays: null, noncurrentExpirationDays: 30, filteredRules: 0 });
    assert.equal(bucket.locations['lifecycle.expirationDays']?.line, 442);
    const store = out.stores.find((s) => s.address === 'aws_s3_bucket.aws_logs');
    assert.deepEqual([store?.retentionDays, store?.unbounded, store?.immutable, store?.encrypted], [90, false, false, false]);
  });
});

describe('Ministry of Justice r53-resolver-logs', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('moj-modernisation-platform')));

  test('query logging to a 365-day log group, associated with a VPC given by a variable without a value', () => {
    const config = one(out, 'aws_route53_resolver_query_log_config.main');
    assert.equal(config.facts.destinationSet, true);
    assert.equal(config.facts.associations, 1);
    assert.equal(config.facts.associated, null);
    assert.match(config.unknown?.associated ?? '', /var\.vpc_id/);
    const group = one(out, 'aws_cloudwatch_log_group.main');
    assert.deepEqual(group.facts.retention, { days: 365, unbounded: false });
    assert.deepEqual(group.facts.auditDestinationOf, ['aws-dns-query-logs']);
    assert.deepEqual(out.streams.map((s) => [s.system, s.pillars]), [['aws-dns-query-logs', ['networks']]]);
  });
});

describe('widdix security/config.yaml (CloudFormation)', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('widdix-cf-templates')));

  test('the recorder records everything and is started by the delivery channel', () => {
    const recorder = one(out, 'AWS::Config::ConfigurationRecorder/ConfigurationRecorder');
    assert.equal(recorder.declaredAt.line, 165);
    assert.deepEqual([recorder.facts.allSupported, recorder.facts.includeGlobalResourceTypes, recorder.facts.enabled, recorder.facts.recordsAll], [true, true, true, true]);
    assert.equal(recorder.locations.includeGlobalResourceTypes?.line, 170);
  });

  test('the internal bucket (ExternalConfigBucket defaults to "") receives the configuration history', () => {
    const bucket = one(out, 'AWS::S3::Bucket/ConfigBucket');
    assert.deepEqual(bucket.facts.auditDestinationOf, ['aws-config']);
    assert.equal(bucket.facts.publicAccessBlocked, true);
    assert.equal(bucket.facts.denyDeletePolicy, false, 'its policy only denies requests without TLS');
    const store = out.stores.find((s) => s.address === 'AWS::S3::Bucket/ConfigBucket');
    assert.deepEqual([store?.unbounded, store?.immutable], [true, false]);
  });

  test("the Lambda's log group keeps 14 days (LogsRetentionInDays default)", () => {
    const group = one(out, 'AWS::Logs::LogGroup/LambdaLogGroup');
    assert.deepEqual(group.facts.retention, { days: 14, unbounded: false });
    assert.equal(group.locations['retention.days']?.line, 246);
  });
});

describe('regula log_file_validation_infra.json (plan JSON)', () => {
  let out: CloudExtraction;
  before(async () => ({ out } = await extract('regula/rego/tests/rules/tf/aws/cloudtrail')));

  test('two single-region trails, one with validation, both writing to the same bucket', () => {
    assert.deepEqual([one(out, 'aws_cloudtrail.valid_trail').facts.logFileValidation, one(out, 'aws_cloudtrail.invalid_trail').facts.logFileValidation], [true, false]);
    assert.deepEqual([one(out, 'aws_cloudtrail.valid_trail').facts.multiRegion, one(out, 'aws_cloudtrail.valid_trail').facts.globalServiceEvents], [false, true]);
    const bucket = one(out, 'aws_s3_bucket.trail_bucket');
    assert.equal(bucket.facts.trailBucket, true);
    assert.equal(bucket.facts.accessLogging, false);
    // No public access block resource: S3 blocks public access on new buckets (since April 2023).
    assert.equal(bucket.facts.publicAccessBlocked, true);
    assert.equal(bucket.facts.publicAccessBlockExplicit, false);
  });
});
