import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogfmtParser, looksLikeLogfmt, parseLogfmt } from '../../../src/logs/formats/logfmt.js';

describe('parseLogfmt', () => {
  it('reads bare and quoted values and keeps dotted keys as written', () => {
    assert.deepEqual(
      parseLogfmt('time=2024-03-05T10:00:00Z level=info user.name=alice msg="user logged in" src_ip=10.0.0.1'),
      {
        time: '2024-03-05T10:00:00Z',
        level: 'info',
        'user.name': 'alice',
        msg: 'user logged in',
        src_ip: '10.0.0.1',
      },
    );
  });

  it('unescapes quoted values', () => {
    const record = parseLogfmt('a=1 msg="she said \\"hi\\" \\\\ done\\n" path="C:\\\\tmp" u="\\u00e9t\\u00E9" odd="\\q"');
    assert.deepEqual(record, { a: '1', msg: 'she said "hi" \\ done\n', path: 'C:\\tmp', u: 'été', odd: '\\q' });
  });

  it('reads keys without = as true, key= as the empty string, and tabs as separators', () => {
    assert.deepEqual(parseLogfmt('at=info\tdebug method=GET empty= path=/x?a=b'), {
      at: 'info',
      debug: true,
      method: 'GET',
      empty: '',
      path: '/x?a=b',
    });
  });

  it('lets a repeated key keep its last value', () => {
    assert.deepEqual(parseLogfmt('a=1 b=2 a=3'), { a: '3', b: '2' });
  });

  it('stores __proto__ as an own field without touching the prototype', () => {
    const record = parseLogfmt('__proto__=x b=2');
    assert.ok(record !== null);
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
    assert.equal(Object.hasOwn(record, '__proto__'), true);
    assert.equal(Object.getOwnPropertyDescriptor(record, '__proto__')?.value, 'x');
  });

  it('needs at least two key=value pairs', () => {
    assert.equal(parseLogfmt('a=1'), null);
    assert.equal(parseLogfmt('a=1 flag other'), null);
    assert.equal(parseLogfmt(''), null);
    assert.equal(parseLogfmt('just some words'), null);
    assert.notEqual(parseLogfmt('a=1 b="two words"'), null);
  });

  it('rejects malformed pairs', () => {
    for (const line of [
      'a=1 b="unterminated',
      'a=1 b="x"y',
      'a=1 =2 c=3',
      'a=1 b=x"y c=3',
      'a=1 "quoted"=2',
      'a=1 said "hi there" b=2',
    ]) {
      assert.equal(parseLogfmt(line), null, line);
    }
  });

  it('rejects lines that start like JSON, CEF, LEEF, syslog, auditd or access logs', () => {
    for (const line of [
      '{"a":"b=1 c=2"}',
      '[a=1 b=2]',
      'CEF:0|Vendor|Product|1.0|100|name|5|src=10.0.0.1 dst=10.0.0.2',
      'LEEF:2.0|Vendor|Product|1.0|id|src=10.0.0.1 dst=10.0.0.2',
      '<34>1 2024-03-05T10:00:00Z host app - - - a=1 b=2',
      'Mar  5 10:00:00 host sshd[1]: a=1 b=2',
      'Oct 11 22:14:15 host app: user=x ip=y',
      'type=USER_LOGIN msg=audit(1700000000.123:42): pid=1 uid=0 res=success',
      '10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET /?a=1&b=2 HTTP/1.1" 200 1 "-" "x=1 y=2"',
    ]) {
      assert.equal(parseLogfmt(line), null, line);
      assert.equal(looksLikeLogfmt(line), false, line);
    }
  });

  it('stays linear on long lines', () => {
    const line = 'k=v '.repeat(100000) + 'x="' + '\\"'.repeat(100000);
    const started = performance.now();
    assert.equal(parseLogfmt(line), null);
    assert.equal(Object.keys(parseLogfmt('k=v '.repeat(50000)) ?? {}).length, 1);
    assert.ok(performance.now() - started < 1000);
  });
});

describe('looksLikeLogfmt', () => {
  it('accepts logfmt lines', () => {
    assert.equal(looksLikeLogfmt('ts=1700000000 level=warn msg="disk low"'), true);
    assert.equal(looksLikeLogfmt('  at=info method=GET'), true);
    assert.equal(looksLikeLogfmt('nothing to see here'), false);
  });
});

describe('createLogfmtParser', () => {
  it('emits events with no schema and reports non-logfmt lines', () => {
    const parser = createLogfmtParser();
    const outcome = parser.push('user=bob action=login outcome=success', 7);
    assert.deepEqual(outcome, {
      kind: 'events',
      events: [{ record: { user: 'bob', action: 'login', outcome: 'success' }, schema: null, line: 7, format: 'logfmt' }],
    });
    assert.deepEqual(parser.push('', 8), { kind: 'events', events: [] });
    const error = parser.push('user=bob', 9);
    assert.equal(error.kind, 'error');
    if (error.kind === 'error') assert.equal(error.line, 9);
    assert.deepEqual(parser.end(), []);
  });
});
