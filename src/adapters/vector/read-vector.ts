/**
 * Vector configurations (vector.dev, v0.4x–0.5x) as one pipeline: `sources.*` become inputs,
 * `sinks.*` outputs, and `transforms.*` are followed through their `inputs` (names, wildcards,
 * named outputs such as `route.branch`) so that every source reaching a sink through any chain of
 * transforms gives an edge. Only log events count: metrics sources, `log_to_metric` and
 * metrics-only sinks carry none.
 */
import type { DocPath } from '../../documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineEdge, PipelineInput, PipelineOutput } from '../../model/pipeline.js';
import { emptyRead } from '../../model/pipeline.js';
import { compareLocations } from '../../model/vocabulary.js';
import type { Location } from '../../model/vocabulary.js';
import { parseEndpoint, splitHostPort, vectorInterpolates } from '../shipper-kit/endpoint.js';
import type { Endpoint } from '../shipper-kit/endpoint.js';
import { EMPTY, MAX_EDGES, blankInput, blankOutput, globMatches, sortedPipeline, union } from '../shipper-kit/pipeline-parts.js';
import type { ConfigSource } from '../shipper-kit/source.js';
import { asBoolean, asRecord, asString, asStringList, entries, own, ownRecord } from '../shipper-kit/values.js';
import type { Rec } from '../shipper-kit/values.js';
import {
  LOG_TO_METRIC,
  METRIC_TO_LOG,
  NON_LOG_OUTPUTS,
  NON_LOG_SINKS,
  PLAIN_SCHEMES,
  SECURE_SCHEMES,
  SINKS,
  SOURCES,
  TRANSFORMS,
  TYPED_OUTPUT_SOURCES,
} from './catalog.js';
import type { SinkSpec } from './catalog.js';

const KINDS = ['sources', 'transforms', 'sinks'] as const;
/** Wildcard matching stops after this many comparisons of names with patterns. */
const MAX_GLOB_WORK = 20_000_000;

type Kind = (typeof KINDS)[number];
const SINGULAR: Record<Kind, string> = { sources: 'source', transforms: 'transform', sinks: 'sink' };

interface Component {
  kind: Kind;
  name: string;
  /** The type as written; null when absent, not a string or interpolated. */
  type: string | null;
  config: Rec;
  at: Location;
  locate(sub: DocPath): Location;
}

interface Target {
  component: Component;
  /** The named output referred to (`route.branch` → `branch`), or null for the default output. */
  output: string | null;
}

export interface VectorPipelineInfo {
  id: string;
  path: string;
  declaredAt: Location;
}

/** Reads one Vector configuration, given as one or more parts (the files of a config directory or ConfigMap). */
export function readVector(parts: readonly ConfigSource[], info: VectorPipelineInfo): ConfigRead {
  const reader = new VectorReader(info);
  for (const part of parts) reader.collect(part);
  return reader.finish();
}

class VectorReader {
  private readonly read: ConfigRead = emptyRead('vector');
  private readonly components = new Map<string, Component>();
  private readonly inputIds = new Map<string, string[]>();
  private readonly targetsOf = new Map<string, Target[]>();
  /** Inputs whose log events (`logs`) or any events (`any`) reach each transform's output. */
  private readonly reach = { logs: new Map<string, ReadonlySet<string>>(), any: new Map<string, ReadonlySet<string>>() };
  private readonly globCache = new Map<string, Component[]>();
  private globWork = 0;

  constructor(private readonly info: VectorPipelineInfo) {}

  private problem(at: Location, message: string): void {
    this.read.problems.push({ at, message });
  }

  private unknown(construct: string, reason: string, at: Location): void {
    this.read.unknowns.push({ construct, reason, at });
  }

  collect(part: ConfigSource): void {
    const root = asRecord(part.data);
    if (root === null) {
      this.problem(part.locate([]), 'not a Vector configuration (expected a table of sources, transforms and sinks)');
      return;
    }
    for (const kind of KINDS) {
      const value = own(root, kind);
      if (value === undefined || value === null) continue;
      const table = asRecord(value);
      if (table === null) {
        this.problem(part.locate([kind]), `${kind} must be a table of named components`);
        continue;
      }
      for (const [name, config] of entries(table)) this.addComponent(part, kind, name, config);
    }
  }

