/**
 * OpenTelemetry Collector configurations as one pipeline. Only what `service.pipelines` runs
 * counts, and only `logs` pipelines (`logs`, `logs/<name>`) carry log records: receivers,
 * processors and exporters that no logs pipeline uses are ignored. Connectors (an exporter of one
 * logs pipeline and a receiver of another) chain pipelines: every receiver of an upstream logs
 * pipeline reaches the exporters of the downstream one.
 */
import type { DocPath } from '../../documents/yaml-document.js';
import type { ConfigRead, Pipeline, PipelineEdge, PipelineInput, PipelineOutput } from '../../model/pipeline.js';
import { emptyRead } from '../../model/pipeline.js';
import { compareLocations } from '../../model/vocabulary.js';
import type { Location } from '../../model/vocabulary.js';
import { otelInterpolates, parseEndpoint, splitHostPort } from '../shipper-kit/endpoint.js';
import type { Endpoint } from '../shipper-kit/endpoint.js';
import { EMPTY, MAX_EDGES, blankInput, blankOutput, sortedPipeline, union } from '../shipper-kit/pipeline-parts.js';
import type { ConfigSource } from '../shipper-kit/source.js';
import { asBoolean, asRecord, asString, asStringList, entries, own, ownRecord } from '../shipper-kit/values.js';
import type { Rec } from '../shipper-kit/values.js';
import { EXPORTERS, PERSISTENT_STORAGE, RECEIVERS, normalizedType } from './catalog.js';
import type { ExporterSpec } from './catalog.js';

export interface OtelPipelineInfo {
  id: string;
  path: string;
  declaredAt: Location;
}

type Section = 'receivers' | 'exporters' | 'connectors' | 'extensions';

/** A component id listed somewhere; its location is looked up only when it is reported. */
interface Ref {
  id: string;
  path: DocPath;
}

interface LogsPipeline {
  name: string;
  receivers: Ref[];
  exporters: Ref[];
}

export function readOtel(source: ConfigSource, info: OtelPipelineInfo): ConfigRead {
  return new OtelReader(source, info).read();
}

class OtelReader {
  private readonly out: ConfigRead = emptyRead('otel-collector');
  private readonly root: Rec;
  private readonly sections: Record<Section, Rec | null>;
  private readonly enabledExtensions: Set<string>;
  private readonly inputIds = new Map<string, string[]>();
  private readonly reach = new Map<string, ReadonlySet<string>>();
  private pipelines: LogsPipeline[] = [];

  constructor(
    private readonly source: ConfigSource,
    private readonly info: OtelPipelineInfo,
  ) {
    this.root = asRecord(source.data) ?? {};
    this.sections = {
      receivers: this.section('receivers'),
      exporters: this.section('exporters'),
      connectors: this.section('connectors'),
      extensions: this.section('extensions'),
    };
    this.enabledExtensions = new Set(this.names(['service', 'extensions']).map((n) => n.id));
  }

  private at(path: DocPath): Location {
    return this.source.locate(path);
  }

  private problem(at: Location, message: string): void {
    this.out.problems.push({ at, message });
  }

  private unknown(construct: string, reason: string, at: Location): void {
    this.out.unknowns.push({ construct, reason, at });
  }

  private section(key: Section): Rec | null {
    const value = own(this.root, key);
    if (value === undefined || value === null) return null;
    const record = asRecord(value);
    if (record === null) this.problem(this.at([key]), `${key} must be a mapping of component ids`);
    return record;
  }

  private defined(section: Section, id: string): boolean {
    const record = this.sections[section];
    return record !== null && Object.hasOwn(record, id);
  }

  /** A component's settings (`otlp:` with no value is a component with its defaults). */
  private config(section: Section, id: string): Rec {
    return asRecord(own(this.sections[section], id)) ?? {};
  }

