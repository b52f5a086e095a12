/**
 * Pure accumulator of sample statistics over parsed events: counts, formats and schemas, field
 * fill ratios, timestamp quality and span, distinct actors, correlation ids and secrets. It keeps
 * counters and small bounded sets only, never the events, so memory does not grow with the file.
 */
import type { SemanticField, TimestampQuality } from '../model/estate.js';
import { SEMANTIC_FIELDS } from '../model/estate.js';
import { EVENT_CATEGORIES, classifyEvent } from './categories.js';
import type { EventCategory } from './categories.js';
import { detectSchema, fieldValue, isNonEmpty } from './field-aliases.js';
import type { LogFormat, ParsedEvent } from './formats/types.js';
import { ratio } from './ratio.js';
import { findSecrets, redactedExcerpt } from './secrets.js';
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

export interface SecretFinding {
  line: number;
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
  /** Non-empty lines (for JSON documents: elements) seen. */
  lines: number;
  events: number;
  parseErrors: number;
  errorLines: number[];
  firstError: { line: number; message: string } | null;
  /** Structured events / (events + parse errors); plain text lines are events but not structured. */
  structuredRatio: number;
  fields: Record<SemanticField, number>;
  timestamps: TimestampQuality;
  actors: { distinct: number; capped: boolean };
  /** Outcomes of structured events, and per category of event (see categories.ts). */
  outcomes: { success: number; failure: number; unknown: number };
  categories: Record<EventCategory, CategoryStats>;
  correlation: { withId: number; sampleIds: string[] };
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
  /** A line or element seen, with its raw text for secret detection. */
  line(text: string, lineNumber: number): void;
  event(event: ParsedEvent): void;
  error(lineNumber: number, message: string): void;
  result(): LogSummary;
}

function keyOf(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.length > 0) return keyOf(value[0]);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
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

