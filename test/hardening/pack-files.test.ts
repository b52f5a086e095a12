/**
 * Rule packs cannot make ztmm read files (issue 8). Rules are data: nothing in a pack names a file
 * that ztmm opens, and `--rules DIR` reads only the *.yaml files of that folder; a symbolic link
 * there is followed only when it stays inside the folder, otherwise the run stops (exit 2) naming
 * the link.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { listPackFiles } from '../../src/rules/load-packs.js';
import { runCli, writeTree } from '../helpers.js';

const pack = (id: string, slug: string, extra = ''): string => `pack: local
rules:
  - id: ${id}
    slug: ${slug}
    title: A local rule for the pack tests
    dimension: metadata
    pillars: [subject]
    stage: initial
    severity: low
    target: { kind: sample }
    check: { path: events, gte: 1 }
    message: "the sample has no events at all"
    rationale: A sample without events says nothing about the source.
    remediation: Point the scan at a log that holds events.
    references: [{ framework: ztmm, id: local }]
${extra}`;

/** A secret-looking YAML file outside the pack folder, that a link tries to pull in. */
function outsideFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ztmm-outside-'));
  const file = join(dir, 'kubeconfig.yaml');
  writeFileSync(file, 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user: {token: OUTSIDE-SECRET-TOKEN-1234567890}\n');
  return file;
}

describe('--rules DIR and symbolic links', () => {
  test('a link to a file outside the pack folder is refused, naming the link (rules list and scan)', async () => {
    const root = writeTree({ 'packs/good.yaml': pack('LOC-001', 'local-one'), 'scan/a.log': '{"a":1}\n' });
    symlinkSync(outsideFile(), join(root, 'packs', 'stolen.yaml'));
    for (const args of [['rules', 'list', '--rules', join(root, 'packs')], ['scan', join(root, 'scan'), '--rules', join(root, 'packs')]]) {
      const run = await runCli(args);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /^ztmm: .*packs[/\\]stolen\.yaml: rule pack is a symbolic link to a file outside its folder; ztmm does not follow it/);
      assert.ok(!run.stderr.includes('OUTSIDE-SECRET') && !run.stdout.includes('OUTSIDE-SECRET'));
      assert.ok(!/kubeconfig|users|token/.test(run.stderr), 'nothing of the target is read or shown');
    }
  });
  test('a link to a folder outside, and a dangling link, are refused too', async () => {
    const root = writeTree({ 'packs/good.yaml': pack('LOC-001', 'local-one') });
    symlinkSync(mkdtempSync(join(tmpdir(), 'ztmm-outside-dir-')), join(root, 'packs', 'dir.yaml'));
    assert.throws(() => listPackFiles(join(root, 'packs')), /dir\.yaml: rule pack is a symbolic link to a file outside its folder/);
    const other = writeTree({ 'packs/good.yaml': pack('LOC-001', 'local-one') });
    symlinkSync(join(other, 'nowhere.yaml'), join(other, 'packs', 'dangling.yaml'));
    const run = await runCli(['rules', 'list', '--rules', join(other, 'packs')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /dangling\.yaml: rule pack is a symbolic link that cannot be followed \(ENOENT\)/);
  });
  test('a link that stays inside the folder is read; the folder’s subfolders are not', async () => {
    const root = writeTree({
      'packs/versions/v2.yaml': pack('LOC-002', 'local-two'),
      'packs/nested/ignored.yaml': pack('LOC-003', 'local-three'),
    });
    symlinkSync(join(root, 'packs', 'versions', 'v2.yaml'), join(root, 'packs', 'current.yaml'));
    const run = await runCli(['rules', 'list', '--rules', join(root, 'packs')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /LOC-002/);
    assert.doesNotMatch(run.stdout, /LOC-003/);
  });
  test('a pack file named on the command line is read as named, link or not', async () => {
    const root = writeTree({ 'elsewhere/pack.yaml': pack('LOC-004', 'local-four'), 'packs/.keep': '' });
    symlinkSync(join(root, 'elsewhere', 'pack.yaml'), join(root, 'packs', 'linked.yaml'));
    const run = await runCli(['rules', 'list', '--rules', join(root, 'packs', 'linked.yaml')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /LOC-004/);
  });
  test('only *.yaml and *.yml files of the folder are read', async () => {
    const root = writeTree({ 'packs/a.yml': pack('LOC-005', 'local-five'), 'packs/notes.txt': 'not a pack', 'packs/b.json': '{}' });
    mkdirSync(join(root, 'packs', 'sub.d'));
    const run = await runCli(['rules', 'list', '--rules', join(root, 'packs')]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /LOC-005/);
  });
});

describe('nothing in a pack names a file', () => {
  test('keys that would include or reference other files are unknown properties (exit 2)', async () => {
    const outside = outsideFile();
    const attempts = [
      `$ref: ${outside}\n${pack('LOC-006', 'local-six')}`,
      `include: [${outside}]\n${pack('LOC-006', 'local-six')}`,
      pack('LOC-006', 'local-six', `    $ref: ${outside}\n`),
      pack('LOC-006', 'local-six', `    file: ${outside}\n`),
    ];
    for (const text of attempts) {
      const root = writeTree({ 'packs/p.yaml': text });
      const run = await runCli(['rules', 'list', '--rules', join(root, 'packs')]);
      assert.equal(run.code, 2, `${text}\n${run.stdout}`);
      assert.match(run.stderr, /^ztmm: .*p\.yaml:\d+:\d+: /);
      assert.ok(!run.stderr.includes('OUTSIDE-SECRET'));
    }
  });
  test('a path parameter is a string, never opened', async () => {
    const outside = outsideFile();
    const text = pack('LOC-007', 'local-seven', `    params: { where: "${outside}" }\n`).replace('message: "the sample has no events at all"', 'message: "the sample has no events at all ({{params.where}})"');
    const root = writeTree({ 'packs/p.yaml': text, 'scan/a.log': '{"a":1}\n' });
    const run = await runCli(['scan', join(root, 'scan'), '--rules', join(root, 'packs'), '--only', 'LOC-007', '-f', 'json']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!run.stdout.includes('OUTSIDE-SECRET'));
  });
});
