/**
 * `terraform show -json` of a plan (or of a state) → `CloudResource`s: each managed resource of
 * `planned_values` (`values` for a state), its root module and child modules, with the values
 * Terraform resolved. What the plan cannot know until apply (`after_unknown`) becomes
 * `Unresolved('known after apply')` with the resources its expression refers to, read from the
 * plan's `configuration`. The plan file is the stack: references resolve within it.
 */
import type { StructuredDocument } from '../../documents/yaml-document.js';
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import type { Unknown } from '../../model/pipeline.js';
import type { Location } from '../../model/vocabulary.js';
import { isRecord } from '../../util/is-record.js';
import { attributePaths, setOwn, toIacValue } from './json-values.js';
import { configModule, configResource, expressionAt, parseAddress, referencedAddresses } from './references.js';

export const KNOWN_AFTER_APPLY = 'known after apply';
/**
 * `terraform show -json` writes sensitive values in plain text (marked in `sensitive_values` and
 * `after_sensitive`). They are never read: a value that is read can end up quoted in a reason
 * ("not a boolean: ...") or a message, so each becomes Unresolved with this reason instead.
 */
export const SENSITIVE = 'sensitive in the plan: not read';

/** Child modules nested deeper than this are not read (Terraform itself has no such limit; plans never come close). */
const MAX_MODULE_DEPTH = 32;

export interface PlanRead {
  resources: CloudResource[];
  problems: { at: Location; message: string }[];
  unknowns: Unknown[];
}

type JsonPath = (string | number)[];

interface PlannedResource {
  address: string;
  type: string;
  name: string;
  values: unknown;
  /** JSON path of the resource object, and of its values. */
  at: JsonPath;
  valuesAt: JsonPath;
  afterUnknown: unknown;
  /** Where values are sensitive: `sensitive_values` and `after_sensitive` (true marks a value). */
  sensitive: unknown[];
}

/** True for the `terraform show -json` output of a plan or a state. */
export function isPlanDocument(data: unknown): boolean {
  if (!isRecord(data)) return false;
  if (typeof data['format_version'] !== 'string' || typeof data['terraform_version'] !== 'string') return false;
  return ['planned_values', 'resource_changes', 'configuration', 'values'].some((key) => Object.prototype.hasOwnProperty.call(data, key));
}

export function readPlan(doc: StructuredDocument): PlanRead {
  const data = isRecord(doc.data) ? doc.data : {};
  const problems: PlanRead['problems'] = [];
  const unknowns: Unknown[] = [];
  const changes = changesByAddress(data['resource_changes']);
  const planned = plannedResources(data, changes);
  if (planned === null) {
    problems.push({ at: doc.locate([]), message: 'the plan has no planned_values, values or resource_changes to read resources from' });
    return { resources: [], problems, unknowns };
  }
  const configuration = isRecord(data['configuration']) ? data['configuration']['root_module'] : undefined;
  const resources: CloudResource[] = [];
  for (const item of planned) {
    const parsed = parseAddress(item.address);
    const config = parsed ? configResource(configModule(configuration, parsed.modules), item.type, item.name) : null;
    const made = toIacValue(isRecord(item.values) ? item.values : {});
    const values: Record<string, IacValue> = isRecord(made) && !isUnresolved(made) && !Array.isArray(made) ? (made as Record<string, IacValue>) : {};
    const refsAt = (path: JsonPath): string[] => (parsed ? referencedAddresses(configuration, parsed, expressionAt(config?.['expressions'], path)) : []);
    for (const tree of item.sensitive) maskSensitive(values, tree, [], (path) => new Unresolved(SENSITIVE, refsAt(path)), 0);
    const unknownOf = (path: JsonPath): Unresolved => new Unresolved(KNOWN_AFTER_APPLY, refsAt(path));
    // A value neither in the planned values nor in after_unknown is not set: read as null.
    overlayUnknown(values, item.afterUnknown, [], unknownOf, 0);
    const locations: Record<string, Location> = {};
    for (const { dotted, json } of attributePaths(values)) {
      // Defined, not assigned: an attribute named `__proto__` must not replace the record's prototype.
      if (hasPath(item.values, json)) Object.defineProperty(locations, dotted, { value: doc.locate([...item.valuesAt, ...json]), enumerable: true, writable: true, configurable: true });
    }
    resources.push({
      address: item.address,
      type: item.type,
      name: item.name,
      source: 'terraform-plan',
      stack: doc.path,
      path: doc.path,
      values,
      at: doc.locate(item.at),
      locations,
      exists: true,
    });
  }
  return { resources, problems, unknowns };
}

