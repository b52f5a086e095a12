/** Compiled rules and conditions: what a YAML pack becomes after validation. */
import type { Area, Dimension, Location, Severity, Stage } from '../model/vocabulary.js';
import type { SubjectKind } from '../model/subject.js';
import type { Pattern } from './pattern.js';

export type CompareTest = 'exists' | 'equals' | 'in' | 'gte' | 'lte' | 'gt' | 'lt' | 'matches' | 'contains';
export type Quantifier = 'every' | 'some' | 'none';

export type Condition =
  | { op: 'all'; items: Condition[] }
  | { op: 'any'; items: Condition[] }
  | { op: 'not'; item: Condition }
  | {
      op: 'compare';
      path: string;
      test: CompareTest;
      expected: unknown;
      pattern: Pattern | null;
      /** With a ratio: below this many samples the outcome is no-evidence. */
      minSamples: number | null;
      /** The fact that counts the samples (default `events`). */
      samples: string;
    }
  | { op: Quantifier; path: string; item: Condition };

export type MissingPolicy = 'fail' | 'no-evidence' | 'pass';

export interface Reference {
  framework: string;
  id: string;
  note?: string;
}

/** Rule pillars as written: areas, plus `subject` for "the judged subject's pillars". */
export type RulePillar = Area | 'subject';

export interface Rule {
  id: string;
  slug: string;
  title: string;
  dimension: Dimension;
  pillars: RulePillar[];
  stage: Stage;
  severity: Severity;
  target: { kind: SubjectKind; where: Condition | null };
  params: Record<string, unknown>;
  check: Condition;
  whenMissing: MissingPolicy;
  message: string;
  /** Shown for no-evidence outcomes instead of the generic "no evidence (reason)". */
  unknownMessage: string | null;
  rationale: string;
  remediation: string;
  references: Reference[];
  /** The pack this rule came from and where it is declared there. */
  pack: string;
  declaredAt: Location;
}
