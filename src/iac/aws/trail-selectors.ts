/**
 * What a CloudTrail trail records, from its event selectors: management events (read, write),
 * S3 object-level data events (read, write, all buckets or some), Lambda invocations. Reads basic
 * selectors (`event_selector` / `EventSelectors`) and advanced ones (`advanced_event_selector` /
 * `AdvancedEventSelectors`). An advanced selector that narrows its events by `eventName`,
 * `eventType`, `errorCode`, `userIdentity.arn` or an `eventSource` it selects does not count as
 * recording all events of its category.
 *
 * Defaults (AWS provider 5.x and the CloudTrail API): a trail without selectors logs every
 * management event (read and write) and no data events; a basic selector's `read_write_type`
 * defaults to `All` and `include_management_events` to true. An advanced selector without a
 * `readOnly` field selects both reads and writes.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue, Unresolved } from '../../model/cloud.js';
import { boolOf, listOf, stringOf, stringsOf } from '../values.js';
import { arg, isCloudFormation, own, upper } from './arguments.js';
import { and, not, or, withDefault } from './tri.js';
import type { Tri } from './tri.js';

export interface TrailEvents {
  managementRead: Tri;
  managementWrite: Tri;
  /** Event sources excluded from management events (`kms.amazonaws.com`, `rdsdata.amazonaws.com`). */
  excludedSources: string[];
  s3Read: Tri;
  s3Write: Tri;
  /** S3 data events are selected for every bucket (`arn:aws:s3` / `arn:aws:s3:::`), not a list of buckets. */
  s3AllBuckets: Tri;
  lambda: Tri;
  /** The attribute that decided the management facts, and the one that decided the data facts. */
  managementAttr: string;
  dataAttr: string;
}

interface Names {
  basic: string;
  readWrite: string;
  management: string;
  exclude: string;
  dataResource: string;
  type: string;
  values: string;
  advanced: string;
  fieldSelector: string;
  field: string;
  equals: string;
  notEquals: string;
  startsWith: string;
  endsWith: string;
}

const TERRAFORM: Names = {
  basic: 'event_selector',
  readWrite: 'read_write_type',
  management: 'include_management_events',
  exclude: 'exclude_management_event_sources',
  dataResource: 'data_resource',
  type: 'type',
  values: 'values',
  advanced: 'advanced_event_selector',
  fieldSelector: 'field_selector',
  field: 'field',
  equals: 'equals',
  notEquals: 'not_equals',
  startsWith: 'starts_with',
  endsWith: 'ends_with',
};

const CLOUDFORMATION: Names = {
  basic: 'EventSelectors',
  readWrite: 'ReadWriteType',
  management: 'IncludeManagementEvents',
  exclude: 'ExcludeManagementEventSources',
  dataResource: 'DataResources',
  type: 'Type',
  values: 'Values',
  advanced: 'AdvancedEventSelectors',
  fieldSelector: 'FieldSelectors',
  field: 'Field',
  equals: 'Equals',
  notEquals: 'NotEquals',
  startsWith: 'StartsWith',
  endsWith: 'EndsWith',
};

/**
 * Advanced selector fields that select only some events of the category, whatever the operator
 * (`eventName` equals or not_equals PutObject both leave events out).
 */
const NARROWING_FIELDS = new Set(['eventName', 'eventType', 'errorCode', 'userIdentity.arn', 'sessionCredentialFromConsole', 'vpcEndpointId']);

export function readTrailEvents(trail: CloudResource): TrailEvents {
  const n = isCloudFormation(trail) ? CLOUDFORMATION : TERRAFORM;
  const basic = blockList(arg(trail, n.basic, n.basic).value);
  const advanced = blockList(arg(trail, n.advanced, n.advanced).value);
  if (isUnresolved(basic) || isUnresolved(advanced)) {
    const why = isUnresolved(basic) ? basic : (advanced as Unresolved);
    return {
      managementRead: why,
      managementWrite: why,
      excludedSources: [],
      s3Read: why,
      s3Write: why,
      s3AllBuckets: why,
      lambda: why,
      managementAttr: isUnresolved(basic) ? n.basic : n.advanced,
      dataAttr: isUnresolved(basic) ? n.basic : n.advanced,
    };
  }
  if (basic.length === 0 && advanced.length === 0) {
    // No selector: every management event, no data events (CloudTrail API default).
    return {
      managementRead: true,
      managementWrite: true,
      excludedSources: [],
      s3Read: false,
      s3Write: false,
      s3AllBuckets: false,
      lambda: false,
      managementAttr: n.basic,
      dataAttr: n.basic,
    };
  }
  const events: TrailEvents = {
    managementRead: false,
    managementWrite: false,
    excludedSources: [],
    s3Read: false,
    s3Write: false,
    s3AllBuckets: false,
    lambda: false,
    managementAttr: advanced.length > 0 ? n.advanced : n.basic,
    dataAttr: advanced.length > 0 ? `${n.advanced}.${n.fieldSelector}` : `${n.basic}.${n.dataResource}.${n.type}`,
  };
  for (const selector of basic) readBasic(selector, n, events);
  for (const selector of advanced) readAdvanced(selector, n, events);
  events.excludedSources = [...new Set(events.excludedSources)].sort();
  return events;
}

