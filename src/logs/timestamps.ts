/**
 * Classifies an event's timestamp value: does it parse, does it say which zone it is in, is that
 * zone UTC. Pure. Recognised forms:
 *  - ISO 8601 / RFC 3339 date-time: `T`, `t` or space separator, optional seconds, fraction of any
 *    precision (`.` or `,`), zone `Z`, `±hh:mm`, `±hhmm` or `±hh`; a date alone is not a timestamp;
 *  - epoch numbers, or strings of digits, in seconds, milliseconds, microseconds or nanoseconds,
 *    when they fall in the years 2000-2100 (always UTC);
 *  - access-log time `10/Oct/2000:13:55:36 -0700` (brackets allowed, zone optional);
 *  - RFC 3164 syslog time `Oct 11 22:14:15` (no year, no zone);
 *  - RFC 1123 / 2822 time `Tue, 10 Oct 2000 13:55:36 GMT` (weekday optional).
 * Calendar fields are range-checked (leap years included); a leap second (:60) is accepted.
 */

export interface TimestampClass {
  parseable: boolean;
  withZone: boolean;
  utc: boolean;
  /**
   * The instant in epoch milliseconds, for ordering and spans. Without a zone the wall time is
   * read as UTC; RFC 3164 times, which have no year, are placed in the year 2000.
   */
  epochMs: number | null;
  /** Digits after the seconds (0 for whole seconds, 3 for milliseconds, ...); null when not parseable. */
  precision: number | null;
  /** The form has no year (RFC 3164): `epochMs` is placed in the year 2000. */
  yearless?: boolean;
}

interface Flags {
  parseable: boolean;
  withZone: boolean;
  utc: boolean;
}

const NOT_PARSEABLE: Flags = { parseable: false, withZone: false, utc: false };
const NO_ZONE: Flags = { parseable: true, withZone: false, utc: false };
const UTC: Flags = { parseable: true, withZone: true, utc: true };
const OFFSET: Flags = { parseable: true, withZone: true, utc: false };
const NONE: TimestampClass = { ...NOT_PARSEABLE, epochMs: null, precision: null };

function result(flags: Flags, epochMs: number | null, precision: number | null): TimestampClass {
  if (!flags.parseable) return { parseable: false, withZone: false, utc: false, epochMs: null, precision: null };
  return { parseable: true, withZone: flags.withZone, utc: flags.utc, epochMs, precision };
}

function fractionDigits(fraction: string | undefined): number {
  return fraction === undefined ? 0 : fraction.length;
}

function fractionMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Number(`0.${fraction}`) * 1000;
}

/** 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z in epoch seconds. */
const EPOCH_MIN_SECONDS = 946_684_800;
const EPOCH_MAX_SECONDS = 4_102_444_800;
/** Seconds, milliseconds, microseconds, nanoseconds. */
const EPOCH_SCALES = [1, 1e3, 1e6, 1e9] as const;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const ACCESS_LOG =
  /^\[?(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?: ([+-])(\d{2})(\d{2}))?\]?$/;
const RFC3164 = /^([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;
const RFC2822 =
  /^(?:[A-Za-z]{3}, ?)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC|UT|Z|[+-]\d{4})$/;
const DIGITS = /^\d+(?:\.\d+)?$/;
const ZONE_NAME = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)(?: ?([+-]\d{2}:?\d{2}))? (?:UTC|GMT|[A-Z]{3,4})$/;
const DOTNET_DATE = /^\/Date\((\d{10,13})(?:[+-]\d{4})?\)\/$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; without a year, February has 29. */
function daysInMonth(month: number, year: number | null): number {
  if (month === 2) return year === null || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(year: number | null, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, year);
}

function validTime(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 60;
}

function validOffset(hours: number, minutes: number): boolean {
  return hours <= 23 && minutes <= 59;
}

function monthNumber(name: string): number {
  return (MONTHS as readonly string[]).indexOf(name.toLowerCase()) + 1;
}

function num(text: string | undefined): number {
  return text === undefined ? 0 : Number(text);
}

function classifyEpoch(value: number, text: string): TimestampClass {
  if (!Number.isFinite(value) || value <= 0) return { ...NONE };
  for (const [index, scale] of EPOCH_SCALES.entries()) {
    const seconds = value / scale;
    if (seconds >= EPOCH_MIN_SECONDS && seconds < EPOCH_MAX_SECONDS) {
      const decimals = text.includes('.') ? (text.split('.')[1] ?? '').length : 0;
      return result(UTC, seconds * 1000, index * 3 + decimals);
    }
  }
  return { ...NONE };
}

/** Epoch ms of a wall time minus its offset (sign '+' means ahead of UTC). */
function instant(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: string | undefined, offsetMinutes: number): number {
  return Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) + fractionMs(fraction) - offsetMinutes * 60_000;
}

function classifyIso(match: RegExpExecArray): TimestampClass {
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  if (!validDate(num(year), num(month), num(day))) return { ...NONE };
  if (!validTime(num(hour), num(minute), num(second))) return { ...NONE };
  const at = (offset: number): number => instant(num(year), num(month), num(day), num(hour), num(minute), num(second), fraction, offset);
  const precision = fractionDigits(fraction);
  if (zulu !== undefined) return result(UTC, at(0), precision);
  if (sign === undefined) return result(NO_ZONE, at(0), precision);
  if (!validOffset(num(offsetHours), num(offsetMinutes))) return { ...NONE };
  const offset = (sign === '-' ? -1 : 1) * (num(offsetHours) * 60 + num(offsetMinutes));
  // RFC 3339 reads -00:00 as "UTC, local offset unknown": still UTC.
  return result(offset === 0 ? UTC : OFFSET, at(offset), precision);
}

