/**
 * The estate section of the HTML report: the diagram of where audit events go, its legend, and
 * the same graph as a list for screen readers and for copying.
 */
import type { ScanResult } from '../model/result.js';
import { esc } from './html-escape.js';
import { estateGraph } from './estate-graph.js';
import type { EstateGraph, GraphNode } from './estate-graph.js';
import { estateLegend, estateSvg } from './svg-estate.js';

const KIND_TITLES: Record<GraphNode['kind'], string> = { source: 'log source', shipper: 'shipper', store: 'store' };

function marks(node: GraphNode, minRetentionDays: number): string {
  const out: string[] = [];
  if (node.sampleOnly) out.push('log file only, nothing ships it');
  else if (node.unrouted) out.push('reaches no central store');
  if (node.shortRetention) out.push(`kept under ${minRetentionDays} days`);
  return out.length === 0 ? '' : ` <strong class="warn">(${out.join('; ')})</strong>`;
}

function textList(graph: EstateGraph): string {
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const nodes = graph.nodes.map(
    (n) => `<li>${KIND_TITLES[n.kind]} <strong>${esc(n.label)}</strong>: ${esc(n.detail)}${marks(n, graph.minRetentionDays)}</li>`,
  );
  const edges = graph.edges.map((e) => {
    const from = byKey.get(e.from)?.label ?? e.from;
    const to = byKey.get(e.to)?.label ?? e.to;
    return `<li>${esc(from)} → ${esc(to)}${e.plaintext ? ' <strong class="warn">(leaves the host without TLS)</strong>' : ''}</li>`;
  });
  return `<details class="estate-text"><summary>The diagram as text</summary>
<h3>Nodes</h3><ul>${nodes.join('')}</ul>
<h3>Links</h3>${edges.length > 0 ? `<ul>${edges.join('')}</ul>` : '<p class="muted">No routes.</p>'}
</details>`;
}

export function estateSection(result: ScanResult): string {
  const graph = estateGraph(result);
  const body =
    graph.nodes.length === 0
      ? '<p class="empty-estate">No log sources, shippers or stores were found in the scanned inputs: nothing shows where audit events are written or sent.</p>'
      : `<div class="diagram-wrap">${estateSvg(graph)}</div>\n${estateLegend(graph.minRetentionDays)}\n${textList(graph)}`;
  return `<section id="estate" aria-labelledby="estate-h">
<h2 id="estate-h">Estate</h2>
<p class="muted">Where audit events are produced, what carries them, and where they are kept.</p>
${body}
</section>`;
}
