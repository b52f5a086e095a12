import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateCondition } from '../../src/engine/evaluate-condition.js';
import type { ConditionContext } from '../../src/engine/evaluate-condition.js';
import { compilePack } from '../../src/rules/load-packs.js';
import type { Condition } from '../../src/rules/types.js';

/** Compiles a condition through the real pack loader, so tests exercise the YAML surface. */
function condition(yamlCheck: string, params = ''): Condition {
  const text = `pack: t
rules:
  - id: TST-001
    slug: t
    title: a test rule
    dimension: format
    pillars: [applications]
    stage: initial
    severity: low
    target: { kind: sample }
${params ? `    params: ${params}\n` : ''}    check: ${yamlCheck}
    message: test message
    rationale: a rationale long enough to pass
    remediation: a remediation long enough to pass
    references: [{ framework: test, id: "1" }]
`;
  const [rule] = compilePack('t.yaml', text);
  assert.ok(rule);
  return rule.check;
}

const ctx = (over: Partial<ConditionContext> = {}): ConditionContext => ({ whenMissing: 'fail', unreadable: {}, ...over });

describe('comparisons', () => {
  const facts = { a: { n: 30, s: 'json', list: ['x', 'y'] }, ratio: 0.5, events: 3 };
  const cases: [string, string][] = [
    ['{ path: a.n, gte: 30 }', 'pass'],
    ['{ path: a.n, gt: 30 }', 'fail'],
    ['{ path: a.n, lte: 29 }', 'fail'],
    ['{ path: a.n, lt: 31 }', 'pass'],
    ['{ path: a.s, equals: json }', 'pass'],
    ['{ path: a.s, equals: legacy }', 'fail'],
    ['{ path: a.s, in: [legacy, json] }', 'pass'],
    ['{ path: a.s, matches: "^js" }', 'pass'],
    ['{ path: a.s, matches: "^xml" }', 'fail'],
    ['{ path: a.list, contains: y }', 'pass'],
    ['{ path: a.list, contains: z }', 'fail'],
    ['{ path: a.s, contains: so }', 'pass'],
    ['{ path: a.n, exists: true }', 'pass'],
    ['{ path: a.missing, exists: false }', 'pass'],
    ['{ path: a.missing, exists: true }', 'fail'],
    ['{ path: a.s, gte: 3 }', 'fail'],
  ];
  for (const [check, state] of cases) {
    test(`${check} → ${state}`, () => {
      assert.equal(evaluateCondition(condition(check), facts, ctx()).state, state);
    });
  }
  test('evidence carries the path, value and expected value', () => {
    const verdict = evaluateCondition(condition('{ path: a.n, gte: 90 }'), facts, ctx());
    assert.deepEqual(verdict.evidence, { path: 'a.n', test: 'gte', value: 30, expected: 90, reason: null });
  });
  test('parameters are resolved at load time', () => {
    const verdict = evaluateCondition(condition('{ path: a.n, gte: "{{params.min}}" }', '{ min: 31 }'), facts, ctx());
    assert.equal(verdict.state, 'fail');
    assert.equal(verdict.evidence?.expected, 31);
  });
});

describe('missing facts', () => {
  test('a missing fact fails by default', () => {
    assert.equal(evaluateCondition(condition('{ path: nope, gte: 1 }'), {}, ctx()).state, 'fail');
  });
  test('whenMissing: no-evidence makes it unknown with a reason', () => {
    const verdict = evaluateCondition(condition('{ path: nope, gte: 1 }'), { nope: null }, ctx({ whenMissing: 'no-evidence' }));
    assert.equal(verdict.state, 'unknown');
    assert.match(verdict.evidence?.reason ?? '', /nope is not known/);
  });
  test('whenMissing: pass', () => {
    assert.equal(evaluateCondition(condition('{ path: nope, gte: 1 }'), {}, ctx({ whenMissing: 'pass' })).state, 'pass');
  });
  test('an unreadable input gives error, also below its prefix', () => {
    const verdict = evaluateCondition(condition('{ path: policy.ruleCount, gte: 1 }'), {}, ctx({ unreadable: { policy: 'bad yaml' } }));
    assert.equal(verdict.state, 'error');
    assert.equal(verdict.evidence?.reason, 'bad yaml');
  });
});

