/**
 * S3 lifecycle rules → how long a bucket keeps what is written to it. Three syntaxes:
 * `aws_s3_bucket_lifecycle_configuration` (AWS provider 4.x+: `rule { status, filter, expiration,
 * transition, noncurrent_version_expiration }`), the legacy inline `lifecycle_rule` block of
 * `aws_s3_bucket` (provider 3.x: `enabled`, `prefix`, `tags`), and CloudFormation
 * `LifecycleConfiguration.Rules` (`Status`, `Prefix`, `TagFilters`, `ExpirationInDays`,
 * `Transitions`).
 *
 * What decides retention:
 * - Only enabled rules count; a rule whose status is unknown makes the answer unknown if it matters.
 * - Rules that apply to the whole bucket (no prefix, tag or size filter) decide `retentionDays`:
 *   the earliest expiration among them, since the first rule to expire an object deletes it.
 * - A rule filtered by prefix, tag or size may or may not cover the audit objects (a trail writes
 *   under `<prefix>/AWSLogs/`). When such a rule expires objects earlier than the whole-bucket
 *   retention (or the bucket otherwise keeps objects forever), the retention is unknown and the
 *   reason names the rule; when it expires later, the whole-bucket answer stands.
 * - In a bucket without versioning, expiration deletes the object: the retention is its days.
 * - In a versioned bucket (Object Lock buckets always are), expiration only puts a delete marker
 *   over the current version, which becomes noncurrent and stays until a whole-bucket
 *   `noncurrent_version_expiration` removes it N days later: the retention is expiration + N days,
 *   or unbounded without such a rule. When whether the bucket is versioned is unknown and the two
 *   readings differ, the retention is unknown.
 * - `expirationDays` is the current-version expiration alone (what Object Lock must cover).
 * - Expiration on a fixed date has no length in days: the retention is unknown.
 * - No expiring rule: the bucket keeps objects until someone deletes them (`unbounded`).
 * - `hotDays`: the earliest transition of a whole-bucket rule (to any storage class).
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import type { Location } from '../../model/vocabulary.js';
import { boolOf, isObject, listOf, numberOf, stringOf } from '../values.js';
import { own, upper } from './arguments.js';
import { locate } from '../fact-sheet.js';
import type { Tri } from './tri.js';

export interface LifecycleRule {
  id: string;
  enabled: Tri;
  wholeBucket: Tri;
  /** What a filtered rule selects, for messages (`prefix "elb/"`). */
  filter: string;
  expirationDays: number | null | Unresolved;
  /** Expires on a calendar date rather than after a number of days. */
  expirationDate: boolean;
  transitionDays: number | null | Unresolved;
  noncurrentDays: number | null | Unresolved;
  statusAt: Location;
  expirationAt: Location;
  transitionAt: Location;
}

export interface Retention {
  /** The current-version expiration of the whole bucket (null: none). */
  expirationDays: number | null | Unresolved;
  retentionDays: number | null | Unresolved;
  unbounded: boolean | Unresolved;
  hotDays: number | null | Unresolved;
  noncurrentDays: number | null;
  /** Rules restricted to part of the bucket that expire objects (reported, see above). */
  filteredRules: { id: string; filter: string; expirationDays: number | null }[];
  at: Location;
  hotAt: Location;
}

/** Rules of an `aws_s3_bucket_lifecycle_configuration` (provider 4.x+). */
export function configurationRules(config: CloudResource): LifecycleRule[] | Unresolved {
  if (config.exists !== true) return new Unresolved(`${config.address}: ${config.exists.reason}`);
  const rules = objects(own(config.values, 'rule'));
  if (isUnresolved(rules)) return rules;
  return rules.map((rule, index) => {
    const status = upper(own(rule, 'status'));
    const filters = objects(own(rule, 'filter'));
    let whole: Tri;
    let filter = '';
    if (isUnresolved(filters)) whole = filters;
    else if (filters.length === 0) ({ whole, filter } = prefixOnly(own(rule, 'prefix')));
    else ({ whole, filter } = terraformFilter(filters[0] as Record<string, IacValue>));
    return {
      id: text(own(rule, 'id')) ?? `rule ${index + 1}`,
      enabled: isUnresolved(status) ? status : status === 'ENABLED',
      wholeBucket: whole,
      filter,
      ...expirationBlock(own(rule, 'expiration')),
      transitionDays: firstTransition(own(rule, 'transition'), 'days'),
      noncurrentDays: noncurrent(firstObject(own(rule, 'noncurrent_version_expiration')), ['noncurrent_days', 'days']),
      statusAt: locate(config, 'rule.status'),
      expirationAt: locate(config, 'rule.expiration.days'),
      transitionAt: locate(config, 'rule.transition.days'),
    };
  });
}

