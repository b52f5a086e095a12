/**
 * JSON documents read as streams of events, never whole: a top-level array of records, an object
 * wrapping one (`{"Records": [...]}` as CloudTrail writes, `{"events": [...]}`, `{"items": [...]}`,
 * ...), or one or more pretty-printed objects one after the other. A small state machine tracks
 * strings and depth to cut each element out; each element is parsed on its own, so memory is
 * bounded by the largest element, which is capped.
 */
import { describeJsonError } from '../json-errors.js';
import type { ParsedEvent } from './types.js';
import { isRecord } from '../../util/is-record.js';

/** Keys whose array value holds the events when the document is an object. */
export const WRAPPER_KEYS: ReadonlySet<string> = new Set(['Records', 'records', 'events', 'Events', 'items', 'Items', 'logs', 'entries', 'value', 'data', 'hits', 'results']);

export const MAX_ELEMENT_CHARS = 8 * 1024 * 1024;
const MAX_KEY_CHARS = 64;

export type DocumentOutcome = { kind: 'event'; event: ParsedEvent } | { kind: 'error'; line: number; message: string };

export interface JsonDocumentParser {
  push(chunk: string): DocumentOutcome[];
  end(): DocumentOutcome[];
}


export function createJsonDocumentParser(): JsonDocumentParser {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  /** Depth at which elements start: 1 inside a top-level array, 2 inside a wrapper's array, 0 for top-level objects. */
  let elementDepth: number | null = null;
  let element: string[] = [];
  let elementChars = 0;
  let elementLine = 0;
  let capturing = false;
  let overflow = false;
  /** The key string last read at depth 1 of a top-level object, and the string being read. */
  let lastKey: string | null = null;
  let keyBuffer: string | null = null;
  let rootIsArray: boolean | null = null;
  /** A comma at depth 1 means the wrapper array is not the object's first member. */
  let memberSeen = false;
  const out: DocumentOutcome[] = [];

  function startElement(at: number): void {
    capturing = true;
    element = [];
    elementChars = 0;
    elementLine = at;
    overflow = false;
  }

  function finishElement(): void {
    capturing = false;
    if (overflow) {
      out.push({ kind: 'error', line: elementLine, message: `element longer than ${MAX_ELEMENT_CHARS} characters` });
      return;
    }
    const text = element.join('');
    element = [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      out.push({ kind: 'error', line: elementLine, message: describeJsonError(error) });
      return;
    }
    if (!isRecord(parsed)) {
      out.push({ kind: 'error', line: elementLine, message: 'not a JSON object' });
      return;
    }
    out.push({ kind: 'event', event: { record: parsed, schema: null, line: elementLine, format: 'json-document' } });
  }

  function push(chunk: string): DocumentOutcome[] {
    out.length = 0;
    let segmentStart = 0;
    const flushSegment = (endExclusive: number): void => {
      if (!capturing || endExclusive <= segmentStart) return;
      const piece = chunk.slice(segmentStart, endExclusive);
      elementChars += piece.length;
      if (elementChars > MAX_ELEMENT_CHARS) overflow = true;
      else element.push(piece);
    };
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk.charCodeAt(i);
      if (ch === 10) line++;
      if (inString) {
        // Only short strings can be wrapper keys: a long one stops being collected (memory stays flat).
        if (keyBuffer !== null && !escaped && ch !== 34 && ch !== 92) keyBuffer = keyBuffer.length < MAX_KEY_CHARS ? keyBuffer + chunk[i] : null;
        if (escaped) escaped = false;
        else if (ch === 92) escaped = true;
        else if (ch === 34) {
          inString = false;
          if (keyBuffer !== null) {
            lastKey = keyBuffer;
            keyBuffer = null;
          }
        }
        continue;
      }
      if (ch === 34) {
        inString = true;
        if (depth === 1 && rootIsArray === false && !memberSeen) keyBuffer = '';
        continue;
      }
      if (ch === 123 || ch === 91) {
        // { or [
        if (depth === 0) {
          rootIsArray = ch === 91;
          if (ch === 123) {
            elementDepth = null; // decided when a wrapper array is found, else the object is the event
            flushSegment(i);
            segmentStart = i;
            startElement(line);
          } else elementDepth = 1;
        } else if (ch === 91 && depth === 1 && rootIsArray === false && !memberSeen && lastKey !== null && WRAPPER_KEYS.has(lastKey) && elementDepth === null) {
          // `{"Records": [` as the first member — stream the array's elements instead of the whole object.
          elementDepth = 2;
          capturing = false;
          element = [];
        } else if (ch === 123 && elementDepth !== null && depth === elementDepth && !capturing) {
          segmentStart = i;
          startElement(line);
        }
        depth++;
        continue;
      }
      if (ch === 44 && depth === 1) memberSeen = true;
      if (ch === 125 || ch === 93) {
        // } or ]
        depth--;
        if (capturing && elementDepth !== null && depth === elementDepth && ch === 125) {
          flushSegment(i + 1);
          segmentStart = i + 1;
          finishElement();
        } else if (capturing && elementDepth === null && depth === 0) {
          flushSegment(i + 1);
          segmentStart = i + 1;
          finishElement();
        }
        if (depth === 0) {
          rootIsArray = null;
          elementDepth = null;
          lastKey = null;
          memberSeen = false;
        }
        if (depth < 0) {
          out.push({ kind: 'error', line, message: 'unbalanced closing bracket' });
          depth = 0;
        }
      }
    }
    flushSegment(chunk.length);
    return [...out];
  }

  function end(): DocumentOutcome[] {
    out.length = 0;
    if (capturing || depth > 0 || inString) out.push({ kind: 'error', line: capturing ? elementLine : line, message: 'unexpected end of input' });
    return [...out];
  }

  return { push, end };
}

/** A document that opens with a wrapper of events: `{"Records": [`, `{"events": [`, ... */
const WRAPPER_START = /^\{\s*"([A-Za-z]+)"\s*:\s*\[/;

/**
 * True when a file head starts like a JSON document rather than JSON lines: an array of objects,
 * an object wrapping an array of events, or a pretty-printed object (its first line is not a
 * whole object). A first line too long for the head to hold is JSON lines with a large event,
 * unless it opens an event wrapper (CloudTrail writes a whole file on one line).
 */
export function looksLikeJsonDocument(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return /^\[\s*(\{|\]|$)/.test(text);
  if (!text.startsWith('{')) return false;
  const wrapper = WRAPPER_START.exec(text);
  if (wrapper && WRAPPER_KEYS.has(wrapper[1] ?? '')) return true;
  const newline = text.indexOf('\n');
  if (newline === -1) return !/^\{\s*"/.test(text); // one line, cut by the head: a large JSON-lines event
  const firstLine = text.slice(0, newline).trim();
  try {
    JSON.parse(firstLine);
    return false; // a complete object on the first line: JSON lines
  } catch {
    // A pretty-printed object opens with `{` alone (or `{ "key": ...` without closing); a long
    // first line that does not parse is a broken JSON-lines event, not a document.
    return firstLine.length < 1024;
  }
}
