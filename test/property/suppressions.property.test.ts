/**
 * Properties of inline suppressions (`# ztmm:ignore RULE reason` comments): findSuppressions reads
 * any text, real configuration files with comments planted anywhere, and adversarial layouts (many
 * comments over blocks that never close) without throwing, within the time bound; every entry
 * names a rule and covers lines that exist.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { findSuppressions } from '../../src/assess/suppressions.js';
import { anyText, assertNoPollution, fixtureTexts, mutatedText, prototypeKeys, runs, timed } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const PATHS = ['k8s/audit-policy.yaml', 'infra/main.tf', 'etc/rsyslog.conf', 'etc/auditd.ini', 'etc/fluent-bit.conf', 'notes', 'data.json'];
const CONFIGS = fixtureTexts(/\.(ya?ml|tf|conf|toml|rules|kubeconfig)$/).map((t) => t.slice(0, 16 * 1024));

const comment = fc
  .tuple(
    fc.constantFrom('#', '//', ';', '# ', '  #', '\t//'),
    fc.constantFrom(' ztmm:ignore', 'ztmm:ignore', ' ztmm:ignore  ', ' ztmm:ignored', ' ZTMM:IGNORE'),
    fc.array(fc.constantFrom('COV-001', 'RET-001', 'pod-exec', 'a.b-c_d', '-bad', 'X', '__proto__'), { maxLength: 3 }),
    fc.constantFrom(',', ', ', ' ,'),
    fc.constantFrom('', ' because', ' -- accepted risk', ' — owner says so', ': reason', ' -', '   '),
  )
  .map(([marker, keyword, ids, separator, reason]) => `${marker}${keyword} ${ids.join(separator)}${reason}`);

/** Plants comments at line boundaries and after content. */
const planted = fc.tuple(mutatedText(CONFIGS, 3), fc.array(fc.tuple(fc.nat(), comment, fc.boolean()), { maxLength: 8 })).map(([text, comments]) => {
  const lines = text.split('\n');
  for (const [at, c, inline] of comments) {
    const i = at % (lines.length + 1);
    if (inline && i < lines.length) lines[i] = `${lines[i] ?? ''} ${c}`;
    else lines.splice(i, 0, c);
  }
  return lines.join('\n');
});

function check(path: string, text: string): void {
  const found = timed(`findSuppressions (${text.length} chars)`, () => findSuppressions(path, text));
  const lines = text.split('\n').length;
  for (const s of found) {
    assert.equal(s.path, path);
    assert.ok(s.rule.length > 0 && !/[\s,]/.test(s.rule), `rule id ${JSON.stringify(s.rule)}`);
    assert.ok(Number.isInteger(s.line) && s.line >= 1 && s.line <= lines, `line ${s.line} of ${lines}`);
    assert.ok(Number.isInteger(s.column) && s.column >= 1);
    assert.ok(s.from >= s.line, `from ${s.from} before the comment at ${s.line}`);
    assert.ok(s.to <= lines, `to ${s.to} past the last line ${lines}`);
    assert.ok(s.reason === null || (s.reason.length > 0 && s.reason === s.reason.trim()));
  }
}

describe('findSuppressions', () => {
  test('arbitrary text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), anyText(500), (path, text) => check(path, text)),
      runs(300),
    );
  });

  test('real configuration files with ztmm:ignore comments planted', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), planted, (path, text) => check(path, text)),
      runs(300),
    );
  });

  test('adversarial layouts: many comments over blocks that never close, deep indentation, long lines', () => {
    const layout = fc.tuple(fc.constantFrom('brace', 'indent', 'ini', 'long', 'yaml-seq'), fc.integer({ min: 1, max: 4000 })).map(([kind, n]) => {
      switch (kind) {
        case 'brace':
          return Array.from({ length: n }, () => '# ztmm:ignore COV-001 why\nresource "x" {').join('\n');
        case 'indent':
          return Array.from({ length: n }, (_, i) => `${' '.repeat(i % 200)}# ztmm:ignore A-001 r\n${' '.repeat(i % 200)}k${i}:`).join('\n');
        case 'ini':
          return Array.from({ length: n }, () => '; ztmm:ignore B-001 r\n[section]\nkey = value').join('\n');
        case 'yaml-seq':
          return `key:\n${Array.from({ length: n }, () => '# ztmm:ignore C-001 r\n- item').join('\n')}`;
        default:
          return `a ${'# ztmm:ignore '.repeat(n)}`.slice(0, 64 * 1024);
      }
    });
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), layout, (path, text) => check(path, text.slice(0, 64 * 1024))),
      runs(40),
    );
  });
});
