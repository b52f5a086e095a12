/**
 * The resource-hierarchy node a GCP resource belongs to (a project, folder, organization or
 * billing account), named the way Google names it: `projects/my-project`, `folders/123`,
 * `organizations/456`, `billingAccounts/0123-4567-89AB`.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import { isObject } from '../values.js';
import { typeOfAddress } from '../resolve.js';

export type ScopeKind = 'project' | 'folder' | 'organization' | 'billing_account';

const PLURAL: Record<ScopeKind, string> = {
  project: 'projects',
  folder: 'folders',
  organization: 'organizations',
  billing_account: 'billingAccounts',
};

export interface Scope {
  kind: ScopeKind;
  /** The attribute naming it (`project`, `folder`, `org_id`, ...). */
  attribute: string;
  /**
   * `projects/my-project`; for a reference to a resource whose id is computed, the resource's
   * address (`folders/google_folder.security`); for an omitted `project`, the provider's default
   * project of the stack. Null when it cannot be known (then `why` says why).
   */
  name: string | null;
  /** The id alone (`my-project`, `123`), when written. */
  id: string | null;
  why: Unresolved | null;
}

/** The scope of a resource, from the attribute its type uses. */
export function scopeOf(resource: CloudResource, kind: ScopeKind, attribute: string, all: readonly CloudResource[]): Scope {
  const value = Object.prototype.hasOwnProperty.call(resource.values, attribute) ? resource.values[attribute] : undefined;
  if (value === undefined || value === null) {
    // Google provider 5.x/6.x: an omitted `project` is the provider's default project; the other
    // parents are required arguments.
    if (kind === 'project') return { kind, attribute, name: `projects/(default project of ${resource.stack})`, id: null, why: null };
    return { kind, attribute, name: null, id: null, why: new Unresolved(`${attribute} is not set`) };
  }
  if (typeof value === 'string' || typeof value === 'number') {
    const id = stripPrefix(String(value).trim(), kind);
    return { kind, attribute, name: `${PLURAL[kind]}/${id}`, id, why: null };
  }
  if (isUnresolved(value)) {
    const viaProject = kind === 'project' ? projectIdOfRefs(resource, value, all) : null;
    if (viaProject) return { kind, attribute, name: `projects/${viaProject}`, id: viaProject, why: null };
    const ref = value.refs[0];
    if (ref !== undefined) return { kind, attribute, name: `${PLURAL[kind]}/${ref}`, id: null, why: value };
    return { kind, attribute, name: null, id: null, why: value };
  }
  return { kind, attribute, name: null, id: null, why: new Unresolved(`${attribute} is not a name`) };
}

/** `folders/123` → `123` for a folder; a bare id stays as it is. */
export function stripPrefix(text: string, kind: ScopeKind): string {
  const prefixes = kind === 'billing_account' ? ['billingAccounts/'] : [`${PLURAL[kind]}/`];
  for (const prefix of prefixes) if (text.startsWith(prefix)) return text.slice(prefix.length);
  return text;
}

export function pluralOf(kind: ScopeKind): string {
  return PLURAL[kind];
}

/**
 * `project = google_project.main.project_id` (or `google_project_service.api.project`): the
 * project id written on the resource it refers to (same stack), when that is a literal.
 */
function projectIdOfRefs(resource: CloudResource, value: Unresolved, all: readonly CloudResource[]): string | null {
  for (const ref of value.refs) {
    const target = all.find((r) => r.stack === resource.stack && r.address === ref);
    if (!target || !isObject(target.values)) continue;
    const attribute = typeOfAddress(ref) === 'google_project' ? 'project_id' : 'project';
    const id: IacValue | undefined = Object.prototype.hasOwnProperty.call(target.values, attribute) ? target.values[attribute] : undefined;
    if (typeof id === 'string' && id.trim() !== '') return stripPrefix(id.trim(), 'project');
  }
  return null;
}
