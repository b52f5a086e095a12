/**
 * Builds one subject's facts from a cloud resource, for every provider extractor: each fact gets a
 * location (the attribute's line, else the closest enclosing block's, else the resource's), and a
 * value that cannot be known statically becomes a `null` fact with the reason in `unknown`, so a
 * rule reading it gives no-evidence naming why.
 */
import { isUnresolved } from '../model/cloud.js';
import type { CloudResource, Unresolved } from '../model/cloud.js';
import type { Subject, SubjectKind } from '../model/subject.js';
import type { Area, Location } from '../model/vocabulary.js';

/**
 * Where an attribute of a resource is written: the first of `paths` found (a dotted path without
 * block indices), else its closest enclosing block, else the resource's declaration.
 */
export function locate(resource: CloudResource, ...paths: (string | undefined)[]): Location {
  for (const path of paths) {
    if (path === undefined) continue;
    const parts = path.split('.');
    while (parts.length > 0) {
      const found = writtenAt(resource, parts.join('.'));
      if (found) return found;
      parts.pop();
    }
  }
  return resource.at;
}

/** Where exactly this attribute is written, or undefined when it is not. */
export function writtenAt(resource: CloudResource, path: string): Location | undefined {
  return Object.prototype.hasOwnProperty.call(resource.locations, path) ? resource.locations[path] : undefined;
}

export interface SubjectOptions {
  /**
   * When the resource may not be created (`count` on a variable without a value, a CloudFormation
   * condition on a parameter), make every fact but `exists` unknown with that reason, so rules
   * give no-evidence. Without it the facts stay, and rules guard on `exists`.
   */
  unknownWhenMaybeAbsent?: boolean;
}

export class FactSheet {
  readonly facts: Record<string, unknown> = {};
  readonly locations: Record<string, Location> = {};
  readonly unknown: Record<string, string> = {};

  constructor(readonly resource: CloudResource) {
    if (resource.exists === true) this.put('exists', true, resource.at);
    else this.unknownFact('exists', resource.exists, locate(resource, 'count', 'for_each'));
  }

  /** Where a fact is decided: an attribute path of the resource, or a location already found. */
  locate(where?: string | Location): Location {
    return typeof where === 'object' ? where : locate(this.resource, where);
  }

  /** Sets a fact (dotted names make nested objects) to a known value. */
  put(fact: string, value: unknown, where?: string | Location): void {
    setPath(this.facts, fact, value);
    this.locations[fact] = this.locate(where);
    delete this.unknown[fact];
  }

  /**
   * Sets a fact read from the resource: an Unresolved value becomes null with its reason; a value
   * not written takes `fallback` (a documented default) when one is given.
   */
  set<T>(fact: string, value: T | null | Unresolved, where?: string | Location, fallback?: T): T | null {
    if (isUnresolved(value)) {
      this.unknownFact(fact, value, where);
      return null;
    }
    const result = value ?? (fallback === undefined ? null : fallback);
    this.put(fact, result, where);
    return result;
  }

  /** A null fact with the reason it is unknown. */
  unknownFact(fact: string, why: Unresolved | string, where?: string | Location): void {
    setPath(this.facts, fact, null);
    this.locations[fact] = this.locate(where);
    this.unknown[fact] = typeof why === 'string' ? why : why.reason;
  }

  /** A fact already set, by dotted name; undefined when not set. */
  get(fact: string): unknown {
    let current: unknown = this.facts;
    for (const key of fact.split('.')) {
      if (typeof current !== 'object' || current === null || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  }

  subject(kind: SubjectKind, pillars: readonly Area[], options: SubjectOptions = {}): Subject {
    if (options.unknownWhenMaybeAbsent && this.resource.exists !== true) {
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
    const next = Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}
