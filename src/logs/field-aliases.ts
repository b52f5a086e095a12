/**
 * Where each semantic field lives in the JSON event schemas ztmm knows, how a record's schema is
 * recognised, and how a field's value is looked up. Pure data and pure functions.
 *
 * Paths are dotted; a path matches nested objects (`user.name` in `{"user":{"name":..}}`) and also
 * flattened keys (`{"user.name": ..}`), as some shippers write ECS that way.
 */
import type { SemanticField } from '../model/estate.js';

export const SCHEMA_IDS = [
  'k8s-audit',
  'ecs',
  'ocsf',
  'cloudtrail',
  'gcp-audit',
  'azure',
  'okta',
  'github-audit',
  'generic-json',
] as const;
export type SchemaId = (typeof SCHEMA_IDS)[number];

export type FieldAliases = Readonly<Record<SemanticField, readonly string[]>>;

/** Plain application JSON: the names loggers commonly use. Tried after any schema's own aliases. */
export const GENERIC_ALIASES: FieldAliases = {
  timestamp: ['timestamp', 'time', 'ts', 'date', 'datetime'],
  actor: ['user', 'userId', 'user_id', 'username', 'principal'],
  sourceAddress: ['ip', 'client_ip', 'clientIp', 'remote_addr', 'remoteAddr', 'src_ip'],
  action: ['action', 'event', 'method', 'operation'],
  outcome: ['outcome', 'result', 'status', 'status_code', 'success'],
};

/** Schema-specific aliases, most specific first. */
export const SCHEMA_ALIASES: Readonly<Record<Exclude<SchemaId, 'generic-json'>, FieldAliases>> = {
  'k8s-audit': {
    timestamp: ['requestReceivedTimestamp', 'stageTimestamp'],
    actor: ['user.username'],
    sourceAddress: ['sourceIPs'],
    action: ['verb'],
    outcome: ['responseStatus.code'],
  },
  ecs: {
    timestamp: ['@timestamp'],
    actor: ['user.name', 'user.id'],
    sourceAddress: ['source.ip', 'client.ip'],
    action: ['event.action'],
    outcome: ['event.outcome'],
  },
  ocsf: {
    timestamp: ['time'],
    actor: ['actor.user.name', 'actor.user.uid', 'user.name'],
    sourceAddress: ['src_endpoint.ip'],
    action: ['activity_name', 'activity_id'],
    outcome: ['status_id', 'status'],
  },
  cloudtrail: {
    timestamp: ['eventTime'],
    actor: ['userIdentity.arn', 'userIdentity.principalId', 'userIdentity.userName'],
    sourceAddress: ['sourceIPAddress'],
    action: ['eventName'],
    // CloudTrail has no outcome field: see `derivedValue` (an error code or message means failure).
    outcome: [],
  },
  'gcp-audit': {
    timestamp: ['timestamp'],
    // principalSubject is AuthenticationInfo's identity for third-party (workload/workforce) principals.
    actor: ['protoPayload.authenticationInfo.principalEmail', 'protoPayload.authenticationInfo.principalSubject'],
    sourceAddress: ['protoPayload.requestMetadata.callerIp'],
    action: ['protoPayload.methodName'],
    outcome: ['protoPayload.status'],
  },
  azure: {
    timestamp: ['time'],
    actor: ['identity', 'properties.userPrincipalName', 'caller'],
    sourceAddress: ['callerIpAddress', 'properties.ipAddress'],
    action: ['operationName'],
    outcome: ['resultType', 'properties.status.errorCode'],
  },
  okta: {
    timestamp: ['published'],
    actor: ['actor.alternateId', 'actor.id'],
    sourceAddress: ['client.ipAddress'],
    action: ['eventType'],
    outcome: ['outcome.result'],
  },
  'github-audit': {
    timestamp: ['@timestamp', 'created_at'],
    actor: ['actor'],
    sourceAddress: ['actor_ip'],
    action: ['action'],
    outcome: [],
  },
};

export function isSchemaId(value: string): value is SchemaId {
  return (SCHEMA_IDS as readonly string[]).includes(value);
}

/** True for values that carry something: not undefined, null, '' or an empty array. */
export function isNonEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value) && value.length === 0) return false;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A dotted path, split once: `keys[from][to]` is segments from..to-1 joined with dots. */
interface CompiledPath {
  length: number;
  keys: string[][];
}

const compiledPaths = new Map<string, CompiledPath>();

