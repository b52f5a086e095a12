import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { ScanResult } from '../../src/model/result.js';
import { estateGraph } from '../../src/report/estate-graph.js';
import type { EstateGraph, GraphNode } from '../../src/report/estate-graph.js';
import { MARKDOWN_LIMIT, formatMarkdown } from '../../src/report/markdown.js';
import { MERMAID_EDGE_BUDGET, drawing, mergeGraph, trimGraph } from '../../src/report/markdown-diagram.js';
import { parseMermaid } from './mermaid-check.js';
import type { ParsedChart } from './mermaid-check.js';
import { demoCopies, meshedEstate } from './markdown-estates.js';

const md = new MarkdownIt({ html: true });

function chartOf(markdown: string): ParsedChart {
  const fence = md.parse(markdown, {}).find((t) => t.type === 'fence' && t.info === 'mermaid');
  assert.ok(fence, 'a mermaid fence');
  const chart = parseMermaid(fence.content.trimEnd());
  assert.deepEqual(chart.problems, []);
  return chart;
}

/** What a chart's node ids stand for: the label's first line, without the mark. */
function names(chart: ParsedChart, parent: string): string[] {
  return [...chart.parents].filter(([, p]) => p === parent).map(([id]) => (chart.labels.get(id) ?? '').split('\n')[0]?.replace(/^⚠ /, '') ?? '');
}

function node(key: string, kind: GraphNode['kind'], label: string, over: Partial<GraphNode> = {}): GraphNode {
  return { key, kind, ref: key, label, detail: kind === 'store' ? 'remote, 400 days' : '', location: null, unrouted: false, sampleOnly: false, shortRetention: false, remote: kind === 'store' ? true : null, ...over };
}

function edges(graph: EstateGraph): string[] {
  return graph.edges.map((e) => `${e.from}>${e.to}`);
}

describe('the diagram of fifty alike hosts', () => {
  let fleet: ScanResult;
  before(async () => {
    fleet = await demoCopies(50);
  });

  test('alike nodes merge into one with a count; distinct samples stay apart', () => {
    const graph = estateGraph(fleet);
    assert.equal(graph.nodes.length, 250);
    const { graph: merged, members } = mergeGraph(graph);
    const labels = merged.nodes.filter((n) => !n.sampleOnly).map((n) => `${n.kind} ${n.label} | ${n.detail}`);
    assert.deepEqual(labels, [
      'source kube-apiserver-audit ×50 | host00/etc/kubernetes/manifests/kube-apiserver.yaml:26 and 49 more',
      'shipper kube-apiserver ×50 | shipper',
      'store local-file ×50 | on the host, 400 days',
      'store webhook ×50 | remote, retention unknown',
    ]);
    assert.equal(merged.nodes.filter((n) => n.sampleOnly).length, 50);
    assert.equal([...members.values()].reduce((a, b) => a + b, 0), 250);
    assert.deepEqual(edges(merged), ['src1>ship1', 'ship1>store1', 'ship1>store51']);
  });

  test('the report draws the apiservers, their shipper and the central webhook store, with nothing cut', () => {
    const text = formatMarkdown(fleet);
    assert.ok(text.length <= MARKDOWN_LIMIT);
    const chart = chartOf(text);
    assert.deepEqual(names(chart, 'shippers'), ['kube-apiserver ×50']);
    assert.deepEqual(names(chart, 'stores'), ['local-file ×50', 'webhook ×50']);
    assert.ok(names(chart, 'sources').includes('kube-apiserver-audit ×50'));
    assert.equal(names(chart, 'sources').length, 51);
    assert.doesNotMatch(text, /The diagram shows/);
    assert.match(text, /; ×n: n alike nodes \(same name, kind and connections\) drawn as one\./);
  });

  test('with no two hosts alike, trimming keeps whole paths: every shipper fed and feeding, a central store kept', () => {
    const distinct = structuredClone(fleet);
    for (const [i, source] of distinct.estate.sources.entries()) source.system = `kube-apiserver-audit-${i}`;
    const graph = estateGraph(distinct);
    assert.equal(mergeGraph(graph).graph.nodes.length, graph.nodes.length, 'nothing alike');
    const chart = chartOf(formatMarkdown(distinct));
    const shippers = [...chart.parents].filter(([, p]) => p === 'shippers').map(([id]) => id);
    assert.ok(shippers.length > 0, 'some shipper is drawn');
    for (const id of shippers) {
      assert.ok(chart.edges.some((e) => e.to === id), `${id} has an input`);
      assert.ok(chart.edges.some((e) => e.from === id), `${id} has an output`);
    }
    assert.ok(names(chart, 'stores').includes('webhook'), 'a remote store is drawn');
    assert.ok(names(chart, 'sources').some((n) => n.startsWith('kube-apiserver-audit-')), 'an apiserver is drawn');
    assert.ok(names(chart, 'sources').includes('host00/var/log/payments/api.jsonl'), 'a marked sample is drawn');
    for (const max of [1, 3, 12]) {
      const trimmed = trimGraph(graph, max).graph;
      const kept = new Set(trimmed.nodes.map((n) => n.key));
      for (const n of trimmed.nodes.filter((x) => x.kind === 'shipper')) {
        assert.ok(trimmed.edges.some((e) => e.to === n.key) && trimmed.edges.some((e) => e.from === n.key), `${max}: ${n.key}`);
      }
      assert.ok(trimmed.nodes.some((n) => n.remote === true), `${max}: a remote store`);
      for (const e of trimmed.edges) assert.ok(kept.has(e.from) && kept.has(e.to));
    }
  });
});

