/**
 * The pipe-separated header shared by CEF and LEEF: `count` fields, each ended by an unescaped
 * `|`, with `\\|` and `\\\\` escapes. Returns the fields and where the rest of the line starts, or
 * null when the line ends first.
 */
const BACKSLASH = 92;
const PIPE = 124;

export function readPipeHeader(text: string, from: number, count: number): { fields: string[]; end: number } | null {
  const fields: string[] = [];
  let pos = from;
  let chunk = pos;
  let pending = '';
  while (fields.length < count) {
    if (pos >= text.length) return null;
    const code = text.charCodeAt(pos);
    if (code === BACKSLASH) {
      const next = text.charCodeAt(pos + 1);
      if (next === PIPE || next === BACKSLASH) {
        pending += text.slice(chunk, pos) + text.charAt(pos + 1);
        pos += 2;
        chunk = pos;
      } else {
        pos += 1;
      }
      continue;
    }
    if (code === PIPE) {
      fields.push(pending + text.slice(chunk, pos));
      pending = '';
      pos += 1;
      chunk = pos;
      continue;
    }
    pos += 1;
  }
  return { fields, end: pos };
}
