/**
 * Properties of file discovery: classifyFile and classifyDeclared take any name and any head, and
 * readScannedFile never throws: a file it cannot read or parse (random bytes, mutated manifests
 * and logs, damaged gzip, a folder, a missing file) comes back as an inventory entry, with one-line
 * problems that quote no secret, within the time bound.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import type { DeclaredSource } from '../../src/config/types.js';
import { classifyDeclared, classifyFile, isBinary } from '../../src/discover/classify.js';
import { declaredSourceFor, isEventDocument, readScannedFile } from '../../src/discover/read-scanned-file.js';
import type { FileOutcome, ReadOptions } from '../../src/discover/read-scanned-file.js';
import {
  CANARY_TOKEN,
  anyText,
  assertNoPollution,
  assertOneLine,
  fileBytes,
  fixtureFiles,
  jsonish,
  mutatedText,
  prototypeKeys,
  runs,
  timed,
  timedAsync,
} from './support.js';

const baseline = prototypeKeys();
const root = mkdtempSync(join(tmpdir(), 'ztmm-property-discover-'));
after(() => {
  rmSync(root, { recursive: true, force: true });
  assertNoPollution(baseline);
});

/** Names that steer classification: manifests, policies, logs by name and extension, archives, config files, none. */
const NAMES = [
  'etc/kubernetes/audit-policy.yaml',
  'etc/kubernetes/manifests/kube-apiserver.yaml',
  'etc/kubernetes/manifests/kube-apiserver.manifest',
  'k8s/deploy.yml',
  'exports/cloudtrail.json',
  'exports/events.ndjson',
  'var/log/app.log',
  'var/log/app.log.1',
  'var/log/audit/audit.log',
  'var/log/messages',
  'var/log/secure-20240101',
  'var/log/httpd/access_log',
  'var/log/app.log.gz',
  'exports/ct.json.gz',
  'blob.gz',
  'site.tgz',
  'etc/app.conf',
  'README.md',
  'dump/events',
  'weird name with spaces/ünïcode.yaml',
];
const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `x/${s.replace(/[/\\\0]/g, '_') || 'f'}`) });

/** Real inputs of every kind the scanner meets, with a secret-looking value in a policy and a log. */
const SAMPLES = [
  ...fixtureFiles()
    .filter((f) => !f.path.endsWith('.md'))
    .map((f) => f.text.slice(0, 16 * 1024)),
  `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: ${CANARY_TOKEN}\n  - level: Metadata\n    users: ["${CANARY_TOKEN}"]\n`,
  `{"ts":"2024-01-01T00:00:00Z","user":"a","msg":"token ${CANARY_TOKEN}"}\n`,
];

const declared: fc.Arbitrary<DeclaredSource[]> = fc.array(
  fc.record({ path: fc.constantFrom('**/*.log', 'var/**', '**', 'x/*', '[', '**/*.{yaml,json}', '!(*.md)'), system: fc.constantFrom('app', 'api'), pillars: fc.constant(['applications' as const]), format: fc.constantFrom('jsonl', 'json-document', 'syslog', 'cef', 'leef', 'access-log', 'logfmt', 'auditd', 'text', 'bogus') }, { requiredKeys: ['path', 'system', 'pillars'] }),
  { maxLength: 2 },
);

function checkOutcome(out: FileOutcome, path: string): void {
  assert.equal(out.entry.path, path);
  assert.ok(['assessed', 'skipped', 'error'].includes(out.entry.status), `status ${out.entry.status}`);
  if (out.entry.status !== 'assessed') assert.ok(typeof out.entry.reason === 'string' && out.entry.reason.length > 0, 'a skipped or failed file says why');
  for (const text of [...out.problems, out.entry.reason ?? '']) {
    assertOneLine(text, path);
    assert.ok(!text.includes(CANARY_TOKEN), `${path}: a problem quotes a secret: ${text.slice(0, 160)}`);
  }
  if (out.entry.status === 'error') assert.ok(out.problems.length > 0, 'a failed file has a problem');
  for (const s of out.suppressions) assert.ok(s.line >= 1 && s.column >= 1);
}

describe('classification', () => {
  test('classifyFile and classifyDeclared take any name and any head', () => {
    const head = fc.oneof(mutatedText(SAMPLES, 4).map((t) => Buffer.from(t, 'utf8')), fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)));
    fc.assert(
      fc.property(name, head, fc.nat({ max: 64 * 1024 * 1024 }), (path, bytes, extra) => {
        const size = bytes.length + extra;
        const found = timed('classifyFile', () => classifyFile(path, { bytes, size }));
        assert.ok(['structured', 'log', 'skip'].includes(found.read));
        if (found.read === 'skip') assertOneLine(found.reason, 'skip reason');
        const forced = timed('classifyDeclared', () => classifyDeclared(path, { bytes, size }));
        if (forced.read === 'skip') assert.ok(/\.(gz|zst|bz2|xz|zip|tgz|7z)$/i.test(path) || isBinary(bytes), `a declared source is read unless it cannot be: ${forced.reason}`);
        if (found.read === 'structured') assert.equal(forced.read, 'structured');
      }),
      runs(400),
    );
  });

  test('declaredSourceFor and isEventDocument take any glob, path and data', () => {
    fc.assert(
      fc.property(declared, name, jsonish(3), (sources, path, data) => {
        const source = declaredSourceFor(path, sources);
        assert.ok(source === null || sources.includes(source));
        assert.equal(typeof isEventDocument(data), 'boolean');
      }),
      runs(300),
    );
  });
});

describe('readScannedFile never throws', () => {
  let n = 0;
  async function read(path: string, bytes: Buffer | null, options: ReadOptions): Promise<FileOutcome> {
    const dir = join(root, String(n++));
    const absolute = join(dir, path);
    if (bytes !== null) {
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, bytes);
    }
    return timedAsync(`readScannedFile ${path}`, () => readScannedFile({ absolute, path }, options));
  }

  test('mutated manifests, policies and logs, random bytes and damaged gzip become inventory entries', async () => {
    await fc.assert(
      fc.asyncProperty(name, fileBytes(SAMPLES), declared, fc.boolean(), async (path, { bytes }, sources, full) => {
        const options: ReadOptions = { full };
        if (sources.length > 0) options.declaredSources = sources;
        checkOutcome(await read(path, bytes, options), path);
      }),
      runs(250),
    );
  });

  test('text that is almost a document (arbitrary text under document and log names)', async () => {
    await fc.assert(
      fc.asyncProperty(name, anyText(600), async (path, text) => {
        checkOutcome(await read(path, Buffer.from(text, 'utf8'), { full: false }), path);
      }),
      runs(200),
    );
  });

  test('a missing file and a folder are inventory errors', async () => {
    const missing = await read('gone/audit-policy.yaml', null, { full: false });
    checkOutcome(missing, 'gone/audit-policy.yaml');
    assert.equal(missing.entry.status, 'error');
    const folder = join(root, 'a-folder.log');
    mkdirSync(folder);
    const out = await readScannedFile({ absolute: folder, path: 'a-folder.log' }, { full: false });
    checkOutcome(out, 'a-folder.log');
    assert.equal(out.entry.status, 'error');
  });
});
