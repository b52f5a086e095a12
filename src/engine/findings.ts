/** Turns rule results into findings: concrete pillars, rendered message, locations (pure). */
import { locateFact } from '../model/subject.js';
import type { Finding } from '../model/result.js';
import { compareLocations, compareStrings } from '../model/vocabulary.js';
import { expandPillars } from '../rules/compile-rule.js';
import type { RuleResult } from './evaluate.js';
import { formatValue, renderMessage } from './render-message.js';
import { AREAS } from '../model/vocabulary.js';

export function toFinding(result: RuleResult): Finding {
  const { rule, subject, outcome, evidence } = result;
  const data: Record<string, unknown> = {
    subject: subject.id,
    path: evidence?.path ?? null,
    value: evidence?.value ?? null,
    expected: evidence?.expected ?? null,
    reason: evidence?.reason ?? null,
  };
  const context = { data, params: rule.params, facts: subject.facts };
  let message: string;
  switch (outcome) {
    case 'fail':
      message = renderMessage(rule.message, context);
      break;
    case 'pass':
    case 'waived':
      message = rule.title;
      break;
    case 'no-evidence':
      message = rule.unknownMessage
        ? renderMessage(rule.unknownMessage, context)
        : `${rule.title}: no evidence (${evidence?.reason ?? 'the inputs do not show it'})`;
      break;
    case 'not-applicable':
      message = `${rule.title}: not applicable (${evidence ? `${evidence.path} is ${formatValue(evidence.value)}` : 'filter'})`;
      break;
    case 'error':
      message = `${rule.title}: could not be evaluated (${evidence?.reason ?? 'input unreadable'})`;
      break;
  }
  const location = evidence ? locateFact(subject, evidence.path) : subject.declaredAt;
  const pillars = expandPillars(rule.pillars, subject.pillars).sort((a, b) => AREAS.indexOf(a) - AREAS.indexOf(b));
  return {
    ruleId: rule.id,
    slug: rule.slug,
    title: rule.title,
    outcome,
    severity: rule.severity,
    dimension: rule.dimension,
    pillars,
    stage: rule.stage,
    subject: subject.id,
    message,
    data,
    locations: [location],
    references: rule.references.map((r) => ({ ...r })),
  };
}

/** Stable order: rule id, then subject, then first location. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.subject, b.subject) ||
      compareLocations(a.locations[0] ?? { path: '', line: 0, column: 0 }, b.locations[0] ?? { path: '', line: 0, column: 0 }),
  );
}
