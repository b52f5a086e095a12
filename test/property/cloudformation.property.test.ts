/**
 * Properties of the CloudFormation and Terraform plan front ends: on arbitrary text, mutated real
 * templates (widdix's AWS Config template when the shared corpus is present, and templates
 * written here with every intrinsic), arbitrary and plan-shaped JSON, claims never throw, reads
 * never throw and return a well-formed ConfigRead (resources with `Type/logical id` addresses,
 * 1-based locations, values of the IacValue shape) within the time bound, without touching
 * prototypes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { CLOUDFORMATION_ADAPTER, readCloudFormation } from '../../src/adapters/cloudformation.js';
import { TERRAFORM_PLAN_ADAPTER, readTerraformPlan } from '../../src/adapters/terraform-plan.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../src/documents/yaml-document.js';
import { isUnresolved } from '../../src/model/cloud.js';
import type { CloudResource, IacValue } from '../../src/model/cloud.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import type { Location } from '../../src/model/vocabulary.js';
import { anyText, assertNoPollution, assertOneLine, assertReadShape, jsonish, mutatedText, prototypeKeys, runs, timed } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const CORPUS_TEMPLATE = fileURLToPath(new URL('../../../../shared/corpus/iac/widdix-cf-templates/security/config.yaml', import.meta.url));

const TEMPLATES: string[] = [
  `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, Default: prod}
  Key: {Type: String}
  Zones: {Type: CommaDelimitedList, Default: 'a,b'}
Mappings:
  Days: {prod: {Keep: 400}, dev: {Keep: 30}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  HasKey: !Not [!Equals [!Ref Key, '']]
  Both: !And [!Condition IsProd, !Or [!Condition HasKey, !Equals [a, a]]]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Condition: Both
    Properties:
      BucketName: !Sub 'logs-\${Env}-\${AWS::Region}'
      ObjectLockEnabled: !If [IsProd, true, !Ref AWS::NoValue]
      LifecycleConfiguration:
        Rules:
          - ExpirationInDays: !FindInMap [Days, !Ref Env, Keep]
            Status: Enabled
      Tags:
        - {Key: a, Value: !Join ['-', [!Select [0, !Ref Zones], !Select [1, !Split [',', 'x,y']]]]}
        - {Key: b, Value: !Base64 abc}
        - {Key: c, Value: !ImportValue shared}
        - {Key: d, Value: !Select [0, !GetAZs '']}
        - {Key: e, Value: !Cidr [10.0.0.0/16, 2, 8]}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Bucket
      KMSKeyId: !If [HasKey, !Ref Key, !GetAtt Bucket.Arn]
      CloudWatchLogsLogGroupArn: !GetAtt [Logs, Arn]
      Anchored: &anchor {a: [1, 2, 3]}
      Again: *anchor
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Transform {Name: M, Parameters: {}}
`,
  `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {"Days": {"Type": "Number", "Default": 90}},
  "Conditions": {"Long": {"Fn::Equals": [{"Ref": "Days"}, 90]}},
  "Resources": {
    "Logs": {"Type": "AWS::Logs::LogGroup", "Condition": "Long",
      "Properties": {"RetentionInDays": {"Ref": "Days"}, "LogGroupName": {"Fn::Sub": ["/\${A}", {"A": {"Ref": "AWS::StackName"}}]},
        "X": {"Fn::If": ["Long", {"Fn::GetAtt": ["Logs", "Arn"]}, {"Ref": "AWS::NoValue"}]}}}
  }
}
`,
];
if (existsSync(CORPUS_TEMPLATE)) TEMPLATES.push(readFileSync(CORPUS_TEMPLATE, 'utf8'));

const PLAN = `{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "planned_values": {"root_module": {
    "resources": [{"address": "aws_cloudtrail.t", "mode": "managed", "type": "aws_cloudtrail", "name": "t",
      "values": {"enable_log_file_validation": true, "event_selector": [{"read_write_type": "All", "data_resource": [{"type": "AWS::S3::Object"}]}]}}],
    "child_modules": [{"address": "module.m", "resources": [{"address": "module.m.aws_s3_bucket.b[0]", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "index": 0, "values": {"logging": [{}]}}]}]
  }},
  "resource_changes": [
    {"address": "aws_cloudtrail.t", "change": {"actions": ["create"], "after_unknown": {"s3_bucket_name": true, "event_selector": [{"data_resource": [{"values": true}]}]}}},
    {"address": "module.m.aws_s3_bucket.b[0]", "change": {"actions": ["create"], "after_unknown": {"logging": [{"target_bucket": true}]}}}
  ],
  "configuration": {"root_module": {
    "resources": [{"address": "aws_cloudtrail.t", "mode": "managed", "type": "aws_cloudtrail", "name": "t", "expressions": {"s3_bucket_name": {"references": ["module.m.id", "var.x"]}}}],
    "module_calls": {"m": {"expressions": {"target": {"references": ["aws_s3_bucket.access.id"]}}, "module": {
      "outputs": {"id": {"expression": {"references": ["aws_s3_bucket.b[0].id"]}}},
      "resources": [{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "expressions": {"logging": [{"target_bucket": {"references": ["var.target"]}}]}}]}}}
  }}
}
`;

const PATHS = ['stack.yaml', 'cfn/trail.yml', 'template.json', 'x.template', 'k8s/deploy.yaml', 'README.md'];

function checkLocation(at: Location | undefined, label: string): void {
  assert.ok(at, `${label}: a location`);
  assert.ok(Number.isInteger(at.line) && at.line >= 1, `${label}: line ${at.line}`);
  assert.ok(Number.isInteger(at.column) && at.column >= 1, `${label}: column ${at.column}`);
}

function checkValue(value: IacValue, depth: number): void {
  assert.ok(depth < 300, 'values nest within bounds');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') return assert.ok(Number.isFinite(value));
  if (isUnresolved(value)) {
    assert.equal(typeof value.reason, 'string');
    assert.ok(value.refs.every((r) => typeof r === 'string'));
    return;
  }
  if (Array.isArray(value)) return value.forEach((v) => checkValue(v, depth + 1));
  assert.equal(typeof value, 'object');
  for (const key of Object.keys(value)) checkValue(value[key] ?? null, depth + 1);
}

function checkResources(read: ConfigRead, source: 'cloudformation' | 'terraform-plan'): CloudResource[] {
  const resources = read.cloud?.format === 'resources' ? read.cloud.resources : [];
  if (read.fatal) assert.equal(read.cloud, undefined);
  for (const r of resources) {
    assert.equal(r.source, source);
    if (source === 'cloudformation') assert.equal(r.address, `${r.type}/${r.name}`);
    checkLocation(r.at, `${r.address} at`);
    for (const [key, at] of Object.entries(r.locations)) checkLocation(at, key);
    assert.ok(r.exists === true || isUnresolved(r.exists));
    checkValue(r.values, 0);
  }
  for (const p of read.problems) assertOneLine(p.message, 'problem');
  return resources;
}

function readTemplateText(text: string): ConfigRead {
  const read = timed('cloudformation', () => readCloudFormation({ path: 'stack.yaml', text }));
  assertReadShape(read, 'stack.yaml', text.split('\n').length, 'cloudformation');
  checkResources(read, 'cloudformation');
  return read;
}

function fakeDoc(data: unknown): StructuredDocument {
  return { path: 'plan.json', index: 0, data, locate: () => ({ path: 'plan.json', line: 1, column: 1 }) };
}

describe('CloudFormation: properties', () => {
  test('the written templates read with resources (the baseline of the mutations)', () => {
    for (const text of TEMPLATES) {
      const read = readTemplateText(text);
      assert.equal(read.fatal, false);
      assert.ok(checkResources(read, 'cloudformation').length > 0);
    }
  });

  test('claims never throw on arbitrary text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), anyText(2000), (path, text) => {
        assert.equal(typeof CLOUDFORMATION_ADAPTER.claims(path, text), 'boolean');
      }),
      runs(300),
    );
  });

  test('reads never throw on arbitrary text', () => {
    fc.assert(
      fc.property(anyText(2000), (text) => {
        readTemplateText(text);
        readTemplateText(`AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: ${text}\n`);
      }),
      runs(300),
    );
  });

  test('reads never throw on mutated real templates', () => {
    fc.assert(
      fc.property(mutatedText(TEMPLATES, 6), (text) => {
        readTemplateText(text);
      }),
      runs(300),
    );
  });
});

describe('Terraform plan: properties', () => {
  test('the written plan reads with resources (the baseline of the mutations)', () => {
    const doc = parseStructured('plan.json', PLAN).documents[0];
    assert.ok(doc && TERRAFORM_PLAN_ADAPTER.claims('plan.json', doc.data));
    const read = readTerraformPlan(doc);
    assert.deepEqual(checkResources(read, 'terraform-plan').map((r) => r.address), ['aws_cloudtrail.t', 'module.m.aws_s3_bucket.b[0]']);
  });

  test('claims and reads never throw on arbitrary and plan-shaped data', () => {
    const resource = fc.record({ address: fc.oneof(fc.string(), fc.constant('module.a["x"].aws_s3_bucket.b[0]')), mode: fc.constantFrom('managed', 'data', 7), type: fc.string(), name: fc.string(), values: jsonish(4) }, { requiredKeys: [] });
    const planShaped = fc.record(
      {
        format_version: fc.constant('1.2'),
        terraform_version: fc.constant('1.9.5'),
        planned_values: fc.oneof(jsonish(3), fc.record({ root_module: fc.record({ resources: fc.array(fc.oneof(resource, jsonish(2)), { maxLength: 4 }), child_modules: fc.array(jsonish(3), { maxLength: 2 }) }) })),
        resource_changes: fc.oneof(jsonish(3), fc.array(fc.record({ address: fc.string(), change: fc.record({ actions: jsonish(1), after: jsonish(3), after_unknown: jsonish(4) }) }), { maxLength: 4 })),
        configuration: jsonish(5),
        values: jsonish(3),
      },
      { requiredKeys: ['format_version', 'terraform_version'] },
    );
    fc.assert(
      fc.property(fc.oneof(jsonish(5), planShaped), (data) => {
        const doc = fakeDoc(data);
        if (!TERRAFORM_PLAN_ADAPTER.claims('plan.json', data)) return;
        const read = timed('terraform-plan', () => readTerraformPlan(doc));
        assert.equal(read.fatal, false);
        checkResources(read, 'terraform-plan');
      }),
      runs(300),
    );
  });

  test('reads never throw on mutated plans', () => {
    fc.assert(
      fc.property(mutatedText([PLAN], 6), (text) => {
        const parsed = parseStructured('plan.json', text);
        for (const doc of parsed.documents) {
          if (!TERRAFORM_PLAN_ADAPTER.claims('plan.json', doc.data)) continue;
          const read = timed('terraform-plan', () => readTerraformPlan(doc));
          checkResources(read, 'terraform-plan');
        }
      }),
      runs(300),
    );
  });
});
