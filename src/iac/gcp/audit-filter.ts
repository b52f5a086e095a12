/**
 * Which Cloud Audit Logs a log sink exports, read off its filter and exclusions (the Logging
 * query language). The filter is parsed (terms, `AND` / juxtaposition, `OR`, `NOT` / `-`,
 * parentheses, value lists `field:("a" OR "b")`, functions) and evaluated, for each audit log
 * (`activity`, `data_access`, `system_event`, `policy`) and for the entries of every other log,
 * to one of:
 * - `all`: every entry of that log passes (an empty filter; `logName:"cloudaudit.googleapis.com"`;
 *   `log_id("cloudaudit.googleapis.com/activity")`; the `google.cloud.audit.AuditLog` payload type);
 * - `none`: no entry passes (a `logName` naming another log, or a negated audit term);
 * - `some`: a subset passes: a term on any other field (`resource.type`, `severity`,
 *   `protoPayload.methodName`, a bare word, `sample(...)`) narrows the entries, so a filter
 *   `logName:"cloudaudit.googleapis.com" AND resource.type="gcs_bucket"` is a partial export;
 * - `unknown`: something the reader does not understand (a regular expression on `logName`, an
 *   unknown function, a filter that does not parse): never read as an export.
 * `AND` keeps the weakest (none < unknown < some < all), `OR` the strongest, `NOT` swaps all and
 * none. Exclusions (not disabled) are applied as `AND NOT <exclusion>`.
 * A `logName` value without `/logs/` is taken to name the log id (`logName:"stdout"` names no audit
 * log); one with `projects/p/logs/...` must name the sink's own scope to select all its entries.
 */

export const AUDIT_LOGS = ['activity', 'data_access', 'policy', 'system_event'] as const;
export type AuditLog = (typeof AUDIT_LOGS)[number];
/** The audit logs, and `other`: every log whose id does not start with `cloudaudit.googleapis.com`. */
export type LogClass = AuditLog | 'other';
export type Coverage = 'all' | 'some' | 'none' | 'unknown';

const CLASSES: readonly LogClass[] = [...AUDIT_LOGS, 'other'];
const AUDIT_ID = 'cloudaudit.googleapis.com';
/** Cloud Logging accepts filters of at most 20,000 characters; longer input is not read. */
const MAX_LENGTH = 20_000;
const MAX_DEPTH = 64;

export interface FilterScope {
  /** `projects/p`, `organizations/1`, ...; null when not known. */
  name: string | null;
  /** A folder or organization sink that includes its children's entries. */
  children: boolean;
}

export interface FilterReading {
  coverage: Record<LogClass, Coverage>;
  /** Why some class is `unknown` (the first term not understood). */
  why: string | null;
}

/** The sink's export: `filter AND NOT exclusion1 AND NOT exclusion2 ...`. */
export function readSinkFilter(filter: string, exclusions: readonly string[] = [], scope: FilterScope = { name: null, children: false }): FilterReading {
  const parts: Node[] = [];
  const reasons: string[] = [];
  const parsed = parseFilter(filter);
  if (parsed.node === null) reasons.push(parsed.why ?? `the filter "${clip(filter)}" cannot be read`);
  else parts.push(parsed.node);
  for (const exclusion of exclusions) {
    if (exclusion.trim() === '') continue;
    const e = parseFilter(exclusion);
    if (e.node === null) reasons.push(e.why ?? `the exclusion filter "${clip(exclusion)}" cannot be read`);
    else parts.push({ kind: 'not', item: e.node });
  }
  const coverage = Object.create(null) as Record<LogClass, Coverage>;
  let why: string | null = reasons[0] ?? null;
  for (const c of CLASSES) {
    const values = parts.map((p) => evaluate(p, c, scope, 0));
    let result = and(values.map((v) => v.coverage));
    // A part that cannot be read is unknown unless another part already excludes the log.
    if (reasons.length > 0 && result !== 'none') result = 'unknown';
    coverage[c] = result;
    if (result === 'unknown' && why === null) why = values.find((v) => v.why !== null)?.why ?? null;
  }
  return { coverage, why };
}