  private addComponent(part: ConfigSource, kind: Kind, name: string, value: unknown): void {
    const locate = (sub: DocPath): Location => part.locate([kind, name, ...sub]);
    const at = locate([]);
    const config = asRecord(value);
    if (config === null) {
      this.problem(at, `${SINGULAR[kind]} ${name} must be a table`);
      return;
    }
    if (this.components.has(name)) {
      // Vector refuses to start: component ids are unique across sources, transforms and sinks.
      this.problem(at, `${SINGULAR[kind]} ${name}: the name is already used by another component`);
      return;
    }
    const rawType = own(config, 'type');
    let type: string | null = null;
    if (rawType === undefined) this.problem(at, `${SINGULAR[kind]} ${name} has no type`);
    else if (typeof rawType !== 'string' || rawType.trim() === '') this.problem(locate(['type']), `the type of ${SINGULAR[kind]} ${name} must be a component type name`);
    else if (vectorInterpolates(rawType)) this.unknown(`${kind}.${name}.type`, 'the type comes from an environment variable', locate(['type']));
    else type = rawType;
    this.components.set(name, { kind, name, type, config, at, locate });
  }

  finish(): ConfigRead {
    const all = [...this.components.values()];
    const inputs = all.filter((c) => c.kind === 'sources').flatMap((c) => this.readSource(c));
    for (const c of all) if (c.kind !== 'sources') this.targetsOf.set(c.name, this.resolveInputs(c));
    for (const c of all) if (c.kind === 'transforms' && c.type !== null && !TRANSFORMS.has(c.type)) this.unknownTransform(c);
    this.computeReach(all.some((c) => c.type === METRIC_TO_LOG));
    const outputs: PipelineOutput[] = [];
    const edges: PipelineEdge[] = [];
    for (const sink of all.filter((c) => c.kind === 'sinks')) {
      if (sink.type !== null && NON_LOG_SINKS.has(sink.type)) continue;
      outputs.push(this.readSink(sink));
      const reaching = union((this.targetsOf.get(sink.name) ?? []).map((t) => this.reachOf(t, 'logs')));
      if (edges.length + reaching.size > MAX_EDGES) {
        this.unknown(`sinks.${sink.name}`, `more than ${MAX_EDGES} routes in this file: the routes to this sink are not listed`, sink.at);
        continue;
      }
      for (const input of reaching) edges.push({ input, output: sink.name, facilities: null });
    }
    if (this.components.size === 0 && this.read.problems.length === 0) this.problem(this.info.declaredAt, 'no Vector sources, transforms or sinks');
    const pipeline: Pipeline = { id: this.info.id, shipper: 'vector', path: this.info.path, declaredAt: this.info.declaredAt, inputs, outputs, edges };
    this.read.pipelines.push(sortedPipeline(pipeline));
    // In the order of the file, whatever order they were found in.
    this.read.problems.sort((a, b) => compareLocations(a.at, b.at));
    this.read.unknowns.sort((a, b) => compareLocations(a.at, b.at));
    this.read.fatal = this.components.size === 0;
    return this.read;
  }

  private unknownTransform(c: Component): void {
    this.unknown(`transforms.${c.name}`, `transform type "${c.type ?? ''}" is not one ztmm knows; events are assumed to pass through it`, c.locate(['type']));
  }

  // -------------------------------------------------------------------------------------------
  // Sources

