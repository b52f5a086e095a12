/**
 * Evaluates parsed HCL expressions against a module instance's scope. What cannot be known
 * statically (a variable without a value, a computed attribute, an unknown function) is an
 * `Unresolved` carrying the reason and the addresses referred to; what Terraform would reject is
 * a `Failure`. Work is bounded by a shared step budget and by depth.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { IacValue } from '../../model/cloud.js';
import { ParseError, parseTemplate } from './expression.js';
import type { Expr, TplPart } from './expression.js';
import { MAX_COLLECTION, MAX_STRING, callFunction } from './functions.js';
import { EXHAUSTED, Failure, combine, data, entityOf, equal, hasOwn, isVObject, put, short, toBool, toNumber, toText, withRefs } from './value.js';
import type { V, VObject } from './value.js';

export interface Budget {
  /** Steps left; evaluation gives Unresolved once it reaches zero. */
  steps: number;
  /** Value nodes left to copy (`data`, `finish`): copying is the work steps do not count. */
  nodes: number;
  /** Parsed templates by their text (each string is parsed once per evaluation). */
  parsed: Map<string, Expr | ParseError>;
}

export function newBudget(steps = 2_000_000, nodes = 20_000_000): Budget {
  return { steps, nodes, parsed: new Map() };
}

export interface Scope {
  /** A name at the root of a traversal: `var`, `local`, `module`, `data`, `path`, `count`, `each`, a resource type. */
  root(name: string): V;
  budget: Budget;
}

/** Names bound by `for` expressions, template `for` directives and dynamic block iterators. */
export type Bindings = ReadonlyMap<string, V>;

const NO_BINDINGS: Bindings = new Map();
const MAX_DEPTH = 200;

export function parseCached(text: string, budget: Budget): Expr | ParseError {
  let parsed = budget.parsed.get(text);
  if (parsed === undefined) {
    parsed = parseTemplate(text);
    if (budget.parsed.size < 200_000) budget.parsed.set(text, parsed);
  }
  return parsed;
}

/** A string of Terraform JSON syntax (a template) evaluated. */
export function evalString(text: string, scope: Scope, bindings: Bindings = NO_BINDINGS): V {
  if (!text.includes('${') && !text.includes('%{')) return text;
  const parsed = parseCached(text, scope.budget);
  if (parsed instanceof ParseError) return new Unresolved(`expression not understood: ${parsed.message}`);
  return evalExpr(parsed, scope, bindings, 0);
}

/** A value of Terraform JSON syntax (an attribute's value) evaluated: strings are templates. */
export function evalJson(raw: unknown, scope: Scope, bindings: Bindings = NO_BINDINGS, depth = 0): V {
  if (depth > MAX_DEPTH) return new Failure('value nested too deep');
  if (typeof raw === 'string') return evalString(raw, scope, bindings);
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return raw;
  if (Array.isArray(raw)) return raw.map((item) => evalJson(item, scope, bindings, depth + 1));
  if (typeof raw === 'object') {
    const out: VObject = {};
    for (const key of Object.keys(raw)) {
      const k = key.includes('${') ? data(evalString(key, scope, bindings), scope.budget) : evalString(key, scope, bindings);
      if (typeof k !== 'string') return isUnresolved(k) ? k : new Failure(`object key is not a string: ${short(k)}`);
      put(out, k, evalJson((raw as Record<string, unknown>)[key], scope, bindings, depth + 1));
    }
    return out;
  }
  return null;
}

export function evalExpr(expr: Expr, scope: Scope, bindings: Bindings, depth: number): V {
  scope.budget.steps -= 1;
  if (scope.budget.steps <= 0) return new Unresolved(EXHAUSTED);
  if (depth > MAX_DEPTH) return new Failure('expression nested too deep');
  const d = depth + 1;
  switch (expr.k) {
    case 'lit':
      return expr.v;
    case 'tpl':
      return template(expr.parts, scope, bindings, d);
    case 'name': {
      const bound = bindings.get(expr.name);
      if (bound !== undefined) return bound;
      return scope.root(expr.name);
    }
    case 'anon':
      return bindings.get('\u0000anon') ?? new Failure('splat outside a splat');
    case 'attr':
      return getAttr(evalExpr(expr.obj, scope, bindings, d), expr.name);
    case 'index': {
      const key = data(evalExpr(expr.key, scope, bindings, d), scope.budget);
      return getIndex(evalExpr(expr.obj, scope, bindings, d), key);
    }
    case 'splat':
      return splat(expr, scope, bindings, d);
    case 'call':
      return call(expr, scope, bindings, d);
    case 'tuple': {
      if (expr.items.length > MAX_COLLECTION) return new Failure('list too long');
      return expr.items.map((item) => evalExpr(item, scope, bindings, d));
    }
    case 'object': {
      const out: VObject = {};
      const unknownKeys: Unresolved[] = [];
      for (const item of expr.items) {
        const key = data(evalExpr(item.key, scope, bindings, d), scope.budget);
        const k = toText(key);
        if (isUnresolved(k)) unknownKeys.push(k);
        else put(out, k, evalExpr(item.value, scope, bindings, d));
      }
      return unknownKeys.length > 0 ? combine(unknownKeys) : out;
    }
    case 'unary': {
      const v = data(evalExpr(expr.operand, scope, bindings, d), scope.budget);
      if (expr.op === '!') {
        const b = toBool(v);
        return isUnresolved(b) ? b : !b;
      }
      const n = toNumber(v);
      return isUnresolved(n) ? n : -n;
    }
    case 'binary':
      return binary(expr.op, data(evalExpr(expr.left, scope, bindings, d), scope.budget), data(evalExpr(expr.right, scope, bindings, d), scope.budget));
    case 'cond': {
      const test = toBool(data(evalExpr(expr.test, scope, bindings, d), scope.budget));
      if (isUnresolved(test)) return test;
      return evalExpr(test ? expr.then : expr.else, scope, bindings, d);
    }
    case 'for':
      return forExpr(expr, scope, bindings, d);
  }
}

