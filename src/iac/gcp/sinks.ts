/**
 * Log sinks (`google_logging_project_sink`, `_folder_sink`, `_organization_sink`,
 * `_billing_account_sink`): where a scope's log entries are routed, which of them (filter and
 * exclusions), and for folders and organizations whether the children's entries go too.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream, IacValue } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { blocksOf, boolOf, stringOf } from '../values.js';
import { AUDIT_LOGS, readSinkFilter } from './audit-filter.js';
import type { AuditLog, FilterScope } from './audit-filter.js';
import { FactSheet } from '../fact-sheet.js';
import { typeOfAddress } from '../resolve.js';
import { scopeOf } from './scope.js';
import type { Scope, ScopeKind } from './scope.js';

export const SINK_TYPES: Record<string, { kind: ScopeKind; attribute: string }> = {
  google_logging_project_sink: { kind: 'project', attribute: 'project' },
  google_logging_folder_sink: { kind: 'folder', attribute: 'folder' },
  google_logging_organization_sink: { kind: 'organization', attribute: 'org_id' },
  google_logging_billing_account_sink: { kind: 'billing_account', attribute: 'billing_account' },
};

export type DestinationKind = 'cloud-storage' | 'logging-bucket' | 'logging-project' | 'bigquery' | 'pubsub' | 'other';

/** Destination resource types a reference can name, and what they are. */
const KIND_OF_TYPE: Record<string, DestinationKind> = {
  google_storage_bucket: 'cloud-storage',
  google_logging_project_bucket_config: 'logging-bucket',
  google_logging_folder_bucket_config: 'logging-bucket',
  google_logging_organization_bucket_config: 'logging-bucket',
  google_logging_billing_account_bucket_config: 'logging-bucket',
  google_bigquery_dataset: 'bigquery',
  google_pubsub_topic: 'pubsub',
  google_project: 'logging-project',
};

export interface SinkRead {
  resource: CloudResource;
  scope: Scope;
  /** False when `disabled = true`; Unresolved when not knowable. */
  enabled: boolean | Unresolved;
  /** Audit logs exported in full (after exclusions), or why not knowable. */
  auditLogs: AuditLog[] | Unresolved;
  /** Audit logs of which only some entries are exported (the filter narrows them by another term). */
  partialAuditLogs: AuditLog[] | Unresolved;
  /**
   * Where the sink's objects land in a Cloud Storage bucket (objects are named `<log id>/YYYY/MM/DD/...`):
   * `['cloudaudit.googleapis.com/']` when the filter admits only audit logs, null when any log id may be written.
   */
  objectPrefixes: string[] | null;
  /** Folder and organization sinks: whether child projects' entries are exported too. */
  includeChildren: boolean | Unresolved | null;
  destinationKind: DestinationKind | Unresolved;
  subject: Subject;
  stream: CloudStream | null;
}

export function readSink(resource: CloudResource, all: readonly CloudResource[]): SinkRead | null {
  const type = Object.prototype.hasOwnProperty.call(SINK_TYPES, resource.type) ? SINK_TYPES[resource.type] : undefined;
  if (!type) return null;
  const sheet = new FactSheet(resource);
  const scope = scopeOf(resource, type.kind, type.attribute, all);
  sheet.set('scope', type.kind);
  sheet.set('scopeName', scope.name ?? scope.why ?? null, type.attribute);

  // Google provider 5.x/6.x: `disabled` defaults to false.
  const disabled = boolOf(resource.values['disabled']);
  const enabled = isUnresolved(disabled) ? disabled : disabled !== true;
  sheet.set('enabled', enabled, 'disabled');

  const destination = resource.values['destination'];
  const destinationText = stringOf(destination);
  sheet.set('destination', typeof destinationText === 'string' ? destinationText : null, 'destination');
  if (isUnresolved(destinationText)) sheet.unknown['destination'] = destinationText.reason;
  const destinationKind = destinationKindOf(destination);
  sheet.set('destinationKind', destinationKind, 'destination');

  let includeChildren: boolean | Unresolved | null = null;
  if (type.kind === 'folder' || type.kind === 'organization') {
    // Google provider 5.x/6.x: include_children and intercept_children default to false.
    const include = boolOf(resource.values['include_children']);
    includeChildren = include ?? false;
    sheet.set('includeChildren', includeChildren, 'include_children');
    const intercept = boolOf(resource.values['intercept_children']);
    sheet.set('interceptChildren', intercept ?? false, 'intercept_children');
  }

  const filter = stringOf(resource.values['filter']);
  // An absent or empty filter exports every log entry of the scope.
  sheet.set('filter', filter === null ? '' : filter, 'filter');
  const exclusions = readExclusions(resource);
  sheet.set('exclusionCount', isUnresolved(exclusions) ? exclusions : exclusions.length, 'exclusions');
  const exported = exportedAuditLogs(filter, exclusions, { name: scope.name, children: includeChildren !== false && includeChildren !== null });
  const auditAttribute = isUnresolved(filter) || (filter ?? '') !== '' ? 'filter' : 'exclusions';
  sheet.set('auditLogs', exported.full, auditAttribute);
  sheet.set('partialAuditLogs', exported.partial, auditAttribute);
  sheet.set('filterCoversAudit', isUnresolved(exported.full) ? exported.full : exported.full.length > 0, auditAttribute);
  sheet.set(
    'exportsAllLogs',
    isUnresolved(filter) ? filter : isUnresolved(exclusions) ? exclusions : (filter ?? '').trim() === '' && exclusions.length === 0,
    'filter',
  );
  const carriesAudit = both(enabled, exported.carries);
  sheet.set('carriesAudit', carriesAudit, auditAttribute);

  const subject = sheet.subject('gcp-log-sink', ['identity', 'applications', 'data']);
  const stream: CloudStream | null =
    enabled === false || destination === undefined || destination === null
      ? null
      : {
          address: resource.address,
          stack: resource.stack,
          path: resource.path,
          system: carriesAudit === true ? 'gcp-audit-logs' : 'gcp-log-sink',
          pillars: ['identity', 'applications', 'data'],
          destinations: [destination],
          declaredAt: resource.at,
          destinationLocations: [sheet.locate('destination')],
        };
  return { resource, scope, enabled, auditLogs: exported.full, partialAuditLogs: exported.partial, objectPrefixes: exported.objectPrefixes, includeChildren, destinationKind, subject, stream };
}

