import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTextParser } from '../../../src/logs/formats/text.js';

describe('createTextParser', () => {
  it('makes every non-blank line one event with the line as its message', () => {
    const parser = createTextParser();
    assert.deepEqual(parser.push('Server started on port 8080', 1), {
      kind: 'events',
      events: [{ record: { message: 'Server started on port 8080' }, schema: null, line: 1, format: 'text' }],
    });
    // Kept as written: leading spaces, quotes, what looks like other formats.
    const odd = '  {"not": "json" \t user=x "unterminated';
    assert.deepEqual(parser.push(odd, 2), {
      kind: 'events',
      events: [{ record: { message: odd }, schema: null, line: 2, format: 'text' }],
    });
  });

  it('skips empty and whitespace-only lines and never reports errors', () => {
    const parser = createTextParser();
    assert.deepEqual(parser.push('', 1), { kind: 'events', events: [] });
    assert.deepEqual(parser.push(' \t ', 2), { kind: 'events', events: [] });
    const binary = '\u0000\u0001\ufffd';
    const outcome = parser.push(binary, 3);
    assert.equal(outcome.kind, 'events');
    if (outcome.kind === 'events') assert.equal(outcome.events[0]?.record['message'], binary);
    assert.deepEqual(parser.end(), []);
  });
});
