/**
 * XML 1.0 text and attribute escaping. Report strings come from scanned files (paths, log
 * values), so anything may be in them: markup characters are escaped and characters XML 1.0
 * cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped, since
 * even `&#1;` is not well-formed XML 1.0.
 */

/** Everything outside XML 1.0's Char production. With the `u` flag a lone surrogate is one code point, outside every range. */
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripIllegalXml(text: string): string {
  return text.replace(ILLEGAL, '');
}

/**
 * Element content. `>` is escaped too, so `]]>` can never appear; a carriage return becomes a
 * reference because parsers turn a literal one (and CR LF) into a line feed.
 */
export function escapeXmlText(text: string): string {
  return stripIllegalXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/**
 * A double- or single-quoted attribute value. Tabs and line breaks become character references,
 * because a parser normalizes literal ones in attributes to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}
