import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Log } from 'sarif';
import { findingFingerprint, subjectInRepository } from '../../src/report/fingerprint.js';
import { formatSarif } from '../../src/report/sarif.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO, REPO } from '../helpers.js';

test('file-named subjects are rewritten from the repository root; others stay', () => {
  const r = { repositoryBase: 'fixtures/demo' };
  assert.equal(subjectInRepository(r, 'sample:var/log/a.log'), 'sample:fixtures/demo/var/log/a.log');
  assert.equal(subjectInRepository(r, 'source:kube-apiserver-audit:etc/k.yaml#Pod/kube-system/x'), 'source:kube-apiserver-audit:fixtures/demo/etc/k.yaml#Pod/kube-system/x');
  assert.equal(subjectInRepository(r, 'Pod/kube-system/x'), 'Pod/kube-system/x');
  assert.equal(subjectInRepository({ repositoryBase: null }, 'sample:a.log'), 'sample:a.log');
});

test('SARIF fingerprints do not move when a parent or a sub-folder is scanned instead', async () => {
  const rules = loadRules();
  const sarifOf = async (root: string): Promise<Map<string, string>> => {
    const { result } = await scan({ roots: [root], rules, cwd: REPO });
    const log = JSON.parse(formatSarif(result)) as Log;
    const byKey = new Map<string, string>();
    for (const r of log.runs[0]?.results ?? []) {
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
      byKey.set(`${r.ruleId ?? ''} ${uri}`, Object.values(r.partialFingerprints ?? {})[0] ?? '');
    }
    return byKey;
  };
  const whole = await sarifOf(DEMO);
  const logsOnly = await sarifOf(join(DEMO, 'var'));
  assert.ok(logsOnly.size >= 3, `${logsOnly.size} results on the logs alone`);
  for (const [key, print] of logsOnly) {
    // Findings on the logs alone that the whole demo also has keep their fingerprint.
    if (whole.has(key)) assert.equal(print, whole.get(key), key);
  }
  const shared = [...logsOnly.keys()].filter((k) => whole.has(k));
  assert.ok(shared.length >= 3, `${shared.length} results in both scans`);
});

test('the fingerprint ignores line, column and message', async () => {
  const { result } = await scan({ roots: [DEMO], rules: loadRules(), cwd: REPO });
  const f = result.findings.find((x) => x.outcome === 'fail');
  assert.ok(f);
  const moved = { ...f, message: 'reworded', locations: f.locations.map((l) => ({ ...l, line: l.line + 7, column: 1 })) };
  assert.equal(findingFingerprint(result, moved), findingFingerprint(result, f));
  assert.notEqual(findingFingerprint(result, { ...f, ruleId: 'OTHER-001' }), findingFingerprint(result, f));
});
