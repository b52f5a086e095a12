/**
 * A local module called from several root modules (one per account, per environment) yields the
 * same address in the same file once per root: `module.audit.aws_cloudtrail.this` in
 * `modules/audit/main.tf`, for every account. Findings, sources and fingerprints would collide, so
 * such resources are named with their root first (`accounts/prod:module.audit.aws_cloudtrail.this`),
 * and the references inside that root follow. A file evaluated by one root keeps plain addresses.
 */
import { Unresolved, isUnresolved } from '../model/cloud.js';
import type { CloudResource, IacValue } from '../model/cloud.js';

export function qualifySharedAddresses(resources: readonly CloudResource[]): CloudResource[] {
  const stacksByFile = new Map<string, Set<string>>();
  for (const r of resources) {
    const stacks = stacksByFile.get(r.path) ?? new Set<string>();
    stacks.add(r.stack);
    stacksByFile.set(r.path, stacks);
  }
  const renames = new Map<string, Map<string, string>>();
  for (const r of resources) {
    if ((stacksByFile.get(r.path)?.size ?? 0) < 2) continue;
    const names = renames.get(r.stack) ?? new Map<string, string>();
    names.set(r.address, `${r.stack}:${r.address}`);
    renames.set(r.stack, names);
  }
  if (renames.size === 0) return [...resources];
  return resources.map((r) => {
    const names = renames.get(r.stack);
    if (!names) return r;
    return { ...r, address: names.get(r.address) ?? r.address, values: renameRefs(r.values, names) as Record<string, IacValue> };
  });
}

/** The value with every reference to a renamed resource (or one of its instances) renamed. */
function renameRefs(value: IacValue | Record<string, IacValue>, names: ReadonlyMap<string, string>, depth = 0): IacValue | Record<string, IacValue> {
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (isUnresolved(value)) {
    if (value.refs.length === 0) return value;
    return new Unresolved(value.reason, value.refs.map((ref) => names.get(ref) ?? renameBase(ref, names)));
  }
  if (Array.isArray(value)) return value.map((item) => renameRefs(item, names, depth + 1) as IacValue);
  const out: Record<string, IacValue> = {};
  for (const key of Object.keys(value)) out[key] = renameRefs(value[key] as IacValue, names, depth + 1) as IacValue;
  return out;
}

/** A reference without an instance key to a resource with instances: rename by its base. */
function renameBase(ref: string, names: ReadonlyMap<string, string>): string {
  for (const [from, to] of names) {
    if (from.startsWith(`${ref}[`)) return to.slice(0, to.length - from.length) + ref;
  }
  return ref;
}
