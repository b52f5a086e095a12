import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { countOutcomes, evidenceByArea, overall, scoreAreas } from '../../src/engine/score.js';
import type { LogSource, SampleStats, Sink } from '../../src/model/estate.js';
import type { Finding, InventoryEntry, RuleInfo, ScanResult } from '../../src/model/result.js';
import { AREAS, DIMENSIONS } from '../../src/model/vocabulary.js';
import { estateGraph } from '../../src/report/estate-graph.js';
import { locationHref } from '../../src/report/links.js';
import { MARKDOWN_LIMIT, formatMarkdown } from '../../src/report/markdown.js';
import { mdCode, mdProse, mdText } from '../../src/report/markdown-text.js';
import { mermaidFlowchart, mermaidText } from '../../src/report/mermaid.js';
import { trimGraph } from '../../src/report/markdown-diagram.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO, REPO } from '../helpers.js';
import { checkMermaid, parseMermaid } from './mermaid-check.js';
import { plain, tables } from './markdown-read.js';

const md = new MarkdownIt({ html: true });

let demo: ScanResult;
before(async () => {
  demo = (await scan({ roots: [DEMO], rules: loadRules({ extra: [] }), cwd: REPO })).result;
});

// ---------------------------------------------------------------------------------------------
// Reading the Markdown back

/** The text a reader sees in an inline token. */

function fences(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.type === 'fence');
}

function hrefs(tokens: Token[]): string[] {
  return tokens.flatMap((t) => t.children ?? []).filter((c) => c.type === 'link_open').map((c) => String(c.attrGet('href') ?? ''));
}

function inlineTexts(tokens: Token[]): string[] {
  return tokens.filter((t) => t.type === 'inline').map(plain);
}

/** The Markdown between a heading line and the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `no heading ${heading}`);
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const rest = markdown.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`\\n#{1,${level}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

// ---------------------------------------------------------------------------------------------
// Synthetic results, scored by the real engine so areas, blockers and counts agree

function rule(id: string, over: Partial<RuleInfo> = {}): RuleInfo {
  return {
    id,
    slug: id.toLowerCase(),
    title: `Title of ${id}`,
    dimension: 'metadata',
    pillars: ['subject'],
    stage: 'initial',
    severity: 'medium',
    rationale: `Why ${id} matters.`,
    remediation: `How to fix ${id}.`,
    references: [],
    ...over,
  };
}

function finding(r: RuleInfo, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: r.id,
    slug: r.slug,
    title: r.title,
    outcome: 'fail',
    severity: r.severity,
    dimension: r.dimension,
    pillars: ['identity'],
    stage: r.stage,
    subject: 'Pod/kube-system/kube-apiserver',
    message: `message of ${r.id}`,
    data: {},
    locations: [{ path: 'etc/kubernetes/manifests/kube-apiserver.yaml', line: 26, column: 7 }],
    references: [],
    ...over,
  };
}

/** A result from parts; stages, scores and counts computed as scan() does. */
function resultOf(parts: { findings: Finding[]; rules: RuleInfo[]; inventory?: InventoryEntry[]; estate?: ScanResult['estate'] }): ScanResult {
  const estate = parts.estate ?? demo.estate;
  const pillars = scoreAreas(parts.findings, evidenceByArea(estate));
  const { stage, score } = overall(pillars);
  return {
    schemaVersion: '1',
    tool: { name: 'ztmm', version: '9.9.9' },
    repositoryBase: null,
    summary: { score, stage, profile: 'ztmm', counts: countOutcomes(parts.findings) },
    pillars,
    findings: parts.findings,
    estate,
    inventory: parts.inventory ?? [],
    rules: parts.rules,
  };
}

