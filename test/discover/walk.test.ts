import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { walkRoots } from '../../src/discover/walk.js';
import { ZtmmError } from '../../src/errors.js';
import { writeTree } from '../helpers.js';

test('walks a folder in stable order, honouring .gitignore and built-in excludes', async () => {
  const root = writeTree({
    '.gitignore': 'ignored/\n*.tmp\n',
    'b.yaml': 'a: 1\n',
    'a/c.yaml': 'a: 1\n',
    'ignored/x.yaml': 'a: 1\n',
    'x.tmp': 'tmp',
    'node_modules/pkg/p.yaml': 'a: 1\n',
    '.git/config': '[core]\n',
  });
  const files = await walkRoots([root], '/');
  assert.deepEqual(files.map((f) => f.path), ['.gitignore', 'a/c.yaml', 'b.yaml']);
});

test('several roots and file roots are relative to the working directory', async () => {
  const root = writeTree({ 'one/a.yaml': 'a: 1\n', 'two/b.yaml': 'b: 1\n' });
  const files = await walkRoots(['one', 'two/b.yaml'], root);
  assert.deepEqual(files.map((f) => f.path), ['one/a.yaml', 'two/b.yaml']);
});

test('a missing root is an unreadable-root error', async () => {
  await assert.rejects(walkRoots([join(writeTree({}), 'nope')], '/'), (e: unknown) => e instanceof ZtmmError && e.code === 'E_ROOT_UNREADABLE' && /nope: cannot read scan root \(ENOENT\)/.test(e.message));
});
