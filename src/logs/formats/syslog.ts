/**
 * Syslog lines, as received or as written to files by syslog daemons.
 *
 * RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`, fields separated
 * by one space, `-` for a nil field (omitted from the record). Structured data is `-` or one or more
 * `[SD-ID name="value" ...]`; in values `\"`, `\\` and `\]` are unescaped and any other backslash
 * is kept. A parameter name given twice in one element gives an array of its values; an SD-ID given
 * twice merges into one object. A UTF-8 BOM before MSG is dropped. Only version 1 exists.
 *
 * RFC 3164 (BSD): `[<PRI>]Mmm dd hh:mm:ss HOSTNAME TAG[PID]: MSG`. PRI is optional (rsyslog's file
 * formats drop it); the day may be space- or zero-padded; an RFC 3339 timestamp may stand in for the
 * BSD one (rsyslog's `RSYSLOG_FileFormat`). When the word after the timestamp ends with `:` it is a
 * tag and the hostname is absent. When the content has no `TAG:` or `TAG[PID]:`, there is no
 * appName and the whole content is the message. A CEF or LEEF payload right after the timestamp or
 * hostname is the message, never a tag.
 *
 * Linux authentication messages (auth.log / secure) of sshd, sudo, su, login, systemd-logind, PAM
 * and the shadow-utils account tools gain an `auth` object; see `authFromSyslog`.
 *
 * One left-to-right scan of the header, a few anchored patterns on the message; never throws.
 */
import { parseCef } from './cef.js';
import { parseLeef } from './leef.js';
import type { LineParser, LogFormat, ParseOutcome } from './types.js';

export type SyslogFormat = 'syslog-5424' | 'syslog-3164';

export interface SyslogLine {
  format: SyslogFormat;
  record: Record<string, unknown>;
}

const SPACE = 0x20;
const LT = 0x3c;
const GT = 0x3e;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACKET = 0x5b;
const COLON = 0x3a;
const MAX_PRI = 191;
const MAX_TAG = 128;
const MAX_PROC_ID = 128;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** PRINTUSASCII of RFC 5424: `!` to `~`. */
function isPrintable(code: number): boolean {
  return code >= 33 && code <= 126;
}

/** SD-NAME characters: printable except `=`, `]` and `"`. */
function isSdNameChar(code: number): boolean {
  return isPrintable(code) && code !== EQUALS && code !== CLOSE_BRACKET && code !== QUOTE;
}

function allPrintable(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if (!isPrintable(text.charCodeAt(i))) return false;
  return true;
}

/** Sets a key, even `__proto__`, as an own data property. */
function setField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

