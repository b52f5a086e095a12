/**
 * Every rule has a passing and a failing fixture: fixtures/rules/<ID>/pass and .../fail, each a
 * small tree scanned with only that rule. A line holding `expect-fail: <ID>` in a fail fixture
 * marks where the failing finding must point. An optional no-evidence/ tree must yield
 * no-evidence.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, test } from 'node:test';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { REPO } from '../helpers.js';

const RULE_FIXTURES = join(REPO, 'fixtures', 'rules');
const rules = loadRules();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function markers(dir: string, id: string): { path: string; line: number }[] {
  const found: { path: string; line: number }[] = [];
  for (const file of filesUnder(dir)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (text.includes(`expect-fail: ${id}`)) found.push({ path: relative(dir, file).split(sep).join('/'), line: i + 1 });
      });
  }
  return found;
}

async function findingsOf(id: string, dir: string) {
  const rule = rules.find((r) => r.id === id);
  assert.ok(rule, `rule ${id} exists`);
  const { result } = await scan({ roots: [dir], rules: [rule], cwd: REPO });
  return result.findings.filter((f) => f.ruleId === id);
}

describe('rule fixtures', () => {
  for (const rule of rules) {
    const base = join(RULE_FIXTURES, rule.id);
    test(`${rule.id} passes on its pass fixture`, async () => {
      const findings = await findingsOf(rule.id, join(base, 'pass'));
      assert.ok(findings.length > 0, 'the pass fixture gives the rule something to judge');
      for (const f of findings) assert.equal(f.outcome, 'pass', `${f.subject}: ${f.message}`);
    });
    test(`${rule.id} fails on its fail fixture, at the marked line`, async () => {
      const dir = join(base, 'fail');
      const findings = await findingsOf(rule.id, dir);
      const failing = findings.filter((f) => f.outcome === 'fail');
      assert.ok(failing.length > 0, `expected a failing finding, got ${findings.map((f) => f.outcome).join(', ') || 'none'}`);
      for (const mark of markers(dir, rule.id)) {
        assert.ok(
          failing.some((f) => f.locations.some((l) => l.path === mark.path && l.line === mark.line)),
          `a failing finding points at ${mark.path}:${mark.line}; got ${failing.map((f) => f.locations.map((l) => `${l.path}:${l.line}`).join(' ')).join(', ')}`,
        );
      }
    });
    if (existsSync(join(base, 'no-evidence'))) {
      test(`${rule.id} has no evidence on its no-evidence fixture`, async () => {
        const findings = await findingsOf(rule.id, join(base, 'no-evidence'));
        assert.ok(findings.length > 0);
        for (const f of findings) assert.equal(f.outcome, 'no-evidence', f.message);
      });
    }
  }
});
