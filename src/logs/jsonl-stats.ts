/**
 * Pure accumulator of JSON-lines sample statistics: feed it lines (from `splitLines`), then read
 * the summary. Only counters are kept, never the lines or records, so memory does not grow with
 * the file. Error messages name the line and the kind of problem, never the line's content.
 */
import type { SemanticField, TimestampQuality } from '../model/estate.js';
import { SEMANTIC_FIELDS } from '../model/estate.js';
import { detectSchema, fieldValue } from './field-aliases.js';
import type { SplitLine } from './line-splitter.js';
import { DEFAULT_MAX_LINE_BYTES } from './line-splitter.js';
import { classifyTimestamp } from './timestamps.js';

export interface JsonlSummary {
  format: 'jsonl';
  /** The schema most events follow (ties: alphabetical); 'unknown' when there are no events. */
  schema: string;
  /** Non-empty lines seen. */
  lines: number;
  /** Lines that parsed as a JSON object. */
  events: number;
  parseErrors: number;
  /** events / lines (0 when there are no lines). */
  structuredRatio: number;
  /** Share of events filling each semantic field (0 when there are no events). */
  fields: Record<SemanticField, number>;
  /** Shares of events, as in `fields`. */
  timestamps: TimestampQuality;
  firstError: { line: number; message: string } | null;
  /** Events per detected schema, keys in alphabetical order. */
  schemas: Record<string, number>;
}

export interface JsonlAccumulator {
  add(line: SplitLine): void;
  result(): JsonlSummary;
}

export interface JsonlAccumulatorOptions {
  /** The line limit the lines were split with; used in the message for truncated lines. */
  maxLineBytes?: number;
}

/** Rounds a share to 4 decimals; 0 when the denominator is 0. */
export function ratio(count: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((count / total) * 10_000) / 10_000;
}

/**
 * A short description of a JSON.parse failure, without the input: V8 messages may quote the
 * offending text, so only known shapes are mapped to fixed wording, plus the position when given.
 */
export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const kinds: ReadonlyArray<readonly [RegExp, string]> = [
    [/^Unexpected end of JSON input/, 'unexpected end of input'],
    [/^Unexpected non-whitespace character after JSON/, 'unexpected text after the JSON value'],
    [/^Unexpected token/, 'unexpected token'],
    [/^Unterminated string/, 'unterminated string'],
    [/^Bad control character/, 'control character in string'],
    [/^Bad escaped character|^Bad Unicode escape/, 'bad escape in string'],
    [/^Expected (?:double-quoted )?property name/, 'expected a property name'],
    [/^Expected ',' or '\}'/, "expected ',' or '}'"],
    [/^Expected ',' or '\]'/, "expected ',' or ']'"],
    [/^Expected ':'/, "expected ':'"],
    [/^(?:Unterminated fractional number|No number after minus sign|Exponent part is missing)/, 'malformed number'],
  ];
  const kind = kinds.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid JSON';
  const position = /\bat position (\d+)/.exec(message)?.[1];
  return position === undefined ? kind : `${kind} at position ${position}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Creates an empty accumulator. */
export function createJsonlAccumulator(options: JsonlAccumulatorOptions = {}): JsonlAccumulator {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  let lines = 0;
  let events = 0;
  let parseErrors = 0;
  let firstError: { line: number; message: string } | null = null;
  const filled: Record<SemanticField, number> = { timestamp: 0, actor: 0, sourceAddress: 0, action: 0, outcome: 0 };
  const timestamps = { parseable: 0, withZone: 0, utc: 0 };
  const schemas = new Map<string, number>();

  function fail(lineNumber: number, message: string): void {
    parseErrors += 1;
    if (firstError === null) firstError = { line: lineNumber, message: `line ${lineNumber}: ${message}` };
  }

  function add(line: SplitLine): void {
    if (line.truncated) {
      lines += 1;
      fail(line.lineNumber, `longer than ${maxLineBytes} bytes`);
      return;
    }
    if (line.text.trim().length === 0) return;
    lines += 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.text);
    } catch (error) {
      fail(line.lineNumber, describeJsonError(error));
      return;
    }
    if (!isRecord(parsed)) {
      fail(line.lineNumber, 'not a JSON object');
      return;
    }
    events += 1;
    const schema = detectSchema(parsed);
    schemas.set(schema, (schemas.get(schema) ?? 0) + 1);
    let timestamp: unknown;
    for (const field of SEMANTIC_FIELDS) {
      const value = fieldValue(parsed, schema, field);
      if (value !== undefined) filled[field] += 1;
      if (field === 'timestamp') timestamp = value;
    }
    const time = classifyTimestamp(timestamp);
    if (time.parseable) timestamps.parseable += 1;
    if (time.withZone) timestamps.withZone += 1;
    if (time.utc) timestamps.utc += 1;
  }

  function result(): JsonlSummary {
    const names = [...schemas.keys()].sort();
    let schema = 'unknown';
    let best = 0;
    for (const name of names) {
      const count = schemas.get(name) ?? 0;
      if (count > best) {
        best = count;
        schema = name;
      }
    }
    const fields: Record<SemanticField, number> = {
      timestamp: ratio(filled.timestamp, events),
      actor: ratio(filled.actor, events),
      sourceAddress: ratio(filled.sourceAddress, events),
      action: ratio(filled.action, events),
      outcome: ratio(filled.outcome, events),
    };
    return {
      format: 'jsonl',
      schema,
      lines,
      events,
      parseErrors,
      structuredRatio: ratio(events, lines),
      fields,
      timestamps: {
        parseable: ratio(timestamps.parseable, events),
        withZone: ratio(timestamps.withZone, events),
        utc: ratio(timestamps.utc, events),
      },
      firstError: firstError === null ? null : { ...firstError },
      schemas: Object.fromEntries(names.map((name) => [name, schemas.get(name) ?? 0])),
    };
  }

  return { add, result };
}
