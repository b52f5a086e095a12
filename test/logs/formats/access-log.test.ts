import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createAccessLogParser,
  looksLikeAccessLog,
  parseAccessLine,
} from '../../../src/logs/formats/access-log.js';

describe('parseAccessLine', () => {
  it('reads the Apache documentation common-format line', () => {
    const parsed = parseAccessLine(
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
    );
    assert.deepEqual(parsed, {
      format: 'access-common',
      record: {
        remoteAddr: '127.0.0.1',
        remoteUser: 'frank',
        time: '10/Oct/2000:13:55:36 -0700',
        request: 'GET /apache_pb.gif HTTP/1.0',
        method: 'GET',
        path: '/apache_pb.gif',
        protocol: 'HTTP/1.0',
        status: 200,
        bytes: 2326,
      },
    });
  });

  it('reads a combined line with referer and user agent', () => {
    const parsed = parseAccessLine(
      '10.1.2.3 - - [01/Feb/2024:08:00:00 +0000] "POST /login?next=%2F HTTP/2.0" 302 0 "https://example.org/start" "curl/8.5.0"',
    );
    assert.equal(parsed?.format, 'access-combined');
    assert.deepEqual(parsed?.record, {
      remoteAddr: '10.1.2.3',
      time: '01/Feb/2024:08:00:00 +0000',
      request: 'POST /login?next=%2F HTTP/2.0',
      method: 'POST',
      path: '/login?next=%2F',
      protocol: 'HTTP/2.0',
      status: 302,
      bytes: 0,
      referer: 'https://example.org/start',
      userAgent: 'curl/8.5.0',
    });
  });

  it('keeps an ident and drops - for referer, user agent and bytes', () => {
    const parsed = parseAccessLine('192.0.2.7 ident42 alice [01/Feb/2024:08:00:00 +0100] "HEAD / HTTP/1.1" 304 - "-" "-"');
    assert.equal(parsed?.format, 'access-combined');
    assert.equal(parsed?.record.ident, 'ident42');
    assert.equal(parsed?.record.remoteUser, 'alice');
    assert.equal(parsed?.record.bytes, null);
    assert.equal('referer' in (parsed?.record ?? {}), false);
    assert.equal('userAgent' in (parsed?.record ?? {}), false);
  });

  it('takes IPv6 client addresses whole', () => {
    const parsed = parseAccessLine('2001:db8::42 - - [05/Mar/2024:10:00:00 +0000] "GET /a HTTP/1.1" 200 10');
    assert.equal(parsed?.record.remoteAddr, '2001:db8::42');
    const loopback = parseAccessLine('::1 - - [05/Mar/2024:10:00:00 +0000] "GET /a HTTP/1.1" 200 10');
    assert.equal(loopback?.record.remoteAddr, '::1');
  });

  it('unescapes \\" and \\\\ inside quoted fields and keeps other escapes as written', () => {
    const parsed = parseAccessLine(
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET /q?x=\\"a b\\" HTTP/1.1" 200 5 "-" "Agent \\"quoted\\" \\\\ \\x41"',
    );
    assert.equal(parsed?.format, 'access-combined');
    assert.equal(parsed?.record.request, 'GET /q?x="a b" HTTP/1.1');
    assert.equal(parsed?.record.path, '/q?x="a b"');
    assert.equal(parsed?.record.userAgent, 'Agent "quoted" \\ \\x41');
  });

  it('keeps an unescaped quote that is not followed by a space inside the field', () => {
    const parsed = parseAccessLine('10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET /a"b HTTP/1.1" 400 5');
    assert.equal(parsed?.record.request, 'GET /a"b HTTP/1.1');
    assert.equal(parsed?.record.status, 400);
  });

  it('reads malformed request lines without splitting them', () => {
    for (const request of ['-', '\\x16\\x03\\x01\\x02\\x00\\x01', '- - HTTP/1.0', '<script>x</script> / HTTP/1.1', 'get / HTTP/1.1']) {
      const parsed = parseAccessLine(`10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "${request}" 400 0 "-" "-"`);
      assert.equal(parsed?.format, 'access-combined', request);
      assert.equal(parsed?.record.request, request);
      assert.equal(parsed?.record.method, undefined, request);
      assert.equal(parsed?.record.path, undefined, request);
      assert.equal(parsed?.record.protocol, undefined, request);
    }
  });

  it('splits a request line without protocol, and one with spaces in the target', () => {
    const bare = parseAccessLine('10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET /x" 400 0');
    assert.equal(bare?.record.method, 'GET');
    assert.equal(bare?.record.path, '/x');
    assert.equal(bare?.record.protocol, undefined);
    const spaced = parseAccessLine('10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "PROPFIND /a b/c HTTP/1.1" 207 9');
    assert.equal(spaced?.record.method, 'PROPFIND');
    assert.equal(spaced?.record.path, '/a b/c');
    assert.equal(spaced?.record.protocol, 'HTTP/1.1');
  });

  it('tolerates trailing fields: nginx forwarded-for, request times, X-Forwarded-For=', () => {
    const base = '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "ua/1"';
    assert.equal(parseAccessLine(`${base} "203.0.113.9, 10.0.0.2"`)?.record.forwardedFor, '203.0.113.9, 10.0.0.2');
    assert.equal(parseAccessLine(`${base} "2001:db8::1"`)?.record.forwardedFor, '2001:db8::1');
    const dash = parseAccessLine(`${base} "-" 0.003 0.002`);
    assert.equal(dash?.format, 'access-combined');
    assert.equal(dash?.record.forwardedFor, undefined);
    const times = parseAccessLine(`${base} "0.003" rt=0.010`);
    assert.equal(times?.format, 'access-combined');
    assert.equal(times?.record.forwardedFor, undefined);
    assert.equal(parseAccessLine(`${base} rt=0.1 X-Forwarded-For="198.51.100.1"`)?.record.forwardedFor, '198.51.100.1');
    assert.equal(parseAccessLine(`${base} x-forwarded-for=198.51.100.2`)?.record.forwardedFor, '198.51.100.2');
    assert.equal(parseAccessLine(`${base} X-Forwarded-For="-"`)?.record.forwardedFor, undefined);
  });

  it('reads a common line followed by unquoted fields as common', () => {
    const parsed = parseAccessLine('10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 612 3413 "-" "ua"');
    assert.equal(parsed?.format, 'access-common');
    assert.equal(parsed?.record.bytes, 612);
    assert.equal(parsed?.record.userAgent, undefined);
  });

  it('reads a virtual host before the client address', () => {
    const parsed = parseAccessLine('www.example.com:443 10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "ua"');
    assert.equal(parsed?.record.virtualHost, 'www.example.com:443');
    assert.equal(parsed?.record.remoteAddr, '10.0.0.1');
  });

  it('rejects lines that are not access logs', () => {
    const bad = [
      '',
      'hello world',
      '10.0.0.1 - - 05/Mar/2024:10:00:00 "GET / HTTP/1.1" 200 1',
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000 "GET / HTTP/1.1" 200 1',
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] GET / HTTP/1.1 200 1',
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1 200 1',
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" OK 1',
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 2000 1',
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1k',
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200',
      '10.0.0.1 - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1',
      'a b c d e [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1',
      '{"remote_addr":"10.0.0.1","time":"[x]"}',
    ];
    for (const line of bad) assert.equal(parseAccessLine(line), null, line);
  });

  it('stays fast on adversarial input', () => {
    const quotes = '"a"b '.repeat(20000);
    const line = `10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" ${quotes}`;
    const started = performance.now();
    assert.equal(parseAccessLine(line)?.format, 'access-combined');
    assert.equal(parseAccessLine(`1 2 3 [${'x'.repeat(100000)}`), null);
    assert.equal(parseAccessLine(`1 2 3 [t] "${'\\"'.repeat(50000)}`), null);
    assert.ok(performance.now() - started < 1000);
  });
});