function ownRecord(record: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  if (!Object.hasOwn(record, key)) return undefined;
  const value = record[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Two digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  return isDigit(a) && isDigit(b) ? (a - 0x30) * 10 + (b - 0x30) : -1;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-12); without a year February has 29. */
function daysInMonth(month: number, year: number | null): number {
  if (month === 2) return year === null || isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `hh:mm:ss` at `i`, range-checked (a leap second is allowed); true when valid. */
function validClock(text: string, i: number): boolean {
  const hour = twoDigits(text, i);
  const minute = twoDigits(text, i + 3);
  const second = twoDigits(text, i + 6);
  return (
    text.charCodeAt(i + 2) === COLON &&
    text.charCodeAt(i + 5) === COLON &&
    hour >= 0 &&
    hour <= 23 &&
    minute >= 0 &&
    minute <= 59 &&
    second >= 0 &&
    second <= 60
  );
}

/** Skips a fraction (`.` or `,` and at least one digit) at `i`; returns the index after it (or `i`). */
function skipFraction(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if ((code !== 0x2e && code !== 0x2c) || !isDigit(text.charCodeAt(i + 1))) return i;
  let j = i + 1;
  while (isDigit(text.charCodeAt(j))) j += 1;
  return j;
}

/**
 * An RFC 3339 date-time filling exactly [start, end): `YYYY-MM-DDThh:mm:ss`, optional fraction,
 * optional zone (`Z`, `±hh:mm`, `±hhmm`, `±hh`). Ranges are checked.
 */
function isIsoDateTime(text: string, start: number, end: number): boolean {
  if (end - start < 19) return false;
  const century = twoDigits(text, start);
  const yearLow = twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  if (century < 0 || yearLow < 0 || month < 1 || month > 12 || day < 1) return false;
  if (text.charCodeAt(start + 4) !== 0x2d || text.charCodeAt(start + 7) !== 0x2d) return false;
  if (day > daysInMonth(month, century * 100 + yearLow)) return false;
  const separator = text.charCodeAt(start + 10);
  if (separator !== 0x54 && separator !== 0x74) return false;
  if (!validClock(text, start + 11)) return false;
  let i = skipFraction(text, start + 19);
  if (i === end) return true;
  const zone = text.charCodeAt(i);
  if (zone === 0x5a || zone === 0x7a) return i + 1 === end;
  if (zone !== 0x2b && zone !== 0x2d) return false;
  const hours = twoDigits(text, i + 1);
  if (hours < 0 || hours > 23) return false;
  i += 3;
  if (i === end) return true;
  if (text.charCodeAt(i) === COLON) i += 1;
  const minutes = twoDigits(text, i);
  return minutes >= 0 && minutes <= 59 && i + 2 === end;
}

/**
 * A BSD timestamp `Mmm dd hh:mm:ss` at `start` (day space- or zero-padded or a single digit,
 * optional fraction). Returns the index after it, or -1.
 */
function readBsdTimestamp(text: string, start: number): number {
  const month = (MONTHS as readonly string[]).indexOf(text.slice(start, start + 3).toLowerCase()) + 1;
  if (month === 0 || text.charCodeAt(start + 3) !== SPACE) return -1;
  let i = start + 4;
  // `Jun  2` (space-padded, RFC 3164), `Jun 02` or `Jun 2`.
  const padded = text.charCodeAt(i) === SPACE;
  if (padded) i += 1;
  const first = text.charCodeAt(i);
  if (!isDigit(first)) return -1;
  let day = first - 0x30;
  i += 1;
  const second = text.charCodeAt(i);
  if (isDigit(second) && !padded) {
    day = day * 10 + (second - 0x30);
    i += 1;
  }
  if (day < 1 || day > daysInMonth(month, null)) return -1;
  if (text.charCodeAt(i) !== SPACE || !validClock(text, i + 1)) return -1;
  return skipFraction(text, i + 9);
}

/** `<PRI>` at the start: the value and the index after `>`; value -1 when absent; null when malformed. */
function readPri(text: string): { value: number; end: number } | null {
  if (text.charCodeAt(0) !== LT) return { value: -1, end: 0 };
  let value = 0;
  let i = 1;
  while (i <= 3 && isDigit(text.charCodeAt(i))) {
    value = value * 10 + (text.charCodeAt(i) - 0x30);
    i += 1;
  }
  if (i === 1 || text.charCodeAt(i) !== GT || value > MAX_PRI) return null;
  return { value, end: i + 1 };
}

function setPri(record: Record<string, unknown>, pri: number): void {
  if (pri < 0) return;
  record['facility'] = pri >> 3;
  record['severity'] = pri & 7;
}

/** Adds one SD-PARAM; a repeated name collects its values in an array. */
function addParam(params: Record<string, unknown>, name: string, value: string): void {
  if (!Object.hasOwn(params, name)) {
    setField(params, name, value);
    return;
  }
  const previous = params[name];
  if (Array.isArray(previous)) previous.push(value);
  else setField(params, name, [previous, value]);
}

/** Reads SD-ELEMENTs from `pos` into `out`; returns the index after the last `]`, or -1 when malformed. */
function readStructuredData(text: string, start: number, out: Record<string, unknown>): number {
  let pos = start;
  while (text.charCodeAt(pos) === OPEN_BRACKET) {
    pos += 1;
    const idStart = pos;
    while (isSdNameChar(text.charCodeAt(pos))) pos += 1;
    if (pos === idStart || pos - idStart > 32) return -1;
    const id = text.slice(idStart, pos);
    let params = ownRecord(out, id);
    if (params === undefined) {
      params = {};
      setField(out, id, params);
    }
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === CLOSE_BRACKET) {
        pos += 1;
        break;
      }
      if (code !== SPACE) return -1;
      pos += 1;
      const nameStart = pos;
      while (isSdNameChar(text.charCodeAt(pos))) pos += 1;
      if (pos === nameStart || pos - nameStart > 32) return -1;
      const name = text.slice(nameStart, pos);
      if (text.charCodeAt(pos) !== EQUALS || text.charCodeAt(pos + 1) !== QUOTE) return -1;
      pos += 2;
      let value = '';
      let chunk = pos;
      for (;;) {
        if (pos >= text.length) return -1;
        const c = text.charCodeAt(pos);
        if (c === QUOTE) break;
        if (c === BACKSLASH) {
          const next = text.charCodeAt(pos + 1);
          if (next === QUOTE || next === BACKSLASH || next === CLOSE_BRACKET) {
            value += text.slice(chunk, pos) + text.charAt(pos + 1);
            pos += 2;
            chunk = pos;
            continue;
          }
        }
        pos += 1;
      }
      value += text.slice(chunk, pos);
      pos += 1;
      addParam(params, name, value);
    }
  }
  return pos;
}

