/**
 * `ztmm scan --baseline FILE [--max-drop N]`: the scan is compared with a saved JSON result and
 * gates on regressions only (a pillar or capability whose stage drops, an overall score that falls
 * by more than N, a new blocking finding). N comes from --max-drop, else the config's
 * `gate.maxDrop`, else 0. With --baseline the config's and the profile's gate defaults are not
 * applied: only --fail-under and --min-stage given on the command line, plus the regressions.
 */
import { resolve } from 'node:path';
import { compareResults } from '../assess/compare.js';
import type { ZtmmConfig } from '../config/types.js';
import { ZtmmError } from '../errors.js';
import type { ScanResult } from '../model/result.js';
import type { GateLine } from '../report/text.js';
import { loadResult } from './load-result.js';

export interface BaselineFlags {
  baseline?: string;
  maxDrop?: string;
}

export interface Baseline {
  result: ScanResult;
  maxDrop: number;
}

/** A whole number of score points from 0 to 100. */
export function parseMaxDrop(text: string): number {
  if (!/^\d{1,3}$/.test(text.trim()) || Number(text) > 100) throw new ZtmmError('E_USAGE', `--max-drop takes a whole number from 0 to 100, not "${text}"`);
  return Number(text);
}

/**
 * The baseline to compare with, read before the scan so a bad file fails fast (exit 2), or null
 * without --baseline. --max-drop alone is a usage error: it would silently do nothing.
 */
export function loadBaseline(flags: BaselineFlags, config: Pick<ZtmmConfig, 'gate'>, cwd: string): Baseline | null {
  if (flags.baseline === undefined) {
    if (flags.maxDrop !== undefined) throw new ZtmmError('E_USAGE', '--max-drop needs --baseline');
    return null;
  }
  const maxDrop = flags.maxDrop !== undefined ? parseMaxDrop(flags.maxDrop) : (config.gate.maxDrop ?? 0);
  return { result: loadResult(resolve(cwd, flags.baseline), flags.baseline), maxDrop };
}

/** Sets `result.comparison` when there is a baseline. */
export function applyBaseline(result: ScanResult, baseline: Baseline | null): void {
  if (baseline) result.comparison = compareResults(baseline.result, result, baseline.maxDrop);
}

/** The baseline gate as a gate line (every report shows it beside --fail-under and --min-stage). */
export function baselineGate(result: ScanResult): GateLine[] {
  const c = result.comparison;
  if (!c) return [];
  return [{ label: c.maxDrop === 0 ? '--baseline' : `--baseline --max-drop ${c.maxDrop}`, ok: c.regressions.length === 0 }];
}

