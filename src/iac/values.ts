/**
 * Reading evaluated IaC values (`IacValue`) the way extractors need them: a boolean, a number, a
 * string or a list of nested blocks, where `undefined` (not written) is `null` and a value that
 * cannot be known statically stays `Unresolved`. CloudFormation writes booleans and numbers as
 * strings ("true", "400"), so those are read too.
 */
import { Unresolved, isUnresolved } from '../model/cloud.js';
import type { IacValue } from '../model/cloud.js';

export type Read<T> = T | null | Unresolved;

type IacObject = { [key: string]: IacValue };

export function isObject(value: IacValue | undefined): value is IacObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnresolved(value);
}

export function boolOf(value: IacValue | undefined): Read<boolean> {
  if (value === undefined || value === null) return null;
  if (isUnresolved(value)) return value;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return new Unresolved(`not a boolean: ${short(value)}`);
}

export function numberOf(value: IacValue | undefined): Read<number> {
  if (value === undefined || value === null) return null;
  if (isUnresolved(value)) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return new Unresolved(`not a number: ${short(value)}`);
}

export function stringOf(value: IacValue | undefined): Read<string> {
  if (value === undefined || value === null) return null;
  if (isUnresolved(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return new Unresolved(`not a string: ${short(value)}`);
}

/** A list (or a single value, as one element); an Unresolved list stays Unresolved. */
export function listOf(value: IacValue | undefined): IacValue[] | Unresolved {
  if (value === undefined || value === null) return [];
  if (isUnresolved(value)) return value;
  return Array.isArray(value) ? value : [value];
}

/** A list of strings (or one string, as one element); one unresolved element makes the whole list unresolved. */
export function stringsOf(value: IacValue | undefined): string[] | Unresolved {
  const list = listOf(value);
  if (isUnresolved(list)) return list;
  const out: string[] = [];
  for (const item of list) {
    const text = stringOf(item);
    if (isUnresolved(text)) return text;
    if (text !== null) out.push(text);
  }
  return out;
}

/** Nested blocks (`event_selector { ... }`): the objects of a list, or the one object written. */
export function blocksOf(value: IacValue | undefined): IacObject[] | Unresolved {
  const list = listOf(value);
  if (isUnresolved(list)) return list;
  const unresolved = list.find(isUnresolved);
  if (unresolved) return unresolved;
  return list.filter(isObject);
}

/**
 * The value at a dotted path, stepping into the first block of a list at each step
 * (`default_retention.days` in `rule[0].default_retention[0].days`); `undefined` when absent.
 */
export function valueAt(values: IacValue | undefined, path: string): IacValue | undefined {
  let current: IacValue | undefined = values;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) current = current[0];
    if (isUnresolved(current)) return current;
    if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** Every resource address an expression refers to, anywhere inside the value, sorted and unique. */
export function refsOf(value: IacValue | undefined): string[] {
  const found = new Set<string>();
  const walk = (v: IacValue | undefined, depth: number): void => {
    if (v === undefined || v === null || depth > 64) return;
    if (isUnresolved(v)) for (const r of v.refs) found.add(r);
    else if (Array.isArray(v)) for (const item of v) walk(item, depth + 1);
    else if (isObject(v)) for (const key of Object.keys(v)) walk(v[key], depth + 1);
  };
  walk(value, 0);
  return [...found].sort();
}

function short(value: IacValue): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
