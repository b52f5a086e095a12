/**
 * Evaluates a compiled condition over a subject's facts (pure). The verdict is four-valued:
 * pass, fail, unknown (the inputs cannot show it: a missing fact under `whenMissing:
 * no-evidence`, or fewer samples than `minSamples`) and error (an input it needs was unreadable).
 */
import { getFact } from '../rules/fact-path.js';
import type { CompareTest, Condition, MissingPolicy } from '../rules/types.js';

export type VerdictState = 'pass' | 'fail' | 'unknown' | 'error';

/** The comparison that decided a verdict, for messages and locations. */
export interface Evidence {
  path: string;
  test: CompareTest | 'every' | 'some' | 'none';
  value: unknown;
  expected: unknown;
  reason: string | null;
}

export interface Verdict {
  state: VerdictState;
  evidence: Evidence | null;
}

export interface ConditionContext {
  whenMissing: MissingPolicy;
  /** Fact paths that could not be read, with the reason. */
  unreadable: Readonly<Record<string, string>>;
  /** Why a fact the inputs leave unknown is unknown (a construct not understood, ...), by fact path. */
  unknown?: Readonly<Record<string, string>>;
}

export function evaluateCondition(condition: Condition, facts: unknown, context: ConditionContext): Verdict {
  return evaluateAt(condition, facts, '', context);
}

function evaluateAt(condition: Condition, root: unknown, prefix: string, context: ConditionContext): Verdict {
  switch (condition.op) {
    case 'all':
      return combineAll(condition.items.map((item) => evaluateAt(item, root, prefix, context)));
    case 'any':
      return combineAny(condition.items.map((item) => evaluateAt(item, root, prefix, context)));
    case 'not': {
      const inner = evaluateAt(condition.item, root, prefix, context);
      if (inner.state === 'pass') return { state: 'fail', evidence: inner.evidence };
      if (inner.state === 'fail') return { state: 'pass', evidence: inner.evidence };
      return inner;
    }
    case 'compare':
      return compare(condition, root, prefix, context);
    case 'every':
    case 'some':
    case 'none':
      return quantify(condition.op, condition.path, condition.item, root, prefix, context);
  }
}

function combineAll(verdicts: Verdict[]): Verdict {
  for (const state of ['fail', 'error', 'unknown'] as const) {
    const found = verdicts.find((v) => v.state === state);
    if (found) return found;
  }
  return { state: 'pass', evidence: verdicts[0]?.evidence ?? null };
}

function combineAny(verdicts: Verdict[]): Verdict {
  for (const state of ['pass', 'error', 'unknown'] as const) {
    const found = verdicts.find((v) => v.state === state);
    if (found) return found;
  }
  return { state: 'fail', evidence: verdicts[0]?.evidence ?? null };
}

function unreadableReason(fullPath: string, context: ConditionContext): string | null {
  return reasonFor(fullPath, context.unreadable);
}

function missingVerdict(evidence: Evidence, context: ConditionContext): Verdict {
  const policy = context.whenMissing;
  const state: VerdictState = policy === 'fail' ? 'fail' : policy === 'pass' ? 'pass' : 'unknown';
  if (policy !== 'no-evidence') return { state, evidence };
  const why = context.unknown ? reasonFor(evidence.path, context.unknown) : null;
  return { state, evidence: { ...evidence, reason: why ? `${evidence.path} is not known: ${why}` : `${evidence.path} is not known` } };
}

function reasonFor(fullPath: string, reasons: Readonly<Record<string, string>>): string | null {
  for (const [key, reason] of Object.entries(reasons)) {
    if (fullPath === key || fullPath.startsWith(`${key}.`)) return reason;
  }
  return null;
}

function compare(condition: Extract<Condition, { op: 'compare' }>, root: unknown, prefix: string, context: ConditionContext): Verdict {
  const fullPath = prefix + condition.path;
  const value = getFact(root, condition.path);
  const evidence: Evidence = { path: fullPath, test: condition.test, value: value ?? null, expected: condition.expected, reason: null };
  const unreadable = unreadableReason(fullPath, context);
  if (unreadable) return { state: 'error', evidence: { ...evidence, reason: unreadable } };
  if (condition.test === 'exists') {
    const present = value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && value !== '';
    return { state: present === condition.expected ? 'pass' : 'fail', evidence };
  }
  if (value === undefined || value === null) return missingVerdict(evidence, context);
  if (condition.minSamples !== null) {
    const samples = getFact(root, condition.samples);
    const count = typeof samples === 'number' ? samples : 0;
    if (count < condition.minSamples) {
      return { state: 'unknown', evidence: { ...evidence, reason: `too few samples: ${condition.samples} = ${count}, at least ${condition.minSamples} needed` } };
    }
  }
  return { state: test(condition, value) ? 'pass' : 'fail', evidence };
}

function test(condition: Extract<Condition, { op: 'compare' }>, value: unknown): boolean {
  const expected = condition.expected;
  switch (condition.test) {
    case 'equals':
      return value === expected;
    case 'in':
      return Array.isArray(expected) && expected.some((e) => e === value);
    case 'gte':
      return typeof value === 'number' && value >= (expected as number);
    case 'lte':
      return typeof value === 'number' && value <= (expected as number);
    case 'gt':
      return typeof value === 'number' && value > (expected as number);
    case 'lt':
      return typeof value === 'number' && value < (expected as number);
    case 'matches':
      return typeof value === 'string' && condition.pattern !== null && condition.pattern.test(value);
    case 'contains':
      if (Array.isArray(value)) return value.some((v) => v === expected);
      return typeof value === 'string' && typeof expected === 'string' && value.includes(expected);
    case 'exists':
      return value !== undefined && value !== null;
  }
}

function quantify(
  op: 'every' | 'some' | 'none',
  path: string,
  item: Condition,
  root: unknown,
  prefix: string,
  context: ConditionContext,
): Verdict {
  const fullPath = prefix + path;
  const list = getFact(root, path);
  const evidence: Evidence = { path: fullPath, test: op, value: Array.isArray(list) ? list.length : list ?? null, expected: null, reason: null };
  const unreadable = unreadableReason(fullPath, context);
  if (unreadable) return { state: 'error', evidence: { ...evidence, reason: unreadable } };
  if (list === undefined || list === null) return missingVerdict(evidence, context);
  if (!Array.isArray(list)) return { state: 'fail', evidence: { ...evidence, reason: `${fullPath} is not a list` } };
  const verdicts = list.map((element, index) => evaluateAt(item, element, `${fullPath}.${index}.`, context));
  if (op === 'every') return verdicts.length === 0 ? { state: 'pass', evidence } : combineAll(verdicts);
  const some = verdicts.length === 0 ? { state: 'fail' as const, evidence } : combineAny(verdicts);
  if (op === 'some') return some;
  if (some.state === 'pass') return { state: 'fail', evidence: some.evidence };
  if (some.state === 'fail') return { state: 'pass', evidence };
  return some;
}
