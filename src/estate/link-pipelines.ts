/**
 * Follows every log source through the shipper pipelines of the estate (pure): from the files,
 * journal, syslog socket or container output a source writes, to the pipeline inputs that read
 * them, along each pipeline's edges to its outputs, through local files that another shipper
 * tails and through remote hops that another collector listens for, to the stores at the end.
 * Each route carries TLS, certificate verification and buffer durability of every hop; each
 * store its retention from the store's own policy (ILM, ISM, Loki, Splunk) when the estate has it.
 */
import picomatch from 'picomatch';
import type { LogSource, Route, Sink } from '../model/estate.js';
import type { Pipeline, PipelineInput, PipelineOutput, PolicyAttachment, RetentionPolicy, Rotation, Unknown } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import { compareStrings } from '../model/vocabulary.js';
import type { Area, Location } from '../model/vocabulary.js';
import { hostRootOf } from './host-root.js';
import { nearest } from './path-match.js';

/** Where a source's events are, at some point of their way. */
export type Carrier =
  | { kind: 'file'; path: string; host: string | null }
  | { kind: 'journald'; host: string | null }
  | { kind: 'syslog'; facility: string | null; host: string | null }
  | { kind: 'containers'; host: string | null }
  /** auditd's dispatcher (audisp plugins such as audisp-remote). */
  | { kind: 'audisp'; host: string | null };

/** A source as the pipeline linker sees it: where it writes, and on which host. */
export interface SourceNode {
  source: LogSource;
  carriers: Carrier[];
  /** Outputs the producing system sends to itself (nginx `syslog:`, Docker log drivers, ...). */
  outputs: { output: PipelineOutput; via: string }[];
  /** Days the producing system keeps locally, with where that is decided. */
  localRetention: { days: number; at: Location }[];
  /** Where the producer says it never deletes what it wrote, when it does. */
  localUnbounded?: Location | null;
}

export interface JournaldSettings {
  path: string;
  maxRetentionDays: number | null;
  at: Location;
}

export interface PipelineLinkInput {
  nodes: readonly SourceNode[];
  pipelines: readonly Pipeline[];
  policies: readonly RetentionPolicy[];
  attachments: readonly PolicyAttachment[];
  rotations: readonly (Rotation & { path: string })[];
  journald: readonly JournaldSettings[];
  /** Constructs the adapters did not understand: the reason a fact they decide is unknown. */
  unknowns?: readonly Unknown[];
}

/** What the pipelines tell about one source. */
export interface SourceRouting {
  routes: number;
  remoteRoutes: number;
  /** True: a remote route; false: shippers are known on the host and none carries it off; null: unknown. */
  centralized: boolean | null;
  tls: boolean | null;
  tlsVerify: boolean | null;
  durable: boolean | null;
  localRetentionDays: number | null;
  centralRetentionDays: number | null;
  /** A central store that keeps the events until someone deletes them (no delete phase, Loki without retention). */
  centralUnbounded: boolean;
  /** The producer never deletes what it wrote on the host. */
  localUnbounded: boolean;
  /** Where each fact above is decided. */
  evidence: Record<string, Location>;
  /** Why a fact above is null. */
  unknown: Record<string, string>;
}

export interface PipelineLinkOutput {
  sinks: Sink[];
  routes: Route[];
  routing: Map<string, SourceRouting>;
  /** `shipper` and `shipper-output` subjects, one per pipeline (includes merged) and output. */
  subjects: Subject[];
  /** Per store policy (`log-store:<store>:<name>`), the sources whose events reach it. */
  storeSources: Map<string, Set<string>>;
}

/** Paths a container runtime writes container output to, to test tail globs against. */
const CONTAINER_LOG_PATHS = ['/var/log/containers/app_default_app-0123456789ab.log', '/var/log/pods/default_app_0123/app/0.log', '/var/lib/docker/containers/0123456789ab/0123456789ab-json.log'];

const LOCAL_CHANNELS: ReadonlySet<string> = new Set(['file', 'journald', 'syslog-local', 'containers']);

