/**
 * One `gcp-project` subject per hierarchy node (project, folder, organization, billing account)
 * that audit configs or sinks name: whether every service records every Data Access log type
 * (CIS GCP 2.1), who is exempted, and whether enabled sinks export every audit log in full (its own,
 * or a folder or organization sink in the scan that includes children: the hierarchy above a
 * project is not in Terraform, so such a sink is taken to cover the projects scanned with it).
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, Unresolved } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { REQUIRED_LOG_TYPES } from './audit-config.js';
import { AUDIT_LOGS } from './audit-filter.js';
import type { AuditLog } from './audit-filter.js';
import type { AuditConfigRead } from './audit-config.js';
import type { SinkRead } from './sinks.js';

interface Member {
  resource: CloudResource;
}

export function projectSubjects(configs: readonly AuditConfigRead[], sinks: readonly SinkRead[]): Subject[] {
  const groups = new Map<string, { kind: string; id: string | null; configs: AuditConfigRead[]; sinks: SinkRead[] }>();
  const groupOf = (name: string, kind: string, id: string | null) => {
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { kind, id, configs: [], sinks: [] }));
    return group;
  };
  for (const c of configs) if (c.scope.name !== null) groupOf(c.scope.name, c.scope.kind, c.scope.id).configs.push(c);
  for (const s of sinks) if (s.scope.name !== null) groupOf(s.scope.name, s.scope.kind, s.scope.id).sinks.push(s);

  const subjects: Subject[] = [];
  for (const name of [...groups.keys()].sort()) {
    const group = groups.get(name);
    if (!group) continue;
    const members: Member[] = [...group.configs, ...group.sinks].sort((a, b) => byPlace(a.resource, b.resource));
    const first = members[0];
    if (!first) continue;
    const facts: Record<string, unknown> = { scope: group.kind, scopeId: group.id };
    const locations: Record<string, Location> = {};
    const unknown: Record<string, string> = {};
    const put = (fact: string, value: unknown, at: Location, why?: Unresolved | null): void => {
      facts[fact] = why ? null : value;
      locations[fact] = at;
      if (why) unknown[fact] = why.reason;
    };

    // Data Access audit logs for allServices.
    facts['auditConfigCount'] = group.configs.length;
    const sure = group.configs.filter((c) => c.resource.exists === true && c.service === 'allServices' && !isUnresolved(c.logTypes));
    const maybe = group.configs.filter((c) => !sure.includes(c) && (isUnresolved(c.service) || c.service === 'allServices'));
    const union = [...new Set(sure.flatMap((c) => (isUnresolved(c.logTypes) ? [] : c.logTypes)))].sort();
    const missing = REQUIRED_LOG_TYPES.filter((t) => !union.includes(t));
    const doubt = missing.length > 0 && maybe[0] ? whyUncertain(maybe[0]) : null;
    const auditAt = sure[0] ? locate(sure[0].resource, 'audit_log_config') : maybe[0] ? locate(maybe[0].resource, 'audit_log_config') : first.resource.at;
    put('allServicesConfigured', sure.length > 0, auditAt, sure.length === 0 && maybe[0] ? whyUncertain(maybe[0]) : null);
    put('allServicesLogTypes', union, auditAt, doubt);
    put('missingLogTypes', missing, auditAt, doubt);
    put('allServicesComplete', missing.length === 0, auditAt, doubt);

    // Exempted members of any service.
    const exempted = new Set<string>();
    let exemptedDoubt: Unresolved | null = null;
    let exemptedAt: Location = auditAt;
    for (const c of group.configs) {
      if (isUnresolved(c.exemptedMembers)) {
        exemptedDoubt ??= c.exemptedMembers;
        continue;
      }
      if (c.exemptedMembers.length === 0) continue;
      if (c.resource.exists !== true) {
        exemptedDoubt ??= c.resource.exists;
        continue;
      }
      if (exempted.size === 0) exemptedAt = locate(c.resource, 'audit_log_config.exempted_members');
      for (const m of c.exemptedMembers) exempted.add(m);
    }
    put('exemptedMembers', [...exempted].sort(), exemptedAt, exemptedDoubt);
    put('exemptedMemberCount', exempted.size, exemptedAt, exemptedDoubt);

    // Sinks exporting audit logs: the scope's own, and folder/organization sinks including children.
    facts['sinkCount'] = group.sinks.length;
    const own = countAuditSinks(group.sinks);
    const inherited = group.kind === 'project' || group.kind === 'folder' ? countAuditSinks(sinks.filter((s) => s.scope.name !== name && s.includeChildren === true)) : empty();
    const sinkAt = own.first ?? inherited.first ?? first.resource.at;
    put('auditSinkCount', own.count, sinkAt, own.count === 0 ? own.doubt : null);
    put('inheritedAuditSinkCount', inherited.count, sinkAt, inherited.count === 0 ? inherited.doubt : null);
    // Every audit log must be exported in full by some sink: a filter narrowed by another term
    // (`AND resource.type=...`) or naming one audit log only is a partial export.
    const exported = AUDIT_LOGS.filter((k) => own.kinds.has(k) || inherited.kinds.has(k));
    const complete = exported.length === AUDIT_LOGS.length;
    const exportDoubt = complete ? null : own.doubt ?? inherited.doubt;
    put('exportedAuditLogs', exported, sinkAt, exportDoubt);
    put('auditExported', complete, sinkAt, exportDoubt);
    const realtime = own.pubsub + inherited.pubsub;
    const realtimeAt = own.firstPubsub ?? inherited.firstPubsub ?? sinkAt;
    put('pubsubAuditSinkCount', realtime, realtimeAt, realtime === 0 ? own.pubsubDoubt ?? inherited.pubsubDoubt : null);
    put('realtimeExport', realtime > 0, realtimeAt, realtime === 0 ? own.pubsubDoubt ?? inherited.pubsubDoubt : null);

    subjects.push({
      kind: 'gcp-project',
      id: name,
      path: first.resource.path,
      pillars: ['identity', 'applications', 'data'],
      facts,
      locations,
      unreadable: {},
      unknown,
      declaredAt: first.resource.at,
    });
  }
  return subjects;
}

interface SinkCount {
  count: number;
  /** Audit logs some counted sink exports in full. */
  kinds: Set<AuditLog>;
  first: Location | null;
  doubt: Unresolved | null;
  pubsub: number;
  firstPubsub: Location | null;
  pubsubDoubt: Unresolved | null;
}