/** The legacy inline `lifecycle_rule` blocks of `aws_s3_bucket` (provider 3.x, deprecated in 4.x). */
export function inlineRules(bucket: CloudResource): LifecycleRule[] | Unresolved {
  const rules = objects(own(bucket.values, 'lifecycle_rule'));
  if (isUnresolved(rules)) return rules;
  return rules.map((rule, index) => {
    const enabled = boolOf(own(rule, 'enabled'));
    const byPrefix = prefixOnly(own(rule, 'prefix'));
    const tags = own(rule, 'tags');
    const tagged = isObject(tags) && Object.keys(tags).length > 0;
    return {
      id: text(own(rule, 'id')) ?? `lifecycle_rule ${index + 1}`,
      enabled: enabled ?? false,
      wholeBucket: tagged ? false : byPrefix.whole,
      filter: tagged ? `${byPrefix.filter} tags`.trim() : byPrefix.filter,
      ...expirationBlock(own(rule, 'expiration')),
      transitionDays: firstTransition(own(rule, 'transition'), 'days'),
      noncurrentDays: noncurrent(firstObject(own(rule, 'noncurrent_version_expiration')), ['days', 'noncurrent_days']),
      statusAt: locate(bucket, 'lifecycle_rule.enabled'),
      expirationAt: locate(bucket, 'lifecycle_rule.expiration.days'),
      transitionAt: locate(bucket, 'lifecycle_rule.transition.days'),
    };
  });
}

/** CloudFormation `LifecycleConfiguration.Rules` of `AWS::S3::Bucket`. */
export function cloudFormationRules(bucket: CloudResource): LifecycleRule[] | Unresolved {
  const configuration = own(bucket.values, 'LifecycleConfiguration');
  if (configuration === undefined || configuration === null) return [];
  if (isUnresolved(configuration)) return configuration;
  const rules = objects(own(configuration, 'Rules'));
  if (isUnresolved(rules)) return rules;
  return rules.map((rule, index) => {
    const status = upper(own(rule, 'Status'));
    const byPrefix = prefixOnly(own(rule, 'Prefix'));
    const tags = listOf(own(rule, 'TagFilters'));
    const sized = own(rule, 'ObjectSizeGreaterThan') !== undefined || own(rule, 'ObjectSizeLessThan') !== undefined;
    const tagged = isUnresolved(tags) || tags.length > 0;
    const transitions = [...asList(own(rule, 'Transitions')), ...asList(own(rule, 'Transition'))];
    const version = firstObject(own(rule, 'NoncurrentVersionExpiration'));
    return {
      id: text(own(rule, 'Id')) ?? `rule ${index + 1}`,
      enabled: isUnresolved(status) ? status : status === 'ENABLED',
      wholeBucket: tagged || sized ? false : byPrefix.whole,
      filter: [byPrefix.filter, tagged ? 'tags' : '', sized ? 'object size' : ''].filter(Boolean).join(', '),
      ...expiration(rule, 'ExpirationInDays', 'ExpirationDate'),
      transitionDays: firstTransition(transitions, 'TransitionInDays'),
      noncurrentDays: version
        ? noncurrent(version, ['NoncurrentDays'])
        : noncurrent(rule, ['NoncurrentVersionExpirationInDays']),
      statusAt: locate(bucket, 'LifecycleConfiguration.Rules.Status'),
      expirationAt: locate(bucket, 'LifecycleConfiguration.Rules.ExpirationInDays'),
      transitionAt: locate(bucket, 'LifecycleConfiguration.Rules.Transitions.TransitionInDays'),
    };
  });
}

