/**
 * Issue 3's acceptance estate (fixtures/estates/cloud-trail): a root module calls a local module
 * whose CloudTrail trail writes to an S3 bucket with Object Lock (COMPLIANCE, 400 days) and a
 * lifecycle that expires objects after 400 days. The trail's source must come out retained 400
 * days and immutable; without the Object Lock the integrity finding fails and the stage drops. A
 * variable without a value and a remote module give no-evidence with the reason, never a pass.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LogSource } from '../../src/model/estate.js';
import type { Finding, ScanResult } from '../../src/model/result.js';
import { stageIndex } from '../../src/model/vocabulary.js';
import type { Area } from '../../src/model/vocabulary.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { REPO } from '../helpers.js';

const ESTATE = join(REPO, 'fixtures', 'estates', 'cloud-trail');
const MODULE = join('infra', 'modules', 'audit-trail');
const LIVE = join('infra', 'live', 'main.tf');

function trailSource(result: ScanResult): LogSource {
  const found = result.estate.sources.filter((s) => s.system === 'aws-cloudtrail');
  assert.equal(found.length, 1, `one CloudTrail source, got ${result.estate.sources.map((s) => s.id).join(', ')}`);
  return found[0] as LogSource;
}

function finding(result: ScanResult, rule: string, source: LogSource): Finding | undefined {
  return result.findings.find((f) => f.ruleId === rule && f.subject === `source:${source.id}`);
}

function integrityStage(result: ScanResult, pillar: Area): number {
  const area = result.pillars.find((p) => p.id === pillar);
  const stage = area?.dimensions.integrity?.stage;
  assert.ok(stage, `the ${pillar} pillar has an integrity stage`);
  return stageIndex(stage);
}

/** Scans a copy of the estate after `edit` changes it. */
async function scanEdited(edit: (dir: string) => void): Promise<{ result: ScanResult; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ztmm-cloud-trail-'));
  cpSync(ESTATE, dir, { recursive: true });
  edit(dir);
  return { result: (await scan({ roots: [dir], rules: loadRules(), cwd: REPO })).result, dir };
}

function replaceIn(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  assert.notEqual(next, text, `edited ${file}`);
  writeFileSync(file, next);
}

describe('cloud trail estate: trail → Object Lock bucket with a 400-day lifecycle, through a local module', () => {
  let locked: ScanResult;
  let unlocked: ScanResult;
  const copies: string[] = [];

  before(async () => {
    locked = (await scan({ roots: [ESTATE], rules: loadRules(), cwd: REPO })).result;
    const edited = await scanEdited((dir) => {
      const bucket = join(dir, MODULE, 'bucket.tf');
      const text = readFileSync(bucket, 'utf8');
      const start = text.indexOf('resource "aws_s3_bucket_object_lock_configuration"');
      const end = text.indexOf('resource "aws_s3_bucket_lifecycle_configuration"');
      assert.ok(start > 0 && end > start);
      writeFileSync(bucket, (text.slice(0, start) + text.slice(end)).replace('object_lock_enabled = true', 'object_lock_enabled = false'));
    });
    unlocked = edited.result;
    copies.push(edited.dir);
  });
  after(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  test('every Terraform file is read', () => {
    const kinds = Object.fromEntries(locked.inventory.map((e) => [e.path, `${e.status}:${e.kind ?? ''}`]));
    for (const path of ['infra/live/main.tf', 'infra/modules/audit-trail/main.tf', 'infra/modules/audit-trail/bucket.tf', 'infra/modules/audit-trail/variables.tf']) {
      assert.equal(kinds[path], 'assessed:terraform', path);
    }
  });

  test('the trail is retained 400 days and immutable, with the bucket lines as evidence', () => {
    const source = trailSource(locked);
    assert.equal(source.centralized, true);
    assert.equal(source.retentionDays, 400);
    assert.equal(source.immutable, true);
    assert.equal(source.declaredAt.path, 'infra/modules/audit-trail/main.tf');
    assert.equal(source.evidence?.immutable?.path, 'infra/modules/audit-trail/bucket.tf');
    assert.equal(source.evidence?.retentionDays?.path, 'infra/modules/audit-trail/bucket.tf');
    assert.equal(finding(locked, 'INT-001', source)?.outcome, 'pass');
    assert.equal(finding(locked, 'RET-004', source)?.outcome, 'pass');
    // The trail's own subject is named by its address in the calling module.
    assert.ok(locked.findings.some((f) => f.subject === 'module.audit_trail.aws_cloudtrail.this'), 'findings on module.audit_trail.aws_cloudtrail.this');
  });

  test('without the Object Lock the integrity finding fails and the integrity stage drops', () => {
    const source = trailSource(unlocked);
    assert.equal(source.immutable, false);
    assert.equal(source.retentionDays, 400, 'the lifecycle still keeps 400 days');
    const failing = finding(unlocked, 'INT-001', source);
    assert.equal(failing?.outcome, 'fail');
    assert.ok(failing.locations.some((l) => l.path === 'infra/modules/audit-trail/bucket.tf'), 'the finding points at the bucket');
    const pillar = source.pillars[0] as Area;
    assert.ok(integrityStage(unlocked, pillar) < integrityStage(locked, pillar), `integrity stage of ${pillar}: ${integrityStage(unlocked, pillar)} < ${integrityStage(locked, pillar)}`);
  });

  test('a retention variable without a value gives no-evidence naming the variable', async () => {
    const { result, dir } = await scanEdited((d) => {
      replaceIn(join(d, LIVE), /\n\s*retention_days = 400/, '\n');
      replaceIn(join(d, MODULE, 'variables.tf'), /\n\s*default\s*= 365/, '\n');
    });
    copies.push(dir);
    const source = trailSource(result);
    assert.equal(source.retentionDays, null);
    const ret = finding(result, 'RET-004', source);
    assert.equal(ret?.outcome, 'no-evidence');
    assert.match(ret.message, /retention_days/);
  });

  test('a bucket from a remote module gives no-evidence naming the module', async () => {
    const { result, dir } = await scanEdited((d) => {
      replaceIn(join(d, MODULE, 'main.tf'), 's3_bucket_name                = aws_s3_bucket.trail.id', 's3_bucket_name                = module.log_storage.bucket_id');
      writeFileSync(join(d, MODULE, 'storage.tf'), 'module "log_storage" {\n  source  = "cloudposse/s3-log-storage/aws"\n  version = "1.4.3"\n}\n');
      rmSync(join(d, MODULE, 'bucket.tf'));
    });
    copies.push(dir);
    const source = trailSource(result);
    assert.equal(source.immutable, null);
    const int = finding(result, 'INT-001', source);
    assert.equal(int?.outcome, 'no-evidence');
    assert.match(int.message, /log_storage|s3-log-storage/);
  });
});