/** The audit logs a filter exports in full (sorted); a convenience for tests and summaries. */
export function auditLogsOfFilter(filter: string, scope?: FilterScope): AuditLog[] {
  const { coverage } = readSinkFilter(filter, [], scope);
  return AUDIT_LOGS.filter((k) => coverage[k] === 'all');
}

// ---- parsing ----

type Node =
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'cmp'; field: string; op: string; values: string[]; text: string }
  | { kind: 'func'; name: string; args: string[]; text: string }
  | { kind: 'bare'; text: string };

type Token =
  | { t: '(' | ')' | ',' | 'AND' | 'OR' | 'NOT' | 'NEG' }
  | { t: 'OP'; v: string }
  | { t: 'STR'; v: string }
  | { t: 'WORD'; v: string }
  | { t: 'FUNC'; v: string };

const OPERATORS = ['!=', '<=', '>=', '=~', '!~', ':', '=', '<', '>'];

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c });
      i++;
      continue;
    }
    if (c === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i] as string;
        if (d === '\\') {
          value += text[i + 1] ?? '';
          i += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        value += d;
        i++;
      }
      if (!closed) return null;
      out.push({ t: 'STR', v: value });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      out.push({ t: 'OP', v: op });
      i += op.length;
      continue;
    }
    const previous = out[out.length - 1];
    if (c === '-' && previous?.t !== 'OP') {
      out.push({ t: 'NEG' });
      i++;
      continue;
    }
    let word = '';
    while (i < text.length && !/[\s()",:=<>!~]/.test(text[i] as string)) word += text[i++];
    if (word === '') return null; // a lone `!` or `~`
    if (word === 'AND' || word === 'OR' || word === 'NOT') out.push({ t: word });
    else if (text[i] === '(' && previous?.t !== 'OP') out.push({ t: 'FUNC', v: word });
    else out.push({ t: 'WORD', v: word });
  }
  return out;
}

interface Parsed {
  node: Node | null;
  why: string | null;
}