/** Combines every rule that applies to a bucket into its retention (see the file comment). */
export function retentionOf(rules: readonly LifecycleRule[], unknownRules: readonly Unresolved[], bucketAt: Location, versioned: Tri = false): Retention {
  const result: Retention = {
    expirationDays: null,
    retentionDays: null,
    unbounded: true,
    hotDays: null,
    noncurrentDays: null,
    filteredRules: [],
    at: bucketAt,
    hotAt: bucketAt,
  };
  const firstUnknown = unknownRules[0];
  if (firstUnknown) {
    result.expirationDays = firstUnknown;
    result.retentionDays = firstUnknown;
    result.unbounded = firstUnknown;
    result.hotDays = firstUnknown;
    return result;
  }
  let whole: number | null = null;
  let wholeNoncurrent: number | null = null;
  let unknown: Unresolved | null = null;
  let hot: number | null = null;
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    const expires = rule.expirationDays !== null || rule.expirationDate;
    if (isUnresolved(rule.enabled)) {
      if (expires) unknown ??= new Unresolved(`whether lifecycle rule ${rule.id} is enabled is not known: ${rule.enabled.reason}`);
      continue;
    }
    if (typeof rule.noncurrentDays === 'number') result.noncurrentDays = minimum(result.noncurrentDays, rule.noncurrentDays);
    if (isUnresolved(rule.wholeBucket)) {
      if (expires) unknown ??= new Unresolved(`which objects lifecycle rule ${rule.id} applies to is not known: ${rule.wholeBucket.reason}`);
      continue;
    }
    if (!rule.wholeBucket) {
      if (typeof rule.expirationDays === 'number' || rule.expirationDate) {
        result.filteredRules.push({ id: rule.id, filter: rule.filter, expirationDays: typeof rule.expirationDays === 'number' ? rule.expirationDays : null });
      } else if (isUnresolved(rule.expirationDays)) unknown ??= rule.expirationDays;
      continue;
    }
    if (typeof rule.noncurrentDays === 'number') wholeNoncurrent = minimum(wholeNoncurrent, rule.noncurrentDays);
    else if (isUnresolved(rule.noncurrentDays) && versioned !== false) unknown ??= rule.noncurrentDays;
    if (isUnresolved(rule.expirationDays)) unknown ??= rule.expirationDays;
    else if (rule.expirationDate) unknown ??= new Unresolved(`lifecycle rule ${rule.id} expires objects on a fixed date, not after a number of days`);
    else if (rule.expirationDays !== null && (whole === null || rule.expirationDays < whole)) {
      whole = rule.expirationDays;
      result.at = rule.expirationAt;
    }
    if (isUnresolved(rule.transitionDays)) result.hotDays = rule.transitionDays;
    else if (rule.transitionDays !== null && (hot === null || rule.transitionDays < hot)) {
      hot = rule.transitionDays;
      result.hotAt = rule.transitionAt;
    }
  }
  if (!isUnresolved(result.hotDays)) result.hotDays = hot;
  if (unknown) {
    result.expirationDays = unknown;
    result.retentionDays = unknown;
    result.unbounded = unknown;
    return result;
  }
  result.expirationDays = whole;
  // A filtered rule that deletes earlier than the whole bucket may delete the audit objects.
  const earlier = result.filteredRules.find((r) => r.expirationDays === null || whole === null || r.expirationDays < whole);
  if (earlier) {
    const why = new Unresolved(
      `lifecycle rule ${earlier.id} expires objects matching ${earlier.filter || 'a filter'}${earlier.expirationDays === null ? '' : ` after ${earlier.expirationDays} days`}; whether the audit objects match it is not known statically`,
    );
    result.retentionDays = why;
    result.unbounded = why;
    return result;
  }
  // Versioned: the expired object stays as a noncurrent version until noncurrent expiration.
  const versionedDays = whole === null || wholeNoncurrent === null ? null : whole + wholeNoncurrent;
  if (isUnresolved(versioned) && versionedDays !== whole) {
    const why = new Unresolved(`whether the bucket is versioned is not known (${versioned.reason}); in a versioned bucket expiration only makes objects noncurrent`);
    result.retentionDays = why;
    result.unbounded = why;
    return result;
  }
  const days = versioned === true ? versionedDays : whole;
  result.retentionDays = days;
  result.unbounded = days === null;
  return result;
}