/** RFC 5424 header fields after TIMESTAMP, with their maximum lengths. */
const HEADER_5424: ReadonlyArray<readonly [string, number]> = [
  ['hostname', 255],
  ['appName', 48],
  ['procId', 128],
  ['msgId', 32],
];

function parse5424(text: string, pri: number, start: number): Record<string, unknown> | null {
  const record: Record<string, unknown> = {};
  setPri(record, pri);
  record['version'] = 1;
  let pos = start;
  const timestampEnd = text.indexOf(' ', pos);
  if (timestampEnd <= pos) return null;
  if (!(timestampEnd === pos + 1 && text.charCodeAt(pos) === 0x2d)) {
    if (!isIsoDateTime(text, pos, timestampEnd)) return null;
    record['timestamp'] = text.slice(pos, timestampEnd);
  }
  pos = timestampEnd + 1;
  for (const [name, maxLength] of HEADER_5424) {
    const end = text.indexOf(' ', pos);
    if (end <= pos || end - pos > maxLength || !allPrintable(text, pos, end)) return null;
    if (!(end === pos + 1 && text.charCodeAt(pos) === 0x2d)) record[name] = text.slice(pos, end);
    pos = end + 1;
  }
  if (text.charCodeAt(pos) === 0x2d) {
    pos += 1;
  } else {
    const structuredData: Record<string, unknown> = {};
    const end = readStructuredData(text, pos, structuredData);
    if (end === -1 || end === pos) return null;
    record['structuredData'] = structuredData;
    pos = end;
  }
  if (pos < text.length) {
    if (text.charCodeAt(pos) !== SPACE) return null;
    pos += 1;
    if (text.charCodeAt(pos) === 0xfeff) pos += 1;
    record['message'] = text.slice(pos);
  }
  return record;
}

function startsWithPayload(text: string, pos: number): boolean {
  return text.startsWith('CEF:', pos) || text.startsWith('LEEF:', pos);
}

function parse3164(text: string, pri: number, start: number): Record<string, unknown> | null {
  let pos = start;
  let timestampEnd = readBsdTimestamp(text, pos);
  if (timestampEnd === -1) {
    timestampEnd = text.indexOf(' ', pos);
    if (timestampEnd === -1 || !isIsoDateTime(text, pos, timestampEnd)) return null;
  }
  if (text.charCodeAt(timestampEnd) !== SPACE) return null;
  const record: Record<string, unknown> = {};
  setPri(record, pri);
  record['timestamp'] = text.slice(pos, timestampEnd);
  pos = timestampEnd + 1;

  if (!startsWithPayload(text, pos)) {
    const found = text.indexOf(' ', pos);
    const wordEnd = found === -1 ? text.length : found;
    if (wordEnd === pos || !allPrintable(text, pos, wordEnd)) return null;
    // `host tag: msg`, or `tag: msg` / `tag[pid]: msg` without a hostname.
    if (text.charCodeAt(wordEnd - 1) !== COLON) {
      record['hostname'] = text.slice(pos, wordEnd);
      pos = found === -1 ? text.length : wordEnd + 1;
    }
  }

  if (!startsWithPayload(text, pos)) {
    const tagEnd = readTag(text, pos, record);
    if (tagEnd !== -1) {
      pos = tagEnd;
      while (text.charCodeAt(pos) === SPACE) pos += 1;
    }
  }
  record['message'] = text.slice(pos);
  return record;
}

