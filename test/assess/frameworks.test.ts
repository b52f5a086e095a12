import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listFrameworks, loadFramework, parseFramework } from '../../src/assess/frameworks.js';
import { ZtmmError } from '../../src/errors.js';
import { loadRules } from '../../src/rules/load-packs.js';

function refused(fn: () => unknown): ZtmmError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ZtmmError, String(error));
    return error;
  }
  assert.fail('expected a ZtmmError');
}

describe('shipped frameworks', () => {
  test('are the four of the issue', () => {
    assert.deepEqual(listFrameworks(), ['cis-v8', 'm-21-31', 'nist-800-53', 'pci-dss-4']);
  });

  for (const id of listFrameworks()) {
    test(`${id} loads and validates, with unique requirement ids and a citation`, () => {
      const framework = loadFramework(id);
      assert.equal(framework.id, id);
      assert.ok(framework.source.length > 20);
      const ids = framework.requirements.map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length);
    });
  }

  test('no rule references a requirement its framework file does not have', () => {
    const files = new Map(listFrameworks().map((id) => [id, new Set(loadFramework(id).requirements.map((r) => r.id))]));
    const dangling: string[] = [];
    for (const rule of loadRules()) {
      for (const ref of rule.references) {
        const known = files.get(ref.framework);
        if (known && !known.has(ref.id)) dangling.push(`${rule.id} → ${ref.framework} ${ref.id}`);
      }
    }
    assert.deepEqual(dangling, []);
  });

  test('M-21-31: EL1 to EL3 over the floor EL0, EL1 with the headings of cloud.gov', () => {
    const m = loadFramework('m-21-31');
    assert.equal(m.floor, 'EL0');
    assert.deepEqual(
      m.levels.map((l) => [l.id, l.includes]),
      [
        ['EL1', []],
        ['EL2', ['EL1']],
        ['EL3', ['EL1', 'EL2']],
      ],
    );
    assert.deepEqual(
      m.requirements.filter((r) => r.level === 'EL1').map((r) => r.id),
      [
        'basic-logging-categories',
        'minimum-logging-data',
        'time-standard',
        'event-forwarding',
        'protecting-and-validating',
        'passive-dns',
        'cisa-and-fbi-access-requirements',
        'logging-orchestration-automation-and-response-planning',
        'user-behavior-monitoring-planning',
        'basic-centralized-access',
        'retention',
      ],
    );
    // The reference could not confirm the EL2 and EL3 headings: the data says so.
    for (const r of m.requirements.filter((req) => req.level !== 'EL1')) assert.match(r.note ?? '', /UNVERIFIED/, r.id);
  });

  test('CIS v8: safeguards 8.1 to 8.12 in their implementation groups', () => {
    const cis = loadFramework('cis-v8');
    assert.equal(cis.floor, null);
    assert.deepEqual(cis.levels.map((l) => l.id), ['IG1', 'IG2', 'IG3']);
    assert.deepEqual(cis.levels[2]?.includes, ['IG1', 'IG2']);
    const groups = Object.fromEntries(cis.requirements.map((r) => [r.id, r.level]));
    assert.deepEqual(groups, {
      '8.1': 'IG1', '8.2': 'IG1', '8.3': 'IG1',
      '8.4': 'IG2', '8.5': 'IG2', '8.6': 'IG2', '8.7': 'IG2', '8.8': 'IG2', '8.9': 'IG2', '8.10': 'IG2', '8.11': 'IG2',
      '8.12': 'IG3',
    });
  });

  test('PCI DSS 4 and NIST 800-53 have no levels; requirements the reference did not check say so', () => {
    const pci = loadFramework('pci-dss-4');
    assert.deepEqual(pci.levels, []);
    assert.ok(pci.requirements.every((r) => r.level === null));
    for (const id of ['10.2.1', '10.2.2', '10.3.3', '10.4.1', '10.4.1.1', '10.5.1', '10.6.1', '10.7.2']) assert.ok(pci.requirements.some((r) => r.id === id), id);
    for (const id of ['10.2.1.1', '10.2.1.3', '10.2.1.4', '10.3.1', '8.3.2']) assert.match(pci.requirements.find((r) => r.id === id)?.note ?? '', /UNVERIFIED/, id);
    const nist = loadFramework('nist-800-53');
    assert.deepEqual(nist.levels, []);
    assert.match(nist.requirements.find((r) => r.id === 'IA-5(1)')?.note ?? '', /UNVERIFIED/);
  });
});

