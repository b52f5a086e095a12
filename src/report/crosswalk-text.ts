/**
 * A framework crosswalk for the terminal (pure): one line per requirement with its status, level,
 * id, title and the rules that evidence it, then the level line. Knows no framework: levels,
 * titles and ids all come from the crosswalk.
 */
import { Chalk } from 'chalk';
import { levelSummary, statusCounts } from '../assess/crosswalk.js';
import type { LevelSummary } from '../assess/crosswalk.js';
import type { Crosswalk, RequirementStatus } from '../model/assessment.js';

const MARK: Record<RequirementStatus, string> = { met: '✔', 'not-met': '✘', 'no-evidence': '?' };
const WORDS: Record<RequirementStatus, string> = { met: 'met', 'not-met': 'not met', 'no-evidence': 'no evidence' };

/** Columns stop growing here, so one long id or title does not push every row to the right. */
const MAX_ID = 40;
const MAX_TITLE = 48;

/** Pads to `width`; a cell too long for its column still keeps two spaces before the next one. */
function pad(text: string, width: number): string {
  return text.length >= width ? `${text}  ` : text + ' '.repeat(width - text.length);
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** `EL1 (Basic)`; the floor and "none" have no title. */
function levelName(id: string | null, title: string | null): string {
  if (id === null) return 'none';
  return title ? `${id} (${title})` : id;
}

/** "OMB M-21-31 level: EL1 (Basic) — meets: a, b; misses for EL2 (Intermediate): c, d" */
export function levelLine(title: string, s: LevelSummary): string {
  const meets = `meets: ${s.meets.length > 0 ? s.meets.join(', ') : 'none'}`;
  const misses = s.next ? `; misses for ${levelName(s.next.id, s.next.title)}: ${s.next.missing.join(', ')}` : '';
  return `${title} level: ${levelName(s.level, s.title)} — ${meets}${misses}`;
}

export function formatCrosswalkText(c: Crosswalk, color: boolean): string {
  const ch = new Chalk({ level: color ? 1 : 0 });
  const paint: Record<RequirementStatus, (t: string) => string> = { met: ch.green, 'not-met': ch.red, 'no-evidence': ch.yellow };
  const counts = statusCounts(c);
  const out: string[] = [];
  out.push(
    `${ch.bold(c.title)} · ${c.requirements.length} ${c.requirements.length === 1 ? 'requirement' : 'requirements'}: ${counts.met} met · ${counts['not-met']} not met · ${counts['no-evidence']} no evidence`,
  );
  out.push('');
  const withLevels = c.levels.length > 0;
  const levelWidth = withLevels ? Math.max(5, ...c.requirements.map((r) => (r.level ?? '').length)) + 2 : 0;
  const idWidth = Math.min(MAX_ID, Math.max(11, ...c.requirements.map((r) => r.id.length))) + 2;
  const titleWidth = Math.min(MAX_TITLE, Math.max(5, ...c.requirements.map((r) => r.title.length))) + 2;
  const statusWidth = 15;
  out.push(ch.dim(`  ${pad('Status', statusWidth)}${withLevels ? pad('Level', levelWidth) : ''}${pad('Requirement', idWidth)}${pad('Title', titleWidth)}Rules`));
  for (const r of c.requirements) {
    const status = paint[r.status](pad(`${MARK[r.status]} ${WORDS[r.status]}`, statusWidth));
    const level = withLevels ? pad(r.level ?? '-', levelWidth) : '';
    const rules = r.rules.length > 0 ? r.rules.join(', ') : ch.dim('no rule');
    out.push(`  ${status}${level}${pad(r.id, idWidth)}${pad(clip(r.title, MAX_TITLE), titleWidth)}${rules}`);
  }
  const summary = levelSummary(c);
  if (summary) {
    out.push('');
    out.push(`  ${ch.bold(levelLine(c.title, summary))}`);
  }
  return `${out.join('\n')}\n`;
}