export function getAttr(target: V, name: string): V {
  const entity = entityOf(target);
  if (entity) return entity.attr(name);
  if (isUnresolved(target)) return target;
  if (isVObject(target)) return hasOwn(target, name) ? (target[name] as V) : new Failure(`no attribute ${JSON.stringify(name)}`);
  if (target === null) return new Failure(`attribute ${JSON.stringify(name)} of null`);
  return new Failure(`attribute ${JSON.stringify(name)} of a ${Array.isArray(target) ? 'list' : typeof target}`);
}

export function getIndex(target: V, key: IacValue): V {
  const entity = entityOf(target);
  if (isUnresolved(key)) {
    if (entity) return withRefs(key, entity.refs);
    return key;
  }
  if (entity) {
    if (entity.index) return entity.index(key);
    if (entity.members) return getIndex(entity.members(), key);
    return new Unresolved(`computed: ${entity.label}`, entity.refs);
  }
  if (isUnresolved(target)) return target;
  if (Array.isArray(target)) {
    const n = toNumber(key);
    if (isUnresolved(n)) return n;
    if (!Number.isInteger(n) || n < 0 || n >= target.length) return new Failure(`index ${n} out of range`);
    return target[n] as V;
  }
  if (isVObject(target)) {
    const k = toText(key);
    if (isUnresolved(k)) return k;
    return hasOwn(target, k) ? (target[k] as V) : new Failure(`no key ${JSON.stringify(k)}`);
  }
  return new Failure(`cannot index ${target === null ? 'null' : typeof target}`);
}

function splat(expr: Extract<Expr, { k: 'splat' }>, scope: Scope, bindings: Bindings, depth: number): V {
  let source = evalExpr(expr.obj, scope, bindings, depth);
  const entity = entityOf(source);
  if (entity) {
    if (entity.members) source = entity.members();
    else source = [entity];
  }
  if (isUnresolved(source)) return source;
  if (source === null) return [];
  const items: V[] = Array.isArray(source) ? source : [source];
  if (items.length > MAX_COLLECTION) return new Failure('list too long');
  return items.map((item) => {
    const inner = new Map(bindings);
    inner.set('\u0000anon', item);
    return evalExpr(expr.each, scope, inner, depth);
  });
}

function call(expr: Extract<Expr, { k: 'call' }>, scope: Scope, bindings: Bindings, depth: number): V {
  if (expr.name === 'try') {
    let last: V = new Failure('try: no argument succeeded');
    for (const arg of expr.args) {
      const v = evalExpr(arg, scope, bindings, depth);
      const flat = data(v, scope.budget);
      if (!(flat instanceof Failure) && !hasFailure(flat)) return v;
      last = v;
    }
    return last instanceof Failure ? new Failure('try: no argument succeeded', last.refs) : last;
  }
  if (expr.name === 'can') {
    const v = data(evalExpr(expr.args[0] ?? { k: 'lit', v: null }, scope, bindings, depth), scope.budget);
    if (v instanceof Failure || hasFailure(v)) return false;
    if (isUnresolved(v)) return v;
    return true;
  }
  let args = expr.args.map((arg) => data(evalExpr(arg, scope, bindings, depth), scope.budget));
  if (expr.expand) {
    const last = args[args.length - 1];
    if (isUnresolved(last)) return last;
    if (!Array.isArray(last)) return new Failure('expanded argument is not a list');
    args = [...args.slice(0, -1), ...last];
  }
  // A Failure inside an argument (not just at its top) is still an error of the call.
  const failed = args.find((a) => a instanceof Failure);
  if (failed) return failed;
  return callFunction(expr.name, args);
}

function hasFailure(v: IacValue, depth = 0): boolean {
  if (v instanceof Failure) return true;
  if (depth > 32) return false;
  if (Array.isArray(v)) return v.some((x) => hasFailure(x, depth + 1));
  if (typeof v === 'object' && v !== null && !isUnresolved(v)) return Object.keys(v).some((k) => hasFailure(v[k] as IacValue, depth + 1));
  return false;
}

