/**
 * `ztmm scan --baseline` end to end, with the real CLI on a copy of the demo estate: a baseline is
 * saved with `scan -f json -o`, the copy is edited, and the scan against the baseline gates on
 * regressions only.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import type { ScanResult } from '../../src/model/result.js';
import { DEMO, REPO, runCli, writeTree } from '../helpers.js';

const schema: unknown = JSON.parse(readFileSync(join(REPO, 'schema', 'result.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true }).compile(schema as object);

const MANIFEST = 'demo/etc/kubernetes/manifests/kube-apiserver.yaml';
const POLICY = 'demo/etc/kubernetes/audit-policy.yaml';
const RBAC_SILENCED = `  # Silenced during a noisy operator upgrade and never restored: RBAC changes go unrecorded.
  - level: None
    resources:
      - group: rbac.authorization.k8s.io
`;

/** A fresh copy of the demo in `demo/` and its baseline in `base.json`, in a temp folder. */
async function estate(): Promise<string> {
  const dir = writeTree({});
  cpSync(DEMO, join(dir, 'demo'), { recursive: true });
  const saved = await runCli(['scan', 'demo', '-f', 'json', '-o', 'base.json'], dir);
  assert.equal(saved.code, 0, saved.stderr);
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `${file} unchanged`);
  writeFileSync(path, after);
}

