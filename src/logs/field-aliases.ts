/**
 * Where each semantic field lives in the JSON event schemas ztmm knows, how a record's schema is
 * recognised, and how a field's value is looked up. Pure data and pure functions.
 *
 * Paths are dotted; a path matches nested objects (`user.name` in `{"user":{"name":..}}`) and also
 * flattened keys (`{"user.name": ..}`), as some shippers write ECS that way.
 *
 * The configuration's `aliases` add names per semantic field, tried before the built-in ones for
 * every schema: `fieldReader(aliases)` compiles them with the built-in tables, once per thread.
 */
import type { SemanticField } from '../model/estate.js';
import { SEMANTIC_FIELDS } from '../model/estate.js';
import { isRecord } from '../util/is-record.js';

export const SCHEMA_IDS = [
  'k8s-audit',
  'ecs',
  'ocsf',
  'cloudtrail',
  'gcp-audit',
  'azure',
  'okta',
  'github-audit',
  'cloudtrail-digest',
  'otel',
  'syslog',
  'cef',
  'leef',
  'auditd',
  'access-log',
  'generic-json',
] as const;
export type SchemaId = (typeof SCHEMA_IDS)[number];

export type FieldAliases = Readonly<Record<SemanticField, readonly string[]>>;

/** Plain application JSON and logfmt: the names loggers commonly use. Tried after any schema's own aliases. */
export const GENERIC_ALIASES: FieldAliases = {
  timestamp: ['timestamp', 'time', 'ts', '@timestamp', 'date', 'datetime', 'Timestamp', 'Time', 'When', 'EventTime', 'TimeGenerated', 'TimeCreated', 'time_iso8601', 'time_local', 'log_time', '__REALTIME_TIMESTAMP', '@wrapperTimestamp'],
  actor: ['user', 'userId', 'user_id', 'username', 'userName', 'user.email', 'email', 'principal', 'actor', 'actor_details.email', 'actor_email', 'actor_id', 'actor_uuid', 'Actor', 'ActorEmail', 'ActorID', 'uid'],
  sourceAddress: ['ip', 'client_ip', 'clientIp', 'ClientIP', 'remote_addr', 'remoteAddr', 'remote_ip', 'src_ip', 'source_ip', 'sourceIp', 'ip_address', 'session.ip', 'client.ip_address', 'actor_ip', 'ActorIP'],
  action: ['action', 'event', 'method', 'operation', 'event_type', 'eventType', 'activity', 'Action', 'ActionType'],
  target: ['target', 'resource', 'object', 'object_uuid', 'object_type', 'path', 'url', 'uri', 'file', 'ResourceID', 'ResourceType'],
  outcome: ['outcome', 'result', 'status', 'status_code', 'statusCode', 'success', 'Outcome', 'Result', 'ActionResult'],
  severity: ['level', 'severity', 'lvl', 'loglevel', 'log_level', 'levelname', 'Level', 'Severity', 'PRIORITY', 'error_severity'],
  eventId: ['id', 'event_id', 'eventId', 'uuid', 'message_id', 'ID', 'Id'],
  correlationId: ['request_id', 'requestId', 'trace_id', 'traceId', 'trace.id', 'correlation_id', 'correlationId', 'x_request_id', 'session_id', 'sessionId', 'session.uuid', 'transaction_id', 'span_id'],
  host: ['host', 'hostname', '_HOSTNAME', 'service', 'service.name', 'app', 'application', 'logger', 'Interface'],
  geo: ['geo', 'country', 'country_code', 'location.country', 'location', 'Country'],
  category: ['category', 'type', 'event_category', 'kind'],
};

const NONE: readonly string[] = [];