function binary(op: string, left: IacValue, right: IacValue): V {
  switch (op) {
    case '==':
    case '!=': {
      const same = equal(left, right);
      if (isUnresolved(same)) return same;
      return op === '==' ? same : !same;
    }
    case '&&':
    case '||': {
      const [a, b] = [toBool(left), toBool(right)];
      // A known side decides when it is false for && (true for ||), even if the other is unknown.
      const decisive = op === '||';
      if (a === decisive || b === decisive) return decisive;
      if (isUnresolved(a)) return isUnresolved(b) ? combine([a, b]) : a;
      if (isUnresolved(b)) return b;
      return !decisive;
    }
    default: {
      const [a, b] = [toNumber(left), toNumber(right)];
      if (isUnresolved(a) || isUnresolved(b)) return combine([a, b].filter(isUnresolved));
      switch (op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? new Failure('division by zero') : a / b;
        case '%':
          return b === 0 ? new Failure('division by zero') : a % b;
        case '<':
          return a < b;
        case '>':
          return a > b;
        case '<=':
          return a <= b;
        case '>=':
          return a >= b;
        default:
          return new Failure(`unknown operator ${op}`);
      }
    }
  }
}

/** The elements of a collection to iterate: [key, value] pairs (index for lists, sorted keys for maps). */
export function entriesOf(collection: V): [IacValue, V][] | Unresolved {
  let c = collection;
  const entity = entityOf(c);
  if (entity) {
    if (!entity.members) return new Unresolved(`computed: ${entity.label}`, entity.refs);
    c = entity.members();
  }
  if (isUnresolved(c)) return c;
  if (Array.isArray(c)) {
    if (c.length > MAX_COLLECTION) return new Failure('collection too large');
    return c.map((v, i) => [i, v]);
  }
  if (isVObject(c)) {
    const keys = Object.keys(c).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (keys.length > MAX_COLLECTION) return new Failure('collection too large');
    return keys.map((k) => [k, c[k] as V]);
  }
  if (c === null) return new Failure('cannot iterate over null');
  return new Failure(`cannot iterate over a ${typeof c}`);
}

function forExpr(expr: Extract<Expr, { k: 'for' }>, scope: Scope, bindings: Bindings, depth: number): V {
  const entries = entriesOf(evalExpr(expr.coll, scope, bindings, depth));
  if (isUnresolved(entries)) return entries;
  const list: V[] = [];
  const object: VObject = {};
  const groups = new Map<string, V[]>();
  for (const [key, value] of entries) {
    const inner = new Map(bindings);
    if (expr.keyVar !== null) inner.set(expr.keyVar, key);
    inner.set(expr.valVar, value);
    if (expr.cond) {
      const keep = toBool(data(evalExpr(expr.cond, scope, inner, depth), scope.budget));
      if (isUnresolved(keep)) return keep;
      if (!keep) continue;
    }
    const v = evalExpr(expr.value, scope, inner, depth);
    if (expr.key === null) {
      list.push(v);
      continue;
    }
    const k = toText(data(evalExpr(expr.key, scope, inner, depth), scope.budget));
    if (isUnresolved(k)) return k;
    if (expr.group) {
      const g = groups.get(k) ?? [];
      g.push(v);
      groups.set(k, g);
    } else {
      if (hasOwn(object, k)) return new Failure(`duplicate key ${JSON.stringify(k)} in a for expression`);
      put(object, k, v);
    }
  }
  if (expr.key === null) return list;
  if (expr.group) for (const [k, g] of groups) put(object, k, g);
  return object;
}

function template(parts: TplPart[], scope: Scope, bindings: Bindings, depth: number): V {
  let out = '';
  const unknowns: Unresolved[] = [];
  const render = (list: TplPart[], b: Bindings, d: number): Failure | null => {
    if (d > MAX_DEPTH) return new Failure('template nested too deep');
    for (const part of list) {
      if (part.t === 'text') out += part.text;
      else if (part.t === 'interp') {
        const s = toText(data(evalExpr(part.expr, scope, b, d), scope.budget));
        if (s instanceof Failure) return s;
        if (isUnresolved(s)) unknowns.push(s);
        else out += s;
      } else if (part.t === 'if') {
        const test = toBool(data(evalExpr(part.test, scope, b, d), scope.budget));
        if (test instanceof Failure) return test;
        if (isUnresolved(test)) {
          unknowns.push(test);
          continue;
        }
        const failed = render(test ? part.then : part.else, b, d + 1);
        if (failed) return failed;
      } else {
        const entries = entriesOf(evalExpr(part.coll, scope, b, d));
        if (entries instanceof Failure) return entries;
        if (isUnresolved(entries)) {
          unknowns.push(entries);
          continue;
        }
        for (const [key, value] of entries) {
          const inner = new Map(b);
          if (part.keyVar !== null) inner.set(part.keyVar, key);
          inner.set(part.valVar, value);
          const failed = render(part.body, inner, d + 1);
          if (failed) return failed;
        }
      }
      if (out.length > MAX_STRING) return new Failure('string too long');
    }
    return null;
  };
  const failed = render(parts, bindings, depth);
  if (failed) return failed;
  if (unknowns.length > 0) return combine(unknowns);
  return out;
}

