import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Comparison } from '../../src/model/assessment.js';
import { DEMO, runCli, writeTree } from '../helpers.js';

/** before.json from the demo, after.json with --audit-log-maxage lowered, fixed.json with RBAC audited. */
async function results(): Promise<string> {
  const dir = writeTree({});
  cpSync(DEMO, join(dir, 'demo'), { recursive: true });
  assert.equal((await runCli(['scan', 'demo', '-o', 'before.json'], dir)).code, 0);
  const manifest = join(dir, 'demo/etc/kubernetes/manifests/kube-apiserver.yaml');
  const original = readFileSync(manifest, 'utf8');
  writeFileSync(manifest, original.replace('--audit-log-maxage=400', '--audit-log-maxage=7'));
  assert.equal((await runCli(['scan', 'demo', '-o', 'after.json'], dir)).code, 0);
  writeFileSync(manifest, original);
  const policy = join(dir, 'demo/etc/kubernetes/audit-policy.yaml');
  writeFileSync(policy, readFileSync(policy, 'utf8').replace(/ {2}# Silenced during[^\n]*\n {2}- level: None\n {4}resources:\n {6}- group: rbac\.authorization\.k8s\.io\n/, ''));
  assert.equal((await runCli(['scan', 'demo', '-o', 'fixed.json'], dir)).code, 0);
  return dir;
}

describe('ztmm diff', () => {
  let dir = '';
  before(async () => {
    dir = await results();
  });

  test('no change: exit 0 and the verdict', async () => {
    const r = await runCli(['diff', 'before.json', 'before.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Compared with the baseline\n/);
    assert.match(r.stdout, /✔ no regression against the baseline/);
  });

  test('a regression: exit 1, text with the stage drops, new findings and the reasons', async () => {
    const r = await runCli(['diff', 'before.json', 'after.json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /↓ Governance {12}Advanced → Traditional/);
    assert.match(r.stdout, /New blocking findings \(\d+\)\n {2}✘ RET-001 /);
    assert.match(r.stdout, /- new fail: RET-001 Pod\/kube-system\/kube-apiserver at etc\/kubernetes\/manifests\/kube-apiserver\.yaml:27\n/);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
  });

  test('an improvement: exit 0 with the fixed finding and the stage rise', async () => {
    const r = await runCli(['diff', 'before.json', 'fixed.json'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /↑ Identity {14}Initial → Advanced/);
    assert.match(r.stdout, /Fixed \(1\)\n {2}✔ COV-006 /);
    // And the other way round, the fix undone is a regression.
    assert.equal((await runCli(['diff', 'fixed.json', 'before.json'], dir)).code, 1);
  });

  test('-f json: the Comparison object', async () => {
    const r = await runCli(['diff', 'before.json', 'after.json', '-f', 'json'], dir);
    assert.equal(r.code, 1);
    const c = JSON.parse(r.stdout) as Comparison;
    assert.equal(c.areas.length, 8);
    assert.equal(c.maxDrop, 0);
    assert.equal(c.score.before, 57);
    assert.ok(c.score.after < 57);
    assert.ok(c.newFindings.some((f) => f.ruleId === 'RET-001'));
    assert.deepEqual(c.fixedFindings, []);
    assert.ok(c.regressions.length >= 3);
  });

  test('-f markdown and -o: the file holds the Markdown section; the extension names the format', async () => {
    const r = await runCli(['diff', 'before.json', 'after.json', '-f', 'markdown', '-o', 'diff.md'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const md = readFileSync(join(dir, 'diff.md'), 'utf8');
    assert.match(md, /^### Compared with the baseline\n/);
    assert.match(md, /\| Governance \| Advanced \| ↓ Traditional \|/);
    await runCli(['diff', 'before.json', 'fixed.json', '-o', 'diff.json'], dir);
    assert.equal((JSON.parse(readFileSync(join(dir, 'diff.json'), 'utf8')) as Comparison).fixedFindings[0]?.ruleId, 'COV-006');
  });

  test('--max-drop lets the score fall; the output is deterministic', async () => {
    const tight = await runCli(['diff', 'before.json', 'after.json', '-f', 'json'], dir);
    const loose = await runCli(['diff', 'before.json', 'after.json', '-f', 'json', '--max-drop', '100'], dir);
    const regressions = (text: string): string[] => (JSON.parse(text) as Comparison).regressions;
    assert.ok(regressions(tight.stdout).some((l) => l.startsWith('score dropped')));
    assert.ok(!regressions(loose.stdout).some((l) => l.startsWith('score dropped')));
    assert.equal((await runCli(['diff', 'before.json', 'after.json', '-f', 'json'], dir)).stdout, tight.stdout);
  });

  test('bad input and bad options: exit 2 with one line', async () => {
    writeFileSync(join(dir, 'junk.json'), '{ nope');
    const junk = await runCli(['diff', 'before.json', 'junk.json'], dir);
    assert.equal(junk.code, 2);
    assert.match(junk.stderr, /^ztmm: junk\.json: not a ztmm JSON result \(.*\)\n$/);
    const missing = await runCli(['diff', 'nope.json', 'before.json'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'ztmm: nope.json: cannot read the result (ENOENT)\n');
    assert.equal((await runCli(['diff', 'before.json'], dir)).code, 2);
    const format = await runCli(['diff', 'before.json', 'after.json', '-f', 'sarif'], dir);
    assert.equal(format.code, 2);
    assert.equal(format.stderr, 'ztmm: --format: ztmm diff writes text, json, markdown, not "sarif"\n');
    const slip = await runCli(['diff', 'before.json', 'after.json', '-f', 'json', '-o', 'x.md'], dir);
    assert.equal(slip.code, 2);
    assert.equal((await runCli(['diff', 'before.json', 'after.json', '--max-drop', '-1'], dir)).code, 2);
  });
});