function readBasic(selector: Record<string, IacValue>, n: Names, events: TrailEvents): void {
  const type = upper(own(selector, n.readWrite));
  const readWrite: string | Unresolved = type === null ? 'ALL' : type;
  const reads: Tri = isUnresolved(readWrite) ? readWrite : readWrite === 'ALL' || readWrite === 'READONLY';
  const writes: Tri = isUnresolved(readWrite) ? readWrite : readWrite === 'ALL' || readWrite === 'WRITEONLY';
  const management = withDefault(boolOf(own(selector, n.management)), true);
  events.managementRead = or(events.managementRead, and(management, reads));
  events.managementWrite = or(events.managementWrite, and(management, writes));
  const excluded = listOf(own(selector, n.exclude));
  if (!isUnresolved(excluded)) for (const source of excluded) if (typeof source === 'string') events.excludedSources.push(source);

  const resources = blockList(own(selector, n.dataResource));
  if (isUnresolved(resources)) {
    events.s3Read = or(events.s3Read, resources);
    events.s3Write = or(events.s3Write, resources);
    events.lambda = or(events.lambda, resources);
    return;
  }
  for (const resource of resources) {
    const resourceType = stringOf(own(resource, n.type));
    if (isUnresolved(resourceType)) {
      events.s3Read = or(events.s3Read, and(resourceType, reads));
      events.s3Write = or(events.s3Write, and(resourceType, writes));
      events.lambda = or(events.lambda, resourceType);
      continue;
    }
    if (resourceType === 'AWS::S3::Object') {
      events.s3Read = or(events.s3Read, reads);
      events.s3Write = or(events.s3Write, writes);
      events.s3AllBuckets = or(events.s3AllBuckets, allBuckets(own(resource, n.values)));
    } else if (resourceType === 'AWS::Lambda::Function') {
      events.lambda = or(events.lambda, true);
    }
  }
}

/** `arn:aws:s3` or `arn:aws:s3:::` (any partition) selects every bucket; `arn:aws:s3:::name/` one. */
function allBuckets(values: IacValue | undefined): Tri {
  const list = listOf(values);
  if (isUnresolved(list)) return list;
  let result: Tri = false;
  for (const value of list) {
    const text = stringOf(value);
    if (isUnresolved(text)) result = or(result, text);
    else if (text !== null && /^arn:aws[\w-]*:s3(:::)?$/.test(text.trim())) result = true;
  }
  return result;
}

function readAdvanced(selector: Record<string, IacValue>, n: Names, events: TrailEvents): void {
  const fields = blockList(own(selector, n.fieldSelector));
  if (isUnresolved(fields)) {
    for (const key of ['managementRead', 'managementWrite', 's3Read', 's3Write', 'lambda'] as const) events[key] = or(events[key], fields);
    return;
  }
  let category: string[] | Unresolved = [];
  let readOnly: string[] | Unresolved | null = null;
  let resourceTypes: string[] | Unresolved | null = null;
  let arnFiltered: Tri = false;
  // A field that selects some events only (eventName = PutObject, errorCode, userIdentity.arn)
  // means the selector does not record all events of its category.
  let narrowed: Tri = false;
  let someSources = false;
  for (const field of fields) {
    const name = stringOf(own(field, n.field));
    if (name === 'eventCategory') category = stringsOf(own(field, n.equals));
    else if (name === 'readOnly') readOnly = stringsOf(own(field, n.equals));
    else if (name === 'resources.type') resourceTypes = stringsOf(own(field, n.equals));
    else if (name === 'resources.ARN') arnFiltered = true;
    else if (name === 'eventSource') {
      const excluded = stringsOf(own(field, n.notEquals));
      if (!isUnresolved(excluded)) events.excludedSources.push(...excluded);
      // Only some sources (equals, starts_with, ends_with) narrows management events (a data
      // selector's resources.type already names one service).
      if (own(field, n.equals) !== undefined || own(field, n.startsWith) !== undefined || own(field, n.endsWith) !== undefined) someSources = true;
    } else if (typeof name === 'string' && NARROWING_FIELDS.has(name)) narrowed = true;
    else if (isUnresolved(name)) {
      arnFiltered = or(arnFiltered, name);
      narrowed = or(narrowed, name);
    }
  }
  const whole = not(narrowed);
  // readOnly = ["true"] selects reads only, ["false"] writes only; absent, both.
  let reads: Tri = true;
  let writes: Tri = true;
  if (isUnresolved(readOnly)) reads = writes = readOnly;
  else if (readOnly !== null && readOnly.length > 0) {
    reads = readOnly.some((v) => v.toLowerCase() === 'true');
    writes = readOnly.some((v) => v.toLowerCase() === 'false');
  }
  if (isUnresolved(category)) {
    for (const key of ['managementRead', 'managementWrite', 's3Read', 's3Write', 'lambda'] as const) events[key] = or(events[key], category);
    return;
  }
  if (category.includes('Management')) {
    const allManagement = and(whole, !someSources);
    events.managementRead = or(events.managementRead, and(reads, allManagement));
    events.managementWrite = or(events.managementWrite, and(writes, allManagement));
  }
  if (category.includes('Data')) {
    if (isUnresolved(resourceTypes)) {
      events.s3Read = or(events.s3Read, and(resourceTypes, reads, whole));
      events.s3Write = or(events.s3Write, and(resourceTypes, writes, whole));
      events.lambda = or(events.lambda, resourceTypes);
      return;
    }
    const types = resourceTypes ?? [];
    if (types.includes('AWS::S3::Object')) {
      events.s3Read = or(events.s3Read, and(reads, whole));
      events.s3Write = or(events.s3Write, and(writes, whole));
      events.s3AllBuckets = or(events.s3AllBuckets, and(whole, isUnresolved(arnFiltered) ? arnFiltered : !arnFiltered));
    }
    if (types.includes('AWS::Lambda::Function')) events.lambda = or(events.lambda, true);
  }
}

function blockList(value: IacValue | undefined): Record<string, IacValue>[] | Unresolved {
  const list = listOf(value);
  if (isUnresolved(list)) return list;
  const unknown = list.find(isUnresolved);
  if (unknown) return unknown;
  return list.filter((v): v is Record<string, IacValue> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnresolved(v));
}

