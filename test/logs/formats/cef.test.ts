import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCefParser, parseCef } from '../../../src/logs/formats/cef.js';

describe('parseCef', () => {
  it('reads the seven header fields and the extension', () => {
    const record = parseCef('CEF:0|Acme|Gatekeeper|2.4.1|4001|Login blocked|7|src=192.0.2.10 dst=198.51.100.7 spt=51234 suser=alice');
    assert.deepEqual(record, {
      cef: {
        version: 0,
        deviceVendor: 'Acme',
        deviceProduct: 'Gatekeeper',
        deviceVersion: '2.4.1',
        signatureId: '4001',
        name: 'Login blocked',
        severity: '7',
      },
      src: '192.0.2.10',
      dst: '198.51.100.7',
      spt: '51234',
      suser: 'alice',
    });
  });

  it('unescapes \\| and \\\\ in header fields and keeps other backslashes', () => {
    const record = parseCef('CEF:1|Ven\\|dor|C:\\\\Prod|1\\.0|sig|Name with \\| pipe|High|');
    assert.ok(record);
    assert.deepEqual(record['cef'], {
      version: 1,
      deviceVendor: 'Ven|dor',
      deviceProduct: 'C:\\Prod',
      deviceVersion: '1\\.0',
      signatureId: 'sig',
      name: 'Name with | pipe',
      severity: 'High',
    });
    assert.deepEqual(Object.keys(record), ['cef']);
  });

  it('lets values contain spaces, up to the next key=', () => {
    const record = parseCef('CEF:0|V|P|1|100|n|5|msg=Detected a threat. No action needed.  act=blocked request=https://example.com/a?b=c');
    assert.ok(record);
    assert.equal(record['msg'], 'Detected a threat. No action needed.');
    assert.equal(record['act'], 'blocked');
    assert.equal(record['request'], 'https://example.com/a?b=c');
  });

  it('decodes \\=, \\\\, \\n and \\r in values and keeps unknown escapes', () => {
    const record = parseCef('CEF:0|V|P|1|100|n|5|cs1=a\\=b c\\\\d line1\\nline2\\r end cs2=x\\ty');
    assert.ok(record);
    assert.equal(record['cs1'], 'a=b c\\d line1\nline2\r end');
    assert.equal(record['cs2'], 'x\\ty');
  });

  it('does not start a key at an escaped = or at a word beginning with a dash', () => {
    const record = parseCef('CEF:0|V|P|1|100|n|5|cmd=run --opt=1 x\\=y duser=bob');
    assert.ok(record);
    assert.equal(record['cmd'], 'run --opt=1 x=y');
    assert.equal(record['duser'], 'bob');
  });

  it('finds CEF after a syslog header', () => {
    const record = parseCef('<134>Mar  4 10:11:12 fw01 CEF:0|Acme|FW|9|deny|Denied|3|src=10.1.1.1');
    assert.ok(record);
    assert.equal((record['cef'] as Record<string, unknown>)['deviceProduct'], 'FW');
    assert.equal(record['src'], '10.1.1.1');
    assert.equal(record['syslog'], undefined);
  });

  it('skips a CEF: that is not followed by a version', () => {
    const record = parseCef('note CEF: see below CEF:0|V|P|1|2|n|1|a=b');
    assert.ok(record);
    assert.equal(record['a'], 'b');
  });

  it('accepts an empty extension and keeps the last of a repeated key', () => {
    assert.deepEqual(Object.keys(parseCef('CEF:0|V|P|1|2|n|1|') ?? {}), ['cef']);
    assert.equal(parseCef('CEF:0|V|P|1|2|n|1|act=a act=b')?.['act'], 'b');
  });

  it('ignores text before the first key of the extension', () => {
    const record = parseCef('CEF:0|V|P|1|2|n|1|garbage words here src=1.2.3.4');
    assert.ok(record);
    assert.deepEqual(Object.keys(record).sort(), ['cef', 'src']);
  });

  it('keeps the header under cef even when an extension key is named cef', () => {
    const record = parseCef('CEF:0|V|P|1|2|n|1|cef=spoof');
    assert.ok(record);
    assert.equal((record['cef'] as Record<string, unknown>)['deviceVendor'], 'V');
  });

  it('stores a __proto__ key as data without touching the prototype', () => {
    const record = parseCef('CEF:0|V|P|1|2|n|1|__proto__=x');
    assert.ok(record);
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
    assert.ok(Object.hasOwn(record, '__proto__'));
  });

  it('returns null for malformed or non-CEF text', () => {
    assert.equal(parseCef(''), null);
    assert.equal(parseCef('hello world'), null);
    assert.equal(parseCef('CEF:0|V|P|1|2|n'), null); // six fields
    assert.equal(parseCef('CEF:0|V|P|1|2|n|5'), null); // severity without its closing pipe
    assert.equal(parseCef('CEF:x|V|P|1|2|n|5|'), null);
    assert.equal(parseCef('CEF:|V|P|1|2|n|5|'), null);
    assert.equal(parseCef('CEF:0|V|P|1|2|n\\|5|'), null); // escaped pipe does not count
  });

  it('is linear on long hostile extensions', () => {
    const long = 'CEF:0|V|P|1|2|n|5|a=' + ' b'.repeat(200_000) + '\\'.repeat(100_000);
    const started = process.hrtime.bigint();
    const record = parseCef(long);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(record);
    assert.ok(elapsedMs < 1000, `took ${elapsedMs} ms`);
  });
});

describe('createCefParser', () => {
  it('gives cef events and errors without the line content', () => {
    const parser = createCefParser();
    assert.deepEqual(parser.push('CEF:0|V|P|1|2|n|5|src=1.2.3.4', 3), {
      kind: 'events',
      events: [
        {
          record: {
            cef: { version: 0, deviceVendor: 'V', deviceProduct: 'P', deviceVersion: '1', signatureId: '2', name: 'n', severity: '5' },
            src: '1.2.3.4',
          },
          schema: 'cef',
          line: 3,
          format: 'cef',
        },
      ],
    });
    const error = parser.push('secret-token-123', 4);
    assert.deepEqual(error, { kind: 'error', line: 4, message: 'not a CEF line' });
    assert.deepEqual(parser.end(), []);
  });
});