/** `TAG:` or `TAG[PID]:` at `start`: sets appName (and procId), returns the index after `:`, or -1. */
function readTag(text: string, start: number, record: Record<string, unknown>): number {
  let i = start;
  const limit = Math.min(text.length, start + MAX_TAG);
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (code === COLON || code === OPEN_BRACKET || !isPrintable(code)) break;
    i += 1;
  }
  if (i === start) return -1;
  const stop = text.charCodeAt(i);
  if (stop === COLON) {
    record['appName'] = text.slice(start, i);
    return i + 1;
  }
  if (stop !== OPEN_BRACKET) return -1;
  const pidStart = i + 1;
  let j = pidStart;
  const pidLimit = Math.min(text.length, pidStart + MAX_PROC_ID);
  while (j < pidLimit && text.charCodeAt(j) !== CLOSE_BRACKET && isPrintable(text.charCodeAt(j))) j += 1;
  if (j === pidStart || text.charCodeAt(j) !== CLOSE_BRACKET || text.charCodeAt(j + 1) !== COLON) return -1;
  record['appName'] = text.slice(start, i);
  record['procId'] = text.slice(pidStart, j);
  return j + 2;
}

function parseSyslog(text: string, enrich: boolean): SyslogLine | null {
  const pri = readPri(text);
  if (pri === null) return null;
  let record: Record<string, unknown> | null;
  let format: SyslogFormat;
  // After PRI, `1 ` (a version and a space) means RFC 5424; any other version is unknown.
  let i = pri.end;
  while (i < pri.end + 3 && isDigit(text.charCodeAt(i))) i += 1;
  if (pri.value >= 0 && i > pri.end && text.charCodeAt(i) === SPACE) {
    if (i !== pri.end + 1 || text.charCodeAt(pri.end) !== 0x31) return null;
    record = parse5424(text, pri.value, i + 1);
    format = 'syslog-5424';
  } else {
    record = parse3164(text, pri.value, pri.end);
    format = 'syslog-3164';
  }
  if (record === null) return null;
  if (enrich) {
    const appName = record['appName'];
    const message = record['message'];
    if (typeof appName === 'string' && typeof message === 'string' && message.length > 0) {
      const auth = authFromSyslog(appName, message);
      if (auth !== null) record['auth'] = auth;
    }
  }
  return { format, record };
}

/**
 * Parses one syslog line (RFC 5424 or RFC 3164), with `auth` added for recognised authentication
 * messages. Null when the line is not syslog.
 *
 * RFC 5424 record: `{ facility, severity, version: 1, timestamp?, hostname?, appName?, procId?,
 * msgId?, structuredData?: { [sdId]: { [name]: value | value[] } }, message? }`.
 * RFC 3164 record: `{ facility?, severity?, timestamp, hostname?, appName?, procId?, message }`.
 */
export function parseSyslogLine(text: string): SyslogLine | null {
  return parseSyslog(text, true);
}

/** The syslog flavour of a line, for sniffing; null when it is not syslog. */
export function looksLikeSyslog(line: string): SyslogFormat | null {
  return parseSyslog(line, false)?.format ?? null;
}

/** A CEF or LEEF payload carried as the syslog MSG, with the syslog header under `syslog`. */
function embeddedEvent(record: Record<string, unknown>): { format: LogFormat; record: Record<string, unknown> } | null {
  const message = record['message'];
  if (typeof message !== 'string') return null;
  let start = 0;
  while (message.charCodeAt(start) === SPACE) start += 1;
  let format: LogFormat;
  let inner: Record<string, unknown> | null;
  if (message.startsWith('CEF:', start)) {
    format = 'cef';
    inner = parseCef(message);
  } else if (message.startsWith('LEEF:', start)) {
    format = 'leef';
    inner = parseLeef(message);
  } else {
    return null;
  }
  if (inner === null) return null;
  const header: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (key !== 'message' && key !== 'auth') header[key] = record[key];
  }
  inner['syslog'] = header;
  return { format, record: inner };
}

/**
 * A line parser for syslog files (schema `syslog`). A MSG that is a CEF or LEEF event gives a
 * `cef`/`leef` event (schema and format) with the syslog header under `record.syslog`.
 */
