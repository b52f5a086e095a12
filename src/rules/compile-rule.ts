/**
 * Turns one schema-valid rule object into a compiled Rule: resolves `{{params.x}}` references,
 * checks that each condition uses exactly one operator, compiles safe patterns. Problems are
 * returned with the document path that caused them, so the loader can name file:line:col.
 */
import type { DocPath } from '../documents/yaml-document.js';
import { parseStage } from '../model/vocabulary.js';
import type { Area, Dimension, Location, Severity } from '../model/vocabulary.js';
import type { SubjectKind } from '../model/subject.js';
import { compilePattern, isPattern } from './pattern.js';
import type { Pattern } from './pattern.js';
import type { CompareTest, Condition, MissingPolicy, Quantifier, Reference, Rule, RulePillar } from './types.js';

export interface CompileProblem {
  path: DocPath;
  message: string;
}

const COMPARE_TESTS: readonly CompareTest[] = ['exists', 'equals', 'in', 'gte', 'lte', 'gt', 'lt', 'matches', 'contains'];
const QUANTIFIERS: readonly Quantifier[] = ['every', 'some', 'none'];
const PARAM_REF = /^\{\{params\.([a-zA-Z][a-zA-Z0-9]*)\}\}$/;
const PLACEHOLDER = /\{\{\s*params\.([a-zA-Z][a-zA-Z0-9]*)\s*(?:\|\s*(?:percent|name)\s*)?\}\}/g;

class Problems extends Error {
  constructor(readonly problem: CompileProblem) {
    super(problem.message);
  }
}

/** Input is a rule that already passed the pack schema. */
export function compileRule(raw: Record<string, unknown>, pack: string, declaredAt: Location, at: DocPath): Rule | CompileProblem {
  const params = (raw.params ?? {}) as Record<string, unknown>;
  try {
    const target = raw.target as { kind: SubjectKind; where?: unknown };
    const where = target.where === undefined ? null : compileCondition(target.where, params, [...at, 'target', 'where']);
    const check = compileCondition(raw.check, params, [...at, 'check']);
    const message = String(raw.message);
    const unknownMessage = typeof raw.unknownMessage === 'string' ? raw.unknownMessage : null;
    for (const [key, text] of [['message', message], ['unknownMessage', unknownMessage ?? '']] as const) {
      for (const match of text.matchAll(PLACEHOLDER)) {
        const name = match[1] ?? '';
        if (!Object.hasOwn(params, name)) throw new Problems({ path: [...at, key], message: `unknown parameter "${name}" in ${key}` });
      }
    }
    const stage = parseStage(String(raw.stage));
    if (!stage) throw new Problems({ path: [...at, 'stage'], message: `unknown stage ${String(raw.stage)}` });
    return {
      id: String(raw.id),
      slug: String(raw.slug),
      title: String(raw.title),
      dimension: raw.dimension as Dimension,
      pillars: raw.pillars as RulePillar[],
      stage,
      severity: raw.severity as Severity,
      target: { kind: target.kind, where },
      params: { ...params },
      check,
      whenMissing: (raw.whenMissing as MissingPolicy | undefined) ?? 'fail',
      message,
      unknownMessage,
      rationale: String(raw.rationale),
      remediation: String(raw.remediation),
      references: (raw.references as Reference[]).map((r) => ({ ...r })),
      pack,
      declaredAt,
    };
  } catch (error) {
    if (error instanceof Problems) return error.problem;
    throw error;
  }
}

export function isCompileProblem(value: Rule | CompileProblem): value is CompileProblem {
  return !('id' in value);
}

function resolveParam(value: unknown, params: Record<string, unknown>, at: DocPath): unknown {
  if (typeof value !== 'string') return value;
  const match = PARAM_REF.exec(value);
  if (!match) return value;
  const name = match[1] ?? '';
  if (!Object.hasOwn(params, name)) throw new Problems({ path: at, message: `unknown parameter "${name}"` });
  return params[name];
}

function compileCondition(raw: unknown, params: Record<string, unknown>, at: DocPath): Condition {
  const node = raw as Record<string, unknown>;
  const keys = Object.keys(node);
  if ('all' in node || 'any' in node) {
    const op = 'all' in node ? 'all' : 'any';
    if (keys.length !== 1) throw new Problems({ path: at, message: `"${op}" stands alone in its condition` });
    const items = (node[op] as unknown[]).map((item, i) => compileCondition(item, params, [...at, op, i]));
    return { op, items };
  }
  if ('not' in node) {
    if (keys.length !== 1) throw new Problems({ path: at, message: '"not" stands alone in its condition' });
    return { op: 'not', item: compileCondition(node.not, params, [...at, 'not']) };
  }
  if (typeof node.path !== 'string') throw new Problems({ path: at, message: 'a condition needs all, any, not, or a path with one operator' });
  const path = node.path;
  const quantifiers = QUANTIFIERS.filter((q) => q in node);
  const tests = COMPARE_TESTS.filter((t) => t in node);
  if (quantifiers.length + tests.length !== 1) {
    throw new Problems({ path: at, message: `a path condition takes exactly one operator (${[...COMPARE_TESTS, ...QUANTIFIERS].join(', ')})` });
  }
  const quantifier = quantifiers[0];
  if (quantifier) {
    if ('minSamples' in node || 'samples' in node) throw new Problems({ path: at, message: 'minSamples applies to comparisons only' });
    return { op: quantifier, path, item: compileCondition(node[quantifier], params, [...at, quantifier]) };
  }
  const test = tests[0] as CompareTest;
  const expected = resolveParam(node[test], params, [...at, test]);
  if ((test === 'gte' || test === 'lte' || test === 'gt' || test === 'lt') && typeof expected !== 'number') {
    throw new Problems({ path: [...at, test], message: `"${test}" needs a number` });
  }
  if (test === 'in' && !Array.isArray(expected)) throw new Problems({ path: [...at, test], message: '"in" needs a list' });
  let pattern: Pattern | null = null;
  if (test === 'matches') {
    const compiled = compilePattern(String(expected));
    if (!isPattern(compiled)) throw new Problems({ path: [...at, test], message: compiled.error });
    pattern = compiled;
  }
  const minSamplesRaw = node.minSamples === undefined ? null : resolveParam(node.minSamples, params, [...at, 'minSamples']);
  if (minSamplesRaw !== null && typeof minSamplesRaw !== 'number') {
    throw new Problems({ path: [...at, 'minSamples'], message: '"minSamples" needs a number' });
  }
  return {
    op: 'compare',
    path,
    test,
    expected,
    pattern,
    minSamples: minSamplesRaw,
    samples: typeof node.samples === 'string' ? node.samples : 'events',
  };
}

/** Concrete pillars of a rule for one subject: `subject` expands to the subject's pillars. */
export function expandPillars(pillars: readonly RulePillar[], subjectPillars: readonly Area[]): Area[] {
  const out = new Set<Area>();
  for (const p of pillars) {
    if (p === 'subject') for (const s of subjectPillars) out.add(s);
    else out.add(p);
  }
  return [...out];
}
