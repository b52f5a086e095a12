/**
 * Inline suppressions: `# ztmm:ignore RULE-ID reason` comments in scanned configuration files
 * (YAML, HCL, INI-style and conf files), found in a file's text and applied to findings (pure).
 *
 * A comment starts with `#`, `//` or `;`. On a line of its own it covers the next line that is not
 * blank or a comment, and that line's block: the following lines indented more than it (YAML,
 * conf; in YAML also the `- item` lines under a `key:` at its own indent), the lines up to the
 * matching `}` when the line ends with `{` (HCL, nginx-style conf), or the section when the line
 * is an INI `[section]` header. After content on the same line it covers that line only.
 * Several rule ids may be given, comma-separated; the rest of the line is the reason. A
 * suppression without a reason is not applied: it is reported as `no-reason`.
 */
import type { Finding, FindingWaiver, SuppressionStatus } from '../model/result.js';
import { compareStrings } from '../model/vocabulary.js';
import { WAIVABLE, namesRule } from './waivers.js';

/** One rule id of a `ztmm:ignore` comment and the lines it covers. */
export interface InlineSuppression {
  /** The rule id or slug as written. */
  rule: string;
  /** The file, as report paths name it. */
  path: string;
  /** Where the comment is: its line and the column of its comment marker (1-based). */
  line: number;
  column: number;
  /** The text after the rule ids, or null when there is none. */
  reason: string | null;
  /** The lines covered, inclusive (1-based); `to < from` when the comment covers nothing. */
  from: number;
  to: number;
}

const MARKER = /(^|\s)(#|\/\/|;)\s*ztmm:ignore(?=\s|$)(.*)$/;
const IDS = /^([A-Za-z0-9][\w.-]*(?:\s*,\s*[A-Za-z0-9][\w.-]*)*)(.*)$/;
const COMMENT_LINE = /^\s*(#|\/\/|;)/;
const OPENS_BRACE = /\{\s*((#|\/\/).*)?$/;
const INI_SECTION = /^\s*\[[^\]]+\]\s*((#|;).*)?$/;
const YAML_PATH = /\.(ya?ml|json)$/i;

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

function isSkippable(line: string): boolean {
  return line.trim() === '' || COMMENT_LINE.test(line);
}

/** Net `{`/`}` count of a line, outside double-quoted strings and comments. */
function braceDelta(line: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '#' || (ch === '/' && line[i + 1] === '/')) break;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
  }
  return depth;
}

/** The last line (0-based) of the block that starts at `start`. */
function blockEnd(lines: readonly string[], start: number, yaml: boolean): number {
  const first = lines[start] ?? '';
  if (OPENS_BRACE.test(first)) {
    let depth = 0;
    for (let i = start; i < lines.length; i++) {
      depth += braceDelta(lines[i] ?? '');
      if (depth <= 0) return i;
    }
    return lines.length - 1;
  }
  if (!yaml && INI_SECTION.test(first)) {
    let end = start;
    for (let i = start + 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (INI_SECTION.test(line)) break;
      if (!isSkippable(line)) end = i;
    }
    return end;
  }
  const indent = indentOf(first);
  // `key:` with nothing after it may hold a sequence at its own indent (`key:\n- a\n- b`).
  const opensMapping = yaml && /:\s*((#).*)?$/.test(first) && !/^\s*-\s*$/.test(first);
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isSkippable(line)) continue;
    const own = indentOf(line);
    if (own > indent || (opensMapping && own === indent && /^\s*-(\s|$)/.test(line))) end = i;
    else break;
  }
  return end;
}

function parseReason(text: string): string | null {
  const reason = text
    .trim()
    .replace(/^(--|—|–|-|:)\s*/, '')
    .trim();
  return reason === '' ? null : reason;
}

/** The `ztmm:ignore` comments of a file, one entry per rule id, in line order. */
export function findSuppressions(path: string, text: string): InlineSuppression[] {
  if (!text.includes('ztmm:ignore')) return [];
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const yaml = YAML_PATH.test(path);
  const out: InlineSuppression[] = [];
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const ids = IDS.exec((match[3] ?? '').trim());
    if (!ids) return;
    const column = match.index + (match[1] ?? '').length + 1;
    const ownLine = line.slice(0, column - 1).trim() === '';
    let from = index + 1;
    let to = index + 1;
    if (ownLine) {
      let target = index + 1;
      while (target < lines.length && isSkippable(lines[target] ?? '')) target++;
      if (target < lines.length) {
        from = target + 1;
        to = blockEnd(lines, target, yaml) + 1;
      } else {
        from = index + 2;
        to = index + 1;
      }
    }
    const reason = parseReason(ids[2] ?? '');
    for (const rule of (ids[1] ?? '').split(',').map((s) => s.trim())) {
      if (rule !== '') out.push({ rule, path, line: index + 1, column, reason, from, to });
    }
  });
  return out;
}

function covers(s: InlineSuppression, finding: Finding): boolean {
  return finding.locations.some((l) => l.path === s.path && l.line >= s.from && l.line <= s.to);
}

/**
 * Waives each blocking finding that a suppression with a reason covers (any of its locations,
 * its rule by id or slug); the first such suppression in file and line order waives it.
 */
export function applySuppressions(
  findings: Finding[],
  suppressions: readonly InlineSuppression[],
): { findings: Finding[]; statuses: SuppressionStatus[] } {
  const ordered = suppressions
    .map((s, i) => ({ s, i }))
    .sort((a, b) => compareStrings(a.s.path, b.s.path) || a.s.line - b.s.line || a.i - b.i)
    .map((e) => e.s);
  const counts = ordered.map(() => 0);
  const out = findings.map((finding) => {
    if (!WAIVABLE.has(finding.outcome)) return finding;
    const index = ordered.findIndex((s) => s.reason !== null && namesRule(s.rule, finding) && covers(s, finding));
    const s = ordered[index];
    if (!s || s.reason === null) return finding;
    counts[index] = (counts[index] ?? 0) + 1;
    const waiver: FindingWaiver = { source: 'inline', reason: s.reason, at: { path: s.path, line: s.line, column: s.column }, outcome: finding.outcome };
    return { ...finding, outcome: 'waived' as const, waiver };
  });
  const statuses: SuppressionStatus[] = ordered.map((s, i) => {
    const n = counts[i] ?? 0;
    return { rule: s.rule, path: s.path, line: s.line, reason: s.reason, status: s.reason === null ? 'no-reason' : n > 0 ? 'applied' : 'unused', findings: n };
  });
  return { findings: out, statuses };
}

/** The warning a suppression without a reason earns: `path:line: ztmm:ignore RULE-ID needs a reason`. */
export function noReasonProblem(s: Pick<SuppressionStatus, 'path' | 'line' | 'rule'>): string {
  return `${s.path}:${s.line}: ztmm:ignore ${s.rule} needs a reason`;
}
