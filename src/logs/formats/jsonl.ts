/** JSON lines: one JSON object per line. */
import { describeJsonError } from '../json-errors.js';
import type { LineParser, ParseOutcome } from './types.js';
import { isRecord } from '../../util/is-record.js';


export function parseJsonLine(text: string): { record: Record<string, unknown> } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: describeJsonError(error) };
  }
  return isRecord(parsed) ? { record: parsed } : { error: 'not a JSON object' };
}

export function createJsonlParser(): LineParser {
  return {
    push(text: string, line: number): ParseOutcome {
      const parsed = parseJsonLine(text);
      if ('error' in parsed) return { kind: 'error', line, message: parsed.error };
      return { kind: 'events', events: [{ record: parsed.record, schema: null, line, format: 'jsonl' }] };
    },
    end: () => [],
  };
}

/** Tells whether text starts like a JSON object: `{` then a quoted key and a colon. */
const OBJECT_START = /^\{\s*"(?:[^"\\]|\\.)*"\s*:/;

/**
 * Sniffs a file head (its first bytes, decoded): true when the first non-empty line parses as a
 * JSON object. When that line is the head's last and has no line end, it may be cut off; then a
 * start like `{"key":` is enough.
 */
export function looksLikeJsonLines(head: string): boolean {
  const text = head.startsWith('\uFEFF') ? head.slice(1) : head;
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const complete = newline !== -1;
    const line = (complete ? text.slice(start, newline) : text.slice(start)).trim();
    start = complete ? newline + 1 : text.length;
    if (line.length === 0) continue;
    if (parsesAsObject(line)) return true;
    return !complete && OBJECT_START.test(line);
  }
  return false;
}

function parsesAsObject(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