function compilePath(path: string): CompiledPath {
  let compiled = compiledPaths.get(path);
  if (!compiled) {
    const segments = path.split('.');
    const keys = segments.map((_, from) => segments.map((__, to) => (to < from ? '' : segments.slice(from, to + 1).join('.'))));
    compiled = { length: segments.length, keys };
    compiledPaths.set(path, compiled);
  }
  return compiled;
}

function walk(node: unknown, path: CompiledPath, from: number): unknown {
  if (!isRecord(node)) return undefined;
  const keys = path.keys[from] as string[];
  // Longest key first, so a flattened key "user.name" is found as well as nested objects.
  for (let to = path.length; to > from; to -= 1) {
    const key = keys[to - 1] as string;
    if (!Object.hasOwn(node, key)) continue;
    const child = node[key];
    const value = to === path.length ? child : walk(child, path, to);
    if (isNonEmpty(value)) return value;
  }
  return undefined;
}

/** The non-empty value at a dotted path, or undefined. */
export function valueAtPath(record: Record<string, unknown>, path: string): unknown {
  return walk(record, compilePath(path), 0);
}

function has(record: Record<string, unknown>, path: string): boolean {
  return valueAtPath(record, path) !== undefined;
}

function stringAt(record: Record<string, unknown>, path: string): string | undefined {
  const value = valueAtPath(record, path);
  return typeof value === 'string' ? value : undefined;
}

/** Recognises the schema of one JSON record; 'generic-json' when no known schema matches. */
export function detectSchema(record: Record<string, unknown>): SchemaId {
  const apiVersion = stringAt(record, 'apiVersion');
  if (
    (apiVersion !== undefined && apiVersion.startsWith('audit.k8s.io/') && stringAt(record, 'kind') === 'Event') ||
    (has(record, 'auditID') && has(record, 'verb') && has(record, 'requestURI'))
  ) {
    return 'k8s-audit';
  }
  if (has(record, '@timestamp') && has(record, 'ecs.version')) return 'ecs';
  if (has(record, 'class_uid') && has(record, 'category_uid') && has(record, 'activity_id')) return 'ocsf';
  if (has(record, 'eventVersion') && has(record, 'eventSource') && has(record, 'eventName')) return 'cloudtrail';
  const protoPayload = valueAtPath(record, 'protoPayload');
  if (isRecord(protoPayload)) {
    const type = protoPayload['@type'];
    if (typeof type === 'string' && type.includes('AuditLog')) return 'gcp-audit';
  }
  if (has(record, 'eventType') && has(record, 'published') && has(record, 'actor')) return 'okta';
  if (
    has(record, 'action') &&
    has(record, 'actor') &&
    (has(record, 'created_at') || has(record, '@timestamp')) &&
    (has(record, 'org') || has(record, 'repo') || has(record, 'business'))
  ) {
    return 'github-audit';
  }
  if (has(record, 'operationName') && (has(record, 'resultType') || has(record, 'category')) && has(record, 'time')) {
    return 'azure';
  }
  return 'generic-json';
}

/** The aliases tried for a field of a schema, in order: the schema's own, then the generic ones. */
export function aliasesFor(schema: string, field: SemanticField): readonly string[] {
  const own = isSchemaId(schema) && schema !== 'generic-json' ? SCHEMA_ALIASES[schema][field] : [];
  return [...own, ...GENERIC_ALIASES[field]];
}

/** Values a schema defines by a rule rather than a field; undefined when the rule does not apply. */
function derivedValue(record: Record<string, unknown>, schema: string, field: SemanticField): unknown {
  if (schema === 'cloudtrail' && field === 'outcome') {
    // CloudTrail sets errorCode and/or errorMessage when a request fails; failed ConsoleLogin
    // events carry only errorMessage ("Failed authentication"). Every record has an outcome.
    return has(record, 'errorCode') || has(record, 'errorMessage') ? 'failure' : 'success';
  }
  return undefined;
}

/**
 * The first non-empty value among the field's aliases (schema-specific first, then generic),
 * or undefined when none carries a value.
 */
export function fieldValue(record: Record<string, unknown>, schema: string, field: SemanticField): unknown {
  const derived = derivedValue(record, schema, field);
  if (derived !== undefined) return derived;
  for (const path of aliasesFor(schema, field)) {
    const value = valueAtPath(record, path);
    if (value !== undefined) return value;
  }
  return undefined;
}