/** Same host: equal host roots; a config outside any host layout (a DaemonSet ConfigMap) runs on every host. */
function sameHost(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

const globCache = new Map<string, (path: string) => boolean>();
function globMatches(glob: string, path: string): boolean {
  let matcher = globCache.get(glob);
  if (!matcher) {
    matcher = picomatch(glob, { dot: true });
    globCache.set(glob, matcher);
  }
  return matcher(path);
}

function inputTakes(input: PipelineInput, carrier: Carrier): boolean {
  switch (carrier.kind) {
    case 'file':
      return input.channel === 'file' && input.paths.some((g) => globMatches(g, carrier.path)) && !input.exclude.some((g) => globMatches(g, carrier.path));
    case 'journald':
      return input.channel === 'journald';
    case 'syslog':
      // On a systemd host syslog(3) messages reach the journal as well as the syslog socket.
      return input.channel === 'syslog-local' || input.channel === 'journald';
    case 'containers':
      return input.channel === 'containers' || (input.channel === 'file' && CONTAINER_LOG_PATHS.some((p) => input.paths.some((g) => globMatches(g, p))));
    case 'audisp':
      return input.plugin === 'audisp';
  }
}

function facilityPasses(facilities: string[] | null, carrier: Carrier): boolean {
  if (facilities === null || carrier.kind !== 'syslog') return true;
  const facility = carrier.facility;
  // A facility we do not know may or may not pass a selector: keep the edge (the route is possible).
  return facility === null || facilities.includes(facility) || facilities.includes('*');
}

/** The listener channel that takes an output's protocol at the next hop. */
const LISTENER_OF: Record<string, PipelineInput['channel']> = {
  syslog: 'syslog-listener',
  otlp: 'otlp-listener',
  forward: 'forward-listener',
  beats: 'forward-listener',
  vector: 'forward-listener',
};

/** First label of an endpoint's host: `syslog-1` of `tcp://syslog-1.corp.example:6514`. */
function endpointHost(endpoint: string | null): string | null {
  if (endpoint === null) return null;
  const host = endpoint.replace(/^[a-z+]+:\/\//i, '').replace(/[:/].*$/, '').replace(/^\[|\]$/g, '');
  return host === '' ? null : (host.split('.')[0] ?? null);
}

interface Hop {
  pipeline: Pipeline;
  output: PipelineOutput;
}

interface Reached {
  hops: Hop[];
  /** The output where the route ends (or passes through a local file). */
  end: Hop;
}

function orNull(values: (boolean | null)[]): boolean | null {
  if (values.length === 0) return null;
  if (values.some((v) => v === false)) return false;
  return values.every((v) => v === true) ? true : null;
}

function sinkId(hop: Hop): string {
  return `${hop.pipeline.id}#${hop.output.id}`;
}

function indexNames(output: PipelineOutput): string[] {
  if (output.index === null) return [];
  // Logstash-style prefixes write `<prefix>-YYYY.MM.DD`; data streams and aliases the name itself.
  return [output.index, `${output.index}-2025.01.01`, `${output.index}-000001`];
}

const SEARCH_STORES = new Set(['elasticsearch', 'opensearch']);

/** The retention policy that governs what an output writes, when the estate has exactly one answer. */
export function policyFor(output: PipelineOutput, near: string, policies: readonly RetentionPolicy[], attachments: readonly PolicyAttachment[]): RetentionPolicy | null {
  let candidates: RetentionPolicy[] = [];
  if (output.sinkKind === 'elasticsearch') {
    const names = indexNames(output);
    if (names.length === 0) return null;
    const matches = (patterns: readonly string[]): boolean => patterns.some((p) => names.some((n) => globMatches(p, n)));
    const attached = new Set(attachments.filter((a) => matches(a.indexPatterns)).map((a) => a.policy));
    candidates = policies.filter((p) => SEARCH_STORES.has(p.store) && (matches(p.indexPatterns) || attached.has(p.name)));
  } else if (output.sinkKind === 'loki') {
    candidates = policies.filter((p) => p.store === 'loki');
  } else if (output.sinkKind === 'splunk') {
    const index = output.index ?? 'main';
    candidates = policies.filter((p) => p.store === 'splunk' && p.name === index);
  }
  if (candidates.length === 0) return null;
  if (candidates.length === 1) return candidates[0] as RetentionPolicy;
  // One store config per environment: the one kept nearest the shipper's config.
  return nearest(candidates, (p) => p.at.path, near);
}

/** The constructs not understood inside an output's part of its config: why its null facts are null. */
function outputUnknowns(pipeline: Pipeline, output: PipelineOutput, unknowns: readonly Unknown[]): Record<string, string> {
  const next = pipeline.outputs
    .filter((o) => o.at.path === output.at.path && o.at.line > output.at.line)
    .reduce((min, o) => Math.min(min, o.at.line), Number.POSITIVE_INFINITY);
  const inside = unknowns.filter((u) => u.at.path === output.at.path && u.at.line >= output.at.line && u.at.line < next);
  if (inside.length === 0) return {};
  const why = inside.map((u) => `not understood: ${u.construct} (line ${u.at.line}): ${u.reason}`).join('; ');
  const out: Record<string, string> = {};
  for (const fact of ['remote', 'tls', 'tlsVerify', 'durable', 'endpoint', 'index'] as const) if (output[fact] === null) out[fact] = why;
  return out;
}

export function linkPipelines(input: PipelineLinkInput): PipelineLinkOutput {
  const pipelines = [...input.pipelines].sort((a, b) => compareStrings(a.id, b.id));
  const hostOf = new Map(pipelines.map((p) => [p.id, hostRootOf(p.path)]));
  const sinks = new Map<string, Sink>();
  const routes = new Map<string, Route>();
  const routing = new Map<string, SourceRouting>();
  const carried = new Map<string, Set<string>>();
  const policyOf = new Map<string, RetentionPolicy | null>();
  const storeSources = new Map<string, Set<string>>();

  const sinkFor = (hop: Hop): Sink => {
    const id = sinkId(hop);
    let sink = sinks.get(id);
    if (!sink) {
      const policy = hop.output.remote === true ? policyFor(hop.output, hop.pipeline.path, input.policies, input.attachments) : null;
      policyOf.set(id, policy);
      sink = {
        id,
        kind: hop.output.sinkKind,
        remote: hop.output.remote,
        tls: hop.output.remote === false ? null : hop.output.tls,
        retentionDays: policy?.retentionDays ?? null,
        unbounded: policy ? policy.unbounded : null,
        immutable: policy?.readOnlyAfterDays !== null && policy?.readOnlyAfterDays !== undefined ? true : null,
        declaredAt: hop.output.at,
      };
      sinks.set(id, sink);
    }
    return sink;
  };

  /** Pipelines that take a carrier, with the inputs that take it. */
  const takers = (carrier: Carrier): { pipeline: Pipeline; input: PipelineInput }[] =>
    pipelines.flatMap((pipeline) =>
      sameHost(hostOf.get(pipeline.id) ?? null, carrier.host) ? pipeline.inputs.filter((i) => inputTakes(i, carrier)).map((i) => ({ pipeline, input: i })) : [],
    );

  /** The collector that listens for a remote output, when exactly one in the estate does. */
  /**
   * The collector that takes an output's events next: for a remote output the one listener in the
   * estate for its protocol and port; for a loopback output (an agent handing over to a local
   * collector) one on the same host.
   */
  const nextHop = (from: Pipeline, output: PipelineOutput): { pipeline: Pipeline; input: PipelineInput } | null => {
    const channel = output.protocol ? LISTENER_OF[output.protocol] : undefined;
    if (!channel || output.remote === null || (output.remote === false && output.path !== null)) return null;
    const local = output.remote === false;
    const fromHost = hostOf.get(from.id) ?? null;
    let found = pipelines.flatMap((pipeline) =>
      pipeline.id === from.id || (local && !sameHost(hostOf.get(pipeline.id) ?? null, fromHost)) ? [] : pipeline.inputs.filter((i) => i.channel === channel && (i.port === null || output.port === null || i.port === output.port)).map((i) => ({ pipeline, input: i })),
    );
    if (found.length > 1) {
      const host = endpointHost(output.endpoint);
      found = found.filter((f) => host !== null && (hostOf.get(f.pipeline.id) ?? '').split('/').pop() === host);
    }
    return found.length === 1 ? (found[0] as { pipeline: Pipeline; input: PipelineInput }) : null;
  };

  /** True when an output leaves the host, directly or through a local collector it hands over to; null when one cannot be told. */
  const shipping = new Map<string, boolean | null>();
  const shipsOffHost = (pipeline: Pipeline): boolean | null => {
    const known = shipping.get(pipeline.id);
    if (known !== undefined) return known;
    shipping.set(pipeline.id, false); // a loop of local hand-overs ships nothing
    let result: boolean | null = false;
    for (const output of pipeline.outputs) {
      const direct = output.remote;
      const via = direct === false ? nextHop(pipeline, output) : null;
      const value = direct === true ? true : direct === null ? null : via ? shipsOffHost(via.pipeline) : false;
      if (value === true) {
        result = true;
        break;
      }
      if (value === null) result = null;
    }
    shipping.set(pipeline.id, result);
    return result;
  };

  const walk = (node: SourceNode): Reached[] => {
    const reached: Reached[] = [];
    const seen = new Set<string>();
    const queue: { pipeline: Pipeline; input: PipelineInput; carrier: Carrier | null; hops: Hop[] }[] = [];
    const enqueue = (carrier: Carrier | null, taker: { pipeline: Pipeline; input: PipelineInput }, hops: Hop[]): void => {
      const key = `${taker.pipeline.id}\u0000${taker.input.id}\u0000${carrier?.kind === 'syslog' ? carrier.facility : ''}`;
      if (seen.has(key) || hops.length > 8) return;
      seen.add(key);
      queue.push({ ...taker, carrier, hops });
    };
    for (const carrier of node.carriers) for (const t of takers(carrier)) enqueue(carrier, t, []);
    for (const { output, via } of node.outputs) {
      const pipeline: Pipeline = { id: via, shipper: node.source.system, path: output.at.path, declaredAt: output.at, inputs: [], outputs: [output], edges: [] };
      const hop = { pipeline, output };
      reached.push({ hops: [hop], end: hop });
      const next = output.remote === true ? nextHop(pipeline, output) : null;
      if (next) enqueue(null, next, [hop]);
    }
    while (queue.length > 0) {
      const item = queue.shift() as (typeof queue)[number];
      const set = carried.get(item.pipeline.id) ?? new Set<string>();
      set.add(node.source.id);
      carried.set(item.pipeline.id, set);
      for (const edge of item.pipeline.edges) {
        if (edge.input !== item.input.id || (item.carrier && !facilityPasses(edge.facilities, item.carrier))) continue;
        const output = item.pipeline.outputs.find((o) => o.id === edge.output);
        if (!output) continue;
        const hop = { pipeline: item.pipeline, output };
        const hops = [...item.hops, hop];
        reached.push({ hops, end: hop });
        const outSet = carried.get(sinkId(hop)) ?? new Set<string>();
        outSet.add(node.source.id);
        carried.set(sinkId(hop), outSet);
        if (output.remote === false && output.path !== null) {
          const carrier: Carrier = { kind: 'file', path: output.path, host: hostOf.get(item.pipeline.id) ?? null };
          for (const t of takers(carrier)) if (t.pipeline.id !== item.pipeline.id || t.input.id !== item.input.id) enqueue(carrier, t, hops);
        } else {
          const next = nextHop(item.pipeline, output);
          if (next) enqueue(null, next, hops);
        }
      }
    }
    return reached;
  };

  for (const node of [...input.nodes].sort((a, b) => compareStrings(a.source.id, b.source.id))) {
    const host = hostRootOf(node.source.declaredAt.path);
    const reached = walk(node);
    const evidence: Record<string, Location> = {};
    const remote = reached.filter((r) => r.end.output.remote === true);
    for (const r of reached) {
      const sink = sinkFor(r.end);
      const policy = policyOf.get(sink.id);
      if (policy) {
        const key = `log-store:${policy.store}:${policy.name}`;
        const set = storeSources.get(key) ?? new Set<string>();
        set.add(node.source.id);
        storeSources.set(key, set);
      }
      const id = `${node.source.id}->${sink.id}`;
      const remoteHops = r.hops.filter((h) => h.output.remote === true);
      routes.set(id, {
        id,
        from: node.source.id,
        to: sink.id,
        via: r.hops[0]?.pipeline.path ?? sink.declaredAt.path,
        hops: [...new Set(r.hops.map((h) => h.pipeline.path))],
        tls: r.end.output.remote === true ? orNull(remoteHops.map((h) => h.output.tls)) : null,
        tlsVerify: r.end.output.remote === true ? orNull(remoteHops.map((h) => (h.output.tls === false ? false : h.output.tlsVerify))) : null,
        durable: r.end.output.remote === true ? orNull(remoteHops.map((h) => h.output.durable)) : null,
      });
    }
    // A route that passes on to a next hop is not the end: its sink is where the events are next.
    const unknownRemote = reached.some((r) => r.end.output.remote === null);
    const shippersOnHost = pipelines.some((p) => sameHost(hostOf.get(p.id) ?? null, host) && p.inputs.some((i) => i.channel !== 'other'));
    const centralized = remote.length > 0 ? true : unknownRemote ? null : shippersOnHost || node.outputs.length > 0 ? false : null;
    if (remote[0]) evidence.centralized = remote[0].end.output.at;
    else if (reached[0]) evidence.centralized = reached[0].end.output.at;

    const hopFacts = (pick: (o: PipelineOutput) => boolean | null, key: string): boolean | null => {
      const all = remote.flatMap((r) => r.hops.filter((h) => h.output.remote === true));
      const value = orNull(all.map((h) => pick(h.output)));
      const decider = all.find((h) => pick(h.output) === value) ?? all[0];
      if (decider) evidence[key] = decider.output.locations[key] ?? decider.output.at;
      return value;
    };
    const tls = hopFacts((o) => o.tls, 'tls');
    const tlsVerify = hopFacts((o) => (o.tls === false ? false : o.tlsVerify), 'tlsVerify');
    const durable = hopFacts((o) => o.durable, 'durable');

    // Central retention: the longest a remote store keeps the events (a store that never deletes wins).
    let central: number | null = null;
    for (const r of remote) {
      const policy = policyOf.get(sinkId(r.end)) ?? null;
      if (!policy) continue;
      const days = policy.unbounded === true ? Number.POSITIVE_INFINITY : policy.retentionDays;
      if (days !== null && (central === null || days > central)) {
        central = days;
        evidence.centralRetentionDays = policy.at;
      }
    }

    // Local retention: what the producer keeps, rotation of the files it (or a shipper) writes, the journal.
    const local: { days: number; at: Location }[] = [...node.localRetention];
    const files = [
      ...node.carriers.flatMap((c) => (c.kind === 'file' ? [c.path] : [])),
      ...reached.flatMap((r) => (r.end.output.remote === false && r.end.output.path !== null ? [r.end.output.path] : [])),
    ];
    for (const rotation of input.rotations) {
      if (!sameHost(hostRootOf(rotation.path), host) || rotation.days === null) continue;
      if (files.some((f) => rotation.paths.some((g) => globMatches(g, f)))) local.push({ days: rotation.days, at: rotation.locations.days ?? rotation.at });
    }
    if (node.carriers.some((c) => c.kind === 'journald' || c.kind === 'syslog')) {
      for (const j of input.journald) if (sameHost(hostRootOf(j.path), host) && j.maxRetentionDays !== null) local.push({ days: j.maxRetentionDays, at: j.at });
    }
    if (node.localUnbounded) evidence.localUnbounded = node.localUnbounded;
    let localDays: number | null = null;
    for (const l of local) {
      if (localDays === null || l.days > localDays) {
        localDays = l.days;
        evidence.localRetentionDays = l.at;
      }
    }
    const unknown: Record<string, string> = {};
    const at = (l: Location): string => `${l.path}:${l.line}`;
    if (centralized === null) {
      const open = reached.find((r) => r.end.output.remote === null);
      unknown.centralized = open
        ? `the route ends at ${open.end.pipeline.shipper} output ${open.end.output.plugin} (${at(open.end.output.at)}) whose destination cannot be told`
        : `no shipper config was scanned on ${host === null ? 'its host' : host === '' ? 'the host at the scan root' : `host ${host}`}`;
    }
    const firstRemote = remote[0];
    if (firstRemote) {
      const where = `${firstRemote.end.pipeline.shipper} output ${firstRemote.end.output.plugin} (${at(firstRemote.end.output.at)})`;
      if (tls === null) unknown.tls = `${where} does not say`;
      if (tlsVerify === null) unknown.tlsVerify = `${where} does not say`;
      if (durable === null) unknown.durable = `${where} does not say`;
      if (central === null) unknown.centralRetentionDays = `no store policy in the scanned inputs governs what ${where} writes${firstRemote.end.output.index ? ` (index ${firstRemote.end.output.index})` : ''}`;
    }
    if (localDays === null && !node.localUnbounded) unknown.localRetentionDays = 'no rotation or retention setting for where it is written on the host was scanned';
    routing.set(node.source.id, {
      routes: reached.length,
      remoteRoutes: remote.length,
      centralized,
      tls,
      tlsVerify,
      durable,
      localRetentionDays: localDays,
      centralRetentionDays: central === Number.POSITIVE_INFINITY ? null : central,
      centralUnbounded: central === Number.POSITIVE_INFINITY,
      localUnbounded: node.localUnbounded ? true : false,
      evidence,
      unknown,
    });
  }

  const pillarsOf = new Map(input.nodes.map((n) => [n.source.id, n.source.pillars]));
  const areas = (ids: Set<string> | undefined): Area[] => {
    const set = new Set<Area>();
    for (const id of ids ?? []) for (const p of pillarsOf.get(id) ?? []) set.add(p);
    return [...set].sort(compareStrings);
  };
  const subjects: Subject[] = [];
  for (const pipeline of pipelines) {
    const sources = carried.get(pipeline.id);
    subjects.push({
      kind: 'shipper',
      id: `shipper:${pipeline.path}`,
      path: pipeline.path,
      pillars: areas(sources),
      facts: {
        shipper: pipeline.shipper,
        inputs: pipeline.inputs.length,
        logInputs: pipeline.inputs.filter((i) => i.channel !== 'other').length,
        // An agent reads what its own host writes; a collector listens for what other hosts send.
        localInputs: pipeline.inputs.filter((i) => LOCAL_CHANNELS.has(i.channel)).length,
        listenerInputs: pipeline.inputs.filter((i) => i.channel.endsWith('-listener')).length,
        outputs: pipeline.outputs.length,
        remoteOutputs: pipeline.outputs.filter((o) => o.remote === true).length,
        unknownOutputs: pipeline.outputs.filter((o) => o.remote === null).length,
        routedOutputs: new Set(pipeline.edges.map((e) => e.output)).size,
        // True: an output leaves the host; null: none does for sure but one cannot be told; false: all are local.
        shipsOffHost: shipsOffHost(pipeline),
        sources: [...(sources ?? [])].sort(compareStrings),
      },
      // Whether anything leaves the host is decided by the outputs: point at the first.
      locations: pipeline.outputs[0] ? { shipsOffHost: pipeline.outputs[0].at, remoteOutputs: pipeline.outputs[0].at } : {},
      unreadable: {},
      declaredAt: pipeline.declaredAt,
    });
    for (const output of pipeline.outputs) {
      const id = `${pipeline.id}#${output.id}`;
      const policy = policyOf.get(id) ?? (output.remote === true ? policyFor(output, pipeline.path, input.policies, input.attachments) : null);
      subjects.push({
        kind: 'shipper-output',
        id: `shipper-output:${pipeline.path}#${output.id}`,
        path: pipeline.path,
        pillars: areas(carried.get(id)),
        facts: {
          shipper: pipeline.shipper,
          plugin: output.plugin,
          sinkKind: output.sinkKind,
          remote: output.remote,
          endpoint: output.endpoint,
          protocol: output.protocol,
          tls: output.tls,
          tlsVerify: output.tls === false ? false : output.tlsVerify,
          durable: output.durable,
          index: output.index,
          routed: pipeline.edges.some((e) => e.output === output.id),
          retentionDays: policy?.retentionDays ?? null,
          store: policy ? `${policy.store}:${policy.name}` : null,
        },
        locations: { ...output.locations, retentionDays: policy?.at ?? output.at, store: policy?.at ?? output.at },
        unreadable: {},
        unknown: outputUnknowns(pipeline, output, input.unknowns ?? []),
        declaredAt: output.at,
      });
    }
  }
  const byId = <T extends { id: string }>(list: Iterable<T>): T[] => [...list].sort((a, b) => compareStrings(a.id, b.id));
  return { sinks: byId(sinks.values()), routes: byId(routes.values()), routing, subjects, storeSources };
}
