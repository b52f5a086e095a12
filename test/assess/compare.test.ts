import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareResults } from '../../src/assess/compare.js';
import type { Finding, ScanResult } from '../../src/model/result.js';
import { AREAS } from '../../src/model/vocabulary.js';
import type { Area, Stage } from '../../src/model/vocabulary.js';
import { formatComparisonMarkdown } from '../../src/report/comparison-markdown.js';
import { formatComparisonJson, formatComparisonText } from '../../src/report/comparison-text.js';

function finding(ruleId: string, outcome: Finding['outcome'], line: number, subject = 'Pod/kube-system/kube-apiserver', path = 'k8s/api.yaml'): Finding {
  return {
    ruleId,
    slug: ruleId.toLowerCase(),
    title: `title of ${ruleId}`,
    outcome,
    severity: 'medium',
    dimension: 'retention',
    pillars: ['governance'],
    stage: 'initial',
    subject,
    message: `message of ${ruleId} at ${line}`,
    data: {},
    locations: [{ path, line, column: 7 }],
    references: [],
  };
}

function result(options: { findings?: Finding[]; score?: number; stages?: Partial<Record<Area, Stage>>; scores?: Partial<Record<Area, number>>; base?: string | null } = {}): ScanResult {
  return {
    schemaVersion: '1',
    tool: { name: 'ztmm', version: '9.9.9' },
    repositoryBase: options.base ?? null,
    summary: { score: options.score ?? 60, stage: 'initial', profile: 'ztmm', counts: { pass: 0, fail: 0, 'no-evidence': 0, 'not-applicable': 0, error: 0, waived: 0 } },
    pillars: AREAS.map((id) => ({
      id,
      kind: ['visibility', 'automation', 'governance'].includes(id) ? ('capability' as const) : ('pillar' as const),
      stage: options.stages?.[id] ?? 'initial',
      score: options.scores?.[id] ?? 60,
      next: null,
      dimensions: {},
      evidence: 1,
    })),
    findings: options.findings ?? [finding('RET-001', 'fail', 14), finding('COV-001', 'pass', 3)],
    estate: { sources: [], sinks: [], routes: [], detections: [], samples: [] },
    inventory: [],
    rules: [],
  };
}