function terraformFilter(filter: Record<string, IacValue>): { whole: Tri; filter: string } {
  let whole: Tri = true;
  const parts: string[] = [];
  const prefix = prefixOnly(own(filter, 'prefix'));
  whole = prefix.whole;
  if (prefix.filter) parts.push(prefix.filter);
  for (const key of ['tag', 'and', 'object_size_greater_than', 'object_size_less_than']) {
    const value = own(filter, key);
    if (value === undefined || value === null) continue;
    if (isUnresolved(value)) whole = whole === false ? false : value;
    else if (Array.isArray(value) && value.length === 0) continue;
    else {
      whole = false;
      parts.push(key === 'tag' ? 'a tag' : key === 'and' ? 'a combined filter' : 'object size');
    }
  }
  return { whole, filter: parts.join(', ') };
}

function prefixOnly(value: IacValue | undefined): { whole: Tri; filter: string } {
  const prefix = stringOf(value);
  if (isUnresolved(prefix)) return { whole: prefix, filter: '' };
  if (prefix === null || prefix === '') return { whole: true, filter: '' };
  return { whole: false, filter: `prefix "${prefix}"` };
}

/** A Terraform `expiration { days, date }` block, which may itself be unknown (a dynamic block). */
function expirationBlock(value: IacValue | undefined): { expirationDays: number | null | Unresolved; expirationDate: boolean } {
  const list = objects(value);
  if (isUnresolved(list)) return { expirationDays: list, expirationDate: false };
  return expiration(list[0] ?? null, 'days', 'date');
}

function expiration(block: Record<string, IacValue> | null, daysKey: string, dateKey: string): { expirationDays: number | null | Unresolved; expirationDate: boolean } {
  if (!block) return { expirationDays: null, expirationDate: false };
  const days = numberOf(own(block, daysKey));
  const date = own(block, dateKey);
  // Provider 4.x+ reads `days = 0` as not set (the block may only carry expired_object_delete_marker).
  return { expirationDays: days === 0 ? null : days, expirationDate: date !== undefined && date !== null && date !== '' };
}

function firstTransition(value: IacValue | undefined, daysKey: string): number | null | Unresolved {
  const list = asList(value);
  let first: number | null = null;
  for (const transition of list) {
    if (isUnresolved(transition)) return transition;
    if (!isObject(transition)) continue;
    const days = numberOf(own(transition, daysKey));
    if (isUnresolved(days)) return days;
    if (days !== null && (first === null || days < first)) first = days;
  }
  return first;
}

function noncurrent(block: Record<string, IacValue> | null, keys: string[]): number | null | Unresolved {
  if (!block) return null;
  for (const key of keys) {
    const days = numberOf(own(block, key));
    if (days !== null) return days;
  }
  return null;
}

function objects(value: IacValue | undefined): Record<string, IacValue>[] | Unresolved {
  const list = listOf(value);
  if (isUnresolved(list)) return list;
  const unknown = list.find(isUnresolved);
  if (unknown) return unknown;
  return list.filter(isObject);
}

function asList(value: IacValue | undefined): IacValue[] {
  const list = listOf(value);
  return isUnresolved(list) ? [list] : list;
}

function firstObject(value: IacValue | undefined): Record<string, IacValue> | null {
  const list = objects(value);
  if (isUnresolved(list)) return null;
  return list[0] ?? null;
}

function text(value: IacValue | undefined): string | null {
  const read = stringOf(value);
  return typeof read === 'string' && read !== '' ? read : null;
}

function minimum(current: number | null, next: number): number {
  return current === null ? next : Math.min(current, next);
}
