/**
 * Linux audit logs (`/var/log/audit/audit.log`), raw or ENRICHED:
 *
 *   [node=HOST ]type=TYPE msg=audit(EPOCH.MILLIS:SERIAL): field=value ...[<GS>NAME="translation" ...]
 *
 * Values are bare, double-quoted, or (for strings the kernel does not trust: `proctitle`, `cmd`,
 * `acct`, `exe`, `comm`, `name`, ...) uppercase hex when the original had spaces or control
 * characters; those are decoded (NUL separators, as in `proctitle`, become spaces). User-space
 * records (USER_*, ADD_USER, ...) carry `msg='...'`: its inner `key=value` pairs are read as fields
 * too, and the whole text is kept as `msg`. Words without `=` after a bare value continue it, as
 * user space writes `op=adding group to /etc/group`. In the ENRICHED format a GS (0x1D) character
 * separates the raw part from translations (`UID="root" AUID="vagrant"`); those go under
 * `translated`, as do upper-case fields in the raw part (the translations of a copy whose GS was
 * lost: raw field names are always lower case).
 *
 * Records of one event share `EPOCH.MILLIS:SERIAL` and arrive together or nearly so. They are
 * joined into one event `{ serial, timestamp, types, type, ...fields, translated? }`; on a key
 * collision the first value wins. An event is emitted at its EOE record, when more than
 * `OPEN_EVENT_WINDOW` events are open (the oldest goes), or at `end()`.
 *
 * One left-to-right scan per line, bounded state, never throws.
 */
import type { LineParser, ParseOutcome, ParsedEvent } from './types.js';

/** How many events may be open (waiting for more records) at once. */
const OPEN_EVENT_WINDOW = 8;
const MAX_SERIAL_DIGITS = 15;

const SPACE = 0x20;
const TAB = 0x09;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const EQUALS = 0x3d;
const GROUP_SEPARATOR = '\u001d';

/** Fields the kernel and user space hex-encode when their value has spaces or special characters. */
const HEX_FIELDS: ReadonlySet<string> = new Set([
  'proctitle',
  'cmd',
  'acct',
  'exe',
  'comm',
  'name',
  'cwd',
  'path',
  'key',
  'data',
  'old-chardev',
  'new-chardev',
]);

/** Field names the joined event sets itself. */
const RESERVED: ReadonlySet<string> = new Set(['serial', 'timestamp', 'types', 'type', 'translated']);

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isUpperHex(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46);
}

/** Upper-case letters, digits and `_`, with at least one letter: an ENRICHED translation's name. */
function isUpperName(key: string): boolean {
  let letter = false;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) letter = true;
    else if (!isDigit(code) && code !== 0x5f) return false;
  }
  return letter;
}

function shouldDecodeHex(key: string, value: string, recordType: string): boolean {
  if (value.length < 2 || value.length % 2 !== 0) return false;
  if (!HEX_FIELDS.has(key)) {
    // EXECVE arguments a0, a1, ... (SYSCALL's a0..a3 are lower-case hex numbers: not decoded).
    if (recordType !== 'EXECVE' || key.length < 2 || key.charCodeAt(0) !== 0x61) return false;
    for (let i = 1; i < key.length; i++) if (!isDigit(key.charCodeAt(i))) return false;
  }
  for (let i = 0; i < value.length; i++) if (!isUpperHex(value.charCodeAt(i))) return false;
  return true;
}

function decodeHex(value: string): string {
  return Buffer.from(value, 'hex').toString('utf8').replaceAll('\u0000', ' ');
}

interface Field {
  key: string;
  value: string;
}

interface ScanState {
  fields: Field[];
  translated: Field[];
}

/**
 * Reads `key=value` pairs from text[start, end) into `state`. At depth 0, `msg='...'` is kept and
 * its inside read as well (depth 1). Returns an error message, or null.
 */