/** Schema-specific aliases, most specific first. */
export const SCHEMA_ALIASES: Readonly<Record<Exclude<SchemaId, 'generic-json'>, FieldAliases>> = {
  'k8s-audit': {
    timestamp: ['requestReceivedTimestamp', 'stageTimestamp'],
    actor: ['user.username'],
    sourceAddress: ['sourceIPs'],
    action: ['verb'],
    target: ['objectRef.resource', 'requestURI'],
    outcome: ['responseStatus.code'],
    severity: NONE,
    eventId: ['auditID'],
    // The Audit-ID is returned to the client and propagated by aggregated API servers.
    correlationId: ['auditID'],
    host: NONE,
    geo: NONE,
    category: ['objectRef.resource'],
  },
  ecs: {
    timestamp: ['@timestamp'],
    actor: ['user.name', 'user.id', 'user.email'],
    sourceAddress: ['source.ip', 'client.ip', 'source.address'],
    action: ['event.action'],
    target: ['user.target.name', 'file.path', 'url.original', 'url.path', 'destination.ip', 'destination.address'],
    outcome: ['event.outcome'],
    severity: ['log.level', 'event.severity'],
    eventId: ['event.id'],
    correlationId: ['trace.id', 'transaction.id', 'span.id', 'http.request.id'],
    host: ['host.name', 'host.hostname', 'service.name', 'observer.hostname'],
    geo: ['source.geo.country_iso_code', 'client.geo.country_iso_code', 'source.geo.country_name'],
    category: ['event.category'],
  },
  ocsf: {
    timestamp: ['time'],
    actor: ['actor.user.name', 'actor.user.uid', 'user.name', 'user.uid'],
    sourceAddress: ['src_endpoint.ip'],
    action: ['activity_name', 'activity_id'],
    target: ['dst_endpoint.ip', 'dst_endpoint.hostname', 'user.name', 'resources'],
    outcome: ['status_id', 'status'],
    severity: ['severity_id', 'severity'],
    eventId: ['metadata.uid'],
    correlationId: ['metadata.correlation_uid'],
    host: ['device.hostname', 'metadata.product.name'],
    geo: ['src_endpoint.location.country'],
    category: ['category_name', 'class_name', 'category_uid'],
  },
  cloudtrail: {
    timestamp: ['eventTime'],
    actor: ['userIdentity.arn', 'userIdentity.principalId', 'userIdentity.userName'],
    sourceAddress: ['sourceIPAddress'],
    action: ['eventName'],
    target: ['resources', 'requestParameters'],
    // CloudTrail has no outcome field: see `derivedValue` (an error code or message means failure).
    outcome: NONE,
    severity: NONE,
    eventId: ['eventID'],
    correlationId: ['requestID', 'sharedEventID'],
    host: ['eventSource'],
    geo: ['awsRegion'],
    category: ['eventCategory', 'eventType'],
  },
  'gcp-audit': {
    timestamp: ['timestamp'],
    // principalSubject is AuthenticationInfo's identity for third-party (workload/workforce) principals.
    actor: ['protoPayload.authenticationInfo.principalEmail', 'protoPayload.authenticationInfo.principalSubject'],
    sourceAddress: ['protoPayload.requestMetadata.callerIp'],
    action: ['protoPayload.methodName'],
    target: ['protoPayload.resourceName'],
    outcome: ['protoPayload.status'],
    severity: ['severity'],
    eventId: ['insertId'],
    correlationId: ['operation.id', 'trace'],
    host: ['protoPayload.serviceName', 'resource.type'],
    geo: ['resource.labels.location', 'resource.labels.zone'],
    category: ['logName'],
  },
  azure: {
    timestamp: ['time'],
    actor: ['identity', 'properties.userPrincipalName', 'caller'],
    sourceAddress: ['callerIpAddress', 'properties.ipAddress'],
    action: ['operationName'],
    target: ['resourceId', 'properties.resourceDisplayName', 'properties.appDisplayName'],
    outcome: ['resultType', 'properties.status.errorCode'],
    severity: ['level', 'Level'],
    eventId: ['properties.id', 'id'],
    correlationId: ['correlationId', 'properties.correlationId'],
    host: ['resourceId'],
    geo: ['location', 'properties.location.countryOrRegion'],
    category: ['category'],
  },
  okta: {
    timestamp: ['published'],
    actor: ['actor.alternateId', 'actor.id'],
    sourceAddress: ['client.ipAddress'],
    action: ['eventType'],
    target: ['target'],
    outcome: ['outcome.result'],
    severity: ['severity'],
    eventId: ['uuid'],
    correlationId: ['authenticationContext.externalSessionId', 'transaction.id'],
    host: NONE,
    geo: ['client.geographicalContext.country'],
    category: ['eventType'],
  },
  'github-audit': {
    timestamp: ['@timestamp', 'created_at'],
    actor: ['actor'],
    sourceAddress: ['actor_ip'],
    action: ['action'],
    target: ['repo', 'user', 'team', 'org'],
    outcome: NONE,
    severity: NONE,
    eventId: ['_document_id'],
    correlationId: ['request_id'],
    host: ['org', 'business'],
    geo: ['actor_location.country_code'],
    category: ['action'],
  },
  // A CloudTrail digest file: the integrity-validation record for an hour of log files.
  'cloudtrail-digest': {
    timestamp: ['digestEndTime', 'digestStartTime'],
    actor: NONE,
    sourceAddress: NONE,
    action: NONE,
    target: ['digestS3Object', 'logFiles'],
    outcome: NONE,
    severity: NONE,
    eventId: ['digestSignature'],
    correlationId: ['previousDigestSignature'],
    host: ['digestS3Bucket', 'awsAccountId'],
    geo: NONE,
    category: NONE,
  },
  otel: {
    timestamp: ['timeUnixNano', 'timestamp', 'Timestamp', 'observedTimeUnixNano'],
    actor: ['attributes.user.id', 'attributes.enduser.id', 'Attributes.enduser.id'],
    sourceAddress: ['attributes.client.address', 'attributes.net.peer.ip'],
    action: ['attributes.event.name', 'eventName', 'EventName'],
    target: ['attributes.url.path', 'attributes.http.target'],
    outcome: ['attributes.http.response.status_code', 'attributes.http.status_code'],
    severity: ['severityText', 'SeverityText', 'severityNumber', 'SeverityNumber'],
    eventId: ['attributes.event.id'],
    correlationId: ['traceId', 'TraceId', 'spanId', 'SpanId'],
    host: ['resource.service.name', 'Resource.service.name', 'resource.host.name'],
    geo: NONE,
    category: ['attributes.event.domain'],
  },
  syslog: {
    timestamp: ['timestamp'],
    actor: ['auth.user'],
    sourceAddress: ['auth.sourceIp'],
    action: ['auth.action'],
    target: ['auth.targetUser'],
    outcome: ['auth.outcome'],
    severity: ['severity'],
    eventId: ['msgId'],
    correlationId: NONE,
    host: ['hostname', 'appName'],
    geo: NONE,
    category: ['auth.category'],
  },
  cef: {
    timestamp: ['rt', 'start', 'end', 'syslog.timestamp'],
    actor: ['suser', 'suid', 'duser'],
    sourceAddress: ['src', 'c6a2', 'shost', 'sourceTranslatedAddress'],
    action: ['act', 'cef.name', 'cef.signatureId'],
    target: ['dhost', 'dst', 'request', 'fname', 'duser'],
    outcome: ['outcome', 'cat'],
    severity: ['cef.severity'],
    eventId: ['externalId', 'cef.signatureId'],
    correlationId: ['cs1', 'requestContext'],
    host: ['dvchost', 'dvc', 'cef.deviceProduct', 'syslog.hostname'],
    geo: ['slat', 'slong'],
    category: ['cat', 'cef.name'],
  },
  leef: {
    timestamp: ['devTime', 'syslog.timestamp'],
    actor: ['usrName', 'accountName', 'identSrc'],
    sourceAddress: ['src', 'srcPreNAT'],
    action: ['leef.eventId', 'action'],
    target: ['dst', 'resource', 'url'],
    outcome: ['result', 'outcome'],
    severity: ['sev'],
    eventId: ['leef.eventId'],
    correlationId: ['sessionId', 'requestId'],
    host: ['identHostName', 'leef.product', 'syslog.hostname'],
    geo: NONE,
    category: ['cat'],
  },
  auditd: {
    timestamp: ['timestamp'],
    // auid is the login uid: who originally authenticated, preserved across su/sudo.
    actor: ['translated.AUID', 'auid', 'acct', 'translated.UID', 'uid'],
    sourceAddress: ['addr', 'hostname'],
    action: ['type', 'op', 'syscall', 'comm'],
    target: ['acct', 'id', 'name', 'exe'],
    outcome: ['res', 'success'],
    severity: NONE,
    eventId: ['serial'],
    correlationId: ['ses'],
    host: ['node'],
    geo: NONE,
    category: ['type', 'key'],
  },
  'access-log': {
    timestamp: ['time'],
    actor: ['remoteUser'],
    sourceAddress: ['remoteAddr'],
    action: ['method'],
    target: ['path', 'request'],
    outcome: ['status'],
    severity: NONE,
    eventId: NONE,
    correlationId: NONE,
    host: NONE,
    geo: NONE,
    category: NONE,
  },
};

