/**
 * The estate as a diagram model (pure): log sources → shippers → stores, with what a reader must
 * see marked — sources that reach no central store, routes that leave the host without TLS, and
 * stores that keep logs for less than the retention the report asks for. The Markdown (Mermaid)
 * and HTML (SVG) formatters draw this one model, so both diagrams always agree.
 */
import type { ScanResult } from '../model/result.js';
import type { Sink } from '../model/estate.js';
import { compareStrings } from '../model/vocabulary.js';

/** Twelve months: M-21-31's active storage, PCI DSS 10.5.1 and CIS 8.10's floor of 90 days all fit under it. */
export const DEFAULT_MIN_RETENTION_DAYS = 365;

export type GraphNodeKind = 'source' | 'shipper' | 'store';

export interface GraphNode {
  /** A short, stable, diagram-safe id: `src1`, `ship1`, `store1` in sorted order. */
  key: string;
  kind: GraphNodeKind;
  /** The estate id (source, sink) or shipper name this node stands for. */
  ref: string;
  label: string;
  /** Second line: where it is declared, the store kind and retention. */
  detail: string;
  /** `file:line` where it is declared, when known. */
  location: string | null;
  /** Sources: no route reaches a remote store. */
  unrouted: boolean;
  /** Sources: a log sample read from disk with no config that produces or ships it. */
  sampleOnly: boolean;
  /** Stores: keeps logs for fewer days than asked (known, not guessed). */
  shortRetention: boolean;
  /** Stores: leaves the host. */
  remote: boolean | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** Shipper → store edges to a remote store: false when any route on it is known to lack TLS. */
  tls: boolean | null;
  /** Marked: a route to a remote store without TLS. */
  plaintext: boolean;
}

export interface EstateGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  minRetentionDays: number;
}

function retentionText(sink: Sink): string {
  if (sink.unbounded === true) return 'kept until deleted';
  if (sink.retentionDays !== null) return `${sink.retentionDays} days`;
  return 'retention unknown';
}

export function estateGraph(result: ScanResult, minRetentionDays = DEFAULT_MIN_RETENTION_DAYS): EstateGraph {
  const { sources, sinks, routes, samples } = result.estate;
  const sinkById = new Map(sinks.map((s) => [s.id, s]));
  const nodes: GraphNode[] = [];
  const edges = new Map<string, GraphEdge>();
  const addEdge = (from: string, to: string, tls: boolean | null, remote: boolean): void => {
    const key = `${from}>${to}`;
    const known = edges.get(key);
    const plaintext = remote && tls === false;
    if (!known) edges.set(key, { from, to, tls, plaintext });
    else {
      known.tls = known.tls === false || tls === false ? false : known.tls === true && tls === true ? true : null;
      known.plaintext ||= plaintext;
    }
  };

  const sortedSources = [...sources].sort((a, b) => compareStrings(a.id, b.id));
  const sourceKey = new Map<string, string>();
  for (const [i, source] of sortedSources.entries()) {
    const key = `src${i + 1}`;
    sourceKey.set(source.id, key);
    const reaches = routes.some((r) => r.from === source.id && sinkById.get(r.to)?.remote === true);
    const at = `${source.declaredAt.path}:${source.declaredAt.line}`;
    nodes.push({
      key,
      kind: 'source',
      ref: source.id,
      label: source.system,
      detail: at,
      location: at,
      unrouted: !reaches && source.centralized !== true,
      sampleOnly: false,
      shortRetention: false,
      remote: null,
    });
  }
  const unlinked = samples.filter((s) => s.source === null).sort((a, b) => compareStrings(a.path, b.path));
  for (const [i, sample] of unlinked.entries()) {
    nodes.push({
      key: `log${i + 1}`,
      kind: 'source',
      ref: sample.id,
      label: sample.path,
      detail: `log sample, ${sample.format}; no config ships it`,
      location: `${sample.path}:1`,
      unrouted: true,
      sampleOnly: true,
      shortRetention: false,
      remote: null,
    });
  }

  // A route's `via` is either a shipper config in the scanned tree, one process that carries the
  // events of every source it names, or the producing system itself (kube-apiserver's webhook).
  // The latter is a separate process per source: one node for all of them would draw paths from
  // one apiserver to another's webhook, and hide that a source reaches no central store.
  const scannedFiles = new Set(result.inventory.map((e) => e.path));
  const shipperIdentity = (route: { via: string; from: string }): string =>
    scannedFiles.has(route.via) ? route.via : `${route.via}\u0000${route.from}`;
  const shippers = new Map<string, string>();
  // Only routes that can be drawn (both ends known) make a shipper, so none floats unconnected.
  const drawable = routes.filter((r) => sourceKey.has(r.from) && sinkById.has(r.to));
  for (const route of drawable) shippers.set(shipperIdentity(route), route.via);
  const shipperKey = new Map<string, string>();
  for (const [i, [identity, name]] of [...shippers].sort((a, b) => compareStrings(a[0], b[0])).entries()) {
    const key = `ship${i + 1}`;
    shipperKey.set(identity, key);
    nodes.push({ key, kind: 'shipper', ref: name, label: name, detail: 'shipper', location: null, unrouted: false, sampleOnly: false, shortRetention: false, remote: null });
  }

  const sortedSinks = [...sinks].sort((a, b) => compareStrings(a.id, b.id));
  const sinkKey = new Map<string, string>();
  for (const [i, sink] of sortedSinks.entries()) {
    const key = `store${i + 1}`;
    sinkKey.set(sink.id, key);
    const at = `${sink.declaredAt.path}:${sink.declaredAt.line}`;
    nodes.push({
      key,
      kind: 'store',
      ref: sink.id,
      label: sink.kind,
      detail: `${sink.remote === true ? 'remote' : sink.remote === false ? 'on the host' : 'location unknown'}, ${retentionText(sink)}`,
      location: at,
      unrouted: false,
      sampleOnly: false,
      shortRetention: sink.unbounded !== true && sink.retentionDays !== null && sink.retentionDays < minRetentionDays,
      remote: sink.remote,
    });
  }

  for (const route of [...routes].sort((a, b) => compareStrings(a.id, b.id))) {
    const from = sourceKey.get(route.from);
    const via = shipperKey.get(shipperIdentity(route));
    const to = sinkKey.get(route.to);
    if (from === undefined || via === undefined || to === undefined) continue;
    addEdge(from, via, null, false);
    addEdge(via, to, route.tls, sinkById.get(route.to)?.remote === true);
  }
  return { nodes, edges: [...edges.values()], minRetentionDays };
}
