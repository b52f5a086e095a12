/**
 * Vault audit devices (issue 4). Vault enables audit devices through its API, not its server
 * config, so what is read is an export of them:
 *
 * - the JSON of `vault audit list -detailed -format=json` (a map of `<path>/` → `{type,
 *   description, options, local, path}`), or the body of `GET /v1/sys/audit` (the same map,
 *   wrapped in `data` by current servers);
 * - an OpenBao server config in its JSON form with declarative `audit` stanzas (OpenBao 2.x:
 *   `"audit": [{"file": {"<path>": {"options": {...}}}}]`). Vault and OpenBao HCL configs are not
 *   read: there is no HCL parser without a new dependency.
 *
 * One `vault-audit` subject per export (device count, types, whether any device logs raw secrets)
 * and one `vault-audit` source: file devices write paths, syslog devices use the local syslog,
 * socket devices are outputs. Device option defaults are Vault 1.15+'s: log_raw false,
 * hmac_accessor true, format json, syslog facility AUTH, socket_type tcp.
 */
import type { DocPath, StructuredDocument } from '../documents/yaml-document.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, PipelineOutput, SourceDecl } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Location } from '../model/vocabulary.js';
import { isRecord } from '../util/is-record.js';
import type { DocumentAdapter, ReadContext } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { parseEndpoint } from './hosts/endpoint.js';
import { addProblem, addUnknown, parseGoBool, shorten, sortedUnique } from './hosts/text.js';

const DEVICE_TYPES = new Set(['file', 'socket', 'syslog']);
/** Options Vault's audit devices take (common and per type, Vault 1.15–1.20 / OpenBao 2.x). */
const KNOWN_OPTIONS = new Set([
  'file_path', 'path', 'mode', 'address', 'socket_type', 'write_timeout', 'facility', 'tag', 'log_raw', 'hmac_accessor', 'format', 'prefix',
  'elide_list_responses', 'fallback', 'filter', 'exclude', 'skip_test',
]);
/** Keys of an API response envelope around `data`. */
const ENVELOPE = new Set(['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth', 'mount_type']);
/** Keys of a Vault/OpenBao server config: one of them next to `audit` makes a document a server config. */
const SERVER_KEYS = new Set(['storage', 'backend', 'listener', 'seal', 'api_addr', 'cluster_addr', 'ui', 'disable_mlock', 'telemetry', 'plugin_directory']);

export interface Device {
  path: string;
  type: string;
  options: Map<string, unknown>;
  local: boolean | null;
  /** Where the device and its options are declared in the document. */
  docPath: DocPath;
}

function isDeviceRecord(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.type === 'string' && (value.options === undefined || value.options === null || isRecord(value.options));
}

/** The device map of a list export (unwrapping an API envelope), or null when the document is not one. */
function listDevices(data: Record<string, unknown>): { map: Record<string, unknown>; keys: string[]; base: DocPath } | null {
  const wrapped = isRecord(data.data) && (Object.hasOwn(data, 'request_id') || Object.hasOwn(data, 'lease_id'));
  const map = wrapped ? (data.data as Record<string, unknown>) : data;
  const keys = wrapped ? Object.keys(map) : Object.keys(map).filter((k) => !ENVELOPE.has(k));
  if (keys.length === 0) return null;
  if (!keys.every((k) => isDeviceRecord(map[k]))) return null;
  return { map, keys, base: wrapped ? ['data'] : [] };
}

/** Declarative audit stanzas of an OpenBao server config (JSON form), or null. */
function configDevices(data: Record<string, unknown>): Device[] | null {
  if (!Object.hasOwn(data, 'audit') || !Object.keys(data).some((k) => SERVER_KEYS.has(k))) return null;
  const audit = data.audit;
  const blocks: { block: unknown; base: DocPath }[] = Array.isArray(audit) ? audit.map((b, i) => ({ block: b, base: ['audit', i] })) : [{ block: audit, base: ['audit'] }];
  const devices: Device[] = [];
  for (const { block, base } of blocks) {
    if (!isRecord(block)) continue;
    for (const type of Object.keys(block)) {
      const byPath = block[type];
      const entries: [string, unknown, DocPath][] = Array.isArray(byPath)
        ? byPath.flatMap((e, i) => (isRecord(e) ? Object.keys(e).map((p): [string, unknown, DocPath] => [p, e[p], [...base, type, i, p]]) : []))
        : isRecord(byPath)
          ? Object.keys(byPath).map((p): [string, unknown, DocPath] => [p, byPath[p], [...base, type, p]])
          : [];
      for (const [path, body, docPath] of entries) {
        const options = isRecord(body) && isRecord(body.options) ? body.options : {};
        devices.push({ path: path.endsWith('/') ? path : `${path}/`, type, options: new Map(Object.entries(options)), local: isRecord(body) && typeof body.local === 'boolean' ? body.local : null, docPath });
      }
    }
  }
  return devices;
}

