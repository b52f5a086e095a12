import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_MATCH_INPUT, compilePattern, isPattern } from '../../src/rules/pattern.js';
import type { Pattern } from '../../src/rules/pattern.js';

function compiled(source: string): Pattern {
  const p = compilePattern(source);
  assert.ok(isPattern(p), source);
  return p;
}

test('RE2 patterns match like regular expressions', () => {
  assert.ok(compiled('^json$').test('json'));
  assert.ok(!compiled('^json$').test('jsonx'));
  assert.ok(compiled('(?i)^JSON').test('json lines'));
  assert.ok(compiled('\\d{1,3}(\\.\\d{1,3}){3}').test('addr 10.0.0.1'));
});

test('patterns that hang backtracking engines run in linear time', () => {
  // Each of these takes exponential time in JavaScript's RegExp on such inputs.
  const evil = ['^(a+)+$', '^(?:a|a){1,40}$', '^(a|aa)*$', '^(\\w+\\s?)*$'];
  const input = `${'a'.repeat(5000)}!`;
  const start = process.hrtime.bigint();
  for (const source of evil) assert.equal(compiled(source).test(input), false, source);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // Not a timing test of ztmm: a sanity bound that only a backtracking engine could exceed.
  assert.ok(ms < 20_000, `${ms} ms`);
});

test('backreferences, lookaround, bad syntax and huge patterns are refused with a reason', () => {
  for (const [source, reason] of [
    ['(a)\\1', /invalid escape sequence/],
    ['a(?=b)', /invalid or unsupported Perl syntax/],
    ['(?<!x)y', /invalid named capture/],
    ['(a', /missing closing \)/],
    ['a'.repeat(501), /longer than 500/],
  ] as const) {
    const p = compilePattern(source);
    assert.ok(!isPattern(p), source);
    assert.match(p.error, reason);
  }
});

test('inputs are capped', () => {
  const p = compiled('b$');
  assert.equal(p.test(`${'a'.repeat(MAX_MATCH_INPUT)}b`), false);
  assert.equal(p.test(`${'a'.repeat(MAX_MATCH_INPUT - 1)}b`), true);
});