  /** Component ids listed at a path (`service.extensions`, a pipeline's `exporters`). */
  private names(path: readonly string[]): Ref[] {
    let node: unknown = this.root;
    for (const key of path) node = own(asRecord(node), key);
    if (node === undefined || node === null) return [];
    const list = asStringList(node);
    if (list === null) {
      this.problem(this.at(path), `${path.join('.')} must be a list of component ids`);
      return [];
    }
    return list.items.map((item) => ({ id: item.value, path: item.index === null ? path : [...path, item.index] }));
  }

  read(): ConfigRead {
    this.pipelines = this.logsPipelines();
    const inputs: PipelineInput[] = [];
    const outputs: PipelineOutput[] = [];
    const seenReceivers = new Set<string>();
    const seenExporters = new Set<string>();
    for (const p of this.pipelines) {
      for (const r of p.receivers) {
        if (seenReceivers.has(r.id) || this.defined('connectors', r.id)) continue;
        seenReceivers.add(r.id);
        if (!this.defined('receivers', r.id)) this.notDefined('receiver', r, p);
        else inputs.push(...this.readReceiver(r.id));
      }
      for (const e of p.exporters) {
        if (seenExporters.has(e.id) || this.defined('connectors', e.id)) continue;
        seenExporters.add(e.id);
        if (!this.defined('exporters', e.id)) this.notDefined('exporter', e, p);
        else outputs.push(this.readExporter(e.id));
      }
    }
    this.computeReach();
    const exported = new Set(outputs.map((o) => o.id));
    const edges: PipelineEdge[] = [];
    for (const p of this.pipelines) {
      const reaching = this.reach.get(p.name) ?? EMPTY;
      for (const e of p.exporters) {
        if (!exported.has(e.id)) continue;
        if (edges.length + reaching.size > MAX_EDGES) {
          this.unknown(`service.pipelines.${p.name}`, `more than ${MAX_EDGES} routes in this file: the routes to ${e.id} are not listed`, this.at(e.path));
          continue;
        }
        for (const input of reaching) edges.push({ input, output: e.id, facilities: null });
      }
    }
    const pipeline: Pipeline = { id: this.info.id, shipper: 'otel-collector', path: this.info.path, declaredAt: this.info.declaredAt, inputs, outputs, edges };
    this.out.pipelines.push(sortedPipeline(pipeline));
    // In the order of the file, whatever order they were found in.
    this.out.problems.sort((a, b) => compareLocations(a.at, b.at));
    this.out.unknowns.sort((a, b) => compareLocations(a.at, b.at));
    return this.out;
  }

  private notDefined(what: 'receiver' | 'exporter', ref: Ref, p: LogsPipeline): void {
    this.unknown(`service.pipelines.${p.name}`, `${what} ${ref.id} is not defined in this file (the collector may merge several --config files)`, this.at(ref.path));
  }

  private logsPipelines(): LogsPipeline[] {
    const service = ownRecord(this.root, 'service');
    const pipelines = ownRecord(service, 'pipelines');
    if (pipelines === null) {
      this.problem(this.at(service === null ? [] : ['service']), 'service.pipelines is missing: the collector runs no pipeline');
      return [];
    }
    const out: LogsPipeline[] = [];
    for (const [name, value] of entries(pipelines)) {
      if (name.split('/')[0] !== 'logs') continue;
      const base = ['service', 'pipelines', name];
      if (asRecord(value) === null) {
        this.problem(this.at(base), `pipeline ${name} must be a mapping of receivers, processors and exporters`);
        continue;
      }
      out.push({ name, receivers: this.names([...base, 'receivers']), exporters: this.names([...base, 'exporters']) });
    }
    return out;
  }