/** Schemas that are decided by the format, not by the record's fields. */
export const FORMAT_SCHEMAS: ReadonlySet<string> = new Set(['syslog', 'cef', 'leef', 'auditd', 'access-log']);

export function isSchemaId(value: string): value is SchemaId {
  return (SCHEMA_IDS as readonly string[]).includes(value);
}

/** True for values that carry something: not undefined, null, '', a placeholder or an empty array. */
/** What loggers write for "no value": access logs' `-`, auditd's `?` and `(none)`. */
const PLACEHOLDERS: ReadonlySet<string> = new Set(['-', '?', '(none)']);

export function isNonEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.length > 6 || (value.length > 0 && !PLACEHOLDERS.has(value));
  if (Array.isArray(value) && value.length === 0) return false;
  return true;
}


/**
 * A flattened key joins at most this many segments of a path (`user.name` joins two); longer
 * paths are still followed through nested objects. Without a bound, compiling a path of n
 * segments took n² keys of up to n segments each, and a long alias exhausted the memory.
 */
const MAX_JOINED_SEGMENTS = 16;

/** A dotted path, split once: `keys[from][span - 1]` is the `span` segments from `from` joined with dots. */
interface CompiledPath {
  length: number;
  keys: string[][];
}

const compiledPaths = new Map<string, CompiledPath>();

