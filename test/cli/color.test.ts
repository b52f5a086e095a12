import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useColor } from '../../src/cli/color.js';

const tty = { flag: true, toTerminal: true, toFile: false };
const pipe = { flag: true, toTerminal: false, toFile: false };

test('a terminal gets colour, a pipe does not', () => {
  assert.equal(useColor({ ...tty, env: {} }), true);
  assert.equal(useColor({ ...pipe, env: {} }), false);
});

test('NO_COLOR set and non-empty turns colour off; empty does not (no-color.org)', () => {
  assert.equal(useColor({ ...tty, env: { NO_COLOR: '1' } }), false);
  assert.equal(useColor({ ...tty, env: { NO_COLOR: '' } }), true);
  assert.equal(useColor({ ...tty, env: { TERM: 'dumb' } }), false);
});

test('FORCE_COLOR forces colour into a pipe and beats NO_COLOR; 0 and false turn it off', () => {
  assert.equal(useColor({ ...pipe, env: { FORCE_COLOR: '1' } }), true);
  assert.equal(useColor({ ...pipe, env: { FORCE_COLOR: '' } }), true);
  assert.equal(useColor({ ...pipe, env: { FORCE_COLOR: '3', NO_COLOR: '1' } }), true);
  assert.equal(useColor({ ...tty, env: { FORCE_COLOR: '0' } }), false);
  assert.equal(useColor({ ...tty, env: { FORCE_COLOR: 'false' } }), false);
});

test('--no-color and a file output always win', () => {
  assert.equal(useColor({ ...tty, flag: false, env: { FORCE_COLOR: '1' } }), false);
  assert.equal(useColor({ flag: true, toTerminal: false, toFile: true, env: { FORCE_COLOR: '1' } }), false);
});
