/**
 * Pure accumulator of sample statistics over parsed events: counts, formats and schemas, field
 * fill ratios, timestamp quality and span, distinct actors, correlation ids and secrets. It keeps
 * counters and small bounded sets only, never the events, so memory does not grow with the file.
 */
import type { SemanticField, TimestampQuality } from '../model/estate.js';
import { SEMANTIC_FIELDS } from '../model/estate.js';
import { EVENT_CATEGORIES, eventClassifier } from './categories.js';
import type { EventCategory } from './categories.js';
import { detectSchema, fieldReader, isNonEmpty } from './field-aliases.js';
import type { UserAliases } from './field-aliases.js';
import type { LogFormat, ParsedEvent } from './formats/types.js';
import { ratio } from './ratio.js';
import { findSecrets, redact, redactedExcerpt } from './secrets.js';
import type { SecretKind } from './secrets.js';
import { classifyTimestamp } from './timestamps.js';
import { unwrapEvent } from './unwrap.js';

/** Distinct actors are counted exactly up to this many. */
export const MAX_DISTINCT_ACTORS = 10_000;
/** Correlation ids kept per sample for matching across sources. */
export const MAX_CORRELATION_IDS = 10_000;
/** Line numbers of parse errors kept, and redacted secret examples kept. */
export const MAX_ERROR_LINES = 5;
export const MAX_SECRET_EXAMPLES = 5;
export const MAX_ERROR_MESSAGE = 160;

/**
 * Where something was seen: the line number when the file was read from its start, else (in a
 * sampled block of a large file) the byte offset where the line starts.
 */
export interface Where {
  line: number | null;
  offset: number | null;
}

export interface SecretFinding extends Where {
  kind: SecretKind;
  /** A short excerpt of the line with every secret in it redacted. */
  excerpt: string;
}

export interface LogSummary {
  /** The format most events were read in. */
  format: LogFormat;
  /** Events per format (a file may mix them). */
  formats: Record<string, number>;
  /** The schema most events follow (ties: alphabetical); 'unknown' when there are no events. */
  schema: string;
  schemas: Record<string, number>;
  /** Non-empty lines seen (for JSON documents: physical lines of the document). */
  lines: number;
  events: number;
  parseErrors: number;
  /** Line numbers of the first parse errors, and byte offsets of those in sampled blocks. */
  errorLines: number[];
  errorOffsets: number[];
  firstError: { line: number | null; offset: number | null; message: string } | null;
  /** Structured events / (events + parse errors); plain text lines are events but not structured. */
  structuredRatio: number;
  fields: Record<SemanticField, number>;
  timestamps: TimestampQuality;
  actors: { distinct: number; capped: boolean };
  /** Outcomes of structured events, and per category of event (see categories.ts). */
  outcomes: { success: number; failure: number; unknown: number };
  categories: Record<EventCategory, CategoryStats>;
  /**
   * Events with a correlation id, and (for matching across samples) up to MAX_CORRELATION_IDS
   * ids, sorted, each with the epoch ms of its first event when that event had a timestamp.
   */
  correlation: { withId: number; ids: [string, number | null][] };
  /**
   * Secrets found in raw lines. `credentials` leaves out AWS access key ids, which identify a key
   * but do not authenticate on their own (CloudTrail records them in every event).
   */
  secrets: { total: number; credentials: number; byKind: Partial<Record<SecretKind, number>>; examples: SecretFinding[] };
}

export interface CategoryStats {
  events: number;
  success: number;
  failure: number;
  /** Shares of the category's events with a known outcome, an actor, a source address. */
  outcomeKnown: number;
  actor: number;
  sourceAddress: number;
}

export interface EventAccumulator {
  /**
   * A line seen, with its raw text for secret detection. `excerpts: false` counts its secrets
   * without keeping excerpts (a line cut into pieces, where a secret may be split).
   */
  line(text: string, where: Where, excerpts?: boolean): void;
  /** Secrets in a piece of text that is not a line of its own (part of an overlong line). */
  secretsOnly(text: string, where: Where): void;
  event(event: ParsedEvent): void;
  error(where: Where, message: string): void;
  /** A new sampled block starts: order and gaps are not judged across the skipped bytes. */
  newBlock(): void;
  result(): LogSummary;
  /** The raw state, for merging blocks read elsewhere. */
  state(): AccumulatorState;
}

