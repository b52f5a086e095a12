/**
 * Properties of the loaders that refuse bad input with a ZtmmError: parseConfig (.ztmm.yaml) and
 * parseResult (a saved JSON result for `ztmm report`). Whatever the text (arbitrary, a mutated
 * real file, a structurally mutated valid one), they return a value or throw a ZtmmError whose
 * message is one line and quotes no secret of the input; never a TypeError or a RangeError.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { stringify as yamlStringify } from 'yaml';
import { parseResult } from '../../src/cli/load-result.js';
import { parseConfig } from '../../src/config/load-config.js';
import { DEMO, runCli } from '../helpers.js';
import type { Json } from './support.js';
import {
  CANARY_PASSWORD,
  CANARY_TOKEN,
  KEY,
  SCALAR,
  anyText,
  applyEdit,
  assertNoPollution,
  define,
  edit,
  jsonish,
  mapPaths,
  mutatedText,
  nodePaths,
  onlyZtmmError,
  prototypeKeys,
  runs,
  timed,
  withCanary,
} from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

// ---------------------------------------------------------------------------------------------
// .ztmm.yaml

const CONFIGS = [
  `profile: m-21-31
include: ["k8s/**"]
exclude: ["**/testdata/**"]
rules: [./packs]
params: { RET-001: { minDays: 90 } }
severity: { FMT-004: low }
disable: [FMT-007]
sources:
  - { path: "app/*.dat", system: payments, pillars: [applications], format: jsonl }
aliases: { actor: [principal.name] }
gate: { failUnder: 60, minStage: { overall: initial, identity: advanced }, maxDrop: 5 }
waivers:
  - rule: COV-006
    reason: RBAC writes are audited by the GitOps pipeline (token ${CANARY_TOKEN})
    owner: platform
    expires: 2027-01-31
`,
  'gate: { minStage: optimized }\n',
  '',
  '# only a comment\n',
  `{"profile": "ztmm", "waivers": [{"rule": "RET-001", "reason": "password=${CANARY_PASSWORD}", "expires": "2026-02-28"}]}\n`,
];

const STAGES = ['traditional', 'initial', 'advanced', 'optimal', 'optimized', 'expert', 'Initial'];
const ruleId = fc.oneof(fc.constantFrom('RET-001', 'COV-006', 'FMT-004', 'X-1', 'ret-001', '__proto__', 'constructor'), fc.string({ maxLength: 8 }));
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: SCALAR }, { weight: 1, arbitrary: jsonish(2) });
const strings = maybe(fc.array(fc.oneof(fc.constantFrom('**/*.yaml', 'packs', 'FMT-007', ''), fc.string({ maxLength: 10 })), { maxLength: 3 }));
const configData = fc
  .tuple(
    fc.record(
      {
        profile: maybe(fc.constantFrom('ztmm', 'm-21-31', 'cis-v8', 'nope', '')),
        include: strings,
        exclude: strings,
        rules: strings,
        disable: strings,
        params: maybe(fc.dictionary(ruleId, maybe(fc.dictionary(KEY, SCALAR, { maxKeys: 3 })), { maxKeys: 3 })),
        severity: maybe(fc.dictionary(ruleId, fc.constantFrom('low', 'medium', 'high', 'critical', 'huge'), { maxKeys: 3 })),
        sources: maybe(fc.array(fc.record({ path: fc.constantFrom('app/*.dat', '', '['), system: fc.constantFrom('payments', ''), pillars: maybe(fc.array(fc.constantFrom('applications', 'identity', 'subject', 'nope'), { maxLength: 2 })), format: fc.constantFrom('jsonl', 'syslog', 'bogus') }, { requiredKeys: [] }), { maxLength: 2 })),
        aliases: maybe(fc.dictionary(fc.constantFrom('actor', 'timestamp', 'target', 'nope', '__proto__'), strings, { maxKeys: 2 })),
        gate: maybe(fc.record({ failUnder: maybe(fc.oneof(fc.integer({ min: -5, max: 105 }), fc.constantFrom(1e400, 0.5, -0))), minStage: maybe(fc.oneof(fc.constantFrom(...STAGES), fc.dictionary(fc.constantFrom('overall', 'identity', 'data', 'nope'), fc.constantFrom(...STAGES), { maxKeys: 3 }))), maxDrop: maybe(fc.integer({ min: -1, max: 200 })) }, { requiredKeys: [] })),
        waivers: maybe(
          fc.array(
            fc.record(
              {
                rule: maybe(ruleId),
                reason: fc.constantFrom(`because ${CANARY_TOKEN}`, `password=${CANARY_PASSWORD} leaked`, 'ok', 'accepted risk'),
                owner: fc.constantFrom('platform', CANARY_TOKEN),
                expires: maybe(fc.constantFrom('2027-01-31', '2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '2026-1-1', 'tomorrow')),
                subject: fc.string({ maxLength: 8 }),
                path: fc.constantFrom('**', '['),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 3 },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
    fc.array(fc.tuple(KEY, SCALAR), { maxLength: 2 }),
  )
  .map(([config, extra]) => {
    const out: Record<string, unknown> = { ...config };
    for (const [key, value] of extra) define(out, key, value);
    return out;
  });

function loadConfig(text: string): void {
  const result = onlyZtmmError('parseConfig', () => timed('parseConfig', () => parseConfig(text, '/x/.ztmm.yaml', '.ztmm.yaml')));
  if ('error' in result) {
    assert.ok(result.error.message.startsWith('.ztmm.yaml:'), `the message names the file: ${result.error.message.slice(0, 120)}`);
    assert.equal(result.error.code, 'E_CONFIG');
    return;
  }
  const config = result.value;
  for (const list of [config.include, config.exclude, config.rules, config.disable, config.sources, config.waivers]) assert.ok(Array.isArray(list));
  for (const waiver of config.waivers) assert.ok(waiver.declaredAt.line >= 1);
}

describe('parseConfig throws only ZtmmError', () => {
  test('arbitrary text', () => {
    fc.assert(fc.property(anyText(400), loadConfig), runs(300));
  });
  test('mutated real configs with a secret planted', () => {
    fc.assert(
      fc.property(mutatedText(CONFIGS), withCanary(), (text, plant) => loadConfig(plant(text))),
      runs(300),
    );
  });
  test('config-like data written as YAML and as JSON', () => {
    fc.assert(
      fc.property(configData, fc.boolean(), (data, asJson) => {
        const text = asJson ? JSON.stringify(data) : yamlStringify(data);
        loadConfig(text);
      }),
      runs(300),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Saved results

function loadResult(text: string): void {
  const result = onlyZtmmError('parseResult', () => timed('parseResult', () => parseResult(text, 'result.json')));
  if ('error' in result) {
    assert.equal(result.error.code, 'E_RESULT');
    assert.ok(result.error.message.startsWith('result.json: '), result.error.message.slice(0, 120));
  }
}

describe('parseResult throws only ZtmmError', () => {
  let valid: Json = null;
  let validText = '';
  let paths: (string | number)[][] = [];
  let maps: (string | number)[][] = [];
  before(async () => {
    const run = await runCli(['scan', DEMO, '-f', 'json']);
    validText = run.stdout;
    valid = JSON.parse(validText) as Json;
    paths = nodePaths(valid);
    maps = mapPaths(valid);
    parseResult(validText, 'result.json');
  });

  test('structural edits of a real result (values replaced, keys removed and added, entries duplicated)', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean(), (edits, pretty) => {
        const changed = edits.reduce<Json>((json, e) => applyEdit(json, paths, maps, e), valid);
        loadResult(JSON.stringify(changed, null, pretty ? 2 : undefined) ?? '');
      }),
      runs(300),
    );
  });

  test('text mutations of a real result, and arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(null).chain(() => mutatedText([validText], 4)), anyText(300)), withCanary(), (text, plant) => loadResult(plant(text))),
      runs(300),
    );
  });
});
