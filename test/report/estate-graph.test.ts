import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { estateGraph } from '../../src/report/estate-graph.js';
import type { EstateGraph, GraphNode } from '../../src/report/estate-graph.js';
import type { LogSource, Route, SampleStats, Sink } from '../../src/model/estate.js';
import type { EstateResult, InventoryEntry, ScanResult } from '../../src/model/result.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO, REPO } from '../helpers.js';

let demo: ScanResult;
let sampleTemplate: SampleStats;

before(async () => {
  demo = (await scan({ roots: [DEMO], rules: loadRules({ extra: [] }), cwd: REPO })).result;
  const sample = demo.estate.samples[0];
  assert.ok(sample);
  sampleTemplate = sample;
});

const at = (path: string, line: number) => ({ path, line, column: 1 });

function source(id: string, over: Partial<LogSource> = {}): LogSource {
  return { id, system: 'kube-apiserver-audit', pillars: ['identity'], paths: ['/var/log/audit.log'], declaredAt: at(`${id}.yaml`, 3), centralized: null, retentionDays: null, immutable: null, ...over };
}

function sink(id: string, over: Partial<Sink> = {}): Sink {
  return { id, kind: 'local-file', remote: false, tls: null, retentionDays: null, unbounded: null, immutable: null, declaredAt: at(`${id}.yaml`, 5), ...over };
}

function route(from: string, to: string, via: string, tls: boolean | null = null): Route {
  return { id: `${from}->${to}`, from, to, via, tls, durable: null };
}

function sample(path: string, sourceId: string | null): SampleStats {
  return { ...sampleTemplate, id: `sample:${path}`, path, source: sourceId };
}

/** A result with only what the graph reads: the estate and the inventory. */
function withEstate(estate: Partial<EstateResult>, inventory: InventoryEntry[] = []): ScanResult {
  return { ...demo, estate: { sources: [], sinks: [], routes: [], detections: [], samples: [], ...estate }, inventory };
}

function node(graph: EstateGraph, ref: string): GraphNode {
  const found = graph.nodes.find((n) => n.ref === ref);
  assert.ok(found, `no node for ${ref}`);
  return found;
}

/** Edges as `label>label`, for readable assertions. */
function paths(graph: EstateGraph): string[] {
  const label = (key: string): string => graph.nodes.find((n) => n.key === key)?.ref ?? `?${key}`;
  return graph.edges.map((e) => `${label(e.from)}>${label(e.to)}`).sort();
}

describe('estate graph: the demo', () => {
  test('the apiserver, the unlinked payments sample, one shipper and two stores', () => {
    const graph = estateGraph(demo);
    assert.deepEqual(
      graph.nodes.map((n) => [n.key, n.kind, n.label]),
      [
        ['src1', 'source', 'kube-apiserver-audit'],
        ['log1', 'source', 'var/log/payments/api.jsonl'],
        ['ship1', 'shipper', 'kube-apiserver'],
        ['store1', 'store', 'local-file'],
        ['store2', 'store', 'webhook'],
      ],
    );
    assert.deepEqual(
      graph.edges.map((e) => [e.from, e.to, e.plaintext]),
      [
        ['src1', 'ship1', false],
        ['ship1', 'store1', false],
        ['ship1', 'store2', false],
      ],
    );
    assert.equal(graph.minRetentionDays, 365);
  });
  test('the apiserver reaches its webhook; the payments log reaches nothing', () => {
    const graph = estateGraph(demo);
    const api = graph.nodes.find((n) => n.key === 'src1');
    const payments = graph.nodes.find((n) => n.key === 'log1');
    assert.equal(api?.unrouted, false);
    assert.equal(api?.location, 'etc/kubernetes/manifests/kube-apiserver.yaml:26');
    assert.equal(payments?.unrouted, true);
    assert.equal(payments?.sampleOnly, true);
    assert.equal(payments?.detail, 'log sample, jsonl; no config ships it');
  });
  test('the local file keeps 400 days: not short; the webhook retention is unknown: not flagged', () => {
    const graph = estateGraph(demo);
    const file = graph.nodes.find((n) => n.key === 'store1');
    const webhook = graph.nodes.find((n) => n.key === 'store2');
    assert.equal(file?.detail, 'on the host, 400 days');
    assert.equal(file?.shortRetention, false);
    assert.equal(file?.remote, false);
    assert.equal(webhook?.detail, 'remote, retention unknown');
    assert.equal(webhook?.shortRetention, false);
    assert.equal(webhook?.remote, true);
  });
  test('a stricter retention floor flags the 400-day file', () => {
    assert.equal(estateGraph(demo, 500).nodes.find((n) => n.key === 'store1')?.shortRetention, true);
  });
  test('the linked audit log sample is evidence for its source, not a node of its own', () => {
    assert.equal(estateGraph(demo).nodes.filter((n) => n.label === 'var/log/kubernetes/audit/audit.log').length, 0);
  });
});

