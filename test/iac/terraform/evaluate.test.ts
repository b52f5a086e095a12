/**
 * The Terraform evaluator: variables (defaults, auto-loaded tfvars in Terraform's order, other
 * tfvars never applied), locals, references (written values, computed attributes keeping the
 * link, data sources), count / for_each, dynamic blocks, local and remote modules, expressions
 * and functions, and what stays unknown with which reason.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateTerraform } from '../../../src/iac/terraform/evaluate.js';
import { Unresolved } from '../../../src/model/cloud.js';
import type { IacValue } from '../../../src/model/cloud.js';
import { addresses, assertUnresolved, byAddress, evaluate } from './support.js';

describe('terraform evaluator: variables and locals', () => {
  test('defaults, terraform.tfvars then *.auto.tfvars alphabetically (later wins), other tfvars never applied', async () => {
    const ev = await evaluate({
      'env/variables.tf': 'variable "days" {\n  default = 30\n}\nvariable "name" {}\nvariable "kms" {}\nvariable "mode" {\n  default = "a"\n}\n',
      'env/main.tf': 'resource "aws_cloudwatch_log_group" "g" {\n  name              = var.name\n  retention_in_days = var.days\n  kms_key_id        = var.kms\n  tags = { mode = var.mode }\n}\n',
      'env/terraform.tfvars': 'name = "from-tfvars"\ndays = 90\n',
      'env/b.auto.tfvars': 'days = 400\n',
      'env/a.auto.tfvars': 'days = 180\nmode = "auto"\n',
      'env/prod.tfvars': 'kms = "never-applied"\n',
    });
    const g = byAddress(ev, 'aws_cloudwatch_log_group.g');
    assert.equal(g.stack, 'env');
    assert.equal(g.path, 'env/main.tf');
    assert.equal(g.values['name'], 'from-tfvars');
    assert.equal(g.values['retention_in_days'], 400);
    assert.deepEqual(g.values['tags'], { mode: 'auto' });
    assertUnresolved(g.values['kms_key_id'], 'var.kms has no value (no default, no terraform.tfvars)');
    assert.deepEqual(
      ev.unknowns.map((u) => [u.construct, u.at.line]),
      [['var.kms', 5]],
    );
  });

  test('locals refer to each other, to variables and to path.module; a cycle is unknown', async () => {
    const ev = await evaluate({
      'm/main.tf': [
        'variable "env" {\n  default = "prod"\n}',
        'locals {\n  prefix = "audit-${var.env}"\n  bucket = "${local.prefix}-logs"\n  here = path.module\n  a = local.b\n  b = local.a\n}',
        'resource "aws_s3_bucket" "b" {\n  bucket = local.bucket\n  tags = { dir = local.here }\n  x = local.a\n}',
      ].join('\n'),
    });
    const b = byAddress(ev, 'aws_s3_bucket.b');
    assert.equal(b.values['bucket'], 'audit-prod-logs');
    assert.deepEqual(b.values['tags'], { dir: 'm' });
    assertUnresolved(b.values['x'], /refers to itself/);
  });

  test('terraform.workspace, path.cwd, unknown functions and undeclared names are unknown with the reason', async () => {
    const ev = await evaluate({
      'main.tf': [
        'resource "aws_s3_bucket" "b" {',
        '  a = terraform.workspace',
        '  b = file("policy.json")',
        '  c = nosuchfn(1)',
        '  d = local.missing',
        '  e = "${terraform.workspace}-logs"',
        '}',
      ].join('\n'),
    });
    const b = byAddress(ev, 'aws_s3_bucket.b');
    assert.equal(b.stack, '.');
    assertUnresolved(b.values['a'], 'terraform.workspace is chosen when Terraform runs');
    assertUnresolved(b.values['b'], 'function file() is not evaluated statically');
    assertUnresolved(b.values['c'], 'unknown function nosuchfn()');
    assertUnresolved(b.values['d'], 'local.missing is not declared in the scanned files');
    assertUnresolved(b.values['e'], 'terraform.workspace is chosen when Terraform runs');
  });
});

describe('terraform evaluator: references', () => {
  test('computed attributes keep the link, written ones give their value, data sources are unknown without refs', async () => {
    const ev = await evaluate({
      'main.tf': [
        'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}',
        'data "aws_caller_identity" "me" {}',
        'resource "aws_cloudtrail" "t" {',
        '  s3_bucket_name = aws_s3_bucket.logs.id',
        '  name2          = aws_s3_bucket.logs.bucket',
        '  cw             = "${aws_cloudwatch_log_group.g.arn}:*"',
        '  account        = data.aws_caller_identity.me.account_id',
        '}',
        'resource "aws_cloudwatch_log_group" "g" {\n  retention_in_days = 400\n}',
      ].join('\n'),
    });
    const t = byAddress(ev, 'aws_cloudtrail.t');
    assertUnresolved(t.values['s3_bucket_name'], 'computed: aws_s3_bucket.logs.id', ['aws_s3_bucket.logs']);
    assert.equal(t.values['name2'], 'acme-logs');
    assertUnresolved(t.values['cw'], 'computed: aws_cloudwatch_log_group.g.arn', ['aws_cloudwatch_log_group.g']);
    assertUnresolved(t.values['account'], 'data source data.aws_caller_identity.me');
    assert.deepEqual(addresses(ev), ['aws_cloudtrail.t', 'aws_cloudwatch_log_group.g', 'aws_s3_bucket.logs']);
  });

  test('a written attribute that is itself unknown keeps its reason and gains the resource as a ref', async () => {
    const ev = await evaluate({
      'main.tf': 'variable "n" {}\nresource "aws_s3_bucket" "a" {\n  bucket = var.n\n}\nresource "aws_s3_bucket_logging" "l" {\n  bucket = aws_s3_bucket.a.bucket\n}\n',
    });
    assertUnresolved(byAddress(ev, 'aws_s3_bucket_logging.l').values['bucket'], 'var.n has no value (no default, no terraform.tfvars)', ['aws_s3_bucket.a']);
  });
});

describe('terraform evaluator: count and for_each', () => {
  test('static count gives one resource per instance, count = 0 none, unknown count one resource whose existence is unknown', async () => {
    const ev = await evaluate({
      'main.tf': [
        'variable "on" {\n  default = true\n}\nvariable "unknown" {}',
        'resource "aws_s3_bucket" "two" {\n  count  = 2\n  bucket = "b-${count.index}"\n}',
        'resource "aws_s3_bucket" "none" {\n  count = var.on ? 0 : 1\n}',
        'resource "aws_s3_bucket" "maybe" {\n  count = var.unknown ? 1 : 0\n}',
        'resource "aws_s3_bucket_versioning" "v" {\n  bucket = aws_s3_bucket.two[1].id\n  all = aws_s3_bucket.two[*].bucket\n}',
      ].join('\n'),
    });
    assert.deepEqual(addresses(ev), ['aws_s3_bucket.maybe', 'aws_s3_bucket.two[0]', 'aws_s3_bucket.two[1]', 'aws_s3_bucket_versioning.v']);
    assert.equal(byAddress(ev, 'aws_s3_bucket.two[1]').values['bucket'], 'b-1');
    assert.equal(byAddress(ev, 'aws_s3_bucket.two[0]').exists, true);
    assertUnresolved(byAddress(ev, 'aws_s3_bucket.maybe').exists, 'var.unknown has no value (no default, no terraform.tfvars)');
    const v = byAddress(ev, 'aws_s3_bucket_versioning.v');
    assertUnresolved(v.values['bucket'], 'computed: aws_s3_bucket.two[1].id', ['aws_s3_bucket.two[1]']);
    assert.deepEqual(v.values['all'], ['b-0', 'b-1']);
  });

  test('for_each over a map and a set gives keyed instances with each.key / each.value', async () => {
    const ev = await evaluate({
      'main.tf': [
        'locals {\n  groups = { app = 30, audit = 400 }\n}',
        'resource "aws_cloudwatch_log_group" "g" {\n  for_each          = local.groups\n  name              = "/x/${each.key}"\n  retention_in_days = each.value\n}',
        'resource "aws_flow_log" "f" {\n  for_each = toset(["vpc-b", "vpc-a"])\n  vpc_id   = each.value\n  log_destination = aws_cloudwatch_log_group.g["audit"].arn\n}',
      ].join('\n'),
    });
    assert.deepEqual(addresses(ev), ['aws_cloudwatch_log_group.g["app"]', 'aws_cloudwatch_log_group.g["audit"]', 'aws_flow_log.f["vpc-a"]', 'aws_flow_log.f["vpc-b"]']);
    assert.equal(byAddress(ev, 'aws_cloudwatch_log_group.g["audit"]').values['retention_in_days'], 400);
    assert.equal(byAddress(ev, 'aws_cloudwatch_log_group.g["app"]').values['name'], '/x/app');
    const f = byAddress(ev, 'aws_flow_log.f["vpc-b"]');
    assert.equal(f.values['vpc_id'], 'vpc-b');
    assertUnresolved(f.values['log_destination'], 'computed: aws_cloudwatch_log_group.g["audit"].arn', ['aws_cloudwatch_log_group.g["audit"]']);
  });

  test('for_each that cannot be known gives one resource whose existence is unknown', async () => {
    const ev = await evaluate({
      'main.tf': 'data "aws_vpcs" "all" {}\nresource "aws_flow_log" "f" {\n  for_each = toset(data.aws_vpcs.all.ids)\n  vpc_id = each.value\n}\n',
    });
    const f = byAddress(ev, 'aws_flow_log.f');
    assertUnresolved(f.exists, 'data source data.aws_vpcs.all');
    assertUnresolved(f.values['vpc_id'], 'each outside a resource with for_each');
  });
});

describe('terraform evaluator: dynamic blocks', () => {
  test('a static for_each expands into nested blocks (after the static ones); an unknown one makes the block unknown', async () => {
    const ev = await evaluate({
      'main.tf': [
        'variable "selectors" {\n  default = [{ rw = "All", types = ["AWS::S3::Object"] }, { rw = "WriteOnly", types = [] }]\n}',
        'variable "later" {}',
        'resource "aws_cloudtrail" "t" {',
        '  event_selector {\n    read_write_type = "ReadOnly"\n  }',
        '  dynamic "event_selector" {',
        '    for_each = var.selectors',
        '    iterator = sel',
        '    content {',
        '      read_write_type = sel.value.rw',
        '      dynamic "data_resource" {',
        '        for_each = sel.value.types',
        '        content {\n          type = data_resource.value\n        }',
        '      }',
        '    }',
        '  }',
        '  dynamic "insight_selector" {\n    for_each = var.later\n    content {\n      insight_type = insight_selector.value\n    }\n  }',
        '}',
      ].join('\n'),
    });
    const t = byAddress(ev, 'aws_cloudtrail.t');
    assert.deepEqual(t.values['event_selector'], [{ read_write_type: 'ReadOnly' }, { read_write_type: 'All', data_resource: [{ type: 'AWS::S3::Object' }] }, { read_write_type: 'WriteOnly' }]);
    assertUnresolved(t.values['insight_selector'], 'dynamic "insight_selector" blocks: var.later has no value (no default, no terraform.tfvars)');
    // The first occurrence: the static block's attribute, then the dynamic content's.
    assert.equal(t.locations['event_selector.read_write_type']?.line, 7);
    assert.equal(t.locations['event_selector.data_resource.type']?.line, 17);
    assert.equal(t.locations['insight_selector']?.line, 22);
  });
});

describe('terraform evaluator: modules', () => {
  const module = {
    'modules/trail/variables.tf': 'variable "bucket" {}\nvariable "days" {\n  default = 90\n}\n',
    'modules/trail/main.tf': [
      'resource "aws_cloudwatch_log_group" "g" {\n  retention_in_days = var.days\n}',
      'resource "aws_cloudtrail" "t" {\n  s3_bucket_name = var.bucket\n  cloud_watch_logs_group_arn = aws_cloudwatch_log_group.g.arn\n}',
      'output "group_arn" {\n  value = aws_cloudwatch_log_group.g.arn\n}',
      'output "days" {\n  value = var.days\n}',
    ].join('\n'),
  };

  test('a local module is evaluated as an instance of its caller, not as a root; its outputs resolve', async () => {
    const ev = await evaluate({
      ...module,
      'live/main.tf': [
        'resource "aws_s3_bucket" "logs" {\n  bucket = "acme"\n}',
        'module "trail" {\n  source = "../modules/trail"\n  bucket = aws_s3_bucket.logs.id\n  days   = 400\n}',
        'resource "aws_sns_topic" "x" {\n  name = module.trail.days\n  arn = module.trail.group_arn\n}',
      ].join('\n'),
    });
    assert.deepEqual(addresses(ev), ['aws_s3_bucket.logs', 'aws_sns_topic.x', 'module.trail.aws_cloudtrail.t', 'module.trail.aws_cloudwatch_log_group.g']);
    const t = byAddress(ev, 'module.trail.aws_cloudtrail.t');
    assert.equal(t.stack, 'live');
    assert.equal(t.path, 'modules/trail/main.tf');
    assert.equal(t.at.line, 4);
    assertUnresolved(t.values['s3_bucket_name'], 'computed: aws_s3_bucket.logs.id', ['aws_s3_bucket.logs']);
    assertUnresolved(t.values['cloud_watch_logs_group_arn'], 'computed: module.trail.aws_cloudwatch_log_group.g.arn', ['module.trail.aws_cloudwatch_log_group.g']);
    assert.equal(byAddress(ev, 'module.trail.aws_cloudwatch_log_group.g').values['retention_in_days'], 400);
    const x = byAddress(ev, 'aws_sns_topic.x');
    assert.equal(x.values['name'], 400);
    assertUnresolved(x.values['arn'], 'computed: module.trail.aws_cloudwatch_log_group.g.arn', ['module.trail.aws_cloudwatch_log_group.g']);
  });

  test('module count and for_each give one instance each; an unknown count makes existence unknown', async () => {
    const ev = await evaluate({
      ...module,
      'live/main.tf': [
        'variable "enabled" {}',
        'module "each" {\n  source   = "../modules/trail"\n  for_each = { a = 30, b = 60 }\n  bucket   = "bucket-${each.key}"\n  days     = each.value\n}',
        'module "maybe" {\n  source = "../modules/trail"\n  count  = var.enabled ? 1 : 0\n  bucket = "x"\n}',
      ].join('\n'),
    });
    assert.deepEqual(addresses(ev), [
      'module.each["a"].aws_cloudtrail.t',
      'module.each["a"].aws_cloudwatch_log_group.g',
      'module.each["b"].aws_cloudtrail.t',
      'module.each["b"].aws_cloudwatch_log_group.g',
      'module.maybe.aws_cloudtrail.t',
      'module.maybe.aws_cloudwatch_log_group.g',
    ]);
    assert.equal(byAddress(ev, 'module.each["b"].aws_cloudwatch_log_group.g').values['retention_in_days'], 60);
    assert.equal(byAddress(ev, 'module.each["a"].aws_cloudtrail.t').values['s3_bucket_name'], 'bucket-a');
    assertUnresolved(byAddress(ev, 'module.maybe.aws_cloudtrail.t').exists, 'var.enabled has no value (no default, no terraform.tfvars)');
    assert.equal(byAddress(ev, 'module.maybe.aws_cloudwatch_log_group.g').values['retention_in_days'], 90);
  });

  test('a remote module, or a local one not in the scan, is an unknown; its outputs are unknown with that reason', async () => {
    const ev = await evaluate({
      'main.tf': [
        'module "bucket" {\n  source  = "cloudposse/cloudtrail-s3-bucket/aws"\n  version = "0.26.4"\n}',
        'module "missing" {\n  source = "./not-here"\n}',
        'resource "aws_cloudtrail" "t" {\n  s3_bucket_name = module.bucket.bucket_id\n  kms_key_id = module.missing.key\n}',
      ].join('\n'),
    });
    const t = byAddress(ev, 'aws_cloudtrail.t');
    assertUnresolved(t.values['s3_bucket_name'], 'module.bucket is a remote module (cloudposse/cloudtrail-s3-bucket/aws): its resources and outputs are not known');
    assertUnresolved(t.values['kms_key_id'], 'module.missing calls a local module that is not in the scan (./not-here)');
    assert.deepEqual(
      ev.unknowns.map((u) => [u.construct, u.at.line]),
      [
        ['module.bucket', 1],
        ['module.missing', 5],
      ],
    );
  });

  test('a module that calls itself is not expanded forever', async () => {
    const ev = await evaluate({ 'a/main.tf': 'module "me" {\n  source = "./"\n}\nresource "aws_s3_bucket" "b" {}\n' });
    assert.deepEqual(addresses(ev), ['aws_s3_bucket.b']);
    assert.match(ev.unknowns[0]?.reason ?? '', /calls a module that calls itself/);
  });
});

describe('terraform evaluator: expressions and functions', () => {
  test('operators, conditionals, for expressions, splats, templates with directives, and pure functions', async () => {
    const ev = await evaluate({
      'main.tf': [
        'locals {',
        '  list = ["b", "a", "b"]',
        '  m    = { x = 1, y = 2 }',
        '}',
        'resource "test" "t" {',
        '  arith   = 2 * 3 + 10 / 4 - 1 % 1',
        '  cmp     = 3 >= 3 && !(1 > 2) || false',
        '  cond    = length(local.list) > 2 ? "many" : "few"',
        '  fl      = [for s in local.list : upper(s) if s != "a"]',
        '  fo      = { for k, v in local.m : k => v * 10 }',
        '  splat   = [{ n = 1 }, { n = 2 }][*].n',
        '  tpl     = "%{ for s in local.list }${s};%{ endfor }%{ if true }!%{ else }?%{ endif }"',
        '  js      = jsonencode({ a = [1, true, null], b = "x" })',
        '  fmt     = format("%s-%03d-%v", "a", 7, true)',
        '  joined  = join(",", distinct(local.list))',
        '  split   = split("/", "a/b/c")',
        '  merged  = merge(local.m, { z = 3 })',
        '  lk      = lookup(local.m, "q", 0)',
        '  tried   = try(local.m.q, "fallback")',
        '  can     = can(local.m.x)',
        '  co      = coalesce("", null, "c")',
        '  flat    = flatten([[1], [2, [3]]])',
        '  keys    = keys(local.m)',
        '  zip     = zipmap(["k"], ["v"])',
        '  num     = tonumber("400") + max(1, 5) + min(2, 3)',
        '  txt     = trimsuffix(trimprefix(replace("arn:x:y", ":", "/"), "arn/"), "/y")',
        '  el      = element(local.list, 4)',
        '  contains = contains(local.list, "a")',
        '  compact = compact(["a", "", null, "b"])',
        '  concat  = concat([1], [2])',
        '  one     = one([])',
        '  heredoc = <<-EOT',
        '    hello ${local.list[1]}',
        '    $${literal}',
        '  EOT',
        '}',
      ].join('\n'),
    });
    const v = byAddress(ev, 'test.t').values;
    assert.equal(v['arith'], 8.5);
    assert.equal(v['cmp'], true);
    assert.equal(v['cond'], 'many');
    assert.deepEqual(v['fl'], ['B', 'B']);
    assert.deepEqual(v['fo'], { x: 10, y: 20 });
    assert.deepEqual(v['splat'], [1, 2]);
    assert.equal(v['tpl'], 'b;a;b;!');
    assert.equal(v['js'], '{"a":[1,true,null],"b":"x"}');
    assert.equal(v['fmt'], 'a-007-true');
    assert.equal(v['joined'], 'b,a');
    assert.deepEqual(v['split'], ['a', 'b', 'c']);
    assert.deepEqual(v['merged'], { x: 1, y: 2, z: 3 });
    assert.equal(v['lk'], 0);
    assert.equal(v['tried'], 'fallback');
    assert.equal(v['can'], true);
    assert.equal(v['co'], 'c');
    assert.deepEqual(v['flat'], [1, 2, 3]);
    assert.deepEqual(v['keys'], ['x', 'y']);
    assert.deepEqual(v['zip'], { k: 'v' });
    assert.equal(v['num'], 407);
    assert.equal(v['txt'], 'x');
    assert.equal(v['el'], 'a');
    assert.equal(v['contains'], true);
    assert.deepEqual(v['compact'], ['a', 'b']);
    assert.deepEqual(v['concat'], [1, 2]);
    assert.equal(v['one'], null);
    assert.equal(v['heredoc'], 'hello a\n${literal}\n');
  });

  test('unknowns propagate through operators, templates and functions with their refs; a known side can decide && and ||', async () => {
    const ev = await evaluate({
      'main.tf': [
        'variable "x" {}',
        'resource "aws_s3_bucket" "b" {}',
        'resource "test" "t" {',
        '  sum  = var.x + 1',
        '  tpl  = "arn:aws:s3:::${aws_s3_bucket.b.id}/*"',
        '  fn   = upper(aws_s3_bucket.b.id)',
        '  and  = false && var.x',
        '  or   = var.x || true',
        '  cond = var.x ? "a" : "b"',
        '  len  = length([var.x, 2])',
        '}',
      ].join('\n'),
    });
    const v = byAddress(ev, 'test.t').values;
    const reason = 'var.x has no value (no default, no terraform.tfvars)';
    assertUnresolved(v['sum'], reason);
    assertUnresolved(v['tpl'], 'computed: aws_s3_bucket.b.id', ['aws_s3_bucket.b']);
    assertUnresolved(v['fn'], 'computed: aws_s3_bucket.b.id', ['aws_s3_bucket.b']);
    assert.equal(v['and'], false);
    assert.equal(v['or'], true);
    assertUnresolved(v['cond'], reason);
    assert.equal(v['len'], 2);
  });

  test('work is bounded: a huge range is refused, deep nesting is refused, nothing throws', async () => {
    const deep = `${'['.repeat(150)}1${']'.repeat(150)}`;
    const ev = await evaluate({
      'main.tf': `resource "test" "t" {\n  r = range(100000000)\n  d = ${deep}\n}\n`,
    });
    const v = byAddress(ev, 'test.t').values;
    assertUnresolved(v['r'], 'range too long');
    assert.match(JSON.stringify(v['d']), /nested too deep/);
  });
});

describe('terraform evaluator: .tf.json and robustness', () => {
  test('a .tf.json module is evaluated like HCL: templates in strings, literal defaults, blocks as objects or lists', async () => {
    const ev = await evaluate({
      'j/main.tf.json': JSON.stringify(
        {
          variable: { days: { default: 400 }, lit: { default: '${not.a.template}' } },
          locals: { name: 'trail-${var.days}' },
          resource: {
            aws_cloudwatch_log_group: { g: { retention_in_days: '${var.days}', name: '${local.name}', tag: '${var.lit}' } },
            aws_cloudtrail: { t: [{ cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.g.arn}', event_selector: [{ read_write_type: 'All' }] }] },
          },
        },
        null,
        2,
      ),
      'j/terraform.tfvars.json': JSON.stringify({ days: 365 }),
    });
    const g = byAddress(ev, 'aws_cloudwatch_log_group.g');
    assert.equal(g.values['retention_in_days'], 365);
    assert.equal(g.values['name'], 'trail-365');
    assert.equal(g.values['tag'], '${not.a.template}');
    assert.equal(g.at.line, 15);
    assert.equal(g.locations['retention_in_days']?.line, 16);
    const t = byAddress(ev, 'aws_cloudtrail.t');
    assertUnresolved(t.values['cloud_watch_logs_group_arn'], 'computed: aws_cloudwatch_log_group.g.arn', ['aws_cloudwatch_log_group.g']);
    assert.deepEqual(t.values['event_selector'], [{ read_write_type: 'All' }]);
  });

  test('hostile bodies never throw and never touch prototypes', () => {
    const hostile = JSON.parse('{"resource":{"__proto__":{"x":{"polluted":"${1}"}},"t":{"__proto__":[{"__proto__":"${{\\"__proto__\\"=1}}","constructor":"x"}]}},"locals":[{"__proto__":"${local.__proto__}"}]}') as unknown;
    const ev = evaluateTerraform([
      { path: 'h.tf.json', role: 'config', body: hostile, locations: {} },
      { path: 'n.tf.json', role: 'config', body: null, locations: {} },
      { path: 'a.tf.json', role: 'config', body: [1, 2], locations: {} },
    ]);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.ok(ev.resources.every((r) => typeof r.address === 'string'));
    const t = ev.resources.find((r) => r.address === 't.__proto__');
    assert.ok(t);
    assert.ok(Object.prototype.hasOwnProperty.call(t.values, '__proto__'));
    assert.ok(!(new Unresolved('x') instanceof Array));
  });
});

describe('terraform evaluator: review fixes', () => {
  test('a value sharing its parts (2^40 nodes in 40 lines) is unknown as too large; the rest of the resource is known', async () => {
    const locals = ['  a0 = "x"'];
    for (let i = 1; i < 40; i += 1) locals.push(`  a${i} = [local.a${i - 1}, local.a${i - 1}]`);
    const ev = await evaluate({
      'main.tf': `locals {\n${locals.join('\n')}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "kept"\n  tags = { t = local.a39 }\n  small = local.a3\n  n = length(local.a39)\n}\nresource "aws_s3_bucket" "c" {\n  bucket = "after"\n}\n`,
    });
    const b = byAddress(ev, 'aws_s3_bucket.b');
    assert.equal(b.values['bucket'], 'kept');
    assertUnresolved(b.values['tags'], 'value too large to evaluate');
    assert.deepEqual(b.values['small'], [[['x', 'x'], ['x', 'x']], [['x', 'x'], ['x', 'x']]]);
    assertUnresolved(b.values['n'], 'value too large to evaluate');
    assert.equal(byAddress(ev, 'aws_s3_bucket.c').values['bucket'], 'after');
  });

  test('a shared value passed to a typed module variable is unknown as too large, not copied', async () => {
    const locals = ['  a0 = "x"'];
    for (let i = 1; i < 40; i += 1) locals.push(`  a${i} = [local.a${i - 1}, local.a${i - 1}]`);
    const type = `${'list('.repeat(30)}any${')'.repeat(30)}`;
    const ev = await evaluate({
      'm/main.tf': `variable "v" {\n  type = ${type}\n}\nresource "aws_s3_bucket" "b" {\n  tags = { t = var.v }\n}\n`,
      'main.tf': `locals {\n${locals.join('\n')}\n}\nmodule "m" {\n  source = "./m"\n  v = local.a39\n}\n`,
    });
    assertUnresolved((byAddress(ev, 'module.m.aws_s3_bucket.b').values['tags'] as Record<string, IacValue>)['t'], 'value too large to evaluate');
  });

  test('range counts its elements: huge magnitudes, fractional and wrong-signed steps; chunklist sizes are whole numbers', async () => {
    const ev = await evaluate({
      'main.tf': [
        'resource "test" "t" {',
        '  huge   = range(100000000000000000, 100000000000000064)',
        '  frac   = range(0, 1, 0.25)',
        '  tenth  = range(0, 1, 0.1)',
        '  down   = range(3, 0)',
        '  wrong  = range(0, 3, -1)',
        '  zero   = range(0, 3, 0)',
        '  chunk  = chunklist(["a"], 1e-300)',
        '  chunk2 = chunklist(["a", "b", "c"], 2)',
        '  chunk0 = chunklist(["a", "b"], 0)',
        '  chunkn = chunklist(["a"], -1)',
        '  sub    = substr("hello", 1.5, 2)',
        '  sub2   = substr("hello", -3, -1)',
        '  el     = element(["a", "b"], 1e300 * 1e300)',
        '  ind    = indent(-1, "a\\nb")',
        '  wide   = indent(1000000, "a\\nb")',
        '  tried  = try(chunklist(["a"], 0.5), "fallback")',
        '}',
      ].join('\n'),
    });
    const v = byAddress(ev, 'test.t').values;
    assertUnresolved(v['huge'], 'range(): its elements are beyond the precision ztmm computes with');
    assert.deepEqual(v['frac'], [0, 0.25, 0.5, 0.75]);
    assert.deepEqual(v['tenth'], [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    assert.deepEqual(v['down'], [3, 2, 1]);
    assertUnresolved(v['wrong'], 'range: the step must be positive when start is less than limit');
    assertUnresolved(v['zero'], 'range: the step must not be zero');
    assertUnresolved(v['chunk'], 'chunklist: the size must be a whole number, got 1e-300');
    assert.deepEqual(v['chunk2'], [['a', 'b'], ['c']]);
    assert.deepEqual(v['chunk0'], [['a', 'b']]);
    assertUnresolved(v['chunkn'], 'chunklist: the size must not be negative');
    assertUnresolved(v['sub'], 'substr: the offset and length must be whole numbers');
    assert.equal(v['sub2'], 'llo');
    assertUnresolved(v['el'], 'element: the index must be a whole number');
    assertUnresolved(v['ind'], 'indent: the number of spaces must be a whole number, not negative');
    assertUnresolved(v['wide'], 'string too long');
    assert.equal(v['tried'], 'fallback');
  });

  test('nullable = false: a null from a module call or a root tfvars gives the default', async () => {
    const ev = await evaluate({
      'm/main.tf': 'variable "nv" {\n  default  = 5\n  nullable = false\n}\nvariable "n" {\n  default = 7\n}\nvariable "req" {\n  nullable = false\n}\nresource "test" "t" {\n  nv  = var.nv\n  n   = var.n\n  req = var.req\n}\n',
      'root/main.tf': 'module "m" {\n  source = "../m"\n  nv     = null\n  n      = null\n  req    = null\n}\nvariable "nullable_var" {\n  default  = 10\n  nullable = false\n}\nvariable "plain_var" {\n  default = 11\n}\nresource "test" "r" {\n  a = var.nullable_var\n  b = var.plain_var\n}\n',
      'root/terraform.tfvars': 'nullable_var = null\nplain_var = null\n',
    });
    const t = byAddress(ev, 'module.m.test.t');
    assert.equal(t.values['nv'], 5);
    assert.equal(t.values['n'], null);
    assertUnresolved(t.values['req'], 'var.req is set to null, which nullable = false forbids, and has no default');
    const r = byAddress(ev, 'test.r');
    assert.equal(r.values['a'], 10);
    assert.equal(r.values['b'], null);
  });

  test('override files merge attribute by attribute after the other files; nested blocks are replaced whole', async () => {
    const ev = await evaluate({
      'a_override.tf': [
        'resource "aws_cloudtrail" "t" {',
        '  is_multi_region_trail = true',
        '  event_selector {',
        '    read_write_type = "All"',
        '  }',
        '}',
        'variable "days" {\n  default = 400\n}',
        'locals {\n  name = "overridden"\n}',
        'output "o" {\n  value = "new"\n}',
        'module "m" {\n  days = 30\n}',
        'resource "aws_s3_bucket" "nothing" {}',
      ].join('\n'),
      'main.tf': [
        'resource "aws_cloudtrail" "t" {',
        '  name                  = local.name',
        '  is_multi_region_trail = false',
        '  enable_logging        = true',
        '  event_selector {',
        '    read_write_type           = "ReadOnly"',
        '    include_management_events = true',
        '  }',
        '  event_selector {',
        '    read_write_type = "WriteOnly"',
        '  }',
        '}',
        'variable "days" {\n  default = 90\n}',
        'locals {\n  name = "base"\n  other = "kept"\n}',
        'output "o" {\n  value = "old"\n}',
        'module "m" {\n  source = "./m"\n  days = 1\n}',
        'resource "aws_cloudwatch_log_group" "g" {\n  retention_in_days = var.days\n  name = local.other\n}',
        'resource "aws_sns_topic" "x" {\n  name = module.m.days\n}',
      ].join('\n'),
      'm/main.tf': 'variable "days" {}\noutput "days" {\n  value = var.days\n}\n',
      'z_override.tf': 'resource "aws_cloudtrail" "t" {\n  enable_logging = false\n}\n',
    });
    const t = byAddress(ev, 'aws_cloudtrail.t');
    assert.equal(t.path, 'main.tf');
    assert.equal(t.values['name'], 'overridden');
    assert.equal(t.values['is_multi_region_trail'], true);
    assert.equal(t.values['enable_logging'], false);
    assert.deepEqual(t.values['event_selector'], [{ read_write_type: 'All' }]);
    assert.deepEqual(t.locations['is_multi_region_trail'], { path: 'a_override.tf', line: 2, column: 3 });
    assert.deepEqual(t.locations['event_selector.read_write_type'], { path: 'a_override.tf', line: 4, column: 5 });
    assert.equal(t.locations['event_selector.include_management_events'], undefined);
    assert.deepEqual(t.locations['enable_logging'], { path: 'z_override.tf', line: 2, column: 3 });
    assert.deepEqual(t.locations['name'], { path: 'main.tf', line: 2, column: 3 });
    const g = byAddress(ev, 'aws_cloudwatch_log_group.g');
    assert.equal(g.values['retention_in_days'], 400);
    assert.equal(g.values['name'], 'kept');
    assert.equal(byAddress(ev, 'aws_sns_topic.x').values['name'], 30);
    assert.deepEqual(addresses(ev), ['aws_cloudtrail.t', 'aws_cloudwatch_log_group.g', 'aws_sns_topic.x']);
    assert.deepEqual(
      ev.unknowns.map((u) => [u.construct, u.reason, u.at.path, u.at.line]),
      [['aws_s3_bucket.nothing', 'aws_s3_bucket.nothing in override file a_override.tf overrides nothing (no aws_s3_bucket.nothing in the other files), which Terraform rejects: ignored', 'a_override.tf', 19]],
    );
  });

  test('an override of a dynamic block replaces it; lifecycle merges by argument; a .tf.json override sets a literal default', async () => {
    const ev = await evaluate({
      'main.tf': [
        'variable "lit" {\n  default = "x"\n}',
        'resource "aws_s3_bucket_lifecycle_configuration" "l" {',
        '  lifecycle {\n    prevent_destroy = true\n  }',
        '  dynamic "rule" {\n    for_each = ["a", "b"]\n    content {\n      id = rule.value\n    }\n  }',
        '  tag = var.lit',
        '}',
      ].join('\n'),
      'override.tf.json': JSON.stringify({ variable: { lit: { default: '${not.a.template}' } }, resource: { aws_s3_bucket_lifecycle_configuration: { l: { rule: [{ id: 'only' }] } } } }),
    });
    const l = byAddress(ev, 'aws_s3_bucket_lifecycle_configuration.l');
    assert.deepEqual(l.values['rule'], [{ id: 'only' }]);
    assert.equal(l.values['tag'], '${not.a.template}');
    assert.deepEqual(ev.unknowns, []);
  });

  test('hidden, backup and autosave files are not evaluated; a resource declared twice keeps the first and is named', async () => {
    const ev = await evaluate({
      'a.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "first"\n}\n',
      'b.tf': '\n\nresource "aws_s3_bucket" "b" {\n  bucket = "second"\n}\n',
      'mod/.hidden.tf': 'resource "aws_s3_bucket" "hidden" {}\n',
      'other/.x.tf': 'resource "aws_s3_bucket" "dot" {}\n',
      'other/main.tf': 'resource "aws_s3_bucket" "kept" {}\n',
    });
    assert.deepEqual(addresses(ev), ['aws_s3_bucket.b', 'aws_s3_bucket.kept']);
    assert.equal(byAddress(ev, 'aws_s3_bucket.b').values['bucket'], 'first');
    assert.deepEqual(
      ev.unknowns.map((u) => [u.construct, u.reason, u.at.path, u.at.line]),
      [['aws_s3_bucket.b', 'aws_s3_bucket.b is declared twice (a.tf:1 and b.tf:3), which Terraform rejects: the first is used', 'b.tf', 3]],
    );
  });

  test('entities through functions keep their refs and written attributes', async () => {
    const ev = await evaluate({
      'logs/main.tf': 'resource "aws_kms_key" "k" {\n  description = "logs"\n}\noutput "key" {\n  value = aws_kms_key.k\n}\n',
      'main.tf': [
        'module "logs" {\n  source = "./logs"\n}',
        'resource "aws_s3_bucket" "b" {\n  for_each = toset(["x", "y"])\n  bucket   = "bucket-${each.key}"\n}',
        'resource "aws_cloudwatch_log_group" "g" {',
        '  kms_key_id = values(module.logs)[0].arn',
        '  desc       = values(module.logs)[0].description',
        '  names      = values(aws_s3_bucket.b)[*].bucket',
        '  first      = one([for k in ["x"] : aws_s3_bucket.b[k]]).bucket',
        '  whole      = values(aws_s3_bucket.b)',
        '}',
      ].join('\n'),
    });
    const g = byAddress(ev, 'aws_cloudwatch_log_group.g');
    assertUnresolved(g.values['kms_key_id'], 'computed: module.logs.aws_kms_key.k.arn', ['module.logs.aws_kms_key.k']);
    assert.equal(g.values['desc'], 'logs');
    assert.deepEqual(g.values['names'], ['bucket-x', 'bucket-y']);
    assert.equal(g.values['first'], 'bucket-x');
    const whole = g.values['whole'];
    assert.ok(Array.isArray(whole));
    assertUnresolved(whole[0], 'computed: aws_s3_bucket.b["x"]', ['aws_s3_bucket.b["x"]']);
  });
});