function parseFilter(filter: string): Parsed {
  const text = filter.trim();
  if (text === '') return { node: { kind: 'and', items: [] }, why: null };
  if (text.length > MAX_LENGTH) return { node: null, why: 'the filter is longer than Cloud Logging accepts' };
  const tokens = tokenize(text);
  if (tokens === null) return { node: null, why: `the filter "${clip(text)}" cannot be read (unbalanced quotes)` };
  const parser = new Parser(tokens);
  const node = parser.expression(0);
  if (node === null || !parser.done()) return { node: null, why: `the filter "${clip(text)}" cannot be read` };
  return { node, why: null };
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  expression(depth: number): Node | null {
    if (depth > MAX_DEPTH) return null;
    const items: Node[] = [];
    for (;;) {
      const item = this.conjunction(depth);
      if (item === null) return null;
      items.push(item);
      if (this.peek()?.t !== 'OR') break;
      this.at++;
    }
    return items.length === 1 ? (items[0] as Node) : { kind: 'or', items };
  }

  private conjunction(depth: number): Node | null {
    const items: Node[] = [];
    for (;;) {
      const next = this.peek();
      if (next === undefined || next.t === ')' || next.t === 'OR') break;
      if (next.t === 'AND') {
        if (items.length === 0) return null;
        this.at++;
        continue;
      }
      const item = this.unary(depth);
      if (item === null) return null;
      items.push(item);
    }
    if (items.length === 0) return null;
    return items.length === 1 ? (items[0] as Node) : { kind: 'and', items };
  }

  private unary(depth: number): Node | null {
    if (depth > MAX_DEPTH) return null;
    const next = this.peek();
    if (next?.t === 'NOT' || next?.t === 'NEG') {
      this.at++;
      const item = this.unary(depth + 1);
      return item === null ? null : { kind: 'not', item };
    }
    return this.primary(depth);
  }

  private primary(depth: number): Node | null {
    const next = this.peek();
    if (next === undefined) return null;
    if (next.t === '(') {
      this.at++;
      const inner = this.expression(depth + 1);
      if (inner === null || this.peek()?.t !== ')') return null;
      this.at++;
      return inner;
    }
    if (next.t === 'FUNC') {
      this.at++;
      if (this.peek()?.t !== '(') return null;
      this.at++;
      const args: string[] = [];
      for (;;) {
        const a = this.peek();
        if (a === undefined) return null;
        this.at++;
        if (a.t === ')') break;
        if (a.t === ',') continue;
        if (a.t === 'STR' || a.t === 'WORD') args.push(a.v);
        else if (a.t === 'OP') args.push(a.v);
        else return null;
      }
      return { kind: 'func', name: next.v, args, text: `${next.v}(${args.join(', ')})` };
    }
    if (next.t === 'STR') {
      this.at++;
      return { kind: 'bare', text: next.v };
    }
    if (next.t === 'WORD') {
      this.at++;
      const op = this.peek();
      if (op?.t !== 'OP') return { kind: 'bare', text: next.v };
      this.at++;
      const values = this.values(depth);
      if (values === null) return null;
      return { kind: 'cmp', field: next.v, op: op.v, values, text: `${next.v}${op.v}${values.length === 1 ? JSON.stringify(values[0]) : `(${values.map((v) => JSON.stringify(v)).join(' OR ')})`}` };
    }
    return null;
  }

  /** A comparison's value: a string or word, or `( v1 OR v2 ... )`. Null for anything else. */
  private values(depth: number): string[] | null {
    const next = this.peek();
    if (next === undefined) return null;
    if (next.t === 'STR' || next.t === 'WORD') {
      this.at++;
      return [next.v];
    }
    if (next.t === '(' && depth < MAX_DEPTH) {
      this.at++;
      const out: string[] = [];
      for (;;) {
        const v = this.peek();
        if (v === undefined) return null;
        this.at++;
        if (v.t === ')') break;
        if (v.t === 'OR') continue;
        if (v.t === 'STR' || v.t === 'WORD') out.push(v.v);
        else return null; // AND / NOT inside a value list: not read
      }
      return out.length > 0 ? out : null;
    }
    return null;
  }
}

// ---- evaluation ----

interface Result {
  coverage: Coverage;
  why: string | null;
}

const RANK: Record<Coverage, number> = { none: 0, unknown: 1, some: 2, all: 3 };

function and(values: Coverage[]): Coverage {
  let out: Coverage = 'all';
  for (const v of values) if (RANK[v] < RANK[out]) out = v;
  return out;
}

function or(values: Coverage[]): Coverage {
  let out: Coverage = 'none';
  for (const v of values) if (RANK[v] > RANK[out]) out = v;
  return out;
}

function not(value: Coverage): Coverage {
  return value === 'all' ? 'none' : value === 'none' ? 'all' : value;
}

function evaluate(node: Node, c: LogClass, scope: FilterScope, depth: number): Result {
  if (depth > MAX_DEPTH) return { coverage: 'unknown', why: 'the filter is nested too deeply' };
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.items.map((n) => evaluate(n, c, scope, depth + 1));
      const coverage = node.kind === 'and' ? and(parts.map((p) => p.coverage)) : or(parts.map((p) => p.coverage));
      return { coverage, why: coverage === 'unknown' ? parts.find((p) => p.coverage === 'unknown')?.why ?? null : null };
    }
    case 'not': {
      const inner = evaluate(node.item, c, scope, depth + 1);
      return { coverage: not(inner.coverage), why: inner.why };
    }
    case 'bare':
      // A global restriction searches every field: some entries match.
      return { coverage: 'some', why: null };
    case 'func':
      return functionTerm(node, c);
    case 'cmp':
      return comparison(node, c, scope);
  }
}

