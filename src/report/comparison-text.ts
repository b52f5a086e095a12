/**
 * A comparison with a baseline for the terminal (pure): stage and score per pillar and capability
 * before and after (↑ up, ↓ down), the overall line, the blocking findings that are new and those
 * fixed, and the verdict with one line per regression. Also the JSON view for `ztmm diff -f json`.
 */
import { Chalk } from 'chalk';
import type { Comparison } from '../model/assessment.js';
import { AREA_TITLES, STAGE_TITLES, stageIndex } from '../model/vocabulary.js';
import type { Location, Stage } from '../model/vocabulary.js';
import { flatten } from './markdown-text.js';

function pad(text: string, width: number): string {
  return text.length >= width ? `${text}  ` : text + ' '.repeat(width - text.length);
}

/** `+2`, `-20`, `±0` */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `-${-n}` : '±0';
}

/** 1 up, -1 down, 0 the same. */
export function direction(before: Stage, after: Stage): number {
  return Math.sign(stageIndex(after) - stageIndex(before));
}

/** `Initial`, or `Initial → Advanced` */
export function stageChange(before: Stage, after: Stage): string {
  return before === after ? STAGE_TITLES[after] : `${STAGE_TITLES[before]} → ${STAGE_TITLES[after]}`;
}

/** `98`, or `98 → 100 (+2)` */
export function scoreChange(before: number, after: number): string {
  return before === after ? String(after) : `${before} → ${after} (${signed(after - before)})`;
}

function where(location: Location | null): string {
  return location ? `${location.path}:${location.line}` : '';
}

/** The verdict in a few words: `✔ no regression` or `✘ 2 regressions`. */
export function verdictWords(c: Comparison): string {
  const n = c.regressions.length;
  return n === 0 ? 'no regression against the baseline' : `${n} ${n === 1 ? 'regression' : 'regressions'} against the baseline`;
}

export function formatComparisonText(c: Comparison, color: boolean): string {
  const ch = new Chalk({ level: color ? 1 : 0 });
  const arrow = (d: number): string => (d > 0 ? ch.green('↑') : d < 0 ? ch.red('↓') : ' ');
  const out: string[] = [];
  out.push(`${ch.bold('Compared with the baseline')}`);
  out.push('');
  out.push(ch.dim(`    ${pad('Pillar / capability', 22)}${pad('Stage', 28)}Score`));
  for (const area of c.areas) {
    const d = direction(area.before, area.after);
    out.push(`  ${arrow(d)} ${pad(AREA_TITLES[area.id], 22)}${pad(stageChange(area.before, area.after), 28)}${scoreChange(area.scoreBefore, area.scoreAfter)}`);
  }
  const overall = direction(c.stage.before, c.stage.after);
  out.push(`  ${arrow(overall)} ${ch.bold(pad('Overall', 22))}${pad(stageChange(c.stage.before, c.stage.after), 28)}${scoreChange(c.score.before, c.score.after)}`);

  const list = (title: string, mark: string, entries: Comparison['newFindings']): void => {
    if (entries.length === 0) return;
    out.push('');
    out.push(`  ${ch.bold(`${title} (${entries.length})`)}`);
    const idWidth = Math.max(...entries.map((e) => e.ruleId.length)) + 2;
    for (const e of entries) {
      out.push(`  ${mark} ${pad(e.ruleId, idWidth)}${flatten(e.subject)}  ${flatten(e.message)}  ${ch.dim(where(e.location))}`.trimEnd());
    }
  };
  list('New blocking findings', ch.red('✘'), c.newFindings);
  list('Fixed', ch.green('✔'), c.fixedFindings);

  out.push('');
  if (c.regressions.length === 0) {
    out.push(`  ${ch.green('✔')} ${ch.bold(verdictWords(c))} ${ch.dim(`(score may drop by ${c.maxDrop})`)}`);
  } else {
    out.push(`  ${ch.red('✘')} ${ch.bold(verdictWords(c))}`);
    for (const line of c.regressions) out.push(`    - ${flatten(line)}`);
  }
  return `${out.join('\n')}\n`;
}

/** The comparison alone, two-space indented as the JSON result is. */
export function formatComparisonJson(c: Comparison): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}
