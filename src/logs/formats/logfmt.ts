/**
 * logfmt: `key=value` pairs separated by spaces (or tabs). Values are bare (up to the next space)
 * or double-quoted with backslash escapes (`\"`, `\\`, `\n`, `\r`, `\t`, `\uXXXX`; any other escape
 * is kept as written). A key without `=` is a flag: `true`. `key=` is the empty string. Keys are
 * kept as written, dots included (`user.name` stays one key); when a key repeats, the last wins.
 *
 * A line counts as logfmt only when it has at least two `key=value` pairs, every token is a
 * well-formed key or pair, and it does not start like another format: JSON (`{`, `[`), CEF/LEEF,
 * a syslog header (`<PRI>` or `Mmm dd hh:mm:ss`), a Linux audit record or an access-log line.
 *
 * One left-to-right scan per line; never throws.
 */
import { looksLikeAccessLog } from './access-log.js';
import { looksLikeAuditd } from './auditd.js';
import type { LineParser, ParseOutcome } from './types.js';

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

/** Sets a key, even `__proto__`, as an own data property. */
function setField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/** The escape after a backslash at `i`: [decoded text, characters consumed]. */
function unescape(text: string, i: number): [string, number] {
  const next = text.charCodeAt(i + 1);
  switch (next) {
    case QUOTE:
      return ['"', 2];
    case BACKSLASH:
      return ['\\', 2];
    case 0x6e: // n
      return ['\n', 2];
    case 0x72: // r
      return ['\r', 2];
    case 0x74: // t
      return ['\t', 2];
    case 0x75: {
      // u: exactly four hex digits
      let code = 0;
      for (let k = 2; k < 6; k++) {
        const digit = hexValue(text.charCodeAt(i + k));
        if (digit < 0) return [text.slice(i, i + 2), 2];
        code = code * 16 + digit;
      }
      return [String.fromCharCode(code), 6];
    }
    default:
      return [text.slice(i, i + 2), 2];
  }
}

/**
 * Scans a line. With a record, fills it. Returns the number of `key=value` pairs, or -1 when the
 * line is not well-formed logfmt (empty key, quote in a key or bare value, unterminated quote,
 * text glued to a closing quote).
 */
function scan(text: string, record: Record<string, unknown> | null): number {
  const length = text.length;
  let pairs = 0;
  let i = 0;
  while (true) {
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    if (i >= length) return pairs;
    const keyStart = i;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (isSpace(code) || code === EQUALS) break;
      if (code === QUOTE) return -1;
      i++;
    }
    if (i === keyStart) return -1; // `=value` with no key
    const key = text.slice(keyStart, i);
    if (i >= length || text.charCodeAt(i) !== EQUALS) {
      if (record !== null) setField(record, key, true);
      continue;
    }
    i++; // '='
    let value: string;
    if (i < length && text.charCodeAt(i) === QUOTE) {
      i++;
      let segment = i;
      value = '';
      let closed = false;
      while (i < length) {
        const code = text.charCodeAt(i);
        if (code === QUOTE) {
          closed = true;
          break;
        }
        if (code === BACKSLASH && i + 1 < length) {
          const [decoded, consumed] = unescape(text, i);
          if (record !== null) value += text.slice(segment, i) + decoded;
          i += consumed;
          segment = i;
          continue;
        }
        i++;
      }
      if (!closed) return -1;
      if (record !== null) value += text.slice(segment, i);
      i++; // closing quote
      if (i < length && !isSpace(text.charCodeAt(i))) return -1;
    } else {
      const valueStart = i;
      while (i < length) {
        const code = text.charCodeAt(i);
        if (isSpace(code)) break;
        if (code === QUOTE) return -1;
        i++;
      }
      value = record === null ? '' : text.slice(valueStart, i);
    }
    pairs++;
    if (record !== null) setField(record, key, value);
  }
}

/** `Mmm dd hh:mm:ss` (RFC 3164 syslog time) at the start of the line. */
function startsWithBsdTime(line: string, start: number): boolean {
  const month = line.slice(start, start + 3);
  if (!(MONTHS as readonly string[]).includes(month) || line.charCodeAt(start + 3) !== SPACE) return false;
  let i = start + 4;
  if (line.charCodeAt(i) === SPACE) i++;
  let digits = 0;
  while (digits < 2 && isDigit(line.charCodeAt(i))) {
    i++;
    digits++;
  }
  return digits > 0 && line.charCodeAt(i) === SPACE && isDigit(line.charCodeAt(i + 1)) && line.charCodeAt(i + 3) === 0x3a;
}

/** True when the line starts like JSON, CEF/LEEF or syslog. */
function hasForeignPrefix(line: string): boolean {
  let start = 0;
  while (start < line.length && isSpace(line.charCodeAt(start))) start++;
  const first = line.charCodeAt(start);
  if (first === 0x7b || first === 0x5b) return true; // { [
  if (line.startsWith('CEF:', start) || line.startsWith('LEEF:', start)) return true;
  if (first === 0x3c) {
    // <PRI>
    let i = start + 1;
    while (i < line.length && i - start <= 4 && isDigit(line.charCodeAt(i))) i++;
    if (i > start + 1 && line.charCodeAt(i) === 0x3e) return true;
  }
  return startsWithBsdTime(line, start);
}

function isLogfmt(text: string): boolean {
  if (hasForeignPrefix(text)) return false;
  if (scan(text, null) < 2) return false;
  return !looksLikeAuditd(text) && looksLikeAccessLog(text) === null;
}

/** Parses one logfmt line into its pairs; null when the line is not logfmt. */
export function parseLogfmt(text: string): Record<string, unknown> | null {
  if (!isLogfmt(text)) return null;
  const record: Record<string, unknown> = {};
  scan(text, record);
  return record;
}

/** True when the line is logfmt (see the module comment for the rule). */
export function looksLikeLogfmt(line: string): boolean {
  return isLogfmt(line);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** logfmt lines: one event per line, no schema (the keys are the application's own). Blank lines are skipped. */
export function createLogfmtParser(): LineParser {
  return {
    push(text: string, line: number): ParseOutcome {
      if (isBlank(text)) return { kind: 'events', events: [] };
      const record = parseLogfmt(text);
      if (record === null) return { kind: 'error', line, message: 'not a logfmt line (needs two or more key=value pairs)' };
      return { kind: 'events', events: [{ record, schema: null, line, format: 'logfmt' }] };
    },
    end: () => [],
  };
}
