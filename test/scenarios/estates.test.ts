/**
 * The four reference estates of fixtures/estates/ (traditional, initial, advanced, optimal) are
 * the truth the scoring model answers to: each is scanned with the built-in rules and every
 * area's stage and next-stage blockers must equal its expected.yaml exactly. The estates must
 * also come out in order (no area of a later estate below the earlier one) and scan cleanly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { parse } from 'yaml';
import type { ScanResult } from '../../src/model/result.js';
import { AREAS, STAGES, stageIndex } from '../../src/model/vocabulary.js';
import type { Area, Stage } from '../../src/model/vocabulary.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { REPO } from '../helpers.js';

const ESTATES = ['traditional', 'initial', 'advanced', 'optimal'] as const;
type EstateName = (typeof ESTATES)[number];

interface Expected {
  overall?: { stage: Stage; score?: number };
  pillars: Record<Area, { stage: Stage; blockers: string[] }>;
}

interface Scanned {
  result: ScanResult;
  problems: string[];
}

const dirOf = (name: EstateName): string => join(REPO, 'fixtures', 'estates', name);

function readExpected(name: EstateName): Expected {
  const path = join(dirOf(name), 'expected.yaml');
  const data = parse(readFileSync(path, 'utf8')) as Expected;
  assert.ok(data && typeof data === 'object' && data.pillars, `${name}: expected.yaml has a pillars map`);
  const listed = Object.keys(data.pillars).sort();
  assert.deepEqual(listed, [...AREAS].sort(), `${name}: expected.yaml lists every pillar and capability exactly once`);
  for (const area of AREAS) {
    const entry = data.pillars[area];
    assert.ok((STAGES as readonly string[]).includes(entry.stage), `${name}/${area}: "${String(entry.stage)}" is not a stage`);
    assert.ok(Array.isArray(entry.blockers), `${name}/${area}: blockers is a list`);
  }
  return data;
}

const scanned = new Map<EstateName, Scanned>();
const expected = new Map<EstateName, Expected>();

function get<T>(map: Map<EstateName, T>, name: EstateName): T {
  const value = map.get(name);
  assert.ok(value !== undefined, `${name} was scanned`);
  return value;
}

describe('reference estates', () => {
  before(async () => {
    const rules = loadRules();
    for (const name of ESTATES) {
      expected.set(name, readExpected(name));
      scanned.set(name, await scan({ roots: [dirOf(name)], rules, cwd: REPO }));
    }
  });

  for (const name of ESTATES) {
    test(`${name}: every area's stage and blockers match expected.yaml`, () => {
      const { result } = get(scanned, name);
      const want = get(expected, name);
      const mismatches: string[] = [];
      for (const area of AREAS) {
        const got = result.pillars.find((p) => p.id === area);
        assert.ok(got, `${name}/${area}: the result has the area`);
        const wanted = want.pillars[area];
        const gotBlockers = got.next?.blockers ?? [];
        if (got.stage !== wanted.stage) mismatches.push(`${name}/${area}: stage expected ${wanted.stage}, got ${got.stage}`);
        if (JSON.stringify(gotBlockers) !== JSON.stringify(wanted.blockers)) {
          mismatches.push(`${name}/${area}: blockers expected [${wanted.blockers.join(', ')}], got [${gotBlockers.join(', ')}]`);
        }
      }
      if (want.overall) {
        if (result.summary.stage !== want.overall.stage) mismatches.push(`${name}/overall: stage expected ${want.overall.stage}, got ${result.summary.stage}`);
        if (want.overall.score !== undefined && result.summary.score !== want.overall.score) {
          mismatches.push(`${name}/overall: score expected ${want.overall.score}, got ${result.summary.score}`);
        }
      }
      assert.deepEqual(mismatches, [], `\n${mismatches.join('\n')}`);
    });

    test(`${name}: every file is read without error`, () => {
      const { result, problems } = get(scanned, name);
      const errors = result.inventory.filter((entry) => entry.status === 'error').map((entry) => `${entry.path}: ${entry.reason ?? 'error'}`);
      assert.deepEqual(errors, [], `${name}: files in error`);
      assert.deepEqual(problems, [], `${name}: problems reported while reading`);
      assert.ok(result.inventory.some((entry) => entry.status === 'assessed'), `${name}: something was assessed`);
    });
  }

  test('the estates are ordered: no area of a later estate is below the earlier one', () => {
    const regressions: string[] = [];
    for (let i = 1; i < ESTATES.length; i++) {
      const lower = ESTATES[i - 1] as EstateName;
      const higher = ESTATES[i] as EstateName;
      for (const area of AREAS) {
        const a = get(scanned, lower).result.pillars.find((p) => p.id === area)?.stage ?? 'traditional';
        const b = get(scanned, higher).result.pillars.find((p) => p.id === area)?.stage ?? 'traditional';
        if (stageIndex(b) < stageIndex(a)) regressions.push(`${area}: ${lower} is ${a} but ${higher} is ${b}`);
      }
      const oa = get(scanned, lower).result.summary.stage;
      const ob = get(scanned, higher).result.summary.stage;
      if (stageIndex(ob) < stageIndex(oa)) regressions.push(`overall: ${lower} is ${oa} but ${higher} is ${ob}`);
    }
    assert.deepEqual(regressions, [], `\n${regressions.join('\n')}`);
  });

  test('each estate reaches its named stage overall and in most pillars', () => {
    const shortfalls: string[] = [];
    for (const name of ESTATES) {
      const { result } = get(scanned, name);
      if (result.summary.stage !== name) shortfalls.push(`${name}: overall stage is ${result.summary.stage}`);
      const pillars = result.pillars.filter((p) => p.kind === 'pillar');
      const atStage = pillars.filter((p) => p.stage === name).length;
      if (atStage * 2 <= pillars.length) shortfalls.push(`${name}: only ${atStage} of ${pillars.length} pillars are ${name}`);
    }
    assert.deepEqual(shortfalls, [], `\n${shortfalls.join('\n')}`);
  });
});
