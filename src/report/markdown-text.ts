/**
 * Text for the Markdown report: escaping of scanned text for GitHub-flavoured Markdown (inline,
 * table cells, code spans, link destinations, HTML inside <details>) and locale-free numbers.
 */

const WORD_JOINER = '\u2060';

/** Control characters (newlines included) would end a table row or list item: they become spaces. */
export function flatten(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

/** At most `max` characters (code points, so no surrogate pair is split), ending in `…` when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Inline text that renders as written, also inside a table cell. Markdown and HTML specials are
 * backslash-escaped (`|` too, which GFM tables honour). GitHub turns `@name` into a mention (a
 * notification) and `#123` into a cross-reference, after rendering, so escaping cannot stop it: an
 * invisible word joiner after the sign does.
 */
export function mdText(text: string): string {
  return flatten(text)
    .replace(/(?<![A-Za-z0-9_])([@#])(?=[A-Za-z0-9_])/g, `$1${WORD_JOINER}`)
    .replace(/[\\`*_[\]<>&|~$]/g, '\\$&');
}

/**
 * A code span for a path or id: a backtick run longer than any inside it. GitHub neither mentions
 * nor links inside code. Not for table cells (where a `|` would need a backslash the span keeps).
 */
export function mdCode(text: string): string {
  const flat = flatten(text);
  if (flat === '') return '';
  const longest = (flat.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  // CommonMark strips one space from each end when both ends have one: pad so nothing is lost,
  // and so a backtick at an end does not join the fence.
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A link destination. locationHref leaves `(` and `)` as they are (encodeURIComponent does), and
 * an unbalanced one would end the destination early; spaces, `<`, `>` and `\` can only come from
 * the link base. All of them are percent-encoded, which means the same to the server.
 */
export function linkTarget(href: string): string {
  return href.replace(/[()<>\\\s]/g, (c) => (c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)));
}

/** Text for HTML (`<summary>`): entities for the three characters that matter there. */
export function htmlText(text: string): string {
  return flatten(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 12345 → `12,345`, the same everywhere (toLocaleString depends on the machine). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
