/**
 * Terraform plan and state JSON (`terraform show -json`) → CloudResources: addresses as the plan
 * writes them (modules, count and for_each keys), values, nested blocks, `after_unknown` values
 * as `Unresolved('known after apply')` with the references of their expressions (qualified with
 * the module path, followed through module variables and outputs), and JSON positions.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TERRAFORM_PLAN_ADAPTER, readTerraformPlan } from '../../../src/adapters/terraform-plan.js';
import { parseStructured } from '../../../src/documents/yaml-document.js';
import type { StructuredDocument } from '../../../src/documents/yaml-document.js';
import { Unresolved } from '../../../src/model/cloud.js';
import type { CloudResource } from '../../../src/model/cloud.js';

function doc(text: string, path = 'plans/plan.json'): StructuredDocument {
  const parsed = parseStructured(path, text);
  assert.deepEqual(parsed.errors, []);
  const first = parsed.documents[0];
  assert.ok(first);
  return first;
}

function resources(text: string): CloudResource[] {
  const read = readTerraformPlan(doc(text));
  assert.equal(read.kind, 'terraform-plan');
  assert.equal(read.fatal, false);
  return read.cloud?.format === 'resources' ? read.cloud.resources : [];
}

const AFTER_APPLY = (refs: string[] = []): Unresolved => new Unresolved('known after apply', refs);

const PLAN = `{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "planned_values": {
    "root_module": {
      "resources": [
        {
          "address": "aws_cloudtrail.main",
          "mode": "managed",
          "type": "aws_cloudtrail",
          "name": "main",
          "values": {
            "enable_log_file_validation": true,
            "event_selector": [
              {
                "read_write_type": "All",
                "data_resource": [{ "type": "AWS::S3::Object", "values": ["arn:aws:s3"] }]
              }
            ],
            "name": "main"
          }
        },
        {
          "address": "data.aws_caller_identity.me",
          "mode": "data",
          "type": "aws_caller_identity",
          "name": "me",
          "values": { "account_id": "1" }
        }
      ],
      "child_modules": [
        {
          "address": "module.logs[0]",
          "resources": [
            {
              "address": "module.logs[0].aws_s3_bucket.this[0]",
              "mode": "managed",
              "type": "aws_s3_bucket",
              "name": "this",
              "index": 0,
              "values": { "force_destroy": false, "logging": [{ "target_prefix": "access/" }] }
            },
            {
              "address": "module.logs[0].aws_s3_bucket_object_lock_configuration.this[\\"a\\"]",
              "mode": "managed",
              "type": "aws_s3_bucket_object_lock_configuration",
              "name": "this",
              "index": "a",
              "values": { "rule": [{ "default_retention": [{ "days": 400, "mode": "COMPLIANCE" }] }] }
            }
          ]
        }
      ]
    }
  },
  "resource_changes": [
    {
      "address": "aws_cloudtrail.main",
      "mode": "managed",
      "type": "aws_cloudtrail",
      "name": "main",
      "change": {
        "actions": ["create"],
        "after_unknown": { "arn": true, "s3_bucket_name": true, "kms_key_id": true, "event_selector": [{ "data_resource": [{ "values": [false] }] }] }
      }
    },
    {
      "address": "module.logs[0].aws_s3_bucket.this[0]",
      "mode": "managed",
      "type": "aws_s3_bucket",
      "name": "this",
      "change": {
        "actions": ["create"],
        "after_unknown": { "bucket": true, "logging": [{ "target_bucket": true }] }
      }
    },
    {
      "address": "module.logs[0].aws_s3_bucket_object_lock_configuration.this[\\"a\\"]",
      "mode": "managed",
      "type": "aws_s3_bucket_object_lock_configuration",
      "name": "this",
      "change": { "actions": ["create"], "after_unknown": { "bucket": true } }
    }
  ],
  "configuration": {
    "root_module": {
      "resources": [
        {
          "address": "aws_cloudtrail.main",
          "mode": "managed",
          "type": "aws_cloudtrail",
          "name": "main",
          "expressions": {
            "s3_bucket_name": { "references": ["module.logs[0].bucket_id", "module.logs"] },
            "kms_key_id": { "references": ["var.kms_key_arn"] }
          }
        }
      ],
      "module_calls": {
        "logs": {
          "source": "./modules/logs",
          "expressions": { "access_bucket": { "references": ["aws_s3_bucket.access.id", "aws_s3_bucket.access"] } },
          "module": {
            "outputs": { "bucket_id": { "expression": { "references": ["aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]", "aws_s3_bucket.this"] } } },
            "resources": [
              {
                "address": "aws_s3_bucket.this",
                "mode": "managed",
                "type": "aws_s3_bucket",
                "name": "this",
                "expressions": { "logging": [{ "target_bucket": { "references": ["var.access_bucket"] } }] }
              },
              {
                "address": "aws_s3_bucket_object_lock_configuration.this",
                "mode": "managed",
                "type": "aws_s3_bucket_object_lock_configuration",
                "name": "this",
                "expressions": { "bucket": { "references": ["aws_s3_bucket.this[0].id", "aws_s3_bucket.this[0]", "aws_s3_bucket.this"] } }
              }
            ]
          }
        }
      }
    }
  }
}
`;

describe('Terraform plan: resources', () => {
  test('managed resources of the root and child modules, addresses as the plan writes them', () => {
    assert.deepEqual(
      resources(PLAN).map((r) => [r.address, r.type, r.name, r.source, r.stack, r.path, r.at.line, r.at.column, r.exists]),
      [
        ['aws_cloudtrail.main', 'aws_cloudtrail', 'main', 'terraform-plan', 'plans/plan.json', 'plans/plan.json', 7, 9, true],
        ['module.logs[0].aws_s3_bucket.this[0]', 'aws_s3_bucket', 'this', 'terraform-plan', 'plans/plan.json', 'plans/plan.json', 35, 13, true],
        ['module.logs[0].aws_s3_bucket_object_lock_configuration.this["a"]', 'aws_s3_bucket_object_lock_configuration', 'this', 'terraform-plan', 'plans/plan.json', 'plans/plan.json', 43, 13, true],
      ],
    );
  });

  test('values as planned, nested blocks as arrays; unknown values with their references', () => {
    const [trail, bucket, lock] = resources(PLAN);
    assert.deepEqual(trail?.values, {
      enable_log_file_validation: true,
      event_selector: [{ read_write_type: 'All', data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }],
      name: 'main',
      arn: AFTER_APPLY(),
      // module.logs[0].bucket_id → the module's output → aws_s3_bucket.this[0] in that module.
      s3_bucket_name: AFTER_APPLY(['module.logs[0].aws_s3_bucket.this[0]']),
      // A root module variable is not a resource.
      kms_key_id: AFTER_APPLY(),
    });
    assert.deepEqual(bucket?.values, {
      force_destroy: false,
      // var.access_bucket inside module.logs → the caller's argument → aws_s3_bucket.access in the root.
      logging: [{ target_prefix: 'access/', target_bucket: AFTER_APPLY(['aws_s3_bucket.access']) }],
      bucket: AFTER_APPLY(),
    });
    assert.deepEqual(lock?.values, {
      rule: [{ default_retention: [{ days: 400, mode: 'COMPLIANCE' }] }],
      // Qualified with the module instance; the instance reference wins over the bare one.
      bucket: AFTER_APPLY(['module.logs[0].aws_s3_bucket.this[0]']),
    });
  });

  test('locations: the line of each attribute, nested paths without indices', () => {
    const [trail, bucket, lock] = resources(PLAN);
    const line = (r: CloudResource | undefined, key: string): number | undefined => r?.locations[key]?.line;
    assert.equal(line(trail, 'enable_log_file_validation'), 13);
    assert.equal(line(trail, 'event_selector'), 14);
    assert.equal(line(trail, 'event_selector.read_write_type'), 16);
    assert.equal(line(trail, 'event_selector.data_resource.type'), 17);
    // Unknown values are not written in planned_values: they fall back to the resource.
    assert.equal(line(trail, 's3_bucket_name'), undefined);
    assert.equal(line(bucket, 'logging.target_prefix'), 41);
    assert.equal(line(lock, 'rule.default_retention.days'), 49);
    assert.equal(trail?.locations['enable_log_file_validation']?.path, 'plans/plan.json');
  });
});

describe('Terraform plan: other shapes', () => {
  test('a state (values.root_module) has no unknowns', () => {
    const state = `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{"resources":[
{"address":"aws_cloudwatch_log_group.trail","mode":"managed","type":"aws_cloudwatch_log_group","name":"trail","values":{"retention_in_days":365}}]}}}`;
    const [group] = resources(state);
    assert.deepEqual([group?.address, group?.values, group?.at.line, group?.locations['retention_in_days']?.line], ['aws_cloudwatch_log_group.trail', { retention_in_days: 365 }, 2, 2]);
  });

  test('a resource without planned values gets its unknowns (Terraform 0.13 leaves them out)', () => {
    const plan = `{"format_version":"0.1","terraform_version":"0.13.5",
"planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket_policy.p","mode":"managed","type":"aws_s3_bucket_policy","name":"p"}]}},
"resource_changes":[{"address":"aws_s3_bucket_policy.p","mode":"managed","type":"aws_s3_bucket_policy","name":"p","change":{"actions":["create"],"after":{},"after_unknown":{"bucket":true}}}],
"configuration":{"root_module":{"resources":[{"address":"aws_s3_bucket_policy.p","mode":"managed","type":"aws_s3_bucket_policy","name":"p","expressions":{"bucket":{"references":["aws_s3_bucket.b"]}}}]}}}`;
    assert.deepEqual(resources(plan)[0]?.values, { bucket: AFTER_APPLY(['aws_s3_bucket.b']) });
  });

  test('without planned_values, resources come from resource_changes (deletions left out)', () => {
    const plan = `{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[
{"address":"aws_flow_log.vpc","mode":"managed","type":"aws_flow_log","name":"vpc","change":{"actions":["update"],"after":{"traffic_type":"ALL"},"after_unknown":{}}},
{"address":"aws_flow_log.old","mode":"managed","type":"aws_flow_log","name":"old","change":{"actions":["delete"],"after":null,"after_unknown":{}}}]}`;
    assert.deepEqual(resources(plan).map((r) => [r.address, r.values, r.at.line, r.locations['traffic_type']?.line]), [['aws_flow_log.vpc', { traffic_type: 'ALL' }, 2, 2]]);
  });

  test('no resources to read is a problem, not fatal', () => {
    const read = readTerraformPlan(doc('{"format_version":"1.2","terraform_version":"1.9.5","configuration":{}}'));
    assert.equal(read.fatal, false);
    assert.equal(read.problems.length, 1);
  });

  test('__proto__ keys stay own values', () => {
    const plan = `{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[
{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","values":{"tags":{"__proto__":{"polluted":true}}}}]}},
"resource_changes":[{"address":"aws_s3_bucket.b","change":{"after_unknown":{"__proto__":true}}}]}`;
    const [bucket] = resources(plan);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.ok(bucket && Object.prototype.hasOwnProperty.call(bucket.values, '__proto__'));
  });
});

describe('Terraform plan: unset, unknown and sensitive values', () => {
  const PLAN_SENSITIVE = `{"format_version":"1.2","terraform_version":"1.9.5",
"planned_values":{"root_module":{"resources":[
{"address":"aws_cloudtrail.t","mode":"managed","type":"aws_cloudtrail","name":"t",
 "values":{"name":"t","kms_key_id":null,"s3_bucket_name":"hunter2-bucket","tags":{"owner":"hunter2-owner","team":"audit"},
   "event_selector":[{"read_write_type":"All","data_resource":[{"type":"AWS::S3::Object","values":["hunter2-arn"]}]}]},
 "sensitive_values":{"s3_bucket_name":true,"tags":{"owner":true},"event_selector":[{"data_resource":[{"values":[true]}]}]}},
{"address":"aws_db_instance.d","mode":"managed","type":"aws_db_instance","name":"d",
 "values":{"password":"hunter2-password","username":null,"port":5432},"sensitive_values":{}}]}},
"resource_changes":[
{"address":"aws_cloudtrail.t","change":{"actions":["create"],"after_unknown":{"arn":true},"after_sensitive":{"s3_bucket_name":true}}},
{"address":"aws_db_instance.d","change":{"actions":["create"],"after_unknown":{},"after_sensitive":true}}],
"configuration":{"root_module":{"resources":[{"address":"aws_cloudtrail.t","mode":"managed","type":"aws_cloudtrail","name":"t",
 "expressions":{"s3_bucket_name":{"references":["aws_s3_bucket.logs.id","aws_s3_bucket.logs"]}}}]}}}`;

  test('a value absent from planned_values and not in after_unknown is not set; one in after_unknown is unresolved', () => {
    const [trail] = resources(PLAN_SENSITIVE);
    assert.ok(trail);
    assert.equal(trail.values['kms_key_id'], null);
    // enable_log_file_validation is not written at all: not set (read as null by extractors).
    assert.equal(Object.prototype.hasOwnProperty.call(trail.values, 'enable_log_file_validation'), false);
    assert.deepEqual(trail.values['arn'], AFTER_APPLY());
  });

  test('sensitive values (sensitive_values, after_sensitive) are never read: Unresolved with the expression’s references', () => {
    const read = readTerraformPlan(doc(PLAN_SENSITIVE));
    const [trail, db] = read.cloud?.format === 'resources' ? read.cloud.resources : [];
    const hidden = (refs: string[] = []): Unresolved => new Unresolved('sensitive in the plan: not read', refs);
    assert.deepEqual(trail?.values['s3_bucket_name'], hidden(['aws_s3_bucket.logs']));
    assert.deepEqual(trail?.values['tags'], { owner: hidden(), team: 'audit' });
    assert.deepEqual(trail?.values['event_selector'], [{ read_write_type: 'All', data_resource: [{ type: 'AWS::S3::Object', values: [hidden()] }] }]);
    // after_sensitive true: the whole resource; a null stays null (it tells nothing).
    assert.deepEqual(db?.values, { password: hidden(), username: null, port: hidden() });
    // Locations still point at the line (a line number reveals nothing).
    assert.equal(trail?.locations['s3_bucket_name']?.line, 4);
    // Nowhere in the resources, reasons, problems or unknowns.
    assert.doesNotMatch(JSON.stringify(read), /hunter2/);
  });
});

describe('Terraform plan: claims', () => {
  test('plans and states are claimed; other JSON is not', () => {
    const claims = (data: unknown): boolean => TERRAFORM_PLAN_ADAPTER.claims('x.json', data);
    assert.equal(claims({ format_version: '1.2', terraform_version: '1.9.5', planned_values: {} }), true);
    assert.equal(claims({ format_version: '1.0', terraform_version: '1.9.5', values: {} }), true);
    assert.equal(claims({ format_version: '1.2', planned_values: {} }), false);
    assert.equal(claims({ name: 'x', version: '1.0.0', dependencies: {} }), false);
    assert.equal(claims({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }), false);
    assert.equal(claims([{ format_version: '1' }]), false);
    assert.equal(claims({ format_version: '1.0', terraform_version: '1.9.5' }), false);
  });
});
