/**
 * The estate graph made small enough to draw (pure), for the Markdown report's Mermaid diagram:
 * alike nodes merged into one with a count, and, if that is not enough, a subgraph of whole
 * paths, within a text budget and Mermaid's edge limit.
 */
import type { EstateGraph, GraphEdge, GraphNode, GraphNodeKind } from './estate-graph.js';
import { MERMAID_LABEL_MAX, mermaidFlowchart } from './mermaid.js';

/**
 * Mermaid 11 refuses a flowchart with more than 500 edges ("Edge limit exceeded", its maxEdges
 * default), and GitHub cannot configure it: the diagram stays below with a margin.
 */
export const MERMAID_EDGE_BUDGET = 450;

type PerKind = Record<GraphNodeKind, number>;

// ---------------------------------------------------------------------------------------------
// Merging

export interface MergedGraph {
  graph: EstateGraph;
  /** Node key → how many estate nodes it stands for (1 when not merged). */
  members: Map<string, number>;
}

/**
 * What a node looks like in the diagram, apart from its connections. A source's second line is
 * where it is declared, different for each copy of the same config: that alone keeps no two
 * nodes apart (the merged node names the first place and counts the others).
 */
function looks(node: GraphNode): string {
  const detail = node.detail === node.location ? '' : node.detail;
  return [node.kind, node.label, detail, node.unrouted, node.sampleOnly, node.shortRetention, node.remote].join('\u0000');
}

/** `text` cut so that `suffix` still fits in `max` characters after it. */
function withSuffix(text: string, suffix: string, max: number): string {
  const chars = Array.from(text);
  const room = max - Array.from(suffix).length;
  return `${chars.length > room ? `${chars.slice(0, Math.max(0, room - 1)).join('')}…` : text}${suffix}`;
}

/**
 * Alike nodes as one: the same look and, after merging, the same neighbours over the same kind
 * of edge. Fifty hosts with the same apiserver → webhook setup are one path of three nodes, each
 * labelled `×50`, instead of a hundred and fifty. The classes are refined until stable (the
 * coarsest partition in which alike nodes have alike neighbours), so that merging hides no path:
 * a node reaches a merged node only if it reached one of its members.
 */
export function mergeGraph(graph: EstateGraph): MergedGraph {
  let classOf = numbered(graph.nodes, looks);
  for (;;) {
    const out = new Map<string, Set<string>>();
    const into = new Map<string, Set<string>>();
    // An edge looks like its mark: a route without TLS is drawn apart, the rest alike.
    for (const edge of graph.edges) {
      addTo(out, edge.from, `${classOf.get(edge.to)}${edge.plaintext ? '!' : ''}`);
      addTo(into, edge.to, `${classOf.get(edge.from)}${edge.plaintext ? '!' : ''}`);
    }
    const sides = (key: string, map: Map<string, Set<string>>): string => [...(map.get(key) ?? [])].sort().join(',');
    const next = numbered(graph.nodes, (n) => `${classOf.get(n.key)}|${sides(n.key, out)}|${sides(n.key, into)}`);
    const stable = new Set(next.values()).size === new Set(classOf.values()).size;
    classOf = next;
    if (stable) break;
  }

  const groups = new Map<number, GraphNode[]>();
  for (const node of graph.nodes) addToList(groups, classOf.get(node.key) ?? 0, node);
  const keyOf = new Map<string, string>();
  const members = new Map<string, number>();
  const nodes: GraphNode[] = [];
  for (const group of groups.values()) {
    const first = group[0] as GraphNode;
    for (const node of group) keyOf.set(node.key, first.key);
    members.set(first.key, group.length);
    if (group.length === 1) {
      nodes.push(first);
      continue;
    }
    // Room for the count after the label, and for the ⚠ the label may get in front.
    const label = withSuffix(first.label, ` ×${group.length}`, MERMAID_LABEL_MAX - 2);
    const detail = first.detail === first.location ? withSuffix(first.detail, ` and ${group.length - 1} more`, MERMAID_LABEL_MAX) : first.detail;
    nodes.push({ ...first, label, detail });
  }
  const edges = new Map<string, GraphEdge>();
  for (const edge of graph.edges) {
    const from = keyOf.get(edge.from) ?? edge.from;
    const to = keyOf.get(edge.to) ?? edge.to;
    const known = edges.get(`${from}>${to}`);
    if (!known) edges.set(`${from}>${to}`, { ...edge, from, to });
    else {
      known.tls = known.tls === false || edge.tls === false ? false : known.tls === true && edge.tls === true ? true : null;
      known.plaintext ||= edge.plaintext;
    }
  }
  return { graph: { nodes, edges: [...edges.values()], minRetentionDays: graph.minRetentionDays }, members };
}

/** A number per distinct signature, in order of first appearance (so the same graph, the same numbers). */
function numbered(nodes: readonly GraphNode[], signature: (n: GraphNode) => string): Map<string, number> {
  const ids = new Map<string, number>();
  const out = new Map<string, number>();
  for (const node of nodes) {
    const s = signature(node);
    if (!ids.has(s)) ids.set(s, ids.size);
    out.set(node.key, ids.get(s) as number);
  }
  return out;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ---------------------------------------------------------------------------------------------
// Trimming

export interface TrimmedGraph {
  graph: EstateGraph;
  /** Estate nodes left out per kind (a merged node counts as many as it stands for). */
  omitted: PerKind;
}

/** Keys in order of first mention across the lists, at most `max`. */
function firstDistinct(max: number, ...lists: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const list of lists) {
    for (const key of list) {
      if (out.size >= max) return out;
      out.add(key);
    }
  }
  return out;
}

