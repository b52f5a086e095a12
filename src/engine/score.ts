/**
 * The stage ladder, the 0–100 score and the roadmap (pure). docs/scoring.md states the same
 * formula with a worked example that test/engine/scoring-doc.test.ts recomputes.
 *
 * Stage ladder: an area reaches stage S when every applicable finding for it with stage ≤ S
 * passes (waived counts as pass; fail, no-evidence and error block) and at least one passing
 * finding has stage ≥ S (absence of evidence is not compliance). With no applicable finding the
 * area is Traditional with score 0, and so is a pillar with no log source or sample.
 *
 * Score: 100 × Σ w·credit / Σ w over applicable findings, w = stage weight × severity weight,
 * credit 1 for pass/waived and 0 otherwise, rounded half up to an integer.
 */
import type { AreaResult, Finding, OutcomeCounts, StageScore } from '../model/result.js';
import { AREAS, CAPABILITIES, DIMENSIONS, OUTCOMES, PILLARS, SEVERITIES, STAGES, compareStrings, stageIndex } from '../model/vocabulary.js';
import type { Area, Severity, Stage } from '../model/vocabulary.js';

export const STAGE_WEIGHT: Record<Stage, number> = { traditional: 4, initial: 3, advanced: 2, optimal: 1 };
export const SEVERITY_WEIGHT: Record<Severity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export type Scorable = Pick<Finding, 'ruleId' | 'outcome' | 'stage' | 'severity'>;

function isApplicable(f: Scorable): boolean {
  return f.outcome !== 'not-applicable';
}

function passes(f: Scorable): boolean {
  return f.outcome === 'pass' || f.outcome === 'waived';
}

export function weightOf(f: Scorable): number {
  return STAGE_WEIGHT[f.stage] * SEVERITY_WEIGHT[f.severity];
}

export function ladderStage(findings: readonly Scorable[]): Stage {
  const applicable = findings.filter(isApplicable);
  let reached: Stage = 'traditional';
  for (const stage of STAGES.slice(1)) {
    const level = stageIndex(stage);
    const blocked = applicable.some((f) => stageIndex(f.stage) <= level && !passes(f));
    const evidenced = applicable.some((f) => stageIndex(f.stage) >= level && passes(f));
    if (blocked || !evidenced) break;
    reached = stage;
  }
  return reached;
}

export function weightedScore(findings: readonly Scorable[]): number {
  let total = 0;
  let earned = 0;
  for (const f of findings) {
    if (!isApplicable(f)) continue;
    const w = weightOf(f);
    total += w;
    if (passes(f)) earned += w;
  }
  if (total === 0) return 0;
  return Math.floor((200 * earned + total) / (2 * total));
}

/** Rule ids that stand between the area and stage `next`, most impactful first. */
export function blockersFor(findings: readonly Scorable[], next: Stage): string[] {
  const level = stageIndex(next);
  const blocking = findings.filter((f) => isApplicable(f) && !passes(f) && stageIndex(f.stage) <= level);
  blocking.sort(
    (a, b) =>
      stageIndex(a.stage) - stageIndex(b.stage) ||
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
      compareStrings(a.ruleId, b.ruleId),
  );
  return [...new Set(blocking.map((f) => f.ruleId))];
}

/** Sources and samples per area: what the estate shows producing events for it. */
export function evidenceByArea(estate: { sources: readonly { pillars: readonly Area[] }[]; samples: readonly { pillars: readonly Area[] }[] }): Record<Area, number> {
  const producers = [...estate.sources, ...estate.samples];
  const counts = Object.fromEntries(AREAS.map((a) => [a, 0])) as Record<Area, number>;
  for (const area of AREAS) {
    counts[area] = (CAPABILITIES as readonly string[]).includes(area) ? producers.length : producers.filter((p) => p.pillars.includes(area)).length;
  }
  return counts;
}

/**
 * One area's stage, score, next stage and dimensions. `evidence` counts the log sources and
 * samples of the area: a pillar with none is Traditional (absence of evidence is not compliance).
 */
export function scoreArea(area: Area, findings: readonly Finding[], evidence: number): AreaResult {
  const mine = findings.filter((f) => f.pillars.includes(area));
  const isPillar = (PILLARS as readonly string[]).includes(area);
  const stage = isPillar && evidence === 0 ? 'traditional' : ladderStage(mine);
  const nextStage = STAGES[stageIndex(stage) + 1];
  const dimensions: AreaResult['dimensions'] = {};
  for (const dimension of DIMENSIONS) {
    const inDimension = mine.filter((f) => f.dimension === dimension && isApplicable(f));
    if (inDimension.length === 0) continue;
    const entry: StageScore = { stage: ladderStage(inDimension), score: weightedScore(inDimension) };
    dimensions[dimension] = entry;
  }
  return {
    id: area,
    kind: (CAPABILITIES as readonly string[]).includes(area) ? 'capability' : 'pillar',
    stage,
    score: weightedScore(mine),
    next: nextStage ? { stage: nextStage, blockers: blockersFor(mine, nextStage) } : null,
    dimensions,
    evidence,
  };
}

export function scoreAreas(findings: readonly Finding[], evidence: Record<Area, number>): AreaResult[] {
  return AREAS.map((area) => scoreArea(area, findings, evidence[area]));
}

/** Overall: the weakest pillar's stage, and the mean of the five pillar scores (rounded half up). */
export function overall(areas: readonly AreaResult[]): { stage: Stage; score: number } {
  const pillars = areas.filter((a) => (PILLARS as readonly string[]).includes(a.id));
  if (pillars.length === 0) return { stage: 'traditional', score: 0 };
  const minIndex = Math.min(...pillars.map((p) => stageIndex(p.stage)));
  const sum = pillars.reduce((acc, p) => acc + p.score, 0);
  return {
    stage: STAGES[minIndex] ?? 'traditional',
    score: Math.floor((2 * sum + pillars.length) / (2 * pillars.length)),
  };
}

export function countOutcomes(findings: readonly Finding[]): OutcomeCounts {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
  for (const f of findings) counts[f.outcome] += 1;
  return counts;
}
