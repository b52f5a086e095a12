import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import type { DeclaredSource } from '../../src/config/types.js';
import { classifyDeclared, classifyFile } from '../../src/discover/classify.js';
import { declaredSourceFor } from '../../src/discover/read-scanned-file.js';
import type { SampleStats } from '../../src/model/estate.js';
import type { ScanResult } from '../../src/model/result.js';
import { loadRules } from '../../src/rules/load-packs.js';
import type { Rule } from '../../src/rules/types.js';
import { scan } from '../../src/scan.js';
import { REPO, writeTree } from '../helpers.js';

/** Text lines with key=value pairs: no file name or content that ztmm recognises as a log. */
const OUT_DAT = 'ts=2026-01-01T00:00:00Z user=alice action=payment.create outcome=success\nts=2026-01-01T00:00:05Z user=bob action=payment.refund outcome=failure\n';
/** JSON lines in a .txt file: skipped (a .txt is never sniffed), unless declared. */
const AUDIT_TXT = '{"time": "2026-01-01T00:00:00Z", "user": "alice", "action": "login"}\n{"time": "2026-01-01T00:00:01Z", "user": "bob", "action": "login"}\n';
const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n';

const SOURCES: DeclaredSource[] = [
  { path: 'app/*.dat', system: 'payments-api', pillars: ['applications', 'data'] },
  // Also matches app/out.dat: the first declaration wins.
  { path: '**/*.dat', system: 'catch-all', pillars: ['networks'] },
  { path: 'audit/**', system: 'audit-trail', pillars: ['identity'], format: 'text' },
  { path: 'cfg/**', system: 'not-a-manifest', pillars: ['devices'] },
];

const TREE = {
  'app/out.dat': OUT_DAT,
  'other/out.dat': OUT_DAT,
  'elsewhere/out.bin': OUT_DAT,
  'audit/trail.txt': AUDIT_TXT,
  'notes/trail.txt': AUDIT_TXT,
  '.hidden/out.dat': OUT_DAT,
  'cfg/audit-policy.yaml': POLICY,
};

let rules: Rule[];
let root: string;
let plain: ScanResult;
let declared: ScanResult;

function sample(result: ScanResult, path: string): SampleStats {
  const found = result.estate.samples.find((s) => s.path === path);
  assert.ok(found, `no sample for ${path}`);
  return found;
}

function entry(result: ScanResult, path: string) {
  const found = result.inventory.find((e) => e.path === path);
  assert.ok(found, `no inventory entry for ${path}`);
  return found;
}

before(async () => {
  rules = loadRules({ extra: [] });
  root = writeTree(TREE);
  plain = (await scan({ roots: [root], rules, cwd: root })).result;
  declared = (await scan({ roots: [root], rules, cwd: root, declaredSources: SOURCES })).result;
});

