/**
 * Filebeat (`filebeat.yml`, with `modules.d/*.yml` and `inputs.d/*.yml` it loads) and Elastic
 * Agent standalone (`elastic-agent.yml`), also embedded in a Kubernetes ConfigMap. Each becomes
 * one pipeline: the enabled inputs (and module filesets), the output(s), and the routes between
 * them (Filebeat: every input to its single output; Elastic Agent: `use_output`, default
 * `default`). Beats settings are read with dotted and nested keys alike (see
 * fluent-bit/beats-config.ts). Defaults assumed are those of Filebeat / Elastic Agent 8.x.
 */
import { posix } from 'node:path';
import { parseStructured } from '../documents/yaml-document.js';
import type { StructuredDocument } from '../documents/yaml-document.js';
import { hostRootOf } from '../estate/host-root.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, InputChannel, Pipeline, PipelineEdge, PipelineInput, PipelineOutput } from '../model/pipeline.js';
import type { SinkKind } from '../model/estate.js';
import { compareStrings } from '../model/vocabulary.js';
import type { Location } from '../model/vocabulary.js';
import { isRecord } from '../util/is-record.js';
import type { DocumentAdapter, ReadContext } from './config-adapter.js';
import { BeatsContext, asMap, asSeq, child, normalizeBeats } from './fluent-bit/beats-config.js';
import type { BNode } from './fluent-bit/beats-config.js';
import { embeddedOrigin, parseEmbeddedYaml } from './fluent-bit/embedded.js';
import { Notes, quote, splitHostPort, withoutCredentials } from './fluent-bit/notes.js';
import { isLoopback } from './shipper-kit/endpoint.js';
import { decodeCloudId, isContainerLogPath } from './fluent-bit/pipeline.js';
import type { ConfigAdapters } from './registry.js';

export const FILEBEAT = 'filebeat';
export const ELASTIC_AGENT = 'elastic-agent';

// ---------------------------------------------------------------------------------------------
// Claims

function topKeys(data: unknown): string[] {
  return isRecord(data) ? Object.keys(data) : [];
}

/** `filebeat.yml`: settings under `filebeat` (dotted or nested), or an `output` in a file named so. */
export function isFilebeatConfig(path: string, data: unknown): boolean {
  if (!isRecord(data)) return false;
  const keys = topKeys(data);
  if (keys.some((k) => k.startsWith('filebeat.') || (k === 'filebeat' && isRecord(data[k])))) return true;
  const named = /(^|\/)filebeat[^/]*\.ya?ml$/i.test(path);
  return named && keys.some((k) => k === 'output' || k.startsWith('output.'));
}

/** `modules.d/*.yml` (a list of module configs) or `inputs.d/*.yml` (a list of inputs) Filebeat loads. */
export function isFilebeatFragment(path: string, data: unknown): boolean {
  if (!Array.isArray(data) || data.length === 0 || !data.every(isRecord)) return false;
  if (/(^|\/)modules\.d\/[^/]+\.ya?ml$/i.test(path)) return data.every((m) => typeof m['module'] === 'string');
  if (/(^|\/)inputs\.d\/[^/]+\.ya?ml$/i.test(path)) return data.every((m) => typeof m['type'] === 'string');
  return false;
}

const AGENT_OUTPUT_TYPES = new Set(['elasticsearch', 'logstash', 'kafka', 'remote_elasticsearch']);

/** `elastic-agent.yml` (standalone): `outputs` of known types and `inputs` with a `type`. */
export function isElasticAgentConfig(path: string, data: unknown): boolean {
  if (!isRecord(data)) return false;
  const named = /(^|\/)elastic-agent[^/]*\.ya?ml$/i.test(path);
  const outputs = data['outputs'];
  const typedOutputs = isRecord(outputs) && Object.keys(outputs).length > 0 && Object.values(outputs).every((o) => isRecord(o) && typeof o['type'] === 'string' && AGENT_OUTPUT_TYPES.has(o['type']));
  const inputs = data['inputs'];
  const typedInputs = Array.isArray(inputs) && inputs.every((i) => isRecord(i) && typeof i['type'] === 'string');
  if (typedOutputs && (typedInputs || 'agent' in data || 'agent.monitoring' in data)) return true;
  const fleet = data['fleet'];
  return named && (typedOutputs || typedInputs || (isRecord(fleet) && 'enabled' in fleet) || 'fleet.enabled' in data);
}