function scanFields(text: string, start: number, end: number, recordType: string, depth: number, state: ScanState): string | null {
  let i = start;
  /** The last pair written with a bare value: words without `=` continue it. */
  let continued: Field | null = null;
  while (true) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) return null;
    const keyStart = i;
    while (i < end) {
      const code = text.charCodeAt(i);
      if (isSpace(code) || code === EQUALS) break;
      i++;
    }
    if (i >= end || text.charCodeAt(i) !== EQUALS) {
      // A word without '=': part of the previous bare value, or a leading word (`pam_tally2`, `avc:`).
      if (continued !== null && i > keyStart) continued.value += ' ' + text.slice(keyStart, i);
      continue;
    }
    const key = text.slice(keyStart, i);
    i++; // '='
    const quote = i < end ? text.charCodeAt(i) : -1;
    let value: string;
    let bare = false;
    let inner = -1;
    if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
      const close = text.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", i + 1);
      // The key is log content: it may be anything, a secret included, so it is not quoted back.
      if (close < 0 || close >= end) return key === 'msg' ? 'unterminated quote in msg' : 'unterminated quote in a field';
      value = text.slice(i + 1, close);
      if (quote === SINGLE_QUOTE && depth === 0) inner = i + 1;
      i = close + 1;
    } else {
      const valueStart = i;
      while (i < end && !isSpace(text.charCodeAt(i))) i++;
      value = text.slice(valueStart, i);
      if (shouldDecodeHex(key, value, recordType)) value = decodeHex(value);
      else bare = true;
    }
    continued = null;
    if (key !== '') {
      const field: Field = { key, value };
      if (depth === 0 && isUpperName(key)) state.translated.push(field);
      else state.fields.push(field);
      if (bare) continued = field;
    }
    if (inner >= 0) {
      // msg='op=... acct="root" res=success': the user-space message's own fields.
      const error = scanFields(text, inner, i - 1, recordType, depth + 1, state);
      if (error !== null) return error;
    }
  }
}

interface AuditRecord {
  node: string | null;
  type: string;
  timestamp: string;
  serial: number;
  /** `node` + `EPOCH.MILLIS:SERIAL`: records with equal ids belong to one event. */
  id: string;
  fields: Field[];
  translated: Field[];
}

/** Where `type=` starts (after an optional `node=NAME ` prefix), or -1. */
function typeStart(line: string): number {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (line.startsWith('node=', i)) {
    while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
    while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  }
  return line.startsWith('type=', i) ? i : -1;
}

/** `EPOCH.MILLIS` (digits, optionally one dot and digits). */
function isEpoch(text: string): boolean {
  let dot = false;
  if (text.length === 0 || !isDigit(text.charCodeAt(0)) || !isDigit(text.charCodeAt(text.length - 1))) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2e) {
      if (dot) return false;
      dot = true;
    } else if (!isDigit(code)) return false;
  }
  return true;
}

