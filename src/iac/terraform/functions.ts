/**
 * Terraform's pure built-in functions that decide logging settings (string, collection, number,
 * encoding and type-conversion functions). A function not listed here, or one that reads files,
 * time or randomness (`file`, `timestamp`, `uuid`), gives an Unresolved naming it: never a guess.
 * `try` and `can` see their arguments unevaluated and live in the evaluator.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { IacValue } from '../../model/cloud.js';
import { Failure, combine, equal, put, short, toBool, toNumber, toText } from './value.js';

/** Results longer than this (strings, lists) are refused: input can ask for `range(1e9)`. */
export const MAX_COLLECTION = 10_000;
export const MAX_STRING = 1_000_000;

type Obj = { [key: string]: IacValue };
type Fn = (args: IacValue[]) => IacValue;

function isObj(v: IacValue | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnresolved(v);
}

function fail(message: string): Failure {
  return new Failure(message);
}

function str(v: IacValue | undefined): string | Unresolved {
  return toText(v === undefined ? null : v);
}

function num(v: IacValue | undefined): number | Unresolved {
  return toNumber(v === undefined ? null : v);
}

/** A list (a tuple or set: we hold both as arrays). */
function list(v: IacValue | undefined): IacValue[] | Unresolved {
  if (isUnresolved(v)) return v;
  if (Array.isArray(v)) return v;
  return fail(`a list is required, got ${short(v ?? null)}`);
}

function obj(v: IacValue | undefined): Obj | Unresolved {
  if (isUnresolved(v)) return v;
  if (isObj(v)) return v;
  return fail(`a map is required, got ${short(v ?? null)}`);
}

/** Strings of a list, or the first unknown among them. */
function strings(items: IacValue[]): string[] | Unresolved {
  const out: string[] = [];
  const unknowns: Unresolved[] = [];
  for (const item of items) {
    const s = str(item);
    if (isUnresolved(s)) unknowns.push(s);
    else out.push(s);
  }
  return unknowns.length > 0 ? combine(unknowns) : out;
}

function text(s: string): IacValue {
  return s.length > MAX_STRING ? fail('string too long') : s;
}

function bounded(items: IacValue[]): IacValue {
  return items.length > MAX_COLLECTION ? fail('list too long') : items;
}

function sortedKeys(o: Obj): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function newObj(): Obj {
  return {};
}

