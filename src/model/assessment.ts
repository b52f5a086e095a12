/**
 * The assessment layer of the result: waivers and inline suppressions, framework crosswalks, and
 * the comparison with a baseline. Part of the JSON contract (schema/result.schema.json).
 */
import type { Area, Location, Outcome, Stage } from './vocabulary.js';

/** Why a finding is waived: a config waiver or an inline `ztmm:ignore` comment. */
export interface FindingWaiver {
  source: 'config' | 'inline';
  reason: string;
  owner?: string;
  /** YYYY-MM-DD, inclusive. */
  expires?: string;
  /** Where the waiver or comment is written. */
  at: Location;
  /** The outcome before waiving. */
  outcome: Outcome;
}

/** A config waiver and what became of it on this run. */
export interface WaiverStatus {
  rule: string;
  subject?: string;
  path?: string;
  reason: string;
  owner?: string;
  expires?: string;
  at: Location;
  /** active: applied; expired: past its date, not applied; unused: matched no failing finding. */
  status: 'active' | 'expired' | 'unused';
  /** Findings it waived (0 unless active). */
  findings: number;
}

/** An inline `ztmm:ignore RULE-ID reason` comment and what became of it. */
export interface SuppressionStatus {
  rule: string;
  path: string;
  line: number;
  reason: string | null;
  /** applied: waived findings; no-reason: ignored because a reason is required; unused: nothing to waive. */
  status: 'applied' | 'no-reason' | 'unused';
  findings: number;
}

export type RequirementStatus = 'met' | 'not-met' | 'no-evidence';

export interface CrosswalkRequirement {
  id: string;
  title: string;
  /** The framework level (EL1, IG2, ...) the requirement belongs to, when the framework has levels. */
  level: string | null;
  /** Rules whose references name this requirement. */
  rules: string[];
  status: RequirementStatus;
}

export interface CrosswalkLevel {
  id: string;
  title: string;
  met: boolean;
  /** Requirement ids of this level (and below) that are not met or have no evidence. */
  missing: string[];
}

/** One framework's view of the run: each requirement, the rules that evidence it, and its status. */
export interface Crosswalk {
  framework: string;
  title: string;
  requirements: CrosswalkRequirement[];
  levels: CrosswalkLevel[];
  /** The highest level met (EL2, IG1, ...); the framework's floor (EL0) or null when none is. */
  level: string | null;
}

/** The run against a baseline result (--baseline). */
export interface Comparison {
  score: { before: number; after: number };
  stage: { before: Stage; after: Stage };
  areas: { id: Area; before: Stage; after: Stage; scoreBefore: number; scoreAfter: number }[];
  /** Blocking findings whose fingerprint the baseline does not have. */
  newFindings: { ruleId: string; subject: string; fingerprint: string; location: Location | null; message: string }[];
  /** Blocking findings of the baseline that no longer block. */
  fixedFindings: { ruleId: string; subject: string; fingerprint: string; location: Location | null; message: string }[];
  /** Why the baseline gate fails, one line each; empty when it holds. */
  regressions: string[];
  maxDrop: number;
}
