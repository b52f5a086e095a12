/**
 * One `aws-account` subject per stack that declares a trail or a metric filter: what the account's
 * trails record together (CIS AWS 3.1, 3.8, 3.9 are about the account, not each trail) and which
 * CIS AWS 4.x concerns are watched by a metric filter with a notifying alarm on a log group a
 * multi-region trail delivers to.
 *
 * Account facts over the stack's trails (each counts only when it exists and is logging):
 * `multiRegionTrail` (some trail records every region), `managementEvents` (some trail records
 * all management events, reads and writes), `s3WriteEvents` / `s3ReadEvents` (some trail records
 * S3 object-level writes / reads, for every bucket or listed ones). True when one trail settles
 * it, unknown when a trail whose fact is unknown might, otherwise false. Each is located at the
 * deciding trail's argument (for false, the first trail's).
 *
 * A concern is covered (true) when a filter whose pattern watches it reads a log group that a
 * multi-region, logging trail delivers to, and an alarm with at least one action watches the
 * filter's metric; unknown (null, with the reason) when any of those is unknown and no other
 * filter covers it; otherwise missing.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { normaliseKey, targetsOf } from '../resolve.js';
import { stringOf } from '../values.js';
import { arg } from './arguments.js';
import { CONCERNS } from './cis-concerns.js';
import type { Concern } from './cis-concerns.js';
import { logGroupKeys } from './log-groups.js';
import type { FilterRead } from './metric-alarms.js';
import { and, or } from './tri.js';
import type { Tri } from './tri.js';

export interface TrailFacts {
  trail: CloudResource;
  subject: Subject;
}

export function readAccounts(trails: readonly TrailFacts[], filters: readonly FilterRead[], logGroups: readonly CloudResource[]): Subject[] {
  const stacks = new Set<string>([...trails.map((t) => t.trail.stack), ...filters.map((f) => f.filter.stack)]);
  const subjects: Subject[] = [];
  for (const stack of [...stacks].sort()) {
    const stackTrails = trails.filter((t) => t.trail.stack === stack);
    const stackFilters = filters.filter((f) => f.filter.stack === stack);
    subjects.push(account(stack, stackTrails, stackFilters, logGroups));
  }
  return subjects;
}

/** A trail's boolean fact, or why it is unknown (prefixed with the trail's address). */
function trailFact(t: TrailFacts, fact: string): Tri {
  let value: unknown = t.subject.facts;
  for (const key of fact.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (typeof value === 'boolean') return value;
  const why = t.subject.unknown?.[fact] ?? t.subject.unknown?.[fact.split('.')[0] as string] ?? `${fact} is not known`;
  return new Unresolved(`${t.trail.address}: ${why}`);
}

function trailAt(t: TrailFacts, fact: string): Location {
  return t.subject.locations[fact] ?? t.subject.locations[fact.split('.')[0] as string] ?? t.trail.at;
}

/** The trail exists and is logging; located at enable_logging when that is what is false. */
function active(t: TrailFacts): { value: Tri; at: Location | null } {
  const exists: Tri = t.trail.exists === true ? true : new Unresolved(`${t.trail.address}: ${t.trail.exists.reason}`);
  const logging = trailFact(t, 'logging');
  return { value: and(exists, logging), at: logging === false ? trailAt(t, 'logging') : null };
}

/** Some active trail has `fact` true: the value and where the deciding trail says so. */
function anyTrail(trails: readonly TrailFacts[], fact: string, fallback: Location): { value: Tri; at: Location } {
  if (trails.length === 0) return { value: new Unresolved('no trail is declared in this stack'), at: fallback };
  let value: Tri = false;
  let at: Location | null = null;
  let unknownAt: Location | null = null;
  for (const t of trails) {
    const on = active(t);
    const own = trailFact(t, fact);
    const contribution = and(on.value, own);
    if (contribution === true) return { value: true, at: trailAt(t, fact) };
    value = or(value, contribution);
    if (isUnresolved(contribution)) unknownAt ??= trailAt(t, fact);
    at ??= on.at ?? trailAt(t, fact);
  }
  return { value, at: (isUnresolved(value) ? unknownAt : at) ?? fallback };
}

function account(stack: string, trails: readonly TrailFacts[], filters: readonly FilterRead[], logGroups: readonly CloudResource[]): Subject {
  // The account is declared where its first trail is, else where its first metric filter is.
  const byPlace = (a: CloudResource, b: CloudResource): number => a.path.localeCompare(b.path) || a.at.line - b.at.line;
  const sortedTrails = [...trails].sort((a, b) => byPlace(a.trail, b.trail));
  const anchor = (sortedTrails[0]?.trail ?? [...filters.map((f) => f.filter)].sort(byPlace)[0]) as CloudResource;
  const facts: Record<string, unknown> = {};
  const locations: Record<string, Location> = {};
  const unknown: Record<string, string> = {};
  const set = (path: string, value: unknown, at: Location): void => {
    const parts = path.split('.');
    let node = facts;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    if (isUnresolved(value)) {
      node[parts[parts.length - 1] as string] = null;
      unknown[path] = value.reason;
    } else node[parts[parts.length - 1] as string] = value;
    locations[path] = at;
  };

  set('trails', trails.length, anchor.at);
  for (const [fact, trailFactName] of [
    ['multiRegionTrail', 'multiRegion'],
    ['managementEvents', 'managementEvents.all'],
    ['s3WriteEvents', 'dataEvents.s3Write'],
    ['s3ReadEvents', 'dataEvents.s3Read'],
  ] as const) {
    const found = anyTrail(sortedTrails, trailFactName, anchor.at);
    set(fact, found.value, found.at);
  }

  // Concerns watched by filters on a trail's log group with a notifying alarm.
  const onTrail = new Map<FilterRead, Tri>();
  for (const f of filters) onTrail.set(f, filterOnTrailGroup(f, sortedTrails, logGroups));
  const covered: string[] = [];
  const missing: string[] = [];
  const byGroup: Record<Concern['group'], { missing: string[]; unknown: string | null }> = {
    identity: { missing: [], unknown: null },
    network: { missing: [], unknown: null },
    control: { missing: [], unknown: null },
  };
  for (const concern of CONCERNS) {
    let state: Tri = false;
    let at: Location | null = null;
    // Where to look when nothing covers the concern: the first filter that watches it.
    let watchedAt: Location | null = null;
    for (const f of filters) {
      const watches: Tri = isUnresolved(f.concerns) ? f.concerns : f.concerns.includes(concern.id);
      if (watches === false) continue;
      watchedAt ??= f.patternAt;
      const contribution = and(watches, onTrail.get(f) ?? false, f.notifies);
      if (contribution === false) continue;
      state = or(state, contribution);
      at = f.patternAt;
      if (contribution === true) break;
    }
    set(`alarms.${concern.id}`, state, at ?? watchedAt ?? anchor.at);
    if (state === true) covered.push(concern.id);
    else {
      missing.push(concern.id);
      byGroup[concern.group].missing.push(concern.id);
      if (isUnresolved(state)) byGroup[concern.group].unknown ??= state.reason;
    }
  }
  set('alarms.filters', filters.length, anchor.at);
  set('alarms.covered', covered, anchor.at);
  set('alarms.missing', missing, anchor.at);
  set('alarms.missingCount', missing.length, anchor.at);
  for (const group of ['identity', 'network', 'control'] as const) {
    const { missing: groupMissing, unknown: why } = byGroup[group];
    set(`alarms.${group}Missing`, groupMissing, anchor.at);
    // A concern that might be covered by a filter we cannot read leaves the count unknown.
    set(`alarms.${group}MissingCount`, why !== null ? new Unresolved(why) : groupMissing.length, anchor.at);
  }
  set('alarms.onTrailLogGroup', onTrailLogGroup(filters, onTrail), filters[0]?.patternAt ?? anchor.at);

  const subject: Subject = {
    kind: 'aws-account',
    id: `aws-account:${stack}`,
    path: anchor.path,
    pillars: ['identity', 'networks', 'visibility'],
    facts,
    locations,
    unreadable: {},
    declaredAt: anchor.at,
  };
  if (Object.keys(unknown).length > 0) subject.unknown = unknown;
  return subject;
}

/** Every alarmed filter reads a log group a multi-region trail delivers to. */
function onTrailLogGroup(filters: readonly FilterRead[], onTrail: Map<FilterRead, Tri>): Tri {
  const alarmed = filters.filter((f) => f.alarmed !== false);
  if (alarmed.length === 0) return new Unresolved('no metric filter with an alarm is declared in this stack');
  return and(...alarmed.map((f) => onTrail.get(f) ?? false));
}

/** What a log group argument names: the log group resources it resolves to and its literal names. */
interface GroupName {
  groups: CloudResource[];
  names: string[];
  unknown: Unresolved | null;
}

function groupName(from: CloudResource, value: IacValue | undefined, logGroups: readonly CloudResource[]): GroupName {
  const groups = targetsOf(from, value, logGroups, logGroupKeys);
  const names = groups.flatMap(logGroupKeys).map(normaliseKey);
  const text = stringOf(value);
  if (typeof text === 'string' && text.trim() !== '') names.push(normaliseKey(text));
  // A value that is not known and resolves to no declared group (a variable, a remote module's output).
  const unknown = groups.length === 0 && isUnresolved(text) ? text : null;
  return { groups, names, unknown };
}

/**
 * The filter reads a log group that a multi-region, logging trail delivers to: unknown when the
 * filter's or a trail's log group cannot be known and no trail settles it.
 */
function filterOnTrailGroup(f: FilterRead, trails: readonly TrailFacts[], logGroups: readonly CloudResource[]): Tri {
  const delivering = trails.filter((t) => {
    const value = arg(t.trail, 'cloud_watch_logs_group_arn', 'CloudWatchLogsLogGroupArn').value;
    return value !== undefined && value !== null && value !== '';
  });
  if (delivering.length === 0) {
    return trails.length === 0
      ? new Unresolved('no trail is declared in this stack, so the log group the metric filters read cannot be matched to a trail')
      : false;
  }
  const filterGroup = groupName(f.filter, f.logGroup, logGroups);
  let result: Tri = false;
  for (const t of delivering) {
    const trailGroup = groupName(t.trail, arg(t.trail, 'cloud_watch_logs_group_arn', 'CloudWatchLogsLogGroupArn').value, logGroups);
    let same: Tri;
    if (filterGroup.groups.some((g) => trailGroup.groups.includes(g)) || filterGroup.names.some((n) => trailGroup.names.includes(n))) same = true;
    else if (filterGroup.unknown) same = new Unresolved(`the log group ${f.filter.address} reads is not known: ${filterGroup.unknown.reason}`);
    else if (trailGroup.unknown) same = new Unresolved(`the log group ${t.trail.address} delivers to is not known: ${trailGroup.unknown.reason}`);
    else same = false;
    const exists: Tri = t.trail.exists === true ? true : new Unresolved(`${t.trail.address}: ${t.trail.exists.reason}`);
    result = or(result, and(same, exists, trailFact(t, 'multiRegion'), trailFact(t, 'logging')));
    if (result === true) break;
  }
  return result;
}