  private readSource(c: Component): PipelineInput[] {
    const plugin = c.type ?? 'unknown';
    const input = blankInput(c.name, plugin, c.at);
    const spec = c.type === null ? undefined : SOURCES.get(c.type);
    let list: PipelineInput[] = [input];
    if (c.type !== null && spec === undefined) this.unknown(`sources.${c.name}`, `source type "${c.type}" is not one ztmm knows; what it receives is not known`, c.locate(['type']));
    if (spec) input.channel = spec.channel;
    if (c.type === 'file') this.readFileSource(c, input);
    else if (c.type === 'syslog' || c.type === 'socket') this.readSocketSource(c, input);
    else if (c.type === 'opentelemetry') list = this.readOtlpSource(c, input);
    else if (spec?.address) input.port = this.listenPort(c, [spec.address.key], spec.address.fallback);
    this.inputIds.set(c.name, list.map((i) => i.id));
    return list;
  }

  private readFileSource(c: Component, input: PipelineInput): void {
    input.paths = this.globs(c, 'include');
    input.exclude = this.globs(c, 'exclude');
    if (own(c.config, 'include') === undefined) this.problem(c.at, `file source ${c.name} has no include`);
  }

  private globs(c: Component, key: string): string[] {
    const raw = own(c.config, key);
    if (raw === undefined) return [];
    const list = asStringList(raw);
    if (list === null) {
      this.problem(c.locate([key]), `${key} of source ${c.name} must be a list of paths`);
      return [];
    }
    const out: string[] = [];
    for (const item of list.items) {
      const at = c.locate(item.index === null ? [key] : [key, item.index]);
      if (vectorInterpolates(item.value)) this.unknown(`sources.${c.name}.${key}`, `path "${item.value}" depends on an environment variable`, at);
      else out.push(item.value);
    }
    return out;
  }

  /** `syslog` and `socket` sources: the mode decides between a network listener and a local socket. */
  private readSocketSource(c: Component, input: PipelineInput): void {
    const mode = asString(own(c.config, 'mode'));
    if (mode === 'tcp' || mode === 'udp') {
      input.channel = 'syslog-listener';
      input.port = this.listenPort(c, ['address'], null);
      return;
    }
    if (mode === 'unix' || mode === 'unix_stream' || mode === 'unix_datagram') {
      const socket = asString(own(c.config, 'path'));
      // A syslog source on a Unix socket receives local syslog(3) traffic wherever it listens;
      // a plain socket source only does so on the system log socket itself.
      const systemSocket = socket === '/dev/log' || socket === '/run/systemd/journal/syslog';
      input.channel = c.type === 'syslog' || systemSocket ? 'syslog-local' : 'other';
      if (socket !== null && !vectorInterpolates(socket)) input.paths = [socket];
      return;
    }
    input.channel = 'other';
    const at = mode === null ? c.at : c.locate(['mode']);
    if (mode === null) this.problem(at, `${c.type ?? ''} source ${c.name} has no mode (tcp, udp or unix)`);
    else this.unknown(`sources.${c.name}.mode`, `mode "${mode}" is not one ztmm knows`, at);
  }

  /** The opentelemetry source listens twice: one input per protocol, so either can be linked. */
  private readOtlpSource(c: Component, input: PipelineInput): PipelineInput[] {
    const present = (['grpc', 'http'] as const).filter((protocol) => ownRecord(c.config, protocol) !== null);
    if (present.length === 0) return [input];
    return present.map((protocol) => {
      const one = { ...input, id: present.length > 1 ? `${c.name}#${protocol}` : c.name, at: c.locate([protocol]) };
      one.port = this.listenPort(c, [protocol, 'address'], null);
      return one;
    });
  }

  private listenPort(c: Component, keyPath: readonly string[], fallback: string | null): number | null {
    const raw = valueAt(c.config, keyPath);
    const address = raw === undefined ? fallback : asString(raw);
    if (address === null) return null;
    if (vectorInterpolates(address)) {
      this.unknown(`sources.${c.name}.${keyPath.join('.')}`, 'the listen address depends on an environment variable', c.locate(keyPath));
      return null;
    }
    return splitHostPort(address.trim()).port;
  }

  // -------------------------------------------------------------------------------------------
  // Routing