/** A short, stable key for a value (an actor, a correlation id); null when there is none. */
function keyOf(value: unknown): string | null {
  if (typeof value === 'string') return value.slice(0, 256);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.length > 0) return keyOf(value[0]);
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value).slice(0, 256);
    } catch {
      return null; // nested beyond what can be serialised: counted as present, not as a distinct key
    }
  }
  return null;
}

function iso(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

function mostCommon(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const key of [...counts.keys()].sort()) {
    const n = counts.get(key) ?? 0;
    if (n > bestCount) {
      best = key;
      bestCount = n;
    }
  }
  return best;
}

type CategoryCounts = { events: number; success: number; failure: number; actor: number; sourceAddress: number };

/**
 * Everything the accumulator knows, as plain data (Maps and Sets survive structured cloning), so
 * blocks of a file read in worker threads can be merged back in file order.
 */
export interface AccumulatorState {
  lines: number;
  events: number;
  structured: number;
  parseErrors: number;
  errorLines: number[];
  errorOffsets: number[];
  firstError: { line: number | null; offset: number | null; message: string } | null;
  formats: Map<string, number>;
  schemas: Map<string, number>;
  filled: Record<SemanticField, number>;
  ts: { parseable: number; withZone: number; utc: number; timed: number; outOfOrder: number; future: number };
  precisions: Map<string, number>;
  minMs: number | null;
  maxMs: number | null;
  /** First and last timed event of the current run of consecutive events. */
  firstMs: number | null;
  previousMs: number | null;
  longestGapMs: number | null;
  /** Years added to year-less (RFC 3164) times so far, as they wrap from December to January. */
  yearShift: number;
  /** The last timed event's instant (year-less times with their years added), across blocks. */
  lastMs: number | null;
  /** A year-less time was seen: first and last instants are then unknown, spans still hold. */
  yearless: boolean;
  actors: Set<string>;
  actorsCapped: boolean;
  withCorrelation: number;
  correlationIds: Map<string, number | null>;
  outcomes: { success: number; failure: number; unknown: number };
  categories: Map<EventCategory, CategoryCounts>;
  secretTotal: number;
  secretKinds: Map<SecretKind, number>;
  secretExamples: SecretFinding[];
}

export function emptyState(): AccumulatorState {
  return {
    lines: 0,
    events: 0,
    structured: 0,
    parseErrors: 0,
    errorLines: [],
    errorOffsets: [],
    firstError: null,
    formats: new Map(),
    schemas: new Map(),
    filled: Object.fromEntries(SEMANTIC_FIELDS.map((f) => [f, 0])) as Record<SemanticField, number>,
    ts: { parseable: 0, withZone: 0, utc: 0, timed: 0, outOfOrder: 0, future: 0 },
    precisions: new Map(),
    minMs: null,
    maxMs: null,
    firstMs: null,
    previousMs: null,
    longestGapMs: null,
    yearShift: 0,
    lastMs: null,
    yearless: false,
    actors: new Set(),
    actorsCapped: false,
    withCorrelation: 0,
    correlationIds: new Map(),
    outcomes: { success: 0, failure: 0, unknown: 0 },
    categories: new Map(EVENT_CATEGORIES.map((c) => [c, { events: 0, success: 0, failure: 0, actor: 0, sourceAddress: 0 }])),
    secretTotal: 0,
    secretKinds: new Map(),
    secretExamples: [],
  };
}

