/**
 * The IO edge of the JSON-lines reader: streams a file through `splitLines` into the accumulator.
 * The file is read in 64 KiB chunks and never held whole; memory is bounded by the line limit.
 */
import { createReadStream } from 'node:fs';
import type { JsonlSummary } from './jsonl-stats.js';
import { createJsonlAccumulator } from './jsonl-stats.js';
import { DEFAULT_MAX_LINE_BYTES, splitLines } from './line-splitter.js';

export interface ReadJsonLinesOptions {
  /** Bytes kept per line; longer lines count as parse errors. Default 1 MiB. */
  maxLineBytes?: number;
}

const CHUNK_BYTES = 64 * 1024;

/** Reads a JSON-lines file and returns its sample statistics. Rejects when the file cannot be read. */
export async function readJsonLines(absolutePath: string, options: ReadJsonLinesOptions = {}): Promise<JsonlSummary> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const accumulator = createJsonlAccumulator({ maxLineBytes });
  const stream = createReadStream(absolutePath, { highWaterMark: CHUNK_BYTES });
  try {
    for await (const line of splitLines(stream, maxLineBytes)) accumulator.add(line);
  } finally {
    stream.destroy();
  }
  return accumulator.result();
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
