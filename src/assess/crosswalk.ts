/**
 * A framework's view of a run (pure): for each requirement, the rules whose references name it
 * and whether their findings meet it; for each level, whether all of its requirements (and those
 * of the levels it includes) are met. All framework knowledge comes from the framework file and
 * the rules' references; this module only counts.
 */
import type { Crosswalk, CrosswalkLevel, CrosswalkRequirement, RequirementStatus } from '../model/assessment.js';
import type { Finding, RuleInfo } from '../model/result.js';
import { compareStrings } from '../model/vocabulary.js';
import type { Framework } from './frameworks.js';

/**
 * met: at least one applicable finding, and every applicable one passes (pass or waived).
 * not-met: some finding fails or errors. no-evidence: anything else — no rule, no finding, or
 * only findings that cannot tell (no-evidence, not-applicable): absence of evidence is not
 * compliance, and a mix of passes and unknowns does not prove the requirement either.
 */
export function requirementStatus(findings: readonly Finding[]): RequirementStatus {
  const applicable = findings.filter((f) => f.outcome !== 'not-applicable');
  if (applicable.some((f) => f.outcome === 'fail' || f.outcome === 'error')) return 'not-met';
  if (applicable.length > 0 && applicable.every((f) => f.outcome === 'pass' || f.outcome === 'waived')) return 'met';
  return 'no-evidence';
}

export function crosswalk(framework: Framework, findings: readonly Finding[], rules: readonly RuleInfo[]): Crosswalk {
  const requirements = framework.requirements.map((req): CrosswalkRequirement => {
    const ruleIds = rules
      .filter((rule) => rule.references.some((ref) => ref.framework === framework.id && ref.id === req.id))
      .map((rule) => rule.id)
      .sort(compareStrings);
    const evidencing = new Set(ruleIds);
    return {
      id: req.id,
      title: req.title,
      level: req.level,
      rules: ruleIds,
      status: requirementStatus(findings.filter((f) => evidencing.has(f.ruleId))),
    };
  });

  const levels = framework.levels.map((level): CrosswalkLevel => {
    const counted = new Set([...level.includes, level.id]);
    // All or nothing: one unmet requirement of the level or of a level below keeps it unmet.
    const missing = requirements.filter((r) => r.level !== null && counted.has(r.level) && r.status !== 'met').map((r) => r.id);
    const any = requirements.some((r) => r.level !== null && counted.has(r.level));
    return { id: level.id, title: level.title, met: any && missing.length === 0, missing };
  });

  // Levels run lowest first, and a level includes those below it, so the last met one is the highest.
  const highest = levels.filter((l) => l.met).at(-1);
  const level = highest ? highest.id : framework.levels.length > 0 ? framework.floor : null;
  return { framework: framework.id, title: framework.title, requirements, levels, level };
}

/** What the level line of a report says: the level reached, what is met, what the next level lacks. */
export interface LevelSummary {
  /** The level reached (or the floor), null when none. */
  level: string | null;
  /** Its title; null for the floor and for none. */
  title: string | null;
  /** Requirements on a level that are met, in framework order. */
  meets: string[];
  /** The lowest level not met, with what it lacks; null when every level is met. */
  next: { id: string; title: string; missing: string[] } | null;
}

/** The level line's content, or null for a framework without levels. */
export function levelSummary(c: Crosswalk): LevelSummary | null {
  if (c.levels.length === 0) return null;
  const reached = c.levels.find((l) => l.id === c.level);
  const next = c.levels.find((l) => !l.met);
  return {
    level: c.level,
    title: reached ? reached.title : null,
    meets: c.requirements.filter((r) => r.level !== null && r.status === 'met').map((r) => r.id),
    next: next ? { id: next.id, title: next.title, missing: [...next.missing] } : null,
  };
}

/** How many requirements have each status. */
export function statusCounts(c: Crosswalk): Record<RequirementStatus, number> {
  const counts: Record<RequirementStatus, number> = { met: 0, 'not-met': 0, 'no-evidence': 0 };
  for (const r of c.requirements) counts[r.status] += 1;
  return counts;
}