describe('merging alike nodes', () => {
  test('nodes that look alike but lead to different places stay apart', () => {
    // a1 → h1 → webhook, a2 → h2 → loki: the sources and shippers look alike, the stores do not.
    const graph: EstateGraph = {
      nodes: [
        node('a1', 'source', 'app'),
        node('a2', 'source', 'app'),
        node('a3', 'source', 'app'),
        node('h1', 'shipper', 'fluent-bit'),
        node('h2', 'shipper', 'fluent-bit'),
        node('s1', 'store', 'webhook'),
        node('s2', 'store', 'loki'),
      ],
      edges: [
        { from: 'a1', to: 'h1', tls: null, plaintext: false },
        { from: 'a2', to: 'h2', tls: null, plaintext: false },
        { from: 'a3', to: 'h2', tls: null, plaintext: false },
        { from: 'h1', to: 's1', tls: true, plaintext: false },
        { from: 'h2', to: 's2', tls: true, plaintext: false },
      ],
      minRetentionDays: 365,
    };
    const { graph: merged, members } = mergeGraph(graph);
    assert.deepEqual(merged.nodes.map((n) => `${n.key} ${n.label}`), ['a1 app', 'a2 app ×2', 'h1 fluent-bit', 'h2 fluent-bit', 's1 webhook', 's2 loki']);
    assert.deepEqual(edges(merged), ['a1>h1', 'a2>h2', 'h1>s1', 'h2>s2']);
    assert.equal(members.get('a2'), 2);
  });

  test('a route without TLS keeps its node apart from one with TLS', () => {
    const graph: EstateGraph = {
      nodes: [node('h1', 'shipper', 'vector'), node('h2', 'shipper', 'vector'), node('s1', 'store', 'splunk')],
      edges: [
        { from: 'h1', to: 's1', tls: false, plaintext: true },
        { from: 'h2', to: 's1', tls: true, plaintext: false },
      ],
      minRetentionDays: 365,
    };
    assert.equal(mergeGraph(graph).graph.nodes.length, 3);
  });

  test('a long label keeps its count', () => {
    const long = 'x'.repeat(200);
    const graph: EstateGraph = { nodes: [node('a', 'store', long), node('b', 'store', long)], edges: [], minRetentionDays: 365 };
    const [merged] = mergeGraph(graph).graph.nodes;
    assert.ok(merged?.label.endsWith('… ×2'), merged?.label);
    assert.ok(Array.from(merged?.label ?? '').length <= 78);
  });
});

describe('the diagram within Mermaid’s edge limit', () => {
  test(`a fully meshed estate is drawn with at most ${MERMAID_EDGE_BUDGET} edges (Mermaid refuses more than 500)`, () => {
    // 20 × 20 + 20 × 10 = 600 edges in text short enough for the size budget: only the edge
    // count says it must be cut.
    for (const [sources, shippers, stores] of [
      [20, 20, 10],
      [30, 30, 20],
    ] as const) {
      const result = meshedEstate(sources, shippers, stores);
      assert.equal(estateGraph(result).edges.length, sources * shippers + shippers * stores);
      const text = formatMarkdown(result);
      const chart = chartOf(text);
      assert.ok(chart.edges.length > 0 && chart.edges.length <= MERMAID_EDGE_BUDGET, `${sources}×${shippers}×${stores}: ${chart.edges.length} edges`);
      assert.match(text, /_The diagram shows \d+ of \d+ sources/);
    }
  });

  test('drawing() cuts on edges even when the text fits', () => {
    const graph = estateGraph(meshedEstate(20, 20, 10));
    const drawn = drawing(graph, 1_000_000);
    assert.ok(parseMermaid(drawn.text).edges.length <= MERMAID_EDGE_BUDGET);
    assert.ok(drawn.omitted.source > 0);
  });
});
