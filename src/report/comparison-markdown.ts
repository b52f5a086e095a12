/**
 * A comparison with a baseline as GitHub-flavoured Markdown (pure): the verdict, a table of stage
 * and score per pillar and capability before and after (↑ up, ↓ down), the regressions, and the
 * blocking findings that are new and those fixed. Scanned text is escaped as the main Markdown
 * report escapes it; each list stops after MAX_LISTED entries, so the section stays small.
 */
import type { Comparison } from '../model/assessment.js';
import { AREA_TITLES, STAGE_TITLES } from '../model/vocabulary.js';
import { direction, scoreChange, verdictWords } from './comparison-text.js';
import { mdCode, mdText, plural } from './markdown-text.js';
import type { Stage } from '../model/vocabulary.js';

/** Entries listed per section; the rest are counted. */
export const MAX_LISTED = 50;

function arrow(d: number): string {
  return d > 0 ? '↑ ' : d < 0 ? '↓ ' : '';
}

function stageCell(before: Stage, after: Stage): string {
  return `${arrow(direction(before, after))}${STAGE_TITLES[after]}`;
}

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_LISTED) return lines;
  return [...lines.slice(0, MAX_LISTED), `- … and ${lines.length - MAX_LISTED} more`];
}

function findingLines(entries: Comparison['newFindings']): string[] {
  return capped(
    entries.map((e) => {
      const at = e.location ? ` · ${mdCode(`${e.location.path}:${e.location.line}`)}` : '';
      return `- ${mdCode(e.ruleId)} ${mdText(e.subject)} — ${mdText(e.message)}${at}`;
    }),
  );
}

export function formatComparisonMarkdown(c: Comparison): string {
  const blocks: string[] = ['### Compared with the baseline'];
  blocks.push(
    c.regressions.length === 0
      ? `**✔ ${verdictWords(c)}** (the score may drop by ${c.maxDrop})`
      : `**✘ ${verdictWords(c)}**: the baseline gate fails`,
  );
  const rows = [
    '| Pillar / capability | Stage before | Stage after | Score |',
    '|---|---|---|---|',
    ...c.areas.map((a) => `| ${AREA_TITLES[a.id]} | ${STAGE_TITLES[a.before]} | ${stageCell(a.before, a.after)} | ${scoreChange(a.scoreBefore, a.scoreAfter)} |`),
    `| **Overall** | ${STAGE_TITLES[c.stage.before]} | ${stageCell(c.stage.before, c.stage.after)} | ${scoreChange(c.score.before, c.score.after)} |`,
  ];
  blocks.push(rows.join('\n'));
  if (c.regressions.length > 0) {
    blocks.push('#### Regressions');
    blocks.push(capped(c.regressions.map((r) => `- ${mdText(r)}`)).join('\n'));
  }
  if (c.newFindings.length > 0) {
    blocks.push(`#### New blocking findings · ${plural(c.newFindings.length, 'finding')}`);
    blocks.push(findingLines(c.newFindings).join('\n'));
  }
  if (c.fixedFindings.length > 0) {
    blocks.push(`#### Fixed · ${plural(c.fixedFindings.length, 'finding')}`);
    blocks.push(findingLines(c.fixedFindings).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}