describe('looksLikeAccessLog', () => {
  it('names the format, or null', () => {
    assert.equal(looksLikeAccessLog('::1 - - [26/Dec/2016:16:16:29 +0200] "GET / HTTP/1.1" 404 209'), 'access-common');
    assert.equal(
      looksLikeAccessLog('::1 - - [26/Dec/2016:16:16:29 +0200] "GET / HTTP/1.1" 404 209 "-" "Mozilla/5.0"'),
      'access-combined',
    );
    assert.equal(looksLikeAccessLog('level=info msg="started" port=8080'), null);
    assert.equal(looksLikeAccessLog('<34>Oct 11 22:14:15 mymachine su: su root failed'), null);
  });
});

describe('createAccessLogParser', () => {
  it('emits one event per line with schema access-log, skips blank lines, reports errors', () => {
    const parser = createAccessLogParser();
    const first = parser.push('10.0.0.1 - bob [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1', 3);
    assert.equal(first.kind, 'events');
    if (first.kind !== 'events') return;
    assert.equal(first.events.length, 1);
    assert.equal(first.events[0]?.schema, 'access-log');
    assert.equal(first.events[0]?.format, 'access-common');
    assert.equal(first.events[0]?.line, 3);
    assert.equal(first.events[0]?.record['remoteUser'], 'bob');
    assert.deepEqual(parser.push('   ', 4), { kind: 'events', events: [] });
    const error = parser.push('not an access log', 5);
    assert.equal(error.kind, 'error');
    if (error.kind === 'error') {
      assert.equal(error.line, 5);
      assert.match(error.message, /access-log/);
    }
    assert.deepEqual(parser.end(), []);
  });
});