  private resolveInputs(c: Component): Target[] {
    const raw = own(c.config, 'inputs');
    if (raw === undefined) {
      this.problem(c.at, `${SINGULAR[c.kind]} ${c.name} has no inputs`);
      return [];
    }
    const list = asStringList(raw);
    if (list === null) {
      this.problem(c.locate(['inputs']), `inputs of ${SINGULAR[c.kind]} ${c.name} must be a list of component names`);
      return [];
    }
    const targets: Target[] = [];
    for (const item of list.items) {
      const at = c.locate(item.index === null ? ['inputs'] : ['inputs', item.index]);
      targets.push(...this.resolveOne(c, item.value, at));
    }
    return targets;
  }

  private resolveOne(c: Component, name: string, at: Location): Target[] {
    const construct = `${c.kind}.${c.name}.inputs`;
    if (vectorInterpolates(name)) {
      this.unknown(construct, `input "${name}" depends on an environment variable`, at);
      return [];
    }
    if (name.includes('*') || name.includes('?')) {
      let candidates = this.globCache.get(name);
      this.globWork += candidates?.length ?? this.components.size;
      if (this.globWork > MAX_GLOB_WORK) {
        this.unknown(construct, `input pattern "${name}": too many wildcard inputs in this file to resolve`, at);
        return [];
      }
      if (candidates === undefined) {
        candidates = [...this.components.values()].filter((o) => o.kind !== 'sinks' && globMatches(name, o.name));
        this.globCache.set(name, candidates);
      }
      const matched = candidates.filter((o) => o.name !== c.name);
      if (matched.length === 0) this.unknown(construct, `input pattern "${name}" matches no source or transform in this file`, at);
      return matched.map((component) => ({ component, output: null }));
    }
    const exact = this.components.get(name);
    const dot = name.lastIndexOf('.');
    const base = exact ?? (dot > 0 ? this.components.get(name.slice(0, dot)) : undefined);
    if (base === undefined) {
      this.unknown(construct, `input "${name}" names no source or transform in this file (Vector may load several files)`, at);
      return [];
    }
    if (base.kind === 'sinks') {
      this.problem(at, `input "${name}" of ${SINGULAR[c.kind]} ${c.name} is a sink; only sources and transforms can be inputs`);
      return [];
    }
    return [{ component: base, output: exact ? null : name.slice(dot + 1) }];
  }

  /** What reaches a target: a source's own inputs (none for metrics), or what reaches a transform. */
  private reachOf(target: Target, mode: 'logs' | 'any'): ReadonlySet<string> {
    const c = target.component;
    if (c.kind !== 'sources') return this.reach[mode].get(c.name) ?? EMPTY;
    if (mode === 'any') return new Set(this.inputIds.get(c.name) ?? []);
    const spec = c.type === null ? undefined : SOURCES.get(c.type);
    if (spec && !spec.logs) return EMPTY;
    if (c.type !== null && TYPED_OUTPUT_SOURCES.has(c.type) && target.output !== null && NON_LOG_OUTPUTS.has(target.output)) return EMPTY;
    return new Set(this.inputIds.get(c.name) ?? []);
  }

  /**
   * Which inputs reach each transform, in an order where every transform comes after those it
   * reads from (so no recursion, however long the chain). `log_to_metric` emits no logs;
   * `metric_to_log` emits logs of whatever reaches it.
   */
  private computeReach(anyNeeded: boolean): void {
    for (const t of this.transformOrder()) {
      const targets = this.targetsOf.get(t.name) ?? [];
      const any = anyNeeded ? union(targets.map((target) => this.reachOf(target, 'any'))) : EMPTY;
      this.reach.any.set(t.name, any);
      const logs = t.type === LOG_TO_METRIC ? EMPTY : t.type === METRIC_TO_LOG ? any : union(targets.map((target) => this.reachOf(target, 'logs')));
      this.reach.logs.set(t.name, logs);
    }
  }

