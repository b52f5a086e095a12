/**
 * Small text helpers shared by the auditd, audit rules, audisp and journald readers (pure):
 * lines with 1-based numbers, words with 1-based columns, natural sort, path pieces.
 */
import type { Location } from '../../model/vocabulary.js';

export interface Line {
  /** 1-based line number. */
  number: number;
  /** The line without its end-of-line characters. */
  text: string;
}

/** Calls `fn` for each line of a text: `\n`, `\r\n` and a lone `\r` end a line; a leading BOM is dropped. */
export function forEachLine(text: string, fn: (text: string, number: number) => void): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  let number = 1;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    fn(body.slice(start, i), number);
    number++;
    if (c === 13 && body.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  if (start < body.length) fn(body.slice(start), number);
}

/** The lines of a text, as forEachLine cuts them. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  forEachLine(text, (line, number) => out.push({ number, text: line }));
  return out;
}

export interface Word {
  text: string;
  /** 1-based column of the first character. */
  column: number;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12;
}

/** Words separated by spaces and tabs (these formats have no quoting). */
export function splitWords(text: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    while (i < text.length && !isBlank(text.charCodeAt(i))) i++;
    out.push({ text: text.slice(start, i), column: start + 1 });
  }
  return out;
}

/** Column (1-based) of the first non-blank character, or 0 for a blank line. */
export function firstColumn(text: string): number {
  for (let i = 0; i < text.length; i++) if (!isBlank(text.charCodeAt(i))) return i + 1;
  return 0;
}

/**
 * Natural order as `ls -v` sorts (augenrules): runs of digits compare by value, the rest by code
 * unit; ties fall back to plain order so the result is total.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ie = i;
      let je = j;
      while (ie < a.length && isDigit(a.charCodeAt(ie))) ie++;
      while (je < b.length && isDigit(b.charCodeAt(je))) je++;
      const na = a.slice(i, ie).replace(/^0+/, '');
      const nb = b.slice(j, je).replace(/^0+/, '');
      if (na.length !== nb.length) return na.length - nb.length;
      if (na !== nb) return na < nb ? -1 : 1;
      i = ie;
      j = je;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  if (a.length - i !== b.length - j) return a.length - i - (b.length - j);
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

export { at } from '../shipper-kit/location.js';

/** An absolute host path written in a config, without doubled or trailing slashes (`/` stays). */
export function normalizeHostPath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
}

/** At most this many problems and unknowns are kept per file; a last entry says how many more there were. */
export const MAX_REPORTED = 200;

interface Reported {
  problems: { at: Location; message: string }[];
  unknowns: { construct: string; reason: string; at: Location }[];
}

/** Bounds what a hostile file can make a read report (a million bad lines make one line of note). */
export function limitReported(read: Reported): void {
  if (read.problems.length > MAX_REPORTED) {
    const more = read.problems.length - MAX_REPORTED;
    const next = read.problems[MAX_REPORTED] as { at: Location };
    read.problems.length = MAX_REPORTED;
    read.problems.push({ at: next.at, message: `and ${more} more problems` });
  }
  if (read.unknowns.length > MAX_REPORTED) {
    const more = read.unknowns.length - MAX_REPORTED;
    const next = read.unknowns[MAX_REPORTED] as { at: Location };
    read.unknowns.length = MAX_REPORTED;
    read.unknowns.push({ construct: `${more} more`, reason: 'not listed', at: next.at });
  }
}
