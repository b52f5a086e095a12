/** Recomputes the worked example of docs/scoring.md from the document itself. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { blockersFor, ladderStage, weightedScore } from '../../src/engine/score.js';
import type { Scorable } from '../../src/engine/score.js';
import { STAGES, stageIndex } from '../../src/model/vocabulary.js';
import type { Stage } from '../../src/model/vocabulary.js';
import { REPO } from '../helpers.js';

interface Example {
  area: string;
  findings: Scorable[];
  expected: { stage: Stage; score: number; next: { stage: Stage; blockers: string[] } };
}

test('docs/scoring.md worked example matches the engine', () => {
  const text = readFileSync(join(REPO, 'docs', 'scoring.md'), 'utf8');
  const block = /```yaml worked-example\n([\s\S]*?)```/.exec(text);
  assert.ok(block?.[1], 'the worked example block is present');
  const example = parse(block[1]) as Example;
  assert.equal(example.findings.length, 7);
  assert.equal(ladderStage(example.findings), example.expected.stage);
  assert.equal(weightedScore(example.findings), example.expected.score);
  const next = STAGES[stageIndex(example.expected.stage) + 1] as Stage;
  assert.equal(next, example.expected.next.stage);
  assert.deepEqual(blockersFor(example.findings, next), example.expected.next.blockers);
  // The prose's follow-up: with MET-002 passing the pillar reaches Initial at 88.
  const fixed = example.findings.map((f) => (f.ruleId === 'MET-002' ? { ...f, outcome: 'pass' as const } : f));
  assert.equal(ladderStage(fixed), 'initial');
  assert.equal(weightedScore(fixed), 88);
  assert.deepEqual(blockersFor(fixed, 'advanced'), ['CEN-002']);
});
