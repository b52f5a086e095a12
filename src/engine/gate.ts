/** The CI gate (pure): --fail-under on the overall score, --min-stage overall or per area. */
import { ZtmmError } from '../errors.js';
import type { ScanResult } from '../model/result.js';
import { AREAS, isArea, parseStage, stageIndex } from '../model/vocabulary.js';
import type { Area, Stage } from '../model/vocabulary.js';

export interface MinStage {
  overall: Stage | null;
  areas: Partial<Record<Area, Stage>>;
}

export interface GateOptions {
  failUnder: number | null;
  minStage: MinStage | null;
}

export interface GateCheck {
  label: string;
  ok: boolean;
}

/** `advanced` (overall) or `identity=advanced,data=initial` (per area). */
export function parseMinStage(spec: string): MinStage {
  const result: MinStage = { overall: null, areas: {} };
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq === -1) {
      const stage = parseStage(part);
      if (!stage) throw new ZtmmError('E_USAGE', `--min-stage: unknown stage "${part}" (traditional, initial, advanced, optimal)`);
      result.overall = stage;
      continue;
    }
    const area = part.slice(0, eq).trim().toLowerCase();
    const stage = parseStage(part.slice(eq + 1));
    if (!isArea(area)) throw new ZtmmError('E_USAGE', `--min-stage: unknown pillar or capability "${area}" (${AREAS.join(', ')})`);
    if (!stage) throw new ZtmmError('E_USAGE', `--min-stage: unknown stage "${part.slice(eq + 1)}" (traditional, initial, advanced, optimal)`);
    result.areas[area] = stage;
  }
  if (result.overall === null && Object.keys(result.areas).length === 0) throw new ZtmmError('E_USAGE', '--min-stage needs a stage or PILLAR=STAGE pairs');
  return result;
}

/** Several --min-stage options: every requirement holds; for the same area the higher stage wins. */
export function mergeMinStages(list: readonly MinStage[]): MinStage {
  const merged: MinStage = { overall: null, areas: {} };
  const higher = (a: Stage | null | undefined, b: Stage | null | undefined): Stage | null => {
    if (!a) return b ?? null;
    if (!b) return a;
    return stageIndex(a) >= stageIndex(b) ? a : b;
  };
  for (const m of list) {
    merged.overall = higher(merged.overall, m.overall);
    for (const area of AREAS) {
      const stage = higher(merged.areas[area], m.areas[area]);
      if (stage) merged.areas[area] = stage;
    }
  }
  return merged;
}

export function parseFailUnder(text: string): number {
  if (!/^\d{1,3}$/.test(text.trim()) || Number(text) > 100) throw new ZtmmError('E_USAGE', `--fail-under takes a whole number from 0 to 100, not "${text}"`);
  return Number(text);
}

export function checkGate(result: ScanResult, options: GateOptions): GateCheck[] {
  const checks: GateCheck[] = [];
  if (options.failUnder !== null) {
    checks.push({ label: `--fail-under ${options.failUnder}`, ok: result.summary.score >= options.failUnder });
  }
  if (options.minStage) {
    const { overall, areas } = options.minStage;
    if (overall) checks.push({ label: `--min-stage ${overall}`, ok: stageIndex(result.summary.stage) >= stageIndex(overall) });
    for (const area of AREAS) {
      const need = areas[area];
      if (!need) continue;
      const got = result.pillars.find((p) => p.id === area)?.stage ?? 'traditional';
      checks.push({ label: `--min-stage ${area}=${need}`, ok: stageIndex(got) >= stageIndex(need) });
    }
  }
  return checks;
}
