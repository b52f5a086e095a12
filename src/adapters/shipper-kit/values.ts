/** Narrowing of external values (YAML, JSON and TOML data are `unknown` until checked). */

export type Rec = Record<string, unknown>;

export function asRecord(value: unknown): Rec | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Rec) : null;
}

/** An own property only: a key named `__proto__` or `constructor` in the input is data, never the prototype. */
export function own(record: Rec | null, key: string): unknown {
  return record !== null && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function ownRecord(record: Rec | null, key: string): Rec | null {
  return asRecord(own(record, key));
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Numbers as TOML, YAML and JSON give them (TOML may give a bigint); strings of digits too. */
export function asInteger(value: unknown): number | null {
  if (typeof value === 'bigint') return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= 0n ? Number(value) : null;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** Booleans as written; YAML 1.2 gives real booleans, a quoted "true" is accepted as the shippers do. */
export function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** A list of strings: an array (non-strings dropped, with their indexes reported) or one string. */
export function asStringList(value: unknown): { items: { value: string; index: number | null }[]; bad: number[] } | null {
  if (typeof value === 'string') return { items: [{ value, index: null }], bad: [] };
  if (!Array.isArray(value)) return null;
  const items: { value: string; index: number | null }[] = [];
  const bad: number[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string') items.push({ value: item, index });
    else bad.push(index);
  });
  return { items, bad };
}

/** Own entries of a record in document order. */
export function entries(record: Rec | null): [string, unknown][] {
  if (record === null) return [];
  return Object.keys(record).map((key) => [key, record[key]]);
}
