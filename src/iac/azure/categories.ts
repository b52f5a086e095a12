/**
 * The log categories a diagnostic setting enables: azurerm 4.x `enabled_log { category |
 * category_group }`, the 3.x `log { category, enabled }` blocks (removed in 4.0; `enabled`
 * defaults to true), and `metric` / `enabled_metric` blocks. Category names are compared without
 * case, as Azure does.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { IacValue } from '../../model/cloud.js';
import { blocksOf, boolOf, stringOf } from '../values.js';

export interface Categories {
  /** Enabled log categories, as written, sorted. */
  categories: string[];
  /** Enabled category groups (`allLogs`, `audit`), sorted. */
  groups: string[];
  /** Enabled metric categories (`AllMetrics`), sorted. */
  metrics: string[];
  /** Why some entries cannot be read (a dynamic block over an unknown list, a category from a variable without a value). */
  unknown: string | null;
  /** The block attribute that holds the unknown entry, for its location. */
  unknownAt: string | null;
}

export function readCategories(values: Record<string, IacValue>): Categories {
  const categories = new Set<string>();
  const groups = new Set<string>();
  const metrics = new Set<string>();
  let unknown: string | null = null;
  let unknownAt: string | null = null;
  const note = (reason: string, at: string): void => {
    if (unknown === null) {
      unknown = reason;
      unknownAt = at;
    }
  };
  for (const attribute of ['enabled_log', 'log']) {
    if (!Object.prototype.hasOwnProperty.call(values, attribute)) continue;
    const blocks = blocksOf(values[attribute]);
    if (isUnresolved(blocks)) {
      note(blocks.reason, attribute);
      continue;
    }
    for (const block of blocks) {
      // `enabled_log` blocks are enabled by being there; legacy `log` blocks default to enabled = true.
      const enabled = attribute === 'log' ? boolOf(block.enabled) : true;
      if (isUnresolved(enabled)) {
        note(enabled.reason, `${attribute}.enabled`);
        continue;
      }
      if (enabled === false) continue;
      const category = stringOf(block.category);
      const group = stringOf(block.category_group);
      if (isUnresolved(category)) note(category.reason, `${attribute}.category`);
      else if (category) categories.add(category);
      if (isUnresolved(group)) note(group.reason, `${attribute}.category_group`);
      else if (group) groups.add(group);
    }
  }
  for (const attribute of ['metric', 'enabled_metric']) {
    const blocks = blocksOf(values[attribute]);
    if (isUnresolved(blocks)) continue;
    for (const block of blocks) {
      const enabled = attribute === 'metric' ? boolOf(block.enabled) : true;
      const category = stringOf(block.category);
      if (enabled !== false && typeof category === 'string') metrics.add(category);
    }
  }
  return { categories: sorted(categories), groups: sorted(groups), metrics: sorted(metrics), unknown, unknownAt };
}

/** What a target kind's audit logging needs: every category of `all`, or one of `any`; `groups` stand for all of them. */
export interface Requirement {
  all?: string[];
  any?: string[];
  groups: string[];
}

/**
 * The categories a requirement misses: [] when met (a covering group counts), the missing ones
 * otherwise, null when entries that cannot be read might supply them.
 */
export function missingFrom(read: Categories, requirement: Requirement): string[] | null {
  const have = new Set(read.categories.map((c) => c.toLowerCase()));
  const groups = new Set(read.groups.map((g) => g.toLowerCase()));
  if (requirement.groups.some((g) => groups.has(g.toLowerCase()))) return [];
  let missing: string[] = [];
  if (requirement.all) missing = requirement.all.filter((c) => !have.has(c.toLowerCase()));
  else if (requirement.any && !requirement.any.some((c) => have.has(c.toLowerCase()))) missing = [...requirement.any];
  if (missing.length > 0 && read.unknown !== null) return null;
  return missing;
}

export function hasGroup(read: Categories, group: string): boolean {
  return read.groups.some((g) => g.toLowerCase() === group.toLowerCase());
}

function sorted(set: Set<string>): string[] {
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
