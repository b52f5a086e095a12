/**
 * The HCL expression and template language, parsed into a small syntax tree. Terraform JSON
 * syntax (what `@cdktf/hcl2json` gives for a `.tf` file, and what a `.tf.json` file is) writes
 * every expression as a string template (`"x-${local.name}"`), so the evaluator parses those
 * strings here. The parser is synchronous (the evaluator is), never throws and bounds nesting.
 */

export type Expr =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'tpl'; parts: TplPart[] }
  | { k: 'name'; name: string }
  | { k: 'attr'; obj: Expr; name: string }
  | { k: 'index'; obj: Expr; key: Expr }
  /** `obj[*].each` (full) or `obj.*.each` (attribute-only): `each` is applied to every element, written against `anon`. */
  | { k: 'splat'; obj: Expr; each: Expr }
  | { k: 'anon' }
  | { k: 'call'; name: string; args: Expr[]; expand: boolean }
  | { k: 'tuple'; items: Expr[] }
  | { k: 'object'; items: { key: Expr; value: Expr }[] }
  | { k: 'unary'; op: '!' | '-'; operand: Expr }
  | { k: 'binary'; op: string; left: Expr; right: Expr }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr }
  | { k: 'for'; keyVar: string | null; valVar: string; coll: Expr; key: Expr | null; value: Expr; cond: Expr | null; group: boolean };

export type TplPart =
  | { t: 'text'; text: string }
  | { t: 'interp'; expr: Expr }
  | { t: 'if'; test: Expr; then: TplPart[]; else: TplPart[] }
  | { t: 'for'; keyVar: string | null; valVar: string; coll: Expr; body: TplPart[] };

export class ParseError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Expressions nested deeper than this are refused (the parser and the evaluator recurse). */
export const MAX_EXPRESSION_DEPTH = 100;
/** Longer templates are not parsed. */
export const MAX_EXPRESSION_CHARS = 256 * 1024;

/** Parses a string of Terraform JSON syntax as a template: literal text with `${}` and `%{}`. */
export function parseTemplate(text: string): Expr | ParseError {
  if (text.length > MAX_EXPRESSION_CHARS) return new ParseError('expression too long', 0);
  try {
    const p = new Parser(text);
    const parts = p.templateParts('end');
    if (p.i < text.length) return new ParseError('unexpected template directive', p.i);
    return simplifyTemplate(parts);
  } catch (error) {
    if (error instanceof ParseError) return error;
    return new ParseError(error instanceof RangeError ? 'expression nested too deep' : 'cannot parse expression', 0);
  }
}

/** Parses a bare expression (`var.x ? 1 : 0`). */
export function parseExpression(text: string): Expr | ParseError {
  if (text.length > MAX_EXPRESSION_CHARS) return new ParseError('expression too long', 0);
  try {
    const p = new Parser(text);
    const expr = p.expression();
    p.space();
    if (p.i < text.length) return new ParseError(`unexpected ${JSON.stringify(text[p.i])}`, p.i);
    return expr;
  } catch (error) {
    if (error instanceof ParseError) return error;
    return new ParseError(error instanceof RangeError ? 'expression nested too deep' : 'cannot parse expression', 0);
  }
}

/** A template that is one interpolation alone is that expression's value (not converted to a string). */
function simplifyTemplate(parts: TplPart[]): Expr {
  if (parts.length === 0) return { k: 'lit', v: '' };
  const only = parts[0];
  if (parts.length === 1 && only?.t === 'interp') return only.expr;
  if (parts.length === 1 && only?.t === 'text') return { k: 'lit', v: only.text };
  return { k: 'tpl', parts };
}

const BINARY_LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];

function isIdStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}
function isIdChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_-]/.test(c);
}

