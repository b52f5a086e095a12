import assert from 'node:assert/strict';
import { test } from 'node:test';
import { terminalProgress } from '../../src/cli/progress.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

test('a quick scan draws nothing at all', () => {
  const c = clock();
  let written = '';
  const p = terminalProgress({ write: (s) => (written += s), now: c.now });
  for (let i = 1; i <= 50; i++) p.update(i, 50);
  p.finish();
  assert.equal(written, '');
});

test('a slow scan draws after the delay, throttled, always the last count, and clears its line', () => {
  const c = clock();
  const lines: string[] = [];
  const p = terminalProgress({ write: (s) => lines.push(s), now: c.now }, 500, 100);
  p.update(1, 4);
  c.advance(600);
  p.update(2, 4);
  c.advance(10);
  p.update(3, 4);
  p.update(4, 4);
  p.finish();
  assert.deepEqual(lines, ['\r\u001b[2Kztmm: reading files 2/4', '\r\u001b[2Kztmm: reading files 4/4', '\r\u001b[2K']);
});
