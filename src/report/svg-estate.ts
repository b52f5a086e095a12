/**
 * The estate diagram of the HTML report as inline SVG (pure), drawn from the same model as the
 * Markdown report's Mermaid diagram (estate-graph.ts): log sources, shippers and stores in three
 * columns, routes as curves between them. What needs attention is marked in the drawing itself
 * and again in words (a flag line in the box, a label on the edge), so it survives greyscale print.
 */
import type { EstateGraph, GraphEdge, GraphNode, GraphNodeKind } from './estate-graph.js';
import { esc } from './html-escape.js';

const BOX_W = 300;
const BOX_H = 62;
const ROW_GAP = 18;
const COL_GAP = 110;
const MARGIN = 8;
/** Space above the boxes for the column headings. */
const TOP = 40;
const COLUMNS: readonly { kind: GraphNodeKind; title: string }[] = [
  { kind: 'source', title: 'Log sources' },
  { kind: 'shipper', title: 'Shippers' },
  { kind: 'store', title: 'Stores' },
];
/** Roughly what fits in a box at the label (13px) and detail (11px) font sizes. */
const LABEL_CHARS = 34;
const DETAIL_CHARS = 44;

interface Placed {
  node: GraphNode;
  x: number;
  y: number;
}

/**
 * At most `max` characters, shortened from the middle: the end of a path (the file name) says more
 * than its middle. Counts and cuts code points, so a surrogate pair (an emoji, a rare CJK
 * character) is never split into two halves that render as U+FFFD.
 */
export function clipMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) / 3);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (max - 1 - head)).join('')}`;
}

/** The words that explain a node's marking, or null when it needs no attention. */
function flagText(node: GraphNode, minRetentionDays: number): string | null {
  if (node.sampleOnly) return '⚠ log file only: nothing ships it';
  if (node.unrouted) return '⚠ reaches no central store';
  if (node.shortRetention) return `⚠ kept under ${minRetentionDays} days`;
  return null;
}

function nodeClasses(node: GraphNode): string {
  const classes = ['node', node.kind];
  if (node.unrouted) classes.push('unrouted');
  if (node.sampleOnly) classes.push('sample-only');
  if (node.shortRetention) classes.push('short-retention');
  return classes.join(' ');
}

function layout(graph: EstateGraph): { placed: Map<string, Placed>; width: number; height: number } {
  const columns = COLUMNS.map((c) => graph.nodes.filter((n) => n.kind === c.kind));
  const columnHeight = (count: number): number => (count === 0 ? 0 : count * BOX_H + (count - 1) * ROW_GAP);
  const tallest = Math.max(BOX_H, ...columns.map((c) => columnHeight(c.length)));
  const placed = new Map<string, Placed>();
  for (const [col, nodes] of columns.entries()) {
    const x = MARGIN + col * (BOX_W + COL_GAP);
    // Centre shorter columns against the tallest, so edges fan out evenly.
    const top = TOP + (tallest - columnHeight(nodes.length)) / 2;
    for (const [row, node] of nodes.entries()) placed.set(node.key, { node, x, y: top + row * (BOX_H + ROW_GAP) });
  }
  return { placed, width: 2 * MARGIN + 3 * BOX_W + 2 * COL_GAP, height: TOP + tallest + MARGIN };
}

function drawNode(p: Placed, minRetentionDays: number): string {
  const { node, x, y } = p;
  const flag = flagText(node, minRetentionDays);
  const tip = [node.label, node.detail, node.location && node.location !== node.detail ? `declared at ${node.location}` : '', flag ?? '']
    .filter((t) => t !== '')
    .join('\n');
  // Without a flag line the two text lines sit in the middle of the box.
  const labelY = y + (flag ? 20 : 26);
  const parts = [
    `<g class="${nodeClasses(node)}" data-key="${esc(node.key)}">`,
    `<title>${esc(tip)}</title>`,
    `<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6"/>`,
    `<text class="node-label" x="${x + 12}" y="${labelY}">${esc(clipMiddle(node.label, LABEL_CHARS))}</text>`,
    `<text class="node-detail" x="${x + 12}" y="${labelY + 17}">${esc(clipMiddle(node.detail, DETAIL_CHARS))}</text>`,
  ];
  if (flag) parts.push(`<text class="node-flag" x="${x + 12}" y="${labelY + 34}">${esc(flag)}</text>`);
  parts.push('</g>');
  return parts.join('');
}

