/**
 * Waivers and inline suppressions in the Markdown and HTML reports, end to end: a copy of the demo
 * estate with an active config waiver, an expired one and a `ztmm:ignore` without a reason is
 * scanned through the CLI, and the reports built from its JSON result must list all three (the
 * expired one and the no-reason one flagged), say on the waived finding's line why it is waived,
 * stay valid (Markdown tables are tables, the HTML loads nothing and its CSP hashes hold) and
 * escape hostile reason text.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { ScanResult } from '../../src/model/result.js';
import { FILTER_SCRIPT } from '../../src/report/html-script.js';
import { STYLE } from '../../src/report/html-style.js';
import { MARKDOWN_LIMIT } from '../../src/report/markdown.js';
import { renderReport } from '../../src/report/render.js';
import { formatWaiversMarkdown } from '../../src/report/waivers-markdown.js';
import { DEMO, runCli, writeTree } from '../helpers.js';
import { tables } from './markdown-read.js';
import type { Table } from './markdown-read.js';

const TODAY = '2025-06-15';
const POLICY = 'etc/kubernetes/audit-policy.yaml';
const DEMO_FILES = [POLICY, 'etc/kubernetes/audit-webhook.kubeconfig', 'etc/kubernetes/manifests/kube-apiserver.yaml', 'var/log/kubernetes/audit/audit.log', 'var/log/payments/api.jsonl'];
const ACTIVE_REASON = 'RBAC writes are audited by the GitOps pipeline';
const EXPIRED_REASON = 'payments-api moves to ECS fields next quarter';
const HOSTILE = '<script>alert(1)</script> a|b | @someone see https://evil.example/x and www.evil.example';

const md = new MarkdownIt({ html: true });
const WORD_JOINER = /\u2060/g;

/** The demo policy with `comment` on its own line above the rule that silences RBAC (then line 30). */
function policyWith(comment: string): string {
  const text = readFileSync(join(DEMO, POLICY), 'utf8');
  const anchor = '  - level: None\n    resources:\n      - group: rbac.authorization.k8s.io\n';
  assert.ok(text.includes(anchor));
  return text.replace(anchor, `  ${comment}\n${anchor}`);
}

function config(activeReason: string, owner: string): string {
  return [
    'waivers:',
    '  - rule: COV-006',
    '    subject: Policy/audit-policy',
    `    reason: ${JSON.stringify(activeReason)}`,
    `    owner: ${JSON.stringify(owner)}`,
    '    expires: 2099-12-31',
    '  - rule: FMT-004',
    `    reason: ${JSON.stringify(EXPIRED_REASON)}`,
    '    expires: 2020-01-01',
    '',
  ].join('\n');
}

/** A copy of the demo estate with the config and the comment, scanned as of TODAY. */
async function scanTree(activeReason: string, owner: string, comment: string): Promise<{ dir: string; result: ScanResult }> {
  const files: Record<string, string> = {};
  for (const path of DEMO_FILES) files[path] = readFileSync(join(DEMO, path), 'utf8');
  const dir = writeTree({ ...files, [POLICY]: policyWith(comment), '.ztmm.yaml': config(activeReason, owner) });
  return { dir, result: await scanJson(dir) };
}

async function scanJson(dir: string): Promise<ScanResult> {
  const { code, stdout } = await runCli(['scan', dir, '-f', 'json', '--today', TODAY]);
  assert.ok(code === 0 || code === 1, `exit ${code}`);
  return JSON.parse(stdout) as ScanResult;
}

function markdown(result: ScanResult, linkBase?: string): string {
  return renderReport('markdown', result, { color: false, gate: [], ...(linkBase === undefined ? {} : { linkBase }) });
}

function html(result: ScanResult): string {
  return renderReport('html', result, { color: false, gate: [] });
}

/** The Markdown from a heading line to the next heading of the same or a higher level. */
function mdSection(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `no heading ${heading}`);
  const rest = text.slice(start + 1);
  const end = rest.slice(heading.length).search(/\n#{1,3} /);
  return end < 0 ? rest : rest.slice(0, heading.length + end + 1);
}

function hrefs(tokens: Token[]): string[] {
  return tokens.flatMap((t) => t.children ?? []).filter((c) => c.type === 'link_open').map((c) => String(c.attrGet('href') ?? ''));
}

const WAIVER_HEADER = ['Rule', 'Scope', 'Reason', 'Owner', 'Expires', 'Status', 'Findings', 'Written at'];

