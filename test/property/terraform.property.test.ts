/**
 * Properties of the Terraform front end: on arbitrary text, mutated real Terraform (the estates'
 * files and HCL written to exercise the evaluator) and arbitrary JSON bodies, the adapters and the
 * evaluator never throw, stay within the time bound, give problems with positive lines, and never
 * touch prototypes; the expression parser and the locator never throw on any string.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { ADAPTERS } from '../../src/adapters/terraform.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { AsyncTextAdapter } from '../../src/adapters/config-adapter.js';
import { parseStructured } from '../../src/documents/yaml-document.js';
import { evaluateTerraform } from '../../src/iac/terraform/evaluate.js';
import { parseExpression, parseTemplate } from '../../src/iac/terraform/expression.js';
import { locateHcl } from '../../src/iac/terraform/locate.js';
import type { TerraformFileData } from '../../src/model/cloud.js';
import { anyText, assertNoPollution, assertOneLine, fixtureTexts, jsonish, mutatedText, prototypeKeys, runs, timed, timedAsync } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const HCL = ADAPTERS.asyncText?.[0] as AsyncTextAdapter;

const WRITTEN = [
  'variable "n" {\n  default = 2\n}\nlocals {\n  m = { for i in range(var.n) : "k${i}" => i }\n}\n',
  'resource "aws_s3_bucket" "b" {\n  count = var.n\n  bucket = "x-${count.index}"\n  dynamic "rule" {\n    for_each = local.m\n    content {\n      id = rule.key\n    }\n  }\n}\n',
  'module "m" {\n  source = "./"\n  for_each = toset(["a"])\n}\noutput "o" {\n  value = aws_s3_bucket.b[*].bucket\n}\n',
  'resource "x" "y" {\n  a = <<-EOT\n    ${jsonencode({ a = [1, 2] })}\n    %{ if true }yes%{ endif }\n  EOT\n  b = try(local.nope, can(var.n) ? 1 : 0)\n}\n',
];

function samples(): string[] {
  return [...fixtureTexts(/infra\/terraform\/.*\.tf$/), ...WRITTEN];
}

function checkEvaluation(files: TerraformFileData[]): void {
  const ev = timed('evaluate', () => evaluateTerraform(files));
  for (const r of ev.resources) {
    assert.equal(typeof r.address, 'string');
    assert.ok(r.at.line >= 1 && r.at.column >= 1);
    assert.ok(r.exists === true || typeof r.exists.reason === 'string');
  }
  for (const p of ev.problems) assert.ok(p.at.line >= 1);
  for (const u of ev.unknowns) assertOneLine(u.reason.replace(/\n/g, ' '), 'unknown reason');
}

describe('terraform properties', () => {
  test('the expression parser and the locator never throw on any string', () => {
    fc.assert(
      fc.property(anyText(400), (text) => {
        parseTemplate(text);
        parseExpression(text);
        const located = locateHcl('x.tf', text);
        for (const loc of Object.values(located.locations)) assert.ok(loc.line >= 1 && loc.column >= 1);
      }),
      runs(400),
    );
  });

  test('the HCL adapter and the evaluator never throw on arbitrary or mutated Terraform', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText(400), mutatedText(samples())), async (text) => {
        const read = await timedAsync('read', () => HCL.read({ path: 'infra/main.tf', text }, NO_INCLUDES));
        assert.equal(typeof read.fatal, 'boolean');
        for (const p of read.problems) {
          assert.ok(p.at.line >= 1 && p.at.column >= 1);
          assertOneLine(p.message, 'problem');
        }
        if (read.fatal) assert.ok(read.problems.length > 0);
        if (read.cloud?.format === 'terraform-file') checkEvaluation([read.cloud.file]);
      }),
      runs(150),
    );
  });

  test('the JSON adapter and the evaluator never throw on arbitrary bodies', () => {
    const json = ADAPTERS.documents[0];
    assert.ok(json);
    fc.assert(
      fc.property(jsonish(5), (data) => {
        const text = JSON.stringify({ resource: { t: { n: data } }, locals: data, variable: { v: { default: data } }, module: { m: { source: './', x: data } } });
        const doc = parseStructured('main.tf.json', text).documents[0];
        if (!doc) return;
        const read = json.read(doc, NO_INCLUDES);
        if (read.cloud?.format === 'terraform-file') checkEvaluation([read.cloud.file, { path: 'terraform.tfvars.json', role: 'vars', body: data, locations: {} }]);
      }),
      runs(200),
    );
  });
});
