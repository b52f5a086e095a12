/**
 * A tokenizer and parser for syslog-ng configs: `@version:`, `@include`, `@define` pragmas,
 * statements such as `source s_net { network(port(514)); };`, `filter f { facility(auth) and not
 * level(debug); };` and `log { source(s); filter(f); destination(d); flags(final); };` (with
 * nested log paths, junctions and if/elif/else), `"strings"` with escapes, `'strings'` without,
 * `# comments` and backtick substitutions of `@define` values. The grammar is read generically
 * into calls (`name(args)`), blocks (`{ ... }`), words and strings; the builder gives them meaning.
 * It never throws: what cannot be read becomes a problem with its line and column.
 */
import type { Location } from '../../model/vocabulary.js';
import { isBlank, quoteShort } from '../rsyslog/positions.js';
import { TextCursor, unescapeChar } from '../rsyslog/cursor.js';

export type NgNode =
  | { kind: 'word'; value: string; at: Location }
  | { kind: 'string'; value: string; at: Location }
  | { kind: 'call'; name: string; args: NgNode[]; at: Location }
  | { kind: 'group'; items: NgNode[]; at: Location }
  | { kind: 'block'; body: NgStatement[]; at: Location };

/** One statement: the nodes up to its `;`. */
export interface NgStatement {
  nodes: NgNode[];
  at: Location;
}

export type NgPragma = { kind: 'pragma'; name: string; value: string; at: Location };

export type NgTop = NgStatement | NgPragma;

export interface NgProblem {
  at: Location;
  message: string;
}

export interface NgUnknown {
  construct: string;
  reason: string;
  at: Location;
}

export interface NgSink {
  problems: NgProblem[];
  unknowns: NgUnknown[];
  statements: number;
  /** `@define` values, for backtick substitution. */
  defines: Map<string, string>;
  /** Statements of the files an `@include` names, in include order. */
  include(pattern: string, from: string, at: Location): NgTop[];
}

const MAX_DEPTH = 200;
/** Word characters: anything but blanks and `(){};,"'#\``. */
function isWordChar(c: string): boolean {
  return !isBlank(c) && !'(){};,"\'#`'.includes(c);
}

export function parseSyslogNg(text: string, path: string, sink: NgSink): NgTop[] {
  return new NgParser(text, path, sink).parseFile();
}

class NgParser extends TextCursor {
  private depth = 0;

  constructor(
    text: string,
    private readonly path: string,
    private readonly sink: NgSink,
  ) {
    super(text, path, sink);
  }

  private skipTrivia(): void {
    while (!this.eof()) {
      const c = this.peek();
      if (c === '#') {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end === -1 ? this.text.length : end;
      } else if (isBlank(c)) this.pos++;
      else return;
    }
  }

