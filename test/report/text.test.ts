import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatJson } from '../../src/report/json.js';
import { formatText, inventoryLine, rankBlockers } from '../../src/report/text.js';
import type { Finding, ScanResult } from '../../src/model/result.js';
import { AREAS } from '../../src/model/vocabulary.js';

function finding(ruleId: string, outcome: Finding['outcome'], stage: Finding['stage'], severity: Finding['severity'], line: number): Finding {
  return {
    ruleId,
    slug: ruleId.toLowerCase(),
    title: `title of ${ruleId}`,
    outcome,
    severity,
    dimension: 'retention',
    pillars: ['identity'],
    stage,
    subject: 'Pod/kube-system/kube-apiserver',
    message: `message of ${ruleId}`,
    data: {},
    locations: [{ path: 'k8s/api.yaml', line, column: 7 }],
    references: [],
  };
}

const result: ScanResult = {
  schemaVersion: '1',
  tool: { name: 'ztmm', version: '9.9.9' },
  repositoryBase: null,
  summary: { score: 42, stage: 'traditional', profile: 'ztmm', counts: { pass: 1, fail: 2, 'no-evidence': 1, 'not-applicable': 0, error: 0, waived: 0 } },
  pillars: AREAS.map((id) => ({
    id,
    kind: ['visibility', 'automation', 'governance'].includes(id) ? ('capability' as const) : ('pillar' as const),
    stage: id === 'identity' ? ('initial' as const) : ('traditional' as const),
    score: id === 'identity' ? 80 : 0,
    next: id === 'identity' ? { stage: 'advanced' as const, blockers: ['RET-004', 'CEN-002'] } : { stage: 'initial' as const, blockers: [] },
    dimensions: {},
    evidence: id === 'identity' ? 2 : 0,
  })),
  findings: [
    finding('CEN-002', 'no-evidence', 'advanced', 'high', 3),
    finding('RET-001', 'fail', 'initial', 'medium', 14),
    finding('RET-004', 'fail', 'advanced', 'high', 9),
    finding('COV-001', 'pass', 'traditional', 'high', 10),
  ],
  estate: { sources: [], sinks: [], routes: [], detections: [], samples: [] },
  inventory: [
    { path: 'a.yaml', status: 'assessed', kind: 'kube-apiserver' },
    { path: 'b.yaml', status: 'error', reason: '3:7: unexpected token' },
    { path: 'c.txt', status: 'skipped', reason: 'not recognised' },
  ],
  rules: [],
};

describe('text report', () => {
  const text = formatText(result, { color: false, gate: [{ label: '--fail-under 40', ok: true }] });
  test('header counts files', () => {
    assert.match(text, /^ztmm 9\.9\.9 · profile ztmm · 3 files \(1 assessed, 1 skipped, 1 error\)\n/);
  });
  test('eight rows with a stage bar, score and what the next stage needs', () => {
    assert.match(text, /\n {2}Identity {14}■■□□ Initial {6}80 {4}RET-004 title of RET-004 \(\+1 more\)\n/);
    assert.match(text, /\n {2}Devices {15}■□□□ Traditional {3}0 {4}no log source for this pillar in the scanned inputs\n/);
    assert.equal((text.match(/[■□]{4}/g) ?? []).length, 8);
  });
  test('overall with the gate', () => {
    assert.match(text, /Overall {2}Traditional · 42\/100 {6}gate: --fail-under 40 ✔/);
  });
  test('blockers: lowest stage first, then severity; with file:line', () => {
    const block = text.split('Top blockers\n')[1]?.split('\n\n')[0] ?? '';
    assert.deepEqual(
      block.split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).join(' ')),
      ['✘ RET-001', '✘ RET-004', '? CEN-002'],
    );
    assert.match(block, /message of RET-001 {2}k8s\/api\.yaml:14/);
  });
  test('roadmap and the inventory line last', () => {
    assert.match(text, /Roadmap\n {2}Identity {6}→ Advanced {2}RET-004, CEN-002\n/);
    assert.ok(text.endsWith('  Inventory: 3 files · 1 assessed · 1 skipped · 1 error: b.yaml:3:7: unexpected token\n'));
  });
  test('colour codes only when asked', () => {
    assert.ok(!text.includes('\u001b['));
    assert.ok(formatText(result, { color: true }).includes('\u001b['));
  });
  test('rankBlockers ignores passes; inventoryLine pluralises', () => {
    assert.deepEqual(rankBlockers(result.findings).map((f) => f.ruleId), ['RET-001', 'RET-004', 'CEN-002']);
    assert.match(inventoryLine({ ...result, inventory: [] }), /0 errors$/);
  });
});

test('json report is the result, indented, newline-terminated, stable', () => {
  const json = formatJson(result);
  assert.ok(json.endsWith('}\n'));
  assert.deepEqual(JSON.parse(json), result);
  assert.equal(formatJson(JSON.parse(json) as ScanResult), json);
});
