/**
 * Apache httpd's configuration grammar (pure): one directive per line, a `\` as the very last
 * character continues it on the next line, lines starting with `#` are comments (after
 * continuation, as httpd folds first), `<Section args>` ... `</Section>` nest, and arguments are
 * words separated by whitespace or quoted with `"` or `'` (inside quotes `\"` and `\\` are
 * escapes, as in httpd's ap_getword_conf). Names are case-insensitive. Never throws; a bad line
 * becomes a problem with 1-based line and column.
 */

export interface ApacheDirective {
  kind: 'directive';
  /** The name as written. */
  name: string;
  /** Lower case, for matching. */
  key: string;
  args: string[];
  path: string;
  line: number;
  column: number;
}

export interface ApacheSection {
  kind: 'section';
  name: string;
  key: string;
  args: string[];
  children: ApacheNode[];
  path: string;
  line: number;
  column: number;
}

export type ApacheNode = ApacheDirective | ApacheSection;

export interface ApacheParse {
  nodes: ApacheNode[];
  problems: { line: number; column: number; message: string }[];
}

/** Splits an argument string into words with httpd's quoting rules. */
export function apacheWords(text: string): { words: string[]; unterminated: boolean } {
  const words: string[] = [];
  let unterminated = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i] as string)) i += 1;
    if (i >= n) break;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      let word = '';
      let j = i + 1;
      while (j < n && text[j] !== quote) {
        const next = text[j + 1];
        if (text[j] === '\\' && (next === quote || next === '\\')) {
          word += next;
          j += 2;
        } else {
          word += text[j] as string;
          j += 1;
        }
      }
      if (j >= n) unterminated = true;
      words.push(word);
      i = j + 1;
    } else {
      let j = i;
      while (j < n && !/\s/.test(text[j] as string)) j += 1;
      // Outside quotes only `\\` is an escape.
      words.push(text.slice(i, j).replace(/\\\\/g, '\\'));
      i = j;
    }
  }
  return { words, unterminated };
}

interface LogicalLine {
  text: string;
  line: number;
  column: number;
}

/** Physical lines folded on a trailing backslash, blank lines and comments dropped. */
function logicalLines(text: string): LogicalLine[] {
  const physical = text.split('\n');
  const out: LogicalLine[] = [];
  let i = 0;
  while (i < physical.length) {
    const start = i;
    let piece = (physical[i] as string).replace(/\r$/, '');
    const pieces: string[] = [];
    while (piece.endsWith('\\') && i + 1 < physical.length) {
      pieces.push(piece.slice(0, -1));
      i += 1;
      piece = (physical[i] as string).replace(/\r$/, '');
    }
    pieces.push(piece);
    const joined = pieces.join('');
    i += 1;
    const indent = joined.length - joined.trimStart().length;
    const trimmed = joined.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    out.push({ text: trimmed, line: start + 1, column: indent + 1 });
  }
  return out;
}

interface Frame {
  section: ApacheSection | null;
  children: ApacheNode[];
}

/** Parses one file's text into directives and sections (includes are not followed here). */
export function parseApache(text: string, path: string): ApacheParse {
  const problems: ApacheParse['problems'] = [];
  const top: ApacheNode[] = [];
  const stack: Frame[] = [{ section: null, children: top }];
  const current = (): Frame => stack[stack.length - 1] as Frame;
  for (const l of logicalLines(text)) {
    if (l.text.startsWith('</')) {
      closeSection(l, stack, problems);
      continue;
    }
    if (l.text.startsWith('<')) {
      const section = openSection(l, path, problems);
      current().children.push(section);
      stack.push({ section, children: section.children });
      continue;
    }
    const split = /^(\S+)\s*(.*)$/s.exec(l.text);
    const name = split?.[1] ?? l.text;
    const { words, unterminated } = apacheWords(split?.[2] ?? '');
    if (unterminated) problems.push({ line: l.line, column: l.column, message: `${name.slice(0, 40)}: unterminated quoted argument` });
    current().children.push({ kind: 'directive', name, key: name.toLowerCase(), args: words, path, line: l.line, column: l.column });
  }
  for (let i = stack.length - 1; i >= 1; i--) {
    const section = (stack[i] as Frame).section;
    if (section) problems.push({ line: section.line, column: section.column, message: `<${section.name.slice(0, 40)}> is not closed` });
  }
  return { nodes: top, problems };
}

function openSection(l: LogicalLine, path: string, problems: ApacheParse['problems']): ApacheSection {
  let body = l.text.slice(1);
  if (body.endsWith('>')) body = body.slice(0, -1);
  else problems.push({ line: l.line, column: l.column, message: `${l.text.slice(0, 40)}: section is missing its closing ">"` });
  const split = /^([^\s>]*)\s*(.*)$/s.exec(body);
  const name = split?.[1] ?? '';
  if (name === '') problems.push({ line: l.line, column: l.column, message: 'section without a name' });
  const { words } = apacheWords(split?.[2] ?? '');
  return { kind: 'section', name, key: name.toLowerCase(), args: words, children: [], path, line: l.line, column: l.column };
}

function closeSection(l: LogicalLine, stack: Frame[], problems: ApacheParse['problems']): void {
  const name = l.text.slice(2).replace(/>\s*$/, '').trim().toLowerCase();
  // Close the nearest open section of that name; sections left open inside it are reported.
  for (let i = stack.length - 1; i >= 1; i--) {
    if ((stack[i] as Frame).section?.key === name) {
      for (let j = stack.length - 1; j > i; j--) {
        const open = (stack[j] as Frame).section;
        if (open) problems.push({ line: open.line, column: open.column, message: `<${open.name.slice(0, 40)}> is not closed before </${name.slice(0, 40)}>` });
      }
      stack.length = i;
      return;
    }
  }
  problems.push({ line: l.line, column: l.column, message: `</${name.slice(0, 40)}> without a matching <${name.slice(0, 40)}>` });
}
