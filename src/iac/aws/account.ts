/**
 * One `aws-account` subject per stack that declares a trail or a metric filter: which CIS AWS 4.x
 * concerns its metric filters with alarms watch, which are missing, whether those filters read
 * the trail's CloudWatch Logs group, and whether some trail records every region.
 *
 * A concern is covered (true) when an alarmed filter's pattern watches it; unknown (null, with
 * the reason) when a filter whose pattern, existence or alarm is unknown might; otherwise missing.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource } from '../../model/cloud.js';
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

function account(stack: string, trails: readonly TrailFacts[], filters: readonly FilterRead[], logGroups: readonly CloudResource[]): Subject {
  // The account is declared where its first trail is, else where its first metric filter is.
  const byPlace = (a: CloudResource, b: CloudResource): number => a.path.localeCompare(b.path) || a.at.line - b.at.line;
  const anchor = ([...trails.map((t) => t.trail)].sort(byPlace)[0] ?? [...filters.map((f) => f.filter)].sort(byPlace)[0]) as CloudResource;
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
  let multiRegion: Tri = false;
  for (const t of trails) {
    const on = (fact: string): Tri => {
      const value = t.subject.facts[fact];
      if (typeof value === 'boolean') return value;
      return new Unresolved(`${t.trail.address}: ${t.subject.unknown?.[fact] ?? `${fact} is not known`}`);
    };
    multiRegion = or(multiRegion, and(on('multiRegion'), on('logging'), t.trail.exists === true ? true : t.trail.exists));
  }
  set('multiRegionTrail', trails.length === 0 ? new Unresolved('no trail is declared in this stack') : multiRegion, trails[0]?.trail.at ?? anchor.at);

  // Concerns watched by alarmed filters.
  const covered: string[] = [];
  const missing: string[] = [];
  const byGroup: Record<Concern['group'], { missing: string[]; unknown: string | null }> = {
    identity: { missing: [], unknown: null },
    network: { missing: [], unknown: null },
    control: { missing: [], unknown: null },
  };
  for (const concern of CONCERNS) {
    let state: Tri = false;
    let at: Location = anchor.at;
    for (const f of filters) {
      const watches: Tri = isUnresolved(f.concerns) ? f.concerns : f.concerns.includes(concern.id);
      const contribution = and(watches, f.alarmed);
      if (contribution === false) continue;
      state = or(state, contribution);
      if (contribution === true) {
        at = f.patternAt;
        break;
      }
    }
    set(`alarms.${concern.id}`, state, at);
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
  set('alarms.onTrailLogGroup', onTrailLogGroup(trails, filters, logGroups), filters[0]?.patternAt ?? anchor.at);

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

/** Every alarmed filter reads a log group some trail of the stack delivers to. */
function onTrailLogGroup(trails: readonly TrailFacts[], filters: readonly FilterRead[], logGroups: readonly CloudResource[]): Tri {
  const alarmed = filters.filter((f) => f.alarmed !== false);
  if (alarmed.length === 0) return new Unresolved('no metric filter with an alarm is declared in this stack');
  const trailGroups = trails
    .map((t) => ({ trail: t.trail, value: arg(t.trail, 'cloud_watch_logs_group_arn', 'CloudWatchLogsLogGroupArn').value }))
    .filter((t) => t.value !== undefined && t.value !== null && t.value !== '');
  if (trailGroups.length === 0) return new Unresolved('no trail in this stack delivers to CloudWatch Logs, so the log group the filters read cannot be matched to a trail');
  let all: Tri = true;
  for (const f of alarmed) {
    let matches: Tri = false;
    const filterTargets = targetsOf(f.filter, f.logGroup, logGroups, logGroupKeys);
    const filterName = stringOf(f.logGroup);
    for (const t of trailGroups) {
      const trailTargets = targetsOf(t.trail, t.value, logGroups, logGroupKeys);
      if (filterTargets.some((g) => trailTargets.includes(g))) matches = true;
      else {
        const trailName = stringOf(t.value);
        if (typeof filterName === 'string' && typeof trailName === 'string') matches = or(matches, normaliseKey(filterName) === normaliseKey(trailName));
        else if (isUnresolved(filterName) && filterTargets.length === 0 && filterName.refs.length === 0) matches = or(matches, new Unresolved(`the log group ${f.filter.address} reads is not known: ${filterName.reason}`));
        else if (isUnresolved(trailName) && trailTargets.length === 0 && trailName.refs.length === 0) matches = or(matches, new Unresolved(`the log group ${t.trail.address} delivers to is not known: ${trailName.reason}`));
      }
      if (matches === true) break;
    }
    all = and(all, matches);
  }
  return all;
}
