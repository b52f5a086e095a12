/**
 * ArcSight Common Event Format:
 * `CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension`.
 *
 * Header fields are separated by unescaped pipes; in them `\|` is a pipe and `\\` a backslash
 * (any other backslash is kept as written). The extension is `key=value` pairs separated by
 * spaces; a value may itself contain spaces and runs to the space before the next `key=`. In
 * values `\=`, `\\`, `\n` and `\r` are unescaped; other backslashes are kept. A key starts with a
 * letter or `_` and goes on with letters, digits, `_`, `.` or `-` (so `--flag=x` inside a value
 * stays in the value). Trailing spaces of a value are dropped; when a key repeats, the last wins.
 * Text before the first key of the extension is ignored. The header goes under `cef` (it wins over
 * an extension key of that name).
 *
 * The `CEF:` prefix may follow other text (a syslog header, a relay's prefix): the first `CEF:`
 * followed by a version number is used. One left-to-right scan; never throws.
 */
import { readPipeHeader } from './pipe-header.js';
import type { LineParser, ParseOutcome } from './types.js';

const SPACE = 0x20;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
const HEADER_FIELDS = 7;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isKeyStart(code: number): boolean {
  return isLetter(code) || code === 0x5f;
}

function isKeyChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || code === 0x5f || code === 0x2e || code === 0x2d;
}

/** Sets a key, even `__proto__`, as an own data property. */
function setField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/** Index of the first `CEF:` followed by (optional spaces and) a digit, or -1. */
function findCefStart(text: string): number {
  let at = text.indexOf('CEF:');
  while (at !== -1) {
    let i = at + 4;
    while (text.charCodeAt(i) === SPACE) i += 1;
    if (isDigit(text.charCodeAt(i))) return at;
    at = text.indexOf('CEF:', at + 4);
  }
  return -1;
}

/** If a key (`name=`) starts at `from`, the index of its `=`; else -1. Stops at the first non-key character. */
function keyEnd(text: string, from: number): number {
  if (!isKeyStart(text.charCodeAt(from))) return -1;
  let i = from + 1;
  while (i < text.length && isKeyChar(text.charCodeAt(i))) i += 1;
  return text.charCodeAt(i) === EQUALS ? i : -1;
}

/** The extension value in [start, end), trailing spaces dropped, escapes decoded. */
function extensionValue(text: string, start: number, end: number): string {
  let stop = end;
  while (stop > start && text.charCodeAt(stop - 1) === SPACE) stop -= 1;
  let backslash = text.indexOf('\\', start);
  if (backslash === -1 || backslash >= stop) return text.slice(start, stop);
  let out = '';
  let chunk = start;
  while (backslash !== -1 && backslash < stop) {
    const next = text.charCodeAt(backslash + 1);
    let decoded: string | null = null;
    if (backslash + 1 < stop) {
      if (next === EQUALS) decoded = '=';
      else if (next === BACKSLASH) decoded = '\\';
      else if (next === 0x6e) decoded = '\n';
      else if (next === 0x72) decoded = '\r';
    }
    if (decoded === null) {
      backslash = text.indexOf('\\', backslash + 1);
      continue;
    }
    out += text.slice(chunk, backslash) + decoded;
    chunk = backslash + 2;
    backslash = text.indexOf('\\', chunk);
  }
  return out + text.slice(chunk, stop);
}

/** Parses the extension starting at `from` into `out`. */
function parseExtension(text: string, from: number, out: Record<string, unknown>): void {
  let start = from;
  while (text.charCodeAt(start) === SPACE) start += 1;
  let equals = keyEnd(text, start);
  while (equals === -1) {
    const space = text.indexOf(' ', start);
    if (space === -1) return;
    start = space + 1;
    equals = keyEnd(text, start);
  }
  for (;;) {
    const key = text.slice(start, equals);
    // The value runs to the space before the next `key=`.
    let space = text.indexOf(' ', equals + 1);
    let nextEquals = -1;
    while (space !== -1) {
      nextEquals = keyEnd(text, space + 1);
      if (nextEquals !== -1) break;
      space = text.indexOf(' ', space + 1);
    }
    setField(out, key, extensionValue(text, equals + 1, space === -1 ? text.length : space));
    if (space === -1) return;
    start = space + 1;
    equals = nextEquals;
  }
}

/**
 * Parses a CEF event found anywhere in `text`. Returns `{ cef: { version, deviceVendor,
 * deviceProduct, deviceVersion, signatureId, name, severity }, ...extension }`, or null when there
 * is no CEF header with its seven fields. `version` is a number; the other header fields are
 * strings as written (`severity` trimmed: `0`-`10` or `Low`/`Medium`/`High`/`Very-High`/`Unknown`).
 */
export function parseCef(text: string): Record<string, unknown> | null {
  const start = findCefStart(text);
  if (start === -1) return null;
  const header = readPipeHeader(text, start + 4, HEADER_FIELDS);
  if (header === null) return null;
  const { fields } = header;
  const pos = header.end;
  const [versionText = '', deviceVendor = '', deviceProduct = '', deviceVersion = '', signatureId = '', name = '', severity = ''] =
    fields;
  const trimmedVersion = versionText.trim();
  if (trimmedVersion.length === 0 || trimmedVersion.length > 3) return null;
  for (let i = 0; i < trimmedVersion.length; i += 1) {
    if (!isDigit(trimmedVersion.charCodeAt(i))) return null;
  }
  const record: Record<string, unknown> = {};
  parseExtension(text, pos, record);
  record['cef'] = {
    version: Number(trimmedVersion),
    deviceVendor,
    deviceProduct,
    deviceVersion,
    signatureId,
    name,
    severity: severity.trim(),
  };
  return record;
}

/** A line parser for files of CEF events (schema and format `cef`). */
export function createCefParser(): LineParser {
  return {
    push(text: string, line: number): ParseOutcome {
      const record = parseCef(text);
      if (record === null) return { kind: 'error', line, message: 'not a CEF line' };
      return { kind: 'events', events: [{ record, schema: 'cef', line, format: 'cef' }] };
    },
    end() {
      return [];
    },
  };
}
