/**
 * Durations as the log stores write them (pure). Elasticsearch and OpenSearch share one time-value
 * grammar (`400d`, `12h`, `0ms`: an integer and one unit); Loki reads retention periods with the
 * Prometheus duration grammar (`744h`, `30d`, `1y2w`: units in decreasing order, no spaces).
 * Each parser looks at one short value, never at a whole file.
 */

export type DurationResult = { seconds: number } | { error: string };

const SECONDS_PER_DAY = 86_400;

/**
 * Elasticsearch/OpenSearch time units, longest suffix first so that `ms` is not read as `s` and
 * `nanos` is not read as `s` (TimeValue.parseTimeValue tries them in the same order).
 */
const ELASTIC_UNITS: readonly (readonly [string, number])[] = [
  ['nanos', 1e-9],
  ['micros', 1e-6],
  ['ms', 1e-3],
  ['s', 1],
  ['m', 60],
  ['h', 3_600],
  ['d', SECONDS_PER_DAY],
];

/** Longest value worth reading: real durations are a few characters long. */
const MAX_DURATION_CHARS = 64;

/**
 * An Elasticsearch/OpenSearch time value (`min_age`, `min_index_age`, `data_retention`). The text is
 * trimmed and lower-cased as the servers do; the number must be a whole non-negative integer (they
 * reject fractions); a bare `0` is accepted, any other number needs a unit. JSON numbers are read
 * as their text, as the servers read them.
 */
export function parseElasticTime(value: unknown): DurationResult {
  const text = durationText(value);
  if (text === null) return { error: 'not a time value' };
  const normalized = text.trim().toLowerCase();
  if (normalized === '') return { error: 'empty time value' };
  if (normalized.length > MAX_DURATION_CHARS) return { error: 'time value too long' };
  if (normalized === '0') return { seconds: 0 };
  for (const [suffix, factor] of ELASTIC_UNITS) {
    if (!normalized.endsWith(suffix)) continue;
    const number = normalized.slice(0, -suffix.length).trim();
    if (/^\d+$/.test(number)) return { seconds: Number(number) * factor };
    if (/^-?\d*\.\d+$/.test(number)) return { error: 'fractional time values are not supported' };
    if (/^-\d+$/.test(number)) return { error: 'negative time value' };
    return { error: 'not a time value' };
  }
  return { error: 'time unit missing or not recognised (d, h, m, s, ms, micros, nanos)' };
}

const PROMETHEUS_UNITS: readonly (readonly [string, number])[] = [
  ['y', 365 * SECONDS_PER_DAY],
  ['w', 7 * SECONDS_PER_DAY],
  ['d', SECONDS_PER_DAY],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
  ['ms', 1e-3],
];

/**
 * A Prometheus duration (prometheus/common model.ParseDuration, which Loki uses for
 * `retention_period` and stream periods): `0`, or integers with units y, w, d, h, m, s, ms, each at
 * most once and in that order (`1y2w`, `744h`, `1h30m`). A year is 365 days.
 */
export function parsePrometheusDuration(value: unknown): DurationResult {
  const text = durationText(value);
  if (text === null) return { error: 'not a duration' };
  if (text === '') return { error: 'empty duration string' };
  if (text.length > MAX_DURATION_CHARS) return { error: 'duration too long' };
  if (text === '0') return { seconds: 0 };
  let rest = text;
  let seconds = 0;
  let next = 0;
  while (rest !== '') {
    const match = /^(\d+)(ms|y|w|d|h|m|s)/.exec(rest);
    if (!match) return { error: 'not a valid duration string (units y, w, d, h, m, s, ms)' };
    const [whole, digits = '', unit = ''] = match;
    const index = PROMETHEUS_UNITS.findIndex(([u]) => u === unit);
    if (index < next) return { error: 'not a valid duration string (units out of order or repeated)' };
    next = index + 1;
    seconds += Number(digits) * (PROMETHEUS_UNITS[index]?.[1] ?? 0);
    rest = rest.slice(whole.length);
  }
  return { seconds };
}

/**
 * A numeric YAML value is handed to Go's Prometheus duration type as its text: `0` reads as zero,
 * any other bare number fails there as it does here.
 */
function durationText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Seconds in days, rounded to a thousandth of a day (about a minute and a half) for stable output. */
export function secondsToDays(seconds: number): number {
  return Math.round((seconds / SECONDS_PER_DAY) * 1000) / 1000;
}