  /**
   * Receivers whose records reach each logs pipeline: its own, and through each connector it
   * receives from, those reaching the pipelines that export to that connector. Pipelines and
   * connectors are visited after what they depend on (an iterative depth-first search over a
   * graph as large as the lists in the file, so no recursion however long the chain); a cycle is
   * a problem.
   */
  private computeReach(): void {
    const feeders = new Map<string, LogsPipeline[]>();
    for (const q of this.pipelines) {
      for (const e of q.exporters) {
        if (!this.defined('connectors', e.id)) continue;
        const list = feeders.get(e.id);
        if (list) list.push(q);
        else feeders.set(e.id, [q]);
      }
    }
    type Node = { kind: 'pipeline'; p: LogsPipeline } | { kind: 'connector'; id: string };
    const key = (n: Node): string => (n.kind === 'pipeline' ? `p:${n.p.name}` : `c:${n.id}`);
    const dependsOn = (n: Node): Node[] =>
      n.kind === 'connector'
        ? (feeders.get(n.id) ?? []).map((p): Node => ({ kind: 'pipeline', p }))
        : n.p.receivers.filter((r) => this.defined('connectors', r.id)).map((r): Node => ({ kind: 'connector', id: r.id }));
    const reach = new Map<string, ReadonlySet<string>>();
    const state = new Map<string, 'open' | 'done'>();
    const finish = (n: Node): void => {
      const sets = dependsOn(n).map((d) => reach.get(key(d)) ?? EMPTY);
      if (n.kind === 'pipeline') for (const r of n.p.receivers) if (!this.defined('connectors', r.id)) sets.push(new Set(this.inputIds.get(r.id) ?? []));
      reach.set(key(n), union(sets));
    };
    for (const p of this.pipelines) {
      const start: Node = { kind: 'pipeline', p };
      if (state.has(key(start))) continue;
      state.set(key(start), 'open');
      const stack: { n: Node; deps: Node[]; next: number }[] = [{ n: start, deps: dependsOn(start), next: 0 }];
      for (let top = stack[0]; top !== undefined; top = stack[stack.length - 1]) {
        const dep = top.deps[top.next++];
        if (dep === undefined) {
          stack.pop();
          state.set(key(top.n), 'done');
          finish(top.n);
          continue;
        }
        const k = key(dep);
        if (state.get(k) === 'done') continue;
        if (state.get(k) === 'open') {
          if (dep.kind === 'pipeline') this.problem(this.at(['service', 'pipelines', dep.p.name]), `pipeline ${dep.p.name} is part of a cycle through connectors (the collector refuses it)`);
          continue;
        }
        state.set(k, 'open');
        stack.push({ n: dep, deps: dependsOn(dep), next: 0 });
      }
    }
    for (const p of this.pipelines) this.reach.set(p.name, reach.get(`p:${p.name}`) ?? EMPTY);
  }

  // -------------------------------------------------------------------------------------------
  // Receivers

  private readReceiver(id: string): PipelineInput[] {
    const base: DocPath = ['receivers', id];
    const config = this.config('receivers', id);
    const type = normalizedType(id);
    const spec = RECEIVERS.get(type);
    const input = blankInput(id, id.split('/')[0] ?? id, this.at(base));
    let list = [input];
    if (spec === undefined) {
      this.unknown(`receivers.${id}`, `receiver type "${id.split('/')[0] ?? id}" is not one ztmm knows; what it receives is not known`, this.at(base));
    } else {
      input.channel = spec.channel;
      if (spec.read === 'files') {
        input.paths = this.globs(id, config, 'include');
        input.exclude = this.globs(id, config, 'exclude');
      } else if (spec.read === 'syslog') this.readSyslogReceiver(id, config, input);
      else if (spec.read === 'listen' && spec.key) input.port = this.port(base, config, [spec.key]);
      else if (spec.read === 'protocols') list = this.readProtocols(id, config, input, spec.defaults ?? { grpc: null, http: null });
    }
    this.inputIds.set(id, list.map((i) => i.id));
    return list;
  }

  private globs(id: string, config: Rec, key: string): string[] {
    const raw = own(config, key);
    if (raw === undefined) return [];
    const list = asStringList(raw);
    if (list === null) {
      this.problem(this.at(['receivers', id, key]), `${key} of receiver ${id} must be a list of paths`);
      return [];
    }
    const out: string[] = [];
    for (const item of list.items) {
      if (otelInterpolates(item.value)) this.unknown(`receivers.${id}.${key}`, `path "${item.value}" is expanded at run time`, this.at(['receivers', id, key]));
      else out.push(item.value);
    }
    return out;
  }

