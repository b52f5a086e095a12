import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_ELEMENT_CHARS, createJsonDocumentParser, looksLikeJsonDocument } from '../../../src/logs/formats/json-document.js';
import type { DocumentOutcome } from '../../../src/logs/formats/json-document.js';

/** Feeds the text in chunks of `size` characters, as a stream would. */
function run(text: string, size = 7): DocumentOutcome[] {
  const parser = createJsonDocumentParser();
  const out: DocumentOutcome[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  out.push(...parser.end());
  return out;
}

const events = (outcomes: DocumentOutcome[]) => outcomes.flatMap((o) => (o.kind === 'event' ? [[o.event.line, o.event.record]] : []));
const errors = (outcomes: DocumentOutcome[]) => outcomes.flatMap((o) => (o.kind === 'error' ? [[o.line, o.message]] : []));

describe('JSON documents as event streams', () => {
  test('CloudTrail {"Records": [...]}: each record an event, with its first line', () => {
    const text = '{"Records": [\n  {"eventName": "ConsoleLogin", "note": "a } in a string, and a \\" quote"},\n  {"eventName": "StopLogging", "nested": {"a": [1, {"b": 2}]}}\n]}\n';
    for (const size of [1, 3, 7, 1000]) {
      assert.deepEqual(events(run(text, size)), [
        [2, { eventName: 'ConsoleLogin', note: 'a } in a string, and a " quote' }],
        [3, { eventName: 'StopLogging', nested: { a: [1, { b: 2 }] } }],
      ], `chunk ${size}`);
    }
  });
  test('a top-level array of events', () => {
    assert.deepEqual(events(run('[{"a":1},\n{"a":2}]')), [[1, { a: 1 }], [2, { a: 2 }]]);
  });
  test('pretty-printed single objects, one after another', () => {
    const text = '{\n  "a": 1,\n  "items": [1, 2]\n}\n{\n  "a": 2\n}\n';
    assert.deepEqual(events(run(text)), [[1, { a: 1, items: [1, 2] }], [5, { a: 2 }]]);
  });
  test('a wrapper key only counts as the first member; later arrays stay inside the event', () => {
    const text = '{"id": 1, "events": [{"x": 1}]}';
    assert.deepEqual(events(run(text)), [[1, { id: 1, events: [{ x: 1 }] }]]);
  });
  test('broken elements are errors with their line; the stream goes on', () => {
    const text = '[\n{"a": 1},\n{"a": tru},\n"text",\n{"a": 3}\n]';
    const out = run(text);
    assert.deepEqual(events(out), [[2, { a: 1 }], [5, { a: 3 }]]);
    assert.deepEqual(errors(out), [[3, 'unexpected token']]);
  });
  test('a truncated document ends with an error', () => {
    const out = run('{"Records": [{"a": 1}, {"a": ');
    assert.deepEqual(events(out), [[1, { a: 1 }]]);
    assert.equal(errors(out).length, 1);
  });
  test('an oversized element is an error, not a memory blow-up', () => {
    const parser = createJsonDocumentParser();
    const outcomes = [...parser.push('[{"big": "'), ...parser.push('x'.repeat(MAX_ELEMENT_CHARS)), ...parser.push('"}, {"a": 1}]'), ...parser.end()];
    assert.deepEqual(errors(outcomes), [[1, `element longer than ${MAX_ELEMENT_CHARS} characters`]]);
    assert.deepEqual(events(outcomes), [[1, { a: 1 }]]);
  });
});

test('looksLikeJsonDocument tells documents from JSON lines', () => {
  assert.equal(looksLikeJsonDocument('{"Records": [\n'), true);
  assert.equal(looksLikeJsonDocument('\uFEFF[\n{"a":1}]'), true);
  assert.equal(looksLikeJsonDocument('{\n  "a": 1\n}'), true);
  assert.equal(looksLikeJsonDocument('{"a":1}\n{"a":2}\n'), false);
  assert.equal(looksLikeJsonDocument('Oct 11 22:14:15 host app: hi'), false);
});
