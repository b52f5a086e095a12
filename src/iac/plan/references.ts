/**
 * What a plan's `configuration` says an unknown value refers to. Terraform lists, for each
 * argument of each resource, the references of its expression (`aws_s3_bucket.b.id`,
 * `aws_s3_bucket.b`, `var.bucket`, `module.logs.bucket_id`); those become resource addresses of the
 * plan, qualified with the module instance the resource lives in (`module.x.aws_s3_bucket.b`).
 * Variables of a child module are followed to the caller's argument, and module outputs to their
 * expression, a bounded number of times.
 */
import { isRecord } from '../../util/is-record.js';

/** Follows `var.*` and `module.*.*` through module boundaries at most this many times. */
const MAX_HOPS = 8;

/** A module of the plan's `configuration`: its resources, module calls, variables and outputs. */
export type ConfigModule = Record<string, unknown>;

/** One step of a resource address: `module.logs[0].` parts and the resource itself. */
export interface ParsedAddress {
  /** Module call names from the root, without instance keys: `['logs', 'bucket']`. */
  modules: string[];
  /** The module instance prefix as written, ending in a dot, or '' in the root: `module.logs[0].`. */
  prefix: string;
  /** `aws_s3_bucket.b[0]` → `aws_s3_bucket`, `b`. */
  type: string;
  name: string;
}

const STEP = /^module\.([A-Za-z_][\w-]*)((?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?)\./;
const RESOURCE = /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)((?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?)/;

export function parseAddress(address: string): ParsedAddress | null {
  const modules: string[] = [];
  let rest = address;
  let prefix = '';
  for (let match = STEP.exec(rest); match !== null; match = STEP.exec(rest)) {
    modules.push(match[1] ?? '');
    prefix += match[0];
    rest = rest.slice(match[0].length);
  }
  const resource = RESOURCE.exec(rest);
  if (!resource || resource[1] === 'data') return null;
  return { modules, prefix, type: resource[1] ?? '', name: resource[2] ?? '' };
}

/** The configuration module at a module path (call names from the root), or null. */
export function configModule(root: unknown, modules: readonly string[]): ConfigModule | null {
  let current: unknown = root;
  for (const name of modules) {
    const calls = isRecord(current) ? current['module_calls'] : undefined;
    const call = isRecord(calls) && Object.prototype.hasOwnProperty.call(calls, name) ? calls[name] : undefined;
    current = isRecord(call) ? call['module'] : undefined;
  }
  return isRecord(current) ? current : null;
}

/** The managed resource of a configuration module with this type and name, or null. */
export function configResource(module: ConfigModule | null, type: string, name: string): Record<string, unknown> | null {
  const list = module?.['resources'];
  if (!Array.isArray(list)) return null;
  const found = list.find((r) => isRecord(r) && r['type'] === type && r['name'] === name && (r['mode'] ?? 'managed') === 'managed');
  return isRecord(found) ? found : null;
}

function isExpression(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && (Array.isArray(value['references']) || Object.prototype.hasOwnProperty.call(value, 'constant_value'));
}

/**
 * The expression written for an attribute path (`['logging', 0, 'target_bucket']`) in a
 * resource's `expressions`: nested blocks are arrays of expression maps; an attribute whose value
 * is an object (tags) has one expression for the whole.
 */
export function expressionAt(expressions: unknown, path: readonly (string | number)[]): Record<string, unknown> | null {
  let current: unknown = expressions;
  for (const step of path) {
    // An attribute whose value is an object or a list (tags, a list of ARNs) has one expression.
    if (isExpression(current)) return current;
    if (typeof step === 'number') {
      if (Array.isArray(current)) current = current[step < current.length ? step : 0];
      continue;
    }
    if (Array.isArray(current)) current = current[0];
    if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, step)) return null;
    current = current[step];
  }
  if (isExpression(current)) return current;
  // A whole block: the references of every expression inside it.
  const references: unknown[] = [];
  const collect = (value: unknown, depth: number): void => {
    if (depth > 32 || references.length > 1000) return;
    if (isExpression(value)) references.push(...(Array.isArray(value['references']) ? value['references'] : []));
    else if (Array.isArray(value)) for (const item of value) collect(item, depth + 1);
    else if (isRecord(value)) for (const key of Object.keys(value)) collect(value[key], depth + 1);
  };
  collect(current, 0);
  return references.length > 0 ? { references } : null;
}

