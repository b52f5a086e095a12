/** The JSON result contract of DESIGN.md (schemaVersion "1"), shipped as schema/result.schema.json. */
import type { Detection, LogSource, Route, SampleStats, Sink } from './estate.js';
import type { Area, Dimension, Location, Outcome, Severity, Stage } from './vocabulary.js';
import type { Reference, RulePillar } from '../rules/types.js';
import type { Comparison, Crosswalk, FindingWaiver, SuppressionStatus, WaiverStatus } from './assessment.js';

export type { Comparison, Crosswalk, CrosswalkLevel, CrosswalkRequirement, FindingWaiver, RequirementStatus, SuppressionStatus, WaiverStatus } from './assessment.js';

export type OutcomeCounts = Record<Outcome, number>;

export interface Finding {
  ruleId: string;
  slug: string;
  title: string;
  outcome: Outcome;
  severity: Severity;
  dimension: Dimension;
  pillars: Area[];
  stage: Stage;
  subject: string;
  message: string;
  /** The values the message was rendered from (value, expected, path, reason). */
  data: Record<string, unknown>;
  locations: Location[];
  references: Reference[];
  /** Present when the outcome is `waived`. */
  waiver?: FindingWaiver;
}

export interface StageScore {
  stage: Stage;
  score: number;
}

export interface AreaResult {
  id: Area;
  kind: 'pillar' | 'capability';
  stage: Stage;
  score: number;
  next: { stage: Stage; blockers: string[] } | null;
  dimensions: Partial<Record<Dimension, StageScore>>;
  /**
   * Log sources and samples in the estate that belong to this pillar (for a capability: all of
   * them). A pillar with none stays Traditional, whatever its findings.
   */
  evidence: number;
}

export type InventoryStatus = 'assessed' | 'skipped' | 'error';

export interface InventoryEntry {
  path: string;
  status: InventoryStatus;
  kind?: string;
  reason?: string;
}

export interface EstateResult {
  sources: LogSource[];
  sinks: Sink[];
  routes: Route[];
  detections: Detection[];
  samples: SampleStats[];
}

/** What a report needs to explain a rule without the packs (SARIF descriptors, HTML, `ztmm report`). */
export interface RuleInfo {
  id: string;
  slug: string;
  title: string;
  dimension: Dimension;
  /** As written in the pack: areas, or `subject` for the pillars of the judged source or sample. */
  pillars: RulePillar[];
  stage: Stage;
  severity: Severity;
  rationale: string;
  remediation: string;
  references: Reference[];
}

export interface ScanResult {
  schemaVersion: '1';
  tool: { name: 'ztmm'; version: string };
  /**
   * The folder report paths are relative to, as a posix path from the root of the Git work tree
   * that holds it ('' at the work tree root); null outside a Git work tree.
   */
  repositoryBase: string | null;
  summary: {
    score: number;
    stage: Stage;
    profile: string;
    counts: OutcomeCounts;
  };
  pillars: AreaResult[];
  findings: Finding[];
  estate: EstateResult;
  inventory: InventoryEntry[];
  /** The rules evaluated, in id order. */
  rules: RuleInfo[];
  /*
   * The assessment layer. A scan always writes the three lists (empty when unused); they are
   * optional so that results saved before they existed still load in `ztmm report`.
   */
  waivers?: WaiverStatus[];
  suppressions?: SuppressionStatus[];
  /** Framework crosswalks asked for (--framework, or the profile's own). */
  crosswalks?: Crosswalk[];
  /** Present with --baseline. */
  comparison?: Comparison;
}
