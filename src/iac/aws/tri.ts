/**
 * Three-valued logic over values that may be unknown statically: true, false, or `Unresolved`
 * (carrying why). A disjunction with one true part is true even if another part is unknown.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { Unresolved } from '../../model/cloud.js';

export type Tri = boolean | Unresolved;

export function or(...values: Tri[]): Tri {
  if (values.some((v) => v === true)) return true;
  return values.find(isUnresolved) ?? false;
}

export function and(...values: Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  return values.find(isUnresolved) ?? true;
}

export function not(value: Tri): Tri {
  return isUnresolved(value) ? value : !value;
}

/** A read boolean with a default for "not written". */
export function withDefault(value: boolean | null | Unresolved, fallback: boolean): Tri {
  return value === null ? fallback : value;
}
