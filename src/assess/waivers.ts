/**
 * Config waivers (`waivers:` in .ztmm.yaml) applied to findings (pure).
 *
 * A waiver names a rule (id, any case, or slug) and optionally a subject (exact) and a path glob
 * (matched against any location of the finding). It waives findings that block (fail,
 * no-evidence, error): their outcome becomes `waived`, the original outcome and message are kept
 * so a reader sees what was waived. A waiver past its `expires` date (inclusive, UTC) does not
 * apply and is reported as expired; one that matches nothing is reported as unused. Waivers are
 * tried in config order and the first that matches a finding waives it.
 */
import picomatch from 'picomatch';
import type { Waiver } from '../config/types.js';
import type { Finding, FindingWaiver, WaiverStatus } from '../model/result.js';
import type { Outcome } from '../model/vocabulary.js';

export interface WaiverContext {
  /** The date expiry is judged at, YYYY-MM-DD (UTC). */
  today: string;
  /** The config file as reports show it; replaces the path of each waiver's declaredAt. */
  configPath: string;
}

/** Outcomes a waiver or suppression can waive: those that block a stage. */
export const WAIVABLE: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'no-evidence', 'error']);

/** Whether `rule` (as written in a waiver or comment) names the finding's rule: id in any case, or slug. */
export function namesRule(rule: string, finding: Pick<Finding, 'ruleId' | 'slug'>): boolean {
  return rule.toLowerCase() === finding.ruleId.toLowerCase() || rule === finding.slug;
}

/** Whether a waiver with this `expires` no longer applies on `today` (both YYYY-MM-DD; inclusive). */
export function isExpired(expires: string | undefined, today: string): boolean {
  return expires !== undefined && today > expires;
}

export function applyWaivers(
  findings: Finding[],
  waivers: readonly Waiver[],
  context: WaiverContext,
): { findings: Finding[]; statuses: WaiverStatus[] } {
  const out = [...findings];
  const statuses: WaiverStatus[] = waivers.map((w) => {
    const status: WaiverStatus = {
      rule: w.rule,
      ...(w.subject !== undefined ? { subject: w.subject } : {}),
      ...(w.path !== undefined ? { path: w.path } : {}),
      reason: w.reason,
      ...(w.owner !== undefined ? { owner: w.owner } : {}),
      ...(w.expires !== undefined ? { expires: w.expires } : {}),
      at: { ...w.declaredAt, path: context.configPath },
      status: isExpired(w.expires, context.today) ? 'expired' : 'unused',
      findings: 0,
    };
    return status;
  });
  const matchers = waivers.map((w) => (w.path !== undefined ? picomatch(w.path, { dot: true }) : null));
  for (let i = 0; i < out.length; i++) {
    const finding = out[i];
    if (!finding || !WAIVABLE.has(finding.outcome)) continue;
    const index = waivers.findIndex((w, k) => {
      if (statuses[k]?.status === 'expired') return false;
      if (!namesRule(w.rule, finding)) return false;
      if (w.subject !== undefined && w.subject !== finding.subject) return false;
      const matches = matchers[k];
      return !matches || finding.locations.some((l) => matches(l.path));
    });
    const waiver = waivers[index];
    const status = statuses[index];
    if (!waiver || !status) continue;
    const applied: FindingWaiver = {
      source: 'config',
      reason: waiver.reason,
      ...(waiver.owner !== undefined ? { owner: waiver.owner } : {}),
      ...(waiver.expires !== undefined ? { expires: waiver.expires } : {}),
      at: { ...status.at },
      outcome: finding.outcome,
    };
    out[i] = { ...finding, outcome: 'waived', waiver: applied };
    status.status = 'active';
    status.findings += 1;
  }
  return { findings: out, statuses };
}

/** Whether `text` is a calendar date written YYYY-MM-DD (as `expires` and `--today` take). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
