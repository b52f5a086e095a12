import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { scan } from '../../src/scan.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { estateGraph } from '../../src/report/estate-graph.js';
import type { EstateGraph } from '../../src/report/estate-graph.js';
import { formatHtml } from '../../src/report/html.js';
import { esc, escBreakable } from '../../src/report/html-escape.js';
import { FILTER_SCRIPT } from '../../src/report/html-script.js';
import { STYLE } from '../../src/report/html-style.js';
import { clipMiddle, estateSvg } from '../../src/report/svg-estate.js';
import type { ScanResult } from '../../src/model/result.js';
import { AREAS } from '../../src/model/vocabulary.js';
import { DEMO, REPO } from '../helpers.js';

const { result } = await scan({ roots: [DEMO], rules: loadRules({ extra: [] }), cwd: REPO });
const html = formatHtml(result, { gate: [{ label: '--fail-under 40', ok: true }, { label: '--min-stage identity=advanced', ok: false }] });

function count(text: string, pattern: RegExp): number {
  return [...text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))].length;
}

/**
 * The names of every attribute of every tag, read the way a browser would: values are quoted
 * with `"`, so an escaped value that broke out of its quotes would show up here as a new name.
 */
function attributeNames(text: string): string[] {
  const markup = text.replace(/<(script|style)>[\s\S]*?<\/\1>/g, '');
  const names: string[] = [];
  for (const tag of markup.matchAll(/<[a-zA-Z][^\s>/]*((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    for (const attr of (tag[1] ?? '').matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)) names.push((attr[1] ?? '').toLowerCase());
  }
  return names;
}

/**
 * Where aria-label and aria-labelledby may go, after html-validate's aria-label-misuse rule:
 * landmarks and a few named elements, interactive and labelable elements, and anything with a
 * role or a tabindex. On a plain span, div, p, heading or list the name is ignored or overrides
 * the content, so it is not allowed there.
 */
const NAMABLE = new Set(['main', 'nav', 'table', 'td', 'th', 'aside', 'header', 'footer', 'section', 'article', 'form', 'img', 'area', 'fieldset', 'summary', 'figure', 'dialog', 'iframe']);
const INTERACTIVE = new Set(['a', 'button', 'input', 'select', 'textarea', 'details', 'label', 'meter', 'output', 'progress']);

function ariaLabelMisuse(text: string): string[] {
  const markup = text.replace(/<(script|style)>[\s\S]*?<\/\1>/g, '');
  const misuse: string[] = [];
  for (const tag of markup.matchAll(/<([a-zA-Z][^\s>/]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const name = (tag[1] ?? '').toLowerCase();
    const attrs = tag[2] ?? '';
    if (!/\saria-label(?:ledby)?="[^"]+"/.test(attrs)) continue;
    if (NAMABLE.has(name) || INTERACTIVE.has(name) || /\s(?:role|tabindex)="/.test(attrs)) continue;
    misuse.push(tag[0]);
  }
  return misuse;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

const HOSTILE = `<script>alert(1)</script>"'><img src=x onerror=alert(1)></textarea><!--`;

/** The demo result with scanned text replaced by markup that would run if it were not escaped. */
function hostileResult(): ScanResult {
  const r = structuredClone(result);
  const f = r.findings.find((x) => x.outcome === 'fail');
  assert.ok(f);
  f.message = `msg ${HOSTILE}`;
  f.subject = `subj ${HOSTILE}`;
  f.title = `title ${HOSTILE}`;
  f.ruleId = `ID" onmouseover="alert(1)`;
  const loc = f.locations[0];
  assert.ok(loc);
  loc.path = `dir/${HOSTILE}/x.log`;
  r.summary.profile = HOSTILE;
  const inv = r.inventory[0];
  assert.ok(inv);
  inv.path = `//evil.example/${HOSTILE}`;
  inv.reason = HOSTILE;
  const source = r.estate.sources[0];
  assert.ok(source);
  source.system = HOSTILE;
  for (const sample of r.estate.samples) if (sample.source === null) sample.path = `p/${HOSTILE}`;
  return r;
}

describe('html escaping', () => {
  test('esc escapes the five HTML specials', () => {
    assert.equal(esc(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  test('escBreakable adds break points only between escaped pieces', () => {
    assert.equal(escBreakable(`a/b:c#'d`), 'a/<wbr>b:<wbr>c#<wbr>&#39;d');
  });
});

describe('html report of the demo', () => {
  test('is one document with the sections in order', () => {
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.ok(html.endsWith('</html>\n'));
    const order = ['summary', 'matrix', 'roadmap', 'estate', 'findings', 'inventory'].map((id) => html.indexOf(`<section id="${id}"`));
    assert.ok(order.every((i) => i > 0));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
  });

  test('loads nothing from the network', () => {
    assert.doesNotMatch(html, /\b(?:src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    assert.doesNotMatch(html, /@import/i);
    // url() only for in-document references (SVG markers).
    assert.doesNotMatch(html, /url\(\s*["']?(?!#)/i);
    assert.doesNotMatch(html, /<(?:img|iframe|object|embed|video|audio|source|base)\b/i);
    assert.equal(count(html, /<link\b/), 1);
    assert.match(html, /<link rel="icon" href="data:,">/);
    assert.equal(count(html, /<script\b/), 1);
    assert.equal(count(html, /<style\b/), 1);
  });

  test('a Content-Security-Policy admits only the inline stylesheet and script, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /img-src data:/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    assert.equal(script, FILTER_SCRIPT);
    assert.equal(style, STYLE);
    assert.ok(csp.includes(`script-src 'sha256-${sha256(FILTER_SCRIPT)}'`));
    assert.ok(csp.includes(`style-src 'sha256-${sha256(STYLE)}'`));
    assert.doesNotMatch(csp, /unsafe/);
    // The policy must come before anything it governs.
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style>'));
    // Neither inline handlers nor style attributes: the CSP would block them.
    const names = attributeNames(html);
    assert.ok(names.length > 1000);
    assert.deepEqual(names.filter((n) => n.startsWith('on') || n === 'style'), []);
  });

  test('summary: overall stage, score, gate lines and counts', () => {
    assert.match(html, /<span class="label">Overall stage<\/span><span class="value">Traditional<\/span>/);
    assert.match(html, new RegExp(`<span class="value">${result.summary.score}<small>/100</small>`));
    assert.match(html, /<li class="gate-ok">.*<code>--fail-under 40<\/code> <span>met<\/span><\/li>/);
    assert.match(html, /<li class="gate-fail">.*<code>--min-stage identity=advanced<\/code> <span>not met<\/span><\/li>/);
    assert.match(html, new RegExp(`<span class="n">${result.summary.counts.fail}</span> fail`));
    assert.doesNotMatch(formatHtml(result), /<h3>Gate<\/h3>/);
  });

  test('radar: eight axes, four rings and a polygon with eight vertices', () => {
    const svg = /<svg class="radar"[\s\S]*?<\/svg>/.exec(html)?.[0];
    assert.ok(svg);
    assert.match(svg, /role="img" aria-labelledby="radar-title radar-desc"/);
    const points = /<polygon class="radar-stage" points="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? [];
    assert.equal(points.length, 8);
    for (const p of points) assert.match(p, /^-?\d+(\.\d)?,-?\d+(\.\d)?$/);
    assert.equal(count(svg, /<line class="axis"/), 8);
    assert.equal(count(svg, /<polygon class="ring /), 4);
    assert.equal(count(svg, /<text class="axis-label/), 8);
    assert.match(svg, /<title>Identity: Initial, score 98<\/title>/);
    // The vertex of a Traditional area sits on the innermost ring, not at the centre.
    const centre = /<line class="axis" data-area="identity" x1="([\d.]+)" y1="([\d.]+)"/.exec(svg);
    const [devX, devY] = (points[1] ?? '').split(',').map(Number);
    assert.ok(Math.hypot((devX ?? 0) - Number(centre?.[1]), (devY ?? 0) - Number(centre?.[2])) > 20);
  });

  test('heat map: a row per area, a column per dimension, stage in words', () => {
    const table = /<table class="heatmap">[\s\S]*?<\/table>/.exec(html)?.[0];
    assert.ok(table);
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
    assert.equal(count(body, /<tr\b/), AREAS.length);
    assert.equal(count(table, /<th scope="col">/), 9);
    assert.match(body, /<tr data-area="identity"><th scope="row">Identity <span class="kind">pillar<\/span><\/th><td class="cell stage-initial"><span class="cell-stage">Initial<\/span> <span class="cell-score">95<\/span><\/td>/);
    assert.match(body, /<td class="cell none"><span aria-hidden="true">—<\/span><span class="vh">not assessed<\/span><\/td>/);
  });

  test('roadmap: blockers with the rule title and remediation', () => {
    const section = /<section id="roadmap"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const rule = result.rules.find((r) => r.id === 'COV-006');
    assert.ok(rule);
    assert.match(section, /<h3 id="road-identity">Identity <span class="badge stage-initial">Initial<\/span>/);
    assert.ok(section.includes(`<code>COV-006</code> <strong>${esc(rule.title)}</strong>`));
    assert.ok(section.includes(esc(rule.remediation)));
    assert.match(section, /href="fixtures\/demo\/etc\/kubernetes\/audit-policy\.yaml#L30"/);
    assert.match(section, /<strong>Devices<\/strong>.*No log source for this pillar in the scanned inputs\./);
  });

  test('roadmap: the arrow between stages is hidden from screen readers, which read "to"', () => {
    const section = /<section id="roadmap"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const arrows = count(section, /→/);
    assert.ok(arrows > 0);
    assert.equal(count(section, /<span class="to" aria-hidden="true">→<\/span><span class="vh">to<\/span>/), arrows);
    assert.match(section, /<h3 id="road-identity">Identity <span class="badge stage-initial">Initial<\/span> <span class="to" aria-hidden="true">→<\/span><span class="vh">to<\/span> <span class="badge stage-/);
    assert.match(STYLE, /\.vh \{/);
  });

  test('aria-label and aria-labelledby only where they are allowed (html-validate aria-label-misuse)', () => {
    assert.deepEqual(ariaLabelMisuse(html), []);
    assert.deepEqual(ariaLabelMisuse(formatHtml(hostileResult())), []);
    // The check itself: a plain span or list is refused, a landmark, a role or an svg with a role is not.
    assert.deepEqual(ariaLabelMisuse('<span aria-label="to">→</span><ul aria-label="x"></ul><nav aria-label="n"></nav><div role="search" aria-label="s"></div><svg role="img" aria-labelledby="t"></svg>'), [
      '<span aria-label="to">',
      '<ul aria-label="x">',
    ]);
  });

  test('estate: a box per graph node, an edge per graph edge, a legend', () => {
    const graph = estateGraph(result);
    const svg = /<svg class="estate"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    assert.equal(count(svg, /<g class="node /), graph.nodes.length);
    assert.equal(count(svg, /<g class="edge(?: plaintext)?" data-from=/), graph.edges.length);
    assert.match(svg, /<g class="node source unrouted sample-only" data-key="log1">/);
    assert.match(html, /<p class="vh">Legend of the diagram:<\/p><ul class="legend">/);
    assert.match(html, /<p class="vh">Stage colours:<\/p>\n<ul class="stage-legend">/);
  });

  test('estate: a long label is shortened from the middle without splitting an emoji', () => {
    // 34 characters fit; the head keeps 11: the emoji's two UTF-16 units straddle that cut.
    const label = `${'a'.repeat(10)}😀${'b'.repeat(20)}🔒${'c'.repeat(10)}🚀`;
    const detail = `${'d'.repeat(14)}🛰️${'e'.repeat(40)}`;
    const graph: EstateGraph = {
      nodes: [{ key: 'src1', kind: 'source', ref: 'x', label, detail, location: null, unrouted: false, sampleOnly: false, shortRetention: false, remote: null }],
      edges: [],
      minRetentionDays: 365,
    };
    const svg = estateSvg(graph);
    assert.doesNotMatch(svg, /\p{Cs}|\uFFFD/u, 'no lone surrogate, no replacement character');
    const shown = /<text class="node-label"[^>]*>([^<]*)<\/text>/.exec(svg)?.[1] ?? '';
    assert.equal(shown, `${'a'.repeat(10)}😀…${'b'.repeat(10)}🔒${'c'.repeat(10)}🚀`);
    assert.equal(Array.from(shown).length, 34);
    const shownDetail = /<text class="node-detail"[^>]*>([^<]*)<\/text>/.exec(svg)?.[1] ?? '';
    assert.equal(Array.from(shownDetail).length, 44);
    assert.ok(shownDetail.startsWith(`${'d'.repeat(14)}🛰`), shownDetail);
    // The full label stays in the tooltip.
    assert.ok(svg.includes(`<title>${label}\n${detail}</title>`));
  });

  test('clipMiddle counts code points', () => {
    assert.equal(clipMiddle('short', 10), 'short');
    assert.equal(clipMiddle('😀😀😀😀😀', 5), '😀😀😀😀😀', 'five characters fit in five, though ten UTF-16 units');
    assert.equal(clipMiddle('😀😀😀😀😀😀', 5), '😀😀…😀😀');
    assert.equal(clipMiddle('abcdefghij', 7), 'ab…ghij');
  });

  test('estate marks plaintext routes and short retention, and says when there is no estate', () => {
    const r = structuredClone(result);
    for (const sink of r.estate.sinks) {
      sink.tls = false;
      sink.retentionDays = 30;
      sink.unbounded = false;
    }
    for (const route of r.estate.routes) route.tls = false;
    const marked = formatHtml(r);
    assert.match(marked, /<g class="edge plaintext"[^>]*>.*marker-end="url\(#estate-arrow-bad\)"/);
    assert.match(marked, /<text class="edge-label"[^>]*>no TLS<\/text>/);
    assert.match(marked, /<g class="node store short-retention"/);
    assert.match(marked, /⚠ kept under 365 days/);
    r.estate = { sources: [], sinks: [], routes: [], detections: [], samples: [] };
    const empty = formatHtml(r);
    assert.doesNotMatch(empty, /<svg class="estate"/);
    assert.match(empty, /<p class="empty-estate">No log sources, shippers or stores were found/);
  });

  test('findings: every finding is a row with data-* attributes for the filter, and links', () => {
    const table = /<table class="findings" id="findings-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    assert.equal(count(table, /<tr data-outcome=/), result.findings.length);
    assert.match(html, new RegExp(`<p class="findings-count" id="findings-count" aria-live="polite">${result.findings.length} of ${result.findings.length} findings shown</p>`));
    assert.match(table, /<tr data-outcome="fail" data-severity="medium" data-pillars="identity applications" data-rule="COV-006">/);
    assert.match(html, /<div class="filters" id="filters" role="search" aria-label="Filter findings" hidden>/);
    for (const id of ['filter-text', 'filter-outcome', 'filter-pillar', 'filter-severity', 'filter-reset']) assert.match(html, new RegExp(`id="${id}"`));
    assert.match(table, /<a class="loc" href="fixtures\/demo\/var\/log\/payments\/api\.jsonl#L1">var\/<wbr>log\/<wbr>payments\/<wbr>api\.jsonl:<wbr>1<\/a>/);
    const linked = formatHtml(result, { linkBase: 'https://github.com/o/r/blob/abc' });
    assert.match(linked, /href="https:\/\/github\.com\/o\/r\/blob\/abc\/fixtures\/demo\/var\/log\/payments\/api\.jsonl#L1"/);
  });

  test('inventory: a row per file with status, kind and reason', () => {
    const table = /<table class="inventory">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    assert.equal(count(table, /<tr data-status=/), result.inventory.length);
    assert.match(table, /<td class="path">README\.md<\/td><td><span class="badge status-skipped">skipped<\/span><\/td><td><\/td><td>not recognised<\/td>/);
    assert.match(table, /<span class="badge status-assessed">assessed<\/span><\/td><td>k8s-audit-policy<\/td>/);
  });

  test('is byte-identical for the same result', () => {
    assert.equal(formatHtml(result, { gate: [{ label: '--fail-under 40', ok: true }, { label: '--min-stage identity=advanced', ok: false }] }), html);
    assert.equal(formatHtml(structuredClone(result)), formatHtml(result));
  });
});

describe('html report of hostile scanned text', () => {
  const out = formatHtml(hostileResult());
  test('markup in scanned text is escaped everywhere', () => {
    assert.equal(count(out, /<script\b/), 1);
    assert.doesNotMatch(out, /<img\b/i);
    assert.doesNotMatch(out, /<\/textarea/i);
    assert.doesNotMatch(out, /<!--/);
    assert.doesNotMatch(out, /alert\(1\)<\/script>/);
    assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/textarea&gt;&lt;!--'));
  });
  test('no attribute is broken out of', () => {
    assert.doesNotMatch(out, /" onmouseover="/);
    assert.match(out, /data-rule="ID&quot; onmouseover=&quot;alert\(1\)"/);
    assert.deepEqual(attributeNames(out).filter((n) => n.startsWith('on') || n === 'src'), []);
  });
  test('scanned text never reaches the script', () => {
    assert.equal(/<script>([\s\S]*?)<\/script>/.exec(out)?.[1], FILTER_SCRIPT);
  });
  test('a path that looks protocol-relative stays a local link', () => {
    const r = structuredClone(result);
    const loc = r.findings[0]?.locations[0];
    assert.ok(loc);
    loc.path = '//evil.example/x.yaml';
    r.repositoryBase = null;
    const linked = formatHtml(r);
    assert.doesNotMatch(linked, /href="\/\//);
    assert.match(linked, /href="\.\/\/evil\.example\/x\.yaml#L\d+"/);
  });
});
