import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repositoryBase } from '../../src/discover/repository-base.js';
import { scan } from '../../src/scan.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { DEMO, REPO, writeTree } from '../helpers.js';

test('a folder inside a work tree: its path from the work tree root', () => {
  const root = writeTree({ 'infra/k8s/a.yaml': 'a: 1\n' });
  mkdirSync(join(root, '.git'));
  assert.equal(repositoryBase(join(root, 'infra', 'k8s')), 'infra/k8s');
  assert.equal(repositoryBase(root), '');
});

test('a .git file (worktree or submodule) marks the root too', () => {
  const root = writeTree({ 'sub/.git': 'gitdir: ../.git/modules/sub\n', 'sub/x/a.yaml': 'a: 1\n' });
  assert.equal(repositoryBase(join(root, 'sub', 'x')), 'x');
});

test('the demo estate in this repository, and a temp tree outside any work tree', async () => {
  const rules = loadRules({ extra: [] });
  const demo = await scan({ roots: [DEMO], rules, cwd: REPO });
  assert.equal(demo.result.repositoryBase, 'fixtures/demo');
  assert.deepEqual(demo.result.rules.map((r) => r.id), rules.map((r) => r.id).sort());
  const outside = await scan({ roots: [writeTree({ 'a.yaml': 'a: 1\n' })], rules, cwd: REPO });
  assert.equal(outside.result.repositoryBase, null);
});