function compilePath(path: string): CompiledPath {
  let compiled = compiledPaths.get(path);
  if (!compiled) {
    const segments = path.split('.');
    const keys = segments.map((_, from) => segments.slice(from, from + MAX_JOINED_SEGMENTS).map((__, i, span) => span.slice(0, i + 1).join('.')));
    compiled = { length: segments.length, keys };
    compiledPaths.set(path, compiled);
  }
  return compiled;
}

function walk(node: unknown, path: CompiledPath, from: number): unknown {
  if (!isRecord(node)) return undefined;
  const record = node;
  const keys = path.keys[from] as string[];
  // Longest key first, so a flattened key "user.name" is found as well as nested objects.
  for (let span = keys.length; span > 0; span -= 1) {
    const key = keys[span - 1] as string;
    // One read instead of hasOwn then read: JSON values are never undefined or functions, so
    // anything else read is the record's own, except `__proto__`, which only hasOwn can tell.
    const child = record[key];
    if (child === undefined || typeof child === 'function') continue;
    if (key === '__proto__' && !Object.hasOwn(record, key)) continue;
    const to = from + span;
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
  if (has(record, 'digestS3Object') && has(record, 'digestSignatureAlgorithm')) return 'cloudtrail-digest';
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
  if ((has(record, 'traceId') || has(record, 'TraceId') || has(record, 'spanId')) && (has(record, 'severityText') || has(record, 'severityNumber') || has(record, 'SeverityText') || has(record, 'body') || has(record, 'Body'))) {
    return 'otel';
  }
  return 'generic-json';
}

/** The aliases tried for a field: a known schema's own, or the generic names for plain application JSON. */
export function aliasesFor(schema: string, field: SemanticField): readonly string[] {
  // A known schema defines where its fields are; the generic names would read its fields under
  // other meanings (a Kubernetes audit `level` is not a severity, auditd's `uid` is not the actor).
  if (isSchemaId(schema) && schema !== 'generic-json') return SCHEMA_ALIASES[schema][field];
  return GENERIC_ALIASES[field];
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

/** Whether `derivedValue` has a rule for the schema's field. */
function isDerived(schema: string, field: SemanticField): boolean {
  return schema === 'cloudtrail' && field === 'outcome';
}

/**
 * Extra field names per semantic field (the configuration's `aliases`): tried before the
 * built-in names, for every schema. Dotted names reach into objects, as the built-in ones do.
 */
export type UserAliases = Partial<Record<SemanticField, readonly string[]>>;

/**
 * How one semantic field is read for one schema: `first` (the user's names, then, unless a rule
 * derives the field, the built-in ones), the schema's rule, then `rest` (the built-in names
 * after a rule that did not apply).
 */
interface FieldEntry {
  first: readonly CompiledPath[];
  derived: boolean;
  rest: readonly CompiledPath[];
}

/** Reads every semantic field of records, with one set of user aliases compiled once. */
export interface FieldReader {
  /** Every semantic field's value for one record, in SEMANTIC_FIELDS order (undefined: none). */
  values(record: Record<string, unknown>, schema: string): unknown[];
}

/** The user's names for a field, deduplicated, in their order. */
function userNames(aliases: UserAliases | undefined, field: SemanticField): string[] {
  const names = aliases?.[field];
  return names ? [...new Set(names.filter((n) => typeof n === 'string' && n !== ''))] : [];
}

function compileTable(schema: string, aliases: UserAliases | undefined): FieldEntry[] {
  return SEMANTIC_FIELDS.map((field) => {
    const user = userNames(aliases, field);
    const builtin = aliasesFor(schema, field).filter((path) => !user.includes(path));
    const derived = isDerived(schema, field);
    return derived
      ? { first: user.map(compilePath), derived, rest: builtin.map(compilePath) }
      : { first: [...user, ...builtin].map(compilePath), derived, rest: [] };
  });
}

function createReader(aliases: UserAliases | undefined): FieldReader {
  // Per schema, compiled on first use: a reader meets a handful of schemas.
  const tables = new Map<string, FieldEntry[]>();
  return {
    values(record, schema) {
      let table = tables.get(schema);
      if (!table) {
        table = compileTable(schema, aliases);
        tables.set(schema, table);
      }
      const out = new Array<unknown>(table.length);
      for (let i = 0; i < table.length; i++) {
        const entry = table[i] as FieldEntry;
        let value: unknown;
        for (const path of entry.first) {
          value = walk(record, path, 0);
          if (value !== undefined) break;
        }
        if (value === undefined && entry.derived) {
          value = derivedValue(record, schema, SEMANTIC_FIELDS[i] as SemanticField);
          if (value === undefined) {
            for (const path of entry.rest) {
              value = walk(record, path, 0);
              if (value !== undefined) break;
            }
          }
        }
        out[i] = value;
      }
      return out;
    },
  };
}

/** A stable key for a set of user aliases: '' when there are none. */
export function aliasesKey(aliases: UserAliases | undefined): string {
  if (!aliases) return '';
  const parts: [string, string[]][] = [];
  for (const field of SEMANTIC_FIELDS) {
    const names = userNames(aliases, field);
    if (names.length > 0) parts.push([field, names]);
  }
  return parts.length === 0 ? '' : JSON.stringify(parts);
}

const DEFAULT_READER = createReader(undefined);
/** Readers by aliases key, so every block of a file (and every file) of a scan shares one. */
const readers = new Map<string, FieldReader>();
const MAX_READERS = 16;

/**
 * The field reader for a set of user aliases (none: the built-in names only). Readers are
 * cached by their aliases, so the tables are compiled once per thread, not once per read.
 */
export function fieldReader(aliases?: UserAliases): FieldReader {
  const key = aliasesKey(aliases);
  if (key === '') return DEFAULT_READER;
  let reader = readers.get(key);
  if (!reader) {
    if (readers.size >= MAX_READERS) readers.clear();
    reader = createReader(aliases);
    readers.set(key, reader);
  }
  return reader;
}

/**
 * The first non-empty value among the field's aliases (schema-specific first, then generic),
 * or undefined when none carries a value.
 */
export function fieldValue(record: Record<string, unknown>, schema: string, field: SemanticField): unknown {
  const derived = derivedValue(record, schema, field);
  if (derived !== undefined) return derived;
  for (const path of compiledAliases(schema, field)) {
    const value = walk(record, path, 0);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * Every semantic field's value for one record, in SEMANTIC_FIELDS order, with the built-in
 * names only: one table lookup per record instead of one per field.
 */
export function fieldValues(record: Record<string, unknown>, schema: string): unknown[] {
  return DEFAULT_READER.values(record, schema);
}

/** Alias paths per schema and field, compiled once: the per-event lookups allocate nothing. */
const compiledAliasCache = new Map<string, Map<SemanticField, CompiledPath[]>>();

function compiledAliases(schema: string, field: SemanticField): readonly CompiledPath[] {
  let bySchema = compiledAliasCache.get(schema);
  if (!bySchema) {
    bySchema = new Map();
    compiledAliasCache.set(schema, bySchema);
  }
  let paths = bySchema.get(field);
  if (!paths) {
    paths = aliasesFor(schema, field).map(compilePath);
    bySchema.set(field, paths);
  }
  return paths;
}