function addCounts<K>(into: Map<K, number>, from: Map<K, number>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

/**
 * Merges states of consecutive parts of one file, in file order. `contiguous` says whether `b`
 * starts right where `a` ends (a file split for worker threads) or after skipped bytes (a sample):
 * only then is the step from a's last event to b's first one judged for order and gaps.
 */
export function mergeStates(a: AccumulatorState, second: AccumulatorState, contiguous: boolean): AccumulatorState {
  const b = continueYears(a, second);
  const out = emptyState();
  for (const key of ['lines', 'events', 'structured', 'parseErrors', 'withCorrelation', 'secretTotal'] as const) out[key] = a[key] + b[key];
  out.errorLines = [...a.errorLines, ...b.errorLines].slice(0, MAX_ERROR_LINES);
  out.errorOffsets = [...a.errorOffsets, ...b.errorOffsets].slice(0, MAX_ERROR_LINES);
  out.firstError = a.firstError ?? b.firstError;
  for (const m of [a, b]) {
    addCounts(out.formats, m.formats);
    addCounts(out.schemas, m.schemas);
    addCounts(out.precisions, m.precisions);
    addCounts(out.secretKinds, m.secretKinds);
    for (const f of SEMANTIC_FIELDS) out.filled[f] += m.filled[f];
    for (const k of ['parseable', 'withZone', 'utc', 'timed', 'outOfOrder', 'future'] as const) out.ts[k] += m.ts[k];
    for (const k of ['success', 'failure', 'unknown'] as const) out.outcomes[k] += m.outcomes[k];
    for (const [c, counts] of m.categories) {
      const into = out.categories.get(c);
      if (!into) continue;
      for (const k of ['events', 'success', 'failure', 'actor', 'sourceAddress'] as const) into[k] += counts[k];
    }
  }
  out.minMs = a.minMs === null ? b.minMs : b.minMs === null ? a.minMs : Math.min(a.minMs, b.minMs);
  out.maxMs = a.maxMs === null ? b.maxMs : b.maxMs === null ? a.maxMs : Math.max(a.maxMs, b.maxMs);
  out.longestGapMs = a.longestGapMs === null ? b.longestGapMs : b.longestGapMs === null ? a.longestGapMs : Math.max(a.longestGapMs, b.longestGapMs);
  if (contiguous && a.previousMs !== null && b.firstMs !== null) {
    if (b.firstMs < a.previousMs) out.ts.outOfOrder += 1;
    else out.longestGapMs = Math.max(out.longestGapMs ?? 0, b.firstMs - a.previousMs);
  }
  out.firstMs = a.firstMs ?? b.firstMs;
  out.yearless = a.yearless || b.yearless;
  // A part without year-less times leaves the count of years where the part before it left it.
  out.yearShift = b.yearless ? b.yearShift : a.yearShift;
  out.lastMs = b.lastMs ?? a.lastMs;
  out.previousMs = b.previousMs ?? (contiguous ? a.previousMs : null);
  out.actors = new Set(a.actors);
  out.actorsCapped = a.actorsCapped || b.actorsCapped;
  for (const actor of b.actors) {
    if (out.actors.has(actor)) continue;
    if (out.actors.size < MAX_DISTINCT_ACTORS) out.actors.add(actor);
    else out.actorsCapped = true;
  }
  out.correlationIds = new Map(a.correlationIds);
  for (const [id, ms] of b.correlationIds) if (!out.correlationIds.has(id) && out.correlationIds.size < MAX_CORRELATION_IDS) out.correlationIds.set(id, ms);
  out.secretExamples = [...a.secretExamples, ...b.secretExamples].slice(0, MAX_SECRET_EXAMPLES);
  return out;
}

const HALF_YEAR_MS = 183 * 86_400_000;

/** An instant moved by whole years (year-less times carry a guessed year). */
function addYears(ms: number | null, years: number): number | null {
  if (ms === null || years === 0) return ms;
  const date = new Date(ms);
  return date.setUTCFullYear(date.getUTCFullYear() + years);
}

/**
 * `b` with its year-less times carried on from `a`. A part of a file read on its own guesses the
 * years of its year-less (RFC 3164) times from the year 2000, as the start of the file does; after
 * `a`, they continue in a's last year, and in the next one when b starts more than half a year
 * before a ended (the turn of a year, as the sequential read decides it). The gaps inside b keep
 * the length they were measured with.
 */
function continueYears(a: AccumulatorState, b: AccumulatorState): AccumulatorState {
  // As in one read, a dated time before them counts too (a's lastMs is then its real instant).
  if (!b.yearless || a.lastMs === null || b.firstMs === null) return b;
  let years = a.yearShift;
  if ((addYears(b.firstMs, years) as number) < a.lastMs - HALF_YEAR_MS) years += 1;
  if (years === 0) return b;
  return {
    ...b,
    yearShift: b.yearShift + years,
    minMs: addYears(b.minMs, years),
    maxMs: addYears(b.maxMs, years),
    firstMs: addYears(b.firstMs, years),
    previousMs: addYears(b.previousMs, years),
    lastMs: addYears(b.lastMs, years),
  };
}

export function summarize(st: AccumulatorState): LogSummary {
  const precision = mostCommon(st.precisions);
  const format = (mostCommon(st.formats) ?? 'text') as LogFormat;
  // Fields and timestamps are measured over structured events: a plain text line has no fields.
  const structuredEvents = st.events - (st.formats.get('text') ?? 0);
  const fields = Object.fromEntries(SEMANTIC_FIELDS.map((f) => [f, ratio(st.filled[f], structuredEvents)])) as Record<SemanticField, number>;
  const sorted = (m: Map<string, number>): Record<string, number> => Object.fromEntries([...m.keys()].sort().map((k) => [k, m.get(k) ?? 0]));
  return {
    format,
    formats: sorted(st.formats),
    schema: mostCommon(st.schemas) ?? 'unknown',
    schemas: sorted(st.schemas),
    lines: st.lines,
    events: st.events,
    parseErrors: st.parseErrors,
    errorLines: [...st.errorLines],
    errorOffsets: [...st.errorOffsets],
    firstError: st.firstError === null ? null : { ...st.firstError },
    structuredRatio: ratio(st.structured, st.events + st.parseErrors),
    fields,
    timestamps: {
      parseable: ratio(st.ts.parseable, structuredEvents),
      withZone: ratio(st.ts.withZone, structuredEvents),
      utc: ratio(st.ts.utc, structuredEvents),
      precision: precision === null ? null : Number(precision),
      outOfOrder: ratio(st.ts.outOfOrder, Math.max(st.ts.timed - 1, 0)),
      future: ratio(st.ts.future, st.ts.timed),
      first: st.yearless ? null : iso(st.minMs),
      last: st.yearless ? null : iso(st.maxMs),
      spanSeconds: st.minMs === null || st.maxMs === null ? null : Math.round((st.maxMs - st.minMs) / 1000),
      longestGapSeconds: st.longestGapMs === null ? null : Math.round(st.longestGapMs / 1000),
    },
    actors: { distinct: st.actors.size, capped: st.actorsCapped },
    outcomes: { ...st.outcomes },
    categories: Object.fromEntries(
      EVENT_CATEGORIES.map((name) => {
        const c = st.categories.get(name) ?? { events: 0, success: 0, failure: 0, actor: 0, sourceAddress: 0 };
        const stats: CategoryStats = {
          events: c.events,
          success: c.success,
          failure: c.failure,
          outcomeKnown: ratio(c.success + c.failure, c.events),
          actor: ratio(c.actor, c.events),
          sourceAddress: ratio(c.sourceAddress, c.events),
        };
        return [name, stats];
      }),
    ) as Record<EventCategory, CategoryStats>,
    correlation: { withId: st.withCorrelation, ids: [...st.correlationIds].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)) },
    secrets: {
      total: st.secretTotal,
      credentials: st.secretTotal - (st.secretKinds.get('aws-access-key-id') ?? 0),
      byKind: Object.fromEntries([...st.secretKinds.keys()].sort().map((k) => [k, st.secretKinds.get(k) ?? 0])),
      examples: st.secretExamples.map((e) => ({ ...e })),
    },
  };
}

