/**
 * Values while a Terraform module is evaluated: `IacValue`s, plus entities (a resource, a module
 * call, the `var` namespace) that are read attribute by attribute, plus failures (what Terraform
 * would report as an error: an index out of range, a wrong type), which `try` and `can` see.
 * Before a value leaves the evaluator, `plain` turns the last two into `Unresolved`.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { IacValue } from '../../model/cloud.js';

/** An evaluation error: `try()` moves on, `can()` is false; outside them it is Unresolved. */
export class Failure extends Unresolved {}

/**
 * Something read by traversal rather than held as data: a resource (its written attributes, and
 * computed ones as Unresolved with its address), a resource with `count`/`for_each` (indexed),
 * a module call (its outputs), a namespace (`var`, `local`, `path`).
 */
export class Entity {
  constructor(
    /** For messages: `aws_s3_bucket.logs`, `var`. */
    readonly label: string,
    /** Addresses a value derived from this entity refers to. */
    readonly refs: readonly string[],
    readonly attr: (name: string) => V,
    /** Instances by key (`[0]`, `["a"]`), for a resource or module with `count` / `for_each`. */
    readonly index: ((key: IacValue) => V) | null = null,
    /** The entity as a collection (a list of instances, a map of them) for splats, `for` and functions. */
    readonly members: (() => V) | null = null,
  ) {}
}

export type V = IacValue | Entity | V[] | { [key: string]: V };

export type VObject = { [key: string]: V };

export function isEntity(value: unknown): value is Entity {
  return value instanceof Entity;
}

export function isVObject(value: V | undefined): value is VObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnresolved(value) && !isEntity(value);
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Sets a key on an object built from input without ever reaching a prototype (`__proto__`). */
export function put<T>(object: { [key: string]: T }, key: string, value: T): void {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else object[key] = value;
}

export function own<T>(object: { [key: string]: T }, key: string): T | undefined {
  return hasOwn(object, key) ? object[key] : undefined;
}

/** One Unresolved for several: the first reason, every ref. A Failure stays a Failure. */
export function combine(values: readonly Unresolved[]): Unresolved {
  const first = values[0] ?? new Unresolved('unknown');
  const refs = new Set<string>();
  for (const v of values) for (const r of v.refs) refs.add(r);
  const sorted = [...refs].sort();
  const failure = values.find((v) => v instanceof Failure);
  if (failure) return new Failure(failure.reason, sorted);
  return new Unresolved(first.reason, sorted);
}

/** The same unknown, also referring to `refs`. */
export function withRefs(value: Unresolved, refs: readonly string[]): Unresolved {
  if (refs.length === 0) return value;
  const all = [...new Set([...value.refs, ...refs])].sort();
  return value instanceof Failure ? new Failure(value.reason, all) : new Unresolved(value.reason, all);
}

/** The reason given for a value whose copy would exceed `MAX_VALUE_NODES`. */
export const TOO_LARGE = 'value too large to evaluate';
/** The reason given once the evaluation's shared work budget is spent. */
export const EXHAUSTED = 'evaluation stopped: work limit reached';
/**
 * At most this many nodes (scalars, lists, objects, entities) in one value copied out of the
 * evaluator. Values share sub-values (`a1 = [local.a0, local.a0]` ... `a39`), so a value of a
 * few lines can stand for 2^40 nodes: a copy stops at this bound instead of filling the heap.
 */
export const MAX_VALUE_NODES = 100_000;

/** Copying work left for a whole evaluation (the `nodes` of its budget). */
export interface CopyMeter {
  nodes: number;
}

/**
 * A resource instance (or another entity that is not a collection) inside data: unknown as a
 * value (`computed: aws_s3_bucket.b["x"]`, with its refs), but still read attribute by
 * attribute, so that `values(aws_s3_bucket.b)[*].bucket` gives the written `bucket` values and
 * `values(module.logs)[0].arn` keeps the link to the resource. `finish` turns it into a plain
 * Unresolved: it never leaves the evaluator.
 */
export class EntityRef extends Unresolved {
  constructor(readonly entity: Entity) {
    super(`computed: ${entity.label}`, entity.refs);
  }
}

/** The entity behind a value, when the value is one or stands for one in data. */
export function entityOf(value: V): Entity | null {
  if (isEntity(value)) return value;
  return value instanceof EntityRef ? value.entity : null;
}

/** Data out of an evaluated value: entities become their collection, or an `EntityRef`. */
export function plain(value: V, meter?: CopyMeter): IacValue {
  return copyOut(value, meter, false);
}