/** a1, b1, a2, b2, …, then what is left of the longer. */
function interleave(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i] as string);
    if (i < b.length) out.push(b[i] as string);
  }
  return out;
}

/**
 * At most `maxPerKind` nodes of each kind, chosen along the flow so that what is drawn still
 * says where events go. Sources first: one that reaches each remote (central) store, alternating
 * with the marked ones (the sources that reach none), then the rest. Then the shippers those
 * sources feed, each kept source's first; then the stores those shippers write to, each kept
 * shipper's first remote one, remote stores ahead of local ones. Edges to nodes left out go too.
 */
export function trimGraph(graph: EstateGraph, maxPerKind: number, members: ReadonlyMap<string, number> = new Map()): TrimmedGraph {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const edge of graph.edges) {
    addToList(out, edge.from, edge.to);
    addToList(into, edge.to, edge.from);
  }
  const ofKind = (kind: GraphNodeKind): GraphNode[] => graph.nodes.filter((n) => n.kind === kind);
  const isRemote = (key: string): boolean => byKey.get(key)?.remote === true;
  const reachesRemote = (shipper: string): boolean => (out.get(shipper) ?? []).some(isRemote);
  const keys = (nodes: readonly GraphNode[]): string[] => nodes.map((n) => n.key);

  // A path (source, shipper) to each remote store, the first in graph order.
  const central: [string, string, string][] = [];
  for (const store of ofKind('store').filter((n) => n.remote === true)) {
    for (const shipper of into.get(store.key) ?? []) {
      const source = (into.get(shipper) ?? [])[0];
      if (source !== undefined) {
        central.push([source, shipper, store.key]);
        break;
      }
    }
  }
  const sourceNodes = ofKind('source');
  const sources = firstDistinct(
    maxPerKind,
    interleave(
      central.map(([s]) => s),
      keys(sourceNodes.filter((n) => n.unrouted)),
    ),
    keys(sourceNodes),
  );

  const fed = ofKind('shipper').filter((n) => (into.get(n.key) ?? []).some((s) => sources.has(s)));
  const firstShipper = [...sources].flatMap((s) => {
    const next = out.get(s) ?? [];
    return next.filter(reachesRemote).concat(next).slice(0, 1);
  });
  const shippers = firstDistinct(
    maxPerKind,
    central.filter(([s]) => sources.has(s)).map(([, h]) => h),
    firstShipper,
    keys(fed.filter((n) => reachesRemote(n.key))),
    keys(fed),
  );

  const stores = ofKind('store');
  const written = stores.filter((n) => (into.get(n.key) ?? []).some((h) => shippers.has(h)));
  const firstStore = [...shippers].flatMap((h) => {
    const next = out.get(h) ?? [];
    return next.filter(isRemote).concat(next).slice(0, 1);
  });
  // Stores no route reaches lose nothing by being shown without one: they come last.
  const unreached = stores.filter((n) => (into.get(n.key) ?? []).length === 0);
  const kept = firstDistinct(
    maxPerKind,
    central.filter(([s, h]) => sources.has(s) && shippers.has(h)).map(([, , r]) => r),
    firstStore,
    keys(written.filter((n) => n.remote === true)),
    keys(written.filter((n) => n.shortRetention)),
    keys(written),
    keys(unreached.filter((n) => n.remote === true)),
    keys(unreached),
  );

  const keep = new Set([...sources, ...shippers, ...kept]);
  const omitted: PerKind = { source: 0, shipper: 0, store: 0 };
  for (const node of graph.nodes) if (!keep.has(node.key)) omitted[node.kind] += members.get(node.key) ?? 1;
  return {
    graph: {
      nodes: graph.nodes.filter((n) => keep.has(n.key)),
      edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
      minRetentionDays: graph.minRetentionDays,
    },
    omitted,
  };
}

// ---------------------------------------------------------------------------------------------
// Fitting

export interface Drawing {
  /** Mermaid flowchart text, without fences. */
  text: string;
  /** Estate nodes left out per kind. */
  omitted: PerKind;
  /** Whether some drawn node stands for several alike ones (`×n`). */
  merged: boolean;
}

/** Mermaid text within `budget` characters and MERMAID_EDGE_BUDGET edges: merged, then fewer nodes per kind until it fits. */
export function drawing(graph: EstateGraph, budget: number): Drawing {
  const { graph: merged, members } = mergeGraph(graph);
  let shown: TrimmedGraph = { graph: merged, omitted: { source: 0, shipper: 0, store: 0 } };
  let text = mermaidFlowchart(merged);
  for (const perKind of [50, 25, 12, 6, 3, 1]) {
    if (text.length <= budget && shown.graph.edges.length <= MERMAID_EDGE_BUDGET) break;
    shown = trimGraph(merged, perKind, members);
    text = mermaidFlowchart(shown.graph);
  }
  return { text, omitted: shown.omitted, merged: shown.graph.nodes.some((n) => (members.get(n.key) ?? 1) > 1) };
}
