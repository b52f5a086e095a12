/**
 * Small, careful pieces shared by the host and service config readers (logrotate, sshd_config,
 * chrony/ntp/timesyncd): lines with their 1-based numbers, words with quotes and escapes, C-style
 * integers, and the shapes of problems and unknowns. Pure; never throws.
 */
import type { ConfigRead, Unknown } from '../../model/pipeline.js';
import { compareStrings } from '../../model/vocabulary.js';
import type { Location } from '../../model/vocabulary.js';

export { at } from '../shipper-kit/location.js';

/** The lines of a text without their line ends (`\n`, `\r\n`, or a lone `\r`). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

export interface Word {
  text: string;
  /** 1-based column of the word's first character. */
  column: number;
  quoted: boolean;
}

export interface WordOptions {
  /** Quote characters that group a word (`"` and `'`). */
  quotes: string;
  /** Whether a backslash escapes the next character outside single quotes. */
  escapes: boolean;
  /** A character that starts a comment when it begins an unquoted word (`#`), or null. */
  comment: string | null;
}

export interface WordSplit {
  words: Word[];
  /** Set when a quote is left open: the column where it opened. */
  unterminatedAt: number | null;
}

/**
 * Splits one line into words, shell-like: whitespace separates, quotes group, a backslash escapes
 * (not inside single quotes), and an unquoted comment character at the start of a word ends the
 * line. `offset` is the 0-based index of `text` in its line (for columns).
 */
export function splitWords(text: string, options: WordOptions, offset = 0): WordSplit {
  const words: Word[] = [];
  let current = '';
  let start = -1;
  let quoted = false;
  let quote: string | null = null;
  let quoteAt = -1;
  const flush = (): void => {
    if (start >= 0) words.push({ text: current, column: offset + start + 1, quoted });
    current = '';
    start = -1;
    quoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && options.escapes && quote !== "'" && i + 1 < text.length) current += text[++i];
      else current += ch;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v' || ch === '\n' || ch === '\r') {
      flush();
      continue;
    }
    if (start < 0 && options.comment !== null && ch === options.comment) break;
    if (start < 0) start = i;
    if (options.quotes.includes(ch)) {
      quote = ch;
      quoteAt = i;
      quoted = true;
    } else if (ch === '\\' && options.escapes && i + 1 < text.length) {
      current += text[++i];
    } else {
      current += ch;
    }
  }
  if (quote !== null) return { words, unterminatedAt: offset + quoteAt + 1 };
  flush();
  return { words, unterminatedAt: null };
}

/** Index of the first character that is not a blank (space, tab), or the length. */
export function firstNonBlank(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\f' || text[i] === '\v')) i++;
  return i;
}

/**
 * An integer as C's strtol/strtoul with base 0 reads it (`010` is octal 8, `0x1f` hex), the
 * whole text or nothing; null when it is not one (or too large to be exact).
 */
export function parseCInteger(text: string): number | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return null;
  const digits = m[2] as string;
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (digits.length > 1 && digits.startsWith('0')) value = parseInt(digits.slice(1), 8);
  else value = parseInt(digits, 10);
  if (!Number.isSafeInteger(value)) return null;
  return m[1] === '-' ? -value : value;
}

/** A plain decimal integer (`4`, `-1`), or null. */
export function parseDecimal(text: string): number | null {
  if (!/^[+-]?\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/** Go's strconv.ParseBool (how Docker and Vault read boolean options); null when not a boolean. */
export function parseGoBool(text: string | undefined): boolean | null {
  if (text === undefined) return null;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return null;
}

export function addUnknown(read: ConfigRead, construct: string, reason: string, where: Location): void {
  const entry: Unknown = { construct: shorten(construct), reason, at: where };
  read.unknowns.push(entry);
}

export function addProblem(read: ConfigRead, where: Location, message: string): void {
  read.problems.push({ at: where, message });
}

/** Text quoted in a problem or unknown: one line, at most 80 characters. */
export function shorten(text: string, max = 80): string {
  const one = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Sorted, de-duplicated strings (deterministic facts). */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}

/** The last path segment. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}

/** The folder of a path (`a/b/c` → `a/b`, `c` → ``). */
export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** File names that are never host configs: logs, archives, structured documents, source code. */
export const NOT_A_HOST_CONFIG = /\.(log|jsonl|ndjson|gz|zst|bz2|xz|zip|tgz|7z|json|ya?ml|toml|tf|tfvars|hcl|md|rst|txt|html?|xml|csv|sh|bash|py|js|mjs|cjs|ts|go|java|rb|pl|c|h|rs)$/i;
