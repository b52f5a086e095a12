import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blockersFor, evidenceByArea, ladderStage, overall, scoreArea, weightedScore } from '../../src/engine/score.js';
import type { Scorable } from '../../src/engine/score.js';
import type { AreaResult, Finding } from '../../src/model/result.js';
import type { Area, Outcome, Severity, Stage } from '../../src/model/vocabulary.js';

const f = (ruleId: string, stage: Stage, outcome: Outcome, severity: Severity = 'medium'): Scorable => ({ ruleId, stage, outcome, severity });

describe('stage ladder', () => {
  test('no findings → traditional', () => assert.equal(ladderStage([]), 'traditional'));
  test('only not-applicable findings → traditional', () => assert.equal(ladderStage([f('A-001', 'initial', 'not-applicable')]), 'traditional'));
  test('all pass up to advanced, no optimal rule → advanced', () => {
    assert.equal(ladderStage([f('A-001', 'initial', 'pass'), f('A-002', 'advanced', 'pass')]), 'advanced');
  });
  test('a failing initial rule holds the area at traditional even when advanced rules pass', () => {
    assert.equal(ladderStage([f('A-001', 'initial', 'fail'), f('A-002', 'advanced', 'pass')]), 'traditional');
  });
  test('no-evidence and error block like fail', () => {
    assert.equal(ladderStage([f('A-001', 'initial', 'pass'), f('A-002', 'advanced', 'no-evidence')]), 'initial');
    assert.equal(ladderStage([f('A-001', 'initial', 'pass'), f('A-002', 'advanced', 'error')]), 'initial');
  });
  test('waived counts as passing', () => {
    assert.equal(ladderStage([f('A-001', 'initial', 'waived'), f('A-002', 'optimal', 'pass')]), 'optimal');
  });
  test('a stage needs a passing rule at or above it', () => {
    // Only traditional-stage rules pass: nothing speaks to Initial.
    assert.equal(ladderStage([f('A-001', 'traditional', 'pass')]), 'traditional');
  });
});

describe('score', () => {
  test('weights by stage and severity, rounded half up', () => {
    // traditional/high = 12 pass, optimal/low = 1 fail → 12/13 = 92.3 → 92
    assert.equal(weightedScore([f('A-001', 'traditional', 'pass', 'high'), f('A-002', 'optimal', 'fail', 'low')]), 92);
    // initial/medium 6 pass, initial/medium 6 fail → 50
    assert.equal(weightedScore([f('A-001', 'initial', 'pass'), f('A-002', 'initial', 'fail')]), 50);
    // advanced/low 2 pass; initial/low 3 fail; initial/low 3 no-evidence → 2/8 = 25
    assert.equal(weightedScore([f('A-001', 'advanced', 'pass', 'low'), f('A-002', 'initial', 'fail', 'low'), f('A-003', 'initial', 'no-evidence', 'low')]), 25);
    // optimal/critical 4 + advanced/low 2 pass, initial/low 3 fail → 6/9 = 66.7 → 67
    assert.equal(weightedScore([f('A-001', 'optimal', 'pass', 'critical'), f('A-002', 'advanced', 'pass', 'low'), f('A-003', 'initial', 'fail', 'low')]), 67);
    // 4 + 1 pass, 3 fail → 5/8 = 62.5: half rounds up → 63
    assert.equal(weightedScore([f('A-001', 'optimal', 'pass', 'critical'), f('A-002', 'optimal', 'pass', 'low'), f('A-003', 'initial', 'fail', 'low')]), 63);
  });
  test('no applicable findings → 0', () => assert.equal(weightedScore([f('A-001', 'initial', 'not-applicable')]), 0));
});

