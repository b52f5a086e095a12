import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkGate, mergeMinStages, parseFailUnder, parseMinStage } from '../../src/engine/gate.js';
import { ZtmmError } from '../../src/errors.js';
import type { ScanResult } from '../../src/model/result.js';
import { AREAS } from '../../src/model/vocabulary.js';

const result = {
  summary: { score: 55, stage: 'initial' },
  pillars: AREAS.map((id) => ({ id, stage: id === 'identity' ? 'advanced' : 'initial' })),
} as unknown as ScanResult;

describe('--min-stage', () => {
  test('overall and per-area forms, optimized alias, case-insensitive', () => {
    assert.deepEqual(parseMinStage('Advanced'), { overall: 'advanced', areas: {} });
    assert.deepEqual(parseMinStage('identity=optimized,data=initial'), { overall: null, areas: { identity: 'optimal', data: 'initial' } });
  });
  test('bad input is a usage error', () => {
    for (const bad of ['expert', 'identity=expert', 'people=initial', ',']) {
      assert.throws(() => parseMinStage(bad), (e: unknown) => e instanceof ZtmmError && e.code === 'E_USAGE', bad);
    }
  });
  test('checks compare stages', () => {
    assert.deepEqual(checkGate(result, { failUnder: null, minStage: parseMinStage('initial') }), [{ label: '--min-stage initial', ok: true }]);
    assert.deepEqual(checkGate(result, { failUnder: null, minStage: parseMinStage('advanced') }), [{ label: '--min-stage advanced', ok: false }]);
    assert.deepEqual(checkGate(result, { failUnder: null, minStage: parseMinStage('identity=advanced,data=advanced') }), [
      { label: '--min-stage identity=advanced', ok: true },
      { label: '--min-stage data=advanced', ok: false },
    ]);
  });
});

describe('--fail-under', () => {
  test('0..100 whole numbers', () => {
    assert.equal(parseFailUnder('70'), 70);
    for (const bad of ['-1', '101', '7.5', 'x']) assert.throws(() => parseFailUnder(bad), ZtmmError);
  });
  test('score below the threshold fails; equal passes', () => {
    assert.deepEqual(checkGate(result, { failUnder: 55, minStage: null }), [{ label: '--fail-under 55', ok: true }]);
    assert.deepEqual(checkGate(result, { failUnder: 56, minStage: null }), [{ label: '--fail-under 56', ok: false }]);
  });
});

test('several --min-stage options all hold; the higher stage wins for one area', () => {
  const merged = mergeMinStages([parseMinStage('identity=initial'), parseMinStage('data=advanced,identity=advanced'), parseMinStage('initial')]);
  assert.deepEqual(merged, { overall: 'initial', areas: { identity: 'advanced', data: 'advanced' } });
});