export function createSyslogParser(): LineParser {
  return {
    push(text: string, line: number): ParseOutcome {
      const parsed = parseSyslogLine(text);
      if (parsed === null) return { kind: 'error', line, message: 'not a syslog line' };
      const embedded = embeddedEvent(parsed.record);
      if (embedded !== null) {
        return { kind: 'events', events: [{ record: embedded.record, schema: embedded.format, line, format: embedded.format }] };
      }
      return { kind: 'events', events: [{ record: parsed.record, schema: 'syslog', line, format: parsed.format }] };
    },
    end() {
      return [];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Authentication enrichment

export type AuthCategory = 'authentication' | 'privilege' | 'account-change' | 'session';
export type AuthOutcome = 'success' | 'failure';

/**
 * What an authentication message says. `user` is who acted (logged in, ran sudo or su, owned the
 * session); it is absent when the line does not name them (the account tools never log who ran
 * them). `targetUser` is the account acted on: the sudo/su target, the session user opened by
 * someone else, the account created, changed or deleted. `group` names the group of a group event.
 * `sourceIp` is the remote address as logged (an IP, or a host name when the daemon resolved it).
 *
 * Actions: `ssh-login`, `ssh-invalid-user`, `ssh-disconnect`, `ssh-connection-closed`, `sudo`,
 * `su`, `login`, `pam-auth`, `session-opened`, `session-closed`, `password-changed`,
 * `user-created`, `user-deleted`, `user-modified`, `user-renamed`, `user-locked`, `user-unlocked`,
 * `group-created`, `group-deleted`, `group-member-added`, `group-member-removed`.
 */
export interface AuthInfo {
  user?: string;
  sourceIp?: string;
  action: string;
  outcome?: AuthOutcome;
  targetUser?: string;
  group?: string;
  category: AuthCategory;
}

interface AuthParts {
  user?: string | undefined;
  sourceIp?: string | undefined;
  outcome?: AuthOutcome | undefined;
  targetUser?: string | undefined;
  group?: string | undefined;
}

function auth(category: AuthCategory, action: string, parts: AuthParts): AuthInfo {
  const info: AuthInfo = { action, category };
  if (parts.user !== undefined) info.user = parts.user;
  if (parts.sourceIp !== undefined && parts.sourceIp.length > 0) info.sourceIp = parts.sourceIp;
  if (parts.outcome !== undefined) info.outcome = parts.outcome;
  if (parts.targetUser !== undefined) info.targetUser = parts.targetUser;
  if (parts.group !== undefined) info.group = parts.group;
  return info;
}

// Anchored at the start, no nested quantifiers, and (but for the final `\.?$` of LOGIND_NEW) each
// quantified class stops at the literal after it: each pattern costs one pass over the message.
const SSH_AUTH = /^(Accepted|Failed) (\S+) for (?:(?:invalid|illegal) user )?(\S*) from (\S+) port \d+/;
const SSH_INVALID_USER = /^(?:Invalid|Illegal) user (\S*) from (\S+)/;
const SSH_CLOSED = /^(Disconnected from|Connection closed by|Connection reset by) (authenticating user|invalid user|user) (\S*) (\S+) port \d+/;
const SSH_PAM = /^(?:error: )?PAM: (?:Authentication failure|User not known to the underlying authentication module) for (?:(?:illegal|invalid) user )?(\S*) from (\S+)/;
const SU_RESULT = /^(Successful|FAILED) su for (\S+) by (\S+)/;
const SU_SWITCH = /^([+-]) (\S+) ([^\s:]+):(\S+)$/;
const SU_TO = /^\(to (\S+)\) (\S+) on /;
const SU_BSD_FAILED = /^'su (\S+)' failed for (\S+) on /;
const LOGIND_NEW = /^New session (\S+) of user (\S+?)\.?$/;
// shadow-utils: FAILED LOGIN (1) on '/dev/tty1' FOR 'root', ...; util-linux: FAILED LOGIN 1 FROM tty1 FOR root, ...
const LOGIN_FAILED = /^FAILED LOGIN \(?\d+\)?(?: (?:on|from|FROM) \S+)? FOR '?([^',\s]*)'?,/;
const LOGIN_ROOT = /^ROOT LOGIN +ON /;
const LOGIN_BY = /^LOGIN ON (\S+) BY (\S+)/;
const NEW_USER = /^new user: name=([^,\s]*)/;
const NEW_GROUP = /^new group: name=([^,\s]*)/;
const FAILED_ADDING_USER = /^failed adding user '([^']*)'/;
const DELETE_USER = /^delete user '([^']*)'/;
const GROUP_REMOVED = /^group '([^']*)' removed$/;
const MEMBER_ADDED = /^add '([^']*)' to group '([^']*)'/;
const MEMBER_REMOVED = /^delete '([^']*)' from group '([^']*)'/;
const USER_RENAMED = /^change user name '([^']*)' to '([^']*)'/;
const USER_LOCK = /^(lock|unlock) user '([^']*)' password/;
const USER_PASSWORD = /^change user '([^']*)' password/;
const USER_CHANGED = /^change user '([^']*)' /;
const PASSWORD_CHANGED_BY = /^password for '([^']*)' changed by '([^']*)'/;

const ACCOUNT_TOOLS: ReadonlySet<string> = new Set([
  'useradd',
  'userdel',
  'usermod',
  'groupadd',
  'groupdel',
  'groupmod',
  'gpasswd',
  'passwd',
  'chpasswd',
  'chage',
  'newusers',
]);

/** rsyslog's "message repeated N times: [ MSG]" gives MSG. */
function unwrapRepeated(message: string): string {
  if (!message.startsWith('message repeated ') || !message.endsWith(']')) return message;
  const open = message.indexOf(': [');
  return open === -1 ? message : message.slice(open + 3, -1).trim();
}

/** `user=` and `rhost=` of a PAM "authentication failure;" line. */
function pamFailureFields(text: string, from: number): { user?: string; rhost?: string } {
  const fields: { user?: string; rhost?: string } = {};
  let pos = from;
  while (pos < text.length) {
    const found = text.indexOf(' ', pos);
    const end = found === -1 ? text.length : found;
    if (text.startsWith('user=', pos)) fields.user = text.slice(pos + 5, end);
    else if (text.startsWith('rhost=', pos)) fields.rhost = text.slice(pos + 6, end);
    pos = end + 1;
  }
  return fields;
}

/** A `name(uid=N)` name without its uid part. */
function withoutUid(name: string): string {
  const paren = name.indexOf('(');
  return paren === -1 ? name : name.slice(0, paren);
}

function isPrivilegeService(service: string): boolean {
  return service === 'sudo' || service === 'sudo-i' || service === 'su' || service === 'su-l';
}

function pamServiceAction(service: string): string {
  if (service.startsWith('sshd')) return 'ssh-login';
  if (service === 'sudo' || service === 'sudo-i') return 'sudo';
  if (service === 'su' || service === 'su-l') return 'su';
  if (service === 'login') return 'login';
  return 'pam-auth';
}

/** `pam_MODULE(SERVICE:TYPE): ...` */
function fromPam(message: string): AuthInfo | null {
  const open = message.indexOf('(');
  if (open === -1 || open > 32) return null;
  const close = message.indexOf('): ', open);
  const colon = message.indexOf(':', open);
  if (close === -1 || colon === -1 || colon > close) return null;
  const service = message.slice(open + 1, colon);
  const type = message.slice(colon + 1, close);
  const rest = close + 3;
  if (type === 'auth' && message.startsWith('authentication failure;', rest)) {
    const fields = pamFailureFields(message, rest + 'authentication failure;'.length);
    return auth(isPrivilegeService(service) ? 'privilege' : 'authentication', pamServiceAction(service), {
      user: fields.user !== undefined && fields.user.length > 0 ? fields.user : undefined,
      sourceIp: fields.rhost,
      outcome: 'failure',
    });
  }
  if (type === 'session') {
    let action: string;
    if (message.startsWith('session opened for user ', rest)) action = 'session-opened';
    else if (message.startsWith('session closed for user ', rest)) action = 'session-closed';
    else return null;
    const nameStart = rest + 'session opened for user '.length;
    const found = message.indexOf(' ', nameStart);
    const sessionUser = withoutUid(message.slice(nameStart, found === -1 ? message.length : found));
    if (sessionUser.length === 0) return null;
    // "... by vagrant(uid=1000)": someone else opened it (su, sudo); "by (uid=0)" names nobody.
    let by = '';
    if (found !== -1 && message.startsWith(' by ', found)) {
      const byStart = found + 4;
      const byEnd = message.indexOf(' ', byStart);
      by = withoutUid(message.slice(byStart, byEnd === -1 ? message.length : byEnd));
    }
    if (by.length > 0 && by !== sessionUser) return auth('session', action, { user: by, targetUser: sessionUser });
    return auth('session', action, { user: sessionUser });
  }
  if ((type === 'chauthtok' || type === 'password') && message.startsWith('password changed for ', rest)) {
    const nameStart = rest + 'password changed for '.length;
    const found = message.indexOf(' ', nameStart);
    const account = message.slice(nameStart, found === -1 ? message.length : found);
    if (account.length === 0) return null;
    return auth('account-change', 'password-changed', { targetUser: account, outcome: 'success' });
  }
  return null;
}

function fromSshd(message: string): AuthInfo | null {
  let match = SSH_AUTH.exec(message);
  if (match !== null) {
    return auth('authentication', 'ssh-login', {
      user: match[3],
      sourceIp: match[4],
      outcome: match[1] === 'Accepted' ? 'success' : 'failure',
    });
  }
  match = SSH_INVALID_USER.exec(message);
  if (match !== null) return auth('authentication', 'ssh-invalid-user', { user: match[1], sourceIp: match[2], outcome: 'failure' });
  match = SSH_CLOSED.exec(message);
  if (match !== null) {
    const action = match[1] === 'Disconnected from' ? 'ssh-disconnect' : 'ssh-connection-closed';
    return auth(match[2] === 'user' ? 'session' : 'authentication', action, { user: match[3], sourceIp: match[4] });
  }
  match = SSH_PAM.exec(message);
  if (match !== null) return auth('authentication', 'ssh-login', { user: match[1], sourceIp: match[2], outcome: 'failure' });
  return null;
}

/**
 * `USER : TTY=... ; PWD=... ; USER=TARGET ; COMMAND=...`. A first item that is not `KEY=value` is
 * the reason sudo refused (`user NOT in sudoers`, `3 incorrect password attempts`, ...).
 */
function fromSudo(message: string): AuthInfo | null {
  const separator = message.indexOf(' : ');
  if (separator <= 0) return null;
  const user = message.slice(0, separator).trim();
  if (user.length === 0 || user.includes(' ')) return null;
  let pos = separator + 3;
  let outcome: AuthOutcome = 'success';
  let targetUser: string | undefined;
  let first = true;
  let sawCommand = false;
  for (;;) {
    const found = message.indexOf(' ; ', pos);
    const end = found === -1 ? message.length : found;
    if (message.startsWith('COMMAND=', pos)) {
      sawCommand = true;
      break;
    }
    if (first) {
      const equals = message.indexOf('=', pos);
      if (equals === -1 || equals > end || message.lastIndexOf(' ', equals) >= pos) outcome = 'failure';
      first = false;
    }
    if (message.startsWith('USER=', pos) && targetUser === undefined) targetUser = message.slice(pos + 5, end);
    if (found === -1) break;
    pos = found + 3;
  }
  if (!sawCommand) return null;
  return auth('privilege', 'sudo', { user, targetUser, outcome });
}

function fromSu(message: string): AuthInfo | null {
  let match = SU_RESULT.exec(message);
  if (match !== null) {
    return auth('privilege', 'su', { user: match[3], targetUser: match[2], outcome: match[1] === 'Successful' ? 'success' : 'failure' });
  }
  match = SU_SWITCH.exec(message);
  if (match !== null) {
    return auth('privilege', 'su', { user: match[3], targetUser: match[4], outcome: match[1] === '+' ? 'success' : 'failure' });
  }
  match = SU_TO.exec(message);
  if (match !== null) return auth('privilege', 'su', { user: match[2], targetUser: match[1], outcome: 'success' });
  match = SU_BSD_FAILED.exec(message);
  if (match !== null) return auth('privilege', 'su', { user: match[2], targetUser: match[1], outcome: 'failure' });
  return null;
}

function fromLogin(message: string): AuthInfo | null {
  let match = LOGIN_FAILED.exec(message);
  if (match !== null) return auth('authentication', 'login', { user: match[1], outcome: 'failure' });
  if (LOGIN_ROOT.test(message)) return auth('authentication', 'login', { user: 'root', outcome: 'success' });
  match = LOGIN_BY.exec(message);
  if (match !== null) return auth('authentication', 'login', { user: match[2], outcome: 'success' });
  return null;
}

function fromAccountTool(message: string): AuthInfo | null {
  const change = (action: string, targetUser: string | undefined, group?: string, outcome: AuthOutcome = 'success'): AuthInfo =>
    auth('account-change', action, { targetUser, group, outcome });
  let match = NEW_USER.exec(message);
  if (match !== null) return change('user-created', match[1]);
  match = NEW_GROUP.exec(message);
  if (match !== null) return change('group-created', undefined, match[1]);
  match = FAILED_ADDING_USER.exec(message);
  if (match !== null) return change('user-created', match[1], undefined, 'failure');
  match = DELETE_USER.exec(message);
  if (match !== null) return change('user-deleted', match[1]);
  match = GROUP_REMOVED.exec(message);
  if (match !== null) return change('group-deleted', undefined, match[1]);
  match = MEMBER_ADDED.exec(message);
  if (match !== null) return change('group-member-added', match[1], match[2]);
  match = MEMBER_REMOVED.exec(message);
  if (match !== null) return change('group-member-removed', match[1], match[2]);
  match = USER_RENAMED.exec(message);
  if (match !== null) return change('user-renamed', match[1]);
  match = USER_LOCK.exec(message);
  if (match !== null) return change(match[1] === 'lock' ? 'user-locked' : 'user-unlocked', match[2]);
  match = USER_PASSWORD.exec(message);
  if (match !== null) return change('password-changed', match[1]);
  match = USER_CHANGED.exec(message);
  if (match !== null) return change('user-modified', match[1]);
  match = PASSWORD_CHANGED_BY.exec(message);
  if (match !== null) return auth('account-change', 'password-changed', { user: match[2], targetUser: match[1], outcome: 'success' });
  return null;
}

/**
 * The authentication facts of a Linux auth.log / secure message, from the syslog app name (tag)
 * and message; null when the message is not one of the recognised kinds:
 *  - sshd (and sshd-session): Accepted/Failed METHOD for [invalid user] USER from ADDR port N;
 *    Invalid user USER from ADDR; Disconnected from / Connection closed by [authenticating|invalid]
 *    user USER ADDR port N; PAM: Authentication failure / User not known ... for [illegal user] USER
 *    from ADDR;
 *  - any PAM module: `pam_X(SERVICE:auth): authentication failure; ... rhost=ADDR user=USER`,
 *    `pam_X(SERVICE:session): session opened|closed for user USER [by OTHER]`,
 *    `pam_X(SERVICE:chauthtok): password changed for USER`;
 *  - sudo: `USER : [REASON ;] TTY=... ; PWD=... ; USER=TARGET ; COMMAND=...` (a reason means refused);
 *  - su: `Successful|FAILED su for TARGET by USER`, `+|- TTY USER:TARGET`, `(to TARGET) USER on TTY`,
 *    `'su TARGET' failed for USER on TTY`;
 *  - login: `FAILED LOGIN ... FOR USER, reason`, `ROOT LOGIN ON TTY`, `LOGIN ON TTY BY USER`;
 *  - systemd-logind: `New session N of user USER.`;
 *  - useradd, userdel, usermod, groupadd, groupdel, passwd, chpasswd, ...: `new user: name=X`,
 *    `new group: name=G`, `delete user 'X'`, `group 'G' removed`, `add 'X' to group 'G'`,
 *    `delete 'X' from group 'G'`, `change user 'X' ...`, `change user name 'X' to 'Y'`,
 *    `lock|unlock user 'X' password`, `failed adding user 'X'`, `password for 'X' changed by 'Y'`.
 *    rsyslog's `message repeated N times: [ MSG ]` is read as MSG.
 */
export function authFromSyslog(appName: string, message: string): AuthInfo | null {
  const text = unwrapRepeated(message.trim());
  if (text.startsWith('pam_')) return fromPam(text);
  if (appName.startsWith('sshd')) return fromSshd(text);
  switch (appName) {
    case 'sudo':
      return fromSudo(text);
    case 'su':
      return fromSu(text);
    case 'login':
      return fromLogin(text);
    case 'systemd-logind': {
      const match = LOGIND_NEW.exec(text);
      return match === null ? null : auth('session', 'session-opened', { user: match[2] });
    }
    default:
      return ACCOUNT_TOOLS.has(appName) ? fromAccountTool(text) : null;
  }
}
