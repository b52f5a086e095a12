/**
 * The Markdown report's Mermaid diagram, checked by Mermaid itself in Chromium: GitHub renders
 * the ```mermaid block with the same library, so a block it cannot parse would show as an error
 * box in every pull-request comment.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { scan } from '../src/scan.js';
import { loadRules } from '../src/rules/load-packs.js';
import { estateGraph } from '../src/report/estate-graph.js';
import { formatMarkdown } from '../src/report/markdown.js';
import { MERMAID_EDGE_BUDGET } from '../src/report/markdown-diagram.js';
import { mermaidFlowchart } from '../src/report/mermaid.js';
import type { ScanResult } from '../src/model/result.js';
import { DEMO, REPO } from '../test/helpers.js';
import { demoCopies, meshedEstate } from '../test/report/markdown-estates.js';
import { launchChromium, watchPage } from './browser.js';

const MERMAID_JS = join(REPO, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

/** What the page function touches; the test compiles without the DOM library. */
interface PageGlobals {
  mermaid: {
    initialize(config: Record<string, unknown>): void;
    parse(text: string): Promise<unknown>;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
  document: {
    body: { innerHTML: string };
    querySelectorAll(selector: string): { length: number };
  };
}

interface Rendered {
  error: string | null;
  nodes: number;
  edges: number;
  clusters: number;
}

function mermaidBlock(markdown: string): string {
  const block = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1];
  assert.ok(block, 'the Markdown report has a ```mermaid block');
  return block;
}

describe('Markdown report: the Mermaid estate diagram in Chromium', () => {
  let browser: Browser;
  let result: ScanResult;

  before(async () => {
    result = (await scan({ roots: [DEMO], rules: loadRules({ extra: [] }), cwd: REPO })).result;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  async function render(text: string): Promise<{ rendered: Rendered; errors: string[]; requests: string[] }> {
    const page = await browser.newPage();
    const watch = watchPage(page);
    try {
      await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
      await page.addScriptTag({ path: MERMAID_JS });
      const rendered = await page.evaluate(async (source: string): Promise<Rendered> => {
        const g = globalThis as unknown as PageGlobals;
        try {
          g.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
          await g.mermaid.parse(source);
          const { svg } = await g.mermaid.render('m', source);
          g.document.body.innerHTML = svg;
          const count = (selector: string): number => g.document.querySelectorAll(selector).length;
          return { error: null, nodes: count('svg g.node'), edges: count('svg .edgePaths path, svg path.flowchart-link'), clusters: count('svg g.cluster') };
        } catch (error) {
          return { error: String(error instanceof Error ? error.message : error), nodes: 0, edges: 0, clusters: 0 };
        }
      }, text);
      return { rendered, errors: watch.errors, requests: watch.requests };
    } finally {
      await page.close();
    }
  }

  test('the demo diagram parses and renders a node per estate node', async () => {
    const graph = estateGraph(result);
    const { rendered, errors, requests } = await render(mermaidBlock(formatMarkdown(result)));
    assert.equal(rendered.error, null);
    assert.equal(rendered.nodes, graph.nodes.length);
    assert.ok(rendered.edges >= graph.edges.length, `${rendered.edges} edges drawn, ${graph.edges.length} in the graph`);
    assert.equal(rendered.clusters, 3);
    assert.deepEqual(errors, []);
    // addScriptTag with a path inlines the file: Mermaid itself must not fetch anything either.
    assert.deepEqual(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:')), []);
  });

  test('hostile scanned names still give a diagram Mermaid accepts', async () => {
    const r = structuredClone(result);
    const source = r.estate.sources[0];
    assert.ok(source);
    source.system = 'a"b]c[d(e)f{g}h|i<script>x</script>;end\nclassDef x fill:red';
    source.declaredAt.path = 'dir/%%{init: {"theme":"dark"}}%%/`x`.yaml';
    for (const sample of r.estate.samples) if (sample.source === null) sample.path = 'var/log/--> click src1 "javascript:alert(1)"';
    const { rendered, errors } = await render(mermaidBlock(formatMarkdown(r)));
    assert.equal(rendered.error, null);
    assert.equal(rendered.nodes, estateGraph(r).nodes.length);
    assert.deepEqual(errors, []);
  });

  test('Mermaid itself refuses more than 500 edges: the limit the report stays under is real', async () => {
    const { rendered } = await render(mermaidFlowchart(estateGraph(meshedEstate(20, 20, 10))));
    assert.match(rendered.error ?? '', /Edge limit exceeded/);
  });

  for (const [sources, shippers, stores] of [
    [30, 30, 20],
    [20, 20, 10],
  ] as const) {
    test(`a fully meshed estate (${sources} sources × ${shippers} shipper configs × ${stores} remote stores) renders`, async () => {
      const result = meshedEstate(sources, shippers, stores);
      assert.ok(estateGraph(result).edges.length > 500);
      const { rendered, errors } = await render(mermaidBlock(formatMarkdown(result)));
      assert.equal(rendered.error, null);
      assert.ok(rendered.edges > 0 && rendered.edges <= MERMAID_EDGE_BUDGET, `${rendered.edges} edges drawn`);
      assert.deepEqual(errors, []);
    });
  }

  test('fifty alike hosts render as one merged path to the central store', async () => {
    const fleet = await demoCopies(50);
    const { rendered, errors } = await render(mermaidBlock(formatMarkdown(fleet)));
    assert.equal(rendered.error, null);
    // 50 unlinked samples, and one apiserver → shipper → local file and webhook path standing for fifty.
    assert.equal(rendered.nodes, 54);
    assert.deepEqual(errors, []);
  });
});