describe('framework errors', () => {
  const head = `id: fw
title: A framework
source: A test citation.
`;
  const levels = `levels:
  - { id: L1, title: One, includes: [] }
  - { id: L2, title: Two, includes: [L1] }
`;

  test('a valid levelled framework parses, and includes are closed over', () => {
    const fw = parseFramework(
      'fw',
      `${head}floor: L0
levels:
  - { id: L1, title: One, includes: [] }
  - { id: L2, title: Two, includes: [L1] }
  - { id: L3, title: Three, includes: [L2] }
requirements:
  - { id: a, title: A, level: L1 }
  - { id: b, title: B, level: L2 }
  - { id: c, title: C, level: L3 }
`,
    );
    assert.deepEqual(fw.levels.map((l) => l.includes), [[], ['L1'], ['L1', 'L2']]);
    assert.equal(fw.floor, 'L0');
  });

  test('an unknown framework is a usage error listing the known ones', () => {
    const error = refused(() => loadFramework('iso-27001'));
    assert.equal(error.code, 'E_USAGE');
    assert.equal(error.message, 'unknown framework "iso-27001" (cis-v8, m-21-31, nist-800-53, pci-dss-4)');
  });

  const cases: [string, string, RegExp][] = [
    ['a schema error', `${head}requirements: []\n`, /^frameworks\/fw\.yaml:4:1: requirements must NOT have fewer than 1 items/],
    ['a repeated requirement', `${head}requirements:\n  - { id: a, title: A }\n  - { id: a, title: B }\n`, /^frameworks\/fw\.yaml:6:7: requirements\[1\]\.id repeats requirement "a"/],
    ['a level that is not declared', `${head}${levels}requirements:\n  - { id: a, title: A, level: L9 }\n`, /^frameworks\/fw\.yaml:8:\d+: requirements\[0\]\.level names no level/],
    ['an include of a level above', `${head}levels:\n  - { id: L1, title: One, includes: [L2] }\n  - { id: L2, title: Two, includes: [] }\nrequirements:\n  - { id: a, title: A, level: L1 }\n  - { id: b, title: B, level: L2 }\n`, /levels\[0\]\.includes\[0\] names no level declared before "L1"/],
    ['a requirement off the levels', `${head}${levels}requirements:\n  - { id: a, title: A, level: L1 }\n  - { id: b, title: B }\n`, /requirements\[1\] needs a "level"/],
    ['a level with no requirement', `${head}${levels}requirements:\n  - { id: a, title: A, level: L1 }\n`, /^frameworks\/fw\.yaml:6:5: levels\[1\] no requirement has level "L2"/],
    ['a floor without levels', `${head}floor: L0\nrequirements:\n  - { id: a, title: A }\n`, /floor needs levels/],
    ['a floor that is a level', `${head}floor: L1\n${levels}requirements:\n  - { id: a, title: A, level: L1 }\n  - { id: b, title: B, level: L2 }\n`, /floor "L1" is a level/],
    ['an id that is not the file name', head.replace('id: fw', 'id: other') + 'requirements:\n  - { id: a, title: A }\n', /^frameworks\/fw\.yaml:1:1: id must be "fw"/],
  ];
  for (const [name, text, expected] of cases) {
    test(`${name} is refused with file:line:col`, () => {
      assert.match(refused(() => parseFramework('fw', text)).message, expected);
    });
  }
});