describe('compareResults', () => {
  test('an unchanged result: no regression, no new or fixed finding, all eight areas', () => {
    const c = compareResults(result(), result(), 0);
    assert.deepEqual(c.regressions, []);
    assert.deepEqual(c.newFindings, []);
    assert.deepEqual(c.fixedFindings, []);
    assert.deepEqual(c.areas.map((a) => a.id), [...AREAS]);
    assert.deepEqual(c.score, { before: 60, after: 60 });
    assert.equal(c.maxDrop, 0);
  });

  test('a pillar or capability whose stage drops is a regression; a rise is not', () => {
    const before = result({ stages: { identity: 'advanced', governance: 'advanced' } });
    const after = result({ stages: { identity: 'initial', governance: 'optimal', data: 'advanced' } });
    const c = compareResults(before, after, 0);
    assert.deepEqual(c.regressions, ['identity stage dropped: Advanced → Initial']);
    const identity = c.areas.find((a) => a.id === 'identity');
    assert.deepEqual(identity, { id: 'identity', before: 'advanced', after: 'initial', scoreBefore: 60, scoreAfter: 60 });
    assert.equal(c.areas.find((a) => a.id === 'governance')?.after, 'optimal');
  });

  test('a score drop within --max-drop holds; above it is a regression', () => {
    assert.deepEqual(compareResults(result({ score: 60 }), result({ score: 57 }), 3).regressions, []);
    assert.deepEqual(compareResults(result({ score: 60 }), result({ score: 57 }), 2).regressions, ['score dropped by 3: 60 → 57 (--max-drop 2)']);
    assert.deepEqual(compareResults(result({ score: 60 }), result({ score: 59 }), 0).regressions, ['score dropped by 1: 60 → 59 (--max-drop 0)']);
    assert.deepEqual(compareResults(result({ score: 60 }), result({ score: 70 }), 0).regressions, []);
  });

  test('a new failing finding is a regression, named with its rule, subject and place', () => {
    const after = result({ findings: [finding('RET-001', 'fail', 14), finding('RET-004', 'fail', 9), finding('CEN-002', 'no-evidence', 2, 'source:x')] });
    const c = compareResults(result(), after, 0);
    assert.deepEqual(
      c.newFindings.map((f) => [f.ruleId, f.subject, f.location?.line]),
      [
        ['CEN-002', 'source:x', 2],
        ['RET-004', 'Pod/kube-system/kube-apiserver', 9],
      ],
    );
    assert.deepEqual(c.regressions, ['new no-evidence: CEN-002 source:x at k8s/api.yaml:2', 'new fail: RET-004 Pod/kube-system/kube-apiserver at k8s/api.yaml:9']);
    assert.match(c.newFindings[1]?.fingerprint ?? '', /^[0-9a-f]{32}$/);
  });

  test('a finding whose lines moved is the same finding', () => {
    const after = result({ findings: [finding('RET-001', 'fail', 40), finding('COV-001', 'pass', 30)] });
    const c = compareResults(result(), after, 0);
    assert.deepEqual(c.regressions, []);
    assert.deepEqual(c.newFindings, []);
    assert.deepEqual(c.fixedFindings, []);
  });

  test('the same findings scanned from another base are the same findings', () => {
    const before = result({ base: 'infra', findings: [finding('MET-002', 'fail', 1, 'sample:var/log/a.jsonl', 'var/log/a.jsonl')] });
    const after = result({ base: '', findings: [finding('MET-002', 'fail', 1, 'sample:infra/var/log/a.jsonl', 'infra/var/log/a.jsonl')] });
    assert.deepEqual(compareResults(before, after, 0).regressions, []);
  });

  test('a fixed finding is reported and is no regression', () => {
    const after = result({ findings: [finding('RET-001', 'pass', 14), finding('COV-001', 'pass', 3)] });
    const c = compareResults(result(), after, 0);
    assert.deepEqual(c.regressions, []);
    assert.deepEqual(c.fixedFindings.map((f) => [f.ruleId, f.message]), [['RET-001', 'message of RET-001 at 14']]);
  });

  test('waived and not-applicable findings never block: waiving is a fix, unwaiving a new finding', () => {
    const waived = result({ findings: [finding('RET-001', 'waived', 14), finding('COV-001', 'not-applicable', 3)] });
    assert.deepEqual(compareResults(result(), waived, 0).fixedFindings.map((f) => f.ruleId), ['RET-001']);
    assert.deepEqual(compareResults(result(), waived, 0).regressions, []);
    assert.deepEqual(compareResults(waived, result(), 0).regressions, ['new fail: RET-001 Pod/kube-system/kube-apiserver at k8s/api.yaml:14']);
  });

  test('a fail that becomes an error is still the same blocking finding', () => {
    const after = result({ findings: [finding('RET-001', 'error', 14), finding('COV-001', 'pass', 3)] });
    assert.deepEqual(compareResults(result(), after, 0).regressions, []);
  });

  test('stage drops, then the score, then new findings; the order does not depend on finding order', () => {
    const findings = [finding('RET-004', 'fail', 9), finding('AAA-001', 'fail', 1), finding('RET-001', 'fail', 14)];
    const after = result({ score: 50, stages: { data: 'traditional', automation: 'traditional' }, findings });
    const reversed = result({ score: 50, stages: { data: 'traditional', automation: 'traditional' }, findings: [...findings].reverse() });
    const c = compareResults(result(), after, 0);
    assert.deepEqual(c.regressions, [
      'data stage dropped: Initial → Traditional',
      'automation stage dropped: Initial → Traditional',
      'score dropped by 10: 60 → 50 (--max-drop 0)',
      'new fail: AAA-001 Pod/kube-system/kube-apiserver at k8s/api.yaml:1',
      'new fail: RET-004 Pod/kube-system/kube-apiserver at k8s/api.yaml:9',
    ]);
    assert.deepEqual(compareResults(result(), reversed, 0), c);
  });
});

