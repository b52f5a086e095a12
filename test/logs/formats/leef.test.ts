import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLeefParser, parseLeef } from '../../../src/logs/formats/leef.js';

describe('parseLeef', () => {
  it('reads LEEF 1.0 with tab-separated attributes', () => {
    const record = parseLeef('LEEF:1.0|Acme|Mailgate|4.2 SP1|2210|src=192.0.2.5\tdst=203.0.113.9\tsev=5\tusrName=j.doe\tcat=anomaly');
    assert.deepEqual(record, {
      leef: { version: '1.0', vendor: 'Acme', product: 'Mailgate', productVersion: '4.2 SP1', eventId: '2210' },
      src: '192.0.2.5',
      dst: '203.0.113.9',
      sev: '5',
      usrName: 'j.doe',
      cat: 'anomaly',
    });
  });

  it('reads LEEF 2.0 with a one-character delimiter', () => {
    const record = parseLeef('LEEF:2.0|Acme|Flow|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^msg=a b c');
    assert.deepEqual(record, {
      leef: { version: '2.0', vendor: 'Acme', product: 'Flow', productVersion: '1.0', eventId: '41' },
      src: '10.0.1.8',
      dst: '10.0.0.5',
      sev: '5',
      msg: 'a b c',
    });
  });

  it('reads LEEF 2.0 delimiters given in hex', () => {
    for (const field of ['x09', '0x09', '\\x09', 'X9']) {
      const record = parseLeef(`LEEF:2.0|V|P|1|E|${field}|a=1\tb=2`);
      assert.ok(record, field);
      assert.equal(record['a'], '1', field);
      assert.equal(record['b'], '2', field);
    }
    const caret = parseLeef('LEEF:2.0|V|P|1|E|0x5E|a=1^b=2');
    assert.equal(caret?.['b'], '2');
  });

  it('defaults LEEF 2.0 to a tab when the delimiter field is empty or absent', () => {
    assert.equal(parseLeef('LEEF:2.0|V|P|1|E||a=1\tb=2')?.['b'], '2');
    const absent = parseLeef('LEEF:2.0|V|P|1|E|a=1\tb=x|y');
    assert.equal(absent?.['a'], '1');
    assert.equal(absent?.['b'], 'x|y');
  });

  it('takes a pipe as the delimiter when the delimiter field is a pipe', () => {
    const record = parseLeef('LEEF:2.0|V|P|1|E|||a=1|b=2');
    assert.equal(record?.['a'], '1');
    assert.equal(record?.['b'], '2');
  });

  it('reads #011 as the tab rsyslog escaped', () => {
    const record = parseLeef('LEEF:1.0|V|P|1|E|src=1.1.1.1#011usrName=bob');
    assert.equal(record?.['src'], '1.1.1.1');
    assert.equal(record?.['usrName'], 'bob');
  });

  it('splits each attribute at its first =, trims keys, skips pieces without =', () => {
    const record = parseLeef('LEEF:1.0|V|P|1|E|url=https://x/?a=b\t stray \t key =v\t=nokey\t');
    assert.deepEqual(record, {
      leef: { version: '1.0', vendor: 'V', product: 'P', productVersion: '1', eventId: 'E' },
      url: 'https://x/?a=b',
      key: 'v',
    });
  });

  it('unescapes pipes in header fields', () => {
    const record = parseLeef('LEEF:1.0|Ven\\|dor|P\\\\x|1|E|a=1');
    assert.equal((record?.['leef'] as Record<string, unknown>)['vendor'], 'Ven|dor');
    assert.equal((record?.['leef'] as Record<string, unknown>)['product'], 'P\\x');
  });

  it('finds LEEF after a syslog header', () => {
    const record = parseLeef('Jan 10 08:00:00 qradar-src LEEF:1.0|V|P|1|E|usrName=eve');
    assert.equal(record?.['usrName'], 'eve');
  });

  it('returns null for malformed or non-LEEF text', () => {
    assert.equal(parseLeef(''), null);
    assert.equal(parseLeef('plain text'), null);
    assert.equal(parseLeef('LEEF:1.0|V|P|1|E'), null); // event ID without its closing pipe
    assert.equal(parseLeef('LEEF:3.0|V|P|1|E|a=1'), null);
    assert.equal(parseLeef('LEEF:|V|P|1|E|a=1'), null);
  });

  it('keeps a __proto__ attribute as data', () => {
    const record = parseLeef('LEEF:1.0|V|P|1|E|__proto__=x');
    assert.ok(record);
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
    assert.ok(Object.hasOwn(record, '__proto__'));
  });

  it('is linear on many pieces without =', () => {
    const long = 'LEEF:1.0|V|P|1|E|' + 'x\t'.repeat(300_000) + 'a=1';
    const started = process.hrtime.bigint();
    const record = parseLeef(long);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(record?.['a'], '1');
    assert.ok(elapsedMs < 1000, `took ${elapsedMs} ms`);
  });
});

describe('createLeefParser', () => {
  it('gives leef events and content-free errors', () => {
    const parser = createLeefParser();
    const outcome = parser.push('LEEF:1.0|V|P|1|E|a=1', 9);
    assert.equal(outcome.kind, 'events');
    if (outcome.kind === 'events') {
      assert.equal(outcome.events.length, 1);
      assert.equal(outcome.events[0]?.schema, 'leef');
      assert.equal(outcome.events[0]?.format, 'leef');
      assert.equal(outcome.events[0]?.line, 9);
    }
    assert.deepEqual(parser.push('password=hunter2', 10), { kind: 'error', line: 10, message: 'not a LEEF line' });
    assert.deepEqual(parser.end(), []);
  });
});