function edgeTip(edge: GraphEdge, from: GraphNode, to: GraphNode): string {
  const tls = edge.plaintext ? 'leaves the host without TLS' : edge.tls === true ? 'TLS' : edge.tls === false ? 'no TLS' : 'TLS not known';
  return `${from.label} → ${to.label}${to.kind === 'store' ? `: ${tls}` : ''}`;
}

function drawEdge(edge: GraphEdge, placed: Map<string, Placed>): string {
  const from = placed.get(edge.from);
  const to = placed.get(edge.to);
  if (!from || !to) return '';
  const x1 = from.x + BOX_W;
  const y1 = from.y + BOX_H / 2;
  // Stop short of the box so the arrow head is not hidden under its border.
  const x2 = to.x - 3;
  const y2 = to.y + BOX_H / 2;
  const mid = (x1 + x2) / 2;
  const cls = edge.plaintext ? 'edge plaintext' : 'edge';
  const marker = edge.plaintext ? 'estate-arrow-bad' : 'estate-arrow';
  const parts = [
    `<g class="${cls}" data-from="${esc(edge.from)}" data-to="${esc(edge.to)}">`,
    `<title>${esc(edgeTip(edge, from.node, to.node))}</title>`,
    `<path d="M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}" marker-end="url(#${marker})"/>`,
  ];
  if (edge.plaintext) parts.push(`<text class="edge-label" x="${mid}" y="${(y1 + y2) / 2 - 6}" text-anchor="middle">no TLS</text>`);
  parts.push('</g>');
  return parts.join('');
}

function describe(graph: EstateGraph): string {
  const count = (kind: GraphNodeKind): number => graph.nodes.filter((n) => n.kind === kind).length;
  const unrouted = graph.nodes.filter((n) => n.unrouted).length;
  const plaintext = graph.edges.filter((e) => e.plaintext).length;
  const short = graph.nodes.filter((n) => n.shortRetention).length;
  return (
    `${count('source')} log sources, ${count('shipper')} shippers, ${count('store')} stores, ${graph.edges.length} links. ` +
    `${unrouted} sources reach no central store; ${plaintext} links leave the host without TLS; ` +
    `${short} stores keep logs under ${graph.minRetentionDays} days.`
  );
}

/** The diagram; callers show a message instead when the graph has no nodes. */
export function estateSvg(graph: EstateGraph): string {
  const { placed, width, height } = layout(graph);
  const out: string[] = [
    `<svg class="estate" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="estate-title estate-desc" xmlns="http://www.w3.org/2000/svg">`,
    '<title id="estate-title">Where audit events go: log sources, shippers and stores</title>',
    `<desc id="estate-desc">${esc(describe(graph))}</desc>`,
    '<defs>',
    '<marker id="estate-arrow" class="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker>',
    '<marker id="estate-arrow-bad" class="arrow bad" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker>',
    '</defs>',
    '<g class="column-titles">',
  ];
  for (const [col, c] of COLUMNS.entries()) {
    out.push(`<text x="${MARGIN + col * (BOX_W + COL_GAP) + 2}" y="${TOP - 14}">${c.title}</text>`);
  }
  out.push('</g><g class="edges">');
  for (const edge of graph.edges) out.push(drawEdge(edge, placed));
  out.push('</g><g class="nodes">');
  for (const p of placed.values()) out.push(drawNode(p, graph.minRetentionDays));
  out.push('</g></svg>');
  return out.join('\n');
}

/** A small sample of each marking, drawn with the same classes as the diagram. */
function swatch(inner: string): string {
  return `<svg class="swatch" viewBox="0 0 36 18" width="36" height="18" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">${inner}</svg>`;
}

export function estateLegend(minRetentionDays: number): string {
  const box = (cls: string): string => swatch(`<g class="node ${cls}"><rect x="1" y="1" width="34" height="16" rx="3"/></g>`);
  const line = (cls: string): string => swatch(`<g class="${cls}"><path d="M1 9H35"/></g>`);
  const items = [
    [box('source'), 'log source'],
    [box('shipper'), 'shipper: what carries the events'],
    [box('store'), 'store: where events are kept'],
    [line('edge'), 'route'],
    [box('source unrouted'), 'source that reaches no central store'],
    [line('edge plaintext'), 'route that leaves the host without TLS'],
    [box('store short-retention'), `store that keeps logs under ${minRetentionDays} days`],
  ];
  // A visually hidden caption rather than aria-label, which a plain list does not take.
  return `<p class="vh">Legend of the diagram:</p><ul class="legend">${items.map(([s, t]) => `<li>${s}<span>${t}</span></li>`).join('')}</ul>`;
}
