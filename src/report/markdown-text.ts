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
 * backslash-escaped (`|` too, which GFM tables honour); what GitHub links on its own is defused
 * (see defuseAutolinks).
 */
export function mdText(text: string): string {
  return escapeInline(defuseAutolinks(flatten(text)));
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>&|~$]/g, '\\$&');
}

/**
 * GitHub links some plain text after Markdown is parsed, so no escaping stops it: `@name` (a
 * mention, which notifies), `#12` and `owner/repo#12` (cross-references), and its autolink
 * extension's `https://…`, `www.…` and `a@b.co`. An invisible word joiner (U+2060) breaks each
 * trigger: inside `//`, so neither `://` nor a protocol-relative `//host` is seen; after a `www`
 * that starts a word; after an `@` before a name, and before it too after an address's name part;
 * after a `#` before a name or a number.
 */
export function defuseAutolinks(text: string): string {
  return text
    .replace(/\/(?=\/)/g, `/${WORD_JOINER}`)
    .replace(/(?<![A-Za-z0-9])www(?=\.)/gi, `$&${WORD_JOINER}`)
    .replace(/([A-Za-z0-9_.+-]?)@(?=[A-Za-z0-9_])/g, (_, name: string) => `${name === '' ? '' : `${name}${WORD_JOINER}`}@${WORD_JOINER}`)
    .replace(/#(?=[0-9])|(?<![A-Za-z0-9_])#(?=[A-Za-z_])/g, `#${WORD_JOINER}`);
}

/**
 * Text written by a rule pack's author (titles, remediation): `code` spans become code spans, so
 * `- level: Metadata` reads as code and not as literal backquotes; the rest is escaped as
 * scanned text is. In a table cell a `|` inside the span needs a backslash, which GFM removes
 * before it reads the span.
 */
export function mdProse(text: string, where: 'inline' | 'cell' = 'inline'): string {
  const flat = flatten(text);
  const out: string[] = [];
  let last = 0;
  // A run of backticks, text, and a run of the same length (CommonMark's code span); an
  // unmatched backtick stays text and is escaped.
  for (const m of flat.matchAll(/(?<!`)(`+)(?!`)(.*?[^`])\1(?!`)/g)) {
    out.push(mdText(flat.slice(last, m.index)));
    const code = mdCode(stripSpanPadding(m[2] ?? ''));
    out.push(where === 'cell' ? code.replace(/\|/g, '\\|') : code);
    last = m.index + m[0].length;
  }
  out.push(mdText(flat.slice(last)));
  return out.join('');
}

/** CommonMark drops one space at each end of a code span's content when both ends have one. */
function stripSpanPadding(content: string): string {
  return content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '' ? content.slice(1, -1) : content;
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
