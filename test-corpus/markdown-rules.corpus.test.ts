/**
 * The Markdown report of the whole corpus (../shared/corpus) is shortened to fit a PR comment:
 * every rule that blocks a stage must still have a line in its findings, however many findings
 * the other rules have.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { loadRules } from '../src/rules/load-packs.js';
import { MARKDOWN_LIMIT, formatMarkdown } from '../src/report/markdown.js';
import { isBlocking } from '../src/report/text.js';
import { scan } from '../src/scan.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

describe('the Markdown report of the whole corpus', async () => {
  const { result } = await scan({ roots: [CORPUS], rules: loadRules(), cwd: CORPUS });
  const text = formatMarkdown(result);
  const findings = text.slice(text.indexOf('\n### Findings\n'), text.indexOf('\n### Inventory\n'));

  test('it is shortened, and every rule that blocks a stage keeps a line in the findings', () => {
    assert.ok(text.length <= MARKDOWN_LIMIT);
    assert.match(text, /Shortened to fit/);
    const rules = [...new Set(result.findings.filter(isBlocking).map((f) => f.ruleId))].sort();
    assert.ok(rules.length >= 10, rules.join(' '));
    const missing = rules.filter((id) => !new RegExp(`^- [✘?!] \\*\\*${id}\\*\\*`, 'm').test(findings));
    assert.deepEqual(missing, []);
  });
});
