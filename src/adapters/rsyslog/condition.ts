/**
 * RainerScript `if` conditions, evaluated as far as they decide the syslog facility or severity:
 * `prifilt("auth,authpriv.*")`, `$syslogfacility-text == "auth"` (or an array of names),
 * `$syslogseverity <= 4`, and `and`/`or`/`not`/parentheses over them. Any other comparison (on the
 * message, the program name, a variable) is not evaluated: it may match anything, so routing keeps
 * every edge under it.
 */
import { andCond, exactCond, facilityCode, facilityMask, notCond, opaqueCond, orCond, parseSelector, severityCode, severityMask } from './syslog-mask.js';
import type { Cond } from './syslog-mask.js';

type Token = { kind: 'string'; value: string } | { kind: 'word'; value: string } | { kind: 'punct'; value: string };

class Unreadable extends Error {}

/** Conditions longer than this are not evaluated (they stay opaque). */
const MAX_TOKENS = 2000;
const MAX_NESTING = 100;

export function evaluateCondition(text: string): Cond {
  const tokens = tokenize(text);
  if (tokens === null || tokens.length === 0 || tokens.length > MAX_TOKENS) return opaqueCond();
  try {
    const parser = new CondParser(tokens);
    const cond = parser.parseOr(0);
    if (!parser.done()) return opaqueCond();
    return cond;
  } catch (error) {
    if (error instanceof Unreadable) return opaqueCond();
    throw error;
  }
}

const OPERATOR = /==|!=|<>|<=|>=|[()[\],<>&+\-*/%!]/y;
const WORD = /\$?[!./]?[A-Za-z0-9_][A-Za-z0-9_.!\-/]*|\$[!./]/y;

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || /\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\') j++;
        value += text[j] ?? '';
      }
      if (j >= text.length) return null;
      out.push({ kind: 'string', value });
      i = j + 1;
      continue;
    }
    OPERATOR.lastIndex = i;
    const op = OPERATOR.exec(text);
    if (op && !(c === '$' || /[A-Za-z0-9_]/.test(c))) {
      out.push({ kind: 'punct', value: op[0] });
      i += op[0].length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (!word) return null;
    out.push({ kind: 'word', value: word[0] });
    i += word[0].length;
  }
  return out;
}

class CondParser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'word' && t.value.toLowerCase() === word;
  }

  parseOr(depth: number): Cond {
    let left = this.parseAnd(depth);
    while (this.isKeyword('or')) {
      this.i++;
      left = orCond(left, this.parseAnd(depth));
    }
    return left;
  }

  private parseAnd(depth: number): Cond {
    let left = this.parseNot(depth);
    while (this.isKeyword('and')) {
      this.i++;
      left = andCond(left, this.parseNot(depth));
    }
    return left;
  }

  private parseNot(depth: number): Cond {
    if (depth > MAX_NESTING) throw new Unreadable();
    if (this.isKeyword('not')) {
      this.i++;
      return notCond(this.parseNot(depth + 1));
    }
    const t = this.peek();
    if (t !== undefined && t.kind === 'punct' && t.value === '(') {
      this.i++;
      const inner = this.parseOr(depth + 1);
      const close = this.peek();
      if (close === undefined || close.kind !== 'punct' || close.value !== ')') throw new Unreadable();
      this.i++;
      return inner;
    }
    return evaluateUnit(this.readUnit());
  }

  /** The tokens of one comparison or call, up to `and`, `or`, an unbalanced `)` or the end. */
  private readUnit(): Token[] {
    const unit: Token[] = [];
    let level = 0;
    for (;;) {
      const t = this.peek();
      if (t === undefined) break;
      if (level === 0 && t.kind === 'word' && (t.value.toLowerCase() === 'and' || t.value.toLowerCase() === 'or')) break;
      if (t.kind === 'punct' && (t.value === '(' || t.value === '[')) level++;
      if (t.kind === 'punct' && (t.value === ')' || t.value === ']')) {
        if (level === 0) break;
        level--;
      }
      unit.push(t);
      this.i++;
    }
    if (unit.length === 0) throw new Unreadable();
    return unit;
  }
}

const FACILITY_VARS = new Set(['$syslogfacility-text', '$syslogfacility']);
const SEVERITY_VARS = new Set(['$syslogseverity-text', '$syslogseverity', '$syslogpriority-text', '$syslogpriority']);

function evaluateUnit(unit: readonly Token[]): Cond {
  const [first, second, third, fourth] = unit;
  // prifilt("selector")
  if (unit.length === 4 && first?.kind === 'word' && first.value.toLowerCase() === 'prifilt' && second?.value === '(' && third?.kind === 'string' && fourth?.value === ')') {
    const { mask, error } = parseSelector(third.value);
    return error === null ? exactCond(mask) : opaqueCond();
  }
  if (unit.length < 3 || first?.kind !== 'word' || second?.kind !== 'punct') return opaqueCond();
  const variable = first.value.toLowerCase();
  const values = literalValues(unit.slice(2));
  if (values === null) return opaqueCond();
  if (FACILITY_VARS.has(variable)) return facilityComparison(second.value, values);
  if (SEVERITY_VARS.has(variable)) return severityComparison(second.value, values);
  return opaqueCond();
}

/** A string, a number, or an array of them; null for anything else. */
function literalValues(tokens: readonly Token[]): string[] | null {
  if (tokens.length === 1) {
    const t = tokens[0] as Token;
    return t.kind === 'string' || (t.kind === 'word' && /^\d+$/.test(t.value)) ? [t.value] : null;
  }
  if (tokens[0]?.value !== '[' || tokens[tokens.length - 1]?.value !== ']') return null;
  const out: string[] = [];
  for (const t of tokens.slice(1, -1)) {
    if (t.kind === 'punct' && t.value === ',') continue;
    if (t.kind === 'string' || (t.kind === 'word' && /^\d+$/.test(t.value))) out.push(t.value);
    else return null;
  }
  return out;
}

function facilityComparison(op: string, values: readonly string[]): Cond {
  const codes: number[] = [];
  for (const value of values) {
    const code = facilityCode(value);
    if (code === undefined) return opaqueCond();
    codes.push(code);
  }
  const mask = facilityMask(codes);
  if (op === '==') return exactCond(mask);
  if (op === '!=' || op === '<>') return notCond(exactCond(mask));
  return opaqueCond();
}

function severityComparison(op: string, values: readonly string[]): Cond {
  const codes: number[] = [];
  for (const value of values) {
    const code = severityCode(value);
    if (code === undefined) return opaqueCond();
    codes.push(code);
  }
  if (op === '==' || op === '!=' || op === '<>') {
    const bits = codes.reduce((acc, code) => acc | (1 << code), 0);
    const cond = exactCond(severityMask(bits));
    return op === '==' ? cond : notCond(cond);
  }
  if (codes.length !== 1) return opaqueCond();
  const code = codes[0] as number;
  let bits = 0;
  for (let s = 0; s < 8; s++) {
    if ((op === '<' && s < code) || (op === '<=' && s <= code) || (op === '>' && s > code) || (op === '>=' && s >= code)) bits |= 1 << s;
  }
  return op === '<' || op === '<=' || op === '>' || op === '>=' ? exactCond(severityMask(bits)) : opaqueCond();
}
