/**
 * The estate diagram as Mermaid flowchart text (pure), for the Markdown report: three subgraphs
 * (Sources, Shippers, Stores), the edges between them, and what a reader must see marked. Every
 * label comes from scanned files (paths, ids), so each one is quoted and entity-escaped: no text
 * can close a label, start a new statement, inject a `%%{init}%%` directive or smuggle HTML in.
 */
import type { EstateGraph, GraphEdge, GraphNode, GraphNodeKind } from './estate-graph.js';

/** Longest label line drawn, in characters: a longer path or id is cut and ends in an ellipsis. */
export const MERMAID_LABEL_MAX = 80;

const KIND_ORDER: readonly GraphNodeKind[] = ['source', 'shipper', 'store'];

const SUBGRAPHS: Record<GraphNodeKind, { id: string; title: string }> = {
  source: { id: 'sources', title: 'Sources' },
  shipper: { id: 'shippers', title: 'Shippers' },
  store: { id: 'stores', title: 'Stores' },
};

/** Sources are boxes, shippers stadiums and stores cylinders: `open` + quoted label + `close`. */
export const NODE_SHAPES: Record<GraphNodeKind, { open: string; close: string }> = {
  source: { open: '[', close: ']' },
  shipper: { open: '([', close: '])' },
  store: { open: '[(', close: ')]' },
};

/** Styles for the marks; colours readable in GitHub's light and dark themes. */
export const MERMAID_CLASSES = {
  unrouted: 'fill:#ffebe9,stroke:#cf222e,stroke-width:2px,color:#1f2328',
  sample: 'stroke-dasharray:5 3',
  short: 'fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#1f2328',
} as const;

const PLAINTEXT_EDGE_STYLE = 'stroke:#cf222e,stroke-width:2px';

/** Words the flowchart grammar reserves: never used as a node id. */
const RESERVED_IDS = new Set(['end', 'subgraph', 'graph', 'flowchart', 'direction', 'style', 'classdef', 'class', 'click', 'linkstyle', 'default', 'call', 'href']);

export function isSafeMermaidId(id: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(id) && !RESERVED_IDS.has(id.toLowerCase());
}

// `#` first, so the entities written for the others are not escaped again. `%` keeps `%%`
// (comments, directives) out; `` ` `` keeps a label from turning into a Markdown string; `<`, `>`
// and `&` keep HTML out; `|` keeps edge-text delimiters out; `"` would end the label.
const ENTITIES: [RegExp, string][] = [
  [/#/g, '#35;'],
  [/"/g, '#quot;'],
  [/</g, '#lt;'],
  [/>/g, '#gt;'],
  [/&/g, '#amp;'],
  [/`/g, '#96;'],
  [/\|/g, '#124;'],
  [/%/g, '#37;'],
];

/** One label line: control characters (newlines too) become spaces, then it is cut and escaped. */
export function mermaidText(text: string, max = MERMAID_LABEL_MAX): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  const chars = Array.from(flat);
  let out = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
  for (const [pattern, entity] of ENTITIES) out = out.replace(pattern, entity);
  return out;
}

/**
 * Before decoding entities, Mermaid drops the last `;` of any line matching `style.*:\S*#.*;` or
 * `classDef.*:\S*#.*;` (meant for colour codes): in a label that names "style", that `;` ends
 * one of our entities, which then shows as written. Without a `:` on the line nothing matches.
 */
export function guardStyleRewrite(label: string): string {
  return /style|classDef/.test(label) ? label.replace(/:/g, '#58;') : label;
}

/** The lines of a node's label, before escaping: the mark, the name, the detail and why it is marked. */
export function nodeLabelLines(node: GraphNode, minRetentionDays: number): string[] {
  const marked = node.unrouted || node.shortRetention;
  const lines = [`${marked ? '⚠ ' : ''}${node.label}`];
  if (node.detail !== '' && node.detail !== 'shipper') lines.push(node.detail);
  if (node.unrouted && !node.sampleOnly) lines.push('reaches no central store');
  if (node.shortRetention) lines.push(`kept under ${minRetentionDays} days`);
  return lines;
}

function edgeLine(from: string, to: string, edge: GraphEdge): string {
  return edge.plaintext ? `  ${from} -.->|"no TLS"| ${to}` : `  ${from} --> ${to}`;
}

/** Flowchart text without fences; an empty graph gives a chart with no nodes (callers say so instead). */
export function mermaidFlowchart(graph: EstateGraph): string {
  // The graph's keys are diagram-safe by construction; anything else is renamed rather than trusted.
  const ids = new Map<string, string>();
  for (const [i, node] of graph.nodes.entries()) ids.set(node.key, isSafeMermaidId(node.key) && !ids.has(node.key) ? node.key : `node${i + 1}`);
  const out = ['flowchart LR'];
  for (const kind of KIND_ORDER) {
    const nodes = graph.nodes.filter((n) => n.kind === kind);
    if (nodes.length === 0) continue;
    const { id, title } = SUBGRAPHS[kind];
    const shape = NODE_SHAPES[kind];
    out.push(`  subgraph ${id}["${title}"]`);
    for (const node of nodes) {
      const label = guardStyleRewrite(nodeLabelLines(node, graph.minRetentionDays).map((line) => mermaidText(line)).join('<br/>'));
      out.push(`    ${ids.get(node.key) as string}${shape.open}"${label}"${shape.close}`);
    }
    out.push('  end');
  }
  const plaintext: number[] = [];
  let index = 0;
  for (const edge of graph.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (from === undefined || to === undefined) continue;
    out.push(edgeLine(from, to, edge));
    if (edge.plaintext) plaintext.push(index);
    index++;
  }
  const classed = (test: (n: GraphNode) => boolean): string[] => graph.nodes.filter(test).map((n) => ids.get(n.key) as string);
  const members: Record<keyof typeof MERMAID_CLASSES, string[]> = {
    unrouted: classed((n) => n.unrouted),
    sample: classed((n) => n.sampleOnly),
    short: classed((n) => n.shortRetention),
  };
  for (const name of Object.keys(MERMAID_CLASSES) as (keyof typeof MERMAID_CLASSES)[]) {
    if (members[name].length === 0) continue;
    out.push(`  classDef ${name} ${MERMAID_CLASSES[name]}`);
    out.push(`  class ${members[name].join(',')} ${name}`);
  }
  if (plaintext.length > 0) out.push(`  linkStyle ${plaintext.join(',')} ${PLAINTEXT_EDGE_STYLE}`);
  return out.join('\n');
}