/** Data, for functions and operators (failures kept, so `try` and `can` see them). */
export function data(value: V, meter?: CopyMeter): IacValue {
  return copyOut(value, meter, false);
}

/** The value handed out of the evaluator: data, with every failure and entity a plain Unresolved. */
export function finish(value: V, meter?: CopyMeter): IacValue {
  return copyOut(value, meter, true);
}

/** A plain Unresolved of the same reason and refs (not a Failure, not an EntityRef). */
export function settled(value: Unresolved): Unresolved {
  return Object.getPrototypeOf(value) === Unresolved.prototype ? value : new Unresolved(value.reason, value.refs);
}

/**
 * Copies a value as a tree, counting nodes: past `MAX_VALUE_NODES` (or the meter's remaining
 * work) the copy is abandoned and the value is unknown. The work done is charged to the meter.
 */
function copyOut(value: V, meter: CopyMeter | undefined, settle: boolean): IacValue {
  if (meter && meter.nodes <= 0) return new Unresolved(EXHAUSTED);
  const limit = meter ? Math.min(MAX_VALUE_NODES, meter.nodes) : MAX_VALUE_NODES;
  let left = limit;
  const walk = (v: V, depth: number): IacValue => {
    left -= 1;
    if (left < 0) return null;
    if (depth > 64) return new Unresolved('value nested too deep');
    if (isEntity(v)) {
      if (v.members) return walk(v.members(), depth + 1);
      return settle ? new Unresolved(`computed: ${v.label}`, v.refs) : new EntityRef(v);
    }
    if (isUnresolved(v)) return settle ? settled(v) : v;
    if (Array.isArray(v)) {
      const out: IacValue[] = [];
      for (const item of v) {
        out.push(walk(item, depth + 1));
        if (left < 0) break;
      }
      return out;
    }
    if (typeof v === 'object' && v !== null) {
      const out: { [key: string]: IacValue } = {};
      for (const key of Object.keys(v)) {
        put(out, key, walk(v[key] as V, depth + 1));
        if (left < 0) break;
      }
      return out;
    }
    return v;
  };
  const out = walk(value, 0);
  if (meter) meter.nodes -= limit - Math.max(left, 0);
  if (left < 0) return new Unresolved(limit < MAX_VALUE_NODES ? EXHAUSTED : TOO_LARGE);
  return out;
}

export function typeName(value: V): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (isEntity(value)) return 'object';
  if (isUnresolved(value)) return 'unknown';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Terraform's conversion of a primitive to a string (numbers without a trailing `.0`). */
export function toText(value: IacValue): string | Unresolved {
  if (isUnresolved(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : new Failure('not a finite number');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return new Failure('null value where a string is required');
  return new Failure(`a ${Array.isArray(value) ? 'list' : 'object'} where a string is required`);
}

export function toNumber(value: IacValue): number | Unresolved {
  if (isUnresolved(value)) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value);
  return new Failure(`not a number: ${short(value)}`);
}

export function toBool(value: IacValue): boolean | Unresolved {
  if (isUnresolved(value)) return value;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return new Failure(`not a boolean: ${short(value)}`);
}

/** Deep equality of data; unknown when either side holds an Unresolved. */
export function equal(a: IacValue, b: IacValue): boolean | Unresolved {
  const unknowns: Unresolved[] = [];
  const walk = (x: IacValue, y: IacValue, depth: number): boolean => {
    if (depth > 64) return false;
    if (isUnresolved(x) || isUnresolved(y)) {
      if (isUnresolved(x)) unknowns.push(x);
      if (isUnresolved(y)) unknowns.push(y);
      return true;
    }
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      return x.every((item, i) => walk(item, y[i] as IacValue, depth + 1));
    }
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
      const kx = Object.keys(x).sort();
      const ky = Object.keys(y).sort();
      if (kx.length !== ky.length || kx.some((k, i) => k !== ky[i])) return false;
      return kx.every((k) => walk(x[k] as IacValue, y[k] as IacValue, depth + 1));
    }
    return x === y;
  };
  const same = walk(a, b, 0);
  if (!same) return false;
  return unknowns.length > 0 ? combine(unknowns) : true;
}

export function short(value: unknown): string {
  let text: string;
  try {
    text = isUnresolved(value) ? `(${value.reason})` : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The first Unresolved at the top of a value or directly inside a list / object, else null. */
export function unknownIn(value: IacValue): Unresolved | null {
  if (isUnresolved(value)) return value;
  if (Array.isArray(value)) return value.find(isUnresolved) ?? null;
  return null;
}