  /** Transforms after the transforms they read from (iterative depth-first search); cycles are problems. */
  private transformOrder(): Component[] {
    const order: Component[] = [];
    const state = new Map<string, 'open' | 'done'>();
    for (const start of this.components.values()) {
      if (start.kind !== 'transforms' || state.has(start.name)) continue;
      state.set(start.name, 'open');
      const stack: { c: Component; next: number }[] = [{ c: start, next: 0 }];
      for (let top = stack[0]; top !== undefined; top = stack[stack.length - 1]) {
        const targets = this.targetsOf.get(top.c.name) ?? [];
        const target = targets[top.next++];
        if (target === undefined) {
          stack.pop();
          state.set(top.c.name, 'done');
          order.push(top.c);
          continue;
        }
        const up = target.component;
        if (up.kind !== 'transforms' || state.get(up.name) === 'done') continue;
        if (state.get(up.name) === 'open') {
          this.problem(up.at, `transform ${up.name} is part of a cycle (Vector refuses such a topology)`);
          continue;
        }
        state.set(up.name, 'open');
        stack.push({ c: up, next: 0 });
      }
    }
    return order;
  }

  // -------------------------------------------------------------------------------------------
  // Sinks

  private readSink(c: Component): PipelineOutput {
    const spec = c.type === null ? undefined : SINKS.get(c.type);
    const out = blankOutput(c.name, c.type ?? 'unknown', spec?.kind ?? 'other', c.at);
    this.readDurability(c, out);
    if (c.type === 'socket') {
      this.readSocketSink(c, out);
      return out;
    }
    if (spec === undefined) {
      if (c.type !== null) this.unknown(`sinks.${c.name}`, `sink type "${c.type}" is not one ztmm knows; where it sends events is not known`, c.locate(['type']));
      return out;
    }
    out.protocol = spec.protocol;
    if (spec.transport === 'local') this.readLocalSink(c, out);
    else this.readRemoteSink(c, spec, out);
    this.readIndex(c, spec, out);
    return out;
  }

  private readLocalSink(c: Component, out: PipelineOutput): void {
    out.remote = false;
    out.tls = false;
    if (c.type !== 'file') return;
    const path = asString(own(c.config, 'path'));
    if (path === null) this.problem(c.at, `file sink ${c.name} has no path`);
    else if (vectorInterpolates(path)) this.unknown(`sinks.${c.name}.path`, 'the path depends on an environment variable', c.locate(['path']));
    else out.path = path;
  }

  private readRemoteSink(c: Component, spec: SinkSpec, out: PipelineOutput): void {
    const written = this.endpoints(c, spec);
    if (written === 'unresolved') return;
    if (written === null) {
      if (spec.cloud) {
        // No endpoint: the provider's own HTTPS API (its region or site decides which).
        out.remote = true;
        out.tls = true;
        this.readVerify(c, out);
        return;
      }
      const key = spec.endpoint[0]?.join('.') ?? 'endpoint';
      this.problem(c.at, `${c.type ?? ''} sink ${c.name} has no ${key}`);
      return;
    }
    const { list, at } = written;
    out.endpoint = list.map((e) => e.display).join(',');
    out.port = list[0]?.port ?? null;
    out.remote = list.some((e) => !e.loopback);
    out.locations['endpoint'] = at;
    const tlsSwitch = this.tlsSwitch(c);
    const each = list.map((e) => endpointTls(e, spec, tlsSwitch?.value ?? null));
    out.tls = each.includes(false) ? false : each.every((t) => t === true) ? true : null;
    out.locations['tls'] = tlsSwitch?.at ?? at;
    if (out.tls === true) this.readVerify(c, out);
  }

  /** `tls.enabled`, or for Kafka librdkafka's `security.protocol` (ssl, sasl_ssl); null when neither is written. */
  private tlsSwitch(c: Component): { value: boolean | null; at: Location } | null {
    const enabled = valueAt(c.config, ['tls', 'enabled']);
    if (enabled !== undefined) return { value: asBoolean(enabled), at: c.locate(['tls', 'enabled']) };
    const protocol = asString(valueAt(c.config, ['librdkafka_options', 'security.protocol']));
    if (c.type === 'kafka' && protocol !== null) return { value: /^(sasl_)?ssl$/i.test(protocol), at: c.locate(['librdkafka_options', 'security.protocol']) };
    return null;
  }