function isSerial(text: string): boolean {
  if (text.length === 0 || text.length > MAX_SERIAL_DIGITS) return false;
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

const NOT_AUDIT = 'not an audit record: expected type=TYPE msg=audit(EPOCH:SERIAL):';

function parseRecord(line: string): AuditRecord | string {
  const start = typeStart(line);
  if (start < 0) return NOT_AUDIT;
  const node = nodeOf(line, start);
  let i = start + 'type='.length;
  const typeBegin = i;
  while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
  const type = line.slice(typeBegin, i);
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (type.length === 0 || !line.startsWith('msg=audit(', i)) return NOT_AUDIT;
  i += 'msg=audit('.length;
  const close = line.indexOf(')', i);
  if (close < 0) return NOT_AUDIT;
  const stamp = line.slice(i, close);
  const colon = stamp.lastIndexOf(':');
  const timestamp = stamp.slice(0, colon < 0 ? 0 : colon);
  const serialText = stamp.slice(colon + 1);
  if (colon < 0 || !isEpoch(timestamp) || !isSerial(serialText)) return NOT_AUDIT;
  i = close + 1;
  if (line.charCodeAt(i) === 0x3a) i++; // ':'

  const separator = line.indexOf(GROUP_SEPARATOR, i);
  const rawEnd = separator < 0 ? line.length : separator;
  const state: ScanState = { fields: [], translated: [] };
  const error = scanFields(line, i, rawEnd, type, 0, state);
  if (error !== null) return error;
  if (separator >= 0) {
    const enriched: ScanState = { fields: [], translated: state.translated };
    const enrichedError = scanFields(line, separator + 1, line.length, type, 1, enriched);
    if (enrichedError !== null) return enrichedError;
    for (const field of enriched.fields) state.translated.push(field);
  }
  return {
    node,
    type,
    timestamp,
    serial: Number(serialText),
    id: node === null ? stamp : `${node} ${stamp}`,
    fields: state.fields,
    translated: state.translated,
  };
}

/** The NAME of a `node=NAME ` prefix before `type=` at `typeAt`, or null. */
function nodeOf(line: string, typeAt: number): string | null {
  let i = 0;
  while (i < typeAt && isSpace(line.charCodeAt(i))) i++;
  if (!line.startsWith('node=', i)) return null;
  const begin = i + 'node='.length;
  let end = begin;
  while (end < typeAt && !isSpace(line.charCodeAt(end))) end++;
  return end > begin ? line.slice(begin, end) : null;
}

/** True when the line starts like an audit record: `[node=X ]type=TYPE msg=audit(`. */
export function looksLikeAuditd(line: string): boolean {
  const start = typeStart(line);
  if (start < 0) return false;
  let i = start + 'type='.length;
  const typeBegin = i;
  while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
  if (i === typeBegin) return false;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  return line.startsWith('msg=audit(', i);
}

/** Sets a key, even `__proto__`, as an own data property. */
function setField(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

interface OpenEvent {
  line: number;
  record: Record<string, unknown>;
  types: string[];
  translated: Record<string, unknown> | null;
}

function addRecord(event: OpenEvent, record: AuditRecord): void {
  if (record.type !== 'EOE') event.types.push(record.type);
  const target = event.record;
  for (const { key, value } of record.fields) {
    if (!RESERVED.has(key) && !Object.hasOwn(target, key)) setField(target, key, value);
  }
  if (record.translated.length > 0) {
    const translated = event.translated ?? {};
    event.translated = translated;
    for (const { key, value } of record.translated) {
      if (!Object.hasOwn(translated, key)) setField(translated, key, value);
    }
  }
}

function finish(event: OpenEvent): ParsedEvent {
  if (event.translated !== null) event.record['translated'] = event.translated;
  return { record: event.record, schema: 'auditd', line: event.line, format: 'auditd' };
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Audit records joined into events by `EPOCH.MILLIS:SERIAL` (see the module comment). */
export function createAuditdParser(): LineParser {
  /** Open events in arrival order (a Map keeps insertion order). */
  const open = new Map<string, OpenEvent>();
  return {
    push(text: string, line: number): ParseOutcome {
      if (isBlank(text)) return { kind: 'events', events: [] };
      const record = parseRecord(text);
      if (typeof record === 'string') return { kind: 'error', line, message: record };
      const events: ParsedEvent[] = [];
      let event = open.get(record.id);
      if (event === undefined) {
        if (record.type === 'EOE') return { kind: 'events', events };
        while (open.size >= OPEN_EVENT_WINDOW) {
          const oldest = open.entries().next();
          if (oldest.done === true) break;
          open.delete(oldest.value[0]);
          events.push(finish(oldest.value[1]));
        }
        const types: string[] = [];
        const fresh: Record<string, unknown> = {
          serial: record.serial,
          timestamp: record.timestamp,
          types,
          type: record.type,
        };
        if (record.node !== null) fresh['node'] = record.node;
        event = { line, record: fresh, types, translated: null };
        open.set(record.id, event);
      }
      addRecord(event, record);
      if (record.type === 'EOE') {
        open.delete(record.id);
        events.push(finish(event));
      }
      return { kind: 'events', events };
    },
    end(): ParsedEvent[] {
      const events: ParsedEvent[] = [];
      for (const event of open.values()) events.push(finish(event));
      open.clear();
      return events;
    },
  };
}