class Parser {
  i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  private fail(message: string): never {
    throw new ParseError(message, this.i);
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_EXPRESSION_DEPTH) this.fail('expression nested too deep');
  }

  private leave(): void {
    this.depth -= 1;
  }

  /** Skips white space, newlines and comments. */
  space(): void {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i += 1;
      else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        while (this.i < s.length && s[this.i] !== '\n') this.i += 1;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        this.i = end === -1 ? s.length : end + 2;
      } else return;
    }
  }

  private peek(text: string): boolean {
    return this.s.startsWith(text, this.i);
  }

  private eat(text: string): boolean {
    this.space();
    if (this.peek(text)) {
      this.i += text.length;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    if (!this.eat(text)) this.fail(`expected ${JSON.stringify(text)}`);
  }

  private ident(): string | null {
    this.space();
    if (!isIdStart(this.s[this.i])) return null;
    const start = this.i;
    while (isIdChar(this.s[this.i])) this.i += 1;
    return this.s.slice(start, this.i);
  }

  /** A keyword (`for`, `in`, `if`) followed by a non-identifier character. */
  private keyword(word: string): boolean {
    this.space();
    if (this.peek(word) && !isIdChar(this.s[this.i + word.length])) {
      this.i += word.length;
      return true;
    }
    return false;
  }

  expression(): Expr {
    this.enter();
    const test = this.binary(0);
    let out = test;
    if (this.eat('?')) {
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      out = { k: 'cond', test, then, else: otherwise };
    }
    this.leave();
    return out;
  }

  private binary(level: number): Expr {
    const ops = BINARY_LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.space();
      // `<<` starts a heredoc, `=>` belongs to a for expression: neither is an operator.
      const op = ops.find((o) => this.peek(o) && !(o === '<' && this.peek('<<')));
      if (!op) return left;
      this.i += op.length;
      const right = this.binary(level + 1);
      left = { k: 'binary', op, left, right };
    }
  }

  private unary(): Expr {
    this.space();
    const c = this.s[this.i];
    if (c === '!' || c === '-') {
      this.i += 1;
      this.enter();
      const operand = this.unary();
      this.leave();
      return { k: 'unary', op: c === '!' ? '!' : '-', operand };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let expr = base;
    for (;;) {
      this.space();
      if (this.peek('[*]') || this.peek('.*')) {
        const full = this.peek('[*]');
        this.i += full ? 3 : 2;
        let each: Expr = { k: 'anon' };
        // The traversal after a splat applies to each element: `.name` always, `[i]` for a full splat.
        for (;;) {
          this.space();
          if (this.s[this.i] === '.' && this.s[this.i + 1] !== '*') {
            this.i += 1;
            each = this.getAttr(each);
          } else if (full && this.s[this.i] === '[' && !this.peek('[*]')) {
            this.i += 1;
            this.enter();
            const key = this.expression();
            this.leave();
            this.expect(']');
            each = { k: 'index', obj: each, key };
          } else break;
        }
        expr = { k: 'splat', obj: expr, each };
      } else if (this.s[this.i] === '.') {
        this.i += 1;
        expr = this.getAttr(expr);
      } else if (this.s[this.i] === '[') {
        this.i += 1;
        this.enter();
        const key = this.expression();
        this.leave();
        this.expect(']');
        expr = { k: 'index', obj: expr, key };
      } else return expr;
    }
  }

  /** After a `.`: a name, or a legacy numeric index (`list.0`). */
  private getAttr(obj: Expr): Expr {
    this.space();
    const digits = /^[0-9]+/.exec(this.s.slice(this.i, this.i + 20));
    if (digits) {
      this.i += digits[0].length;
      return { k: 'index', obj, key: { k: 'lit', v: Number(digits[0]) } };
    }
    const name = this.ident();
    if (name === null) this.fail('expected an attribute name');
    return { k: 'attr', obj, name };
  }

  private primary(): Expr {
    this.space();
    const s = this.s;
    const c = s[this.i];
    if (c === undefined) this.fail('unexpected end of expression');
    if (c === '(') {
      this.i += 1;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (c === '"') {
      this.i += 1;
      this.enter();
      const parts = this.templateParts('quote');
      this.leave();
      if (s[this.i] !== '"') this.fail('unterminated string');
      this.i += 1;
      return simplifyTemplate(parts);
    }
    if (c === '<' && s[this.i + 1] === '<') return this.heredoc();
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[this.i + 1] ?? ''))) return this.number();
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    const name = this.ident();
    if (name === null) this.fail(`unexpected ${JSON.stringify(c)}`);
    if (name === 'true') return { k: 'lit', v: true };
    if (name === 'false') return { k: 'lit', v: false };
    if (name === 'null') return { k: 'lit', v: null };
    this.space();
    // Provider-defined functions (`provider::aws::arn_parse`) are read as a call to an unknown name.
    let fname = name;
    while (this.peek('::')) {
      this.i += 2;
      const more = this.ident();
      if (more === null) this.fail('expected a function name');
      fname += `::${more}`;
      this.space();
    }
    if (s[this.i] === '(') {
      this.i += 1;
      this.enter();
      const args: Expr[] = [];
      let expand = false;
      while (!this.eat(')')) {
        args.push(this.expression());
        if (this.eat('...')) expand = true;
        if (this.eat(',')) continue;
        this.expect(')');
        break;
      }
      this.leave();
      return { k: 'call', name: fname, args, expand };
    }
    if (fname !== name) this.fail('expected "(" after a function name');
    return { k: 'name', name };
  }

  private number(): Expr {
    const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|^[0-9]+/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) this.fail('bad number');
    this.i += m[0].length;
    return { k: 'lit', v: Number(m[0]) };
  }

  private tuple(): Expr {
    this.i += 1;
    this.enter();
    if (this.keyword('for')) {
      const out = this.forRest(false);
      this.leave();
      return out;
    }
    const items: Expr[] = [];
    while (!this.eat(']')) {
      items.push(this.expression());
      if (this.eat(',')) continue;
      this.expect(']');
      break;
    }
    this.leave();
    return { k: 'tuple', items };
  }

  private object(): Expr {
    this.i += 1;
    this.enter();
    if (this.keyword('for')) {
      const out = this.forRest(true);
      this.leave();
      return out;
    }
    const items: { key: Expr; value: Expr }[] = [];
    while (!this.eat('}')) {
      const key = this.objectKey();
      this.space();
      if (!this.eat('=') && !this.eat(':')) this.fail('expected "=" in an object');
      const value = this.expression();
      items.push({ key, value });
      this.eat(',');
    }
    this.leave();
    return { k: 'object', items };
  }

  /** A bare name is a literal key; anything else is an expression (`(var.k)`, `"a-${x}"`). */
  private objectKey(): Expr {
    this.space();
    const start = this.i;
    const name = this.ident();
    if (name !== null) {
      this.space();
      if (this.peek('=') || this.peek(':')) return { k: 'lit', v: name };
      this.i = start;
    }
    return this.expression();
  }

  /** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}` after `for`. */
  private forRest(object: boolean): Expr {
    const first = this.ident();
    if (first === null) this.fail('expected a variable after "for"');
    let keyVar: string | null = null;
    let valVar = first;
    if (this.eat(',')) {
      const second = this.ident();
      if (second === null) this.fail('expected a variable after ","');
      keyVar = first;
      valVar = second;
    }
    if (!this.keyword('in')) this.fail('expected "in"');
    const coll = this.expression();
    this.expect(':');
    let key: Expr | null = null;
    let value = this.expression();
    let group = false;
    if (object) {
      this.expect('=>');
      key = value;
      value = this.expression();
      if (this.eat('...')) group = true;
    }
    let cond: Expr | null = null;
    if (this.keyword('if')) cond = this.expression();
    this.expect(object ? '}' : ']');
    return { k: 'for', keyVar, valVar, coll, key, value, cond, group };
  }

  private heredoc(): Expr {
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.s.slice(this.i, this.i + 300));
    if (!m) this.fail('bad heredoc');
    const strip = m[1] === '-';
    const marker = m[2] ?? '';
    this.i += m[0].length;
    const start = this.i;
    const lines: string[] = [];
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated heredoc');
      let end = this.s.indexOf('\n', this.i);
      if (end === -1) end = this.s.length;
      const line = this.s.slice(this.i, end);
      this.i = Math.min(end + 1, this.s.length);
      if (line.trim() === marker) break;
      lines.push(line);
    }
    void start;
    let body = lines;
    if (strip) {
      const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
      const cut = indents.length > 0 ? Math.min(...indents) : 0;
      body = lines.map((l) => l.slice(cut));
    }
    const text = body.map((l) => `${l}\n`).join('');
    const inner = new Parser(text);
    inner.depth = this.depth;
    const parts = inner.templateParts('end');
    if (inner.i < text.length) this.fail('bad heredoc template');
    return simplifyTemplate(parts);
  }

  /**
   * Template parts up to the end of the text, a closing quote (`quote`), or a directive keyword
   * that closes the enclosing directive (`%{ else }`, `%{ endif }`, `%{ endfor }`).
   */
  templateParts(until: 'end' | 'quote'): TplPart[] {
    const s = this.s;
    const parts: TplPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') parts.push({ t: 'text', text });
      text = '';
    };
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (until === 'quote' && c === '"') break;
      if (until === 'quote' && c === '\n') this.fail('unterminated string');
      if (until === 'quote' && c === '\\') {
        text += this.escape();
        continue;
      }
      if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') {
        text += `${c}{`;
        this.i += 3;
        continue;
      }
      if (c === '$' && s[this.i + 1] === '{') {
        this.i += 2;
        if (s[this.i] === '~') {
          this.i += 1;
          text = text.replace(/\s+$/, '');
        }
        flush();
        const expr = this.expression();
        this.space();
        if (s[this.i] === '~') {
          this.i += 1;
          this.stripNext = true;
        }
        if (s[this.i] !== '}') this.fail('expected "}" after an interpolation');
        this.i += 1;
        parts.push({ t: 'interp', expr });
        this.afterMarker();
        continue;
      }
      if (c === '%' && s[this.i + 1] === '{') {
        const save = this.i;
        const word = this.directiveWord();
        if (word === 'else' || word === 'endif' || word === 'endfor') {
          this.i = save;
          break;
        }
        if (text !== '' && this.stripPrev) text = text.replace(/\s+$/, '');
        flush();
        parts.push(this.directive(word, until));
        continue;
      }
      text += c;
      this.i += 1;
      if (this.stripNext) {
        if (/\s/.test(c)) text = '';
        else this.stripNext = false;
      }
    }
    flush();
    return parts;
  }

  private stripNext = false;
  private stripPrev = false;

  private afterMarker(): void {
    if (!this.stripNext) return;
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i += 1;
    this.stripNext = false;
  }

  /** Reads `%{ word` (and a leading `~`), leaving `i` after the word. */
  private directiveWord(): string {
    this.i += 2;
    this.stripPrev = false;
    if (this.s[this.i] === '~') {
      this.i += 1;
      this.stripPrev = true;
    }
    return this.ident() ?? '';
  }

  private closeDirective(): void {
    this.space();
    if (this.s[this.i] === '~') {
      this.i += 1;
      this.stripNext = true;
    }
    if (this.s[this.i] !== '}') this.fail('expected "}" after a template directive');
    this.i += 1;
    this.afterMarker();
  }

  private endWord(expected: string): void {
    const word = this.directiveWord();
    if (word !== expected) this.fail(`expected %{ ${expected} }`);
    this.closeDirective();
  }

  private directive(word: string, until: 'end' | 'quote'): TplPart {
    this.enter();
    if (word === 'if') {
      const test = this.expression();
      this.closeDirective();
      const then = this.templateParts(until);
      let otherwise: TplPart[] = [];
      const save = this.i;
      const next = this.s.startsWith('%{', this.i) ? this.directiveWord() : '';
      if (next === 'else') {
        this.closeDirective();
        otherwise = this.templateParts(until);
        this.endWord('endif');
      } else if (next === 'endif') this.closeDirective();
      else {
        this.i = save;
        this.fail('expected %{ endif }');
      }
      this.leave();
      return { t: 'if', test, then, else: otherwise };
    }
    if (word === 'for') {
      const first = this.ident();
      if (first === null) this.fail('expected a variable after "for"');
      let keyVar: string | null = null;
      let valVar = first;
      if (this.eat(',')) {
        const second = this.ident();
        if (second === null) this.fail('expected a variable');
        keyVar = first;
        valVar = second;
      }
      if (!this.keyword('in')) this.fail('expected "in"');
      const coll = this.expression();
      this.closeDirective();
      const body = this.templateParts(until);
      this.endWord('endfor');
      this.leave();
      return { t: 'for', keyVar, valVar, coll, body };
    }
    this.fail(`unknown template directive ${JSON.stringify(word)}`);
  }

  /** A backslash escape in a quoted string. */
  private escape(): string {
    const s = this.s;
    const c = s[this.i + 1];
    this.i += 2;
    switch (c) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U': {
        const len = c === 'u' ? 4 : 8;
        const hex = s.slice(this.i, this.i + len);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== len) this.fail('bad unicode escape');
        this.i += len;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) this.fail('bad unicode escape');
        return String.fromCodePoint(code);
      }
      default:
        this.fail('bad escape in a string');
    }
  }
}
