import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJsonlAccumulator, describeJsonError, ratio } from '../../src/logs/jsonl-stats.js';

function summarize(texts: readonly string[], maxLineBytes?: number) {
  const accumulator = createJsonlAccumulator(maxLineBytes === undefined ? {} : { maxLineBytes });
  texts.forEach((text, index) => accumulator.add({ lineNumber: index + 1, text, truncated: false }));
  return accumulator.result();
}

describe('ratio', () => {
  it('rounds to 4 decimals and is 0 for an empty denominator', () => {
    assert.equal(ratio(1, 3), 0.3333);
    assert.equal(ratio(2, 3), 0.6667);
    assert.equal(ratio(1, 8), 0.125);
    assert.equal(ratio(0, 0), 0);
    assert.equal(ratio(5, 5), 1);
  });
});

describe('describeJsonError', () => {
  it('never repeats the input', () => {
    const secret = 'password=hunter2';
    for (const text of [secret, `{"a":"${secret}`, `{"a":1}${secret}`, `{${secret}}`, `["${secret}"`]) {
      let message = '';
      try {
        JSON.parse(text);
      } catch (error) {
        message = describeJsonError(error);
      }
      assert.ok(message.length > 0);
      assert.ok(!message.includes('hunter2'), message);
      assert.ok(!message.includes('\n'), message);
    }
  });

  it('names the kind of problem and the position when V8 gives one', () => {
    assert.equal(describeJsonError(new SyntaxError('Unexpected end of JSON input')), 'unexpected end of input');
    assert.equal(
      describeJsonError(new SyntaxError('Unexpected non-whitespace character after JSON at position 5')),
      'unexpected text after the JSON value at position 5',
    );
    assert.equal(describeJsonError(new SyntaxError(`Unexpected token 'h', "hello" is not valid JSON`)), 'unexpected token');
    assert.equal(describeJsonError(new Error('something new "secret"')), 'invalid JSON');
    assert.equal(describeJsonError('not an error'), 'invalid JSON');
  });
});

describe('createJsonlAccumulator', () => {
  it('reports zeros and unknown schema when nothing was added', () => {
    assert.deepEqual(summarize([]), {
      format: 'jsonl',
      schema: 'unknown',
      lines: 0,
      events: 0,
      parseErrors: 0,
      structuredRatio: 0,
      fields: { timestamp: 0, actor: 0, sourceAddress: 0, action: 0, outcome: 0 },
      timestamps: { parseable: 0, withZone: 0, utc: 0 },
      firstError: null,
      schemas: {},
    });
  });

  it('ignores blank lines and counts objects, non-objects and broken lines', () => {
    const summary = summarize([
      '{"timestamp":"2024-01-01T00:00:00Z","user":"a","ip":"192.0.2.1","action":"x","status":"ok"}',
      '',
      '   ',
      '[1,2]',
      'null',
      '42',
      '{"time":"2024-01-01 00:00:00","user":""}',
      '{"broken": ',
      '{"ts":1700000000}',
    ]);
    // lines: 7 non-blank; events: 3 objects; errors: array, null, number, broken.
    assert.equal(summary.lines, 7);
    assert.equal(summary.events, 3);
    assert.equal(summary.parseErrors, 4);
    assert.equal(summary.structuredRatio, 0.4286);
    assert.deepEqual(summary.firstError, { line: 4, message: 'line 4: not a JSON object' });
    assert.deepEqual(summary.fields, {
      timestamp: 1, // all three have one
      actor: 0.3333, // "" does not count
      sourceAddress: 0.3333,
      action: 0.3333,
      outcome: 0.3333,
    });
    // Z; no zone; epoch seconds.
    assert.deepEqual(summary.timestamps, { parseable: 1, withZone: 0.6667, utc: 0.6667 });
    assert.equal(summary.schema, 'generic-json');
    assert.deepEqual(summary.schemas, { 'generic-json': 3 });
  });

  it('describes a syntax error by line and kind only', () => {
    const summary = summarize(['', '{"token":"s3cr3t"', '{}']);
    assert.equal(summary.firstError?.line, 2);
    assert.match(summary.firstError?.message ?? '', /^line 2: /);
    assert.ok(!(summary.firstError?.message ?? '').includes('s3cr3t'));
  });

  it('counts a truncated line as a parse error naming the limit', () => {
    const accumulator = createJsonlAccumulator({ maxLineBytes: 1024 });
    accumulator.add({ lineNumber: 1, text: '{"a":', truncated: true });
    accumulator.add({ lineNumber: 2, text: '{"a":1}', truncated: false });
    const summary = accumulator.result();
    assert.equal(summary.lines, 2);
    assert.equal(summary.events, 1);
    assert.equal(summary.parseErrors, 1);
    assert.deepEqual(summary.firstError, { line: 1, message: 'line 1: longer than 1024 bytes' });
  });

  it('keeps only the first error', () => {
    const summary = summarize(['x', 'y']);
    assert.equal(summary.parseErrors, 2);
    assert.equal(summary.firstError?.line, 1);
  });

  it('picks the schema most events follow, ties broken alphabetically', () => {
    const okta = '{"eventType":"e","published":"2024-01-01T00:00:00Z","actor":{"id":"1"}}';
    const github = '{"action":"a","actor":"b","created_at":1700000000000,"org":"o"}';
    const plain = '{"msg":"m"}';
    assert.equal(summarize([okta, github, github, plain]).schema, 'github-audit');
    const tie = summarize([okta, github]);
    assert.equal(tie.schema, 'github-audit');
    assert.deepEqual(Object.keys(tie.schemas), ['github-audit', 'okta']);
    assert.equal(summarize([plain, okta]).schema, 'generic-json');
  });

  it('does not let callers change its state through a result', () => {
    const accumulator = createJsonlAccumulator();
    accumulator.add({ lineNumber: 1, text: 'oops', truncated: false });
    const first = accumulator.result();
    if (first.firstError !== null) first.firstError.line = 99;
    first.fields.actor = 5;
    assert.equal(accumulator.result().firstError?.line, 1);
    assert.equal(accumulator.result().fields.actor, 0);
  });
});