/** An option as Vault reads it: strings (booleans as Go's ParseBool), with JSON/YAML booleans accepted. */
function boolOption(device: Device, key: string, fallback: boolean): { value: boolean | null; explicit: boolean } {
  if (!device.options.has(key)) return { value: fallback, explicit: false };
  const raw = device.options.get(key);
  if (typeof raw === 'boolean') return { value: raw, explicit: true };
  return { value: typeof raw === 'string' ? parseGoBool(raw) : null, explicit: true };
}

function stringOption(device: Device, key: string): string | null {
  const raw = device.options.get(key);
  return typeof raw === 'string' && raw !== '' ? raw : null;
}

function deviceFacts(d: Device, read: ConfigRead, locate: (p: DocPath) => Location): Record<string, unknown> {
  const where = locate(d.docPath);
  if (!DEVICE_TYPES.has(d.type)) addUnknown(read, `audit device type ${shorten(d.type, 40)}`, 'not a built-in audit device type; what it records is unknown', where);
  for (const key of d.options.keys()) {
    if (!KNOWN_OPTIONS.has(key)) addUnknown(read, `option ${shorten(key, 40)}`, 'audit device option not known to ztmm', locate([...d.docPath, 'options', key]));
  }
  const logRaw = boolOption(d, 'log_raw', false);
  const hmac = boolOption(d, 'hmac_accessor', true);
  if (logRaw.value === null) addProblem(read, locate([...d.docPath, 'options', 'log_raw']), 'log_raw is not a boolean');
  const filePath = d.type === 'file' ? stringOption(d, 'file_path') ?? stringOption(d, 'path') : null;
  return {
    path: d.path,
    type: d.type,
    filePath,
    address: d.type === 'socket' ? stringOption(d, 'address') : null,
    socketType: d.type === 'socket' ? stringOption(d, 'socket_type') ?? 'tcp' : null,
    facility: d.type === 'syslog' ? (stringOption(d, 'facility') ?? 'AUTH').toUpperCase() : null,
    tag: d.type === 'syslog' ? stringOption(d, 'tag') ?? 'vault' : null,
    format: stringOption(d, 'format') ?? 'json',
    logRaw: logRaw.value,
    hmacAccessor: hmac.value,
    elideListResponses: boolOption(d, 'elide_list_responses', false).value,
    fallback: boolOption(d, 'fallback', false).value,
    filtered: stringOption(d, 'filter') !== null,
    local: d.local,
    // `file_path=discard` writes nothing: such a device keeps Vault running but records no event.
    records: !(d.type === 'file' && filePath === 'discard'),
  };
}