function configMapData(data: unknown): Record<string, unknown> | null {
  if (!isRecord(data) || data['kind'] !== 'ConfigMap' || typeof data['apiVersion'] !== 'string') return null;
  const content = data['data'];
  return isRecord(content) ? content : null;
}

/** ConfigMap keys that hold a Beats configuration, and which kind (decided by the content). */
function configMapEntries(data: unknown): { key: string; kind: typeof FILEBEAT | typeof ELASTIC_AGENT }[] {
  const content = configMapData(data);
  if (!content) return [];
  const out: { key: string; kind: typeof FILEBEAT | typeof ELASTIC_AGENT }[] = [];
  for (const key of Object.keys(content).sort(compareStrings)) {
    const text = content[key];
    if (typeof text !== 'string' || !/\.ya?ml$/i.test(key) || !/(filebeat|agent)/i.test(key)) continue;
    const parsed = parseStructured(key, text);
    const first = parsed.documents[0]?.data;
    if (isFilebeatConfig(key, first)) out.push({ key, kind: FILEBEAT });
    else if (isElasticAgentConfig(key, first)) out.push({ key, kind: ELASTIC_AGENT });
  }
  return out;
}

export function isBeatsConfigMap(data: unknown): boolean {
  return configMapEntries(data).length > 0;
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** Default paths of module filesets on Linux (Filebeat 8.x module manifests). */
const FILESET_PATHS: ReadonlyMap<string, readonly string[]> = new Map([
  ['system.auth', ['/var/log/auth.log*', '/var/log/secure*']],
  ['system.syslog', ['/var/log/messages*', '/var/log/syslog*']],
  ['auditd.log', ['/var/log/audit/audit.log*']],
  ['nginx.access', ['/var/log/nginx/access.log*']],
  ['nginx.error', ['/var/log/nginx/error.log*']],
  ['apache.access', ['/var/log/apache2/access.log*', '/var/log/apache2/other_vhosts_access.log*', '/var/log/httpd/access_log*']],
  ['apache.error', ['/var/log/apache2/error.log*', '/var/log/httpd/error_log*']],
]);

/** Listener ports by input type, when the type has a default. */
const DEFAULT_PORTS: ReadonlyMap<string, number> = new Map([['http_endpoint', 8000]]);

interface InputRead {
  input: PipelineInput;
  /** Elastic Agent: the output the input sends to. */
  useOutput: string | null;
}

class BeatsReader {
  readonly inputs: InputRead[] = [];
  private readonly counters = new Map<string, number>();

  constructor(readonly ctx: BeatsContext) {}

  nextId(type: string, written: string | null): string {
    const n = this.counters.get(type) ?? 0;
    this.counters.set(type, n + 1);
    return written ?? `${type}#${n}`;
  }

  /** A `filebeat.inputs` entry (or an Elastic Agent input with its streams). */
  readInput(node: BNode, ctx: BeatsContext, agent: boolean): void {
    const map = asMap(node);
    if (!map) {
      ctx.notes.problem(ctx.at(node), 'an input is a map of settings');
      return;
    }
    if (ctx.bool(child(map, 'enabled'), true) === false) return;
    const type = (ctx.text(child(map, 'type')) ?? (agent ? null : 'log'))?.toLowerCase() ?? null;
    if (type === null) {
      ctx.notes.problem(ctx.at(node), 'input without a type');
      return;
    }
    const input: PipelineInput = { id: this.nextId(type, ctx.text(child(map, 'id'))), plugin: type, channel: 'other', paths: [], exclude: [], port: null, at: ctx.at(node) };
    const streams = agent ? asSeq(child(map, 'streams')) : null;
    const settings = streams ? streams.filter((s) => ctx.bool(child(s, 'enabled'), true) !== false) : [map];
    if (streams && settings.length === 0 && streams.length > 0) return;
    describeBeatsInput(type, map, settings.length > 0 ? settings : [map], input, ctx);
    this.inputs.push({ input, useOutput: agent ? (ctx.text(child(map, 'use_output')) ?? 'default') : null });
  }

  /** A module config (`- module: system` with filesets as keys). */
  readModule(node: BNode, ctx: BeatsContext): void {
    const map = asMap(node);
    const module = ctx.text(child(map, 'module'));
    if (!map || module === null) {
      ctx.notes.problem(ctx.at(node), 'a module config names its module');
      return;
    }
    if (ctx.bool(child(map, 'enabled'), true) === false) return;
    // Filesets listed in the module config are enabled unless `enabled: false`; others are not loaded (Filebeat 8.x fileset/modules.go).
    for (const [fileset, value] of map.entries) {
      if (fileset === 'module' || fileset === 'enabled' || fileset === 'path') continue;
      if (ctx.bool(child(value, 'enabled'), true) === false) continue;
      this.readFileset(module, fileset, value, ctx);
    }
  }

  private readFileset(module: string, fileset: string, value: BNode, ctx: BeatsContext): void {
    const name = `${module}.${fileset}`;
    const input: PipelineInput = { id: this.nextId(name, name), plugin: `${module}/${fileset}`, channel: 'file', paths: [], exclude: [], port: null, at: ctx.at(value) };
    if (module === 'system' && ctx.bool(child(value, 'var.use_journald'), false) === true) {
      input.channel = 'journald';
      this.inputs.push({ input, useOutput: null });
      return;
    }
    const written = child(value, 'var.paths');
    const defaults = FILESET_PATHS.get(name);
    if (written) input.paths = ctx.listAsWritten(written);
    else if (defaults) input.paths = [...defaults];
    else {
      ctx.notes.unknown(`module ${quote(name)}`, 'the default paths of this fileset are not known; its input is not modelled', ctx.at(value));
      return;
    }
    if (input.paths.length > 0 && input.paths.every(isContainerLogPath)) input.channel = 'containers';
    this.inputs.push({ input, useOutput: null });
  }
}

function pathsOf(settings: BNode[], key: string, ctx: BeatsContext): string[] {
  return settings.flatMap((s) => ctx.listAsWritten(child(s, key)));
}

function hostPort(text: string | null): number | null {
  return text === null ? null : splitHostPort(text).port;
}

function describeBeatsInput(type: string, map: BNode, settings: BNode[], input: PipelineInput, ctx: BeatsContext): void {
  const setChannel = (channel: InputChannel): void => {
    input.channel = channel;
  };
  switch (type) {
    case 'log':
    case 'logfile':
    case 'filestream':
    case 'container': {
      input.paths = [...pathsOf([map], 'paths', ctx), ...(settings[0] === map ? [] : pathsOf(settings, 'paths', ctx))];
      input.exclude = [...pathsOf([map, ...settings.filter((s) => s !== map)], 'exclude_files', ctx), ...pathsOf([map], 'prospector.scanner.exclude_files', ctx)];
      setChannel(type === 'container' || (input.paths.length > 0 && input.paths.every(isContainerLogPath)) ? 'containers' : 'file');
      if (input.paths.length === 0) ctx.notes.problem(input.at, `${type} input without paths`);
      return;
    }
    case 'docker': {
      setChannel('containers');
      const base = (ctx.text(child(map, 'containers.path')) ?? '/var/lib/docker/containers').replace(/\/+$/, '');
      const ids = ctx.listAsWritten(child(map, 'containers.ids'));
      input.paths = (ids.length > 0 ? ids : ['*']).map((id) => `${base}/${id}/*.log`);
      return;
    }
    case 'journald': {
      setChannel('journald');
      const matches = settings.flatMap((s) => [...ctx.listAsWritten(child(s, 'include_matches')), ...ctx.listAsWritten(child(s, 'include_matches.match'))]);
      if (matches.length > 0) ctx.notes.unknown('include_matches', `the journal is read only for entries matching ${matches.map(quote).join(', ')}; which programs that covers is not modelled`, input.at);
      return;
    }
    case 'syslog': {
      const udp = ctx.text(child(map, 'protocol.udp.host'));
      const tcp = ctx.text(child(map, 'protocol.tcp.host'));
      const unix = ctx.text(child(map, 'protocol.unix.path'));
      if (unix !== null) {
        setChannel(isSyslogSocket(unix) ? 'syslog-local' : 'other');
        input.paths = [unix];
      } else {
        setChannel('syslog-listener');
        input.port = hostPort(tcp ?? udp);
      }
      return;
    }
    case 'tcp':
    case 'udp':
      setChannel('syslog-listener');
      input.port = hostPort(ctx.text(child(map, 'host')) ?? ctx.text(child(settings[0] ?? map, 'host')));
      return;
    case 'unix': {
      const path = ctx.text(child(map, 'path'));
      if (path !== null) input.paths = [path];
      setChannel(path !== null && isSyslogSocket(path) ? 'syslog-local' : 'other');
      return;
    }
    case 'http_endpoint':
    case 'lumberjack': {
      setChannel('forward-listener');
      const port = ctx.text(child(map, 'listen_port'));
      input.port = port !== null && /^\d+$/.test(port) ? Number(port) : type === 'lumberjack' ? hostPort(ctx.text(child(map, 'listen_address'))) : (DEFAULT_PORTS.get(type) ?? null);
      return;
    }
    default:
      if (!KNOWN_OTHER_INPUTS.has(type)) ctx.notes.unknown(`input ${quote(type)}`, 'input type not known; its events are not attributed to a source', input.at);
  }
}

/** Input types that read neither files, the journal nor local syslog (cloud APIs, metrics, ...). */
const KNOWN_OTHER_INPUTS = new Set([
  'kafka', 'aws-s3', 'aws-cloudwatch', 'azure-eventhub', 'azure-blob-storage', 'gcp-pubsub', 'gcs', 'httpjson', 'cel', 'o365audit', 'netflow', 'winlog', 'stdin', 'redis',
  'mqtt', 'entity-analytics', 'websocket', 'streaming', 'benchmark', 'etw', 'salesforce', 'unifiedlogs', 'system/metrics', 'audit/auditd', 'audit/file_integrity',
  'audit/system', 'endpoint', 'osquery', 'apm', 'fleet-server', 'synthetics/http', 'synthetics/tcp', 'synthetics/icmp', 'cloudbeat', 'pf-elastic-collector',
  'pf-elastic-symbolizer', 'pf-host-agent', 'kubernetes/metrics', 'docker/metrics', 'filestream-metrics', 'winlog/metrics', 'packet',
]);

/** The local syslog socket (programs' syslog(3) calls land there). */
function isSyslogSocket(path: string): boolean {
  return path === '/dev/log' || path === '/run/systemd/journal/syslog' || path === '/var/run/syslog';
}

// ---------------------------------------------------------------------------------------------
// Outputs

interface OutputSpec {
  sinkKind: SinkKind;
  protocol: PipelineOutput['protocol'];
  port: number | null;
  remote: boolean;
}

const OUTPUT_SPECS: ReadonlyMap<string, OutputSpec> = new Map<string, OutputSpec>([
  ['elasticsearch', { sinkKind: 'elasticsearch', protocol: 'http', port: 9200, remote: true }],
  ['remote_elasticsearch', { sinkKind: 'elasticsearch', protocol: 'http', port: 9200, remote: true }],
  ['logstash', { sinkKind: 'other', protocol: 'beats', port: 5044, remote: true }],
  ['kafka', { sinkKind: 'kafka', protocol: 'other', port: 9092, remote: true }],
  ['redis', { sinkKind: 'other', protocol: 'other', port: 6379, remote: true }],
  ['file', { sinkKind: 'local-file', protocol: null, port: null, remote: false }],
  ['console', { sinkKind: 'other', protocol: null, port: null, remote: false }],
  ['discard', { sinkKind: 'other', protocol: null, port: null, remote: false }],
]);

function blankOutput(id: string, type: string, at: Location, spec: OutputSpec | undefined): PipelineOutput {
  return {
    id,
    plugin: type,
    sinkKind: spec?.sinkKind ?? 'other',
    remote: spec && !spec.remote ? false : null,
    endpoint: null,
    port: null,
    protocol: spec?.protocol ?? null,
    tls: null,
    tlsVerify: null,
    durable: null,
    index: null,
    path: null,
    at,
    locations: {},
  };
}

/** TLS of a Beats network output: the `ssl` section turns it on unless `ssl.enabled: false` (Beats 8.x). */
function sslSettings(node: BNode, ctx: BeatsContext): { on: boolean | null; verify: boolean | null; at: Location; verifyAt: Location } {
  const ssl = child(node, 'ssl');
  const enabled = child(node, 'ssl.enabled');
  const mode = child(node, 'ssl.verification_mode');
  const on = ssl === null ? false : ctx.bool(enabled, true);
  return { on, verify: verification(mode, ctx), at: ctx.at(enabled ?? ssl ?? node), verifyAt: ctx.at(mode ?? ssl ?? node) };
}

/** `ssl.verification_mode`: full (default) and strict verify certificate and host name; certificate skips the host name; none verifies nothing. */
function verification(mode: BNode | null, ctx: BeatsContext): boolean | null {
  if (!mode) return true;
  const text = ctx.text(mode);
  if (text === null) return null;
  const v = text.toLowerCase();
  if (v === 'full' || v === 'strict') return true;
  if (v === 'none' || v === 'certificate') return false;
  ctx.notes.problem(ctx.at(mode), `ssl.verification_mode must be full, strict, certificate or none: ${quote(text)}`);
  return null;
}

function readOutput(id: string, type: string, node: BNode, ctx: BeatsContext, root: BNode, shipper: string): PipelineOutput {
  const spec = OUTPUT_SPECS.get(type);
  const output = blankOutput(id, type, ctx.at(node), spec);
  if (!spec) {
    ctx.notes.unknown(`output ${quote(type)}`, 'output type not known: where it sends, and how, is not known', ctx.at(node));
    return output;
  }
  if (type === 'file') {
    const dir = ctx.text(child(node, 'path'));
    const name = ctx.text(child(node, 'filename')) ?? 'filebeat';
    output.path = dir === null ? null : `${dir.replace(/\/+$/, '')}/${name}`;
    output.locations['path'] = ctx.at(child(node, 'path') ?? node);
    return output;
  }
  if (!spec.remote) return output;
  const cloudId = shipper === FILEBEAT && type === 'elasticsearch' ? child(root, 'cloud.id') : null;
  const hostsNode = child(node, 'hosts');
  output.locations['endpoint'] = ctx.at(hostsNode ?? node);
  let hosts = ctx.list(hostsNode);
  if (cloudId) {
    // cloud.id replaces output.elasticsearch.hosts with the cluster's HTTPS endpoint.
    const decoded = decodeCloudId(ctx.text(cloudId) ?? '');
    hosts = decoded ? [`https://${decoded.endpoint}`] : null;
    output.locations['endpoint'] = ctx.at(cloudId);
  } else if (hosts !== null && hosts.length === 0 && type === 'elasticsearch') {
    hosts = ['localhost:9200'];
  }
  if (hosts === null || hosts.length === 0) {
    if (hosts !== null) ctx.notes.problem(ctx.at(node), `output.${type} without hosts`);
    return output;
  }
  const parsed = hosts.map((h) => splitHostPort(withoutCredentials(h)));
  output.endpoint = hosts.map(withoutCredentials).join(',');
  const ports = parsed.map((p) => p.port ?? spec.port);
  output.port = ports.every((p) => p === ports[0]) ? (ports[0] ?? null) : null;
  output.remote = parsed.some((p) => !isLoopback(p.host));
  const ssl = sslSettings(node, ctx);
  if (type === 'elasticsearch' || type === 'remote_elasticsearch') {
    // The scheme of each host (or `protocol`, default http) decides TLS; ssl settings configure it.
    const protocolNode = child(node, 'protocol');
    const protocol = (ctx.text(protocolNode) ?? 'http').toLowerCase();
    const schemes = parsed.map((p) => p.scheme ?? protocol);
    output.tls = schemes.every((s) => s === 'https') ? true : schemes.every((s) => s !== 'https') ? false : null;
    output.locations['tls'] = ctx.at(cloudId ?? (parsed.some((p) => p.scheme !== null) ? hostsNode : protocolNode) ?? node);
    output.tlsVerify = output.tls === false ? null : ssl.on === false ? true : ssl.verify;
    output.locations['tlsVerify'] = ssl.verifyAt;
    if (shipper === FILEBEAT) {
      const indexNode = child(node, 'index');
      output.index = indexNode ? ctx.text(indexNode) : 'filebeat-%{[agent.version]}';
      output.locations['index'] = ctx.at(indexNode ?? node);
    }
  } else {
    output.tls = ssl.on;
    output.locations['tls'] = ssl.at;
    output.tlsVerify = ssl.on === false ? null : ssl.verify;
    output.locations['tlsVerify'] = ssl.verifyAt;
  }
  return output;
}

/** `queue.disk` buffers on disk; the default memory queue does not (Beats 8.x). */
function durability(queue: BNode | null, ctx: BeatsContext, fallbackAt: Location): { durable: boolean | null; at: Location } {
  const map = asMap(queue);
  if (!map) return { durable: false, at: fallbackAt };
  if (map.entries.has('disk')) return { durable: true, at: ctx.at(child(map, 'disk')) };
  if (map.entries.has('spool')) {
    ctx.notes.unknown('queue.spool', 'the file spool queue was removed in Beats 8.0; whether events are buffered on disk is not known', ctx.at(child(map, 'spool')));
    return { durable: null, at: ctx.at(child(map, 'spool')) };
  }
  return { durable: false, at: ctx.at(child(map, 'mem') ?? map) };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The folder of the main file as the host sees it, when the scan keeps a host layout. */
function hostFolder(path: string): string | null {
  const root = hostRootOf(path);
  if (root === null) return null;
  const rel = root === '' ? path : path.slice(root.length + 1);
  return `/${posix.dirname(rel)}`;
}

/** An include pattern as a scan-relative pattern: `${path.config}/x` is `x` next to the main file. */
function includePattern(raw: string): string {
  return raw.replace(/^\$\{path\.config\}\/?/, '');
}

function readIncludedList(
  pattern: BNode | null,
  what: string,
  ctx: BeatsContext,
  context: ReadContext,
  includes: Set<string>,
  each: (node: BNode, inner: BeatsContext) => void,
): void {
  const raw = pattern && pattern.kind === 'scalar' && pattern.value !== null ? String(pattern.value) : null;
  if (raw === null) return;
  const at = ctx.at(pattern);
  const rel = includePattern(raw);
  if (rel.includes('${')) {
    ctx.notes.unknown(`${what} ${quote(raw)}`, 'holds a variable that cannot be resolved statically', at);
    return;
  }
  const found = context.include(rel, ctx.doc.path);
  if (found.files.length === 0) {
    ctx.notes.unknown(`${what} ${quote(raw)}`, found.reason ?? 'names no file in the scanned inputs', at);
    return;
  }
  if (found.reason) ctx.notes.unknown(`${what} ${quote(raw)}`, found.reason, at);
  for (const file of found.files) {
    includes.add(file.path);
    const parsed = parseStructured(file.path, file.text);
    for (const error of parsed.errors) ctx.notes.problem({ path: file.path, line: error.line, column: error.column }, error.message);
    for (const doc of parsed.documents) {
      const inner = new BeatsContext(doc, normalizeBeats(doc.data), ctx.notes, ctx.pathConfig);
      const list = asSeq(inner.root);
      if (!list) {
        ctx.notes.problem(doc.locate([]), `${what}: a file of ${what === 'filebeat.config.modules' ? 'module configs' : 'inputs'} holds a list`);
        continue;
      }
      for (const item of list) each(item, inner);
    }
  }
}

function pipelineOf(shipper: string, id: string, ctx: BeatsContext, inputs: PipelineInput[], outputs: PipelineOutput[], edges: PipelineEdge[]): Pipeline {
  edges.sort((a, b) => compareStrings(a.input, b.input) || compareStrings(a.output, b.output));
  return { id, shipper, path: ctx.doc.path, declaredAt: ctx.doc.locate([]), inputs, outputs, edges };
}

function uniqueInputIds(inputs: InputRead[], notes: Notes): void {
  const seen = new Set<string>();
  for (const { input } of inputs) {
    if (seen.has(input.id)) {
      notes.problem(input.at, `two inputs share the id ${quote(input.id)}`);
      let n = 2;
      while (seen.has(`${input.id}#${n}`)) n++;
      input.id = `${input.id}#${n}`;
    }
    seen.add(input.id);
  }
}

export function readFilebeat(doc: StructuredDocument, context: ReadContext, idSuffix = ''): ConfigRead {
  const read = emptyRead(FILEBEAT);
  const notes = new Notes();
  const root = normalizeBeats(doc.data);
  const ctx = new BeatsContext(doc, root, notes, hostFolder(doc.path));
  const reader = new BeatsReader(ctx);
  const includes = new Set<string>();

  const inputs = child(root, 'filebeat.inputs') ?? child(root, 'filebeat.prospectors');
  for (const node of asSeq(inputs) ?? []) reader.readInput(node, ctx, false);
  if (inputs && !asSeq(inputs)) notes.problem(ctx.at(inputs), 'filebeat.inputs is a list');
  for (const node of asSeq(child(root, 'filebeat.modules')) ?? []) reader.readModule(node, ctx);
  const configInputs = child(root, 'filebeat.config.inputs');
  if (configInputs && ctx.bool(child(configInputs, 'enabled'), true) !== false) {
    readIncludedList(child(configInputs, 'path'), 'filebeat.config.inputs', ctx, context, includes, (node, inner) => reader.readInput(node, inner, false));
  }
  const configModules = child(root, 'filebeat.config.modules');
  if (configModules && ctx.bool(child(configModules, 'enabled'), true) !== false) {
    readIncludedList(child(configModules, 'path'), 'filebeat.config.modules', ctx, context, includes, (node, inner) => reader.readModule(node, inner));
  }
  const autodiscover = child(root, 'filebeat.autodiscover');
  if (autodiscover) notes.unknown('filebeat.autodiscover', 'inputs started by autodiscover templates and hints are not modelled', ctx.at(autodiscover));
  uniqueInputIds(reader.inputs, notes);

  const outputs: PipelineOutput[] = [];
  const outputRoot = asMap(child(root, 'output'));
  for (const [type, node] of outputRoot?.entries ?? []) {
    if (ctx.bool(child(node, 'enabled'), true) === false) continue;
    outputs.push(readOutput(type, type, node, ctx, root, FILEBEAT));
  }
  if (outputs.length === 0) notes.problem(ctx.at(outputRoot), 'no enabled output: Filebeat needs exactly one output.* section');
  if (outputs.length > 1) notes.problem(ctx.at(outputRoot), `Filebeat allows exactly one enabled output; found ${outputs.map((o) => o.id).join(', ')}`);
  const queue = durability(child(root, 'queue'), ctx, ctx.at(null));
  for (const output of outputs) {
    output.durable = queue.durable;
    output.locations['durable'] = queue.at;
  }
  const edges: PipelineEdge[] = [];
  // Filebeat refuses more than one output: routes are drawn only to a single one.
  if (outputs.length === 1) for (const { input } of reader.inputs) edges.push({ input: input.id, output: (outputs[0] as PipelineOutput).id, facilities: null });
  read.pipelines.push(pipelineOf(FILEBEAT, `${FILEBEAT}:${doc.path}${idSuffix}`, ctx, reader.inputs.map((i) => i.input), outputs, edges));
  read.problems = notes.problems;
  read.unknowns = notes.unknowns;
  read.includes = [...includes].filter((p) => p !== doc.path).sort(compareStrings);
  return read;
}

export function readElasticAgent(doc: StructuredDocument, idSuffix = ''): ConfigRead {
  const read = emptyRead(ELASTIC_AGENT);
  const notes = new Notes();
  const root = normalizeBeats(doc.data);
  const ctx = new BeatsContext(doc, root, notes, hostFolder(doc.path));
  const fleet = child(root, 'fleet.enabled');
  const outputsNode = asMap(child(root, 'outputs'));
  if (fleet && ctx.bool(fleet, false) === true && !outputsNode) {
    notes.unknown('fleet.enabled', 'a Fleet-managed agent receives its inputs and outputs from Fleet; they are not in this file', ctx.at(fleet));
    read.unknowns = notes.unknowns;
    read.problems = notes.problems;
    return read;
  }
  const reader = new BeatsReader(ctx);
  for (const node of asSeq(child(root, 'inputs')) ?? []) reader.readInput(node, ctx, true);
  uniqueInputIds(reader.inputs, notes);
  const outputs: PipelineOutput[] = [];
  for (const [name, node] of outputsNode?.entries ?? []) {
    const type = ctx.text(child(node, 'type'))?.toLowerCase() ?? null;
    if (type === null) {
      notes.problem(ctx.at(node), `outputs.${quote(name)} without a type`);
      continue;
    }
    const output = readOutput(name, type, node, ctx, root, ELASTIC_AGENT);
    const queue = durability(child(node, 'queue'), ctx, output.at);
    output.durable = queue.durable;
    output.locations['durable'] = queue.at;
    outputs.push(output);
  }
  const edges: PipelineEdge[] = [];
  for (const { input, useOutput } of reader.inputs) {
    const target = outputs.find((o) => o.id === useOutput);
    if (target) edges.push({ input: input.id, output: target.id, facilities: null });
    else notes.problem(input.at, `use_output ${quote(useOutput ?? 'default')} names no output of this file`);
  }
  read.pipelines.push(pipelineOf(ELASTIC_AGENT, `${ELASTIC_AGENT}:${doc.path}${idSuffix}`, ctx, reader.inputs.map((i) => i.input), outputs, edges));
  read.problems = notes.problems;
  read.unknowns = notes.unknowns;
  return read;
}

/** Beats configurations inside a ConfigMap; positions are moved to where the text sits in the manifest. */
function readConfigMap(doc: StructuredDocument): ConfigRead {
  const content = configMapData(doc.data) ?? {};
  const entries = configMapEntries(doc.data);
  const reads: ConfigRead[] = [];
  const metadata = isRecord(doc.data) ? doc.data['metadata'] : null;
  const name = isRecord(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : 'configmap';
  for (const { key, kind } of entries) {
    const text = content[key] as string;
    const parsed = parseEmbeddedYaml(embeddedOrigin(doc, ['data', key], text), text);
    const embedded = parsed.documents[0];
    if (!embedded) continue;
    const suffix = `#${name}${entries.length > 1 ? `/${key}` : ''}`;
    // Files the embedded configuration loads (modules.d, inputs.d) are mounted from elsewhere: not followed.
    const noIncludes: ReadContext = { include: (pattern) => ({ files: [], reason: `${pattern}: files of a ConfigMap's configuration come from its mounts, which are not followed` }) };
    const read = kind === FILEBEAT ? readFilebeat(embedded, noIncludes, suffix) : readElasticAgent(embedded, suffix);
    for (const error of parsed.errors) read.problems.push(error);
    reads.push(read);
  }
  const first = reads[0];
  const merged = emptyRead(first?.kind ?? FILEBEAT);
  for (const r of reads) {
    merged.pipelines.push(...r.pipelines);
    merged.problems.push(...r.problems);
    merged.unknowns.push(...r.unknowns);
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Adapters

function safeClaim(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return false;
  }
}

const FILEBEAT_ADAPTER: DocumentAdapter = {
  kind: FILEBEAT,
  claims: (path, data) => safeClaim(() => isFilebeatConfig(path, data) || isFilebeatFragment(path, data)),
  read: (doc, context) => (isFilebeatFragment(doc.path, doc.data) ? emptyRead(FILEBEAT) : readFilebeat(doc, context)),
};

const AGENT_ADAPTER: DocumentAdapter = {
  kind: ELASTIC_AGENT,
  claims: (path, data) => safeClaim(() => isElasticAgentConfig(path, data)),
  read: (doc) => readElasticAgent(doc),
};

const CONFIGMAP_ADAPTER: DocumentAdapter = {
  kind: FILEBEAT,
  claims: (_path, data) => safeClaim(() => isBeatsConfigMap(data)),
  read: (doc) => readConfigMap(doc),
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [FILEBEAT_ADAPTER, AGENT_ADAPTER, CONFIGMAP_ADAPTER] };
