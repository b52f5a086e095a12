/**
 * The systemd configuration file syntax (systemd.syntax(7)) as journald.conf uses it: `[Section]`
 * headers, `Key=Value` assignments, `#` and `;` comment lines, a trailing backslash continues a
 * line (comment lines inside a continuation are skipped), later assignments override earlier
 * ones and an empty value resets a setting to its default. Also the value grammars journald
 * reads: booleans, time spans (systemd's parse_sec) and sizes.
 */
import { splitLines } from './text.js';

export interface Assignment {
  section: string | null;
  key: string;
  value: string;
  line: number;
  column: number;
  valueColumn: number;
}

export interface SectionHeader {
  name: string;
  line: number;
}

export interface SystemdConf {
  assignments: Assignment[];
  sections: SectionHeader[];
  problems: { line: number; column: number; message: string }[];
  significant: number;
}

/** systemd's LONG_LINE_MAX: longer (continued) lines are refused. */
const LONG_LINE_MAX = 1024 * 1024;

export function parseSystemdConf(text: string): SystemdConf {
  const out: SystemdConf = { assignments: [], sections: [], problems: [], significant: 0 };
  let section: string | null = null;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] as (typeof lines)[number];
    const lead = first.text.length - first.text.trimStart().length;
    let body = first.text.trim();
    if (body === '' || body.startsWith('#') || body.startsWith(';')) continue;
    out.significant++;
    // Continuation lines: a trailing backslash joins the next line with a space. Parts are
    // joined once (no quadratic concatenation); systemd refuses lines over LONG_LINE_MAX (1 MiB).
    if (body.endsWith('\\')) {
      const parts = [body.slice(0, -1)];
      let length = parts[0]?.length ?? 0;
      let open = true;
      while (open && i + 1 < lines.length) {
        i++;
        const next = (lines[i] as (typeof lines)[number]).text.trim();
        if (next.startsWith('#') || next.startsWith(';')) continue;
        open = next.endsWith('\\');
        const part = open ? next.slice(0, -1) : next;
        parts.push(part);
        length += part.length + 1;
        if (length > LONG_LINE_MAX) break;
      }
      if (length > LONG_LINE_MAX) {
        out.problems.push({ line: first.number, column: lead + 1, message: 'a continued line longer than 1 MiB: journald skips it' });
        while (open && i + 1 < lines.length) {
          i++;
          const rest = (lines[i] as (typeof lines)[number]).text.trim();
          if (!rest.startsWith('#') && !rest.startsWith(';')) open = rest.endsWith('\\');
        }
        continue;
      }
      body = parts.join(' ');
    }
    if (body.startsWith('[')) {
      if (!body.endsWith(']') || body.length < 3) {
        out.problems.push({ line: first.number, column: lead + 1, message: `invalid section header ${JSON.stringify(clip(body))}` });
        continue;
      }
      section = body.slice(1, -1);
      out.sections.push({ name: section, line: first.number });
      continue;
    }
    const eq = body.indexOf('=');
    if (eq === -1) {
      out.problems.push({ line: first.number, column: lead + 1, message: `missing "=": ${JSON.stringify(clip(body))}` });
      continue;
    }
    const key = body.slice(0, eq).trim();
    if (key === '') {
      out.problems.push({ line: first.number, column: lead + 1, message: 'a setting name is missing before "="' });
      continue;
    }
    const rawValue = body.slice(eq + 1);
    const value = rawValue.trim();
    const valueColumn = lead + eq + 2 + (rawValue.length - rawValue.trimStart().length);
    out.assignments.push({ section, key, value, line: first.number, column: lead + 1, valueColumn });
  }
  return out;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** systemd's parse_boolean: 1/yes/y/true/t/on and 0/no/n/false/f/off, case-insensitive. */
export function parseBoolean(text: string): boolean | null {
  const lower = text.toLowerCase();
  if (['1', 'yes', 'y', 'true', 't', 'on'].includes(lower)) return true;
  if (['0', 'no', 'n', 'false', 'f', 'off'].includes(lower)) return false;
  return null;
}

const SECOND = 1;
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;
// systemd: a month is 30.44 days and a year 365.25 days (USEC_PER_MONTH, USEC_PER_YEAR).
const MONTH = 2629800;
const YEAR = 31557600;

/** Time units of systemd's parse_sec (case matters: `M` is a month, `m` a minute). */
const TIME_UNITS: ReadonlyMap<string, number> = new Map([
  ['seconds', SECOND], ['second', SECOND], ['sec', SECOND], ['s', SECOND],
  ['minutes', MINUTE], ['minute', MINUTE], ['min', MINUTE], ['m', MINUTE],
  ['months', MONTH], ['month', MONTH], ['M', MONTH],
  ['msec', 0.001], ['ms', 0.001], ['usec', 1e-6], ['us', 1e-6], ['µs', 1e-6], ['μs', 1e-6], ['nsec', 1e-9], ['ns', 1e-9],
  ['hours', HOUR], ['hour', HOUR], ['hr', HOUR], ['h', HOUR],
  ['days', DAY], ['day', DAY], ['d', DAY],
  ['weeks', WEEK], ['week', WEEK], ['w', WEEK],
  ['years', YEAR], ['year', YEAR], ['y', YEAR],
]);

/**
 * A time span in seconds (`1month`, `90d`, `1y 6M`, `3600`; a bare number is seconds);
 * `Infinity` for `infinity`; null when it is not a time span.
 */
export function parseTimeSpan(text: string): number | null {
  const s = text.trim();
  if (s === 'infinity') return Infinity;
  if (s === '' || s.length > 200) return null;
  let total = 0;
  let i = 0;
  let parts = 0;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (i >= s.length) break;
    const number = /^[0-9]+(\.[0-9]+)?/.exec(s.slice(i));
    if (!number) return null;
    i += number[0].length;
    while (s[i] === ' ' || s[i] === '\t') i++;
    const unit = /^[A-Za-zµμ]+/.exec(s.slice(i))?.[0] ?? '';
    i += unit.length;
    const factor = unit === '' ? SECOND : TIME_UNITS.get(unit);
    if (factor === undefined) return null;
    total += Number(number[0]) * factor;
    parts++;
  }
  return parts > 0 && Number.isFinite(total) ? total : null;
}

const SIZE_UNITS: ReadonlyMap<string, number> = new Map([
  ['', 1], ['B', 1], ['K', 1024], ['M', 1024 ** 2], ['G', 1024 ** 3], ['T', 1024 ** 4], ['P', 1024 ** 5], ['E', 1024 ** 6],
]);

/** A size in bytes (`512`, `4G`, `1.5M`, base 1024), or null (percentages and bad values). */
export function parseSize(text: string): number | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([KMGTPE]?)B?$/i.exec(text.trim());
  if (!m) return null;
  const factor = SIZE_UNITS.get((m[2] ?? '').toUpperCase()) ?? 1;
  const bytes = Math.floor(Number(m[1]) * factor);
  return Number.isFinite(bytes) ? bytes : null;
}