function functionTerm(node: Extract<Node, { kind: 'func' }>, c: LogClass): Result {
  const name = node.name.toLowerCase();
  if (name === 'log_id' && node.args.length === 1) {
    const id = decode(node.args[0] as string);
    if (c === 'other') return { coverage: id.startsWith(AUDIT_ID) ? 'none' : 'some', why: null };
    return { coverage: id === `${AUDIT_ID}/${c}` ? 'all' : 'none', why: null };
  }
  // sample() keeps a fraction of entries; source() and the others restrict by resource.
  if (name === 'sample' || name === 'source' || name === 'ip_in_net') return { coverage: 'some', why: null };
  return { coverage: 'unknown', why: `the filter term ${node.text} is not understood` };
}

function comparison(node: Extract<Node, { kind: 'cmp' }>, c: LogClass, scope: FilterScope): Result {
  const field = node.field.toLowerCase();
  const negate = node.op === '!=';
  const op = negate ? '=' : node.op;
  if (field === 'logname' || field === 'protopayload.@type') {
    if (op !== '=' && op !== ':') return { coverage: 'unknown', why: `the filter term ${node.text} is not understood` };
    const each = node.values.map((v) => (field === 'logname' ? logNameTerm(v, op, c, scope) : payloadTypeTerm(v, op, c)));
    // `!=` on a list is true when the field differs from every value.
    const coverage = negate ? and(each.map(not)) : or(each);
    return { coverage, why: coverage === 'unknown' ? `the filter term ${node.text} is not understood` : null };
  }
  // Any other field narrows the entries of every log.
  return { coverage: 'some', why: null };
}

/** `logName = v` or `logName : v` (substring) for one class of logs. */
function logNameTerm(raw: string, op: string, c: LogClass, scope: FilterScope): Coverage {
  const v = decode(raw);
  const cut = v.indexOf('/logs/');
  if (cut < 0) {
    if (op === '=') return 'unknown';
    // A substring without `/logs/`: taken to name (part of) the log id.
    if (/^(projects|organizations|folders|billingAccounts)\//.test(v)) return 'unknown';
    if (c === 'other') return v.toLowerCase().includes('cloudaudit') ? 'none' : 'some';
    return `logs/${AUDIT_ID}/${c}`.includes(v) ? 'all' : 'none';
  }
  const scopePart = v.slice(0, cut);
  const logPart = v.slice(cut + '/logs/'.length);
  let logMatch: Coverage;
  if (c === 'other') logMatch = logPart.startsWith(AUDIT_ID) ? 'none' : 'some';
  else {
    const id = `${AUDIT_ID}/${c}`;
    logMatch = (op === '=' ? id === logPart : id.startsWith(logPart)) ? 'all' : 'none';
  }
  if (logMatch === 'none') return 'none';
  return and([logMatch, scopeMatch(scopePart, op, scope)]);
}

/** Whether the scope written in a logName (`projects/p`) is the sink's own. */
function scopeMatch(written: string, op: string, scope: FilterScope): Coverage {
  if (op === ':' && written === '') return 'all';
  if (scope.name === null) return 'unknown';
  const same = op === '=' ? scope.name === written : scope.name.endsWith(written);
  if (!same) return 'some';
  // A folder or organization sink with children exports their entries too, named by their own scope.
  return scope.children ? 'some' : 'all';
}

/** `protoPayload.@type`: every audit entry has the AuditLog payload; other logs may too. */
function payloadTypeTerm(raw: string, op: string, c: LogClass): Coverage {
  const v = raw.toLowerCase();
  const type = 'type.googleapis.com/google.cloud.audit.auditlog';
  if (c === 'other') return 'some';
  return (op === '=' ? v === type : type.includes(v)) ? 'all' : 'none';
}

function decode(text: string): string {
  return text.trim().replace(/%2F/gi, '/');
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
