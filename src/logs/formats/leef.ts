/**
 * IBM Log Event Extended Format.
 *  - LEEF 1.0: `LEEF:1.0|Vendor|Product|Version|EventID|` then `key=value` attributes separated by tabs;
 *  - LEEF 2.0: `LEEF:2.0|Vendor|Product|Version|EventID|DelimiterChar|` then attributes separated by
 *    that delimiter, given as one character or in hex (`x5E`, `0x09`, `\x09`). When the field is
 *    absent or empty, the delimiter is a tab.
 * Header fields are separated by pipes (`\|` and `\\` are unescaped). An attribute's key runs to its
 * first `=` (trimmed); its value is the rest, as written. Pieces without `=` are ignored; when a key
 * repeats, the last wins. rsyslog writes a received tab as `#011`: when a tab-delimited attribute
 * section has no tab but has `#011`, that is the delimiter. The header goes under `leef`.
 *
 * The `LEEF:` prefix may follow other text (a syslog header). Linear; never throws.
 */
import { readPipeHeader } from './pipe-header.js';
import type { LineParser, ParseOutcome } from './types.js';

const PIPE = 0x7c;
const HEADER_FIELDS = 5;
const HEX_DELIMITER = /^(?:0[xX]|[xX]|\\[xX])([0-9A-Fa-f]{1,4})$/;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Sets a key, even `__proto__`, as an own data property. */
function setField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/** Index of the first `LEEF:` followed by a digit, or -1. */
function findLeefStart(text: string): number {
  let at = text.indexOf('LEEF:');
  while (at !== -1) {
    if (isDigit(text.charCodeAt(at + 5))) return at;
    at = text.indexOf('LEEF:', at + 5);
  }
  return -1;
}

/** LEEF versions 1 and 2: `1`, `1.0`, `2`, `2.0`. Returns the major version or 0. */
function majorVersion(version: string): number {
  if (version === '1' || version === '1.0') return 1;
  if (version === '2' || version === '2.0') return 2;
  return 0;
}

/** A LEEF 2.0 delimiter field: one character or a hex code; null when `field` is neither. */
function decodeDelimiter(field: string): string | null {
  if (field.length === 1) return field;
  if (field.length > 7) return null;
  const match = HEX_DELIMITER.exec(field);
  if (match === null) return null;
  const code = parseInt(match[1] ?? '', 16);
  return code > 0 ? String.fromCharCode(code) : null;
}

/** Parses attributes in [from, end of text) separated by `delimiter` into `out`. */
function parseAttributes(text: string, from: number, delimiter: string, out: Record<string, unknown>): void {
  let start = from;
  let equals = -1;
  while (start < text.length) {
    const found = text.indexOf(delimiter, start);
    const end = found === -1 ? text.length : found;
    // `=` positions only grow, so each search starts where the last one stopped.
    if (equals < start) equals = text.indexOf('=', start);
    if (equals === -1) return;
    if (equals < end) {
      const key = text.slice(start, equals).trim();
      if (key.length > 0) setField(out, key, text.slice(equals + 1, end));
    }
    if (found === -1) return;
    start = end + delimiter.length;
  }
}

/**
 * Parses a LEEF 1.0 or 2.0 event found anywhere in `text`: `{ leef: { version, vendor, product,
 * productVersion, eventId }, ...attributes }` (all strings as written), or null when there is no
 * LEEF header with its five fields.
 */
export function parseLeef(text: string): Record<string, unknown> | null {
  const start = findLeefStart(text);
  if (start === -1) return null;
  const header = readPipeHeader(text, start + 5, HEADER_FIELDS);
  if (header === null) return null;
  const { fields } = header;
  let pos = header.end;
  const [version = '', vendor = '', product = '', productVersion = '', eventId = ''] = fields;
  const major = majorVersion(version.trim());
  if (major === 0) return null;

  let delimiter = '\t';
  if (major === 2) {
    if (text.charCodeAt(pos) === PIPE) {
      // `||` after the event ID: the delimiter is a pipe; `|` alone: an empty field, so a tab.
      if (text.charCodeAt(pos + 1) === PIPE) {
        delimiter = '|';
        pos += 2;
      } else {
        pos += 1;
      }
    } else {
      const pipe = text.indexOf('|', pos);
      if (pipe !== -1 && pipe - pos <= 8) {
        const decoded = decodeDelimiter(text.slice(pos, pipe));
        if (decoded !== null) {
          delimiter = decoded;
          pos = pipe + 1;
        }
      }
    }
  }
  if (delimiter === '\t' && text.indexOf('\t', pos) === -1 && text.indexOf('#011', pos) !== -1) delimiter = '#011';

  const record: Record<string, unknown> = {};
  parseAttributes(text, pos, delimiter, record);
  record['leef'] = { version: version.trim(), vendor, product, productVersion, eventId };
  return record;
}

/** A line parser for files of LEEF events (schema and format `leef`). */
export function createLeefParser(): LineParser {
  return {
    push(text: string, line: number): ParseOutcome {
      const record = parseLeef(text);
      if (record === null) return { kind: 'error', line, message: 'not a LEEF line' };
      return { kind: 'events', events: [{ record, schema: 'leef', line, format: 'leef' }] };
    },
    end() {
      return [];
    },
  };
}