/** `toset`: unique elements, in Terraform's order for a set of strings (lexical), else first seen. */
function unique(items: IacValue[]): IacValue[] | Unresolved {
  // Primitives by key (linear); pairwise equality only for collections and unknowns.
  if (items.every((x) => x === null || typeof x !== 'object')) {
    const seen = new Set<string>();
    return items.filter((x) => {
      const key = `${typeof x}:${String(x)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  const out: IacValue[] = [];
  for (const item of items) {
    let seen = false;
    for (const o of out) {
      const same = equal(o, item);
      if (isUnresolved(same)) return same;
      if (same) seen = true;
    }
    if (!seen) out.push(item);
  }
  return out;
}

function flatten(items: IacValue[], depth: number): IacValue[] | Unresolved {
  const out: IacValue[] = [];
  for (const item of items) {
    if (isUnresolved(item)) return item;
    if (Array.isArray(item)) {
      if (depth > 32) return fail('list nested too deep');
      const inner = flatten(item, depth + 1);
      if (isUnresolved(inner)) return inner;
      out.push(...inner);
    } else out.push(item);
    if (out.length > MAX_COLLECTION) return fail('list too long');
  }
  return out;
}

/** Terraform's `format` verbs: %s %d %f %v %q %t %%, with optional width/precision. */
function format(spec: string, args: IacValue[]): IacValue {
  let out = '';
  let next = 0;
  // Sticky: matched in place (slicing the rest of a long spec at every `%` is quadratic).
  const verbAt = /%([-+# 0]*)(\d*)(?:\.(\d+))?([sdfvqt%bxXoeEgG])/y;
  for (let i = 0; i < spec.length; i += 1) {
    const c = spec[i] as string;
    if (c !== '%') {
      out += c;
      continue;
    }
    verbAt.lastIndex = i;
    const m = verbAt.exec(spec);
    if (!m) return fail(`format: bad verb at ${i}`);
    i += m[0].length - 1;
    const verb = m[4] as string;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const arg = args[next];
    next += 1;
    if (arg === undefined) return fail('format: not enough arguments');
    if (isUnresolved(arg)) return arg;
    let piece: string;
    if (verb === 's' || verb === 'v') {
      const s = verb === 'v' && typeof arg === 'object' && arg !== null ? JSON.stringify(arg) : str(arg);
      if (isUnresolved(s)) return s;
      piece = s;
    } else if (verb === 'q') {
      const s = str(arg);
      if (isUnresolved(s)) return s;
      piece = JSON.stringify(s);
    } else if (verb === 't') {
      const b = toBool(arg);
      if (isUnresolved(b)) return b;
      piece = String(b);
    } else {
      const n = num(arg);
      if (isUnresolved(n)) return n;
      if (verb === 'd') piece = String(Math.trunc(n));
      else if (verb === 'f') piece = n.toFixed(m[3] !== undefined ? Math.min(Number(m[3]), 20) : 6);
      else if (verb === 'x' || verb === 'X') piece = Math.trunc(n).toString(16)[verb === 'X' ? 'toUpperCase' : 'toLowerCase']();
      else if (verb === 'b') piece = Math.trunc(n).toString(2);
      else if (verb === 'o') piece = Math.trunc(n).toString(8);
      else piece = String(n);
    }
    const width = Math.min(Number(m[2] || 0), 1000);
    if (piece.length < width) piece = (m[1] ?? '').includes('-') ? piece.padEnd(width) : piece.padStart(width, (m[1] ?? '').includes('0') ? '0' : ' ');
    out += piece;
    if (out.length > MAX_STRING) return fail('string too long');
  }
  return out;
}

/** Terraform `replace`: a `/regex/` pattern is not evaluated (RE2 semantics differ), a plain one is. */
/**
 * Terraform `range`: the number of elements is counted first and each one computed from it, so a
 * step too small to change a large number (`range(1e17, 1e17 + 64)`) or a tiny fractional one
 * cannot loop forever. Terraform computes with arbitrary precision; where doubles cannot tell
 * the elements apart the result is unknown rather than wrong.
 */
function range(a: IacValue[]): IacValue {
  const ns: number[] = [];
  for (const x of a) {
    const n = num(x);
    if (isUnresolved(n)) return n;
    ns.push(n);
  }
  if (ns.length < 1 || ns.length > 3) return fail('range: one to three arguments are required');
  const [start, end] = ns.length === 1 ? [0, ns[0] as number] : [ns[0] as number, ns[1] as number];
  const step = ns.length === 3 ? (ns[2] as number) : start <= end ? 1 : -1;
  if (![start, end, step].every(Number.isFinite)) return fail('range: the arguments must be finite numbers');
  if (step === 0) return fail('range: the step must not be zero');
  if (start < end && step < 0) return fail('range: the step must be positive when start is less than limit');
  if (start > end && step > 0) return fail('range: the step must be negative when start is greater than limit');
  const span = (end - start) / step;
  if (!(span <= MAX_COLLECTION)) return fail('range too long');
  // Float noise must not add an element: (1 - 0) / 0.1 may come out as 10.000000000000002.
  const rounded = Math.round(span);
  const count = Math.abs(span - rounded) < 1e-9 ? rounded : Math.ceil(span);
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const x = Number.isInteger(start) && Number.isInteger(step) ? start + i * step : Number((start + i * step).toPrecision(15));
    if (out.length > 0 && x === out[out.length - 1]) return new Unresolved('range(): its elements are beyond the precision ztmm computes with');
    out.push(x);
  }
  return out;
}

function replace(args: IacValue[]): IacValue {
  const [s, from, to] = [str(args[0]), str(args[1]), str(args[2])];
  for (const v of [s, from, to]) if (isUnresolved(v)) return v;
  const [a, b, c] = [s as string, from as string, to as string];
  if (b.length > 1 && b.startsWith('/') && b.endsWith('/')) return new Unresolved('replace() with a regular expression is not evaluated');
  if (b === '') return fail('replace: empty search string');
  return text(a.split(b).join(c));
}

const FUNCTIONS: Record<string, Fn> = Object.assign(Object.create(null) as Record<string, Fn>, {
  // Strings
  lower: (a: IacValue[]) => mapStr(a[0], (s) => s.toLowerCase()),
  upper: (a: IacValue[]) => mapStr(a[0], (s) => s.toUpperCase()),
  title: (a: IacValue[]) => mapStr(a[0], (s) => s.replace(/\b\w/g, (c) => c.toUpperCase())),
  trimspace: (a: IacValue[]) => mapStr(a[0], (s) => s.trim()),
  chomp: (a: IacValue[]) => mapStr(a[0], (s) => s.replace(/(\r?\n)+$/, '')),
  strrev: (a: IacValue[]) => mapStr(a[0], (s) => [...s].reverse().join('')),
  trimprefix: (a: IacValue[]) => two(a, (s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: (a: IacValue[]) => two(a, (s, p) => (p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s)),
  trim: (a: IacValue[]) =>
    two(a, (s, cut) => {
      const set = new Set([...cut]);
      let start = 0;
      let end = s.length;
      while (start < end && set.has(s[start] as string)) start += 1;
      while (end > start && set.has(s[end - 1] as string)) end -= 1;
      return s.slice(start, end);
    }),
  startswith: (a: IacValue[]) => twoAny(a, (s, p) => s.startsWith(p)),
  endswith: (a: IacValue[]) => twoAny(a, (s, p) => s.endsWith(p)),
  strcontains: (a: IacValue[]) => twoAny(a, (s, p) => s.includes(p)),
  substr: (a: IacValue[]) => {
    const [s, o, l] = [str(a[0]), num(a[1]), num(a[2])];
    for (const v of [s, o, l]) if (isUnresolved(v)) return v;
    // Terraform converts the offset and length to whole numbers, and rejects other numbers.
    if (!Number.isSafeInteger(o) || !Number.isSafeInteger(l)) return fail('substr: the offset and length must be whole numbers');
    const chars = [...(s as string)];
    let offset = o as number;
    if (offset < 0) offset = Math.max(0, chars.length + offset);
    const length = (l as number) < 0 ? chars.length - offset : (l as number);
    return chars.slice(offset, offset + length).join('');
  },
  format: (a: IacValue[]) => {
    const spec = str(a[0]);
    if (isUnresolved(spec)) return spec;
    return format(spec, a.slice(1));
  },
  join: (a: IacValue[]) => {
    const sep = str(a[0]);
    if (isUnresolved(sep)) return sep;
    const parts: IacValue[] = [];
    for (const l of a.slice(1)) {
      const items = list(l);
      if (isUnresolved(items)) return items;
      parts.push(...items);
    }
    const ss = strings(parts);
    if (isUnresolved(ss)) return ss;
    return text(ss.join(sep));
  },
  split: (a: IacValue[]) => {
    const [sep, s] = [str(a[0]), str(a[1])];
    if (isUnresolved(sep)) return sep;
    if (isUnresolved(s)) return s;
    if (s === '') return [];
    return bounded(sep === '' ? [...s] : s.split(sep));
  },
  replace: (a: IacValue[]) => replace(a),
  indent: (a: IacValue[]) => {
    const [n, s] = [num(a[0]), str(a[1])];
    if (isUnresolved(n)) return n;
    if (isUnresolved(s)) return s;
    if (!Number.isSafeInteger(n) || n < 0) return fail('indent: the number of spaces must be a whole number, not negative');
    // Checked before the string is built: every line break gains `n` spaces.
    const lines = s.split('\n').length - 1;
    if (s.length + lines * n > MAX_STRING) return fail('string too long');
    return text(s.replace(/\n/g, `\n${' '.repeat(n)}`));
  },
  // Collections
  length: (a: IacValue[]) => {
    const v = a[0];
    if (isUnresolved(v)) return v;
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObj(v)) return Object.keys(v).length;
    return fail(`length of ${short(v ?? null)}`);
  },
  concat: (a: IacValue[]) => {
    const out: IacValue[] = [];
    for (const l of a) {
      const items = list(l);
      if (isUnresolved(items)) return items;
      out.push(...items);
    }
    return bounded(out);
  },
  merge: (a: IacValue[]) => {
    const out = newObj();
    for (const m of a) {
      if (m === null) continue;
      const o = obj(m);
      if (isUnresolved(o)) return o;
      for (const k of Object.keys(o)) put(out, k, o[k] as IacValue);
    }
    return out;
  },
  lookup: (a: IacValue[]) => {
    const [m, k] = [obj(a[0]), str(a[1])];
    if (isUnresolved(m)) return m;
    if (isUnresolved(k)) return k;
    if (Object.prototype.hasOwnProperty.call(m, k)) return m[k] as IacValue;
    if (a.length > 2) return a[2] as IacValue;
    return fail(`lookup: no key ${JSON.stringify(k)}`);
  },
  keys: (a: IacValue[]) => {
    const m = obj(a[0]);
    if (isUnresolved(m)) return m;
    return sortedKeys(m);
  },
  values: (a: IacValue[]) => {
    const m = obj(a[0]);
    if (isUnresolved(m)) return m;
    return sortedKeys(m).map((k) => m[k] as IacValue);
  },
  contains: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    const unknowns: Unresolved[] = [];
    for (const item of l) {
      const same = equal(item, a[1] ?? null);
      if (same === true) return true;
      if (isUnresolved(same)) unknowns.push(same);
    }
    return unknowns.length > 0 ? combine(unknowns) : false;
  },
  element: (a: IacValue[]) => {
    const [l, i] = [list(a[0]), num(a[1])];
    if (isUnresolved(l)) return l;
    if (isUnresolved(i)) return i;
    if (l.length === 0) return fail('element of an empty list');
    if (!Number.isSafeInteger(i)) return fail('element: the index must be a whole number');
    return l[((i % l.length) + l.length) % l.length] as IacValue;
  },
  index: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    for (let i = 0; i < l.length; i += 1) {
      const same = equal(l[i] as IacValue, a[1] ?? null);
      if (isUnresolved(same)) return same;
      if (same) return i;
    }
    return fail('index: not in the list');
  },
  compact: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    const unknown = l.find(isUnresolved);
    if (unknown) return unknown;
    return l.filter((item) => item !== null && item !== '');
  },
  flatten: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    return flatten(l, 0);
  },
  distinct: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    return unique(l);
  },
  reverse: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    return [...l].reverse();
  },
  slice: (a: IacValue[]) => {
    const [l, s, e] = [list(a[0]), num(a[1]), num(a[2])];
    for (const v of [l, s, e]) if (isUnresolved(v)) return v;
    const items = l as IacValue[];
    if ((s as number) < 0 || (e as number) > items.length || (s as number) > (e as number)) return fail('slice: index out of range');
    return items.slice(s as number, e as number);
  },
  sort: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    const ss = strings(l);
    if (isUnresolved(ss)) return ss;
    return [...ss].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  },
  zipmap: (a: IacValue[]) => {
    const [k, v] = [list(a[0]), list(a[1])];
    if (isUnresolved(k)) return k;
    if (isUnresolved(v)) return v;
    if (k.length !== v.length) return fail('zipmap: lists of different lengths');
    const ks = strings(k);
    if (isUnresolved(ks)) return ks;
    const out = newObj();
    ks.forEach((key, i) => put(out, key, v[i] as IacValue));
    return out;
  },
  range: (a: IacValue[]) => range(a),
  coalesce: (a: IacValue[]) => {
    for (const v of a) {
      if (isUnresolved(v)) return v;
      if (v !== null && v !== '') return v;
    }
    return fail('coalesce: no non-null argument');
  },
  coalescelist: (a: IacValue[]) => {
    for (const v of a) {
      if (isUnresolved(v)) return v;
      if (Array.isArray(v) && v.length > 0) return v;
    }
    return fail('coalescelist: no non-empty list');
  },
  one: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    if (l.length === 0) return null;
    if (l.length === 1) return l[0] as IacValue;
    return fail('one: more than one element');
  },
  alltrue: (a: IacValue[]) => allAny(a[0], true),
  anytrue: (a: IacValue[]) => allAny(a[0], false),
  setunion: (a: IacValue[]) => {
    const out: IacValue[] = [];
    for (const l of a) {
      const items = list(l);
      if (isUnresolved(items)) return items;
      out.push(...items);
    }
    return unique(out);
  },
  setintersection: (a: IacValue[]) => setOp(a, true),
  setsubtract: (a: IacValue[]) => setOp(a, false),
  chunklist: (a: IacValue[]) => {
    const [l, n] = [list(a[0]), num(a[1])];
    if (isUnresolved(l)) return l;
    if (isUnresolved(n)) return n;
    // Terraform: the size is a whole number; 0 gives the whole list as one chunk.
    if (!Number.isInteger(n)) return fail(`chunklist: the size must be a whole number, got ${n}`);
    if (n < 0) return fail('chunklist: the size must not be negative');
    if (n === 0 || n >= l.length) return l.length === 0 && n !== 0 ? [] : [l];
    const chunks = Math.ceil(l.length / n);
    const out: IacValue[] = [];
    for (let i = 0; i < chunks; i += 1) out.push(l.slice(i * n, (i + 1) * n));
    return out;
  },
  // Numbers
  min: (a: IacValue[]) => numbers(a, (ns) => Math.min(...ns)),
  max: (a: IacValue[]) => numbers(a, (ns) => Math.max(...ns)),
  abs: (a: IacValue[]) => numbers(a, (ns) => Math.abs(ns[0] ?? 0)),
  ceil: (a: IacValue[]) => numbers(a, (ns) => Math.ceil(ns[0] ?? 0)),
  floor: (a: IacValue[]) => numbers(a, (ns) => Math.floor(ns[0] ?? 0)),
  signum: (a: IacValue[]) => numbers(a, (ns) => Math.sign(ns[0] ?? 0)),
  pow: (a: IacValue[]) => numbers(a, (ns) => Math.pow(ns[0] ?? 0, ns[1] ?? 0)),
  parseint: (a: IacValue[]) => {
    const [s, b] = [str(a[0]), num(a[1])];
    if (isUnresolved(s)) return s;
    if (isUnresolved(b)) return b;
    const n = parseInt(s, b);
    return Number.isNaN(n) ? fail('parseint: not a number') : n;
  },
  // Types
  tostring: (a: IacValue[]) => (a[0] === null ? null : str(a[0])),
  tonumber: (a: IacValue[]) => (a[0] === null ? null : num(a[0])),
  tobool: (a: IacValue[]) => (a[0] === null ? null : toBool(a[0] ?? null)),
  tolist: (a: IacValue[]) => list(a[0]),
  toset: (a: IacValue[]) => {
    const l = list(a[0]);
    if (isUnresolved(l)) return l;
    const u = unique(l);
    if (isUnresolved(u)) return u;
    // A set of strings iterates in lexical order.
    return u.every((x) => typeof x === 'string') ? [...(u as string[])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) : u;
  },
  tomap: (a: IacValue[]) => obj(a[0]),
  // Encoding
  jsonencode: (a: IacValue[]) => {
    const v = a[0] ?? null;
    const unknown = deepUnknown(v);
    if (unknown) return unknown;
    return text(JSON.stringify(v));
  },
  jsondecode: (a: IacValue[]) => {
    const s = str(a[0]);
    if (isUnresolved(s)) return s;
    try {
      return fromJson(JSON.parse(s) as unknown, 0);
    } catch {
      return fail('jsondecode: not JSON');
    }
  },
  base64encode: (a: IacValue[]) => mapStr(a[0], (s) => Buffer.from(s, 'utf8').toString('base64')),
  base64decode: (a: IacValue[]) => mapStr(a[0], (s) => Buffer.from(s, 'base64').toString('utf8')),
});

/** Functions ztmm knows exist but does not evaluate (they read files, time, randomness, or hash). */
const NOT_EVALUATED = new Set(['file', 'fileexists', 'fileset', 'filebase64', 'templatefile', 'timestamp', 'uuid', 'bcrypt', 'md5', 'sha1', 'sha256', 'sha512', 'filemd5', 'filesha256', 'cidrsubnet', 'cidrhost', 'cidrnetmask', 'cidrsubnets', 'regex', 'regexall', 'yamldecode', 'yamlencode', 'timeadd', 'formatdate', 'uuidv5', 'abspath', 'dirname', 'basename', 'pathexpand', 'sensitive', 'nonsensitive', 'ephemeralasnull']);

export function callFunction(name: string, args: IacValue[]): IacValue {
  if (name === 'sensitive' || name === 'nonsensitive') return args[0] ?? null;
  const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) {
    return new Unresolved(NOT_EVALUATED.has(name) ? `function ${name}() is not evaluated statically` : `unknown function ${name}()`);
  }
  // Terraform functions given an unknown argument return an unknown result, except those that
  // look inside collections (their elements may be unknown while the collection is known).
  const top = args.filter(isUnresolved);
  if (top.length > 0 && name !== 'coalesce' && name !== 'lookup') return combine(top);
  try {
    return fn(args);
  } catch {
    return fail(`${name}(): could not be evaluated`);
  }
}

function mapStr(v: IacValue | undefined, f: (s: string) => string): IacValue {
  const s = str(v);
  if (isUnresolved(s)) return s;
  return text(f(s));
}

function two(a: IacValue[], f: (s: string, t: string) => string): IacValue {
  const [s, t] = [str(a[0]), str(a[1])];
  if (isUnresolved(s)) return s;
  if (isUnresolved(t)) return t;
  return text(f(s, t));
}

function twoAny(a: IacValue[], f: (s: string, t: string) => boolean): IacValue {
  const [s, t] = [str(a[0]), str(a[1])];
  if (isUnresolved(s)) return s;
  if (isUnresolved(t)) return t;
  return f(s, t);
}

function numbers(a: IacValue[], f: (ns: number[]) => number): IacValue {
  const ns: number[] = [];
  for (const x of a) {
    const n = num(x);
    if (isUnresolved(n)) return n;
    ns.push(n);
  }
  if (ns.length === 0) return fail('no numbers');
  const out = f(ns);
  return Number.isFinite(out) ? out : fail('not a finite number');
}

function allAny(v: IacValue | undefined, all: boolean): IacValue {
  const l = list(v);
  if (isUnresolved(l)) return l;
  const unknowns: Unresolved[] = [];
  for (const item of l) {
    const b = toBool(item);
    if (isUnresolved(b)) unknowns.push(b);
    else if (b !== all) return !all;
  }
  return unknowns.length > 0 ? combine(unknowns) : all;
}

function setOp(a: IacValue[], keep: boolean): IacValue {
  const first = list(a[0]);
  if (isUnresolved(first)) return first;
  let out = first;
  for (const other of a.slice(1)) {
    const l = list(other);
    if (isUnresolved(l)) return l;
    out = out.filter((x) => l.some((y) => equal(x, y) === true) === keep);
  }
  return unique(out);
}

function deepUnknown(v: IacValue, depth = 0): Unresolved | null {
  if (isUnresolved(v)) return v;
  if (depth > 64) return fail('value nested too deep');
  const found: Unresolved[] = [];
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = deepUnknown(x, depth + 1);
      if (u) found.push(u);
    }
  } else if (isObj(v)) {
    for (const k of Object.keys(v)) {
      const u = deepUnknown(v[k] as IacValue, depth + 1);
      if (u) found.push(u);
    }
  }
  return found.length > 0 ? combine(found) : null;
}

function fromJson(v: unknown, depth: number): IacValue {
  if (depth > 64) return fail('JSON nested too deep');
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => fromJson(x, depth + 1));
  if (typeof v === 'object') {
    const out = newObj();
    for (const k of Object.keys(v)) put(out, k, fromJson((v as Record<string, unknown>)[k], depth + 1));
    return out;
  }
  return null;
}

export { deepUnknown };