/**
 * How far past the file's last write an event's time may be before it counts as in the future:
 * five minutes, the clock skew Kerberos tolerates by default (RFC 4120 §1.6 leaves it to policy;
 * MIT and Active Directory both default to 5 minutes). Within it, a flush after the event or a
 * slightly fast clock is not a finding.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const TIMESTAMP = SEMANTIC_FIELDS.indexOf('timestamp');
const ACTOR = SEMANTIC_FIELDS.indexOf('actor');
const SOURCE_ADDRESS = SEMANTIC_FIELDS.indexOf('sourceAddress');
const CORRELATION_ID = SEMANTIC_FIELDS.indexOf('correlationId');
/** Precisions as the keys they are counted under, made once. */
const PRECISION_KEYS: readonly string[] = Array.from({ length: 13 }, (_, i) => String(i));

/**
 * Counts keys into a Map, holding back the current run of one key: consecutive events of a file
 * mostly share their format, schema and timestamp precision, so most adds touch no Map.
 * `flush` before the Map is read.
 */
class RunCounter {
  private last: string | null = null;
  private run = 0;

  constructor(private readonly counts: Map<string, number>) {}

  add(key: string): void {
    if (key === this.last) {
      this.run += 1;
      return;
    }
    this.flush();
    this.last = key;
    this.run = 1;
  }

