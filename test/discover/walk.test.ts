import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { walkRoots } from '../../src/discover/walk.js';
import { ZtmmError } from '../../src/errors.js';
import { writeTree } from '../helpers.js';

test('walks a folder in stable order; what .gitignore and the built-in excludes leave out is listed, collapsed', async () => {
  const root = writeTree({
    '.gitignore': 'ignored/\n*.tmp\n',
    'b.yaml': 'a: 1\n',
    'a/c.yaml': 'a: 1\n',
    'a/d.tmp': 'tmp',
    'ignored/x.yaml': 'a: 1\n',
    'ignored/deep/y.yaml': 'a: 1\n',
    'x.tmp': 'tmp',
    'node_modules/pkg/p.yaml': 'a: 1\n',
    'sub/node_modules/q/q.yaml': 'a: 1\n',
    '.git/config': '[core]\n',
  });
  const walk = await walkRoots([root], '/');
  assert.deepEqual(walk.files.map((f) => f.path), ['.gitignore', 'a/c.yaml', 'b.yaml']);
  assert.deepEqual(walk.passedOver, [
    { path: '.git/', reason: 'excluded (built-in)' },
    { path: 'a/d.tmp', reason: 'ignored by .gitignore' },
    { path: 'ignored/', reason: 'ignored by .gitignore' },
    { path: 'node_modules/', reason: 'excluded (built-in)' },
    { path: 'sub/node_modules/', reason: 'excluded (built-in)' },
    { path: 'x.tmp', reason: 'ignored by .gitignore' },
  ]);
});

test('symbolic links are listed, never followed (files, folders, dangling links, loops)', async () => {
  const root = writeTree({ 'real.yaml': 'a: 1\n', 'd/x.yaml': 'a: 1\n' });
  symlinkSync(join(root, 'real.yaml'), join(root, 'link.yaml'));
  symlinkSync(join(root, 'd'), join(root, 'dlink'));
  symlinkSync(join(root, 'missing'), join(root, 'dangling.yaml'));
  mkdirSync(join(root, 'loop'));
  symlinkSync(join(root, 'loop'), join(root, 'loop', 'self'));
  const walk = await walkRoots([root], '/');
  assert.deepEqual(walk.files.map((f) => f.path), ['d/x.yaml', 'real.yaml']);
  assert.deepEqual(
    walk.passedOver.map((p) => [p.path, p.reason]),
    [
      ['dangling.yaml', 'symbolic link (not followed)'],
      ['dlink', 'symbolic link (not followed)'],
      ['link.yaml', 'symbolic link (not followed)'],
      ['loop/self', 'symbolic link (not followed)'],
    ],
  );
});

test('several roots and file roots are relative to the folder that holds them all, wherever the scan runs', async () => {
  const root = writeTree({ 'x/one/a.yaml': 'a: 1\n', 'x/two/b.yaml': 'b: 1\n' });
  const fromInside = await walkRoots(['one', 'two/b.yaml'], join(root, 'x'));
  const fromElsewhere = await walkRoots([join(root, 'x', 'one'), join(root, 'x', 'two', 'b.yaml')], '/');
  assert.deepEqual(fromInside.files.map((f) => f.path), ['one/a.yaml', 'two/b.yaml']);
  assert.deepEqual(fromElsewhere.files.map((f) => f.path), ['one/a.yaml', 'two/b.yaml']);
  const single = await walkRoots([join(root, 'x', 'two', 'b.yaml')], '/');
  assert.deepEqual(single.files.map((f) => f.path), ['b.yaml']);
});

test('a missing root is an unreadable-root error', async () => {
  await assert.rejects(walkRoots([join(writeTree({}), 'nope')], '/'), (e: unknown) => e instanceof ZtmmError && e.code === 'E_ROOT_UNREADABLE' && /nope: cannot read scan root \(ENOENT\)/.test(e.message));
});
