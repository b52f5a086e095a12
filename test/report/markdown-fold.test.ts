import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { ScanResult } from '../../src/model/result.js';
import { MARKDOWN_LIMIT, formatMarkdown } from '../../src/report/markdown.js';
import { foldLines, roundRobin } from '../../src/report/markdown-fold.js';
import { isBlocking } from '../../src/report/text.js';
import { checkMermaid } from './mermaid-check.js';
import { demoCopies } from './markdown-estates.js';

describe('folding alike items', () => {
  const items = ['a1', 'a2', 'a3', 'b1', 'c1', 'c2'];
  const key = (s: string): string => s.slice(0, 1);

  test('round robin: the first of each key, then the second of each, in the given order', () => {
    assert.deepEqual(roundRobin(items, key), ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    assert.deepEqual(roundRobin([], key), []);
  });

  test('the last listed item of a key stands for its unlisted ones; a key with none listed is returned', () => {
    const { lines, unlisted } = foldLines(items, new Set(['a1', 'a2', 'c1']), key);
    assert.deepEqual(lines, [
      { item: 'a1', more: 0 },
      { item: 'a2', more: 1 },
      { item: 'c1', more: 1 },
    ]);
    assert.deepEqual(unlisted, ['b1']);
    assert.deepEqual(foldLines(items, new Set(items), key).lines.map((l) => l.more), [0, 0, 0, 0, 0, 0]);
  });
});

describe('markdown report: fifty alike hosts, shortened for size', () => {
  const md = new MarkdownIt({ html: true });
  let fleet: ScanResult;
  let text: string;
  let findings: string;
  let blockingRules: string[];
  before(async () => {
    fleet = await demoCopies(50);
    text = formatMarkdown(fleet);
    findings = text.slice(text.indexOf('\n### Findings\n'), text.indexOf('\n### Inventory\n'));
    blockingRules = [...new Set(fleet.findings.filter(isBlocking).map((f) => f.ruleId))].sort();
  });

  test('the fleet is large enough to be shortened, and it is', () => {
    assert.ok(fleet.findings.filter(isBlocking).length >= 300);
    assert.ok(text.length <= MARKDOWN_LIMIT, String(text.length));
    assert.match(text, /\[!NOTE\]/);
  });

  test('every rule that blocks a stage has a line in the findings, not fifty lines of one', () => {
    assert.deepEqual(blockingRules, ['COV-006', 'FMT-004', 'FMT-007', 'MET-002', 'MET-006', 'MET-009', 'MET-012']);
    for (const id of blockingRules) assert.match(findings, new RegExp(`^- ✘ \\*\\*${id}\\*\\*`, 'm'), `${id} has no line`);
  });

  test('a folded line counts the findings it stands for and names the first place: ×n, +n−1 more', () => {
    const folded = [...findings.matchAll(/^- ✘ \*\*([A-Z]+-\d+)\*\* ×(\d+) .* · \[`(host\d+\/[^`]+)`\]\([^)]+\), \+(\d+) more/gm)];
    assert.ok(folded.length > 0);
    for (const m of folded) assert.equal(Number(m[4]), Number(m[2]) - 1, m[0]);
    // Each line stands for itself or, folded, for n: together every blocking finding, once.
    const stands = [...findings.matchAll(/^- [✘?!] \*\*[A-Z]+-\d+\*\*(?: ×(\d+))?/gm)].reduce((sum, m) => sum + Number(m[1] ?? 1), 0);
    assert.equal(stands, fleet.findings.filter(isBlocking).length);
  });

  test('the note says what was folded', () => {
    assert.match(text, /\n> \*\*Shortened to fit 65,000 characters:\*\* .*findings that block a stage are folded per rule: [\d,]+ of 350 are listed one by one, [\d,]+ are counted on the line of their rule \(×n\)/);
  });

  test('under a tighter budget every rule is still named', () => {
    for (const maxChars of [30_000, 15_000]) {
      const out = formatMarkdown(fleet, { maxChars });
      assert.ok(out.length <= maxChars, `${maxChars}: ${out.length}`);
      const section = out.slice(out.indexOf('\n### Findings\n'), out.indexOf('\n### Inventory\n'));
      for (const id of blockingRules) assert.ok(section.includes(`**${id}**`) || section.includes(id), `${maxChars}: ${id}`);
      for (const fence of md.parse(out, {}).filter((t) => t.type === 'fence')) assert.deepEqual(checkMermaid(fence.content.trimEnd()), []);
    }
  });

  test('deterministic', () => {
    assert.equal(formatMarkdown(fleet), text);
  });
});
