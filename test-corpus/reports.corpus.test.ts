/**
 * Every report format over the whole corpus of real files written by others (../shared/corpus):
 * the SARIF validates against the official schema and points at real lines, the Markdown parses
 * as CommonMark with a well-formed Mermaid diagram and stays under GitHub's limit, the JUnit is
 * well-formed with one case per finding and area, and the HTML asks for nothing from the network.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import MarkdownIt from 'markdown-it';
import type { Log } from 'sarif';
import { loadRules } from '../src/rules/load-packs.js';
import { formatHtml } from '../src/report/html.js';
import { formatJunit } from '../src/report/junit.js';
import { MARKDOWN_LIMIT, formatMarkdown } from '../src/report/markdown.js';
import { formatSarif } from '../src/report/sarif.js';
import { scan } from '../src/scan.js';
import { checkMermaid } from '../test/report/mermaid-check.js';
import { sarifValidator } from '../test/report/sarif-validator.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

describe('reports of the whole corpus', async () => {
  const { result } = await scan({ roots: [CORPUS], rules: loadRules(), cwd: CORPUS });
  const failing = result.findings.filter((f) => f.outcome === 'fail' || f.outcome === 'no-evidence' || f.outcome === 'error');

  test('the corpus gives a real assessment to report on', () => {
    assert.ok(result.inventory.length >= 50, `${result.inventory.length} files`);
    assert.ok(failing.length >= 10, `${failing.length} failing or unknown findings`);
  });

  test('SARIF: valid against the official schema; every location is a real, non-blank line', () => {
    const text = formatSarif(result);
    const validate = sarifValidator();
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors?.slice(0, 3)));
    const log = JSON.parse(text) as Log;
    const results = log.runs[0]?.results ?? [];
    assert.equal(results.length, failing.length);
    const prefix = result.repositoryBase ? `${result.repositoryBase}/` : '';
    let checked = 0;
    for (const r of results) {
      const physical = r.locations?.[0]?.physicalLocation;
      const line = physical?.region?.startLine;
      if (line === undefined) continue;
      const uri = decodeURIComponent(physical?.artifactLocation?.uri ?? '');
      assert.ok(uri.startsWith(prefix), uri);
      const lines = readFileSync(join(CORPUS, uri.slice(prefix.length)), 'utf8').split('\n');
      assert.ok(line <= lines.length && (lines[line - 1] ?? '').trim() !== '', `${uri}:${line}`);
      checked++;
    }
    assert.ok(checked >= 10, `${checked} locations checked`);
  });

  test('Markdown: under the limit, CommonMark tables, one well-formed Mermaid diagram', () => {
    const text = formatMarkdown(result);
    assert.ok(text.length < MARKDOWN_LIMIT, `${text.length} characters`);
    const tokens = new MarkdownIt().parse(text, {});
    assert.ok(tokens.filter((t) => t.type === 'table_open').length >= 2);
    const fences = tokens.filter((t) => t.type === 'fence' && t.info === 'mermaid');
    assert.equal(fences.length, 1);
    assert.deepEqual(checkMermaid(fences[0]?.content ?? ''), []);
  });

  test('JUnit: well-formed, one test case per finding and area, and one per unreadable file', () => {
    const xml = formatJunit(result);
    assert.equal(XMLValidator.validate(xml), true);
    const cases = (xml.match(/<testcase /g) ?? []).length;
    const unreadable = result.inventory.filter((e) => e.status === 'error').length;
    assert.equal(cases, result.findings.reduce((n, f) => n + f.pillars.length, 0) + unreadable);
  });

  test('HTML: no reference to anything outside the file', () => {
    const html = formatHtml(result);
    assert.doesNotMatch(html, /(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    assert.doesNotMatch(html, /@import|url\(\s*["']?(?:https?:)?\/\//i);
  });
});
