/**
 * Properties of rule packs and their patterns: compilePack returns rules or throws a ZtmmError
 * with a one-line message quoting no secret (never a TypeError or RangeError), for arbitrary text,
 * mutated real packs, structurally edited packs and any parameter overrides; compilePattern
 * returns a pattern or a one-line refusal for any source, and a pattern tests any input in
 * bounded (linear) time.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { parse as yamlParse, stringify as yamlStringify } from 'yaml';
import { compilePack } from '../../src/rules/load-packs.js';
import type { ParamOverrides } from '../../src/rules/load-packs.js';
import type { Pattern } from '../../src/rules/pattern.js';
import { MAX_MATCH_INPUT, MAX_PATTERN_LENGTH, compilePattern, isPattern } from '../../src/rules/pattern.js';
import type { Json } from './support.js';
import {
  KEY,
  REPO,
  SCALAR,
  anyText,
  applyEdit,
  assertNoPollution,
  assertOneLine,
  edit,
  jsonish,
  mapPaths,
  mutatedText,
  nodePaths,
  onlyZtmmError,
  prototypeKeys,
  repoText,
  runs,
  timed,
  withCanary,
} from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const PACK_FILES = readdirSync(join(REPO, 'rules'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Every shipped rule as a pack of its own (small samples keep a run quick), plus one whole pack. */
const SINGLE_RULE_PACKS: Json[] = PACK_FILES.flatMap((file) => {
  const pack = yamlParse(repoText(`rules/${file}`)) as { pack: string; description?: string; rules: Json[] };
  return pack.rules.map((rule): Json => ({ pack: pack.pack, rules: [rule] }));
});
const PACK_TEXTS = [...SINGLE_RULE_PACKS.map((p) => yamlStringify(p)), repoText('rules/realtime.yaml')];

function load(text: string, params: ParamOverrides = {}): void {
  const result = onlyZtmmError('compilePack', () => timed('compilePack', () => compilePack('pack.yaml', text, params)));
  if ('error' in result) {
    assert.ok(result.error.code.startsWith('E_RULEPACK_'), result.error.code);
    assert.match(result.error.message, /^pack\.yaml:\d+:\d+: /, 'the message names file:line:col');
    return;
  }
  for (const rule of result.value) assert.ok(typeof rule.id === 'string' && rule.declaredAt.line >= 1);
}

describe('compilePack throws only ZtmmError', () => {
  test('every shipped rule compiles as a pack of its own', () => {
    for (const text of PACK_TEXTS) assert.ok(compilePack('pack.yaml', text).length >= 1);
  });

  test('arbitrary text', () => {
    fc.assert(fc.property(anyText(400), (text) => load(text)), runs(300));
  });

  test('mutated real packs with a secret planted', () => {
    fc.assert(
      fc.property(mutatedText(PACK_TEXTS, 4), withCanary(), (text, plant) => load(plant(text))),
      runs(300),
    );
  });

  test('structural edits of real packs (conditions, params, patterns replaced, removed, added)', () => {
    const packs = SINGLE_RULE_PACKS.map((pack) => ({ pack, paths: nodePaths(pack), maps: mapPaths(pack) }));
    const patternEdit = fc.record({ path: fc.constantFrom('check', 'target.where'), source: fc.oneof(anyText(40), fc.constantFrom('(a)\\1', 'a(?=b)', '[', '(?i)^ok$', '\\pL+', 'x{1001}', '(?:a{0,1000}){0,1000}')) });
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.option(patternEdit, { nil: null }), fc.boolean(), (which, edits, pattern, asJson) => {
        const chosen = packs[which % packs.length];
        assert.ok(chosen);
        let data = edits.reduce<Json>((json, e) => applyEdit(json, chosen.paths, chosen.maps, e), chosen.pack);
        if (pattern !== null && typeof data === 'object' && data !== null && !Array.isArray(data) && Array.isArray(data['rules'])) {
          const rule = data['rules'][0];
          if (typeof rule === 'object' && rule !== null && !Array.isArray(rule)) {
            const condition: Json = { path: 'events', matches: pattern.source };
            if (pattern.path === 'check') rule['check'] = condition;
            else rule['target'] = { kind: 'sample', where: { all: [condition, { not: condition }] } };
          }
        }
        load(asJson ? JSON.stringify(data) : yamlStringify(data));
      }),
      runs(250),
    );
  });

  test('recursive and deeply nested conditions are ZtmmErrors, not stack overflows', () => {
    const base = repoText('rules/realtime.yaml');
    const shapes = fc.oneof(
      fc.constant(base.replace('where:\n        all:', 'where: &w\n        all:\n          - *w')),
      fc.constant(base.replace('where:\n        all:', 'where: &w\n        not: { all: [*w] }\n        x:')),
      fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('not', 'all', 'any')).map(([depth, op]) => {
        const open = op === 'not' ? '{not: ' : `{${op}: [`;
        const close = op === 'not' ? '}' : ']}';
        return base.replace(/check: \{[^\n]*\}/, `check: ${open.repeat(depth)}{path: events, gte: 1}${close.repeat(depth)}`);
      }),
    );
    fc.assert(
      fc.property(shapes, (text) => {
        // Twice: a deep parse is where the process used to abort.
        load(text);
        load(text);
      }),
      runs(60),
    );
  });

  test('any parameter overrides, for known and unknown rules', () => {
    const ids = SINGLE_RULE_PACKS.map((p) => String(((p as { rules: { id: Json }[] }).rules[0] ?? { id: '' }).id));
    const overrides: fc.Arbitrary<ParamOverrides> = fc.dictionary(fc.oneof(fc.constantFrom(...ids), KEY), fc.dictionary(fc.oneof(KEY, fc.constantFrom('minDays', 'maxGapSeconds', 'minEvents', 'min')), fc.oneof(SCALAR, jsonish(2)), { maxKeys: 3 }), { maxKeys: 3 });
    fc.assert(
      fc.property(fc.constantFrom(...PACK_TEXTS), overrides, (text, params) => load(text, params)),
      runs(250),
    );
  });
});

