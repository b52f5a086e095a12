import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PROFILE, listProfiles, loadProfile, parseProfile } from '../../src/assess/profiles.js';
import { listFrameworks } from '../../src/assess/frameworks.js';
import { ZtmmError } from '../../src/errors.js';
import { AREAS, STAGES } from '../../src/model/vocabulary.js';
import { loadRules, unknownParams } from '../../src/rules/load-packs.js';

function refused(fn: () => unknown): ZtmmError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ZtmmError, String(error));
    return error;
  }
  assert.fail('expected a ZtmmError');
}

const valid = `id: custom
title: A custom profile
description: For tests.
params:
  RET-004: { minDays: 400 }
gate:
  minStage: { overall: initial, visibility: advanced }
frameworks: [m-21-31]
`;

describe('shipped profiles', () => {
  const rules = loadRules();

  test('are the four of the issue, the default first', () => {
    assert.equal(DEFAULT_PROFILE, 'ztmm');
    assert.deepEqual(listProfiles(), ['ztmm', 'cis-v8', 'm-21-31', 'pci-dss-4']);
  });

  for (const id of listProfiles()) {
    test(`${id} loads, validates and links only to shipped frameworks`, () => {
      const profile = loadProfile(id);
      assert.equal(profile.id, id);
      assert.ok(profile.title.length > 0 && profile.description.length > 0);
      for (const name of profile.frameworks) assert.ok(listFrameworks().includes(name), name);
      for (const [key, stage] of Object.entries(profile.gate.minStage ?? {})) {
        assert.ok(key === 'overall' || (AREAS as readonly string[]).includes(key), key);
        assert.ok((STAGES as readonly string[]).includes(stage), stage);
      }
    });

    test(`${id} sets only parameters the rules declare, with the type of their default`, () => {
      const profile = loadProfile(id);
      assert.deepEqual(unknownParams(rules, profile.params), []);
      const byId = new Map(rules.map((r) => [r.id, r]));
      for (const [ruleId, values] of Object.entries(profile.params)) {
        for (const [name, value] of Object.entries(values)) {
          assert.equal(typeof value, typeof byId.get(ruleId)?.params[name], `${ruleId}.${name}`);
        }
      }
      // And the packs compile with them (a param inside a condition must still type-check).
      const tuned = loadRules({ params: profile.params });
      for (const [ruleId, values] of Object.entries(profile.params)) {
        const rule = tuned.find((r) => r.id === ruleId);
        for (const [name, value] of Object.entries(values)) assert.deepEqual(rule?.params[name], value, `${ruleId}.${name}`);
      }
    });
  }

  test('the presets carry the figures of their frameworks', () => {
    assert.deepEqual(loadProfile('ztmm').params, {});
    assert.deepEqual(loadProfile('ztmm').gate, {});
    assert.deepEqual(loadProfile('ztmm').frameworks, []);
    // M-21-31: 12 months hot + 18 months cold, checked as the 30-month total.
    assert.deepEqual(loadProfile('m-21-31').params['RET-004'], { minDays: 913 });
    assert.deepEqual(loadProfile('m-21-31').params['RET-401'], { minDays: 913 }, 'a store policy is held to the same figure');
    assert.deepEqual(loadProfile('m-21-31').frameworks, ['m-21-31']);
    // PCI DSS 10.5.1: 12 months; 10.2.2: the details on every event.
    const pci = loadProfile('pci-dss-4');
    assert.deepEqual(pci.params['RET-004'], { minDays: 365 });
    for (const id of ['MET-002', 'MET-003', 'MET-004', 'MET-009', 'FMT-003']) assert.deepEqual(pci.params[id], { minRatio: 1 }, id);
    // CIS 8.10: at least 90 days.
    assert.deepEqual(loadProfile('cis-v8').params, { 'RET-001': { minDays: 90 }, 'RET-004': { minDays: 90 }, 'RET-401': { minDays: 90 }, 'RET-405': { minDays: 90 } });
    assert.deepEqual(loadProfile('cis-v8').frameworks, ['cis-v8']);
  });

  test('every rule a pci-dss-4 ratio names evidences 10.2.2', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    for (const [ruleId, values] of Object.entries(loadProfile('pci-dss-4').params)) {
      if (!('minRatio' in values)) continue;
      assert.ok(byId.get(ruleId)?.references.some((ref) => ref.framework === 'pci-dss-4' && ref.id === '10.2.2'), ruleId);
    }
  });
});

describe('profile errors', () => {
  test('an unknown profile is a usage error listing the known ones', () => {
    const error = refused(() => loadProfile('nope'));
    assert.equal(error.code, 'E_USAGE');
    assert.equal(error.message, 'unknown profile "nope" (ztmm, cis-v8, m-21-31, pci-dss-4)');
  });

  test('a path is not a profile name', () => {
    assert.equal(refused(() => loadProfile('../rules/retention')).code, 'E_USAGE');
  });

  test('a valid profile text parses', () => {
    const profile = parseProfile('custom', valid);
    assert.deepEqual(profile.params, { 'RET-004': { minDays: 400 } });
    assert.deepEqual(profile.gate, { minStage: { overall: 'initial', visibility: 'advanced' } });
  });

  test('a YAML syntax error names file:line:col', () => {
    const error = refused(() => parseProfile('custom', 'id: custom\nparams: {\n'));
    assert.match(error.message, /^profiles\/custom\.yaml:\d+:\d+: /);
  });

  test('a schema error names the key and its line', () => {
    const error = refused(() => parseProfile('custom', valid.replace('visibility: advanced', 'visibility: great')));
    assert.match(error.message, /^profiles\/custom\.yaml:7:\d+: gate\.minStage\.visibility must be one of "traditional"/);
    const unknownKey = refused(() => parseProfile('custom', `${valid}extra: 1\n`));
    assert.match(unknownKey.message, /^profiles\/custom\.yaml:9:1: extra is not a known key/);
    const badArea = refused(() => parseProfile('custom', valid.replace('overall: initial', 'security: initial')));
    assert.match(badArea.message, /^profiles\/custom\.yaml:7:\d+: gate\.minStage\.security is not a known key/);
    const badRuleId = refused(() => parseProfile('custom', valid.replace('RET-004', 'ret-4')));
    assert.match(badRuleId.message, /^profiles\/custom\.yaml:5:3: params\.ret-4 is not a valid key here/);
  });

  test('the id must be the file name, and frameworks must be shipped', () => {
    assert.match(refused(() => parseProfile('other', valid)).message, /^profiles\/other\.yaml:1:1: id must be "other"/);
    const error = refused(() => parseProfile('custom', valid.replace('[m-21-31]', '[m-21-31, iso-27001]')));
    assert.match(error.message, /^profiles\/custom\.yaml:8:\d+: frameworks\[1\] names no shipped framework/);
  });
});
