/**
 * A framework crosswalk as GitHub-flavoured Markdown (pure): the level line, the status counts,
 * and a table of requirements with their status, level and evidencing rules. Knows no framework:
 * levels, titles and ids all come from the crosswalk. Text is escaped as the main Markdown
 * report escapes it, so a title cannot break the table.
 */
import { levelSummary, statusCounts } from '../assess/crosswalk.js';
import type { LevelSummary } from '../assess/crosswalk.js';
import type { Crosswalk, RequirementStatus } from '../model/assessment.js';
import { mdCode, mdText } from './markdown-text.js';

const MARK: Record<RequirementStatus, string> = { met: '✔', 'not-met': '✘', 'no-evidence': '?' };
const WORDS: Record<RequirementStatus, string> = { met: 'met', 'not-met': 'not met', 'no-evidence': 'no evidence' };

/** A code span inside a table cell: GFM needs `|` escaped even there. */
function cellCode(text: string): string {
  return mdCode(text).replace(/\|/g, '\\|');
}

function levelName(id: string | null, title: string | null): string {
  if (id === null) return 'none';
  return title ? `${mdText(id)} (${mdText(title)})` : mdText(id);
}

function idList(ids: readonly string[]): string {
  return ids.length > 0 ? ids.map(mdCode).join(', ') : 'none';
}

function levelParagraph(title: string, s: LevelSummary): string {
  const misses = s.next ? `; misses for ${levelName(s.next.id, s.next.title)}: ${idList(s.next.missing)}` : '';
  return `**${mdText(title)} level: ${levelName(s.level, s.title)}** — meets: ${idList(s.meets)}${misses}`;
}

export function formatCrosswalkMarkdown(c: Crosswalk): string {
  const counts = statusCounts(c);
  const blocks: string[] = [`### ${mdText(c.title)} crosswalk`];
  const summary = levelSummary(c);
  if (summary) blocks.push(levelParagraph(c.title, summary));
  blocks.push(
    `${c.requirements.length} ${c.requirements.length === 1 ? 'requirement' : 'requirements'}: ✔ ${counts.met} met · ✘ ${counts['not-met']} not met · ? ${counts['no-evidence']} no evidence`,
  );
  const withLevels = c.levels.length > 0;
  const rows = [
    `| Status |${withLevels ? ' Level |' : ''} Requirement | Rules |`,
    `|---|${withLevels ? '---|' : ''}---|---|`,
    ...c.requirements.map((r) => {
      const level = withLevels ? ` ${r.level === null ? '—' : mdText(r.level)} |` : '';
      const rules = r.rules.length > 0 ? r.rules.map(cellCode).join(', ') : '_no rule_';
      return `| ${MARK[r.status]} ${WORDS[r.status]} |${level} ${cellCode(r.id)} ${mdText(r.title)} | ${rules} |`;
    }),
  ];
  blocks.push(rows.join('\n'));
  return `${blocks.join('\n\n')}\n`;
}