  /** The endpoint(s) written, parsed; `unresolved` when one depends on the environment or is not an address. */
  private endpoints(c: Component, spec: SinkSpec): { list: Endpoint[]; at: Location } | null | 'unresolved' {
    for (const keyPath of spec.endpoint) {
      const raw = valueAt(c.config, keyPath);
      if (raw === undefined) continue;
      const at = c.locate(keyPath);
      const values = asStringList(raw);
      if (values === null || values.items.length === 0) {
        this.problem(at, `${keyPath.join('.')} of sink ${c.name} must be an address or a list of addresses`);
        return 'unresolved';
      }
      // Kafka takes a comma-separated list of brokers in one string.
      const strings = values.items.flatMap((i) => (spec.kind === 'kafka' ? i.value.split(',') : [i.value])).map((s) => s.trim()).filter((s) => s !== '');
      if (strings.some(vectorInterpolates)) {
        this.unknown(`sinks.${c.name}.${keyPath.join('.')}`, 'the endpoint depends on an environment variable or a secret', at);
        return 'unresolved';
      }
      const list = strings.map((s) => parseEndpoint(spec.httpsHost && !s.includes('://') ? `https://${s}` : s)).filter((e): e is Endpoint => e !== null);
      return list.length > 0 ? { list, at } : null;
    }
    return null;
  }

  private readVerify(c: Component, out: PipelineOutput): void {
    const tls = ownRecord(c.config, 'tls');
    out.tlsVerify = true;
    out.locations['tlsVerify'] = tls === null ? c.at : c.locate(['tls']);
    for (const key of ['verify_certificate', 'verify_hostname']) {
      const raw = own(tls, key);
      if (raw === undefined) continue;
      const value = asBoolean(raw);
      if (value === false || value === null) {
        out.tlsVerify = value;
        out.locations['tlsVerify'] = c.locate(['tls', key]);
        if (value === null) this.problem(c.locate(['tls', key]), `tls.${key} of sink ${c.name} must be true or false`);
        return;
      }
    }
  }

  /** Socket sink: TCP (TLS when `tls.enabled`), UDP (never TLS) or a local Unix socket. */
  private readSocketSink(c: Component, out: PipelineOutput): void {
    const codec = asString(valueAt(c.config, ['encoding', 'codec']));
    out.protocol = codec === 'syslog' ? 'syslog' : 'other';
    out.sinkKind = codec === 'syslog' ? 'syslog' : 'other';
    const mode = asString(own(c.config, 'mode'));
    if (mode === 'unix' || mode === 'unix_stream' || mode === 'unix_datagram') {
      out.remote = false;
      out.tls = false;
      const path = asString(own(c.config, 'path'));
      if (path !== null && !vectorInterpolates(path)) out.path = path;
      return;
    }
    if (mode !== 'tcp' && mode !== 'udp') {
      if (mode === null) this.problem(c.at, `socket sink ${c.name} has no mode (tcp, udp or unix)`);
      else this.unknown(`sinks.${c.name}.mode`, `mode "${mode}" is not one ztmm knows`, c.locate(['mode']));
      return;
    }
    const spec: SinkSpec = { kind: out.sinkKind, protocol: out.protocol, transport: 'address', endpoint: [['address']] };
    this.readRemoteSink(c, spec, out);
    if (mode === 'udp' && out.tls !== null) {
      out.tls = false;
      out.tlsVerify = null;
      out.locations['tls'] = c.locate(['mode']);
    }
  }

