/**
 * NCSA access logs as Apache and nginx write them:
 *  - common:   `%h %l %u %t "%r" %>s %b`
 *  - combined: common + ` "%{Referer}i" "%{User-agent}i"`
 *
 * Tolerated variations: a virtual host before the client address (Apache `vhost_combined`, nginx
 * `$host $remote_addr ...`), fields after the user agent (nginx's `"$http_x_forwarded_for"`,
 * `X-Forwarded-For="..."`, request times: anything), fields after the byte count of a common line,
 * `\"` and `\\` inside quoted fields, IPv6 client addresses, `-` for missing values and request
 * lines that are not `METHOD target [HTTP/x]` (`"-"`, escaped binary, scanner probes).
 *
 * A single left-to-right scan per line; no regular expressions over the line; never throws.
 */
import type { LineParser, ParseOutcome } from './types.js';

export type AccessLogFormat = 'access-combined' | 'access-common';

/** One access-log line. Optional fields are absent when the log has `-` (or nothing) there. */
export type AccessLogRecord = {
  remoteAddr: string;
  /** The virtual host written before the client address (`%v:%p` / `$host`), when present. */
  virtualHost?: string;
  ident?: string;
  remoteUser?: string;
  /** `%t` without its brackets, e.g. `10/Oct/2000:13:55:36 -0700`. */
  time: string;
  /** The request line as logged, with `\"` and `\\` unescaped (other escapes such as `\x16` kept). */
  request: string;
  method?: string;
  path?: string;
  protocol?: string;
  status: number;
  /** Response bytes; null for `-`. */
  bytes: number | null;
  referer?: string;
  userAgent?: string;
  forwardedFor?: string;
};

export interface ParsedAccessLine {
  format: AccessLogFormat;
  record: AccessLogRecord;
}

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const MAX_METHOD_LENGTH = 32;
const XFF_KEY = 'x-forwarded-for=';

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** A cursor over one line. Methods return null when the expected field is not there. */
class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** A run of non-space characters (possibly empty). */
  token(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !isSpace(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /**
   * A double-quoted field starting at the cursor. `\"` and `\\` are unescaped; other backslash
   * sequences are kept as written. A quote closes the field only when a space or the line end
   * follows it, so a stray unescaped quote (old Apache) stays inside the field.
   */
  quoted(): string | null {
    const text = this.text;
    if (this.peek() !== QUOTE) return null;
    let i = this.pos + 1;
    let segment = i;
    let value = '';
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === BACKSLASH && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next === QUOTE || next === BACKSLASH) {
          value += text.slice(segment, i);
          segment = i + 1;
        }
        i += 2;
        continue;
      }
      if (code === QUOTE && (i + 1 === text.length || isSpace(text.charCodeAt(i + 1)))) {
        value += text.slice(segment, i);
        this.pos = i + 1;
        return value;
      }
      i++;
    }
    return null;
  }
}

function isStatus(token: string): boolean {
  return token.length === 3 && isDigit(token.charCodeAt(0)) && isDigit(token.charCodeAt(1)) && isDigit(token.charCodeAt(2));
}

function parseBytes(token: string): number | null | undefined {
  if (token === '-') return null;
  if (token.length === 0 || token.length > 15) return undefined;
  for (let i = 0; i < token.length; i++) if (!isDigit(token.charCodeAt(i))) return undefined;
  return Number(token);
}

/** An HTTP method token: a letter, then letters, `-` or `_` (WebDAV's VERSION-CONTROL), upper case. */
function isMethod(token: string): boolean {
  if (token.length === 0 || token.length > MAX_METHOD_LENGTH) return false;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    const upper = code >= 0x41 && code <= 0x5a;
    if (!upper && (i === 0 || (code !== 0x2d && code !== 0x5f))) return false;
  }
  return true;
}

/** Splits `METHOD target [HTTP/x]`; anything else yields no parts. */
function splitRequest(request: string, record: AccessLogRecord): void {
  const firstSpace = request.indexOf(' ');
  if (firstSpace <= 0) return;
  const method = request.slice(0, firstSpace);
  if (!isMethod(method)) return;
  const lastSpace = request.lastIndexOf(' ');
  let path: string;
  let protocol: string | undefined;
  if (lastSpace > firstSpace && request.startsWith('HTTP/', lastSpace + 1)) {
    path = request.slice(firstSpace + 1, lastSpace);
    protocol = request.slice(lastSpace + 1);
  } else {
    path = request.slice(firstSpace + 1);
  }
  path = path.trim();
  if (path.length === 0) return;
  record.method = method;
  record.path = path;
  if (protocol !== undefined) record.protocol = protocol;
}

/** `-` and empty mean "no value". */
function present(value: string): boolean {
  return value.length > 0 && value !== '-';
}

/**
 * The content of a forwarded-for field: `-`, or addresses (IPv4 with three dots, IPv6 with two or
 * more colons) separated by commas and spaces. Request times such as `"0.003"` do not qualify.
 */
