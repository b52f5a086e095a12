/** Config waivers applied to findings (pure): matching, expiry, statuses. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyWaivers, isCalendarDate, isExpired, namesRule } from '../../src/assess/waivers.js';
import type { Waiver } from '../../src/config/types.js';
import type { Finding } from '../../src/model/result.js';
import type { Outcome } from '../../src/model/vocabulary.js';

function finding(ruleId: string, outcome: Outcome, over: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    slug: `slug-${ruleId.toLowerCase()}`,
    title: `Rule ${ruleId}`,
    outcome,
    severity: 'medium',
    dimension: 'coverage',
    pillars: ['identity'],
    stage: 'initial',
    subject: 'Policy/audit-policy',
    message: `${ruleId} went ${outcome}`,
    data: {},
    locations: [{ path: 'etc/kubernetes/audit-policy.yaml', line: 30, column: 5 }],
    references: [],
    ...over,
  };
}

function waiver(rule: string, over: Partial<Waiver> = {}): Waiver {
  return { rule, reason: 'accepted for now', declaredAt: { path: '/abs/.ztmm.yaml', line: 3, column: 5 }, ...over };
}

const CONTEXT = { today: '2025-06-15', configPath: 'config/.ztmm.yaml' };

describe('applyWaivers', () => {
  test('waives a failing finding: outcome waived, original outcome and message kept, at in the shown config', () => {
    const { findings, statuses } = applyWaivers([finding('COV-006', 'fail')], [waiver('COV-006', { owner: 'platform', expires: '2025-06-16' })], CONTEXT);
    const f = findings[0];
    assert.equal(f?.outcome, 'waived');
    assert.equal(f?.message, 'COV-006 went fail');
    assert.deepEqual(f?.waiver, {
      source: 'config',
      reason: 'accepted for now',
      owner: 'platform',
      expires: '2025-06-16',
      at: { path: 'config/.ztmm.yaml', line: 3, column: 5 },
      outcome: 'fail',
    });
    assert.deepEqual(statuses, [
      {
        rule: 'COV-006',
        reason: 'accepted for now',
        owner: 'platform',
        expires: '2025-06-16',
        at: { path: 'config/.ztmm.yaml', line: 3, column: 5 },
        status: 'active',
        findings: 1,
      },
    ]);
  });

  test('does not change its input', () => {
    const input = [finding('COV-006', 'fail')];
    applyWaivers(input, [waiver('COV-006')], CONTEXT);
    assert.equal(input[0]?.outcome, 'fail');
    assert.equal(input[0]?.waiver, undefined);
  });

  test('waives fail, no-evidence and error; never pass or not-applicable', () => {
    const outcomes: Outcome[] = ['fail', 'no-evidence', 'error', 'pass', 'not-applicable'];
    const { findings, statuses } = applyWaivers(
      outcomes.map((o, i) => finding('COV-006', o, { subject: `s${i}` })),
      [waiver('COV-006')],
      CONTEXT,
    );
    assert.deepEqual(
      findings.map((f) => f.outcome),
      ['waived', 'waived', 'waived', 'pass', 'not-applicable'],
    );
    assert.deepEqual(
      findings.map((f) => f.waiver?.outcome),
      ['fail', 'no-evidence', 'error', undefined, undefined],
    );
    assert.equal(statuses[0]?.findings, 3);
  });

  test('expiry is inclusive: the last day still applies, the day after does not', () => {
    const onTheDay = applyWaivers([finding('COV-006', 'fail')], [waiver('COV-006', { expires: '2025-06-15' })], CONTEXT);
    assert.equal(onTheDay.findings[0]?.outcome, 'waived');
    assert.equal(onTheDay.statuses[0]?.status, 'active');
    const expiredYesterday = applyWaivers([finding('COV-006', 'fail')], [waiver('COV-006', { expires: '2025-06-14' })], CONTEXT);
    assert.equal(expiredYesterday.findings[0]?.outcome, 'fail');
    assert.equal(expiredYesterday.findings[0]?.waiver, undefined);
    assert.equal(expiredYesterday.statuses[0]?.status, 'expired');
    assert.equal(expiredYesterday.statuses[0]?.findings, 0);
  });

  test('an expired waiver is reported as expired even when nothing would match it', () => {
    const { statuses } = applyWaivers([], [waiver('NOPE-1', { expires: '2020-01-01' })], CONTEXT);
    assert.equal(statuses[0]?.status, 'expired');
  });

  test('a waiver that matches nothing is unused; statuses keep config order', () => {
    const { statuses } = applyWaivers(
      [finding('COV-006', 'fail'), finding('FMT-004', 'pass')],
      [waiver('FMT-004'), waiver('COV-006'), waiver('MET-001', { expires: '2000-01-01' })],
      CONTEXT,
    );
    assert.deepEqual(
      statuses.map((s) => [s.rule, s.status, s.findings]),
      [
        ['FMT-004', 'unused', 0],
        ['COV-006', 'active', 1],
        ['MET-001', 'expired', 0],
      ],
    );
  });

  test('the rule matches by id in any case or by slug', () => {
    assert.ok(namesRule('cov-006', { ruleId: 'COV-006', slug: 'x' }));
    assert.ok(namesRule('audit-policy-covers', { ruleId: 'COV-006', slug: 'audit-policy-covers' }));
    assert.ok(!namesRule('COV-00', { ruleId: 'COV-006', slug: 'x' }));
    const { findings } = applyWaivers([finding('COV-006', 'fail'), finding('FMT-004', 'fail')], [waiver('cov-006'), waiver('slug-fmt-004')], CONTEXT);
    assert.deepEqual(
      findings.map((f) => f.outcome),
      ['waived', 'waived'],
    );
  });

  test('subject must match exactly when given', () => {
    const { findings, statuses } = applyWaivers(
      [finding('MET-002', 'fail', { subject: 'sample:a.log' }), finding('MET-002', 'fail', { subject: 'sample:a.log.1' })],
      [waiver('MET-002', { subject: 'sample:a.log' })],
      CONTEXT,
    );
    assert.deepEqual(
      findings.map((f) => f.outcome),
      ['waived', 'fail'],
    );
    assert.equal(statuses[0]?.subject, 'sample:a.log');
  });

  test('path is a glob (dot files included) against any location of the finding', () => {
    const at = (path: string): Finding['locations'] => [{ path, line: 1, column: 1 }];
    const { findings, statuses } = applyWaivers(
      [
        finding('MET-002', 'fail', { subject: 'a', locations: at('var/log/payments/api.jsonl') }),
        finding('MET-002', 'fail', { subject: 'b', locations: at('var/log/.hidden/x.log') }),
        finding('MET-002', 'fail', { subject: 'c', locations: at('srv/app.log') }),
        finding('MET-002', 'fail', { subject: 'd', locations: [...at('srv/other.log'), ...at('var/log/y.log')] }),
        finding('MET-002', 'fail', { subject: 'e', locations: [] }),
      ],
      [waiver('MET-002', { path: 'var/log/**' })],
      CONTEXT,
    );
    assert.deepEqual(
      findings.map((f) => f.outcome),
      ['waived', 'waived', 'fail', 'waived', 'fail'],
    );
    assert.equal(statuses[0]?.path, 'var/log/**');
    assert.equal(statuses[0]?.findings, 3);
  });

  test('the first waiver in config order waives a finding; an already waived finding is left alone', () => {
    const inline = { ...finding('FMT-004', 'waived'), waiver: { source: 'inline' as const, reason: 'r', at: { path: 'x', line: 1, column: 1 }, outcome: 'fail' as const } };
    const { findings, statuses } = applyWaivers([finding('COV-006', 'fail'), inline], [waiver('COV-006', { reason: 'first' }), waiver('COV-006', { reason: 'second' }), waiver('FMT-004')], CONTEXT);
    assert.equal(findings[0]?.waiver?.reason, 'first');
    assert.equal(findings[1]?.waiver?.source, 'inline');
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['active', 'unused', 'unused'],
    );
  });

  test('an expired waiver does not shadow a later one that still applies', () => {
    const { findings, statuses } = applyWaivers(
      [finding('COV-006', 'fail')],
      [waiver('COV-006', { expires: '2025-01-01', reason: 'old' }), waiver('COV-006', { expires: '2025-12-31', reason: 'renewed' })],
      CONTEXT,
    );
    assert.equal(findings[0]?.waiver?.reason, 'renewed');
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['expired', 'active'],
    );
  });
});

describe('dates', () => {
  test('isExpired compares YYYY-MM-DD days, inclusive; no expiry never expires', () => {
    assert.equal(isExpired('2025-06-14', '2025-06-15'), true);
    assert.equal(isExpired('2025-06-15', '2025-06-15'), false);
    assert.equal(isExpired('2026-01-01', '2025-12-31'), false);
    assert.equal(isExpired(undefined, '2999-01-01'), false);
  });
  test('isCalendarDate accepts real YYYY-MM-DD dates only', () => {
    assert.ok(isCalendarDate('2024-02-29'));
    assert.ok(!isCalendarDate('2025-02-29'));
    assert.ok(!isCalendarDate('2025-6-1'));
    assert.ok(!isCalendarDate('tomorrow'));
    assert.ok(!isCalendarDate('2025-06-01T00:00:00Z'));
  });
});
