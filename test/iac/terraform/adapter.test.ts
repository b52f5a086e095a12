/**
 * The Terraform adapters: which files they claim, the file roles, a syntax error as a fatal
 * problem at the parser's line and column, and a `.tf.json` file with its locations.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_HCL_ESCAPES, parseErrorOf, terraformRole } from '../../../src/adapters/terraform.js';
import { HCL, JSON_ADAPTER, readOne } from './support.js';

describe('terraform adapters', () => {
  test('claims .tf and .tfvars as text, .tf.json and .tfvars.json as documents, by name', () => {
    assert.ok(HCL.claims('infra/main.tf', ''));
    assert.ok(HCL.claims('infra/prod.tfvars', ''));
    assert.ok(!HCL.claims('infra/main.tf.json', ''));
    assert.ok(!HCL.claims('infra/main.tfstate', ''));
    assert.ok(!HCL.claims('infra/main.txt', 'resource "a" "b" {}'));
    assert.ok(JSON_ADAPTER.claims('infra/main.tf.json', {}));
    assert.ok(JSON_ADAPTER.claims('infra/terraform.tfvars.json', {}));
    assert.ok(!JSON_ADAPTER.claims('infra/plan.json', {}));
  });

  test('roles: config, vars Terraform loads by itself, other vars', () => {
    assert.equal(terraformRole('a/main.tf'), 'config');
    assert.equal(terraformRole('a/main.tf.json'), 'config');
    assert.equal(terraformRole('a/terraform.tfvars'), 'vars');
    assert.equal(terraformRole('a/terraform.tfvars.json'), 'vars');
    assert.equal(terraformRole('a/x.auto.tfvars'), 'vars');
    assert.equal(terraformRole('a/x.auto.tfvars.json'), 'vars');
    assert.equal(terraformRole('a/fixtures.us-east-2.tfvars'), 'other-vars');
  });

  test('a .tf file is handed on parsed, with locations', async () => {
    const read = await readOne('infra/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x-${var.y}"\n}\n');
    assert.equal(read.kind, 'terraform');
    assert.equal(read.fatal, false);
    assert.ok(read.cloud?.format === 'terraform-file');
    const file = read.cloud.file;
    assert.equal(file.role, 'config');
    assert.deepEqual(file.body, { resource: { aws_s3_bucket: { b: [{ bucket: 'x-${var.y}' }] } } });
    assert.deepEqual(file.locations['resource.aws_s3_bucket.b.bucket'], { path: 'infra/main.tf', line: 2, column: 3 });
  });

  test('a syntax error is a fatal problem at the parser line and column', async () => {
    const read = await readOne('bad.tf', 'resource "x" "y" {\n  a = \n}\n');
    assert.equal(read.fatal, true);
    assert.equal(read.cloud, undefined);
    assert.equal(read.problems.length, 1);
    assert.deepEqual(read.problems[0]?.at, { path: 'bad.tf', line: 2, column: 7 });
    assert.match(read.problems[0]?.message ?? '', /^HCL syntax error: Invalid expression; Expected the start of an expression/);
  });

  test('the parser message is read for line and column, else the first line', () => {
    assert.deepEqual(parseErrorOf('bad.tf', 'parse config: [bad.tf:2,7-3,1: Invalid expression; Expected the start.]'), {
      at: { path: 'bad.tf', line: 2, column: 7 },
      message: 'HCL syntax error: Invalid expression; Expected the start.',
    });
    assert.deepEqual(parseErrorOf('bad.tf', 'something else').at, { path: 'bad.tf', line: 1, column: 1 });
  });

  test('a file crowded with template escapes is refused before the parser, at the line where they pass the bound', async () => {
    const text = `locals {\n  ok = "100%% sure"\n  a = <<EOT\n${'%%\n'.repeat(MAX_HCL_ESCAPES + 5)}EOT\n}\n`;
    const read = await readOne('crowded.tf', text);
    assert.equal(read.fatal, true);
    assert.deepEqual(read.problems[0]?.at, { path: 'crowded.tf', line: 3 + MAX_HCL_ESCAPES, column: 1 });
    assert.match(read.problems[0]?.message ?? '', /template escapes/);
    // A few escapes, as real configs have, parse.
    assert.equal((await readOne('fine.tf', 'locals {\n  a = "100%% and $${literal}"\n}\n')).fatal, false);
  });

  test('too deep nesting is refused before the parser', async () => {
    const read = await readOne('deep.tf', `x = ${'['.repeat(300)}${']'.repeat(300)}\n`);
    assert.equal(read.fatal, true);
    assert.match(read.problems[0]?.message ?? '', /nested deeper than 200/);
  });

  test('a .tfvars file is read as vars, a .tf.json file as config with locations from the document', async () => {
    const vars = await readOne('env/terraform.tfvars', 'days = 400\n');
    assert.equal(vars.kind, 'terraform-vars');
    assert.ok(vars.cloud?.format === 'terraform-file');
    assert.equal(vars.cloud.file.role, 'vars');
    assert.deepEqual(vars.cloud.file.locations['days'], { path: 'env/terraform.tfvars', line: 1, column: 1 });
    const json = await readOne('env/main.tf.json', '{\n  "resource": {\n    "aws_s3_bucket": {\n      "b": {\n        "bucket": "x",\n        "rule": [{ "days": 3 }]\n      }\n    }\n  }\n}\n');
    assert.equal(json.kind, 'terraform');
    assert.ok(json.cloud?.format === 'terraform-file');
    assert.equal(json.cloud.file.locations['resource.aws_s3_bucket.b']?.line, 4);
    assert.equal(json.cloud.file.locations['resource.aws_s3_bucket.b.bucket']?.line, 5);
    assert.equal(json.cloud.file.locations['resource.aws_s3_bucket.b.rule.days']?.line, 6);
    const wrong = await readOne('env/x.tf.json', '[1, 2]');
    assert.equal(wrong.fatal, true);
  });
});