describe('declared log sources', () => {
  test('without declarations the unrecognised files are skipped', () => {
    for (const path of ['app/out.dat', 'other/out.dat', 'audit/trail.txt']) assert.equal(entry(plain, path).status, 'skipped', path);
    assert.deepEqual(plain.estate.samples, []);
  });

  test('an unrecognised file matched by a declaration is an assessed sample with its pillars and system', () => {
    assert.deepEqual(entry(declared, 'app/out.dat'), { path: 'app/out.dat', status: 'assessed', kind: 'log:logfmt' });
    const s = sample(declared, 'app/out.dat');
    assert.deepEqual(s.declared, { system: 'payments-api' });
    assert.deepEqual(s.pillars, ['applications', 'data']);
    assert.equal(s.source, null);
    assert.equal(s.events, 2);
    assert.equal(s.fields.actor, 1);
    // The rules see the sample under the declared pillars.
    const subject = declared.findings.filter((f) => f.subject === s.id);
    assert.ok(subject.length > 0, 'rules judge the declared sample');
  });

  test('the first matching declaration wins', () => {
    assert.deepEqual(sample(declared, 'app/out.dat').declared, { system: 'payments-api' });
    assert.deepEqual(sample(declared, 'other/out.dat').declared, { system: 'catch-all' });
    assert.deepEqual(sample(declared, 'other/out.dat').pillars, ['networks']);
    // Globs match dot folders too.
    assert.deepEqual(sample(declared, '.hidden/out.dat').declared, { system: 'catch-all' });
  });

  test('a declared format is forced instead of detected', () => {
    assert.deepEqual(entry(declared, 'audit/trail.txt'), { path: 'audit/trail.txt', status: 'assessed', kind: 'log:text' });
    const s = sample(declared, 'audit/trail.txt');
    assert.equal(s.format, 'text');
    assert.equal(s.schema, 'text');
    assert.deepEqual(s.declared, { system: 'audit-trail' });
    assert.deepEqual(s.pillars, ['identity']);
  });

  test('files no declaration matches stay as they were', () => {
    assert.equal(entry(declared, 'notes/trail.txt').status, 'skipped');
    assert.equal(entry(declared, 'elsewhere/out.bin').status, 'skipped');
    assert.equal(declared.estate.samples.some((s) => s.path === 'notes/trail.txt' || s.path === 'elsewhere/out.bin'), false);
  });

  test('a declared glob does not turn a recognised configuration file into a log', () => {
    assert.deepEqual(entry(declared, 'cfg/audit-policy.yaml'), { path: 'cfg/audit-policy.yaml', status: 'assessed', kind: 'k8s-audit-policy' });
    assert.equal(declared.estate.samples.some((s) => s.path === 'cfg/audit-policy.yaml'), false);
  });

  test('samples that no declaration claims have declared: null and their inferred pillars', async () => {
    const tree = writeTree({ 'var/log/app.log': AUDIT_TXT, 'app/out.dat': OUT_DAT });
    const result = (await scan({ roots: [tree], rules, cwd: tree, declaredSources: [{ path: 'app/*.dat', system: 's', pillars: ['data'] }] })).result;
    const log = sample(result, 'var/log/app.log');
    assert.equal(log.declared, null);
    assert.deepEqual(log.pillars, ['applications']);
  });

  test('the same with worker threads', async () => {
    const parallel = (await scan({ roots: [root], rules, cwd: root, jobs: 2, declaredSources: SOURCES })).result;
    assert.deepEqual(parallel.estate.samples, declared.estate.samples);
    assert.deepEqual(parallel.inventory, declared.inventory);
  });

  test('declared samples satisfy the result schema', () => {
    // The samples part of the shipped schema, with its definitions.
    const schema = JSON.parse(readFileSync(join(REPO, 'schema', 'result.schema.json'), 'utf8')) as {
      definitions: unknown;
      properties: { estate: { properties: { samples: Record<string, unknown> } } };
    };
    const samples = { definitions: schema.definitions, ...schema.properties.estate.properties.samples };
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true }).compile(samples);
    const json: unknown = JSON.parse(JSON.stringify(declared.estate.samples));
    assert.ok(validate(json), JSON.stringify(validate.errors, null, 2));
    assert.ok(!validate(JSON.parse(JSON.stringify(declared.estate.samples.map((s) => ({ ...s, declared: { system: 'x', pillars: [] } }))))), 'declared holds the system only');
  });
});

describe('matching declarations', () => {
  test('globs match report paths, dot files included; first match wins; none gives null', () => {
    assert.equal(declaredSourceFor('app/out.dat', SOURCES)?.system, 'payments-api');
    assert.equal(declaredSourceFor('x/y/out.dat', SOURCES)?.system, 'catch-all');
    assert.equal(declaredSourceFor('.cache/out.dat', SOURCES)?.system, 'catch-all');
    assert.equal(declaredSourceFor('out.txt', SOURCES), null);
    assert.equal(declaredSourceFor('app/out.dat', []), null);
  });

  test('a declared file is read as a log unless it is binary, an archive or a structured document', () => {
    const head = (text: string) => ({ bytes: Buffer.from(text), size: text.length });
    assert.deepEqual(classifyFile('app/out.dat', head(OUT_DAT)), { read: 'skip', reason: 'not recognised' });
    assert.deepEqual(classifyDeclared('app/out.dat', head(OUT_DAT)), { read: 'log' });
    assert.deepEqual(classifyDeclared('notes.txt', head('free text\n')), { read: 'log' });
    assert.deepEqual(classifyDeclared('app/out.dat.gz', head('\u001f\u008b')), { read: 'log' });
    assert.deepEqual(classifyDeclared('app/out.zip', head('PK')), { read: 'skip', reason: 'archive or compression not read' });
    assert.deepEqual(classifyDeclared('app/out.dat', head('a\u0000b')), { read: 'skip', reason: 'binary file' });
    assert.deepEqual(classifyDeclared('cfg/policy.yaml', head(POLICY)), { read: 'structured' });
  });
});
