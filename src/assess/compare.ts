/**
 * A run against a baseline result (pure): what `ztmm scan --baseline` gates on and `ztmm diff`
 * prints. Per area the stage and score before and after; the blocking findings that are new and
 * those that were fixed, matched by fingerprint (rule, subject and file from the repository root,
 * never a line), so a line moved or a scan base moved is not a new finding; and the regressions,
 * one line per reason the baseline gate fails. Waived and not-applicable findings never block.
 */
import type { Comparison, Finding, ScanResult } from '../model/result.js';
import { AREAS, STAGE_TITLES, compareLocations, compareStrings, stageIndex } from '../model/vocabulary.js';
import type { Location, Stage } from '../model/vocabulary.js';
import { findingFingerprint } from '../report/fingerprint.js';
import { isBlocking } from '../report/text.js';

export type ComparedFinding = Comparison['newFindings'][number];

interface Keyed {
  finding: Finding;
  entry: ComparedFinding;
}

/** Blocking findings by fingerprint; the first in result order stands for a fingerprint seen twice. */
function blockingByFingerprint(result: ScanResult): Map<string, Keyed> {
  const out = new Map<string, Keyed>();
  for (const finding of result.findings) {
    if (!isBlocking(finding)) continue;
    const fingerprint = findingFingerprint(result, finding);
    if (out.has(fingerprint)) continue;
    const location = finding.locations[0];
    out.set(fingerprint, {
      finding,
      entry: {
        ruleId: finding.ruleId,
        subject: finding.subject,
        fingerprint,
        location: location ? { path: location.path, line: location.line, column: location.column } : null,
        message: finding.message,
      },
    });
  }
  return out;
}

function compareLocationOrNull(a: Location | null, b: Location | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return compareLocations(a, b);
}

/** Rule id, subject, location, fingerprint: the same comparison always lists in the same order. */
function byIdentity(a: Keyed, b: Keyed): number {
  return (
    compareStrings(a.entry.ruleId, b.entry.ruleId) ||
    compareStrings(a.entry.subject, b.entry.subject) ||
    compareLocationOrNull(a.entry.location, b.entry.location) ||
    compareStrings(a.entry.fingerprint, b.entry.fingerprint)
  );
}

/** `etc/kubernetes/manifests/kube-apiserver.yaml:27` */
export function locationText(location: Location | null): string {
  return location ? `${location.path}:${location.line}` : '';
}

/** `new fail: RET-001 Pod/kube-system/kube-apiserver at etc/kubernetes/manifests/kube-apiserver.yaml:27` */
function newFindingLine(k: Keyed): string {
  const at = k.entry.location ? ` at ${locationText(k.entry.location)}` : '';
  return `new ${k.finding.outcome}: ${k.entry.ruleId} ${k.entry.subject}${at}`;
}

export function compareResults(before: ScanResult, after: ScanResult, maxDrop: number): Comparison {
  const areaOf = (result: ScanResult, id: string): { stage: Stage; score: number } => {
    const row = result.pillars.find((p) => p.id === id);
    return row ? { stage: row.stage, score: row.score } : { stage: 'traditional', score: 0 };
  };
  const areas = AREAS.map((id) => {
    const b = areaOf(before, id);
    const a = areaOf(after, id);
    return { id, before: b.stage, after: a.stage, scoreBefore: b.score, scoreAfter: a.score };
  });

  const was = blockingByFingerprint(before);
  const now = blockingByFingerprint(after);
  const added = [...now].filter(([fp]) => !was.has(fp)).map(([, k]) => k).sort(byIdentity);
  const fixed = [...was].filter(([fp]) => !now.has(fp)).map(([, k]) => k).sort(byIdentity);

  const regressions: string[] = [];
  for (const area of areas) {
    if (stageIndex(area.after) < stageIndex(area.before)) {
      regressions.push(`${area.id} stage dropped: ${STAGE_TITLES[area.before]} → ${STAGE_TITLES[area.after]}`);
    }
  }
  const drop = before.summary.score - after.summary.score;
  if (drop > maxDrop) {
    regressions.push(`score dropped by ${drop}: ${before.summary.score} → ${after.summary.score} (--max-drop ${maxDrop})`);
  }
  for (const k of added) regressions.push(newFindingLine(k));

  return {
    score: { before: before.summary.score, after: after.summary.score },
    stage: { before: before.summary.stage, after: after.summary.stage },
    areas,
    newFindings: added.map((k) => k.entry),
    fixedFindings: fixed.map((k) => k.entry),
    regressions,
    maxDrop,
  };
}