interface Change {
  afterUnknown: unknown;
  afterSensitive: unknown;
  index: number;
  change: Record<string, unknown>;
}

function changesByAddress(list: unknown): Map<string, Change> {
  const out = new Map<string, Change>();
  if (!Array.isArray(list)) return out;
  list.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry['address'] !== 'string' || !isRecord(entry['change'])) return;
    if (!out.has(entry['address'])) out.set(entry['address'], { afterUnknown: entry['change']['after_unknown'], afterSensitive: entry['change']['after_sensitive'], index, change: entry['change'] });
  });
  return out;
}

/** The managed resources of the planned values (or of a state's values; or, lacking both, of the changes). */
function plannedResources(data: Record<string, unknown>, changes: ReturnType<typeof changesByAddress>): PlannedResource[] | null {
  const out: PlannedResource[] = [];
  for (const key of ['planned_values', 'values']) {
    const section = data[key];
    if (!isRecord(section) || !isRecord(section['root_module'])) continue;
    walkModule(section['root_module'], [key, 'root_module'], 0, out, changes);
    return out;
  }
  const list = data['resource_changes'];
  if (!Array.isArray(list)) return null;
  list.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || !isManaged(entry) || !isRecord(entry['change'])) return;
    const change = entry['change'];
    const actions = change['actions'];
    if (Array.isArray(actions) && actions.length === 1 && actions[0] === 'delete') return;
    if (!isRecord(change['after']) && !isRecord(change['after_unknown'])) return;
    out.push({
      address: String(entry['address']),
      type: String(entry['type']),
      name: String(entry['name']),
      values: change['after'],
      at: ['resource_changes', index],
      valuesAt: ['resource_changes', index, 'change', 'after'],
      afterUnknown: change['after_unknown'],
      sensitive: [change['after_sensitive']],
    });
  });
  return out;
}

function isManaged(entry: Record<string, unknown>): boolean {
  return (entry['mode'] ?? 'managed') === 'managed' && typeof entry['address'] === 'string' && typeof entry['type'] === 'string' && typeof entry['name'] === 'string';
}

function walkModule(module: Record<string, unknown>, at: JsonPath, depth: number, out: PlannedResource[], changes: ReturnType<typeof changesByAddress>): void {
  if (depth > MAX_MODULE_DEPTH) return;
  const resources = module['resources'];
  if (Array.isArray(resources)) {
    resources.forEach((entry: unknown, index) => {
      if (!isRecord(entry) || !isManaged(entry)) return;
      const address = String(entry['address']);
      out.push({
        address,
        type: String(entry['type']),
        name: String(entry['name']),
        values: entry['values'],
        at: [...at, 'resources', index],
        valuesAt: [...at, 'resources', index, 'values'],
        afterUnknown: changes.get(address)?.afterUnknown,
        sensitive: [entry['sensitive_values'], changes.get(address)?.afterSensitive],
      });
    });
  }
  const children = module['child_modules'];
  if (Array.isArray(children)) {
    children.forEach((child: unknown, index) => {
      if (isRecord(child)) walkModule(child, [...at, 'child_modules', index], depth + 1, out, changes);
    });
  }
}

