/**
 * Builds one subject's facts from a cloud resource: every fact gets a location (the attribute's
 * line, else the resource's), and a value that cannot be known statically becomes a `null` fact
 * with the reason in `unknown`, so the rule reading it gives no-evidence naming why.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, Unresolved } from '../../model/cloud.js';
import type { Subject, SubjectKind } from '../../model/subject.js';
import type { Area, Location } from '../../model/vocabulary.js';

/** Where an attribute of a resource is written: its dotted path, else the closest ancestor, else the resource. */
export function locate(resource: CloudResource, attribute: string | undefined): Location {
  if (attribute === undefined) return resource.at;
  const parts = attribute.split('.');
  while (parts.length > 0) {
    const key = parts.join('.');
    if (Object.prototype.hasOwnProperty.call(resource.locations, key)) {
      const found = resource.locations[key];
      if (found) return found;
    }
    parts.pop();
  }
  return resource.at;
}

export class FactSheet {
  readonly facts: Record<string, unknown> = {};
  readonly locations: Record<string, Location> = {};
  readonly unknown: Record<string, string> = {};

  constructor(readonly resource: CloudResource) {
    if (resource.exists === true) this.put('exists', true, resource.at);
    else this.unresolved('exists', resource.exists, resource.at);
  }

  /**
   * Sets a fact read from the resource. `where` is the attribute path (looked up in the
   * resource's locations) or a location already found (an attribute of a joined resource).
   */
  set<T>(path: string, value: T | null | Unresolved, where?: string | Location): T | null {
    const at = typeof where === 'object' ? where : locate(this.resource, where);
    if (isUnresolved(value)) {
      this.unresolved(path, value, at);
      return null;
    }
    this.put(path, value, at);
    return value;
  }

  /** A null fact with the reason it is unknown. */
  unresolved(path: string, why: Unresolved | string, at?: Location): void {
    this.put(path, null, at ?? this.resource.at);
    this.unknown[path] = typeof why === 'string' ? why : why.reason;
  }

  private put(path: string, value: unknown, at: Location): void {
    setPath(this.facts, path, value);
    this.locations[path] = at;
    delete this.unknown[path];
  }

  subject(kind: SubjectKind, pillars: Area[]): Subject {
    // A resource that may not be created (`count` on a variable without a value, a
    // CloudFormation condition on a parameter) is judged on nothing: every fact is unknown, with
    // the reason, so rules give no-evidence rather than pass or fail on settings that may not exist.
    if (this.resource.exists !== true) {
      const why = `whether ${this.resource.address} is created is not known: ${this.resource.exists.reason}`;
      for (const key of Object.keys(this.facts)) {
        if (key === 'exists') continue;
        this.facts[key] = null;
        for (const path of Object.keys(this.unknown)) if (path.startsWith(`${key}.`)) delete this.unknown[path];
        this.unknown[key] = why;
      }
    }
    const subject: Subject = {
      kind,
      id: this.resource.address,
      path: this.resource.path,
      pillars: [...pillars],
      facts: this.facts,
      locations: this.locations,
      unreadable: {},
      declaredAt: this.resource.at,
    };
    if (Object.keys(this.unknown).length > 0) subject.unknown = this.unknown;
    return subject;
  }
}

/** Sets `a.b.c` in a plain object built from our own fact names (never from input keys). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}