/**
 * The resource addresses an expression's references name, as plan addresses: qualified with the
 * module instance prefix, the most specific form kept (`aws_s3_bucket.b[0]` over `aws_s3_bucket.b`).
 */
export function referencedAddresses(root: unknown, at: ParsedAddress, expression: Record<string, unknown> | null): string[] {
  const found = new Set<string>();
  const visit = (refs: unknown, modules: readonly string[], prefix: string, hops: number): void => {
    if (!Array.isArray(refs) || hops > MAX_HOPS) return;
    for (const ref of refs) {
      if (typeof ref !== 'string') continue;
      if (ref.startsWith('var.')) {
        // A child module's variable: the caller's argument, in the caller's module.
        if (modules.length === 0) continue;
        const name = /^var\.([A-Za-z_][\w-]*)/.exec(ref)?.[1];
        const parentModules = modules.slice(0, -1);
        const call = moduleCall(root, parentModules, modules[modules.length - 1] ?? '');
        const argument = name !== undefined && call ? expressionOf(call['expressions'], name) : null;
        if (argument) visit(argument['references'], parentModules, parentPrefix(prefix), hops + 1);
        continue;
      }
      const output = /^module\.([A-Za-z_][\w-]*)((?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?)\.([A-Za-z_][\w-]*)/.exec(ref);
      if (output) {
        const [, callName = '', key = '', outputName = ''] = output;
        const child = configModule(root, [...modules, callName]);
        const outputs = child?.['outputs'];
        const out = isRecord(outputs) && Object.prototype.hasOwnProperty.call(outputs, outputName) ? outputs[outputName] : undefined;
        const expression = isRecord(out) ? out['expression'] : undefined;
        if (isRecord(expression)) visit(expression['references'], [...modules, callName], `${prefix}module.${callName}${key}.`, hops + 1);
        continue;
      }
      if (/^(local|each|count|path|terraform|self|data|module)\./.test(ref)) continue;
      const resource = RESOURCE.exec(ref);
      if (resource) found.add(`${prefix}${resource[1] ?? ''}.${resource[2] ?? ''}${resource[3] ?? ''}`);
    }
  };
  visit(expression?.['references'], at.modules, at.prefix, 0);
  // `aws_s3_bucket.b[0]` names one instance; drop the bare `aws_s3_bucket.b` Terraform lists too.
  const all = [...found];
  return all.filter((address) => !all.some((other) => other !== address && other.startsWith(address) && other[address.length] === '[')).sort();
}

function expressionOf(expressions: unknown, name: string): Record<string, unknown> | null {
  if (!isRecord(expressions) || !Object.prototype.hasOwnProperty.call(expressions, name)) return null;
  const value = expressions[name];
  return isExpression(value) ? value : null;
}

function moduleCall(root: unknown, parent: readonly string[], name: string): Record<string, unknown> | null {
  const module = configModule(root, parent);
  const calls = module?.['module_calls'];
  const call = isRecord(calls) && Object.prototype.hasOwnProperty.call(calls, name) ? calls[name] : undefined;
  return isRecord(call) ? call : null;
}

/** `module.a.module.b[0].` → `module.a.` */
function parentPrefix(prefix: string): string {
  const parts = prefix.match(/module\.[A-Za-z_][\w-]*(?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?\./g) ?? [];
  return parts.slice(0, -1).join('');
}