/** What a destination is: by its literal prefix, else by the type of the resource it refers to. */
export function destinationKindOf(destination: IacValue | undefined): DestinationKind | Unresolved {
  if (destination === undefined || destination === null) return new Unresolved('destination is not set');
  if (typeof destination === 'string') {
    const text = destination.trim();
    if (text.startsWith('storage.googleapis.com/')) return 'cloud-storage';
    if (text.startsWith('bigquery.googleapis.com/')) return 'bigquery';
    if (text.startsWith('pubsub.googleapis.com/')) return 'pubsub';
    if (text.startsWith('logging.googleapis.com/')) return /\/buckets\/[^/]+$/.test(text) ? 'logging-bucket' : 'logging-project';
    return 'other';
  }
  if (isUnresolved(destination)) {
    const kinds = new Set(destination.refs.map((r) => typeOfAddress(r)).flatMap((t) => (t !== null && Object.prototype.hasOwnProperty.call(KIND_OF_TYPE, t) ? [KIND_OF_TYPE[t] as DestinationKind] : [])));
    if (kinds.size === 1) return [...kinds][0] as DestinationKind;
    return destination;
  }
  return new Unresolved('destination is not a string');
}

interface Exclusion {
  filter: string;
}

/** Exclusions in force (not disabled); Unresolved when one cannot be read. */
function readExclusions(resource: CloudResource): Exclusion[] | Unresolved {
  const blocks = blocksOf(resource.values['exclusions']);
  if (isUnresolved(blocks)) return blocks;
  const out: Exclusion[] = [];
  for (const block of blocks) {
    const disabled = boolOf(block['disabled']);
    if (isUnresolved(disabled)) return disabled;
    if (disabled === true) continue;
    const filter = stringOf(block['filter']);
    if (isUnresolved(filter)) return filter;
    out.push({ filter: filter ?? '' });
  }
  return out;
}

interface Exported {
  full: AuditLog[] | Unresolved;
  partial: AuditLog[] | Unresolved;
  /** Some audit entries are exported (full or partial), none, or not knowable. */
  carries: boolean | Unresolved;
  objectPrefixes: string[] | null;
}

/** What the filter and exclusions let through, per audit log (see audit-filter.ts). */
function exportedAuditLogs(filter: string | Unresolved | null, exclusions: Exclusion[] | Unresolved, scope: FilterScope): Exported {
  if (isUnresolved(filter)) return { full: filter, partial: filter, carries: filter, objectPrefixes: null };
  if (isUnresolved(exclusions)) {
    // Without the exclusions only a filter that already admits no audit log is knowable.
    const bare = readSinkFilter(filter ?? '', [], scope);
    const none = AUDIT_LOGS.every((k) => bare.coverage[k] === 'none');
    return none ? { full: [], partial: [], carries: false, objectPrefixes: null } : { full: exclusions, partial: exclusions, carries: exclusions, objectPrefixes: null };
  }
  const reading = readSinkFilter(filter ?? '', exclusions.map((e) => e.filter), scope);
  const full = AUDIT_LOGS.filter((k) => reading.coverage[k] === 'all');
  const partial = AUDIT_LOGS.filter((k) => reading.coverage[k] === 'some');
  const unknown = AUDIT_LOGS.filter((k) => reading.coverage[k] === 'unknown');
  const why = new Unresolved(reading.why ?? 'the filter is not understood');
  const onlyAudit = reading.coverage.other === 'none';
  return {
    full: unknown.length > 0 ? why : full,
    partial: unknown.length > 0 ? why : partial,
    carries: full.length + partial.length > 0 ? true : unknown.length > 0 ? why : false,
    objectPrefixes: onlyAudit ? (full.length + partial.length + unknown.length > 0 ? ['cloudaudit.googleapis.com/'] : []) : null,
  };
}

/** Three-valued AND: false wins over unknown. */
function both(a: boolean | Unresolved, b: boolean | Unresolved): boolean | Unresolved {
  if (a === false || b === false) return false;
  if (isUnresolved(a)) return a;
  if (isUnresolved(b)) return b;
  return true;
}
