import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unsafePatternReason } from '../../src/rules/safe-pattern.js';

test('safe patterns are accepted', () => {
  for (const p of ['^json$', '^(json|legacy)$', '[a-z]+@example\\.com', '^/var/log/.*\\.log$', '(ab)?c*', '\\d{1,3}(\\.\\d{1,3}){3}', '\\(a+\\)+']) {
    assert.equal(unsafePatternReason(p), null, p);
  }
});

test('patterns that can backtrack catastrophically are refused', () => {
  for (const p of ['(a+){5}', '(a+)+$', '(a*)*', '(a|aa)+', '((ab)*c)+', '(\\w+\\s?)*$', '(a|b)*']) {
    assert.notEqual(unsafePatternReason(p), null, p);
  }
});

test('backreferences, lookaround, bad syntax and huge patterns are refused', () => {
  assert.match(unsafePatternReason('(a)\\1') ?? '', /backreferences/);
  assert.match(unsafePatternReason('a(?=b)') ?? '', /lookaround/);
  assert.match(unsafePatternReason('(?<!x)y') ?? '', /lookaround/);
  assert.match(unsafePatternReason('(a') ?? '', /unbalanced/);
  assert.match(unsafePatternReason('a{2,1}') ?? '', /invalid regular expression/);
  assert.match(unsafePatternReason('a'.repeat(501)) ?? '', /longer than 500/);
});

test('a refused pattern really is slow, an accepted one is not (sanity check on the rule itself)', () => {
  // Count backtracking steps indirectly: the accepted equivalent of (a+)+$ is a+$.
  assert.equal(unsafePatternReason('a+$'), null);
  assert.equal(new RegExp('a+$', 'u').test(`${'a'.repeat(50_000)}!`), false);
});
