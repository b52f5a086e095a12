/**
 * A tokenizer and recursive-descent parser for rsyslog configs: RainerScript (objects such as
 * `module(...)`, `input(...)`, `action(...)`, `ruleset(name=...) { ... }`, `if ... then ... else
 * ...`, `call`, `stop`, `include(...)`) and the legacy syntax (`$Directive value` lines, selector
 * lines `facility.priority  action` with `&` continuations and backslash line continuations,
 * property filters `:msg, contains, "x"`), which rsyslog lets one file mix. The parser reads the
 * text from a cursor, so it knows at each point whether `$` starts a directive or a variable and
 * whether `/` starts a file action or a comment, as rsyslog's own lexer does. It never throws:
 * a statement it cannot read becomes a problem and parsing resumes at the next line.
 */
import type { Location } from '../../model/vocabulary.js';
import { isBlank, quoteShort } from './positions.js';
import { TextCursor, unescapeChar } from './cursor.js';
import { exactCond, opaqueCond, parseSelector } from './syslog-mask.js';
import type { Cond } from './syslog-mask.js';
import { evaluateCondition } from './condition.js';

export interface RsParam {
  /** The name as written. */
  name: string;
  /** A string, an array of strings, or null when the value is a backtick command (never run). */
  value: string | string[] | null;
  at: Location;
}

export interface RsObject {
  /** `module`, `input`, `action`, ... in lower case. */
  type: string;
  /** Parameters by lower-case name (names are case-insensitive in rsyslog). */
  params: Map<string, RsParam>;
  at: Location;
}

export type RsStatement =
  | { kind: 'object'; obj: RsObject }
  | { kind: 'action'; obj: RsObject }
  | { kind: 'legacy-action'; text: string; at: Location }
  | { kind: 'stop'; at: Location }
  | { kind: 'call'; name: string; at: Location }
  | { kind: 'call-indirect'; at: Location }
  | { kind: 'ruleset'; obj: RsObject; body: RsStatement[] }
  | { kind: 'if'; cond: Cond; text: string; then: RsStatement[]; else: RsStatement[]; at: Location }
  | { kind: 'directive'; name: string; value: string; at: Location };

export interface RsProblem {
  at: Location;
  message: string;
}

export interface RsUnknown {
  construct: string;
  reason: string;
  at: Location;
}

/** What the parse of one file (and the files it includes) shares: findings and include resolution. */
export interface ParseSink {
  problems: RsProblem[];
  unknowns: RsUnknown[];
  /** Counts statements that were read, to tell an empty file from an unreadable one. */
  statements: number;
  /**
   * Parses the files an include names (`$IncludeConfig`, `include(file=...)`); returns their
   * statements in include order. `optional` includes that name nothing are not reported.
   */
  include(pattern: string, from: string, at: Location, optional: boolean): RsStatement[];
  /** Parses a config text given in `include(text=...)`, located at the include. */
  includeText(text: string, at: Location): RsStatement[];
}

/** Deeper block nesting than this is reported and skipped (no real config comes close). */
const MAX_DEPTH = 200;
/** An `if` condition or a `set ...;` longer than this is taken as unterminated. */
const MAX_EXPRESSION = 8192;

const SELECTOR_START = /[*a-z][*a-z]*[0-7]*[.,]/iy;
const WORD = /[A-Za-z_][A-Za-z0-9_.\-]*/y;
const PARAM_NAME = /[A-Za-z0-9_.\-]+/y;

export function parseRsyslog(text: string, path: string, sink: ParseSink, firstLine = 1): RsStatement[] {
  return new Parser(text, path, sink, firstLine).parseFile();
}

class Parser extends TextCursor {
  private depth = 0;

  constructor(
    text: string,
    private readonly path: string,
    private readonly sink: ParseSink,
    firstLine: number,
  ) {
    super(text, path, sink, firstLine);
  }

  parseFile(): RsStatement[] {
    return this.parseStatements(false);
  }

  // ---------------------------------------------------------------------------------------------
  // Characters

