/**
 * The HCL locator: block headers and attribute names by nesting path, on input written to trip a
 * careless scanner (comments that look like blocks, braces and `=` inside strings, nested
 * interpolations, heredocs, one-line blocks, dynamic blocks).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { locateHcl } from '../../../src/iac/terraform/locate.js';

function at(text: string, key: string): string | undefined {
  const loc = locateHcl('x.tf', text).locations[key];
  return loc ? `${loc.line}:${loc.column}` : undefined;
}

const TRICKY = [
  '# resource "fake" "one" {',
  '// attr = 1',
  '/* resource "fake" "two" {',
  '   still = "comment" } */',
  'resource "aws_s3_bucket" "logs" {',
  '  bucket = "a { b } = c \\" # not a comment"',
  '  policy = <<-EOT',
  '    { "inside": "heredoc", x = 1 }',
  '    resource "fake" "three" {',
  '  EOT',
  '  tags = {',
  '    Name = "x-${lookup({ a = "}" }, "a", "")}"',
  '  }',
  '  rule { expiration { days = 90 } }',
  '  rule {',
  '    id = "second"',
  '  }',
  '  dynamic "transition" {',
  '    for_each = var.t',
  '    content {',
  '      days = transition.value',
  '    }',
  '  }',
  '}',
  'variable "x" {',
  '  default = [',
  '    "a",',
  '  ]',
  '}',
  'locals {',
  '  y = 1 # trailing',
  '  z = (',
  '    2',
  '  )',
  '}',
  'module "m" {',
  '  source = "./mod"',
  '  bucket = aws_s3_bucket.logs.id',
  '}',
].join('\n');

describe('terraform locator', () => {
  test('block headers and attributes by nesting path, skipping comments, strings, heredocs and brackets', () => {
    const found = locateHcl('x.tf', TRICKY).locations;
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs'), '5:1');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.bucket'), '6:3');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.policy'), '7:3');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.tags'), '11:3');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.rule'), '14:3');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.rule.expiration'), '14:10');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.rule.expiration.days'), '14:23');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.rule.id'), '16:5');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.transition'), '18:3');
    assert.equal(at(TRICKY, 'resource.aws_s3_bucket.logs.transition.days'), '21:7');
    assert.equal(at(TRICKY, 'variable.x'), '25:1');
    assert.equal(at(TRICKY, 'variable.x.default'), '26:3');
    assert.equal(at(TRICKY, 'locals.y'), '31:3');
    assert.equal(at(TRICKY, 'locals.z'), '32:3');
    assert.equal(at(TRICKY, 'module.m'), '36:1');
    assert.equal(at(TRICKY, 'module.m.bucket'), '38:3');
    // Nothing from comments, strings, heredocs or object values.
    for (const key of Object.keys(found)) assert.doesNotMatch(key, /fake|still|inside|Name|attr/, key);
  });

  test('tfvars attributes are keyed by name; nesting depth is measured', () => {
    const text = 'retention = 400\nnames = ["a", {b = [1]}]\n';
    assert.equal(at(text, 'retention'), '1:1');
    assert.equal(at(text, 'names'), '2:1');
    // The file body counts as one level.
    assert.equal(locateHcl('x.tfvars', text).maxDepth, 4);
    assert.ok(locateHcl('deep.tf', `x = ${'['.repeat(300)}`).maxDepth >= 300);
  });

  test('broken input is located as far as it goes and never throws', () => {
    for (const text of ['resource "a" "b" {\n  x = "unterminated\n  y = 1\n', '}}}\n= = =\n"', '<<EOF\n', 'a = <<EOF\nno end', 'x = "${"${"${', '/* open']) {
      const out = locateHcl('b.tf', text);
      assert.equal(typeof out.maxDepth, 'number');
    }
    assert.equal(at('resource "a" "b" {\n  x = "unterminated\n  y = 1\n', 'resource.a.b.y'), '3:3');
  });
});