describe('RE2 patterns', () => {
  const source = fc.oneof(
    anyText(80),
    fc.string({ unit: fc.constantFrom('a', '(', ')', '*', '+', '?', '|', '{', '}', ',', '1', '0', '9', '[', ']', '^', '$', '\\', 'p', 'L', '.', '-', '?:', '?i', '?='), maxLength: 60 }),
    fc.tuple(fc.constantFrom('a', '.', '\\w', '[a-z]', '(?:a|aa)', '\\pL', '[\\x{0}-\\x{10FFFF}]'), fc.array(fc.constantFrom('*', '+', '?', '{2}', '{0,1000}', '{1000}', '{1001}', '{3,}'), { minLength: 1, maxLength: 4 })).map(([atom, ops]) => ops.reduce<string>((p, op) => `(?:${p})${op}`, atom)),
    fc.constant('x'.repeat(MAX_PATTERN_LENGTH + 1)),
  );
  const input = fc.oneof(anyText(200), fc.tuple(fc.constantFrom('a', 'ab', 'aa!', ' ', '\u00e9'), fc.integer({ min: 1, max: 30_000 })).map(([s, n]) => s.repeat(n)));

  test('compilePattern refuses in one line or compiles; a pattern tests any input in bounded time', () => {
    fc.assert(
      fc.property(source, fc.array(input, { maxLength: 3 }), (src, inputs) => {
        const compiled: Pattern | { error: string } = timed(`compilePattern (${src.length} chars)`, () => compilePattern(src));
        if (!isPattern(compiled)) {
          assert.equal(typeof compiled.error, 'string');
          if (src.length > MAX_PATTERN_LENGTH) assert.match(compiled.error, /longer than/);
          return;
        }
        assert.ok(src.length <= MAX_PATTERN_LENGTH);
        for (const text of inputs) {
          const pattern: Pattern = compiled;
          const result: boolean = timed(`pattern.test (${text.length} chars)`, () => pattern.test(text));
          assert.equal(typeof result, 'boolean');
          // Only the first MAX_MATCH_INPUT characters are looked at.
          if (text.length > MAX_MATCH_INPUT) assert.equal(result, pattern.test(text.slice(0, MAX_MATCH_INPUT)));
        }
      }),
      runs(300),
    );
  });

  test('a refused pattern in a pack is a one-line ZtmmError', () => {
    fc.assert(
      fc.property(source, (src) => {
        const text = yamlStringify({ pack: 'p', rules: [{ ...((SINGLE_RULE_PACKS[0] as { rules: Record<string, Json>[] }).rules[0] ?? {}), check: { path: 'events', matches: src } }] });
        const result = onlyZtmmError('compilePack', () => compilePack('pack.yaml', text));
        if ('error' in result) assertOneLine(result.error.message, 'pattern error');
      }),
      runs(200),
    );
  });
});
