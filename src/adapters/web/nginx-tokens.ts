/**
 * nginx's configuration grammar (pure): directives `name arg ...;`, blocks `name arg ... { ... }`,
 * `#` comments (only where a token starts), single- and double-quoted strings, backslash escapes,
 * and `${variable}` braces that do not open a block. Follows the documented behaviour of nginx's
 * own reader: an unquoted word ends at whitespace, `;` or `{` (a `}` inside a word belongs to it);
 * after a closing quote only whitespace, `;`, `{` or `)` may follow. Never throws; bad input gives
 * problems with 1-based line and column, and the reader recovers at the next token.
 */

export interface NginxArg {
  value: string;
  quoted: boolean;
  line: number;
  column: number;
}

export interface NginxDirective {
  name: string;
  args: NginxArg[];
  /** The file the directive was read from (an include keeps its own file). */
  path: string;
  line: number;
  column: number;
  /** The block's directives, or null for a simple directive. */
  block: NginxDirective[] | null;
}

export interface NginxParse {
  directives: NginxDirective[];
  problems: { line: number; column: number; message: string }[];
}

type Token =
  | { kind: 'word'; value: string; quoted: boolean; line: number; column: number }
  | { kind: ';' | '{' | '}'; line: number; column: number };

/** The escapes nginx resolves in a word: `\"`, `\'`, `\\`, `\t`, `\r`, `\n`; others stay as written. */
function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    const next = raw[i + 1];
    if (ch === '\\' && next !== undefined) {
      if (next === '"' || next === "'" || next === '\\') {
        out += next;
        i += 1;
        continue;
      }
      if (next === 't' || next === 'r' || next === 'n') {
        out += next === 't' ? '\t' : next === 'r' ? '\r' : '\n';
        i += 1;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

const SPACE = new Set([' ', '\t', '\r', '\n', '\f', '\v']);

class Scanner {
  private pos = 0;
  private line = 1;
  private column = 1;
  readonly problems: NginxParse['problems'] = [];

  constructor(private readonly text: string) {}

  private advance(): string {
    const ch = this.text[this.pos] as string;
    this.pos += 1;
    if (ch === '\n') {
      this.line += 1;
      this.column = 1;
    } else this.column += 1;
    return ch;
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  /** The next token, or null at the end of the text. */
  next(): Token | null {
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return null;
      if (SPACE.has(ch)) {
        this.advance();
        continue;
      }
      if (ch === '#') {
        while (this.peek() !== undefined && this.peek() !== '\n') this.advance();
        continue;
      }
      const line = this.line;
      const column = this.column;
      if (ch === ';' || ch === '{' || ch === '}') {
        this.advance();
        return { kind: ch, line, column };
      }
      if (ch === '"' || ch === "'") return this.quoted(ch, line, column);
      return this.word(line, column);
    }
  }

  private quoted(quote: string, line: number, column: number): Token {
    this.advance();
    const start = this.pos;
    let closed = false;
    while (this.peek() !== undefined) {
      const ch = this.advance();
      if (ch === '\\' && this.peek() !== undefined) {
        this.advance();
        continue;
      }
      if (ch === quote) {
        closed = true;
        break;
      }
    }
    const raw = this.text.slice(start, closed ? this.pos - 1 : this.pos);
    if (!closed) this.problems.push({ line, column, message: `unterminated ${quote === '"' ? 'double' : 'single'}-quoted string` });
    const after = this.peek();
    if (closed && after !== undefined && !SPACE.has(after) && after !== ';' && after !== '{' && after !== ')' && after !== '}') {
      this.problems.push({ line: this.line, column: this.column, message: `unexpected "${after}" after a quoted string` });
    }
    return { kind: 'word', value: unescape(raw), quoted: true, line, column };
  }

  private word(line: number, column: number): Token {
    const start = this.pos;
    let previous = '';
    while (this.peek() !== undefined) {
      const ch = this.peek() as string;
      if (ch === '\\' && this.peek(1) !== undefined) {
        this.advance();
        this.advance();
        previous = '';
        continue;
      }
      if (SPACE.has(ch) || ch === ';') break;
      // `${name}`: the brace after `$` is part of a variable, not a block.
      if (ch === '{' && previous !== '$') break;
      previous = ch;
      this.advance();
    }
    return { kind: 'word', value: unescape(this.text.slice(start, this.pos)), quoted: false, line, column };
  }
}

interface Frame {
  list: NginxDirective[];
  /** The block's directive (null at the top). */
  owner: NginxDirective | null;
}

/** Parses one file's text into directives (includes are not followed here). */
export function parseNginx(text: string, path: string): NginxParse {
  const scanner = new Scanner(text);
  const top: NginxDirective[] = [];
  const stack: Frame[] = [{ list: top, owner: null }];
  let words: NginxArg[] = [];
  const current = (): Frame => stack[stack.length - 1] as Frame;
  const directiveOf = (list: NginxArg[], block: NginxDirective[] | null): NginxDirective | null => {
    const [name, ...args] = list;
    if (!name) return null;
    return { name: name.value, args, path, line: name.line, column: name.column, block };
  };
  for (let token = scanner.next(); token !== null; token = scanner.next()) {
    if (token.kind === 'word') {
      words.push({ value: token.value, quoted: token.quoted, line: token.line, column: token.column });
      continue;
    }
    if (token.kind === ';') {
      const directive = directiveOf(words, null);
      if (directive) current().list.push(directive);
      else scanner.problems.push({ line: token.line, column: token.column, message: 'unexpected ";"' });
      words = [];
      continue;
    }
    if (token.kind === '{') {
      const block: NginxDirective[] = [];
      const directive = directiveOf(words, block);
      if (directive) current().list.push(directive);
      else scanner.problems.push({ line: token.line, column: token.column, message: 'unexpected "{"' });
      // A block without a name is still read (so its directives are seen), but belongs to nothing.
      stack.push({ list: block, owner: directive });
      words = [];
      continue;
    }
    // '}'
    if (words.length > 0) {
      const first = words[0] as NginxArg;
      scanner.problems.push({ line: first.line, column: first.column, message: `"${first.value.slice(0, 40)}" is not terminated by ";"` });
      const directive = directiveOf(words, null);
      if (directive) current().list.push(directive);
      words = [];
    }
    if (stack.length > 1) stack.pop();
    else scanner.problems.push({ line: token.line, column: token.column, message: 'unexpected "}"' });
  }
  if (words.length > 0) {
    const first = words[0] as NginxArg;
    scanner.problems.push({ line: first.line, column: first.column, message: 'unexpected end of file, expecting ";" or "}"' });
    const directive = directiveOf(words, null);
    if (directive) current().list.push(directive);
  }
  for (let i = stack.length - 1; i >= 1; i--) {
    const owner = (stack[i] as Frame).owner;
    scanner.problems.push({ line: owner?.line ?? 1, column: owner?.column ?? 1, message: `block "${(owner?.name ?? '').slice(0, 40)}" is not closed: unexpected end of file, expecting "}"` });
  }
  return { directives: top, problems: scanner.problems };
}
