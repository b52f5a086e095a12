/**
 * Builds one Azure subject from one resource: every fact a rule reads gets the line that decided it
 * (the attribute's line, else the resource's header), and a value that cannot be known statically
 * becomes a null fact with the reason, so a rule on it gives no-evidence instead of a guess.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource } from '../../model/cloud.js';
import type { Subject, SubjectKind } from '../../model/subject.js';
import type { Area, Location } from '../../model/vocabulary.js';
import type { Read } from '../values.js';

export class SubjectBuilder {
  readonly facts: Record<string, unknown> = {};
  readonly locations: Record<string, Location> = {};
  readonly unknown: Record<string, string> = {};

  constructor(
    readonly resource: CloudResource,
    readonly kind: SubjectKind,
    readonly pillars: Area[],
  ) {
    if (isUnresolved(resource.exists)) this.unknownFact('exists', resource.exists.reason);
    else this.put('exists', true);
  }

  /** Where an attribute is written (dotted path without block indices), else the resource header. */
  at(attribute?: string): Location {
    if (attribute !== undefined && Object.prototype.hasOwnProperty.call(this.resource.locations, attribute)) {
      const found = this.resource.locations[attribute];
      if (found) return found;
    }
    return this.resource.at;
  }

  /** Sets a fact (dotted path) and where it is decided. */
  put(fact: string, value: unknown, where?: string | Location): void {
    setPath(this.facts, fact, value);
    this.locations[fact] = typeof where === 'object' ? where : this.at(where);
  }

  /** A null fact with the reason it is unknown. */
  unknownFact(fact: string, reason: string, where?: string | Location): void {
    this.put(fact, null, where);
    this.unknown[fact] = reason;
  }

  /**
   * Sets a fact from a read value: unresolved → null with its reason; not written → `fallback`
   * (the provider's documented default) when one is given, else null.
   */
  read<T>(fact: string, value: Read<T>, where?: string, fallback?: T): T | null {
    if (isUnresolved(value)) {
      this.unknownFact(fact, value.reason, where);
      return null;
    }
    const result = value ?? (fallback === undefined ? null : fallback);
    this.put(fact, result, where);
    return result;
  }

  build(): Subject {
    const subject: Subject = {
      kind: this.kind,
      id: this.resource.address,
      path: this.resource.path,
      pillars: [...this.pillars],
      facts: this.facts,
      locations: this.locations,
      unreadable: {},
      declaredAt: this.resource.at,
    };
    if (Object.keys(this.unknown).length > 0) subject.unknown = this.unknown;
    return subject;
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) current = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      current[part] = created;
      current = created;
    }
  }
  current[parts[parts.length - 1] as string] = value;
}