describe('comparison reports', () => {
  const after = result({
    score: 55,
    stages: { identity: 'advanced', governance: 'traditional' },
    scores: { identity: 70, governance: 40 },
    findings: [finding('RET-004', 'fail', 9), finding('COV-001', 'pass', 3)],
  });
  const c = compareResults(result(), after, 0);

  test('text: arrows on stage changes, score changes, new and fixed findings, the verdict', () => {
    const text = formatComparisonText(c, false);
    assert.match(text, /^Compared with the baseline\n/);
    assert.match(text, /\n {2}↑ Identity {14}Initial → Advanced {10}60 → 70 \(\+10\)\n/);
    assert.match(text, /\n {2}↓ Governance {12}Initial → Traditional {7}60 → 40 \(-20\)\n/);
    assert.match(text, /\n {4}Devices {15}Initial {21}60\n/);
    assert.match(text, /Overall {15}Initial {21}60 → 55 \(-5\)\n/);
    assert.match(text, /New blocking findings \(1\)\n {2}✘ RET-004 {2}Pod\/kube-system\/kube-apiserver {2}message of RET-004 at 9 {2}k8s\/api\.yaml:9\n/);
    assert.match(text, /Fixed \(1\)\n {2}✔ RET-001 /);
    assert.match(text, /✘ 3 regressions against the baseline\n {4}- governance stage dropped: Initial → Traditional\n {4}- score dropped by 5/);
    assert.doesNotMatch(text, /\u001b\[/);
    assert.match(formatComparisonText(c, true), /\u001b\[/);
  });

  test('text: the verdict when nothing regressed', () => {
    const text = formatComparisonText(compareResults(result(), result(), 2), false);
    assert.match(text, /✔ no regression against the baseline \(score may drop by 2\)\n$/);
    assert.doesNotMatch(text, /New blocking|Fixed/);
  });

  test('text: control characters in scanned text cannot reach the terminal', () => {
    const evil = result({ findings: [finding('RET-001', 'fail', 1, 'Pod/x\u001b[2J\ny')] });
    assert.doesNotMatch(formatComparisonText(compareResults(result({ findings: [] }), evil, 0), false), /\u001b|x\ny/);
  });

  test('markdown: verdict, area table with arrows, regressions, new and fixed findings', () => {
    const md = formatComparisonMarkdown(c);
    assert.match(md, /^### Compared with the baseline\n\n\*\*✘ 3 regressions against the baseline\*\*: the baseline gate fails\n/);
    assert.match(md, /\n\| Identity \| Initial \| ↑ Advanced \| 60 → 70 \(\+10\) \|\n/);
    assert.match(md, /\n\| Governance \| Initial \| ↓ Traditional \| 60 → 40 \(-20\) \|\n/);
    assert.match(md, /\n\| \*\*Overall\*\* \| Initial \| Initial \| 60 → 55 \(-5\) \|\n/);
    assert.match(md, /#### Regressions\n\n- governance stage dropped/);
    assert.match(md, /#### New blocking findings · 1 finding\n\n- `RET-004` Pod\/kube-system\/kube-apiserver — message of RET-004 at 9 · `k8s\/api\.yaml:9`\n/);
    assert.match(md, /#### Fixed · 1 finding\n\n- `RET-001` /);
  });

  test('markdown: scanned text is escaped and long lists are cut', () => {
    const many = result({ findings: Array.from({ length: 60 }, (_, i) => finding(`NEW-${String(i).padStart(3, '0')}`, 'fail', i + 1, 'Pod/<b>|x')) });
    const md = formatComparisonMarkdown(compareResults(result({ findings: [] }), many, 0));
    assert.doesNotMatch(md, /<b>/);
    assert.match(md, /Pod\/\\<b\\>\\\|x/);
    assert.match(md, /\n- … and 10 more\n/);
  });

  test('json: the comparison as it is, two-space indented', () => {
    assert.deepEqual(JSON.parse(formatComparisonJson(c)), c);
    assert.match(formatComparisonJson(c), /^\{\n {2}"score": \{\n/);
  });
});