/** A deterministic shuffle (a fixed LCG), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

// ---------------------------------------------------------------------------------------------

describe('markdown report: the demo', () => {
  let text: string;
  let tokens: Token[];
  before(() => {
    text = formatMarkdown(demo, { gate: [{ label: '--fail-under 40', ok: true }, { label: '--min-stage identity=advanced', ok: false }] });
    tokens = md.parse(text, {});
  });

  test('title: version, profile, overall stage and score; then the gate', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], `## ztmm ${demo.tool.version} · profile ztmm · Traditional ■□□□ · 57/100`);
    assert.match(text, /\n\*\*Gate ✘ fails:\*\* ✔ `--fail-under 40` · ✘ `--min-stage identity=advanced`\n/);
    assert.match(text, /\n6 files \(5 assessed, 1 skipped, 0 errors\) · 50 pass · 9 fail · 0 no evidence/);
    assert.doesNotMatch(formatMarkdown(demo), /Gate/);
  });

  test('the area table: eight rows with stage bar, score, evidence and what the next stage needs', () => {
    const [areas] = tables(tokens);
    assert.ok(areas);
    assert.deepEqual(areas.header, ['Pillar / capability', 'Stage', 'Score', 'Evidence', 'Next stage needs']);
    assert.equal(areas.rows.length, 8);
    assert.deepEqual(areas.rows[0], ['Identity', '■■□□ Initial', '98', '2', '→ Advanced: COV-006 The audit policy records changes to Pods, Deployments and RBAC']);
    assert.deepEqual(areas.rows[1]?.slice(0, 4), ['Devices', '■□□□ Traditional', '0', '0']);
    assert.equal(areas.rows[1]?.[4], '→ Initial: no log source for this pillar in the scanned inputs');
    assert.match(areas.rows[3]?.[4] ?? '', /^→ Initial: MET-002 Log events carry the acting user or service; MET-012 /);
    assert.deepEqual(areas.rows[4]?.slice(0, 2), ['Data', '■■■□ Advanced']);
    assert.equal(areas.rows[6]?.[4], '→ Optimal: no rule yet evidences Optimal');
    assert.deepEqual(areas.rows.map((r) => r[0]?.replace(' (capability)', '')), ['Identity', 'Devices', 'Networks', 'Applications', 'Data', 'Visibility', 'Automation', 'Governance']);
  });

  test('the matrix: areas × the seven dimensions, — where no finding', () => {
    const matrix = tables(tokens)[1];
    assert.ok(matrix);
    assert.equal(matrix.header.length, 1 + DIMENSIONS.length);
    assert.deepEqual(matrix.header.slice(1), ['Coverage', 'Centralization', 'Format', 'Retention', 'Metadata', 'Integrity', 'Real time']);
    assert.equal(matrix.rows.length, 8);
    assert.deepEqual(matrix.rows[0], ['Identity', 'Initial · 95', 'Advanced · 100', 'Optimal · 100', 'Advanced · 100', 'Advanced · 99', 'Advanced · 100', 'Advanced · 100']);
    assert.deepEqual(matrix.rows[1], ['Devices', '—', '—', '—', '—', '—', '—', '—']);
    assert.equal(tables(tokens).length, 3);
  });

  test('the source table: where each source’s events go, with the lines that decide it', () => {
    const sources = tables(tokens)[2];
    assert.ok(sources);
    assert.deepEqual(sources.header, ['Source', 'Centralized', 'Every remote hop', 'Buffer', 'Kept on the host', 'Kept centrally']);
    // Cells as plain text; each location is a link to the line (checked in the raw Markdown).
    assert.deepEqual(sources.rows, [
      [
        'kube-apiserver-audit etc/kubernetes/manifests/kube-apiserver.yaml:26',
        'yes etc/kubernetes/manifests/kube-apiserver.yaml:29',
        'verified TLS etc/kubernetes/audit-webhook.kubeconfig:7',
        'unknown',
        '400 days etc/kubernetes/manifests/kube-apiserver.yaml:27',
        'unknown',
      ],
    ]);
    assert.ok(text.includes('| verified TLS [`etc/kubernetes/audit-webhook.kubeconfig:7`](fixtures/demo/etc/kubernetes/audit-webhook.kubeconfig#L7) |'));
  });

  test('the roadmap: each area’s blockers with the rule’s remediation and where it fails', () => {
    const roadmap = section(text, '### Roadmap to the next stage');
    const cov006 = demo.rules.find((r) => r.id === 'COV-006');
    assert.ok(cov006);
    const identity = section(roadmap, '#### Identity → Advanced');
    assert.ok(identity.includes(`- **COV-006** ${cov006.title} · [\`etc/kubernetes/audit-policy.yaml:30\`](fixtures/demo/etc/kubernetes/audit-policy.yaml#L30)`));
    assert.ok(identity.includes(`  - Fix: ${mdText(cov006.remediation.replace(/\s+/g, ' ').trim())}`));
    const apps = section(roadmap, '#### Applications → Initial');
    assert.deepEqual([...apps.matchAll(/^- \*\*([A-Z]+-\d+)\*\*/gm)].map((m) => m[1]), ['MET-002', 'MET-012']);
    assert.match(roadmap, /- \*\*Devices → Initial\*\*: no log source/);
  });

  test('exactly one mermaid fence, well-formed, with the unlinked sample marked', () => {
    const [fence, ...others] = fences(tokens);
    assert.ok(fence);
    assert.equal(others.length, 0);
    assert.equal(fence.info, 'mermaid');
    assert.deepEqual(checkMermaid(fence.content.trimEnd()), []);
    const chart = parseMermaid(fence.content.trimEnd());
    assert.equal(chart.labels.get('src1'), 'kube-apiserver-audit\netc/kubernetes/manifests/kube-apiserver.yaml:26');
    assert.equal(chart.labels.get('log1'), '⚠ var/log/payments/api.jsonl\nlog sample, jsonl; no config ships it');
    assert.deepEqual(chart.classes.get('unrouted'), ['log1']);
    assert.deepEqual(chart.classes.get('sample'), ['log1']);
    assert.deepEqual([...chart.parents].filter(([, p]) => p === 'stores').map(([id]) => id), ['store1', 'store2']);
    assert.deepEqual(chart.edges.map((e) => `${e.from}>${e.to}`), ['src1>ship1', 'ship1>store1', 'ship1>store2']);
    assert.match(text, /\n```\n\nLegend: sources → shippers → stores\. /);
    // A sample's label is its path: only the link names it, not the path twice.
    assert.match(text, /\n- ⚠ \*\*Reaches no central store\*\* \(1\): \[`var\/log\/payments\/api\.jsonl:1`\]\(fixtures\/demo\/var\/log\/payments\/api\.jsonl#L1\)\n/);
  });

  test('file links are repository paths with GitHub line anchors', () => {
    const links = hrefs(tokens);
    assert.ok(links.includes('fixtures/demo/etc/kubernetes/manifests/kube-apiserver.yaml#L26'));
    assert.ok(links.includes('fixtures/demo/var/log/payments/api.jsonl#L1'));
    assert.ok(links.every((h) => h.startsWith('fixtures/demo/') && /#L\d+$/.test(h)), links.join('\n'));
  });

  test('with a link base every link is absolute', () => {
    const base = 'https://github.com/o/r/blob/abc/';
    const links = hrefs(md.parse(formatMarkdown(demo, { linkBase: base }), {}));
    assert.ok(links.length > 50);
    assert.ok(links.includes(`${base}fixtures/demo/etc/kubernetes/manifests/kube-apiserver.yaml#L26`));
    assert.ok(links.every((h) => h.startsWith(`${base}fixtures/demo/`)));
  });

  test('findings: each once, under its first area, blocking first; passing ones folded', () => {
    const findings = section(text, '### Findings');
    const identity = section(findings, '#### Identity · ✘ 2 fail · ✔ 36 pass · – 5 not applicable');
    const apps = section(findings, '#### Applications · ✘ 7 fail · ✔ 14 pass · – 6 not applicable');
    assert.match(identity, /^\n- ✘ \*\*COV-006\*\* rbac-write requests are logged at None: workload or privilege changes go unrecorded _\(medium, Advanced\)_ · \[`etc\/kubernetes\/audit-policy\.yaml:30`\]\(fixtures\/demo\/etc\/kubernetes\/audit-policy\.yaml#L30\) · `Policy\/audit-policy` · also Applications\n/);
    assert.ok(!apps.includes('**COV-006**'), 'COV-006 is listed under Identity only');
    assert.ok(identity.indexOf('✘ **MET-011**') < identity.indexOf('<details><summary>✔ 36 pass · – 5 not applicable</summary>'));
    // Most urgent first: Initial-stage high severity before Optimal-stage low.
    const order = [...apps.matchAll(/^- ✘ \*\*([A-Z]+-\d+)\*\*/gm)].map((m) => m[1]);
    assert.deepEqual(order, ['MET-002', 'MET-012', 'FMT-007', 'MET-009', 'FMT-004', 'MET-006', 'MET-011']);
    // Every finding appears exactly once in the findings section.
    const lines = findings.split('\n').filter((l) => /^- [✔✘?!–~] \*\*/.test(l));
    assert.equal(lines.length, demo.findings.length);
  });

  test('the inventory: counts and every file folded', () => {
    const inventory = section(text, '### Inventory');
    assert.match(inventory, /^\n6 files: 5 assessed · 1 skipped · 0 errors\n/);
    assert.match(inventory, /<details><summary>All 6 files<\/summary>\n\n- `README\.md` skipped: not recognised\n/);
  });

  test('small enough: nothing folded for size, nothing left out, no note', () => {
    assert.ok(text.length < MARKDOWN_LIMIT);
    assert.doesNotMatch(text, /Shortened|size limit|not listed|left out|\[!NOTE\]/);
  });

  test('the same input gives the same bytes, whatever the order of findings, areas, rules, files and estate', () => {
    assert.equal(formatMarkdown(demo), formatMarkdown(demo));
    for (const seed of [1, 7, 42]) {
      const copy: ScanResult = {
        ...demo,
        findings: shuffled(demo.findings, seed),
        pillars: shuffled(demo.pillars, seed),
        rules: shuffled(demo.rules, seed),
        inventory: shuffled(demo.inventory, seed),
        estate: {
          sources: shuffled(demo.estate.sources, seed),
          sinks: shuffled(demo.estate.sinks, seed),
          routes: shuffled(demo.estate.routes, seed),
          detections: shuffled(demo.estate.detections, seed),
          samples: shuffled(demo.estate.samples, seed),
        },
      };
      assert.equal(formatMarkdown(copy), formatMarkdown(demo));
    }
  });
});

describe('markdown report: escaping text from scanned files', () => {
  const hostilePath = 'we|ird [dir]/(x) <y> `z` #1 @octo.yaml';
  const hostileMessage = 'a | b <script>alert(1)</script> **bold** [x](http://e.test) ![i](j) @octocat #12 ~~s~~ $m$ & \\ `c`\nsecond line';
  const hostileSubject = 'Pod/`ns`/na|me\n';
  let result: ScanResult;
  let text: string;
  before(() => {
    const pipeRule = rule('ESC-001', { title: 'Title | with <pipes> & `ticks`' });
    result = resultOf({
      rules: [pipeRule],
      findings: [finding(pipeRule, { message: hostileMessage, subject: hostileSubject, locations: [{ path: hostilePath, line: 9, column: 1 }] })],
      inventory: [{ path: 'bad|file<1>.yaml', status: 'error', reason: '3:7: unexpected <token> | here' }],
    });
    text = formatMarkdown(result);
  });

  test('tables keep their shape when a rule title has pipes', () => {
    const [areas, matrix] = tables(md.parse(text, {}));
    assert.equal(areas?.rows.length, 8);
    assert.ok(areas?.rows.every((r) => r.length === 5));
    // The rule pack's `ticks` is a code span: the reader sees no backquotes.
    assert.equal(areas?.rows[0]?.[4], '→ Initial: ESC-001 Title | with <pipes> & ticks');
    assert.ok(matrix?.rows.every((r) => r.length === 8));
  });

  test('no HTML gets through but the report’s own details/summary/sub', () => {
    const html = md.render(text);
    assert.doesNotMatch(html, /<script|<y>|<token>|<pipes>/);
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
    for (const tag of tags) assert.ok(['h2', 'h3', 'h4', 'p', 'strong', 'em', 'code', 'a', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'sub', 'hr', 'pre', 'blockquote'].includes(tag ?? ''), `unexpected <${tag}>`);
  });

  test('the message renders as written (newline as a space, mentions and references defused)', () => {
    const expected = hostileMessage.replace('\n', ' ').replace('@octocat', '@\u2060octocat').replace('#12', '#\u206012').replace('//', '/\u2060/');
    assert.ok(inlineTexts(md.parse(text, {})).some((t) => t.includes(expected)));
    assert.doesNotMatch(text, /@octocat|#12/);
  });

  test('paths and subjects sit in code spans; links point at the file and line', () => {
    const tokens = md.parse(text, {});
    const codes = tokens.flatMap((t) => t.children ?? []).filter((c) => c.type === 'code_inline').map((c) => c.content);
    assert.ok(codes.includes(`${hostilePath}:9`));
    assert.ok(codes.includes('Pod/`ns`/na|me '));
    // The same target as locationHref's, with parentheses percent-encoded so they cannot end it.
    const href = (path: string, line: number) => locationHref(result, { path, line, column: 1 }).replace(/\(/g, '%28').replace(/\)/g, '%29');
    assert.ok(hrefs(tokens).includes(href(hostilePath, 9)), hrefs(tokens).join('\n'));
    assert.ok(hrefs(tokens).includes(href('bad|file<1>.yaml', 3)));
    assert.ok(text.includes('](we%7Cird%20%5Bdir%5D/%28x%29%20%3Cy%3E%20%60z%60%20%231%20%40octo.yaml#L9)'));
  });

  test('code spans hold any backticks', () => {
    for (const s of ['a`b', '``x``', '`lead', 'trail`', ' both ', '`']) {
      const tokens = md.parseInline(mdCode(s), {});
      const code = tokens[0]?.children?.find((c) => c.type === 'code_inline');
      assert.equal(code?.content, s, `${s} → ${mdCode(s)}`);
    }
  });
});

describe('markdown report: nothing in scanned text becomes a link', () => {
  // markdown-it's linkify follows GitHub's autolink extension for URLs with a scheme and e-mail
  // addresses; GitHub's own triggers are checked on the visible text as well (linkify-it leaves
  // `www.` alone, and GitHub links @name and owner/repo#12 after rendering).
  const linkify = new MarkdownIt({ html: true, linkify: true });
  const triggers = [
    'https://evil.example/x',
    'see http://e.test/a?b=c.',
    'ftp://files.evil.com/x',
    'protocol-relative //evil.com/x',
    'www.evil.com',
    '(www.evil.com/path)',
    '_www.evil.com_',
    'mail a@b.co now',
    'first.last+tag@evil.com',
    'mailto:x@evil.com',
    'owner/repo#12',
    'owner/repo.js#3 and org/team#45',
    'fixes #12 for @octocat and @org/team',
  ];
  /** GitHub's own triggers, in what a reader sees. */
  const GITHUB_TRIGGERS: RegExp[] = [/:\/\//, /(^|[\s*_~(])www\./, /[A-Za-z0-9._+-]@[A-Za-z0-9]/, /(^|[^A-Za-z0-9_])[@#][A-Za-z0-9_]/, /\/[A-Za-z0-9_.-]+#\d/];

  function visibleText(markdown: string): string[] {
    return linkify.parse(markdown, {}).flatMap((t) => t.children ?? []).filter((c) => c.type === 'text').map((c) => c.content);
  }

  test('the triggers do link when left alone (the check can see them)', () => {
    const linked = triggers.filter((t) => /<a /.test(linkify.renderInline(t)) || GITHUB_TRIGGERS.some((re) => re.test(t)));
    assert.deepEqual(linked, triggers);
  });

  test('mdText: no trigger left, and the text reads the same', () => {
    for (const t of triggers) {
      const out = mdText(t);
      assert.doesNotMatch(linkify.renderInline(out), /<a /, t);
      const seen = visibleText(out).join('');
      for (const re of GITHUB_TRIGGERS) assert.doesNotMatch(seen, re, `${t} → ${JSON.stringify(seen)}`);
      assert.equal(seen.replace(/\u2060/g, ''), t);
    }
  });

  test('in the whole report, every link is the report’s own: a file and line', () => {
    const r = rule('URL-001', { title: 'Events reach https://siem.example.com or www.siem.com' });
    const result = resultOf({
      rules: [r],
      findings: triggers.map((t, i) => finding(r, { message: t, subject: t, locations: [{ path: `etc/${i}.yaml`, line: i + 1, column: 1 }] })),
      inventory: [{ path: 'x/a.yaml', status: 'error', reason: `1:1: see https://evil.example/docs, ask a@b.co (owner/repo#7)` }],
    });
    const text = formatMarkdown(result);
    const tokens = linkify.parse(text, {});
    const links = tokens.flatMap((t) => t.children ?? []).filter((c) => c.type === 'link_open');
    assert.ok(links.length >= triggers.length);
    assert.deepEqual(links.filter((l) => l.markup === 'linkify').map((l) => l.attrGet('href')), []);
    for (const l of links) assert.match(String(l.attrGet('href')), /^[\w./-]+#L\d+$/);
    assert.ok(links.every((l) => !String(l.attrGet('href')).includes('evil')));
    const seen = visibleText(text).join('\n');
    for (const re of GITHUB_TRIGGERS) assert.doesNotMatch(seen, re);
  });
});

describe('markdown report: rule-pack text', () => {
  test('`code` in a rule pack’s titles and remediation renders as code, not as backquotes', () => {
    const packed = loadRules({ extra: [] }).filter((r) => /`/.test(r.title) || /`/.test(r.remediation));
    assert.ok(packed.length >= 5, packed.map((r) => r.id).join(' '));
    const result = resultOf({ rules: packed, findings: packed.map((r) => finding(r, { pillars: ['applications'] })) });
    const tokens = md.parse(formatMarkdown(result), {});
    const roadmap = tokens.flatMap((t) => t.children ?? []);
    const codes = roadmap.filter((c) => c.type === 'code_inline').map((c) => c.content);
    assert.ok(codes.includes('- level: Metadata'), codes.join(' | '));
    assert.ok(codes.includes('Z'));
    // No backquote is left for the reader to see, in the text around the spans either.
    assert.deepEqual(roadmap.filter((c) => c.type === 'text' && c.content.includes('`')).map((c) => c.content), []);
  });

  test('a code span with a pipe stays whole in a table cell; a lone backtick stays text', () => {
    const r = rule('PRO-001', { title: 'Keep `a|b`, ``x`y`` and a lone ` tick <html>' });
    const text = formatMarkdown(resultOf({ rules: [r], findings: [finding(r)] }));
    const [areas] = tables(md.parse(text, {}));
    assert.ok(areas?.rows.every((row) => row.length === 5));
    assert.equal(areas?.rows[0]?.[4], '→ Initial: PRO-001 Keep a|b, x`y and a lone ` tick <html>');
    const inline = md.parseInline(mdProse(r.title), {})[0]?.children ?? [];
    assert.deepEqual(inline.filter((c) => c.type === 'code_inline').map((c) => c.content), ['a|b', 'x`y']);
    assert.equal(plain(md.parseInline(mdProse(r.title), {})[0] as Token), 'Keep a|b, x`y and a lone ` tick <html>');
  });

  test('scanned text stays fully escaped: its backticks show as written', () => {
    const inline = md.parseInline(mdText('a `b` c'), {})[0]?.children ?? [];
    assert.deepEqual(inline.map((c) => c.type), ['text']);
    assert.equal(inline[0]?.content, 'a `b` c');
  });
});

describe('markdown report: the estate diagram', () => {
  const hostile = [
    'quote " and #quot; entity',
    'brackets ] [ ( ) { } and "]) --> x["pwn',
    'pipe | edge -->|"x"| y',
    'newline\nend\nsubgraph z',
    '%%{init: {"theme":"forest"}}%%',
    '<img src=x onerror=alert(1)> & `tick` `',
    'end',
    'lifestyle: "quoted" classDef x fill:#f00;',
  ];

  function hostileEstate(): ScanResult['estate'] {
    const base = demo.estate.samples[0] as SampleStats;
    const sources: LogSource[] = hostile.map((h, i) => ({
      id: `src-${i}-${h}`,
      system: h,
      pillars: ['identity'],
      paths: [h],
      declaredAt: { path: `etc/${h}.yaml`, line: i + 1, column: 1 },
      centralized: null,
      retentionDays: null,
      immutable: null,
    }));
    const sinks: Sink[] = hostile.map((h, i) => ({
      id: `sink-${i}-${h}`,
      kind: 'other',
      remote: i % 2 === 0,
      tls: null,
      retentionDays: i,
      unbounded: false,
      immutable: null,
      declaredAt: { path: `etc/${h}.conf`, line: 2, column: 1 },
    }));
    return {
      sources,
      sinks,
      routes: hostile.map((h, i) => ({ id: `r${i}`, from: `src-${i}-${h}`, to: `sink-${i}-${h}`, via: `ship ${h}`, tls: false, durable: null })),
      detections: [],
      samples: hostile.map((h) => ({ ...base, id: `sample:${h}`, path: `var/log/${h}.log`, source: null })),
    };
  }

  test('hostile ids, paths and names still give a well-formed chart whose labels read as written', () => {
    const graph = estateGraph(resultOf({ findings: [], rules: [], estate: hostileEstate() }));
    const chart = parseMermaid(mermaidFlowchart(graph));
    assert.deepEqual(chart.problems, []);
    assert.equal(chart.labels.size, graph.nodes.length);
    for (const node of graph.nodes) {
      const label = chart.labels.get(node.key) ?? '';
      assert.ok(label.replace(/^⚠ /, '').startsWith(node.label.replace(/\n/g, ' ').slice(0, 60)), `${node.key}: ${label}`);
    }
    // Every route leaves the host without TLS to the remote stores: those edges are marked.
    const marked = chart.edges.filter((e) => e.text === 'no TLS').length;
    assert.equal(marked, graph.edges.filter((e) => e.plaintext).length);
    assert.ok(marked > 0);
    assert.equal(chart.linkStyles.length, marked);
    assert.deepEqual(chart.classes.get('short')?.length, hostile.length);
  });

  test('the whole report with that estate has one fence, and it is well-formed', () => {
    const text = formatMarkdown(resultOf({ findings: [], rules: [], estate: hostileEstate() }));
    const all = fences(md.parse(text, {}));
    assert.equal(all.length, 1);
    assert.deepEqual(checkMermaid(all[0]?.content.trimEnd() ?? ''), []);
    assert.doesNotMatch(md.render(text), /<img/);
  });

  test('labels: control characters become spaces, long text is cut, specials are entities', () => {
    assert.equal(mermaidText('a\nb\tc'), 'a b c');
    assert.equal(mermaidText('x'.repeat(100)).length, 80);
    assert.ok(mermaidText('x'.repeat(100)).endsWith('…'));
    assert.equal(mermaidText('#"<>&`|%'), '#35;#quot;#lt;#gt;#amp;#96;#124;#37;');
  });

  test('a large estate is drawn with fewer nodes, a path to the central store and marked ones first, and the report says so', () => {
    const base = demo.estate.samples[0] as SampleStats;
    const samples = Array.from({ length: 600 }, (_, i) => ({ ...base, id: `sample:${i}`, path: `var/log/app-${String(i).padStart(4, '0')}-${'x'.repeat(60)}.log`, source: null }));
    const estate = { ...demo.estate, samples: [...demo.estate.samples, ...samples] };
    const text = formatMarkdown(resultOf({ findings: [], rules: [], estate }));
    const fence = fences(md.parse(text, {}))[0];
    assert.ok(fence);
    assert.deepEqual(checkMermaid(fence.content.trimEnd()), []);
    assert.match(text, /_The diagram shows \d+ of 602 sources/);
    assert.match(text, /\[!NOTE\]\n> \*\*Shortened to fit 65,000 characters:\*\* .*the diagram shows \d+ of 602 sources/);
    assert.ok(text.length <= MARKDOWN_LIMIT);
    // Trimming keeps the apiserver's path to the webhook (the central store) alongside the marked
    // samples: six hundred unrouted files do not crowd out where the audit events go.
    const trimmed = trimGraph(estateGraph(resultOf({ findings: [], rules: [], estate })), 3);
    assert.deepEqual(trimmed.graph.nodes.map((n) => n.key), ['src1', 'log1', 'log2', 'ship1', 'store1', 'store2']);
    assert.deepEqual(trimmed.graph.edges.map((e) => `${e.from}>${e.to}`), ['src1>ship1', 'ship1>store1', 'ship1>store2']);
    assert.deepEqual(trimmed.omitted, { source: 599, shipper: 0, store: 0 });
  });

  test('an estate with nothing in it says so instead of drawing an empty chart', () => {
    const text = formatMarkdown(resultOf({ findings: [], rules: [], estate: { sources: [], sinks: [], routes: [], detections: [], samples: [] } }));
    assert.equal(fences(md.parse(text, {})).length, 0);
    assert.match(text, /No log sources, shippers or stores were found in the scanned inputs/);
  });
});

describe('the mermaid checker', () => {
  const good = ['flowchart LR', '  subgraph sources["Sources"]', '    a["A #quot;x#quot;<br/>b"]', '  end', '  s[("S")]', '  a -.->|"no TLS"| s', '  classDef warn fill:#fff', '  class a warn', '  linkStyle 0 stroke:#f00'];
  const broken = (replace: (lines: string[]) => string[]): string => replace([...good]).join('\n');

  test('accepts the good chart', () => assert.deepEqual(checkMermaid(good.join('\n')), []));

  const cases: [string, string, RegExp][] = [
    ['no header', broken((l) => l.slice(1)), /header/],
    ['graph instead of flowchart', broken((l) => ['graph LR', ...l.slice(1)]), /header/],
    ['a quote inside a label', broken((l) => (l.splice(2, 1, '    a["A "x" b"]'), l)), /raw quote/],
    ['a label that breaks out onto the same line', broken((l) => (l.splice(2, 1, '    a["A"] --> b["B"]'), l)), /raw quote/],
    ['a statement after a node', broken((l) => (l.splice(2, 1, '    a["A"]; click a call x()'), l)), /unrecognised statement/],
    ['a newline inside a label', broken((l) => (l.splice(2, 1, '    a["A', 'B"]'), l)), /unrecognised statement/],
    ['an edge to an undefined node', broken((l) => [...l, '  a --> ghost']), /ghost is not a defined node/],
    ['a node defined twice', broken((l) => (l.splice(4, 0, '  a["again"]'), l)), /defined twice/],
    ['a missing end', broken((l) => l.filter((x) => x.trim() !== 'end')), /has no end/],
    ['an extra end', broken((l) => [...l, '  end']), /end without subgraph/],
    ['a reserved word as id', broken((l) => (l.splice(4, 1, '  end[("S")]'), l)), /reserved word/],
    ['an id starting with a digit', broken((l) => (l.splice(4, 1, '  1s[("S")]'), l)), /invalid id/],
    ['mismatched shape', broken((l) => (l.splice(4, 1, '  s[("S"])'), l)), /mismatched shape/],
    ['a raw #', broken((l) => (l.splice(2, 1, '    a["A # B"]'), l)), /starts no entity/],
    ['an unknown entity', broken((l) => (l.splice(2, 1, '    a["A #bogus; B"]'), l)), /unknown entity/],
    ['raw HTML', broken((l) => (l.splice(2, 1, '    a["<b>A</b>"]'), l)), /raw < or >/],
    ['a raw pipe', broken((l) => (l.splice(2, 1, '    a["A | B"]'), l)), /pipe/],
    ['a label Mermaid’s style rewrite alters', broken((l) => (l.splice(2, 1, '    a["style:a#quot;b"]'), l)), /style rewrite/],
    ['a class without classDef', broken((l) => [...l, '  class a nope']), /has no classDef/],
    ['a class on an undefined node', broken((l) => [...l, '  class ghost warn']), /undefined node/],
    ['a linkStyle past the last edge', broken((l) => [...l, '  linkStyle 3 stroke:#f00']), /names no edge/],
    ['bad classDef styles', broken((l) => [...l, '  classDef x fill']), /invalid classDef styles/],
  ];
  for (const [name, chart, expected] of cases) {
    test(`rejects ${name}`, () => {
      const problems = checkMermaid(chart);
      assert.ok(problems.some((p) => expected.test(p)), `${name}: ${JSON.stringify(problems)}`);
    });
  }
});

describe('markdown report: size', () => {
  const AREA_CYCLE = [...AREAS];
  const rules = Array.from({ length: 40 }, (_, i) =>
    rule(`BIG-${String(i).padStart(3, '0')}`, { stage: (['initial', 'advanced', 'optimal'] as const)[i % 3] ?? 'initial', severity: (['low', 'medium', 'high', 'critical'] as const)[i % 4] ?? 'low', remediation: `Remediation ${i}: ${'do the thing properly, '.repeat(8)}` }),
  );
  const failing = Array.from({ length: 5_000 }, (_, i) => {
    const r = rules[i % rules.length] as RuleInfo;
    return finding(r, {
      pillars: [AREA_CYCLE[i % AREA_CYCLE.length] ?? 'identity', AREA_CYCLE[(i + 3) % AREA_CYCLE.length] ?? 'data'],
      subject: `sample:var/log/app-${i}.log`,
      message: `finding ${i}: ${'the events in this sample leave out the field the rule asks for, '.repeat(3)}`,
      locations: [{ path: `var/log/app-${i}.log`, line: i + 1, column: 1 }],
    });
  });
  const passing = Array.from({ length: 2_000 }, (_, i) => finding(rules[i % rules.length] as RuleInfo, { outcome: 'pass', pillars: [AREA_CYCLE[i % 8] ?? 'data'], subject: `s${i}` }));
  const inventory: InventoryEntry[] = Array.from({ length: 20_000 }, (_, i) =>
    i % 5 === 0
      ? { path: `var/log/broken-${i}.log`, status: 'error', reason: `${i % 90}:1: unexpected token in a line that is long enough to matter ${i}` }
      : i % 5 === 1
        ? { path: `k8s/${i}.yaml`, status: 'assessed', kind: i % 2 ? 'kube-apiserver' : 'k8s-audit-policy' }
        : { path: `docs/${i}.md`, status: 'skipped', reason: `not recognised (reason ${i % 45})` },
  );
  let big: ScanResult;
  let text: string;
  before(() => {
    big = resultOf({ findings: [...failing, ...passing], rules, inventory });
    text = formatMarkdown(big);
  });

  test('5,000 failing findings and 20,000 files fit under the limit', () => {
    assert.ok(text.length < 65_000, String(text.length));
    assert.ok(text.length > 50_000, 'the room is used, not wasted');
  });

  test('it says what it folded and left out, and where to find it', () => {
    assert.match(text, /\n> \[!NOTE\]\n> \*\*Shortened to fit 65,000 characters:\*\* details are folded, passing findings are counted per rule and files per kind and reason; .*findings that block a stage are folded per rule: [\d,]+ of 5,000 are listed one by one, [\d,]+ are counted on the line of their rule \(×n\).*\. The JSON, SARIF and HTML reports have everything\./);
    assert.match(text, /\n_To stay within the size limit, [\d,]+ of 5,000 findings that block a stage are listed one by one; of the others, [\d,]+ are counted on the line of their rule \(×n\)\. The JSON, SARIF and HTML reports have everything\._\n/);
    assert.equal(countOf(text, '<details>'), countOf(text, '</details>'));
  });

  test('the tables, the matrix and the diagram survive', () => {
    const tokens = md.parse(text, {});
    const [areas, matrix] = tables(tokens);
    assert.equal(areas?.rows.length, 8);
    assert.equal(matrix?.rows.length, 8);
    const all = fences(tokens);
    assert.equal(all.length, 1);
    assert.equal(all[0]?.info, 'mermaid');
    assert.deepEqual(checkMermaid(all[0]?.content.trimEnd() ?? ''), []);
  });

  test('every rule keeps a line, each as many as the others give or take one, the extra ones to the most urgent', () => {
    const lines = [...text.matchAll(/^- ✘ \*\*(BIG-\d+)\*\*(?: ×([\d,]+))?/gm)].map((m) => ({ id: m[1] ?? '', stands: Number((m[2] ?? '1').replace(/,/g, '')) }));
    const perRule = new Map<string, number>();
    for (const { id } of lines) perRule.set(id, (perRule.get(id) ?? 0) + 1);
    assert.deepEqual([...perRule.keys()].sort(), rules.map((r) => r.id));
    // Each line stands for itself or, folded (×n), for n: together, every finding.
    assert.equal(lines.reduce((sum, l) => sum + l.stands, 0), 5_000);
    const counts = [...perRule.values()];
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, counts.join(','));
    // Urgency: an earlier stage first, then a higher severity (then the rule id).
    const urgency = (id: string): string => {
      const r = rules.find((x) => x.id === id) as RuleInfo;
      return `${['initial', 'advanced', 'optimal'].indexOf(r.stage)}${3 - ['low', 'medium', 'high', 'critical'].indexOf(r.severity)}${id}`;
    };
    const most = Math.max(...counts);
    const ahead = [...perRule].filter(([, n]) => n === most).map(([id]) => urgency(id)).sort();
    const behind = [...perRule].filter(([, n]) => n < most).map(([id]) => urgency(id)).sort();
    if (behind.length > 0) assert.ok((ahead.at(-1) ?? '') < (behind[0] ?? ''), `${ahead.join(' ')} | ${behind.join(' ')}`);
  });

  test('with few findings and thousands of unreadable files, the error list is cut instead', () => {
    const few = resultOf({ findings: failing.slice(0, 20), rules, inventory });
    const out = formatMarkdown(few);
    assert.ok(out.length < 65_000);
    assert.match(out, /[\d,]+ of 4,000 files that could not be read are listed/);
    assert.equal([...out.matchAll(/^- ✘ \*\*BIG-/gm)].length, 20, 'all findings kept');
    assert.doesNotMatch(out, /findings that block a stage are listed/);
  });

  test('a smaller budget is honoured too, down to a bare report', () => {
    for (const maxChars of [30_000, 12_000, 4_000]) {
      const out = formatMarkdown(big, { maxChars });
      assert.ok(out.length <= maxChars, `${maxChars}: ${out.length}`);
      assert.match(out, /Shortened to fit|Report cut at/);
      assert.equal(countOf(out, '<details>'), countOf(out, '</details>'));
      // Every rule that blocks a stage is still named in the findings, on a line or in a tally.
      if (maxChars >= 12_000) for (const r of rules) assert.ok(section(out, '### Findings').includes(r.id), `${maxChars}: ${r.id}`);
      // A diagram is whole or absent: half a chart would not render.
      for (const fence of fences(md.parse(out, {}))) assert.deepEqual(checkMermaid(fence.content.trimEnd()), []);
    }
  });

  test('deterministic under size pressure', () => {
    assert.equal(formatMarkdown(big), text);
    assert.equal(formatMarkdown({ ...big, findings: shuffled(big.findings, 3), inventory: shuffled(big.inventory, 5) }), text);
  });
});
