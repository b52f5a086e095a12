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
}

const NOT_PARSEABLE: TimestampClass = { parseable: false, withZone: false, utc: false };
const NO_ZONE: TimestampClass = { parseable: true, withZone: false, utc: false };
const UTC: TimestampClass = { parseable: true, withZone: true, utc: true };
const OFFSET: TimestampClass = { parseable: true, withZone: true, utc: false };

/** 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z in epoch seconds. */
const EPOCH_MIN_SECONDS = 946_684_800;
const EPOCH_MAX_SECONDS = 4_102_444_800;
/** Seconds, milliseconds, microseconds, nanoseconds. */
const EPOCH_SCALES = [1, 1e3, 1e6, 1e9] as const;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const ACCESS_LOG =
  /^\[?(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?: ([+-])(\d{2})(\d{2}))?\]?$/;
const RFC3164 = /^([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/;
const RFC2822 =
  /^(?:[A-Za-z]{3}, ?)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC|UT|Z|[+-]\d{4})$/;
const DIGITS = /^\d+(?:\.\d+)?$/;

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

function classifyEpoch(value: number): TimestampClass {
  if (!Number.isFinite(value) || value <= 0) return NOT_PARSEABLE;
  for (const scale of EPOCH_SCALES) {
    const seconds = value / scale;
    if (seconds >= EPOCH_MIN_SECONDS && seconds < EPOCH_MAX_SECONDS) return UTC;
  }
  return NOT_PARSEABLE;
}

function classifyIso(match: RegExpExecArray): TimestampClass {
  const [, year, month, day, hour, minute, second, zulu, sign, offsetHours, offsetMinutes] = match;
  if (!validDate(num(year), num(month), num(day))) return NOT_PARSEABLE;
  if (!validTime(num(hour), num(minute), num(second))) return NOT_PARSEABLE;
  if (zulu !== undefined) return UTC;
  if (sign === undefined) return NO_ZONE;
  if (!validOffset(num(offsetHours), num(offsetMinutes))) return NOT_PARSEABLE;
  // RFC 3339 reads -00:00 as "UTC, local offset unknown": still UTC.
  return num(offsetHours) === 0 && num(offsetMinutes) === 0 ? UTC : OFFSET;
}

function classifyAccessLog(match: RegExpExecArray): TimestampClass {
  const [, day, monthName, year, hour, minute, second, sign, offsetHours, offsetMinutes] = match;
  const month = monthNumber(monthName ?? '');
  if (!validDate(num(year), month, num(day))) return NOT_PARSEABLE;
  if (!validTime(num(hour), num(minute), num(second))) return NOT_PARSEABLE;
  if (sign === undefined) return NO_ZONE;
  if (!validOffset(num(offsetHours), num(offsetMinutes))) return NOT_PARSEABLE;
  return num(offsetHours) === 0 && num(offsetMinutes) === 0 ? UTC : OFFSET;
}

function classifyRfc3164(match: RegExpExecArray): TimestampClass {
  const [, monthName, day, hour, minute, second] = match;
  const month = monthNumber(monthName ?? '');
  if (!validDate(null, month, num(day))) return NOT_PARSEABLE;
  if (!validTime(num(hour), num(minute), num(second))) return NOT_PARSEABLE;
  return NO_ZONE;
}

function classifyRfc2822(match: RegExpExecArray): TimestampClass {
  const [, day, monthName, year, hour, minute, second, zone] = match;
  const month = monthNumber(monthName ?? '');
  if (!validDate(num(year), month, num(day))) return NOT_PARSEABLE;
  if (!validTime(num(hour), num(minute), num(second))) return NOT_PARSEABLE;
  if (zone === undefined || /^[A-Za-z]+$/.test(zone)) return UTC;
  const offsetHours = Number(zone.slice(1, 3));
  const offsetMinutes = Number(zone.slice(3, 5));
  if (!validOffset(offsetHours, offsetMinutes)) return NOT_PARSEABLE;
  return offsetHours === 0 && offsetMinutes === 0 ? UTC : OFFSET;
}

/** Classifies one timestamp value as found in an event (string or number; anything else does not parse). */
export function classifyTimestamp(value: unknown): TimestampClass {
  // A fresh object, so callers may keep or change it without touching the shared constants.
  return { ...classify(value) };
}

function classify(value: unknown): TimestampClass {
  if (typeof value === 'number') return classifyEpoch(value);
  if (typeof value !== 'string') return NOT_PARSEABLE;
  const text = value.trim();
  if (text.length === 0 || text.length > 64) return NOT_PARSEABLE;
  if (DIGITS.test(text)) return classifyEpoch(Number(text));
  let match = ISO.exec(text);
  if (match !== null) return classifyIso(match);
  match = ACCESS_LOG.exec(text);
  if (match !== null) return classifyAccessLog(match);
  match = RFC3164.exec(text);
  if (match !== null) return classifyRfc3164(match);
  match = RFC2822.exec(text);
  if (match !== null) return classifyRfc2822(match);
  return NOT_PARSEABLE;
}
