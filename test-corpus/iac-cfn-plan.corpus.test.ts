/**
 * The CloudFormation and Terraform plan front ends on real files written by others (see
 * ../shared/corpus/iac/README.md): widdix's AWS Config template (short tags, conditions on a
 * parameter default, `AWS::NoValue`, a custom resource, inline Lambda code) and fugue/regula's two
 * `terraform show -json` plans (Terraform 0.13.5). Values, lines and references below were read
 * off the files by eye.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { CLOUDFORMATION_ADAPTER, readCloudFormation } from '../src/adapters/cloudformation.js';
import { TERRAFORM_PLAN_ADAPTER, readTerraformPlan } from '../src/adapters/terraform-plan.js';
import { parseStructured } from '../src/documents/yaml-document.js';
import { Unresolved } from '../src/model/cloud.js';
import type { CloudResource } from '../src/model/cloud.js';
import type { ConfigRead } from '../src/model/pipeline.js';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';

const IAC = fileURLToPath(new URL('../../../shared/corpus/iac/', import.meta.url));
const CONFIG_YAML = 'widdix-cf-templates/security/config.yaml';
const TRAIL_PLAN = 'regula/rego/tests/rules/tf/aws/cloudtrail/inputs/log_file_validation_infra.json';
const SUBNET_PLAN = 'regula/rego/tests/rules/tf/google/compute/inputs/subnet_flow_log_enabled_infra.json';

function text(path: string): string {
  return readFileSync(IAC + path, 'utf8');
}

function resourcesOf(read: ConfigRead): CloudResource[] {
  assert.equal(read.cloud?.format, 'resources');
  return read.cloud?.format === 'resources' ? read.cloud.resources : [];
}

function byName(list: readonly CloudResource[], name: string): CloudResource {
  const found = list.find((r) => r.name === name);
  assert.ok(found, `no resource ${name}`);
  return found;
}

function readPlan(path: string): ConfigRead {
  const parsed = parseStructured(path, text(path));
  assert.deepEqual(parsed.errors, []);
  const doc = parsed.documents[0];
  assert.ok(doc);
  assert.equal(TERRAFORM_PLAN_ADAPTER.claims(path, doc.data), true);
  return readTerraformPlan(doc);
}

describe(`widdix ${CONFIG_YAML}`, () => {
  const source = text(CONFIG_YAML);
  const read = readCloudFormation({ path: CONFIG_YAML, text: source });
  const resources = resourcesOf(read);

  test('is claimed and read with no problem', () => {
    assert.equal(CLOUDFORMATION_ADAPTER.claims(CONFIG_YAML, source.slice(0, 64 * 1024)), true);
    assert.equal(read.kind, 'cloudformation');
    assert.equal(read.fatal, false);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.unknowns, []);
  });

  test('resources: ExternalConfigurationRecorderRole is left out (ExternalConfigBucket defaults to empty)', () => {
    assert.deepEqual(
      resources.map((r) => [r.address, r.at.line]),
      [
        ['AWS::S3::Bucket/ConfigBucket', 77],
        ['AWS::S3::BucketPolicy/ConfigBucketPolicy', 86],
        ['AWS::SNS::Topic/ConfigTopic', 104],
        ['AWS::Config::DeliveryChannel/DeliveryChannel', 107],
        ['AWS::IAM::Role/ConfigurationRecorderRole', 114],
        ['AWS::Config::ConfigurationRecorder/ConfigurationRecorder', 165],
        ['AWS::IAM::Role/LambdaRole', 174],
        ['AWS::IAM::Policy/LambdaPolicy', 194],
        ['AWS::Lambda::Function/LambdaFunction', 207],
        ['AWS::Logs::LogGroup/LambdaLogGroup', 242],
        ['Custom::RetentionConfiguration/RetentionConfiguration', 247],
      ],
    );
    assert.ok(resources.every((r) => r.exists === true && r.stack === CONFIG_YAML && r.source === 'cloudformation'));
  });

  test('the recorder records all supported and global types, continuously', () => {
    const recorder = byName(resources, 'ConfigurationRecorder');
    assert.deepEqual(recorder.values['RecordingGroup'], { AllSupported: true, IncludeGlobalResourceTypes: true });
    assert.deepEqual(recorder.values['RecordingMode'], { RecordingFrequency: 'CONTINUOUS' });
    // !If [InternalBucket, !GetAtt ConfigurationRecorderRole.Arn, ...]: InternalBucket is true.
    assert.deepEqual(recorder.values['RoleARN'], new Unresolved('GetAtt ConfigurationRecorderRole.Arn', ['AWS::IAM::Role/ConfigurationRecorderRole']));
    assert.deepEqual([recorder.locations['RecordingGroup.AllSupported']?.line, recorder.locations['RoleARN']?.line], [169, 173]);
  });

  test('the delivery channel writes to ConfigBucket every six hours', () => {
    const channel = byName(resources, 'DeliveryChannel');
    assert.deepEqual(channel.values, {
      ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'Six_Hours' },
      S3BucketName: new Unresolved('Ref ConfigBucket', ['AWS::S3::Bucket/ConfigBucket']),
      SnsTopicARN: new Unresolved('Ref ConfigTopic', ['AWS::SNS::Topic/ConfigTopic']),
    });
    assert.equal(channel.locations['S3BucketName']?.line, 112);
  });

  test('the bucket blocks public access; the log group keeps 14 days; the custom resource 2557', () => {
    assert.deepEqual(byName(resources, 'ConfigBucket').values, {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    const group = byName(resources, 'LambdaLogGroup');
    assert.equal(group.values['RetentionInDays'], 14);
    assert.equal(group.locations['RetentionInDays']?.line, 246);
    assert.deepEqual(group.values['LogGroupName'], new Unresolved('Fn::Sub: Ref LambdaFunction', ['AWS::Lambda::Function/LambdaFunction']));
    assert.equal(byName(resources, 'RetentionConfiguration').values['RetentionPeriodInDays'], 2557);
  });

  test('PermissionsBoundary: !Ref AWS::NoValue removes the property; the Lambda code is a string', () => {
    assert.equal(Object.prototype.hasOwnProperty.call(byName(resources, 'LambdaRole').values, 'PermissionsBoundary'), false);
    const code = byName(resources, 'LambdaFunction').values['Code'];
    assert.ok(code !== null && typeof code === 'object' && !Array.isArray(code) && !(code instanceof Unresolved));
    assert.match(String(code['ZipFile']), /^const response = require\('cfn-response'\);/);
    const policy = byName(resources, 'ConfigBucketPolicy').values['PolicyDocument'];
    assert.deepEqual(JSON.parse(JSON.stringify(policy)), {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowSSLRequestsOnly',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [
            { reason: 'GetAtt ConfigBucket.Arn', refs: ['AWS::S3::Bucket/ConfigBucket'] },
            { reason: 'Fn::Sub: GetAtt ConfigBucket.Arn', refs: ['AWS::S3::Bucket/ConfigBucket'] },
          ],
          // An IAM condition block is data, not the Condition intrinsic.
          Condition: { Bool: { 'aws:SecureTransport': false } },
        },
      ],
    });
  });
});

describe(`regula ${TRAIL_PLAN}`, () => {
  const read = readPlan(TRAIL_PLAN);
  const resources = resourcesOf(read);

  test('read with no problem: two trails, the bucket and its policy (the data source left out)', () => {
    assert.equal(read.kind, 'terraform-plan');
    assert.deepEqual(read.problems, []);
    assert.deepEqual(
      resources.map((r) => [r.address, r.at.line]),
      [
        ['aws_cloudtrail.invalid_trail', 7],
        ['aws_cloudtrail.valid_trail', 31],
        ['aws_s3_bucket.trail_bucket', 55],
        ['aws_s3_bucket_policy.policy', 78],
      ],
    );
  });

  test('log file validation: false on invalid_trail, true on valid_trail; both write to trail_bucket', () => {
    const invalid = byName(resources, 'invalid_trail');
    const valid = byName(resources, 'valid_trail');
    assert.deepEqual([invalid.values['enable_log_file_validation'], valid.values['enable_log_file_validation']], [false, true]);
    assert.deepEqual([invalid.locations['enable_log_file_validation']?.line, valid.locations['enable_log_file_validation']?.line], [17, 41]);
    assert.deepEqual([invalid.values['is_multi_region_trail'], invalid.values['include_global_service_events'], invalid.values['kms_key_id']], [false, true, null]);
    for (const trail of [invalid, valid]) {
      assert.deepEqual(trail.values['s3_bucket_name'], new Unresolved('known after apply', ['aws_s3_bucket.trail_bucket']));
    }
  });

  test('the bucket has no lifecycle, lock or logging; its name is known after apply', () => {
    const bucket = byName(resources, 'trail_bucket');
    assert.deepEqual([bucket.values['lifecycle_rule'], bucket.values['object_lock_configuration'], bucket.values['logging'], bucket.values['force_destroy']], [[], [], [], true]);
    assert.deepEqual(bucket.values['bucket'], new Unresolved('known after apply'));
    assert.deepEqual(byName(resources, 'policy').values['policy'], new Unresolved('known after apply', ['aws_s3_bucket.trail_bucket']));
  });
});

describe(`regula ${SUBNET_PLAN}`, () => {
  const read = readPlan(SUBNET_PLAN);
  const resources = resourcesOf(read);

  test('read with no problem: the network and three subnets', () => {
    assert.deepEqual(read.problems, []);
    assert.deepEqual(
      resources.map((r) => [r.address, r.at.line]),
      [
        ['google_compute_network.custom-test', 7],
        ['google_compute_subnetwork.invalid-subnet-1', 22],
        ['google_compute_subnetwork.valid-subnet-1', 39],
        ['google_compute_subnetwork.valid-subnet-2', 64],
      ],
    );
  });

  test('log_config: none on invalid-subnet-1, one block on both valid subnets', () => {
    const config = { aggregation_interval: 'INTERVAL_10_MIN', filter_expr: 'true', flow_sampling: 0.5, metadata: 'INCLUDE_ALL_METADATA', metadata_fields: null };
    assert.deepEqual(byName(resources, 'invalid-subnet-1').values['log_config'], []);
    assert.deepEqual(byName(resources, 'valid-subnet-1').values['log_config'], [config]);
    assert.deepEqual(byName(resources, 'valid-subnet-2').values['log_config'], [config]);
    assert.deepEqual(
      ['invalid-subnet-1', 'valid-subnet-1', 'valid-subnet-2'].map((n) => byName(resources, n).locations['log_config.flow_sampling']?.line ?? byName(resources, n).locations['log_config']?.line),
      [32, 53, 78],
    );
    assert.deepEqual(byName(resources, 'valid-subnet-1').values['network'], new Unresolved('known after apply', ['google_compute_network.custom-test']));
  });
});

describe('a scan of the corpus folder', async () => {
  const { result } = await scan({ roots: [IAC], rules: loadRules(), cwd: IAC });
  const entry = (path: string) => result.inventory.find((e) => e.path.endsWith(path));

  test('the template and the plans are assessed with their kinds', () => {
    assert.deepEqual([entry(CONFIG_YAML)?.status, entry(CONFIG_YAML)?.kind], ['assessed', 'cloudformation']);
    assert.deepEqual([entry(TRAIL_PLAN)?.status, entry(TRAIL_PLAN)?.kind], ['assessed', 'terraform-plan']);
    assert.deepEqual([entry(SUBNET_PLAN)?.status, entry(SUBNET_PLAN)?.kind], ['assessed', 'terraform-plan']);
  });
});
