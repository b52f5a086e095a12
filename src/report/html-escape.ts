/**
 * Escaping for the HTML report. Every string that came from a scanned file (paths, subjects,
 * messages, ids) passes through `esc` before it reaches the page, in text and in attribute values
 * alike: one function for both keeps the rule simple to audit.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for quoted attribute values. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Keeps a token usable as a class name or data-* value: lower-case letters, digits and dashes. */
export function token(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/**
 * Escapes text and lets the browser break a long path or id after `/`, `:` and `#`. The break
 * points are found before escaping, so they never fall inside an entity such as `&#39;`.
 */
export function escBreakable(value: string): string {
  return value
    .split(/(?<=[/:#])/)
    .map(esc)
    .join('<wbr>');
}