describe('blockers', () => {
  test('ordered by stage, then severity, then id; deduplicated', () => {
    const list = [
      f('B-002', 'advanced', 'fail', 'critical'),
      f('B-001', 'initial', 'fail', 'low'),
      f('A-009', 'initial', 'no-evidence', 'high'),
      f('A-009', 'initial', 'fail', 'high'),
      f('C-001', 'optimal', 'fail', 'critical'),
      f('D-001', 'initial', 'pass', 'critical'),
    ];
    assert.deepEqual(blockersFor(list, 'advanced'), ['A-009', 'B-001', 'B-002']);
  });
});

function finding(ruleId: string, pillars: Area[], stage: Stage, outcome: Outcome, dimension: Finding['dimension'] = 'coverage'): Finding {
  return {
    ruleId,
    slug: ruleId.toLowerCase(),
    title: ruleId,
    outcome,
    severity: 'medium',
    dimension,
    pillars,
    stage,
    subject: 's',
    message: 'm',
    data: {},
    locations: [],
    references: [],
  };
}

describe('areas and overall', () => {
  const findings = [
    finding('A-001', ['identity', 'visibility'], 'initial', 'pass'),
    finding('A-002', ['identity'], 'advanced', 'fail', 'retention'),
    finding('A-003', ['data'], 'advanced', 'pass'),
  ];
  test('an area sees only its findings; dimensions are laddered separately', () => {
    const identity = scoreArea('identity', findings, 1);
    assert.equal(identity.stage, 'initial');
    assert.equal(identity.kind, 'pillar');
    assert.deepEqual(identity.next, { stage: 'advanced', blockers: ['A-002'] });
    assert.deepEqual(identity.dimensions.coverage, { stage: 'initial', score: 100 });
    assert.deepEqual(identity.dimensions.retention, { stage: 'traditional', score: 0 });
    const visibility = scoreArea('visibility', findings, 1);
    assert.equal(visibility.kind, 'capability');
    const devices = scoreArea('devices', findings, 0);
    assert.equal(devices.stage, 'traditional');
    assert.equal(devices.score, 0);
    assert.deepEqual(devices.next, { stage: 'initial', blockers: [] });
  });
  test('a pillar without a log source or sample stays Traditional, even with passing findings', () => {
    const data = scoreArea('data', findings, 0);
    assert.equal(data.stage, 'traditional');
    assert.equal(data.score, 100, 'the score still reports the findings');
    assert.equal(scoreArea('data', findings, 1).stage, 'advanced');
    assert.equal(scoreArea('visibility', findings, 0).stage, 'initial', 'capabilities are not gated by sources');
  });
  test('evidence counts sources and samples per pillar, all of them for capabilities', () => {
    const counts = evidenceByArea({ sources: [{ pillars: ['identity', 'data'] }], samples: [{ pillars: ['applications'] }, { pillars: ['identity'] }] });
    assert.equal(counts.identity, 2);
    assert.equal(counts.data, 1);
    assert.equal(counts.devices, 0);
    assert.equal(counts.visibility, 3);
  });
  test('overall: weakest pillar, mean of pillar scores; capabilities excluded', () => {
    const areas: AreaResult[] = [
      { id: 'identity', kind: 'pillar', stage: 'initial', score: 50, next: null, dimensions: {}, evidence: 1 },
      { id: 'devices', kind: 'pillar', stage: 'advanced', score: 51, next: null, dimensions: {}, evidence: 1 },
      { id: 'networks', kind: 'pillar', stage: 'advanced', score: 50, next: null, dimensions: {}, evidence: 1 },
      { id: 'applications', kind: 'pillar', stage: 'optimal', score: 50, next: null, dimensions: {}, evidence: 1 },
      { id: 'data', kind: 'pillar', stage: 'advanced', score: 51, next: null, dimensions: {}, evidence: 1 },
      { id: 'visibility', kind: 'capability', stage: 'traditional', score: 0, next: null, dimensions: {}, evidence: 1 },
    ];
    assert.deepEqual(overall(areas), { stage: 'initial', score: 50 });
    assert.equal(overall(areas.map((a) => (a.id === 'identity' ? { ...a, score: 52 } : a))).score, 51);
  });
});