function looksLikeAddressList(value: string): boolean {
  if (value === '-') return true;
  let dots = 0;
  let colons = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x2e) dots++;
    else if (code === 0x3a) colons++;
    else if (
      !isDigit(code) &&
      !(code >= 0x61 && code <= 0x66) &&
      !(code >= 0x41 && code <= 0x46) &&
      code !== 0x2c && // ,
      code !== SPACE &&
      code !== 0x5b && // [
      code !== 0x5d // ]
    ) {
      return false;
    }
  }
  return dots >= 3 || colons >= 2;
}

/**
 * Reads the fields after the user agent: a quoted address list right after it (nginx's
 * `"$http_x_forwarded_for"`) or an `X-Forwarded-For=` field anywhere becomes `forwardedFor`.
 */
function readTrailing(cursor: Cursor, record: AccessLogRecord): void {
  cursor.skipSpaces();
  if (cursor.peek() === QUOTE) {
    const start = cursor.pos;
    const value = cursor.quoted();
    if (value !== null && looksLikeAddressList(value)) {
      if (present(value)) record.forwardedFor = value;
      return;
    }
    cursor.pos = start;
  }
  const text = cursor.text;
  while (true) {
    cursor.skipSpaces();
    if (cursor.atEnd) return;
    if (
      text.length - cursor.pos > XFF_KEY.length &&
      text.slice(cursor.pos, cursor.pos + XFF_KEY.length).toLowerCase() === XFF_KEY
    ) {
      cursor.pos += XFF_KEY.length;
      const value = cursor.peek() === QUOTE ? cursor.quoted() : cursor.token();
      if (value !== null && present(value)) record.forwardedFor = value;
      return;
    }
    // Skip a run of non-spaces. (Not a quoted field: a quote that never closes would make each
    // attempt scan to the line end, and the loop quadratic.)
    cursor.token();
  }
}

/** Parses one line, or explains why it is not an access-log line. */
function scan(text: string): ParsedAccessLine | string {
  const cursor = new Cursor(text);
  cursor.skipSpaces();
  const leading: string[] = [];
  while (!cursor.atEnd && cursor.peek() !== OPEN_BRACKET && leading.length < 4) {
    leading.push(cursor.token());
    cursor.skipSpaces();
  }
  if (cursor.peek() !== OPEN_BRACKET || leading.length < 3) {
    return 'expected client address, ident and user before the [time] field';
  }
  const offset = leading.length - 3;
  const remoteAddr = leading[offset] ?? '';
  const ident = leading[offset + 1] ?? '-';
  const user = leading[offset + 2] ?? '-';

  const close = text.indexOf(']', cursor.pos + 1);
  if (close < 0) return 'unterminated [time] field';
  const time = text.slice(cursor.pos + 1, close);
  if (time.length === 0) return 'empty [time] field';
  cursor.pos = close + 1;
  cursor.skipSpaces();

  const request = cursor.quoted();
  if (request === null) return 'expected a quoted request line after the time';
  cursor.skipSpaces();
  const status = cursor.token();
  if (!isStatus(status)) return 'expected a three-digit status after the request line';
  cursor.skipSpaces();
  const bytes = parseBytes(cursor.token());
  if (bytes === undefined) return 'expected a byte count or - after the status';

  const record: AccessLogRecord = { remoteAddr, time, request, status: Number(status), bytes };
  if (offset === 1 && leading[0] !== undefined && present(leading[0])) record.virtualHost = leading[0];
  if (present(ident)) record.ident = ident;
  if (present(user)) record.remoteUser = user;
  splitRequest(request, record);

  cursor.skipSpaces();
  if (cursor.peek() !== QUOTE) return { format: 'access-common', record };
  const referer = cursor.quoted();
  if (referer === null) return { format: 'access-common', record };
  cursor.skipSpaces();
  const userAgent = cursor.peek() === QUOTE ? cursor.quoted() : null;
  if (userAgent === null) return { format: 'access-common', record };
  if (present(referer)) record.referer = referer;
  if (present(userAgent)) record.userAgent = userAgent;
  readTrailing(cursor, record);
  return { format: 'access-combined', record };
}

/** Parses one common or combined access-log line; null when the line is neither. */
export function parseAccessLine(text: string): ParsedAccessLine | null {
  const result = scan(text);
  return typeof result === 'string' ? null : result;
}

/** Which access-log format the line is written in, or null. */
export function looksLikeAccessLog(line: string): AccessLogFormat | null {
  if (line.indexOf('[') < 0 || line.indexOf('"') < 0) return null;
  return parseAccessLine(line)?.format ?? null;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Access logs: one event per line, schema `access-log`; blank lines are skipped. */
export function createAccessLogParser(): LineParser {
  return {
    push(text: string, line: number): ParseOutcome {
      if (isBlank(text)) return { kind: 'events', events: [] };
      const result = scan(text);
      if (typeof result === 'string') return { kind: 'error', line, message: `not an access-log line: ${result}` };
      return { kind: 'events', events: [{ record: result.record, schema: 'access-log', line, format: result.format }] };
    },
    end: () => [],
  };
}