describe('ratios with a minimum sample size', () => {
  const check = '{ path: ratio, gte: 0.9, minSamples: 5 }';
  test('too few samples → unknown', () => {
    const verdict = evaluateCondition(condition(check), { ratio: 1, events: 4 }, ctx());
    assert.equal(verdict.state, 'unknown');
    assert.match(verdict.evidence?.reason ?? '', /too few samples: events = 4, at least 5 needed/);
  });
  test('enough samples → compared', () => {
    assert.equal(evaluateCondition(condition(check), { ratio: 0.8, events: 5 }, ctx()).state, 'fail');
    assert.equal(evaluateCondition(condition(check), { ratio: 0.95, events: 500 }, ctx()).state, 'pass');
  });
  test('another sample counter can be named', () => {
    const c = condition('{ path: ratio, gte: 0.9, minSamples: 5, samples: lines }');
    assert.equal(evaluateCondition(c, { ratio: 1, events: 100, lines: 2 }, ctx()).state, 'unknown');
  });
});

describe('combinators and quantifiers', () => {
  const facts = { n: 5, items: [{ level: 'Metadata' }, { level: 'None' }], empty: [] as unknown[] };
  test('all: first failure decides; unknown only without failures', () => {
    const c = condition('{ all: [ { path: n, gte: 1 }, { path: n, gte: 10 }, { path: x, gte: 1 } ] }');
    const v = evaluateCondition(c, facts, ctx({ whenMissing: 'no-evidence' }));
    assert.equal(v.state, 'fail');
    assert.equal(v.evidence?.expected, 10);
    const u = condition('{ all: [ { path: n, gte: 1 }, { path: x, gte: 1 } ] }');
    assert.equal(evaluateCondition(u, facts, ctx({ whenMissing: 'no-evidence' })).state, 'unknown');
  });
  test('any: a pass wins', () => {
    assert.equal(evaluateCondition(condition('{ any: [ { path: n, gte: 10 }, { path: n, lte: 5 } ] }'), facts, ctx()).state, 'pass');
    assert.equal(evaluateCondition(condition('{ any: [ { path: n, gte: 10 }, { path: n, lte: 4 } ] }'), facts, ctx()).state, 'fail');
  });
  test('not flips pass and fail', () => {
    assert.equal(evaluateCondition(condition('{ not: { path: n, gte: 10 } }'), facts, ctx()).state, 'pass');
  });
  test('every / some / none over a list, with item paths in the evidence', () => {
    const every = evaluateCondition(condition('{ path: items, every: { path: level, equals: Metadata } }'), facts, ctx());
    assert.equal(every.state, 'fail');
    assert.equal(every.evidence?.path, 'items.1.level');
    assert.equal(evaluateCondition(condition('{ path: items, some: { path: level, equals: None } }'), facts, ctx()).state, 'pass');
    assert.equal(evaluateCondition(condition('{ path: items, none: { path: level, equals: None } }'), facts, ctx()).state, 'fail');
    assert.equal(evaluateCondition(condition('{ path: empty, every: { path: level, equals: None } }'), facts, ctx()).state, 'pass');
    assert.equal(evaluateCondition(condition('{ path: empty, some: { path: level, equals: None } }'), facts, ctx()).state, 'fail');
    assert.equal(evaluateCondition(condition('{ path: n, some: { path: level, equals: None } }'), facts, ctx()).state, 'fail');
  });
});

describe('message placeholders', async () => {
  const { renderMessage } = await import('../../src/engine/render-message.js');
  const context = { data: { value: 0.6667, path: 'probes.pods-exec.level', list: ['a', 'b'] }, params: { min: 0.95 }, facts: { audit: { maxAge: 7 } } };
  test('values, lists, params, facts and filters', () => {
    assert.equal(renderMessage('{{value|percent}} of {{params.min|percent}}; {{path|name}}; {{list}}; {{facts.audit.maxAge}}; {{facts.nope}}', context), '66.7% of 95%; pods-exec; a, b; 7; unset');
  });
  test('unknown placeholders stay visible', () => {
    assert.equal(renderMessage('{{mystery}} {{params.other}}', context), '{{mystery}} {{params.other}}');
  });
});
