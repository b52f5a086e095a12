/**
 * A local module shared by several roots: its resources are named with their root first, and the
 * references inside each root follow, so two accounts never share a finding, source or fingerprint.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { qualifySharedAddresses } from '../../src/iac/qualify-addresses.js';
import { Unresolved } from '../../src/model/cloud.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { REPO, writeTree } from '../helpers.js';
import { resource } from './support.js';

describe('qualifySharedAddresses', () => {
  test('resources of a file evaluated by two roots are named with their root; references follow within the root', () => {
    const path = 'modules/audit/main.tf';
    const make = (stack: string) => [
      resource('aws_cloudtrail', 'this', { s3_bucket_name: new Unresolved('computed', ['module.audit.aws_s3_bucket.trail']) }, { stack, path, address: 'module.audit.aws_cloudtrail.this' }),
      resource('aws_s3_bucket', 'trail', { bucket: 'x' }, { stack, path, address: 'module.audit.aws_s3_bucket.trail' }),
      resource('aws_vpc', 'this', {}, { stack, path, address: 'module.audit.aws_vpc.this[0]' }),
      resource('aws_flow_log', 'this', { vpc_id: new Unresolved('computed', ['module.audit.aws_vpc.this']) }, { stack, path, address: 'module.audit.aws_flow_log.this' }),
    ];
    const out = qualifySharedAddresses([...make('accounts/a'), ...make('accounts/b')]);
    assert.deepEqual(
      out.map((r) => r.address),
      [
        'accounts/a:module.audit.aws_cloudtrail.this',
        'accounts/a:module.audit.aws_s3_bucket.trail',
        'accounts/a:module.audit.aws_vpc.this[0]',
        'accounts/a:module.audit.aws_flow_log.this',
        'accounts/b:module.audit.aws_cloudtrail.this',
        'accounts/b:module.audit.aws_s3_bucket.trail',
        'accounts/b:module.audit.aws_vpc.this[0]',
        'accounts/b:module.audit.aws_flow_log.this',
      ],
    );
    assert.deepEqual((out[4]?.values.s3_bucket_name as Unresolved).refs, ['accounts/b:module.audit.aws_s3_bucket.trail']);
    assert.deepEqual((out[7]?.values.vpc_id as Unresolved).refs, ['accounts/b:module.audit.aws_vpc.this']);
  });

  test('a file evaluated by one root keeps plain addresses', () => {
    const one = [resource('aws_cloudtrail', 'main', {}, { stack: 'live', path: 'live/main.tf' })];
    assert.deepEqual(qualifySharedAddresses(one).map((r) => r.address), ['aws_cloudtrail.main']);
  });

  test('a scan of two accounts calling one module: two trail sources and findings per account', async () => {
    const dir = writeTree({
      'modules/audit/main.tf': 'variable "name" {}\nresource "aws_cloudtrail" "this" {\n  name = var.name\n  s3_bucket_name = aws_s3_bucket.trail.id\n  is_multi_region_trail = true\n}\nresource "aws_s3_bucket" "trail" {\n  bucket = "${var.name}-trail"\n}\n',
      'accounts/prod/main.tf': 'module "audit" {\n  source = "../../modules/audit"\n  name = "prod"\n}\n',
      'accounts/dev/main.tf': 'module "audit" {\n  source = "../../modules/audit"\n  name = "dev"\n}\n',
    });
    try {
      const { result } = await scan({ roots: [dir], rules: loadRules(), cwd: REPO });
      const trails = result.estate.sources.filter((s) => s.system === 'aws-cloudtrail');
      assert.equal(trails.length, 2);
      assert.equal(new Set(trails.map((s) => s.id)).size, 2);
      assert.equal(trails.every((s) => s.routes === 1), true, 'each trail reaches its own account bucket');
      const subjects = new Set(result.findings.filter((f) => f.ruleId === 'INT-500').map((f) => f.subject));
      assert.deepEqual([...subjects].sort(), ['accounts/dev:module.audit.aws_cloudtrail.this', 'accounts/prod:module.audit.aws_cloudtrail.this']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
