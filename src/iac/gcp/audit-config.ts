/**
 * IAM audit configs (`google_project_iam_audit_config`, `_folder_`, `_organization_`): which
 * Data Access audit log types a service records, and who is exempted. Admin Activity audit logs
 * are always written and cannot be turned off; Data Access logs (ADMIN_READ, DATA_READ,
 * DATA_WRITE) are off unless an audit config turns them on (except for BigQuery).
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, Unresolved } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { blocksOf, listOf, stringOf } from '../values.js';
import { FactSheet } from '../fact-sheet.js';
import { scopeOf } from './scope.js';
import type { Scope, ScopeKind } from './scope.js';

export const REQUIRED_LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'] as const;

export const AUDIT_CONFIG_TYPES: Record<string, { kind: ScopeKind; attribute: string }> = {
  google_project_iam_audit_config: { kind: 'project', attribute: 'project' },
  google_folder_iam_audit_config: { kind: 'folder', attribute: 'folder' },
  google_organization_iam_audit_config: { kind: 'organization', attribute: 'org_id' },
};

export interface AuditConfigRead {
  resource: CloudResource;
  scope: Scope;
  service: string | Unresolved | null;
  /** Sorted log types turned on; Unresolved when a block or value is not knowable. */
  logTypes: string[] | Unresolved;
  exemptedMembers: string[] | Unresolved;
  subject: Subject;
}

export function readAuditConfig(resource: CloudResource, all: readonly CloudResource[]): AuditConfigRead | null {
  const type = Object.prototype.hasOwnProperty.call(AUDIT_CONFIG_TYPES, resource.type) ? AUDIT_CONFIG_TYPES[resource.type] : undefined;
  if (!type) return null;
  const sheet = new FactSheet(resource);
  const scope = scopeOf(resource, type.kind, type.attribute, all);
  sheet.set('scope', type.kind);
  sheet.set('scopeName', scope.name ?? scope.why ?? null, type.attribute);

  const service = stringOf(resource.values['service']);
  sheet.set('service', service, 'service');
  sheet.set('allServices', isUnresolved(service) ? service : service === 'allServices', 'service');

  const { logTypes, exempted } = readLogConfigs(resource);
  sheet.set('logTypes', logTypes, 'audit_log_config.log_type');
  sheet.set(
    'missingLogTypes',
    isUnresolved(logTypes) ? logTypes : REQUIRED_LOG_TYPES.filter((t) => !logTypes.includes(t)),
    'audit_log_config',
  );
  sheet.set('exemptedMembers', exempted, 'audit_log_config.exempted_members');
  sheet.set('exemptedMemberCount', isUnresolved(exempted) ? exempted : exempted.length, 'audit_log_config.exempted_members');

  return {
    resource,
    scope,
    service,
    logTypes,
    exemptedMembers: exempted,
    subject: sheet.subject('gcp-audit-config', ['identity', 'applications', 'data']),
  };
}

function readLogConfigs(resource: CloudResource): { logTypes: string[] | Unresolved; exempted: string[] | Unresolved } {
  const blocks = blocksOf(resource.values['audit_log_config']);
  if (isUnresolved(blocks)) return { logTypes: blocks, exempted: blocks };
  const types = new Set<string>();
  const members = new Set<string>();
  let typesUnknown: Unresolved | null = null;
  let membersUnknown: Unresolved | null = null;
  for (const block of blocks) {
    const type = stringOf(block['log_type']);
    if (isUnresolved(type)) typesUnknown ??= type;
    else if (type !== null) types.add(type.trim().toUpperCase());
    const list = listOf(block['exempted_members']);
    if (isUnresolved(list)) {
      membersUnknown ??= list;
      continue;
    }
    for (const item of list) {
      const member = stringOf(item);
      if (isUnresolved(member)) membersUnknown ??= member;
      else if (member !== null && member.trim() !== '') members.add(member.trim());
    }
  }
  return {
    logTypes: typesUnknown ?? [...types].sort(),
    exempted: membersUnknown ?? [...members].sort(),
  };
}