describe('estate graph: synthetic estates', () => {
  test('a source with only a local file is unrouted; no route at all is unrouted too', () => {
    const graph = estateGraph(
      withEstate({
        sources: [source('a'), source('b', { centralized: false })],
        sinks: [sink('file-a')],
        routes: [route('a', 'file-a', 'kube-apiserver')],
      }),
    );
    assert.equal(node(graph, 'a').unrouted, true);
    assert.equal(node(graph, 'b').unrouted, true);
    assert.equal(node(graph, 'a').sampleOnly, false);
    assert.deepEqual(paths(graph), ['a>kube-apiserver', 'kube-apiserver>file-a']);
  });
  test('a source whose config says it is centralized is not flagged even without a drawn route', () => {
    assert.equal(node(estateGraph(withEstate({ sources: [source('a', { centralized: true })] })), 'a').unrouted, false);
  });
  test('a route to a store of unknown location does not count as central', () => {
    const graph = estateGraph(withEstate({ sources: [source('a')], sinks: [sink('s', { remote: null })], routes: [route('a', 's', 'kube-apiserver')] }));
    assert.equal(node(graph, 'a').unrouted, true);
    assert.equal(node(graph, 's').detail, 'location unknown, retention unknown');
  });
  test('a plaintext route to a remote store marks the shipper → store edge only', () => {
    const graph = estateGraph(
      withEstate({
        sources: [source('a')],
        sinks: [sink('remote', { kind: 'syslog', remote: true }), sink('local', { remote: false })],
        routes: [route('a', 'remote', 'kube-apiserver', false), route('a', 'local', 'kube-apiserver', false)],
      }),
    );
    const byTarget = (ref: string) => graph.edges.find((e) => e.to === node(graph, ref).key);
    assert.equal(byTarget('remote')?.plaintext, true);
    assert.equal(byTarget('remote')?.tls, false);
    // Without TLS on the host itself is not a route that leaves it.
    assert.equal(byTarget('local')?.plaintext, false);
    assert.equal(graph.edges.find((e) => e.from === node(graph, 'a').key)?.plaintext, false);
    assert.equal(node(graph, 'a').unrouted, false);
  });
  test('routes sharing one shipper → store edge: any plaintext route marks it, unknown TLS stays unknown', () => {
    const shipper = 'etc/fluent-bit/fluent-bit.conf';
    const inventory: InventoryEntry[] = [{ path: shipper, status: 'assessed', kind: 'fluent-bit' }];
    const estate = (tls: [boolean | null, boolean | null]) =>
      withEstate(
        { sources: [source('a'), source('b')], sinks: [sink('siem', { kind: 'splunk', remote: true })], routes: [route('a', 'siem', shipper, tls[0]), route('b', 'siem', shipper, tls[1])] },
        inventory,
      );
    const edge = (graph: EstateGraph) => graph.edges.find((e) => e.to === node(graph, 'siem').key);
    assert.deepEqual([edge(estateGraph(estate([true, false])))?.tls, edge(estateGraph(estate([true, false])))?.plaintext], [false, true]);
    assert.deepEqual([edge(estateGraph(estate([true, true])))?.tls, edge(estateGraph(estate([true, true])))?.plaintext], [true, false]);
    assert.deepEqual([edge(estateGraph(estate([true, null])))?.tls, edge(estateGraph(estate([true, null])))?.plaintext], [null, false]);
  });
  test('a shipper config in the scanned tree is one node for every source it ships', () => {
    const shipper = 'etc/vector/vector.yaml';
    const graph = estateGraph(
      withEstate(
        { sources: [source('a'), source('b')], sinks: [sink('siem', { kind: 'elasticsearch', remote: true })], routes: [route('a', 'siem', shipper), route('b', 'siem', shipper)] },
        [{ path: shipper, status: 'assessed', kind: 'vector' }],
      ),
    );
    assert.equal(graph.nodes.filter((n) => n.kind === 'shipper').length, 1);
    assert.deepEqual(paths(graph), ['a>etc/vector/vector.yaml', 'b>etc/vector/vector.yaml', 'etc/vector/vector.yaml>siem']);
  });
  test('two apiservers each ship their own events: no drawn path from one to the other’s webhook', () => {
    const graph = estateGraph(
      withEstate({
        sources: [source('node-a'), source('node-b')],
        sinks: [sink('file-a'), sink('file-b'), sink('webhook-a', { kind: 'webhook', remote: true })],
        routes: [route('node-a', 'file-a', 'kube-apiserver'), route('node-a', 'webhook-a', 'kube-apiserver'), route('node-b', 'file-b', 'kube-apiserver')],
      }),
    );
    const shippers = graph.nodes.filter((n) => n.kind === 'shipper');
    assert.deepEqual(shippers.map((n) => [n.key, n.label]), [['ship1', 'kube-apiserver'], ['ship2', 'kube-apiserver']]);
    const reach = (from: string): string[] => {
      const seen = new Set<string>([from]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const e of graph.edges) if (seen.has(e.from) && !seen.has(e.to)) (seen.add(e.to), (grew = true));
      }
      return graph.nodes.filter((n) => n.kind === 'store' && seen.has(n.key)).map((n) => n.ref).sort();
    };
    assert.deepEqual(reach(node(graph, 'node-a').key), ['file-a', 'webhook-a']);
    assert.deepEqual(reach(node(graph, 'node-b').key), ['file-b']);
    assert.equal(node(graph, 'node-b').unrouted, true);
  });
  test('short retention is flagged only when known and under the floor; unbounded stores are not', () => {
    const graph = estateGraph(
      withEstate({
        sinks: [
          sink('short', { retentionDays: 30, unbounded: false }),
          sink('long', { retentionDays: 400, unbounded: false }),
          sink('exact', { retentionDays: 365 }),
          sink('unbounded', { retentionDays: null, unbounded: true }),
          sink('unbounded-with-days', { retentionDays: 7, unbounded: true }),
          sink('unknown'),
        ],
      }),
    );
    const flagged = graph.nodes.filter((n) => n.shortRetention).map((n) => n.ref);
    assert.deepEqual(flagged, ['short']);
    assert.equal(node(graph, 'short').detail, 'on the host, 30 days');
    assert.equal(node(graph, 'unbounded').detail, 'on the host, kept until deleted');
    assert.equal(node(graph, 'unknown').detail, 'on the host, retention unknown');
  });
  test('a sample with no source is a sample-only, unrouted source node; a linked one is not drawn', () => {
    const graph = estateGraph(withEstate({ sources: [source('a')], samples: [sample('var/log/b.log', null), sample('var/log/a.log', 'a'), sample('var/log/0.log', null)] }));
    const logs = graph.nodes.filter((n) => n.sampleOnly);
    assert.deepEqual(logs.map((n) => [n.key, n.label, n.location]), [['log1', 'var/log/0.log', 'var/log/0.log:1'], ['log2', 'var/log/b.log', 'var/log/b.log:1']]);
    assert.ok(logs.every((n) => n.kind === 'source' && n.unrouted));
  });
  test('routes to unknown sources or sinks draw nothing and leave no floating shipper', () => {
    const graph = estateGraph(withEstate({ sources: [source('a')], sinks: [sink('s')], routes: [route('ghost', 's', 'fluentd'), route('a', 'ghost', 'vector')] }));
    assert.deepEqual(graph.edges, []);
    assert.equal(graph.nodes.filter((n) => n.kind === 'shipper').length, 0);
  });
  test('keys follow sorted ids, so the graph does not depend on input order', () => {
    const estate = {
      sources: [source('b'), source('a'), source('c')],
      sinks: [sink('s2', { remote: true, retentionDays: 10 }), sink('s1')],
      routes: [route('c', 's2', 'kube-apiserver', false), route('a', 's1', 'kube-apiserver'), route('b', 's2', 'kube-apiserver')],
      samples: [sample('z.log', null), sample('y.log', null)],
    };
    const reversed = { sources: [...estate.sources].reverse(), sinks: [...estate.sinks].reverse(), routes: [...estate.routes].reverse(), samples: [...estate.samples].reverse() };
    const graph = estateGraph(withEstate(estate));
    assert.deepEqual(estateGraph(withEstate(reversed)), graph);
    assert.deepEqual(
      graph.nodes.filter((n) => n.kind === 'source').map((n) => `${n.key}=${n.ref}`),
      ['src1=a', 'src2=b', 'src3=c', 'log1=sample:y.log', 'log2=sample:z.log'],
    );
  });
  test('an empty estate is an empty graph', () => {
    assert.deepEqual(estateGraph(withEstate({})), { nodes: [], edges: [], minRetentionDays: 365 });
  });
});