/**
 * Replaces each value a sensitivity tree marks true (an attribute, a block's attribute, a list
 * item, or the whole) with `Unresolved`; a value not set (null) stays null, which tells nothing.
 */
function maskSensitive(values: Record<string, IacValue>, tree: unknown, path: JsonPath, hidden: (path: JsonPath) => Unresolved, depth: number): void {
  if (tree === true) {
    for (const key of Object.keys(values)) if (values[key] !== null) setOwn(values, key, hidden([...path, key]));
    return;
  }
  if (!isRecord(tree) || depth > 64) return;
  for (const key of Object.keys(tree)) {
    if (!Object.prototype.hasOwnProperty.call(values, key)) continue;
    const next = masked(values[key] ?? null, tree[key], [...path, key], hidden, depth + 1);
    if (next !== undefined) setOwn(values, key, next);
  }
}

function masked(value: IacValue, tree: unknown, path: JsonPath, hidden: (path: JsonPath) => Unresolved, depth: number): IacValue | undefined {
  if (value === null || isUnresolved(value)) return undefined;
  if (tree === true) return hidden(path);
  if (depth > 64) return undefined;
  if (Array.isArray(tree) && Array.isArray(value)) {
    tree.forEach((item: unknown, index) => {
      if (index >= value.length) return;
      const next = masked(value[index] ?? null, item, [...path, index], hidden, depth + 1);
      if (next !== undefined) value[index] = next;
    });
  } else if (isRecord(tree) && typeof value === 'object' && !Array.isArray(value)) {
    maskSensitive(value, tree, path, hidden, depth + 1);
  }
  return undefined;
}

/** True when `after_unknown` marks something unknown somewhere inside. */
function hasUnknown(tree: unknown, depth: number): boolean {
  if (tree === true) return true;
  if (depth > 64) return false;
  if (Array.isArray(tree)) return tree.some((item) => hasUnknown(item, depth + 1));
  if (isRecord(tree)) return Object.keys(tree).some((key) => hasUnknown(tree[key], depth + 1));
  return false;
}

/**
 * Puts `Unresolved` where `after_unknown` says true: an attribute, a block's attribute, a list
 * item. Terraform leaves such values out of `planned_values`; blocks that hold one are created.
 */
function overlayUnknown(values: Record<string, IacValue>, tree: unknown, path: JsonPath, unknownOf: (path: JsonPath) => Unresolved, depth: number): void {
  if (!isRecord(tree)) return;
  for (const key of Object.keys(tree)) {
    const current = Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;
    const next = overlay(current, tree[key], [...path, key], unknownOf, depth + 1);
    if (next !== undefined) setOwn(values, key, next);
  }
}

function overlay(value: IacValue | undefined, tree: unknown, path: JsonPath, unknownOf: (path: JsonPath) => Unresolved, depth: number): IacValue | undefined {
  if (tree === true) return unknownOf(path);
  if (depth > 64 || !hasUnknown(tree, 0)) return value;
  if (Array.isArray(tree)) {
    const list: IacValue[] = Array.isArray(value) ? value : [];
    tree.forEach((item: unknown, index) => {
      while (list.length < index) list.push(null);
      const next = overlay(list[index], item, [...path, index], unknownOf, depth + 1);
      if (next !== undefined) list[index] = next;
    });
    return list;
  }
  if (isRecord(tree)) {
    const object: Record<string, IacValue> = value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value) && !isUnresolved(value) ? value : {};
    overlayUnknown(object, tree, path, unknownOf, depth + 1);
    return object;
  }
  return value;
}

function hasPath(root: unknown, path: JsonPath): boolean {
  let current: unknown = root;
  for (const step of path) {
    if (typeof step === 'number' ? !Array.isArray(current) || step >= current.length : !isRecord(current) || !Object.prototype.hasOwnProperty.call(current, step)) return false;
    current = typeof step === 'number' ? (current as unknown[])[step] : (current as Record<string, unknown>)[step];
  }
  return true;
}
