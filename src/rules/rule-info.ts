/** The part of a compiled rule that a report shows: no conditions, no pack paths. */
import type { RuleInfo } from '../model/result.js';
import { compareStrings } from '../model/vocabulary.js';
import type { Rule } from './types.js';

export function toRuleInfo(rule: Rule): RuleInfo {
  return {
    id: rule.id,
    slug: rule.slug,
    title: rule.title,
    dimension: rule.dimension,
    pillars: [...rule.pillars],
    stage: rule.stage,
    severity: rule.severity,
    rationale: rule.rationale,
    remediation: rule.remediation,
    references: rule.references.map((r) => ({ ...r })),
  };
}

/** Rule infos in id order, so the result does not depend on pack load order. */
export function ruleInfos(rules: readonly Rule[]): RuleInfo[] {
  return rules.map(toRuleInfo).sort((a, b) => compareStrings(a.id, b.id));
}
