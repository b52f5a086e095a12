/**
 * A variable's `type` constraint applied to its value, as Terraform converts it: primitives
 * converted (`"400"` to 400 for a number), and the attributes an `object({...})` type declares
 * but the value lacks filled in (`optional(list(string), ["secrets"])` gives its default, else
 * null), so `var.x.attr` reads what Terraform reads. A constraint not understood leaves the value as is.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { Expr } from './expression.js';
import { MAX_VALUE_NODES, TOO_LARGE, hasOwn, isEntity, isVObject, put, toBool, toNumber, toText } from './value.js';
import type { V, VObject } from './value.js';

/**
 * Converts `value` to the type written as `type`; `constant` evaluates an `optional()` default.
 * The conversion copies the value, so it counts nodes like `plain` does: a value sharing its
 * parts (2^40 nodes in a few lines) is unknown as too large rather than copied.
 */
export function convertToType(value: V, type: Expr, constant: (expr: Expr) => V): V {
  const work = { left: MAX_VALUE_NODES };
  const out = convert(value, type, constant, 0, work);
  return work.left < 0 ? new Unresolved(TOO_LARGE) : out;
}

function convert(value: V, type: Expr, constant: (expr: Expr) => V, depth: number, work: { left: number }): V {
  work.left -= 1;
  if (work.left < 0 || depth > 32 || isUnresolved(value) || isEntity(value) || value === null) return value;
  if (type.k === 'name') {
    if (type.name === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return toText(value);
    if (type.name === 'number' && typeof value === 'string') {
      const n = toNumber(value);
      return isUnresolved(n) ? value : n;
    }
    if (type.name === 'bool' && typeof value === 'string') {
      const b = toBool(value);
      return isUnresolved(b) ? value : b;
    }
    return value;
  }
  if (type.k !== 'call') return value;
  const [first, second] = type.args;
  switch (type.name) {
    case 'optional':
      return first ? convert(value, first, constant, depth + 1, work) : value;
    case 'list':
    case 'set':
      return Array.isArray(value) && first ? value.map((item) => convert(item, first, constant, depth + 1, work)) : value;
    case 'map': {
      if (!isVObject(value) || !first) return value;
      const out: VObject = {};
      for (const key of Object.keys(value)) put(out, key, convert(value[key] as V, first, constant, depth + 1, work));
      return out;
    }
    case 'tuple': {
      if (!Array.isArray(value) || first?.k !== 'tuple') return value;
      return value.map((item, i) => {
        const t = first.items[i];
        return t ? convert(item, t, constant, depth + 1, work) : item;
      });
    }
    case 'object': {
      if (!isVObject(value) || first?.k !== 'object') return value;
      const out: VObject = {};
      for (const key of Object.keys(value)) put(out, key, value[key] as V);
      for (const item of first.items) {
        if (item.key.k !== 'lit' || typeof item.key.v !== 'string') continue;
        const name = item.key.v;
        const attrType = item.value;
        if (hasOwn(value, name) && value[name] !== null) {
          put(out, name, convert(value[name] as V, attrType, constant, depth + 1, work));
        } else if (attrType.k === 'call' && attrType.name === 'optional') {
          const inner = attrType.args[0];
          const fallback = attrType.args[1] ? constant(attrType.args[1]) : null;
          put(out, name, inner && fallback !== null ? convert(fallback, inner, constant, depth + 1, work) : fallback);
        }
      }
      void second;
      return out;
    }
    default:
      return value;
  }
}
