/**
 * A subject's facts as they are read off one or more resources: each fact gets the location of the
 * attribute that decided it, and a value that cannot be known statically becomes `null` with the
 * reason in `unknown`, so that a rule reading it gives no-evidence naming the reason.
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource, Unresolved } from '../../../model/cloud.js';
import type { Subject, SubjectKind } from '../../../model/subject.js';
import type { Area, Location } from '../../../model/vocabulary.js';

/** Where an attribute is written: the first path found, else its closest written ancestor, else the resource. */
export function locate(resource: CloudResource, ...paths: string[]): Location {
  for (const path of paths) {
    const parts = path.split('.');
    while (parts.length > 0) {
      const key = parts.join('.');
      if (Object.prototype.hasOwnProperty.call(resource.locations, key)) {
        const hit = resource.locations[key];
        if (hit) return hit;
      }
      parts.pop();
    }
  }
  return resource.at;
}

/** Where an attribute itself is written, or undefined when it is not (no fallback to ancestors). */
export function writtenAt(resource: CloudResource, path: string): Location | undefined {
  return Object.prototype.hasOwnProperty.call(resource.locations, path) ? resource.locations[path] : undefined;
}

export class FactSheet {
  readonly facts: Record<string, unknown> = {};
  readonly locations: Record<string, Location> = {};
  readonly unknown: Record<string, string> = {};

  constructor(readonly resource: CloudResource) {
    // A resource whose existence depends on an unknown value is still judged, but rules guard on `exists`.
    if (resource.exists === true) this.put('exists', true, resource.at);
    else this.unknownBecause('exists', resource.exists.reason, resource.at);
  }

  /** Sets a fact (dotted names make nested objects) and where it is decided. */
  put(fact: string, value: unknown, at: Location): void {
    setPath(this.facts, fact, value);
    this.locations[fact] = at;
    delete this.unknown[fact];
  }

  /** Sets a fact from a value that may be unresolved: an Unresolved value becomes null with its reason. */
  read<T>(fact: string, value: T | null | Unresolved, at: Location): T | null {
    if (isUnresolved(value)) {
      this.unknownBecause(fact, value.reason, at);
      return null;
    }
    this.put(fact, value, at);
    return value;
  }

  unknownBecause(fact: string, reason: string, at: Location): void {
    setPath(this.facts, fact, null);
    this.locations[fact] = at;
    this.unknown[fact] = reason;
  }

  get(fact: string): unknown {
    let current: unknown = this.facts;
    for (const key of fact.split('.')) {
      if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  }

  subject(kind: SubjectKind, pillars: Area[]): Subject {
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

function setPath(target: Record<string, unknown>, fact: string, value: unknown): void {
  const keys = fact.split('.');
  let current = target;
  keys.slice(0, -1).forEach((key) => {
    const next = Object.prototype.hasOwnProperty.call(current, key) ? current[key] : undefined;
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) current = next as Record<string, unknown>;
    else {
      const fresh: Record<string, unknown> = {};
      current[key] = fresh;
      current = fresh;
    }
  });
  current[keys[keys.length - 1] as string] = value;
}
