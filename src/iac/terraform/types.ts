/**
 * A variable's `type` constraint applied to its value, as Terraform converts it: primitives
 * converted (`"400"` to 400 for a number), and the attributes an `object({...})` type declares
 * but the value lacks filled in (`optional(list(string), ["secrets"])` gives its default, else
 * null), so `var.x.attr` reads what Terraform reads. A constraint not understood leaves the value as is.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { Expr } from './expression.js';
import { hasOwn, isEntity, isVObject, put, toBool, toNumber, toText } from './value.js';
import type { V, VObject } from './value.js';

/** Converts `value` to the type written as `type`; `constant` evaluates an `optional()` default. */
export function convertToType(value: V, type: Expr, constant: (expr: Expr) => V, depth = 0): V {
  if (depth > 32 || isUnresolved(value) || isEntity(value) || value === null) return value;
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
      return first ? convertToType(value, first, constant, depth + 1) : value;
    case 'list':
    case 'set':
      return Array.isArray(value) && first ? value.map((item) => convertToType(item, first, constant, depth + 1)) : value;
    case 'map': {
      if (!isVObject(value) || !first) return value;
      const out: VObject = {};
      for (const key of Object.keys(value)) put(out, key, convertToType(value[key] as V, first, constant, depth + 1));
      return out;
    }
    case 'tuple': {
      if (!Array.isArray(value) || first?.k !== 'tuple') return value;
      return value.map((item, i) => {
        const t = first.items[i];
        return t ? convertToType(item, t, constant, depth + 1) : item;
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
          put(out, name, convertToType(value[name] as V, attrType, constant, depth + 1));
        } else if (attrType.k === 'call' && attrType.name === 'optional') {
          const inner = attrType.args[0];
          const fallback = attrType.args[1] ? constant(attrType.args[1]) : null;
          put(out, name, inner && fallback !== null ? convertToType(fallback, inner, constant, depth + 1) : fallback);
        }
      }
      void second;
      return out;
    }
    default:
      return value;
  }
}
