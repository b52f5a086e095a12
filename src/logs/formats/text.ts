/** Unstructured text: every line with something besides spaces and tabs is one event `{ message }`. */
import type { LineParser, ParseOutcome } from './types.js';

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

/** Plain text lines: format `text`, no schema. The message is the line as written (not trimmed). */
export function createTextParser(): LineParser {
  return {
    push(text: string, line: number): ParseOutcome {
      if (isBlank(text)) return { kind: 'events', events: [] };
      return { kind: 'events', events: [{ record: { message: text }, schema: null, line, format: 'text' }] };
    },
    end: () => [],
  };
}
