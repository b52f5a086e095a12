/**
 * --var-file: a .tfvars file that Terraform does not load by itself is applied, as
 * `terraform -var-file` does, to the root module in its folder, after terraform.tfvars and
 * *.auto.tfvars, in the order given; without it the file is read and never applied.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { ScanResult } from '../../src/model/result.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { REPO, spawnCli, writeTree } from '../helpers.js';

const dir = writeTree({
  'live/main.tf': [
    'variable "retention" {}',
    'variable "validation" { default = false }',
    'resource "aws_cloudwatch_log_group" "trail" {',
    '  name              = "/aws/cloudtrail/org"',
    '  retention_in_days = var.retention',
    '}',
    'resource "aws_cloudtrail" "org" {',
    '  name                       = "org"',
    '  s3_bucket_name             = "org-trail"',
    '  enable_log_file_validation = var.validation',
    '}',
    '',
  ].join('\n'),
  'live/terraform.tfvars': 'validation = false\n',
  'live/prod.tfvars': 'retention = 400\nvalidation = true\n',
  'live/stricter.tfvars': 'retention = 731\n',
  'elsewhere/notes.txt': 'not a var file\n',
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(varFiles: string[]): Promise<ScanResult> {
  return (await scan({ roots: [dir], rules: loadRules(), cwd: dir, varFiles })).result;
}

const outcome = (result: ScanResult, rule: string): string | undefined => result.findings.find((f) => f.ruleId === rule)?.outcome;

describe('--var-file', () => {
  test('without it the .tfvars file is read but not applied: the retention variable has no value', async () => {
    const result = await run([]);
    assert.equal(outcome(result, 'RET-500'), 'no-evidence');
    assert.match(result.findings.find((f) => f.ruleId === 'RET-500')?.message ?? '', /var\.retention has no value/);
    assert.equal(outcome(result, 'INT-500'), 'fail', 'terraform.tfvars is applied: validation false');
  });

  test('with it the file is applied after terraform.tfvars, and later files win', async () => {
    const prod = await run(['live/prod.tfvars']);
    assert.equal(outcome(prod, 'RET-500'), 'pass', '400 days');
    assert.equal(outcome(prod, 'INT-500'), 'pass', 'prod.tfvars overrides terraform.tfvars');
    const both = await run(['live/prod.tfvars', 'live/stricter.tfvars']);
    const ret = both.findings.find((f) => f.ruleId === 'RET-500');
    assert.equal(ret?.outcome, 'pass');
    assert.ok(ret?.locations.some((l) => l.path === 'live/stricter.tfvars' || l.path === 'live/main.tf'));
  });

  test('a file that is not a scanned .tfvars file is a usage error (exit 2), on the command line too', async () => {
    await assert.rejects(run(['live/missing.tfvars']), /--var-file live\/missing\.tfvars: not a file under the scanned paths/);
    await assert.rejects(run(['elsewhere/notes.txt']), /not a \.tfvars/);
    const cli = spawnCli(['scan', join(dir, 'live'), '--var-file', join(REPO, 'package.json')]);
    assert.equal(cli.code, 2);
    assert.match(cli.stderr, /--var-file .*package\.json: not a file under the scanned paths/);
    const ok = spawnCli(['scan', join(dir, 'live'), '--var-file', join(dir, 'live', 'prod.tfvars'), '-f', 'json']);
    assert.notEqual(ok.code, 2, ok.stderr);
  });
});