  private readDurability(c: Component, out: PipelineOutput): void {
    const buffer = own(c.config, 'buffer');
    // Default: an in-memory buffer of 500 events, lost on a crash (vector.dev buffering model, v0.4x–0.5x).
    if (buffer === undefined) {
      out.durable = false;
      return;
    }
    // Several stages: events enter the first one, which decides what a crash loses.
    const base: DocPath = Array.isArray(buffer) ? ['buffer', 0] : ['buffer'];
    const stage = asRecord(Array.isArray(buffer) ? buffer[0] : buffer);
    if (stage === null) {
      out.durable = null;
      out.locations['durable'] = c.locate(base);
      this.problem(c.locate(base), `buffer of sink ${c.name} must be a table (or a list of tables)`);
      return;
    }
    const rawType = own(stage, 'type');
    const type = rawType === undefined ? 'memory' : asString(rawType);
    out.locations['durable'] = c.locate(rawType === undefined ? base : [...base, 'type']);
    if (type !== null && vectorInterpolates(type)) {
      out.durable = null;
      this.unknown(`sinks.${c.name}.buffer.type`, 'the buffer type depends on an environment variable', out.locations['durable']);
    } else if (type === 'memory') out.durable = false;
    else if (type !== null && type.startsWith('disk')) out.durable = true;
    else {
      out.durable = null;
      this.unknown(`sinks.${c.name}.buffer`, `buffer type ${type === null ? '(not a string)' : `"${type}"`} is not one ztmm knows`, out.locations['durable']);
    }
  }

  private readIndex(c: Component, spec: SinkSpec, out: PipelineOutput): void {
    if (c.type === 'elasticsearch') {
      this.readElasticsearchIndex(c, out);
      return;
    }
    if (spec.index) this.setIndex(c, out, spec.index);
  }

  /** Bulk mode writes to `bulk.index` (default `vector-%Y.%m.%d`); data-stream mode to `type-dataset-namespace`. */
  private readElasticsearchIndex(c: Component, out: PipelineOutput): void {
    if (asString(own(c.config, 'mode')) === 'data_stream') {
      const part = (key: string, fallback: string): string | null => {
        const raw = valueAt(c.config, ['data_stream', key]);
        const value = raw === undefined ? fallback : asString(raw);
        return value === null || vectorInterpolates(value) ? null : value;
      };
      const [type, dataset, namespace] = [part('type', 'logs'), part('dataset', 'generic'), part('namespace', 'default')];
      out.index = type !== null && dataset !== null && namespace !== null ? `${type}-${dataset}-${namespace}` : null;
      out.locations['index'] = c.locate(ownRecord(c.config, 'data_stream') ? ['data_stream'] : ['mode']);
      if (out.index === null) this.unknown(`sinks.${c.name}.data_stream`, 'the data stream name depends on an environment variable or is not a string', out.locations['index']);
      return;
    }
    const keyPath = valueAt(c.config, ['bulk', 'index']) !== undefined ? ['bulk', 'index'] : own(c.config, 'index') !== undefined ? ['index'] : null;
    if (keyPath === null) {
      // Default index of the bulk mode (vector.dev elasticsearch sink, v0.4x–0.5x).
      out.index = 'vector-%Y.%m.%d';
      return;
    }
    this.setIndex(c, out, keyPath);
  }

  private setIndex(c: Component, out: PipelineOutput, keyPath: readonly string[]): void {
    const raw = valueAt(c.config, keyPath);
    if (raw === undefined) return;
    const at = c.locate(keyPath);
    out.locations['index'] = at;
    const value = asString(raw);
    if (value === null) this.problem(at, `${keyPath.join('.')} of sink ${c.name} must be a string`);
    else if (vectorInterpolates(value)) this.unknown(`sinks.${c.name}.${keyPath.join('.')}`, 'the name depends on an environment variable', at);
    else out.index = value;
  }
}

/** Whether one endpoint is reached over TLS: by its scheme, else by `tls.enabled` (off by default). */
function endpointTls(e: Endpoint, spec: SinkSpec, tlsEnabled: boolean | null): boolean | null {
  if (e.scheme !== null && SECURE_SCHEMES.has(e.scheme)) return true;
  if (e.scheme === 'http' || e.scheme === 'ws') return false;
  if (spec.transport === 'address' || (e.scheme !== null && PLAIN_SCHEMES.has(e.scheme))) return tlsEnabled === true;
  return null;
}

function valueAt(record: Rec, keyPath: readonly string[]): unknown {
  let node: unknown = record;
  for (const key of keyPath) node = own(asRecord(node), key);
  return node;
}
