/**
 * Text for a terminal. A file name or a log line may carry escape sequences (`\u001b[2J`, OSC
 * hyperlinks, a bell) or line breaks that would rewrite the user's screen or split one warning
 * into several; here they become visible escapes (`\u001b`, `\n`). Tabs stay.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** A deep copy with every string made printable (for the text report of a whole result). */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableDeep(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: printableDeep(v), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}