function empty(): SinkCount {
  return { count: 0, kinds: new Set(), first: null, doubt: null, pubsub: 0, firstPubsub: null, pubsubDoubt: null };
}

function countAuditSinks(sinks: readonly SinkRead[]): SinkCount {
  const out = empty();
  for (const s of [...sinks].sort((a, b) => byPlace(a.resource, b.resource))) {
    const carries = carriesAudit(s);
    if (carries === false) continue;
    const why = isUnresolved(carries) ? carries : s.resource.exists !== true ? s.resource.exists : null;
    const pubsub = s.destinationKind === 'pubsub';
    if (why) {
      out.doubt ??= why;
      if (pubsub || isUnresolved(s.destinationKind)) out.pubsubDoubt ??= isUnresolved(s.destinationKind) && !pubsub ? s.destinationKind : why;
      continue;
    }
    out.count++;
    if (Array.isArray(s.auditLogs)) for (const k of s.auditLogs) out.kinds.add(k);
    out.first ??= s.resource.at;
    if (pubsub) {
      out.pubsub++;
      out.firstPubsub ??= locate(s.resource, 'destination');
    } else if (isUnresolved(s.destinationKind)) out.pubsubDoubt ??= s.destinationKind;
  }
  return out;
}

/** Whether a sink exports at least one audit log in full (a partial export does not count). */
function carriesAudit(s: SinkRead): boolean | Unresolved {
  if (s.enabled === false) return false;
  if (isUnresolved(s.auditLogs)) return s.auditLogs;
  if (s.auditLogs.length === 0) return false;
  return s.enabled;
}

function whyUncertain(c: AuditConfigRead): Unresolved | null {
  if (isUnresolved(c.resource.exists)) return c.resource.exists;
  if (isUnresolved(c.service)) return c.service;
  if (isUnresolved(c.logTypes)) return c.logTypes;
  return null;
}

function locate(resource: CloudResource, attribute: string): Location {
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

function byPlace(a: CloudResource, b: CloudResource): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.at.line !== b.at.line) return a.at.line - b.at.line;
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}
