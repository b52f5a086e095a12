/**
 * End to end: config waivers and inline suppressions on a copy of the demo estate, with the date
 * fixed by --today. A waiver that expired yesterday no longer suppresses its finding and is
 * reported as expired.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import type { ScanResult } from '../../src/model/result.js';
import { DEMO, REPO, runCli, writeTree } from '../helpers.js';

const TODAY = '2025-06-15';
const YESTERDAY = '2025-06-14';
const TOMORROW = '2025-06-16';
const POLICY = 'etc/kubernetes/audit-policy.yaml';
const DEMO_FILES = [POLICY, 'etc/kubernetes/audit-webhook.kubeconfig', 'etc/kubernetes/manifests/kube-apiserver.yaml', 'var/log/kubernetes/audit/audit.log', 'var/log/payments/api.jsonl'];

const schema: unknown = JSON.parse(readFileSync(join(REPO, 'schema', 'result.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true }).compile(schema as object);

/** A copy of the demo estate, with `extra` files added or replaced. */
function demoTree(extra: Record<string, string> = {}): string {
  const files: Record<string, string> = {};
  for (const path of DEMO_FILES) files[path] = readFileSync(join(DEMO, path), 'utf8');
  return writeTree({ ...files, ...extra });
}

function waiverConfig(expires: string): string {
  return ['waivers:', '  - rule: COV-006', '    reason: RBAC audit is restored in the next upgrade', '    owner: platform-team', `    expires: ${expires}`, ''].join('\n');
}

/** The demo policy with `comment` on its own line above the rule that silences RBAC (now line 31). */
function policyWith(comment: string): string {
  const text = readFileSync(join(DEMO, POLICY), 'utf8');
  const anchor = '  - level: None\n    resources:\n      - group: rbac.authorization.k8s.io\n';
  assert.ok(text.includes(anchor));
  return text.replace(anchor, `  ${comment}\n${anchor}`);
}

async function scanJson(dir: string): Promise<{ result: ScanResult; stderr: string; code: number }> {
  const { code, stdout, stderr } = await runCli(['scan', '.', '-f', 'json', '--today', TODAY], dir);
  return { result: JSON.parse(stdout) as ScanResult, stderr, code };
}

const cov006 = (result: ScanResult) => result.findings.filter((f) => f.ruleId === 'COV-006');
const identity = (result: ScanResult) => result.pillars.find((p) => p.id === 'identity');

describe('config waivers', () => {
  test('the baseline: COV-006 fails and holds Identity at Initial', async () => {
    const { result } = await scanJson(demoTree());
    assert.deepEqual(
      cov006(result).map((f) => f.outcome),
      ['fail'],
    );
    assert.equal(identity(result)?.stage, 'initial');
    assert.deepEqual(result.waivers, []);
    assert.deepEqual(result.suppressions, []);
  });

  test('a waiver that expires tomorrow waives COV-006: marked, counted, and Identity reaches Advanced', async () => {
    const dir = demoTree({ '.ztmm.yaml': waiverConfig(TOMORROW) });
    const { result, stderr, code } = await scanJson(dir);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.ok(validate(result), JSON.stringify(validate.errors));
    const [finding] = cov006(result);
    assert.equal(finding?.outcome, 'waived');
    assert.equal(finding?.message, 'rbac-write requests are logged at None: workload or privilege changes go unrecorded');
    assert.deepEqual(finding?.waiver, {
      source: 'config',
      reason: 'RBAC audit is restored in the next upgrade',
      owner: 'platform-team',
      expires: TOMORROW,
      at: { path: '.ztmm.yaml', line: 2, column: 5 },
      outcome: 'fail',
    });
    assert.equal(result.summary.counts.waived, 1);
    assert.equal(result.summary.counts.fail, 8);
    // Waived counts as pass (score.ts): COV-006 was Identity's only blocker below Optimal.
    assert.equal(identity(result)?.stage, 'advanced');
    assert.equal(identity(result)?.score, 100);
    assert.deepEqual(result.waivers, [
      {
        rule: 'COV-006',
        reason: 'RBAC audit is restored in the next upgrade',
        owner: 'platform-team',
        expires: TOMORROW,
        at: { path: '.ztmm.yaml', line: 2, column: 5 },
        status: 'active',
        findings: 1,
      },
    ]);

    const text = await runCli(['scan', '.', '--today', TODAY], dir);
    assert.match(text.stdout, / 1 waived · /);
    assert.match(text.stdout, /\n {2}Waivers {2}1 active · 0 expired · 0 unused · 1 finding waived\n/);
    assert.ok(!/✘ COV-006/.test(text.stdout), 'a waived finding is not a blocker');
  });

  test('the same waiver on its last day still applies (expiry is inclusive)', async () => {
    const { result } = await scanJson(demoTree({ '.ztmm.yaml': waiverConfig(TODAY) }));
    assert.equal(cov006(result)[0]?.outcome, 'waived');
    assert.equal(result.waivers?.[0]?.status, 'active');
  });

  test('a waiver that expired yesterday no longer suppresses its finding and is reported as expired', async () => {
    const dir = demoTree({ '.ztmm.yaml': waiverConfig(YESTERDAY) });
    const { result, stderr } = await scanJson(dir);
    assert.ok(validate(result), JSON.stringify(validate.errors));
    const [finding] = cov006(result);
    assert.equal(finding?.outcome, 'fail');
    assert.equal(finding?.waiver, undefined);
    assert.equal(result.summary.counts.waived, 0);
    assert.equal(identity(result)?.stage, 'initial');
    assert.deepEqual(result.waivers?.map((w) => [w.rule, w.expires, w.status, w.findings]), [['COV-006', YESTERDAY, 'expired', 0]]);
    assert.equal(stderr, `ztmm: warning: .ztmm.yaml:2:5: waiver for COV-006 expired on ${YESTERDAY} and no longer applies\n`);

    const text = await runCli(['scan', '.', '--today', TODAY], dir);
    assert.match(text.stdout, /Waivers {2}0 active · 1 expired · 0 unused · 0 findings waived\n/);
    assert.match(text.stdout, new RegExp(`! expired {4}COV-006 {2}expired ${YESTERDAY}, no longer applied: RBAC audit is restored in the next upgrade \\(owner platform-team\\) {2}\\.ztmm\\.yaml:2\\n`));
    assert.match(text.stdout, /✘ COV-006 /, 'the finding blocks again');
  });

  test('--today must be a calendar date', async () => {
    const { code, stderr } = await runCli(['scan', '.', '--today', '2025-02-30'], demoTree());
    assert.equal(code, 2);
    assert.equal(stderr, 'ztmm: --today takes a date as YYYY-MM-DD, not "2025-02-30"\n');
  });
});

