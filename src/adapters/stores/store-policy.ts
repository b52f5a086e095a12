/**
 * What every store adapter hands on for one retention policy: the `RetentionPolicy` the linker
 * joins, and a `log-store` subject the rules judge, built from the same facts so the two never
 * disagree.
 */
import type { RetentionPolicy } from '../../model/pipeline.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';

export interface StoreFacts {
  store: RetentionPolicy['store'];
  name: string;
  indexPatterns: string[];
  /** Days after which data is deleted (the youngest age at which the policy may delete it). */
  retentionDays: number | null;
  /** True when the policy never deletes. */
  unbounded: boolean | null;
  readOnlyAfterDays: number | null;
  /** Whether retention was configured in the file rather than left to a default; null when the file cannot tell. */
  explicit: boolean | null;
  /**
   * A lower bound of the days data is kept: `retentionDays` when data is deleted, the days until
   * it is archived when an archive of unknown lifetime keeps it (Splunk coldToFrozenDir).
   */
  minRetentionDays: number | null;
  /** Days data stays searchable at full speed (hot and warm tiers); null when unknown or unbounded. */
  hotDays: number | null;
  /** True when nothing ends searchability (no frozen tier, no deletion). */
  hotUnbounded: boolean | null;
}

export interface StoreRead {
  policy: RetentionPolicy;
  subject: Subject;
}

/**
 * The policy and its subject. `locations` maps fact paths to the line that decides them; the
 * policy keeps the same map. `extra` holds the store-specific facts (phases, streams, ...).
 */
export function storeOutputs(path: string, facts: StoreFacts, extra: Record<string, unknown>, at: Location, locations: Record<string, Location>): StoreRead {
  const patterns = [...new Set(facts.indexPatterns)].sort();
  const policy: RetentionPolicy = {
    store: facts.store,
    name: facts.name,
    indexPatterns: patterns,
    retentionDays: facts.retentionDays,
    unbounded: facts.unbounded,
    readOnlyAfterDays: facts.readOnlyAfterDays,
    at,
    locations: { ...locations },
  };
  const subject: Subject = {
    kind: 'log-store',
    id: `log-store:${facts.store}:${facts.name}`,
    path,
    // The linker widens these to the pillars of the sources whose events reach the store.
    pillars: ['visibility'],
    facts: { ...extra, ...facts, indexPatterns: patterns },
    locations: { ...locations },
    unreadable: {},
    declaredAt: at,
  };
  return { policy, subject };
}

/** The file name without folders and the last extension: the policy name when the file names none. */
export function fileStem(path: string): string {
  const base = path.split('/').pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Strings of a list (or a single string), in order, without blanks. */
export function stringList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}