export function createEventAccumulator(): EventAccumulator {
  let lines = 0;
  let events = 0;
  let structured = 0;
  let parseErrors = 0;
  const errorLines: number[] = [];
  let firstError: { line: number; message: string } | null = null;
  const formats = new Map<string, number>();
  const schemas = new Map<string, number>();
  const filled = Object.fromEntries(SEMANTIC_FIELDS.map((f) => [f, 0])) as Record<SemanticField, number>;
  const ts = { parseable: 0, withZone: 0, utc: 0, timed: 0, outOfOrder: 0 };
  const precisions = new Map<string, number>();
  let minMs: number | null = null;
  let maxMs: number | null = null;
  let previousMs: number | null = null;
  let longestGapMs: number | null = null;
  const actors = new Set<string>();
  let actorsCapped = false;
  let withCorrelation = 0;
  const correlationIds = new Set<string>();
  const outcomes = { success: 0, failure: 0, unknown: 0 };
  const perCategory = new Map<EventCategory, { events: number; success: number; failure: number; actor: number; sourceAddress: number }>(
    EVENT_CATEGORIES.map((c) => [c, { events: 0, success: 0, failure: 0, actor: 0, sourceAddress: 0 }]),
  );
  let secretTotal = 0;
  const secretKinds = new Map<SecretKind, number>();
  const secretExamples: SecretFinding[] = [];

  function line(text: string, lineNumber: number): void {
    if (text.trim().length === 0) return;
    lines += 1;
    const hits = findSecrets(text);
    for (const hit of hits) {
      secretTotal += 1;
      secretKinds.set(hit.kind, (secretKinds.get(hit.kind) ?? 0) + 1);
      if (secretExamples.length < MAX_SECRET_EXAMPLES) secretExamples.push({ line: lineNumber, kind: hit.kind, excerpt: redactedExcerpt(text, hit) });
    }
  }

  function error(lineNumber: number, message: string): void {
    parseErrors += 1;
    if (errorLines.length < MAX_ERROR_LINES) errorLines.push(lineNumber);
    if (firstError === null) firstError = { line: lineNumber, message: `line ${lineNumber}: ${message}` };
  }

  function event(parsed: ParsedEvent): void {
    events += 1;
    formats.set(parsed.format, (formats.get(parsed.format) ?? 0) + 1);
    if (parsed.format !== 'text') structured += 1;
    const record = parsed.schema === null ? unwrapEvent(parsed.record) : parsed.record;
    const schema = parsed.schema ?? (parsed.format === 'text' ? 'text' : parsed.format === 'logfmt' ? 'generic-json' : detectSchema(record));
    schemas.set(schema, (schemas.get(schema) ?? 0) + 1);
    if (parsed.format === 'text') return; // unstructured: no fields to find
    let timestamp: unknown;
    let hasActor = false;
    let hasSource = false;
    for (const field of SEMANTIC_FIELDS) {
      const value = fieldValue(record, schema, field);
      if (value === undefined || !isNonEmpty(value)) continue;
      filled[field] += 1;
      if (field === 'timestamp') timestamp = value;
      else if (field === 'sourceAddress') hasSource = true;
      else if (field === 'actor') {
        hasActor = true;
        const key = keyOf(value);
        if (key !== null && !actors.has(key)) {
          if (actors.size < MAX_DISTINCT_ACTORS) actors.add(key);
          else actorsCapped = true;
        }
      } else if (field === 'correlationId') {
        withCorrelation += 1;
        const key = keyOf(value);
        if (key !== null && correlationIds.size < MAX_CORRELATION_IDS) correlationIds.add(key);
      }
    }
    const cls = classifyEvent(record, schema);
    if (cls.outcome === null) outcomes.unknown += 1;
    else outcomes[cls.outcome] += 1;
    for (const category of cls.categories) {
      const c = perCategory.get(category);
      if (!c) continue;
      c.events += 1;
      if (cls.outcome !== null) c[cls.outcome] += 1;
      if (hasActor) c.actor += 1;
      if (hasSource) c.sourceAddress += 1;
    }
    const time = classifyTimestamp(timestamp);
    if (!time.parseable) return;
    ts.parseable += 1;
    if (time.withZone) ts.withZone += 1;
    if (time.utc) ts.utc += 1;
    if (time.precision !== null) precisions.set(String(time.precision), (precisions.get(String(time.precision)) ?? 0) + 1);
    const ms = time.epochMs;
    if (ms === null) return;
    ts.timed += 1;
    minMs = minMs === null ? ms : Math.min(minMs, ms);
    maxMs = maxMs === null ? ms : Math.max(maxMs, ms);
    if (previousMs !== null) {
      if (ms < previousMs) ts.outOfOrder += 1;
      else longestGapMs = Math.max(longestGapMs ?? 0, ms - previousMs);
    }
    previousMs = ms;
  }

  function result(): LogSummary {
    const precision = mostCommon(precisions);
    const format = (mostCommon(formats) ?? 'text') as LogFormat;
    // Fields and timestamps are measured over structured events: a plain text line has no fields.
    const structuredEvents = events - (formats.get('text') ?? 0);
    const fields = Object.fromEntries(SEMANTIC_FIELDS.map((f) => [f, ratio(filled[f], structuredEvents)])) as Record<SemanticField, number>;
    const sorted = (m: Map<string, number>): Record<string, number> => Object.fromEntries([...m.keys()].sort().map((k) => [k, m.get(k) ?? 0]));
    return {
      format,
      formats: sorted(formats),
      schema: mostCommon(schemas) ?? 'unknown',
      schemas: sorted(schemas),
      lines,
      events,
      parseErrors,
      errorLines: [...errorLines],
      firstError: firstError === null ? null : { ...firstError },
      structuredRatio: ratio(structured, events + parseErrors),
      fields,
      timestamps: {
        parseable: ratio(ts.parseable, structuredEvents),
        withZone: ratio(ts.withZone, structuredEvents),
        utc: ratio(ts.utc, structuredEvents),
        precision: precision === null ? null : Number(precision),
        outOfOrder: ratio(ts.outOfOrder, Math.max(ts.timed - 1, 0)),
        first: iso(minMs),
        last: iso(maxMs),
        spanSeconds: minMs === null || maxMs === null ? null : Math.round((maxMs - minMs) / 1000),
        longestGapSeconds: longestGapMs === null ? null : Math.round(longestGapMs / 1000),
      },
      actors: { distinct: actors.size, capped: actorsCapped },
      outcomes: { ...outcomes },
      categories: Object.fromEntries(
        EVENT_CATEGORIES.map((name) => {
          const c = perCategory.get(name) ?? { events: 0, success: 0, failure: 0, actor: 0, sourceAddress: 0 };
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
      correlation: { withId: withCorrelation, sampleIds: [...correlationIds].sort().slice(0, MAX_CORRELATION_IDS) },
      secrets: {
        total: secretTotal,
        credentials: secretTotal - (secretKinds.get('aws-access-key-id') ?? 0),
        byKind: Object.fromEntries([...secretKinds.keys()].sort().map((k) => [k, secretKinds.get(k) ?? 0])),
        examples: secretExamples.map((e) => ({ ...e })),
      },
    };
  }

  return { line, event, error, result };
}