  private readSyslogReceiver(id: string, config: Rec, input: PipelineInput): void {
    for (const transport of ['tcp', 'udp']) {
      if (ownRecord(config, transport) === null) continue;
      input.port = this.port(['receivers', id], config, [transport, 'listen_address']);
      return;
    }
    this.problem(this.at(['receivers', id]), `syslog receiver ${id} has neither tcp nor udp`);
  }

  /** OTLP-style receivers listen once per protocol: one input each, so either can be linked. */
  private readProtocols(id: string, config: Rec, input: PipelineInput, defaults: { grpc: number | null; http: number | null }): PipelineInput[] {
    const protocols = ownRecord(config, 'protocols');
    const present = (['grpc', 'http'] as const).filter((p) => protocols !== null && Object.hasOwn(protocols, p));
    if (present.length === 0) return [input];
    return present.map((protocol) => {
      const one: PipelineInput = { ...input, id: present.length > 1 ? `${id}#${protocol}` : id, at: this.at(['receivers', id, 'protocols', protocol]) };
      const written = own(asRecord(own(protocols, protocol)), 'endpoint');
      one.port = written === undefined ? defaults[protocol] : this.port(['receivers', id], config, ['protocols', protocol, 'endpoint']);
      return one;
    });
  }

  private port(base: DocPath, config: Rec, keyPath: readonly string[]): number | null {
    const value = valueAt(config, keyPath);
    if (value === undefined) return null;
    const address = asString(value);
    if (address === null) return null;
    if (otelInterpolates(address)) {
      this.unknown(`${base.join('.')}.${keyPath.join('.')}`, 'the listen address is expanded at run time', this.at([...base, ...keyPath]));
      return null;
    }
    return splitHostPort(address.trim()).port;
  }

  // -------------------------------------------------------------------------------------------
  // Exporters

  private readExporter(id: string): PipelineOutput {
    const base: DocPath = ['exporters', id];
    const config = this.config('exporters', id);
    const plugin = id.split('/')[0] ?? id;
    const spec = EXPORTERS.get(normalizedType(id));
    const out = blankOutput(id, plugin, spec?.kind ?? 'other', this.at(base));
    if (spec === undefined) {
      this.unknown(`exporters.${id}`, `exporter type "${plugin}" is not one ztmm knows; where it sends records is not known`, this.at(base));
      return out;
    }
    out.protocol = spec.protocol;
    this.readDurability(id, config, spec, out);
    if (spec.transport === 'local') {
      out.remote = false;
      out.tls = false;
      if (normalizedType(id) === 'file') out.path = this.stringAt(id, config, ['path'], 'the path');
    } else if (spec.transport === 'syslog') this.readSyslogExporter(id, config, out);
    else this.readRemote(id, config, spec, out);
    for (const keyPath of spec.index ?? []) {
      if (valueAt(config, keyPath) === undefined) continue;
      out.index = this.stringAt(id, config, keyPath, 'the name');
      out.locations['index'] = this.at([...base, ...keyPath]);
      break;
    }
    return out;
  }

  private stringAt(id: string, config: Rec, keyPath: readonly string[], what: string): string | null {
    const value = valueAt(config, keyPath);
    if (value === undefined) return null;
    const at = this.at(['exporters', id, ...keyPath]);
    const text = asString(value);
    if (text === null) this.problem(at, `${keyPath.join('.')} of exporter ${id} must be a string`);
    else if (otelInterpolates(text)) this.unknown(`exporters.${id}.${keyPath.join('.')}`, `${what} is expanded at run time`, at);
    else return text;
    return null;
  }

