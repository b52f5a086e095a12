/**
 * Whether a bucket policy denies deleting objects: a `Deny` statement whose actions cover
 * `s3:DeleteObject` or `s3:DeleteObjectVersion` (also through `s3:Delete*`, `s3:*`, `*`). A
 * deny that only applies to requests without TLS (`aws:SecureTransport` false) protects the
 * transport, not the objects, and does not count.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { IacValue, Unresolved } from '../../model/cloud.js';
import { isObject, listOf, stringOf } from '../values.js';
import { own } from './arguments.js';
import { or } from './tri.js';
import type { Tri } from './tri.js';

const DELETE_ACTIONS = ['s3:deleteobject', 's3:deleteobjectversion'];
const MAX_POLICY_CHARS = 100_000;

export function deniesDelete(policy: IacValue | undefined): Tri | null {
  if (policy === undefined || policy === null || policy === '') return null;
  if (isUnresolved(policy)) return policy;
  const document = typeof policy === 'string' ? parse(policy) : policy;
  if (!isObject(document)) return false;
  const statements = listOf(own(document, 'Statement'));
  if (isUnresolved(statements)) return statements;
  let result: Tri = false;
  for (const statement of statements) {
    if (isUnresolved(statement)) {
      result = or(result, statement);
      continue;
    }
    if (!isObject(statement)) continue;
    const effect = stringOf(own(statement, 'Effect'));
    if (isUnresolved(effect)) {
      result = or(result, effect);
      continue;
    }
    if (effect !== 'Deny' || onlyWithoutTls(own(statement, 'Condition'))) continue;
    result = or(result, coversDelete(own(statement, 'Action')));
  }
  return result;
}

function coversDelete(actions: IacValue | undefined): Tri {
  const list = listOf(actions);
  if (isUnresolved(list)) return list;
  let result: Tri = false;
  for (const action of list) {
    const text = stringOf(action);
    if (isUnresolved(text)) result = or(result, text);
    else if (text !== null && DELETE_ACTIONS.some((wanted) => glob(text.toLowerCase(), wanted))) return true;
  }
  return result;
}

/** True when the statement's only condition is on `aws:SecureTransport`. */
function onlyWithoutTls(condition: IacValue | undefined): boolean {
  if (!isObject(condition)) return false;
  const keys: string[] = [];
  for (const operator of Object.keys(condition)) {
    const tests = condition[operator];
    if (isObject(tests)) keys.push(...Object.keys(tests));
  }
  return keys.length > 0 && keys.every((key) => key.toLowerCase() === 'aws:securetransport');
}

/** IAM action wildcards: `*` any run of characters, `?` one. */
function glob(pattern: string, action: string): boolean {
  let p = 0;
  let a = 0;
  let star = -1;
  let mark = 0;
  while (a < action.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === action[a])) {
      p++;
      a++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = a;
    } else if (star >= 0) {
      p = star + 1;
      a = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function parse(text: string): IacValue | Unresolved | null {
  if (text.length > MAX_POLICY_CHARS) return null;
  try {
    return JSON.parse(text) as IacValue;
  } catch {
    return null;
  }
}

export { glob as matchesWildcard };
