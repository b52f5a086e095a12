/** Runs every rule over every subject of its kind (pure): one RuleResult per rule and subject. */
import type { Subject } from '../model/subject.js';
import type { Outcome } from '../model/vocabulary.js';
import type { Rule } from '../rules/types.js';
import { evaluateCondition } from './evaluate-condition.js';
import type { Evidence, VerdictState } from './evaluate-condition.js';

export interface RuleResult {
  rule: Rule;
  subject: Subject;
  outcome: Outcome;
  evidence: Evidence | null;
}

const OUTCOME_OF: Record<VerdictState, Outcome> = {
  pass: 'pass',
  fail: 'fail',
  unknown: 'no-evidence',
  error: 'error',
};

export function evaluateRule(rule: Rule, subject: Subject): RuleResult {
  const context = { whenMissing: rule.whenMissing, unreadable: subject.unreadable, unknown: subject.unknown ?? {} };
  if (rule.target.where) {
    // A filter that cannot be decided leaves the rule not applicable: absent facts never widen scope.
    const filter = evaluateCondition(rule.target.where, subject.facts, { ...context, whenMissing: 'fail' });
    if (filter.state !== 'pass') return { rule, subject, outcome: 'not-applicable', evidence: filter.evidence };
  }
  const verdict = evaluateCondition(rule.check, subject.facts, context);
  return { rule, subject, outcome: OUTCOME_OF[verdict.state], evidence: verdict.evidence };
}

export function evaluateRules(rules: readonly Rule[], subjects: readonly Subject[]): RuleResult[] {
  const results: RuleResult[] = [];
  for (const rule of rules) {
    for (const subject of subjects) {
      if (subject.kind === rule.target.kind) results.push(evaluateRule(rule, subject));
    }
  }
  return results;
}