describe('ztmm scan --baseline on the demo estate', () => {
  let dir = '';
  before(async () => {
    dir = await estate();
  });

  test('(a) an unchanged estate passes: exit 0, no regression, nothing new or fixed', async () => {
    const r = await runCli(['scan', 'demo', '--baseline', 'base.json'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /gate: --baseline ✔/);
    assert.match(r.stdout, /\nCompared with the baseline\n/);
    assert.match(r.stdout, /✔ no regression against the baseline \(score may drop by 0\)\n$/);
    assert.doesNotMatch(r.stdout, /New blocking findings|Fixed \(/);
  });

  test('(b) lowering --audit-log-maxage fails: exit 1 with the regressions named', async () => {
    const copy = await estate();
    edit(copy, MANIFEST, (t) => t.replace('--audit-log-maxage=400', '--audit-log-maxage=7'));
    const r = await runCli(['scan', 'demo', '--baseline', 'base.json'], copy);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /gate: --baseline ✘/);
    assert.match(r.stdout, /\n {4}- new fail: RET-001 Pod\/kube-system\/kube-apiserver at etc\/kubernetes\/manifests\/kube-apiserver\.yaml:27\n/);
    assert.match(r.stdout, /\n {4}- governance stage dropped: Advanced → Traditional\n/);
    assert.match(r.stdout, /\n {4}- score dropped by \d+: 57 → \d+ \(--max-drop 0\)\n/);
    assert.match(r.stdout, /New blocking findings \(\d+\)\n {2}✘ RET-001 {2}Pod\/kube-system\/kube-apiserver {2}--audit-log-maxage is 7;/);

    // The same regressions in the JSON result, and in the Markdown report.
    const json = await runCli(['scan', 'demo', '--baseline', 'base.json', '-f', 'json'], copy);
    assert.equal(json.code, 1);
    const parsed: unknown = JSON.parse(json.stdout);
    assert.ok(validate(parsed), JSON.stringify(validate.errors));
    const comparison = (parsed as ScanResult).comparison;
    assert.ok(comparison);
    assert.ok(comparison.regressions.includes('new fail: RET-001 Pod/kube-system/kube-apiserver at etc/kubernetes/manifests/kube-apiserver.yaml:27'));
    assert.deepEqual(comparison.score.before, 57);
    assert.ok(comparison.newFindings.some((f) => f.ruleId === 'RET-001' && f.location?.line === 27));
    const md = await runCli(['scan', 'demo', '--baseline', 'base.json', '-f', 'markdown'], copy);
    assert.match(md.stdout, /\n### Compared with the baseline\n\n\*\*✘ \d+ regressions against the baseline\*\*/);
    assert.match(md.stdout, /\*\*Gate ✘ fails:\*\* ✘ `--baseline`/);
  });

  test('(c) fixing a failing finding passes: exit 0 and the fix reported', async () => {
    const copy = await estate();
    // The demo policy silences RBAC changes; without that rule they fall to the RequestResponse rule.
    edit(copy, POLICY, (t) => t.replace(RBAC_SILENCED, ''));
    const r = await runCli(['scan', 'demo', '--baseline', 'base.json'], copy);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /\n {2}Fixed \(1\)\n {2}✔ COV-006 {2}Policy\/audit-policy {2}rbac-write requests are logged at None/);
    assert.match(r.stdout, /\n {2}↑ Identity {14}Initial → Advanced /);
    assert.match(r.stdout, /✔ no regression against the baseline/);
  });

  test('(d) moving lines passes: the same findings at other lines are not new', async () => {
    const copy = await estate();
    for (const file of [MANIFEST, POLICY]) edit(copy, file, (t) => `# moved down\n\n# by three lines\n${t}`);
    const r = await runCli(['scan', 'demo', '--baseline', 'base.json'], copy);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // COV-006 is still there, three lines lower, and neither new nor fixed.
    assert.match(r.stdout, /COV-006 .* etc\/kubernetes\/audit-policy\.yaml:33\n/);
    assert.doesNotMatch(r.stdout, /New blocking findings|Fixed \(/);
  });

  test('--max-drop allows a score drop; the stage drops and new findings still fail', async () => {
    const copy = await estate();
    edit(copy, MANIFEST, (t) => t.replace('--audit-log-maxage=400', '--audit-log-maxage=7'));
    const r = await runCli(['scan', 'demo', '--baseline', 'base.json', '--max-drop', '50', '-f', 'json'], copy);
    assert.equal(r.code, 1);
    const c = (JSON.parse(r.stdout) as ScanResult).comparison;
    assert.equal(c?.maxDrop, 50);
    assert.ok(c?.regressions.every((line) => !line.startsWith('score dropped')));
  });

  test('with --baseline the config and profile gates do not apply; gate.maxDrop and explicit flags do', async () => {
    const copy = await estate();
    writeFileSync(join(copy, 'demo', '.ztmm.yaml'), 'gate:\n  failUnder: 99\n  maxDrop: 5\n');
    assert.equal((await runCli(['scan', 'demo'], copy)).code, 1, 'the config gate applies without --baseline');
    const r = await runCli(['scan', 'demo', '--baseline', 'base.json'], copy);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /gate: --baseline --max-drop 5 ✔\n/);
    const explicit = await runCli(['scan', 'demo', '--baseline', 'base.json', '--fail-under', '99'], copy);
    assert.equal(explicit.code, 1);
    assert.match(explicit.stdout, /gate: --fail-under 99 ✘ {2}--baseline --max-drop 5 ✔/);
    const override = await runCli(['scan', 'demo', '--baseline', 'base.json', '--max-drop', '0', '-f', 'json'], copy);
    assert.equal((JSON.parse(override.stdout) as ScanResult).comparison?.maxDrop, 0);
  });

  test('ztmm report renders a result saved with --baseline exactly as the scan did', async () => {
    const copy = await estate();
    edit(copy, MANIFEST, (t) => t.replace('--audit-log-maxage=400', '--audit-log-maxage=7'));
    const saved = await runCli(['scan', 'demo', '--baseline', 'base.json', '-f', 'json', '-o', 'with.json'], copy);
    assert.equal(saved.code, 1);
    for (const format of ['text', 'markdown']) {
      const direct = await runCli(['scan', 'demo', '--baseline', 'base.json', '-f', format], copy);
      const again = await runCli(['report', 'with.json', '-f', format], copy);
      assert.equal(again.stdout, direct.stdout, format);
      assert.equal(again.code, 1, format);
    }
  });

  test('a bad baseline or option is exit 2 with one line, before any scan', async () => {
    const missing = await runCli(['scan', 'demo', '--baseline', 'nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'ztmm: nope.json: cannot read the result (ENOENT)\n');
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion": "1"}');
    const bad = await runCli(['scan', 'demo', '--baseline', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^ztmm: bad\.json: not a valid ztmm result: .*\n$/);
    rmSync(join(dir, 'bad.json'));
    assert.equal((await runCli(['scan', 'demo', '--baseline', 'base.json', '--max-drop', '101'], dir)).stderr, 'ztmm: --max-drop takes a whole number from 0 to 100, not "101"\n');
    assert.equal((await runCli(['scan', 'demo', '--max-drop', '3'], dir)).stderr, 'ztmm: --max-drop needs --baseline\n');
  });
});
