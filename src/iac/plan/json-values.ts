/**
 * Plain JSON from a plan file → `IacValue`, copied key by key (a `__proto__` key stays an own
 * property and never reaches a prototype), bounded in depth; and the dotted attribute paths of a
 * value with the JSON path each is first written at.
 */
import { Unresolved } from '../../model/cloud.js';
import type { IacValue } from '../../model/cloud.js';
import { isRecord } from '../../util/is-record.js';

const MAX_DEPTH = 64;

export function setOwn(target: Record<string, IacValue>, key: string, value: IacValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function toIacValue(value: unknown, depth = 0): IacValue {
  if (depth > MAX_DEPTH) return new Unresolved('nesting too deep');
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map((item) => toIacValue(item, depth + 1));
  if (isRecord(value)) {
    const out: Record<string, IacValue> = {};
    for (const key of Object.keys(value)) setOwn(out, key, toIacValue(value[key], depth + 1));
    return out;
  }
  return null;
}

/**
 * Each dotted attribute path (`logging.target_bucket`, without list indices) of a values object,
 * with the JSON path of its first occurrence. At most `limit` paths.
 */
export function attributePaths(values: Record<string, IacValue>, limit = 2000): { dotted: string; json: (string | number)[] }[] {
  const out: { dotted: string; json: (string | number)[] }[] = [];
  const seen = new Set<string>();
  const walk = (value: IacValue, dotted: string, json: (string | number)[], depth: number): void => {
    if (out.length >= limit || depth > MAX_DEPTH || value === null || typeof value !== 'object' || value instanceof Unresolved) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, dotted, [...json, index], depth + 1));
      return;
    }
    for (const key of Object.keys(value)) {
      const path = dotted === '' ? key : `${dotted}.${key}`;
      const at = [...json, key];
      if (!seen.has(path)) {
        seen.add(path);
        out.push({ dotted: path, json: at });
      }
      walk(value[key] ?? null, path, at, depth + 1);
    }
  };
  walk(values, '', [], 0);
  return out;
}