  /** Skips blanks, newlines, `#` comments and `/* ... *\/` comments. */
  private skipTrivia(): void {
    while (!this.eof()) {
      const c = this.peek();
      if (c === '#') this.skipToEol();
      else if (c === '/' && this.peek(1) === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end === -1) {
          this.problem('unterminated /* comment');
          this.pos = this.text.length;
        } else this.pos = end + 2;
      } else if (isBlank(c)) this.pos++;
      else return;
    }
  }

  /** Skips blanks on the current line only. */
  private skipBlanks(): void {
    while (!this.eof() && (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r')) this.pos++;
  }

  private skipToEol(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end === -1 ? this.text.length : end;
  }

  private restOfLine(): string {
    const start = this.pos;
    this.skipToEol();
    return this.text.slice(start, this.pos);
  }

  private matchSticky(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    return m ? m[0] : null;
  }

  /** The word at the cursor (not consumed), or null. */
  private peekWord(): string | null {
    return this.matchSticky(WORD);
  }

  /** True when the word at the cursor is `word` (case-insensitive) and not a longer name. */
  private isWord(word: string): boolean {
    const w = this.peekWord();
    return w !== null && w.toLowerCase() === word;
  }

  /** After a word: whether the next non-blank character (newlines and comments allowed) is `c`. */
  private nextNonTriviaIs(offset: number, c: string): boolean {
    const save = this.pos;
    this.pos = offset;
    this.skipTrivia();
    const found = this.peek() === c;
    this.pos = save;
    return found;
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  /** Statements up to the end of the text, or up to the `}` closing a block when `inBlock`. */
  private parseStatements(inBlock: boolean): RsStatement[] {
    const out: RsStatement[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.eof()) {
        if (inBlock) this.problem('missing } at the end of the file');
        return out;
      }
      if (this.peek() === '}') {
        if (inBlock) {
          this.pos++;
          return out;
        }
        this.problem('unexpected }');
        this.pos++;
        continue;
      }
      const start = this.pos;
      const stmts = this.parseStatement();
      if (stmts === null || this.pos === start) {
        // Resume at the next line, past what could not be read.
        if (this.pos === start) this.skipToEol();
        if (this.pos === start) this.pos++;
        continue;
      }
      out.push(...stmts);
    }
  }

  /** A legacy action at the cursor (`/path`, `-/path`, `?Tpl`, `@host`, `|pipe`, `~`, `^prog`, `:omx:...`). */
  private atBareLegacyAction(): boolean {
    const c = this.peek();
    const next = this.peek(1);
    if (c === '/') return next !== '*';
    if (c === '-') return next === '/' || next === '?';
    if (c === ':') return this.matchSticky(/:[A-Za-z0-9_]+:/y) !== null;
    return c === '@' || c === '|' || c === '~' || c === '^' || c === '>' || c === '?';
  }

  /** One statement (an include yields the included statements); null after a problem. */
  private parseStatement(): RsStatement[] | null {
    const start = this.pos;
    const c = this.peek();
    if (c === '$' && this.atLineStart() && /[A-Za-z]/.test(this.peek(1))) return this.parseDirective();
    // A bare action list is a statement of its own (rsyslog's grammar: `stmt: actlst`), e.g. inside `{ ... }`.
    if (this.atBareLegacyAction()) {
      const actions = this.parseActionList();
      this.sink.statements++;
      return actions;
    }
    if (c === ':' && this.atLineStart()) return this.parsePropertyFilter();
    if (c === '&') {
      this.problem('"&" continues an action list, but no filter precedes it');
      return null;
    }
    const selector = this.readSelector();
    if (selector !== null) return this.parseSelectorStatement(selector, start);
    const word = this.peekWord();
    if (word === null) {
      this.problem(`unexpected character ${JSON.stringify(quoteShort(c, 4))}`);
      return null;
    }
    const lower = word.toLowerCase();
    const afterWord = this.pos + word.length;
    const isObject = this.nextNonTriviaIs(afterWord, '(');
    if (lower === 'if') {
      this.pos = afterWord;
      return this.parseIf(start);
    }
    if (lower === 'foreach') {
      this.pos = afterWord;
      return this.parseForeach(start);
    }
    if (isObject) {
      this.pos = afterWord;
      this.skipTrivia();
      return this.objectStatement(this.parseObject(lower, start), start);
    }
    return this.parseSimpleStatement(lower, afterWord, start);
  }

  private objectStatement(obj: RsObject, start: number): RsStatement[] | null {
    this.sink.statements++;
    const enabled = obj.params.get('config.enabled');
    if (enabled !== undefined) {
      if (enabled.value === null) this.sink.unknowns.push({ construct: `${obj.type}(config.enabled=\`...\`)`, reason: 'enabled or not by a shell command, which ztmm never runs: read as enabled', at: enabled.at });
      else if (typeof enabled.value === 'string' && ['off', 'no', '0', 'false'].includes(enabled.value.trim().toLowerCase())) {
        if (obj.type === 'ruleset' || obj.type === 'template') this.skipBody();
        return [];
      }
    }
    switch (obj.type) {
      case 'action':
        return [{ kind: 'action', obj }];
      case 'ruleset': {
        this.skipTrivia();
        if (this.peek() !== '{') {
          this.problem('ruleset() without a { ... } block');
          return [{ kind: 'ruleset', obj, body: [] }];
        }
        const body = this.parseBlock();
        return [{ kind: 'ruleset', obj, body }];
      }
      case 'template':
        this.skipBody();
        return [{ kind: 'object', obj }];
      case 'include':
        return this.resolveIncludeObject(obj, start);
      default:
        return [{ kind: 'object', obj }];
    }
  }

  /** `stop`, `call x`, `call_indirect expr;`, `set/unset/reset ...;`, `continue`. */
  private parseSimpleStatement(lower: string, afterWord: number, start: number): RsStatement[] | null {
    const at = this.at(start);
    switch (lower) {
      case 'stop':
        this.pos = afterWord;
        this.sink.statements++;
        return [{ kind: 'stop', at }];
      case 'call': {
        this.pos = afterWord;
        this.skipBlanks();
        const name = this.matchSticky(/[^\s#;{}]+/y);
        if (name === null) {
          this.problem('call without a ruleset name');
          return null;
        }
        this.pos += name.length;
        this.sink.statements++;
        return [{ kind: 'call', name, at }];
      }
      case 'call_indirect':
        this.pos = afterWord;
        this.skipExpressionTo(';');
        this.sink.statements++;
        return [{ kind: 'call-indirect', at }];
      case 'set':
      case 'unset':
      case 'reset':
        // Variable assignments change no routing that ztmm can follow (conditions on them stay unevaluated).
        this.pos = afterWord;
        this.skipExpressionTo(';');
        this.sink.statements++;
        return [];
      case 'continue':
        this.pos = afterWord;
        this.sink.statements++;
        return [];
      default:
        this.problem(`unexpected word ${JSON.stringify(quoteShort(lower, 30))}`);
        return null;
    }
  }

  /** Skips an expression up to (and including) `end`, outside strings. */
  private skipExpressionTo(end: string): void {
    const limit = this.pos + MAX_EXPRESSION;
    while (!this.eof() && this.pos < limit) {
      const c = this.peek();
      if (c === '"' || c === "'") this.readQuoted();
      else if (c === end) {
        this.pos++;
        return;
      } else if (c === '\n' && end === ';' && this.peekNextLineIsStatement()) {
        this.problem(`missing "${end}"`);
        return;
      } else this.pos++;
    }
    this.problem(`missing "${end}"`);
  }

  /** Whether the line after the cursor's newline starts like a new statement (recovery for a missing `;`). */
  private peekNextLineIsStatement(): boolean {
    const rest = this.text.slice(this.pos + 1, this.pos + 200);
    return /^\s*(\$[A-Za-z]|if\b|action\s*\(|ruleset\s*\(|module\s*\(|input\s*\()/i.test(rest);
  }

  private parseBlock(): RsStatement[] {
    // The cursor is on `{`.
    this.pos++;
    if (this.depth >= MAX_DEPTH) {
      this.problem(`blocks nested deeper than ${MAX_DEPTH} levels are not read`);
      this.skipBalanced('{', '}');
      return [];
    }
    this.depth++;
    const body = this.parseStatements(true);
    this.depth--;
    return body;
  }

  /** Skips to the `close` that balances an `open` already consumed, outside strings and comments. */
  private skipBalanced(open: string, close: string): void {
    let level = 1;
    while (!this.eof() && level > 0) {
      const c = this.peek();
      if (c === '"' || c === "'") this.readQuoted();
      else if (c === '#') this.skipToEol();
      else {
        if (c === open) level++;
        else if (c === close) level--;
        this.pos++;
      }
    }
    if (level > 0) this.problem(`missing ${close}`);
  }

  /** A `{ ... }` body that is not read: a list template's `constant(...) property(...)`, a disabled ruleset's. */
  private skipBody(): void {
    const save = this.pos;
    this.skipTrivia();
    if (this.peek() === '{') {
      this.pos++;
      this.skipBalanced('{', '}');
    } else this.pos = save;
  }

  // ---------------------------------------------------------------------------------------------
  // Legacy directives and filters

  /** `$Directive value`; `$IncludeConfig` yields the statements of the files it names. */
  private parseDirective(): RsStatement[] {
    const at = this.at();
    this.pos++;
    const name = this.matchSticky(/[A-Za-z0-9_]+/y) ?? '';
    this.pos += name.length;
    const value = stripTrailingComment(this.restOfLine()).trim();
    this.sink.statements++;
    const lower = name.toLowerCase();
    if (lower === 'includeconfig') {
      if (value === '') {
        this.sink.problems.push({ at, message: '$IncludeConfig without a path' });
        return [];
      }
      // A folder includes every file in it.
      const pattern = value.endsWith('/') ? `${value}*` : value;
      return this.sink.include(pattern, this.path, at, false);
    }
    return [{ kind: 'directive', name: lower, value, at }];
  }

  /**
   * A selector at the cursor (`*.info;mail.none`, continued over lines ending in `\`), consumed;
   * null (nothing consumed) when the text there is not a selector.
   */
  private readSelector(): string | null {
    const head = this.matchSticky(SELECTOR_START);
    if (head === null) return null;
    const save = this.pos;
    this.pos += head.length;
    let selector = head;
    for (;;) {
      const c = this.peek();
      if (c !== '' && isSelectorChar(c)) {
        selector += c;
        this.pos++;
      } else if (c === '\\' && /^\\[ \t]*\r?\n/.test(this.text.slice(this.pos, this.pos + 64))) {
        this.pos = this.text.indexOf('\n', this.pos) + 1;
        this.skipBlanks();
      } else break;
    }
    const next = this.peek();
    if (next !== '' && !isBlank(next)) {
      this.pos = save;
      return null;
    }
    return selector;
  }

  private parseSelectorStatement(selector: string, start: number): RsStatement[] | null {
    const at = this.at(start);
    const { mask, error } = parseSelector(selector);
    const body = this.parseActionList();
    this.sink.statements++;
    if (error !== null) {
      // rsyslog rejects the whole line: its actions are not created.
      this.sink.problems.push({ at, message: `${error}; rsyslog rejects this line` });
      return [];
    }
    return [{ kind: 'if', cond: exactCond(mask), text: selector, then: body, else: [], at }];
  }

  /** `:property, [!]operation, "value"  action`: the filter is not evaluated. */
  private parsePropertyFilter(): RsStatement[] | null {
    const start = this.pos;
    const at = this.at();
    const m = /:\s*\$?[A-Za-z0-9!._\-]+\s*,\s*!?[A-Za-z_]+\s*,\s*/y;
    m.lastIndex = this.pos;
    const head = m.exec(this.text);
    if (head === null || (this.text[this.pos + head[0].length] !== '"' && this.text[this.pos + head[0].length] !== "'")) {
      this.problem('a property filter is written :property, operation, "value"');
      return null;
    }
    this.pos += head[0].length;
    this.readQuoted();
    const text = this.text.slice(start, this.pos);
    const body = this.parseActionList();
    this.sink.statements++;
    return [{ kind: 'if', cond: opaqueCond(), text, then: body, else: [], at }];
  }

  /** `if expr then actions [else actions]`; the cursor is after `if`. */
  private parseIf(start: number): RsStatement[] | null {
    const at = this.at(start);
    if (this.depth >= MAX_DEPTH) {
      this.problem(`conditions nested deeper than ${MAX_DEPTH} levels are not read`, start);
      this.skipToEol();
      return null;
    }
    this.depth++;
    try {
      return this.parseIfBody(start, at);
    } finally {
      this.depth--;
    }
  }

  private parseIfBody(start: number, at: Location): RsStatement[] | null {
    const condStart = this.pos;
    const thenAt = this.findThen();
    if (thenAt === -1) {
      this.problem('if without then', start);
      this.skipToEol();
      return null;
    }
    const text = this.text.slice(condStart, thenAt).trim();
    this.pos = thenAt + 4;
    const cond = evaluateCondition(text);
    const body = this.parseActionList();
    let otherwise: RsStatement[] = [];
    const save = this.pos;
    this.skipTrivia();
    if (this.isWord('else')) {
      this.pos += 4;
      this.skipTrivia();
      if (this.isWord('if')) {
        const nestedStart = this.pos;
        this.pos += 2;
        otherwise = this.parseIf(nestedStart) ?? [];
      } else otherwise = this.parseActionList();
    } else this.pos = save;
    this.sink.statements++;
    return [{ kind: 'if', cond, text, then: body, else: otherwise, at }];
  }

  /** The offset of the `then` that ends an `if` condition (outside strings and parentheses), or -1. */
  private findThen(): number {
    let i = this.pos;
    let level = 0;
    const limit = Math.min(this.text.length, this.pos + MAX_EXPRESSION);
    while (i < limit) {
      const c = this.text[i] as string;
      if (c === '"' || c === "'") {
        i = skipQuotedFrom(this.text, i);
        continue;
      }
      if (c === '#') {
        const end = this.text.indexOf('\n', i);
        i = end === -1 ? this.text.length : end;
        continue;
      }
      if (c === '(' || c === '[') level++;
      else if (c === ')' || c === ']') level = Math.max(0, level - 1);
      else if (level === 0 && (c === 't' || c === 'T') && /^then(?![A-Za-z0-9_])/i.test(this.text.slice(i, i + 5)) && !/[A-Za-z0-9_$.!\-]/.test(this.text[i - 1] ?? ' ')) return i;
      else if (c === '{' || c === '}') return -1;
      i++;
    }
    return -1;
  }

  /** `foreach (expr) do actions`: the loop body runs under a condition that is not evaluated. */
  private parseForeach(start: number): RsStatement[] | null {
    const at = this.at(start);
    this.skipTrivia();
    if (this.peek() !== '(') {
      this.problem('foreach without (...)');
      return null;
    }
    this.pos++;
    this.skipBalanced('(', ')');
    this.skipTrivia();
    if (!this.isWord('do')) {
      this.problem('foreach without do');
      return null;
    }
    this.pos += 2;
    const body = this.parseActionList();
    this.sink.statements++;
    return [{ kind: 'if', cond: opaqueCond(), text: 'foreach', then: body, else: [], at }];
  }

  /**
   * The actions after a filter: a `{ ... }` block, or actions joined by `&` (action(...), stop,
   * call, `~`, or a legacy action up to the end of its line).
   */
  private parseActionList(): RsStatement[] {
    const out: RsStatement[] = [];
    for (;;) {
      this.skipTrivia();
      if (this.peek() === '{') return [...out, ...this.parseBlock()];
      const one = this.parseOneAction();
      if (one === null) return out;
      out.push(...one);
      const save = this.pos;
      this.skipTrivia();
      if (this.peek() === '&') {
        this.pos++;
        continue;
      }
      this.pos = save;
      return out;
    }
  }

  private parseOneAction(): RsStatement[] | null {
    const start = this.pos;
    const at = this.at();
    if (this.eof() || this.peek() === '}' || (this.peek() === '$' && this.atLineStart())) {
      this.problem('a filter without an action');
      return null;
    }
    const word = this.peekWord();
    if (word !== null) {
      const lower = word.toLowerCase();
      const afterWord = this.pos + word.length;
      if (lower === 'action' && this.nextNonTriviaIs(afterWord, '(')) {
        this.pos = afterWord;
        this.skipTrivia();
        return [{ kind: 'action', obj: this.parseObject('action', start) }];
      }
      if (lower === 'if') {
        this.pos = afterWord;
        return this.parseIf(start) ?? [];
      }
      if (['stop', 'call', 'call_indirect', 'continue', 'set', 'unset', 'reset'].includes(lower) && !this.nextNonTriviaIs(afterWord, '(')) {
        return this.parseSimpleStatement(lower, afterWord, start) ?? [];
      }
    }
    if (this.peek() === '~') {
      this.pos++;
      return [{ kind: 'stop', at }];
    }
    const text = stripTrailingComment(this.restOfLine()).trim();
    if (text === '') {
      this.problem('a filter without an action');
      return null;
    }
    return [{ kind: 'legacy-action', text, at }];
  }

  // ---------------------------------------------------------------------------------------------
  // Objects

  /** `name(param="value" param=["a","b"] ...)`; the cursor is on `(`. */
  private parseObject(type: string, start: number): RsObject {
    const obj: RsObject = { type, params: new Map(), at: this.at(start) };
    this.pos++;
    for (;;) {
      this.skipTrivia();
      if (this.eof()) {
        this.problem(`${type}(...) is not closed`, start);
        return obj;
      }
      const c = this.peek();
      if (c === ')') {
        this.pos++;
        return obj;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      const name = this.matchSticky(PARAM_NAME);
      if (name === null) {
        this.problem(`unexpected character in ${type}(...)`);
        this.recoverInObject();
        if (this.peek() === ')') this.pos++;
        return obj;
      }
      const nameAt = this.at();
      this.pos += name.length;
      this.skipTrivia();
      if (this.peek() !== '=') {
        this.problem(`expected "=" after ${quoteShort(name, 40)} in ${type}(...)`);
        this.recoverInObject();
        if (this.peek() === ')') this.pos++;
        return obj;
      }
      this.pos++;
      this.skipTrivia();
      const value = this.parseValue(name);
      if (value === undefined) {
        this.recoverInObject();
        if (this.peek() === ')') this.pos++;
        return obj;
      }
      obj.params.set(name.toLowerCase(), { name, value, at: nameAt });
    }
  }

  /** Moves to the `)` that closes the current object (or the end of the text). */
  private recoverInObject(): void {
    while (!this.eof() && this.peek() !== ')') {
      const c = this.peek();
      if (c === '"' || c === "'") this.readQuoted();
      else if (c === '#') this.skipToEol();
      else this.pos++;
    }
  }

  /** A parameter value: a quoted string, an array of strings, a backtick command, or a bare word. */
  private parseValue(name: string): string | string[] | null | undefined {
    const c = this.peek();
    if (c === '"' || c === "'") return this.readQuoted();
    if (c === '`') {
      // The output of a shell command, which ztmm never runs: the value is unknown (null).
      const end = this.text.indexOf('`', this.pos + 1);
      this.pos = end === -1 ? this.text.length : end + 1;
      return null;
    }
    if (c === '[') {
      this.pos++;
      const items: string[] = [];
      for (;;) {
        this.skipTrivia();
        const d = this.peek();
        if (d === ']') {
          this.pos++;
          return items;
        }
        if (d === ',') {
          this.pos++;
          continue;
        }
        if (d === '"' || d === "'") items.push(this.readQuoted());
        else {
          this.problem(`expected a quoted string in the array of ${quoteShort(name, 40)}`);
          return undefined;
        }
      }
    }
    const bare = this.matchSticky(/[^\s()"'#,]+/y);
    if (bare === null) {
      this.problem(`expected a value for ${quoteShort(name, 40)}`);
      return undefined;
    }
    this.pos += bare.length;
    return bare;
  }

  /** A quoted string at the cursor (either quote), with backslash escapes; consumed. */
  private readQuoted(): string {
    const quote = this.peek();
    const start = this.pos;
    this.pos++;
    let out = '';
    while (!this.eof()) {
      const c = this.peek();
      if (c === '\\') {
        const next = this.peek(1);
        out += unescapeChar(next);
        this.pos += 2;
        continue;
      }
      if (c === quote) {
        this.pos++;
        return out;
      }
      out += c;
      this.pos++;
    }
    this.problem('unterminated string', start);
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Includes

  private resolveIncludeObject(obj: RsObject, start: number): RsStatement[] {
    const at = this.at(start);
    const file = obj.params.get('file');
    const text = obj.params.get('text');
    const mode = stringParam(obj.params.get('mode'))?.toLowerCase() ?? 'abort-if-missing';
    if (file !== undefined) {
      const pattern = stringParam(file);
      if (pattern === null) {
        this.sink.unknowns.push({ construct: 'include(file=...)', reason: 'the file name is not a plain string (a shell command or an array)', at });
        return [];
      }
      return this.sink.include(pattern, this.path, at, mode === 'optional');
    }
    if (text !== undefined) {
      const body = stringParam(text);
      if (body === null) {
        this.sink.unknowns.push({ construct: 'include(text=...)', reason: 'the text is the output of a shell command, which ztmm never runs', at });
        return [];
      }
      return this.sink.includeText(body, at);
    }
    this.problem('include() needs file= or text=', start);
    return [];
  }
}

/** The value of a parameter when it is a single string. */
export function stringParam(param: RsParam | undefined): string | null {
  if (param === undefined) return null;
  return typeof param.value === 'string' ? param.value : null;
}

/** Drops a `# comment` that follows a value (not inside quotes). */
export function stripTrailingComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || isBlank(line[i - 1] as string))) return line.slice(0, i);
  }
  return line;
}

function skipQuotedFrom(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return i;
}

/** A character of a traditional selector: `[,!=;.*a-z0-7]`, any case. */
function isSelectorChar(c: string): boolean {
  const code = c.charCodeAt(0) | 0x20;
  return (code >= 97 && code <= 122) || (c >= '0' && c <= '7') || c === ',' || c === '!' || c === '=' || c === ';' || c === '.' || c === '*';
}