  private readRemote(id: string, config: Rec, spec: ExporterSpec, out: PipelineOutput): void {
    const base: DocPath = ['exporters', id];
    const written = this.endpoints(id, config, spec);
    if (written === 'unresolved') return;
    const tls = ownRecord(config, 'tls') ?? (spec.transport === 'kafka' ? ownRecord(ownRecord(config, 'auth'), 'tls') : null);
    const tlsPath: DocPath = ownRecord(config, 'tls') !== null ? [...base, 'tls'] : [...base, 'auth', 'tls'];
    if (written === null) {
      if (spec.transport !== 'cloud') {
        this.problem(this.at(base), `exporter ${id} has no ${spec.endpoint[0]?.join('.') ?? 'endpoint'}`);
        return;
      }
      // No endpoint: the provider's own API over HTTPS.
      out.remote = true;
      out.tls = true;
      this.readVerify(tls, tlsPath, out);
      return;
    }
    const { list, at } = written;
    const first = list[0] as Endpoint;
    out.endpoint = list.map((e) => e.display).join(',');
    out.remote = list.some((e) => !e.loopback);
    out.port = spec.transport === 'grpc' || spec.transport === 'kafka' ? first.explicitPort : first.port;
    out.locations['endpoint'] = at;
    const insecure = asBoolean(own(tls, 'insecure')) === true;
    const hasCA = typeof own(tls, 'ca_file') === 'string' || typeof own(tls, 'ca_pem') === 'string';
    // configtls: `insecure: true` without a CA loads no TLS config at all.
    const tlsConfigured = !(insecure && !hasCA);
    out.locations['tls'] = own(tls, 'insecure') !== undefined ? this.at([...tlsPath, 'insecure']) : at;
    if (spec.transport === 'grpc') out.tls = tlsConfigured || first.scheme === 'https';
    else if (spec.transport === 'kafka') {
      out.tls = tls !== null && tlsConfigured;
      if (tls !== null && own(tls, 'insecure') === undefined) out.locations['tls'] = this.at(tlsPath);
    } else out.tls = allTls(list, spec.transport === 'cloud');
    if (out.tls === true) this.readVerify(tlsConfigured ? tls : null, tlsPath, out);
  }

  private endpoints(id: string, config: Rec, spec: ExporterSpec): { list: Endpoint[]; at: Location } | null | 'unresolved' {
    const base: DocPath = ['exporters', id];
    for (const keyPath of spec.endpoint) {
      const raw = valueAt(config, keyPath);
      if (raw === undefined) continue;
      const at = this.at([...base, ...keyPath]);
      const values = asStringList(raw);
      if (values === null || values.items.length === 0) {
        this.problem(at, `${keyPath.join('.')} of exporter ${id} must be an endpoint or a list of endpoints`);
        return 'unresolved';
      }
      if (values.items.some((i) => otelInterpolates(i.value))) {
        this.unknown(`exporters.${id}.${keyPath.join('.')}`, 'the endpoint is expanded at run time (environment variable or other provider)', at);
        return 'unresolved';
      }
      const list = values.items.map((i) => parseEndpoint(i.value)).filter((e): e is Endpoint => e !== null);
      return list.length > 0 ? { list, at } : null;
    }
    if (spec.defaultEndpoint !== undefined) {
      const parsed = parseEndpoint(spec.defaultEndpoint);
      if (parsed) return { list: [parsed], at: this.at(base) };
    }
    return null;
  }

  /** `tls.insecure_skip_verify` (default false) decides whether the peer certificate is checked. */
  private readVerify(tls: Rec | null, tlsPath: DocPath, out: PipelineOutput): void {
    const raw = own(tls, 'insecure_skip_verify');
    out.tlsVerify = raw === undefined ? true : asBoolean(raw) === null ? null : asBoolean(raw) !== true;
    out.locations['tlsVerify'] = raw !== undefined ? this.at([...tlsPath, 'insecure_skip_verify']) : tls !== null ? this.at(tlsPath) : out.at;
  }