  flush(): void {
    if (this.last !== null) this.counts.set(this.last, (this.counts.get(this.last) ?? 0) + this.run);
    this.last = null;
    this.run = 0;
  }
}

export interface AccumulatorOptions {
  /** Extra field names per semantic field, tried before the built-in ones. */
  aliases?: UserAliases;
  /**
   * When the file was last written (epoch ms): an event stamped more than FUTURE_TOLERANCE_MS
   * later was stamped by a clock running ahead. Unset: no event is judged to be in the future.
   */
  notAfterMs?: number;
}

export function createEventAccumulator(options: AccumulatorOptions = {}): EventAccumulator {
  const st = emptyState();
  // Compiled once per read (and cached per thread): the per-event path only looks tables up.
  const reader = fieldReader(options.aliases);
  const classifyEvent = eventClassifier(options.aliases);
  const futureAfter = options.notAfterMs === undefined ? Infinity : options.notAfterMs + FUTURE_TOLERANCE_MS;

  function secrets(text: string, where: Where, excerpts: boolean): void {
    for (const hit of findSecrets(text)) {
      st.secretTotal += 1;
      st.secretKinds.set(hit.kind, (st.secretKinds.get(hit.kind) ?? 0) + 1);
      if (st.secretExamples.length >= MAX_SECRET_EXAMPLES) continue;
      const excerpt = excerpts ? redactedExcerpt(text, hit) : `[REDACTED:${hit.kind}] (in a line too long to quote)`;
      st.secretExamples.push({ line: where.line, offset: where.offset, kind: hit.kind, excerpt });
    }
  }

  function line(text: string, where: Where, excerpts = true): void {
    if (text.trim().length === 0) return;
    st.lines += 1;
    secrets(text, where, excerpts);
  }

  function error(where: Where, raw: string): void {
    // Parsers describe problems without quoting the log, but a message is still checked: any
    // secret in it is redacted and its length is bounded before it can reach a report.
    const hits = findSecrets(raw);
    const message = (hits.length > 0 ? redact(raw, hits) : raw).slice(0, MAX_ERROR_MESSAGE);
    st.parseErrors += 1;
    if (where.line !== null && st.errorLines.length < MAX_ERROR_LINES) st.errorLines.push(where.line);
    if (where.line === null && where.offset !== null && st.errorOffsets.length < MAX_ERROR_LINES) st.errorOffsets.push(where.offset);
    if (st.firstError === null) {
      const at = where.line !== null ? `line ${where.line}` : `byte ${where.offset ?? 0}`;
      st.firstError = { line: where.line, offset: where.offset, message: `${at}: ${message}` };
    }
  }

  function newBlock(): void {
    st.previousMs = null;
  }

  // Per-event counters kept in arrays (indexed like SEMANTIC_FIELDS) and copied into `st` when
  // the state is asked for: the per-event path then does no keyed property writes.
  const filled = new Array<number>(SEMANTIC_FIELDS.length).fill(0);
  const sync = (): AccumulatorState => {
    formats.flush();
    schemas.flush();
    precisions.flush();
    for (let i = 0; i < SEMANTIC_FIELDS.length; i++) st.filled[SEMANTIC_FIELDS[i] as SemanticField] = filled[i] as number;
    return st;
  };

  const formats = new RunCounter(st.formats);
  const schemas = new RunCounter(st.schemas);
  const precisions = new RunCounter(st.precisions);

  function event(parsed: ParsedEvent): void {
    st.events += 1;
    formats.add(parsed.format);
    if (parsed.format !== 'text') st.structured += 1;
    const record = parsed.schema === null ? unwrapEvent(parsed.record) : parsed.record;
    const schema = parsed.schema ?? (parsed.format === 'text' ? 'text' : parsed.format === 'logfmt' ? 'generic-json' : detectSchema(record));
    schemas.add(schema);
    if (parsed.format === 'text') return; // unstructured: no fields to find
    let timestamp: unknown;
    let correlationKey: string | null = null;
    let hasActor = false;
    let hasSource = false;
    const values = reader.values(record, schema);
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === undefined || !isNonEmpty(value)) continue;
      filled[i] = (filled[i] as number) + 1;
      if (i === TIMESTAMP) timestamp = value;
      else if (i === SOURCE_ADDRESS) hasSource = true;
      else if (i === ACTOR) {
        hasActor = true;
        const key = keyOf(value);
        if (key !== null && !st.actors.has(key)) {
          if (st.actors.size < MAX_DISTINCT_ACTORS) st.actors.add(key);
          else st.actorsCapped = true;
        }
      } else if (i === CORRELATION_ID) {
        st.withCorrelation += 1;
        correlationKey = keyOf(value);
      }
    }
    const cls = classifyEvent(record, schema);
    if (cls.outcome === null) st.outcomes.unknown += 1;
    else st.outcomes[cls.outcome] += 1;
    for (const category of cls.categories) {
      const c = st.categories.get(category);
      if (!c) continue;
      c.events += 1;
      if (cls.outcome !== null) c[cls.outcome] += 1;
      if (hasActor) c.actor += 1;
      if (hasSource) c.sourceAddress += 1;
    }
    const time = classifyTimestamp(timestamp);
    if (correlationKey !== null && !st.correlationIds.has(correlationKey) && st.correlationIds.size < MAX_CORRELATION_IDS) {
      st.correlationIds.set(correlationKey, time.epochMs);
    }
    if (!time.parseable) return;
    st.ts.parseable += 1;
    if (time.withZone) st.ts.withZone += 1;
    if (time.utc) st.ts.utc += 1;
    if (time.precision !== null) precisions.add(PRECISION_KEYS[time.precision] ?? String(time.precision));
    let ms = time.epochMs;
    if (ms === null) return;
    if (time.yearless) {
      // No year in the line: assume the file runs forward in time, so a jump back of more than
      // half a year is the turn of a year (Dec 31 → Jan 1).
      st.yearless = true;
      const shifted = (shift: number): number => new Date(ms as number).setUTCFullYear(2000 + shift);
      ms = shifted(st.yearShift);
      if (st.previousMs !== null && ms < st.previousMs - HALF_YEAR_MS) {
        st.yearShift += 1;
        ms = shifted(st.yearShift);
      }
    }
    st.ts.timed += 1;
    st.lastMs = ms;
    // Only a time with a zone (or an epoch number) is an instant: a local time without one, read
    // as UTC, is hours off east of Greenwich, and a year-less time has a guessed year.
    if (!time.yearless && time.withZone && ms > futureAfter) st.ts.future += 1;
    st.minMs = st.minMs === null ? ms : Math.min(st.minMs, ms);
    st.maxMs = st.maxMs === null ? ms : Math.max(st.maxMs, ms);
    if (st.firstMs === null) st.firstMs = ms;
    if (st.previousMs !== null) {
      if (ms < st.previousMs) st.ts.outOfOrder += 1;
      else st.longestGapMs = Math.max(st.longestGapMs ?? 0, ms - st.previousMs);
    }
    st.previousMs = ms;
  }

  return { line, secretsOnly: (text, where) => secrets(text, where, false), event, error, newBlock, result: () => summarize(sync()), state: sync };
}