function waiverTable(text: string): Table {
  const table = tables(md.parse(mdSection(text, '### Waivers'), {})).find((t) => t.header[0] === 'Rule');
  assert.ok(table, 'the waivers section has a table');
  return table;
}

function htmlSection(text: string, id: string): string {
  return new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(text)?.[0] ?? '';
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** Attribute names of every tag outside the style and script, read as a browser would (see html.test.ts). */
function attributeNames(text: string): string[] {
  const markup = text.replace(/<(script|style)>[\s\S]*?<\/\1>/g, '');
  const names: string[] = [];
  for (const tag of markup.matchAll(/<[a-zA-Z][^\s>/]*((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    for (const attr of (tag[1] ?? '').matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)) names.push((attr[1] ?? '').toLowerCase());
  }
  return names;
}

/** The checks html.test.ts makes of the demo page: nothing from the network, and the CSP hashes hold. */
function assertSelfContained(page: string): void {
  assert.doesNotMatch(page, /\b(?:src|href|xlink:href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  assert.doesNotMatch(page, /@import/i);
  assert.doesNotMatch(page, /url\(\s*["']?(?!#)/i);
  assert.doesNotMatch(page, /<(?:img|iframe|object|embed|video|audio|source|base)\b/i);
  assert.equal([...page.matchAll(/<link\b/g)].length, 1);
  assert.equal([...page.matchAll(/<script\b/g)].length, 1);
  assert.equal([...page.matchAll(/<style\b/g)].length, 1);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
  assert.equal(/<script>([\s\S]*?)<\/script>/.exec(page)?.[1], FILTER_SCRIPT);
  assert.equal(/<style>([\s\S]*?)<\/style>/.exec(page)?.[1], STYLE);
  assert.ok(csp.includes(`script-src 'sha256-${sha256(FILTER_SCRIPT)}'`));
  assert.ok(csp.includes(`style-src 'sha256-${sha256(STYLE)}'`));
  assert.doesNotMatch(csp, /unsafe/);
  assert.deepEqual(
    attributeNames(page).filter((n) => n.startsWith('on') || n === 'style'),
    [],
  );
}

let dir: string;
let result: ScanResult;
let hostile: ScanResult;

before(async () => {
  ({ dir, result } = await scanTree(ACTIVE_REASON, 'platform-team', '# ztmm:ignore COV-001'));
  // Hostile text in a config reason and owner, and in an inline comment's reason (MET-011 has no
  // finding in the policy, so that comment is unused and only listed).
  ({ result: hostile } = await scanTree(HOSTILE, '@owner-team', `# ztmm:ignore MET-011 ${HOSTILE}`));
});

describe('the scanned result', () => {
  test('has one active waiver, one expired, a suppression without a reason, and COV-006 waived', () => {
    assert.deepEqual(
      result.waivers?.map((w) => [w.rule, w.status, w.findings]),
      [
        ['COV-006', 'active', 1],
        ['FMT-004', 'expired', 0],
      ],
    );
    assert.deepEqual(result.suppressions, [{ rule: 'COV-001', path: POLICY, line: 30, reason: null, status: 'no-reason', findings: 0 }]);
    const waived = result.findings.filter((f) => f.outcome === 'waived');
    assert.deepEqual(
      waived.map((f) => [f.ruleId, f.waiver?.reason, f.waiver?.outcome]),
      [['COV-006', ACTIVE_REASON, 'fail']],
    );
  });
});

describe('markdown report', () => {
  test('the Waivers section follows the main report, with the counts', () => {
    const text = markdown(result);
    const at = text.indexOf('\n### Waivers\n');
    assert.ok(at > text.indexOf('\n### Inventory\n'));
    assert.ok(at > text.indexOf('<sub>ztmm '));
    assert.match(mdSection(text, '### Waivers'), /^### Waivers\n\nconfig: 1 active · 1 expired · 0 unused · inline: 0 applied · 1 without a reason · 0 unused · \*\*1 finding waived\*\*/);
  });

  test('lists the active and the expired waiver in a table, the expired one flagged', () => {
    const table = waiverTable(markdown(result));
    assert.deepEqual(table.header, WAIVER_HEADER);
    assert.equal(table.rows.length, 2);
    for (const row of table.rows) assert.equal(row.length, WAIVER_HEADER.length);
    const [expired, active] = table.rows;
    assert.deepEqual(expired, ['FMT-004', 'all', EXPIRED_REASON, '—', '2020-01-01', '⚠ expired: no longer applied', '0', '.ztmm.yaml:7']);
    assert.deepEqual(active, ['COV-006', 'subject Policy/audit-policy', ACTIVE_REASON, 'platform-team', '2099-12-31', '✔ active', '1', '.ztmm.yaml:2']);
    const section = mdSection(markdown(result), '### Waivers');
    assert.match(section, /> \[!WARNING\]\n> 1 waiver expired and no longer applies; 1 `ztmm:ignore` comment without a reason is not applied/);
  });

  test('reports the suppression without a reason, linked to where it is written', () => {
    const section = mdSection(markdown(result), '### Waivers');
    assert.ok(section.includes(`- ⚠ **no reason** \`COV-001\` [\`${POLICY}:30\`](${POLICY}#L30): a \`ztmm:ignore\` without a reason is not applied`), section);
    const tokens = md.parse(section, {});
    assert.ok(hrefs(tokens).includes(`${POLICY}#L30`));
    assert.ok(hrefs(tokens).includes('.ztmm.yaml#L2'));
    const linked = mdSection(markdown(result, 'https://github.com/o/r/blob/abc'), '### Waivers');
    assert.ok(hrefs(md.parse(linked, {})).includes(`https://github.com/o/r/blob/abc/${POLICY}#L30`));
  });

  test("the waived finding's line says why, and what it was", () => {
    const text = markdown(result);
    const line = text.split('\n').find((l) => l.startsWith('- ~ **COV-006**'));
    assert.ok(line, 'the waived finding has a line');
    assert.ok(line.endsWith(` — waived: ${ACTIVE_REASON} (was fail)`), line);
  });

  test('parses as Markdown with every table a table, and stays under the size limit', () => {
    const text = markdown(result);
    assert.ok(text.length <= MARKDOWN_LIMIT);
    const all = tables(md.parse(text, {}));
    assert.ok(all.length >= 3);
    for (const t of all) for (const row of t.rows) assert.equal(row.length, t.header.length, JSON.stringify(row));
    // No row of the waiver table is read as a paragraph.
    assert.doesNotMatch(md.render(mdSection(text, '### Waivers')), /<p>\|/);
  });

  test('is empty without waivers or suppressions', () => {
    const bare = structuredClone(result);
    bare.waivers = [];
    delete bare.suppressions;
    assert.equal(formatWaiversMarkdown(bare), '');
    assert.doesNotMatch(markdown(bare), /### Waivers/);
  });

  test('is byte-identical twice, and from a second scan', async () => {
    assert.equal(markdown(result), markdown(result));
    assert.equal(markdown(await scanJson(dir)), markdown(result));
  });
});

describe('html report', () => {
  test('has a Waivers section after the roadmap, in the nav, only when there are waivers', () => {
    const page = html(result);
    const order = ['summary', 'matrix', 'roadmap', 'waivers', 'estate', 'findings', 'inventory'].map((id) => page.indexOf(`<section id="${id}"`));
    assert.ok(order.every((i) => i > 0));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    assert.match(page, /<li><a href="#roadmap">Roadmap<\/a><\/li><li><a href="#waivers">Waivers<\/a><\/li><li><a href="#estate">/);
    const bare = structuredClone(result);
    delete bare.waivers;
    bare.suppressions = [];
    const without = html(bare);
    assert.doesNotMatch(without, /id="waivers"|href="#waivers"/);
  });

  test('lists both waivers and the suppression, flagged in words', () => {
    const section = htmlSection(html(result), 'waivers');
    assert.match(section, /config: 1 active · 1 expired · 0 unused · inline: 0 applied · 1 without a reason · 0 unused · <strong>1 finding waived<\/strong>/);
    assert.match(section, /<p class="waiver-warning">.*1 waiver expired and no longer applies; 1 <code>ztmm:ignore<\/code> comment without a reason is not applied/);
    const rows = [...section.matchAll(/<tr data-status="([^"]+)"( class="flagged")?>([\s\S]*?)<\/tr>/g)].map((m) => ({ status: m[1], flagged: m[2] !== undefined, body: m[3] ?? '' }));
    assert.deepEqual(
      rows.map((r) => [r.status, r.flagged]),
      [
        ['expired', true],
        ['active', false],
        ['no-reason', true],
      ],
    );
    const [expired, active, noReason] = rows;
    assert.ok(expired?.body.includes('<code>FMT-004</code>'));
    assert.ok(expired?.body.includes(EXPIRED_REASON));
    assert.ok(expired?.body.includes('<span class="badge waiver-expired"><span aria-hidden="true">⚠ </span>expired</span> <span class="status-note">no longer applied</span>'));
    assert.ok(expired?.body.includes('href=".ztmm.yaml#L7"'));
    assert.ok(active?.body.includes('<code>COV-006</code>'));
    assert.ok(active?.body.includes(ACTIVE_REASON));
    assert.ok(active?.body.includes('>active</span>'));
    assert.ok(noReason?.body.includes('<code>COV-001</code>'));
    assert.ok(noReason?.body.includes('<span aria-hidden="true">⚠ </span>no reason</span> <span class="status-note">not applied: a reason is required</span>'));
    assert.ok(noReason?.body.includes(`href="${POLICY}#L30"`));
  });

  test('a waived row of the findings table shows the reason and what it was under the message', () => {
    const table = /<table class="findings" id="findings-table">[\s\S]*?<\/table>/.exec(html(result))?.[0] ?? '';
    const row = /<tr data-outcome="waived"[^>]*data-rule="COV-006">[\s\S]*?<\/tr>/.exec(table)?.[0] ?? '';
    assert.match(row, new RegExp(`<td class="message">[^<]*<span class="subject">Policy/<wbr>audit-policy</span><span class="waiver-note"><strong>Waived:</strong> ${ACTIVE_REASON} <span class="was">\\(was fail\\)</span> · config waiver <a class="loc" href="\\.ztmm\\.yaml#L2">`));
    assert.match(row, /· owner platform-team · until 2099-12-31<\/span><\/td>/);
    assert.equal([...table.matchAll(/class="waiver-note"/g)].length, 1);
  });

  test('passes the checks of the HTML report: nothing from the network, CSP hashes that hold', () => {
    assertSelfContained(html(result));
    assert.match(STYLE, /\.waiver-expired/);
  });

  test('is byte-identical twice', () => {
    assert.equal(html(result), html(result));
    assert.equal(html(structuredClone(result)), html(result));
  });
});

describe('hostile reason text', () => {
  test('markdown: no HTML, no table broken, no mention or link', () => {
    const text = markdown(hostile);
    const section = mdSection(text, '### Waivers');
    assert.ok(!text.includes('<script>'));
    assert.ok(!text.includes('@someone') && !text.includes('@owner-team'), 'mentions are defused');
    assert.ok(!text.includes('https://evil') && !text.includes('www.evil'), 'autolinks are defused');
    const rendered = md.render(text);
    assert.doesNotMatch(rendered, /<script/);
    assert.doesNotMatch(rendered, /href="[^"]*evil/);
    const table = waiverTable(text);
    for (const row of table.rows) assert.equal(row.length, WAIVER_HEADER.length, JSON.stringify(row));
    const active = table.rows.find((r) => r[0] === 'COV-006');
    assert.equal(active?.[2]?.replace(WORD_JOINER, ''), HOSTILE, 'the reason reads as written');
    assert.equal(active?.[3]?.replace(WORD_JOINER, ''), '@owner-team');
    // The inline comment's reason, listed as unused, and the waived finding's line.
    assert.match(section, /- – unused `MET-011` \[`etc\/kubernetes\/audit-policy\.yaml:30`\]\([^)]+\): \\<script\\>/);
    const line = text.split('\n').find((l) => l.startsWith('- ~ **COV-006**')) ?? '';
    assert.ok(line.includes(' — waived: \\<script\\>alert(1)\\</script\\> a\\|b \\| @\u2060someone see https:/\u2060/evil.example/x'), line);
    assert.ok(text.length <= MARKDOWN_LIMIT);
  });

  test('html: escaped in the section and in the findings table, and the page stays self-contained', () => {
    const page = html(hostile);
    assertSelfContained(page);
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; a|b | @someone see https://evil.example/x';
    const section = htmlSection(page, 'waivers');
    assert.equal([...section.matchAll(new RegExp(escaped.replace(/[|()/.]/g, '\\$&'), 'g'))].length, 2, 'the config reason and the comment reason');
    assert.ok(section.includes('<td>@owner-team</td>'));
    const row = /<tr data-outcome="waived"[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
    assert.ok(row.includes(`<strong>Waived:</strong> ${escaped}`));
    assert.doesNotMatch(page, /<a [^>]*href="https?:/);
    assert.ok(html(hostile) === page && markdown(hostile) === markdown(hostile));
  });
});