describe('inline suppressions', () => {
  test('# ztmm:ignore COV-006 with a reason above the audit-policy rule waives it', async () => {
    const dir = demoTree({ [POLICY]: policyWith('# ztmm:ignore COV-006 tracked in OPS-42') });
    const { result, stderr } = await scanJson(dir);
    assert.equal(stderr, '');
    assert.ok(validate(result), JSON.stringify(validate.errors));
    const [finding] = cov006(result);
    assert.equal(finding?.outcome, 'waived');
    assert.deepEqual(finding?.locations, [{ path: POLICY, line: 31, column: 5 }]);
    assert.deepEqual(finding?.waiver, { source: 'inline', reason: 'tracked in OPS-42', at: { path: POLICY, line: 30, column: 3 }, outcome: 'fail' });
    assert.deepEqual(result.suppressions, [{ rule: 'COV-006', path: POLICY, line: 30, reason: 'tracked in OPS-42', status: 'applied', findings: 1 }]);
    assert.equal(result.summary.counts.waived, 1);
    assert.equal(identity(result)?.stage, 'advanced');
  });

  test('without a reason it is not applied and is reported', async () => {
    const dir = demoTree({ [POLICY]: policyWith('# ztmm:ignore COV-006') });
    const { result, stderr } = await scanJson(dir);
    assert.equal(stderr, `ztmm: warning: ${POLICY}:30: ztmm:ignore COV-006 needs a reason\n`);
    assert.equal(cov006(result)[0]?.outcome, 'fail');
    assert.deepEqual(result.suppressions, [{ rule: 'COV-006', path: POLICY, line: 30, reason: null, status: 'no-reason', findings: 0 }]);
    assert.equal(identity(result)?.stage, 'initial');

    const text = await runCli(['scan', '.', '--today', TODAY], dir);
    assert.match(text.stdout, /Waivers {2}inline: 0 applied · 1 without reason · 0 unused · 0 findings waived\n/);
    assert.match(text.stdout, new RegExp(`! no reason {2}COV-006 {2}ztmm:ignore without a reason is not applied {2}${POLICY.replace(/\./g, '\\.')}:30\\n`));
  });

  test('an inline suppression wins over a config waiver for the same finding; the waiver is then unused', async () => {
    const dir = demoTree({ [POLICY]: policyWith('# ztmm:ignore COV-006 tracked in OPS-42'), '.ztmm.yaml': waiverConfig(TOMORROW) });
    const { result } = await scanJson(dir);
    assert.equal(cov006(result)[0]?.waiver?.source, 'inline');
    assert.equal(result.suppressions?.[0]?.status, 'applied');
    assert.equal(result.waivers?.[0]?.status, 'unused');
  });
});