function classifyAccessLog(match: RegExpExecArray): TimestampClass {
  const [, day, monthName, year, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] = match;
  const month = monthNumber(monthName ?? '');
  if (!validDate(num(year), month, num(day))) return { ...NONE };
  if (!validTime(num(hour), num(minute), num(second))) return { ...NONE };
  const at = (offset: number): number => instant(num(year), month, num(day), num(hour), num(minute), num(second), fraction, offset);
  if (sign === undefined) return result(NO_ZONE, at(0), fractionDigits(fraction));
  if (!validOffset(num(offsetHours), num(offsetMinutes))) return { ...NONE };
  const offset = (sign === '-' ? -1 : 1) * (num(offsetHours) * 60 + num(offsetMinutes));
  return result(offset === 0 ? UTC : OFFSET, at(offset), fractionDigits(fraction));
}

function classifyRfc3164(match: RegExpExecArray): TimestampClass {
  const [, monthName, day, hour, minute, second, fraction] = match;
  const month = monthNumber(monthName ?? '');
  if (!validDate(null, month, num(day))) return { ...NONE };
  if (!validTime(num(hour), num(minute), num(second))) return { ...NONE };
  return { ...result(NO_ZONE, instant(2000, month, num(day), num(hour), num(minute), num(second), fraction, 0), fractionDigits(fraction)), yearless: true };
}

function classifyRfc2822(match: RegExpExecArray): TimestampClass {
  const [, day, monthName, year, hour, minute, second, zone] = match;
  const month = monthNumber(monthName ?? '');
  if (!validDate(num(year), month, num(day))) return { ...NONE };
  if (!validTime(num(hour), num(minute), num(second))) return { ...NONE };
  const at = (offset: number): number => instant(num(year), month, num(day), num(hour), num(minute), num(second), undefined, offset);
  if (zone === undefined || /^[A-Za-z]+$/.test(zone)) return result(UTC, at(0), 0);
  const offsetHours = Number(zone.slice(1, 3));
  const offsetMinutes = Number(zone.slice(3, 5));
  if (!validOffset(offsetHours, offsetMinutes)) return { ...NONE };
  const offset = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return result(offset === 0 ? UTC : OFFSET, at(offset), 0);
}

/** Classifies one timestamp value as found in an event (string or number; anything else does not parse). */
export function classifyTimestamp(value: unknown): TimestampClass {
  return classify(value);
}

/** Days from 1970-01-01 to a civil date (proleptic Gregorian), without Date objects. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * The common RFC 3339 shape `YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]`, read without regular
 * expressions (most events carry it); null sends anything else to the general parser.
 */
function fastRfc3339(text: string): TimestampClass | null {
  if (text.length < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  if (!validDate(year, month, day) || !validTime(hour, minute, second)) return { ...NONE };
  let i = 19;
  let precision = 0;
  let fractionMillis = 0;
  if (i < text.length && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44)) {
    i++;
    let scale = 100;
    while (i < text.length) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      fractionMillis += c * scale;
      scale /= 10;
      precision++;
      i++;
    }
    if (precision === 0) return null;
  }
  const base = (daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + Math.min(second, 59)) * 1000 + fractionMillis;
  if (i === text.length) return result(NO_ZONE, base, precision);
  const zone = text.charCodeAt(i);
  if ((zone === 90 || zone === 122) && i + 1 === text.length) return result(UTC, base, precision);
  if (zone !== 43 && zone !== 45) return null;
  const rest = text.length - i - 1;
  const offsetHours = digitsAt(text, i + 1, 2);
  let offsetMinutes: number;
  if (rest === 5 && text.charCodeAt(i + 3) === 58) offsetMinutes = digitsAt(text, i + 4, 2);
  else if (rest === 4) offsetMinutes = digitsAt(text, i + 3, 2);
  else if (rest === 2) offsetMinutes = 0;
  else return null;
  if (offsetHours < 0 || offsetMinutes < 0) return null;
  if (!validOffset(offsetHours, offsetMinutes)) return { ...NONE };
  const offset = (zone === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return result(offset === 0 ? UTC : OFFSET, base - offset * 60_000, precision);
}

function classify(value: unknown): TimestampClass {
  if (typeof value === 'string' && value.length <= 64) {
    const fast = fastRfc3339(value);
    if (fast !== null) return fast;
  }
  return classifyGeneral(value);
}

/** The general parser alone (regular expressions), for checking the fast path against it. */
export function classifyTimestampGeneral(value: unknown): TimestampClass {
  return classifyGeneral(value);
}

function classifyGeneral(value: unknown): TimestampClass {
  if (typeof value === 'number') return classifyEpoch(value, String(value));
  if (typeof value !== 'string') return { ...NONE };
  const text = value.trim();
  if (text.length === 0 || text.length > 64) return { ...NONE };
  if (DIGITS.test(text)) return classifyEpoch(Number(text), text);
  // Spellings of the same instants: PostgreSQL jsonlog `2024-01-15 10:00:00.123 UTC`, Go's
  // default `2024-01-15 10:00:00.123 +0000 UTC`, .NET JSON `/Date(1705312800000)/`.
  const named = ZONE_NAME.exec(text);
  if (named) return classify(`${named[1]}${named[2] ?? 'Z'}`);
  const dotnet = DOTNET_DATE.exec(text);
  if (dotnet) return classifyEpoch(Number(dotnet[1]), dotnet[1] ?? '');
  let match = ISO.exec(text);
  if (match !== null) return classifyIso(match);
  match = ACCESS_LOG.exec(text);
  if (match !== null) return classifyAccessLog(match);
  match = RFC3164.exec(text);
  if (match !== null) return classifyRfc3164(match);
  match = RFC2822.exec(text);
  if (match !== null) return classifyRfc2822(match);
  return { ...NONE };
}