  /** Syslog exporter: `endpoint` is a host, `port` defaults to 514, `network` to tcp (TLS unless insecure). */
  private readSyslogExporter(id: string, config: Rec, out: PipelineOutput): void {
    const base: DocPath = ['exporters', id];
    const network = asString(own(config, 'network')) ?? 'tcp';
    const host = this.stringAt(id, config, ['endpoint'], 'the endpoint');
    if (own(config, 'endpoint') === undefined) this.problem(this.at(base), `exporter ${id} has no endpoint`);
    if (network === 'unix') {
      out.remote = false;
      out.tls = false;
      out.path = host;
      return;
    }
    if (host === null) return;
    const rawPort = own(config, 'port');
    out.port = rawPort === undefined ? 514 : typeof rawPort === 'number' && Number.isInteger(rawPort) ? rawPort : null;
    out.endpoint = `${host}:${out.port ?? ''}`;
    out.remote = !(parseEndpoint(host)?.loopback ?? false);
    out.locations['endpoint'] = this.at([...base, 'endpoint']);
    const tls = ownRecord(config, 'tls');
    if (network === 'udp') {
      out.tls = false;
      out.locations['tls'] = own(config, 'network') !== undefined ? this.at([...base, 'network']) : this.at(base);
      return;
    }
    const insecure = asBoolean(own(tls, 'insecure')) === true;
    const hasCA = typeof own(tls, 'ca_file') === 'string' || typeof own(tls, 'ca_pem') === 'string';
    out.tls = !(insecure && !hasCA);
    out.locations['tls'] = own(tls, 'insecure') !== undefined ? this.at([...base, 'tls', 'insecure']) : this.at(base);
    if (out.tls) this.readVerify(tls, [...base, 'tls'], out);
  }

  /**
   * A persistent sending queue (`sending_queue.storage` naming a file_storage or db_storage
   * extension enabled in `service.extensions`) survives restarts; the default in-memory queue
   * (exporterhelper, collector v0.9x–v0.15x) does not.
   */
  private readDurability(id: string, config: Rec, spec: ExporterSpec, out: PipelineOutput): void {
    if (spec.noQueue) return;
    const base: DocPath = ['exporters', id];
    const queue = ownRecord(config, 'sending_queue');
    out.durable = false;
    out.locations['durable'] = this.at(queue === null ? base : [...base, 'sending_queue']);
    if (queue === null) return;
    const enabled = own(queue, 'enabled');
    if (asBoolean(enabled) === false || (enabled === undefined && spec.queueOffByDefault)) {
      if (enabled !== undefined) out.locations['durable'] = this.at([...base, 'sending_queue', 'enabled']);
      return;
    }
    const rawStorage = own(queue, 'storage');
    if (rawStorage === undefined) return;
    const at = this.at([...base, 'sending_queue', 'storage']);
    out.locations['durable'] = at;
    const storage = asString(rawStorage);
    out.durable = null;
    if (storage === null) this.problem(at, `sending_queue.storage of exporter ${id} must be an extension id`);
    else if (otelInterpolates(storage)) this.unknown(`exporters.${id}.sending_queue.storage`, 'the storage extension is named at run time', at);
    else if (!this.defined('extensions', storage)) this.problem(at, `sending_queue.storage names ${storage}, which is not defined under extensions`);
    else if (!this.enabledExtensions.has(storage)) this.problem(at, `sending_queue.storage names ${storage}, which is not enabled in service.extensions`);
    else if (!PERSISTENT_STORAGE.has(normalizedType(storage))) this.unknown(`extensions.${storage}`, 'a storage extension ztmm does not know: whether it persists is not known', this.at(['extensions', storage]));
    else out.durable = true;
  }
}

/** TLS over every endpoint: https everywhere; any http:// means some records travel in clear. */
function allTls(list: readonly Endpoint[], httpsByDefault: boolean): boolean | null {
  const each = list.map((e) => (e.scheme === 'https' || e.scheme === 'wss' ? true : e.scheme === 'http' || e.scheme === 'ws' ? false : httpsByDefault ? true : null));
  return each.includes(false) ? false : each.every((t) => t === true) ? true : null;
}

function valueAt(record: Rec, keyPath: readonly string[]): unknown {
  let node: unknown = record;
  for (const key of keyPath) node = own(asRecord(node), key);
  return node;
}