  parseFile(): NgTop[] {
    const out: NgTop[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.eof()) return out;
      const start = this.pos;
      if (this.peek() === '@' && this.atLineStart()) {
        out.push(...this.parsePragma());
        continue;
      }
      if (this.peek() === '}') {
        this.problem('unexpected }');
        this.pos++;
        continue;
      }
      const stmt = this.parseStatement();
      if (stmt !== null && stmt.nodes.length > 0) out.push(stmt);
      if (this.pos === start) this.pos++;
    }
  }

  /** `@version: 3.38`, `@include "file"`, `@define name "value"`, `@module x`, `@requires x`: one line each. */
  private parsePragma(): NgTop[] {
    const at = this.at();
    const end = this.text.indexOf('\n', this.pos);
    const line = this.text.slice(this.pos + 1, end === -1 ? this.text.length : end);
    this.pos = end === -1 ? this.text.length : end;
    const m = /^([A-Za-z_-]+):?\s*(.*)$/.exec(line.replace(/\s+#.*$/, '').trim());
    if (m === null) {
      this.sink.problems.push({ at, message: 'unreadable @ pragma' });
      return [];
    }
    const name = (m[1] as string).toLowerCase();
    const value = (m[2] as string).trim();
    this.sink.statements++;
    if (name === 'include') {
      const pattern = unquote(value);
      return this.sink.include(pattern, this.path, at);
    }
    if (name === 'define') {
      const d = /^([A-Za-z_][\w-]*)\s+(.*)$/.exec(value);
      if (d) this.sink.defines.set(d[1] as string, unquote((d[2] as string).trim()));
    }
    return [{ kind: 'pragma', name, value, at }];
  }

  /** Nodes up to `;` (consumed) or a `}` (not consumed). */
  private parseStatement(): NgStatement | null {
    const at = this.at();
    const nodes: NgNode[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.eof()) {
        if (nodes.length > 0) this.problem('missing ; at the end of the file');
        break;
      }
      const c = this.peek();
      if (c === ';') {
        this.pos++;
        break;
      }
      if (c === '}') break;
      if (c === ')' || c === ',') {
        this.problem(`unexpected ${c}`);
        this.pos++;
        continue;
      }
      const node = this.parseNode();
      if (node === null) break;
      nodes.push(node);
      if (node.kind === 'block' && this.missingSemicolonAfterBlock()) break;
    }
    if (nodes.length > 0) this.sink.statements++;
    return { nodes, at };
  }

  /**
   * syslog-ng wants `;` after `}`; when a block is followed by anything but `;`, `elif` or `else`,
   * the statement ends there (reported), so that one missing `;` does not swallow the next statement.
   */
  private missingSemicolonAfterBlock(): boolean {
    const save = this.pos;
    this.skipTrivia();
    const c = this.peek();
    if (c === ';' || c === '}' || c === '' || /^(elif|else)\b/.test(this.text.slice(this.pos, this.pos + 5))) {
      this.pos = save;
      return false;
    }
    this.problem('missing ; after }', save);
    return true;
  }

  private parseNode(): NgNode | null {
    const at = this.at();
    const c = this.peek();
    if (c === '"' || c === "'") return { kind: 'string', value: this.readString(), at };
    if (c === '`') return this.readBacktick(at);
    if (c === '{') {
      this.pos++;
      if (this.depth >= MAX_DEPTH) {
        this.problem(`blocks nested deeper than ${MAX_DEPTH} levels are not read`);
        this.skipBalanced();
        return { kind: 'block', body: [], at };
      }
      this.depth++;
      const body: NgStatement[] = [];
      for (;;) {
        this.skipTrivia();
        if (this.eof()) {
          this.problem('missing } at the end of the file');
          break;
        }
        if (this.peek() === '}') {
          this.pos++;
          break;
        }
        const start = this.pos;
        if (this.peek() === '@' && this.atLineStart()) {
          // Pragmas inside blocks are not valid syslog-ng; skip the line.
          this.problem('@ pragma inside a block');
          const end = this.text.indexOf('\n', this.pos);
          this.pos = end === -1 ? this.text.length : end;
          continue;
        }
        const stmt = this.parseStatement();
        if (stmt !== null && stmt.nodes.length > 0) body.push(stmt);
        if (this.pos === start) this.pos++;
      }
      this.depth--;
      return { kind: 'block', body, at };
    }
    if (c === '(') {
      this.pos++;
      return { kind: 'group', items: this.parseArgs(at), at };
    }
    const word = this.readWord();
    if (word === '') {
      this.problem(`unexpected character ${JSON.stringify(quoteShort(c, 4))}`);
      this.pos++;
      return null;
    }
    const save = this.pos;
    this.skipTrivia();
    if (this.peek() === '(') {
      this.pos++;
      return { kind: 'call', name: word, args: this.parseArgs(at), at };
    }
    this.pos = save;
    return { kind: 'word', value: word, at };
  }

  /** Arguments up to the `)` that closes them; the cursor is after `(`. */
  private parseArgs(openAt: Location): NgNode[] {
    const args: NgNode[] = [];
    if (this.depth >= MAX_DEPTH) {
      this.problem(`parentheses nested deeper than ${MAX_DEPTH} levels are not read`);
      this.skipBalancedParens();
      return args;
    }
    this.depth++;
    for (;;) {
      this.skipTrivia();
      if (this.eof()) {
        this.sink.problems.push({ at: openAt, message: '( is not closed' });
        break;
      }
      const c = this.peek();
      if (c === ')') {
        this.pos++;
        break;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ';' || c === '}') {
        this.sink.problems.push({ at: openAt, message: '( is not closed' });
        break;
      }
      const node = this.parseNode();
      if (node !== null) args.push(node);
    }
    this.depth--;
    return args;
  }

  private skipBalanced(): void {
    let level = 1;
    while (!this.eof() && level > 0) {
      const c = this.peek();
      if (c === '"' || c === "'") this.readString();
      else {
        if (c === '{') level++;
        else if (c === '}') level--;
        this.pos++;
      }
    }
  }

  private skipBalancedParens(): void {
    let level = 1;
    while (!this.eof() && level > 0) {
      const c = this.peek();
      if (c === '"' || c === "'") this.readString();
      else {
        if (c === '(') level++;
        else if (c === ')') level--;
        this.pos++;
      }
    }
  }

  private readWord(): string {
    const start = this.pos;
    while (!this.eof() && isWordChar(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** `"..."` with backslash escapes, or `'...'` taken literally. */
  private readString(): string {
    const quote = this.peek();
    const start = this.pos;
    this.pos++;
    let out = '';
    while (!this.eof()) {
      const c = this.peek();
      if (quote === '"' && c === '\\') {
        const next = this.peek(1);
        out += unescapeChar(next);
        this.pos += 2;
        continue;
      }
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c === '`') {
        // Backtick references are substituted inside strings too (`file("`logdir`/messages")`).
        const end = this.text.indexOf('`', this.pos + 1);
        const nl = this.text.indexOf('\n', this.pos + 1);
        if (end !== -1 && (nl === -1 || end < nl)) {
          out += this.substitute(this.text.slice(this.pos + 1, end).trim(), this.at());
          this.pos = end + 1;
          continue;
        }
      }
      out += c;
      this.pos++;
    }
    this.problem('unterminated string', start);
    return out;
  }

  /** The `@define`d value of a backtick reference; undefined names stay as written, reported. */
  private substitute(name: string, at: Location): string {
    const value = this.sink.defines.get(name);
    if (value !== undefined) return value;
    this.sink.unknowns.push({ construct: `\`${quoteShort(name, 40)}\``, reason: 'not @define-d in this file (an environment variable or a define from elsewhere): its value is unknown', at });
    return `\`${name}\``;
  }

  /** `` `name` ``: the `@define`d value (a word); undefined names stay unresolved. */
  private readBacktick(at: Location): NgNode {
    const end = this.text.indexOf('`', this.pos + 1);
    const name = this.text.slice(this.pos + 1, end === -1 ? this.text.length : end).trim();
    this.pos = end === -1 ? this.text.length : end + 1;
    const defined = this.sink.defines.has(name);
    const value = this.substitute(name, at);
    return defined ? { kind: 'string', value, at } : { kind: 'word', value, at };
  }
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  return v;
}

// -----------------------------------------------------------------------------------------------
// Helpers for the builder

/** Option names are case-insensitive and `_` equals `-` in syslog-ng. */
export function optionName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/** The nested option calls of a driver, by normalised name (the last one wins). */
export function optionsOf(call: { args: NgNode[] }): Map<string, Extract<NgNode, { kind: 'call' }>> {
  const out = new Map<string, Extract<NgNode, { kind: 'call' }>>();
  for (const arg of call.args) if (arg.kind === 'call') out.set(optionName(arg.name), arg);
  return out;
}

/** The first positional (non-call) argument as text. */
export function positional(call: { args: NgNode[] }): { value: string; at: Location } | null {
  for (const arg of call.args) if (arg.kind === 'string' || arg.kind === 'word') return { value: arg.value, at: arg.at };
  return null;
}

/** Every positional argument as text (`url("a" "b")`, `facility(auth, authpriv)`). */
export function positionals(call: { args: NgNode[] }): string[] {
  return call.args.flatMap((arg) => (arg.kind === 'string' || arg.kind === 'word' ? [arg.value] : []));
}
