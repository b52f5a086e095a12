import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planOutputs } from '../../src/cli/output-plan.js';
import type { OutputEvent } from '../../src/cli/output-plan.js';
import { formatFromPath } from '../../src/report/formats.js';

const f = (value: string): OutputEvent => ({ kind: 'format', value });
const o = (value: string): OutputEvent => ({ kind: 'output', value });

describe('planning -f/-o', () => {
  test('nothing given: text on stdout', () => {
    assert.deepEqual(planOutputs([]), [{ format: 'text', path: null }]);
  });
  test('one -f and one -o pair in either order', () => {
    assert.deepEqual(planOutputs([f('json'), o('r.json')]), [{ format: 'json', path: 'r.json' }]);
    assert.deepEqual(planOutputs([o('r.out'), f('JSON')]), [{ format: 'json', path: 'r.out' }]);
  });
  test('a lone -o: the extension names the format, text otherwise', () => {
    assert.deepEqual(planOutputs([o('x.sarif')]), [{ format: 'sarif', path: 'x.sarif' }]);
    assert.deepEqual(planOutputs([o('report')]), [{ format: 'text', path: 'report' }]);
  });
  test('the issue example: each -o takes the -f before it, the last -f goes to stdout', () => {
    assert.deepEqual(planOutputs([f('sarif'), o('ztmm.sarif'), f('markdown'), o('summary.md'), f('text')]), [
      { format: 'sarif', path: 'ztmm.sarif' },
      { format: 'markdown', path: 'summary.md' },
      { format: 'text', path: null },
    ]);
  });
  test('several outputs without -f take their formats from the extensions', () => {
    assert.deepEqual(planOutputs([o('a.html'), o('b.xml'), f('json')]), [
      { format: 'html', path: 'a.html' },
      { format: 'junit', path: 'b.xml' },
      { format: 'json', path: null },
    ]);
  });
  test('two reports for stdout, a repeated file, an unknown format or extension are usage errors', () => {
    assert.throws(() => planOutputs([f('json'), f('text')]), /only one report can go to stdout, but json and text have no --output/);
    assert.throws(() => planOutputs([f('json'), o('a'), f('sarif'), o('a')]), /--output a names a file that is already written by another -o/);
    assert.throws(() => planOutputs([f('json'), o('a.json'), f('json'), o('./a.json')], (p) => p.replace(/^\.\//, '')), /--output \.\/a\.json names a file that is already written/);
    assert.throws(() => planOutputs([f('yaml')]), /unknown format "yaml" \(text, json, markdown, sarif, junit, html\)/);
  });
  test('an -o without -f and without a known extension is text, as a lone one always was', () => {
    assert.deepEqual(planOutputs([f('json'), o('a.json'), o('notes')]), [
      { format: 'json', path: 'a.json' },
      { format: 'text', path: 'notes' },
    ]);
  });
  test('an extension that names another format than its -f is refused', () => {
    assert.throws(() => planOutputs([o('a.sarif'), f('sarif'), o('b.json'), f('json')]), /--output b\.json would hold the sarif report \(the -f before it\), but its extension says json/);
    assert.throws(() => planOutputs([f('text'), o('r.html')]), /would hold the text report/);
    assert.deepEqual(planOutputs([f('sarif'), o('results.sarif.json')]), [{ format: 'sarif', path: 'results.sarif.json' }]);
    assert.deepEqual(planOutputs([f('json'), o('r.out')]), [{ format: 'json', path: 'r.out' }]);
  });
  test('extensions, case-insensitive; .sarif.json is SARIF', () => {
    assert.equal(formatFromPath('out/Z.SARIF.json'), 'sarif');
    assert.equal(formatFromPath('out/z.json'), 'json');
    assert.equal(formatFromPath('out.d/z'), undefined);
    assert.equal(formatFromPath('summary.MD'), 'markdown');
  });
});
