/**
 * Builds one subject's facts from one resource: every fact gets the location of the attribute
 * that decided it, and a value that cannot be known statically becomes a `null` fact with the
 * reason (so rules give no-evidence naming it, never a guess).
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, Unresolved } from '../../model/cloud.js';
import type { Subject, SubjectKind } from '../../model/subject.js';
import type { Area, Location } from '../../model/vocabulary.js';

export type FactValue = string | number | boolean | null | FactValue[] | { [key: string]: FactValue };

export class FactSheet {
  readonly facts: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  readonly locations: Record<string, Location> = Object.create(null) as Record<string, Location>;
  readonly unknown: Record<string, string> = Object.create(null) as Record<string, string>;

  constructor(readonly resource: CloudResource) {
    if (isUnresolved(resource.exists)) this.set('exists', resource.exists, 'count');
    else this.set('exists', true);
  }

  /**
   * Sets a fact (a dotted path makes nested objects). `attribute` is the resource attribute
   * (dotted, without block indices) the value was read from, for the finding's location; absent
   * attributes fall back to their closest written ancestor, then to the resource's header.
   */
  set(fact: string, value: FactValue | Unresolved, attribute?: string): void {
    if (isUnresolved(value)) {
      this.put(fact, null);
      this.unknown[fact] = value.reason;
    } else {
      this.put(fact, value);
    }
    this.locations[fact] = this.locate(attribute);
  }

  /** Marks a fact null with a reason of our own (a construct not understood). */
  unknownFact(fact: string, reason: string, attribute?: string): void {
    this.put(fact, null);
    this.unknown[fact] = reason;
    this.locations[fact] = this.locate(attribute);
  }

  locate(attribute?: string): Location {
    if (attribute === undefined) return this.resource.at;
    const parts = attribute.split('.');
    while (parts.length > 0) {
      const found = Object.prototype.hasOwnProperty.call(this.resource.locations, parts.join('.'))
        ? this.resource.locations[parts.join('.')]
        : undefined;
      if (found) return found;
      parts.pop();
    }
    return this.resource.at;
  }

  subject(kind: SubjectKind, pillars: Area[]): Subject {
    return {
      kind,
      id: this.resource.address,
      path: this.resource.path,
      pillars,
      facts: { ...this.facts },
      locations: { ...this.locations },
      unreadable: {},
      unknown: { ...this.unknown },
      declaredAt: this.resource.at,
    };
  }

  private put(fact: string, value: FactValue): void {
    const parts = fact.split('.');
    let node = this.facts;
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
}

/** A resource that exists for sure (not only maybe, by a `count` on an unknown variable). */
export function surelyExists(resource: CloudResource): boolean {
  return resource.exists === true;
}

/** `google_storage_bucket` from a reference address (`module.x.google_storage_bucket.logs[0]`). */
export function typeOfAddress(address: string): string | null {
  const parts = address.replace(/\[[^\]]*\]$/, '').split('.');
  if (parts.length < 2) return null;
  return parts[parts.length - 2] ?? null;
}
