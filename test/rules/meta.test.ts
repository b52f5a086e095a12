/** Every rule is complete: fixtures, rationale, remediation, references; the rule reference is fresh. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { renderRuleReference } from '../../src/docs/rule-reference.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { REPO } from '../helpers.js';

/** Sources the built-in packs may cite (../shared/reference/domain.md §0). */
const KNOWN_FRAMEWORKS = new Set(['ztmm', 'm-21-31', 'cis-v8', 'nist-800-53', 'pci-dss-4', 'cis-kubernetes', 'cis-aws', 'cis-gcp', 'cis-azure', 'owasp-logging', 'owasp-asvs', 'k8s-audit', 'ecs', 'ocsf', 'cis-linux', 'disa-stig']);
const rules = loadRules();

describe('every built-in rule is complete', () => {
  for (const rule of rules) {
    test(rule.id, () => {
      const base = join(REPO, 'fixtures', 'rules', rule.id);
      for (const kind of ['pass', 'fail']) {
        const dir = join(base, kind);
        assert.ok(existsSync(dir) && readdirSync(dir).length > 0, `${rule.id} has a non-empty ${kind} fixture`);
      }
      assert.ok(rule.rationale.trim().length >= 40, 'rationale');
      assert.ok(rule.remediation.trim().length >= 20, 'remediation');
      assert.ok(rule.references.length >= 2, 'at least two references');
      for (const ref of rule.references) assert.ok(KNOWN_FRAMEWORKS.has(ref.framework), `known framework: ${ref.framework}`);
      assert.ok(rule.references.some((r) => ['nist-800-53', 'pci-dss-4', 'cis-v8', 'cis-kubernetes', 'm-21-31'].includes(r.framework)), 'cites a standard or benchmark');
    });
  }
  test('no fixture folder without a rule', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const dir of readdirSync(join(REPO, 'fixtures', 'rules'))) assert.ok(ids.has(dir), `fixtures/rules/${dir} belongs to a rule`);
  });
  test('slugs are unique', () => {
    assert.equal(new Set(rules.map((r) => r.slug)).size, rules.length);
  });
});

test('docs/rules.md is generated from the packs (run npm run docs:rules)', () => {
  assert.equal(readFileSync(join(REPO, 'docs', 'rules.md'), 'utf8'), renderRuleReference(rules));
});