function readDevices(doc: StructuredDocument, devices: Device[], origin: 'audit-list' | 'server-config', read: ConfigRead): void {
  const root = doc.locate([]);
  const locate = (p: DocPath): Location => doc.locate(p);
  const sorted = [...devices].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const facts = sorted.map((d) => deviceFacts(d, read, locate));
  const recording = facts.filter((f) => f.records === true);
  const rawIndex = facts.findIndex((f) => f.logRaw === true);
  const unhashedIndex = facts.findIndex((f) => f.hmacAccessor === false);
  const logRaw = rawIndex >= 0 ? true : facts.some((f) => f.logRaw === null) ? null : false;
  const locations: Record<string, Location> = { deviceCount: root, recordingDeviceCount: root, types: root, logRaw: root, hmacAccessor: root };
  sorted.forEach((d, i) => {
    locations[`devices.${i}`] = locate(d.docPath);
    locations[`devices.${i}.logRaw`] = d.options.has('log_raw') ? locate([...d.docPath, 'options', 'log_raw']) : locate(d.docPath);
  });
  const rawDevice = sorted[rawIndex];
  if (rawDevice) locations.logRaw = locations[`devices.${rawIndex}.logRaw`] ?? root;
  const unhashed = sorted[unhashedIndex];
  if (unhashed) locations.hmacAccessor = locate([...unhashed.docPath, 'options', 'hmac_accessor']);
  const subject: Subject = {
    kind: 'vault-audit',
    id: `vault-audit:${doc.path}${doc.index > 0 ? `#${doc.index}` : ''}`,
    path: doc.path,
    pillars: ['identity', 'data'],
    facts: {
      origin,
      deviceCount: facts.length,
      recordingDeviceCount: recording.length,
      types: sortedUnique(facts.map((f) => f.type as string)),
      paths: facts.map((f) => f.path),
      devices: facts,
      logRaw,
      rawDevices: facts.filter((f) => f.logRaw === true).map((f) => f.path),
      hmacAccessor: facts.every((f) => f.hmacAccessor === true),
    },
    locations,
    unreadable: {},
    declaredAt: root,
  };
  read.subjects.push(subject);
  if (recording.length === 0) return;
  const paths: string[] = [];
  const channels: SourceDecl['channels'] = [];
  const outputs: PipelineOutput[] = [];
  facts.forEach((f, i) => {
    const where = locations[`devices.${i}`] ?? root;
    if (f.type === 'file' && typeof f.filePath === 'string' && f.filePath !== 'discard' && f.filePath !== 'stdout') paths.push(f.filePath);
    if (f.type === 'syslog') channels.push({ kind: 'syslog', facility: String(f.facility).toLowerCase() });
    if (f.type === 'socket' && typeof f.address === 'string') {
      const unix = f.socketType === 'unix';
      const ep = unix ? null : parseEndpoint(f.address);
      outputs.push({
        id: String(f.path),
        plugin: 'socket',
        sinkKind: 'other',
        remote: unix ? false : ep ? !ep.local : null,
        endpoint: unix ? `unix://${f.address}` : ep?.display ?? null,
        port: ep?.port ?? null,
        protocol: 'other',
        // The socket device writes plain JSON lines: it has no TLS option.
        tls: unix ? null : false,
        tlsVerify: null,
        // Vault does not buffer: a failed write fails (or blocks) the request instead.
        durable: false,
        index: null,
        path: null,
        at: where,
        locations: {},
      });
    }
  });
  read.sources.push({
    id: `vault-audit:${doc.path}`,
    system: 'vault-audit',
    pillars: ['identity', 'data'],
    paths: sortedUnique(paths),
    channels,
    outputs,
    localRetentionDays: null,
    declaredAt: root,
    locations: {},
  });
}

export function readVaultAudit(doc: StructuredDocument, _context: ReadContext): ConfigRead {
  const read = emptyRead('vault-audit');
  try {
    const data = doc.data;
    if (!isRecord(data)) {
      read.problems.push({ at: doc.locate([]), message: 'a Vault audit device export must be a JSON object' });
      read.fatal = true;
      return read;
    }
    const config = configDevices(data);
    if (config) {
      readDevices(doc, config, 'server-config', read);
      return read;
    }
    const list = listDevices(data);
    const devices: Device[] = list
      ? list.keys.map((key) => {
          const body = list.map[key] as Record<string, unknown>;
          const options = isRecord(body.options) ? body.options : {};
          return { path: key, type: String(body.type), options: new Map(Object.entries(options)), local: typeof body.local === 'boolean' ? body.local : null, docPath: [...list.base, key] };
        })
      : [];
    readDevices(doc, devices, 'audit-list', read);
  } catch (error) {
    read.problems.push({ at: { path: doc.path, line: 1, column: 1 }, message: `could not be read as Vault audit devices (${error instanceof Error ? error.name : 'error'})` });
    read.fatal = true;
  }
  return read;
}

/** An empty export is only recognised by its name (`vault-audit.json`, `openbao/audit-devices.json`). */
function namedAsExport(path: string): boolean {
  return /(vault|openbao|bao)/i.test(path) && /audit/i.test(path);
}

export function claimsVaultAudit(path: string, data: unknown): boolean {
  if (!isRecord(data)) return false;
  if (configDevices(data) !== null) return true;
  const list = listDevices(data);
  if (list !== null) {
    // Device records keyed by mount paths (`file/`), or whose type is a built-in audit device type.
    const typeOf = (key: string): string => String((list.map[key] as Record<string, unknown>).type);
    return list.keys.every((key) => key.endsWith('/') || DEVICE_TYPES.has(typeOf(key))) && list.keys.some((key) => DEVICE_TYPES.has(typeOf(key)));
  }
  if (!namedAsExport(path)) return false;
  const keys = Object.keys(data);
  if (keys.length === 0) return true;
  return isRecord(data.data) && Object.keys(data.data).length === 0 && keys.every((k) => ENVELOPE.has(k));
}

export const VAULT_AUDIT_DOCUMENT: DocumentAdapter = {
  kind: 'vault-audit',
  claims: claimsVaultAudit,
  read: readVaultAudit,
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [VAULT_AUDIT_DOCUMENT] };
