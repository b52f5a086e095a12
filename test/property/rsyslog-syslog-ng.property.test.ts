/**
 * Properties of the rsyslog and syslog-ng readers: arbitrary text, mutated real configs (the
 * rsyslog corpus and fixtures, syslog-ng configs in both grammars' styles), deep nesting, long
 * configs and include webs never make them throw; each read returns a well-formed ConfigRead
 * within the time bound, the same one every time, and no prototype is touched.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsRsyslog, readRsyslog } from '../../src/adapters/rsyslog.js';
import { claimsSyslogNg, readSyslogNg } from '../../src/adapters/syslog-ng.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import { assertWellFormed } from '../adapters/rsyslog-support.js';
import { anyText, assertNoPollution, containsCanary, fixtureTexts, mutatedText, prototypeKeys, runs, timed, withCanary } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/shippers/rsyslog/', import.meta.url));

const RSYSLOG_SAMPLES: string[] = [
  ...readdirSync(CORPUS)
    .filter((n) => n.endsWith('.conf'))
    .sort()
    .map((n) => readFileSync(`${CORPUS}${n}`, 'utf8')),
  ...fixtureTexts(/rsyslog/),
  [
    '$ModLoad imtcp',
    '$DefaultNetstreamDriver gtls',
    '$InputTCPServerBindRuleset remote',
    '$InputTCPServerRun 6514',
    '$RuleSet remote',
    '*.* /var/log/remote.log',
    '$RuleSet RSYSLOG_DefaultRuleset',
    'input(type="imfile" File="/var/log/audit/audit.log" Tag="audit:" ruleset="fwd")',
    'ruleset(name="fwd" queue.type="LinkedList") {',
    '  action(type="omfwd" target="siem" port="6514" protocol="tcp" StreamDriverMode="1" StreamDriverAuthMode="anon")',
    '  stop',
    '}',
    'if $programname == "sshd" then { action(type="omfile" file="/var/log/sshd.log") stop } else call fwd',
    ':msg, contains, "x" -/var/log/x',
    '& ~',
    '*.=debug;\\',
    '\tauth,authpriv.none\t-/var/log/debug',
    '$ActionQueueType LinkedList',
    '$ActionQueueFileName q',
    '*.* @@(o)central:6514;RSYSLOG_ForwardFormat',
    'include(file="/etc/rsyslog.d/*.conf" mode="optional")',
    '/* comment */ action(type="omhttp" server=["a","b"] httpheaders=["X-Scope-OrgID: t"])',
  ].join('\n'),
];

const SYSLOG_NG_SAMPLES: string[] = [
  [
    '@version: 4.2',
    '@include "scl.conf"',
    '@define logdir "/var/log"',
    'options { chain_hostnames(off); use_dns(no); };',
    'source s_src { system(); internal(); };',
    'source s_net { network(transport("tls") port(6514) tls(key-file("/k") peer-verify(optional-untrusted))); };',
    'destination d_auth { file("`logdir`/auth.log"); };',
    'destination d_remote { network("logs.example.com" transport("tls") tls(ca-dir("/ca")) disk-buffer(reliable(yes))); };',
    "destination d_es { elasticsearch-http(url('https://es:9200/_bulk') index(\"audit-${YEAR}\")); };",
    'filter f_auth { facility(auth, authpriv) and not level(debug); };',
    'filter f_err { level(err .. emerg) or filter(f_auth); };',
    'log { source(s_src); filter(f_auth); destination(d_auth); flags(final); };',
    'log { source(s_src); source(s_net); junction { channel { filter(f_err); destination(d_remote); }; channel { destination(d_es); }; }; };',
    'log { source(s_src); if (facility(kern)) { destination(d_auth); } elif (program("x")) { destination(d_es); } else { destination(d_remote); }; };',
    'log { destination(d_es); flags(catchall, fallback); };',
  ].join('\n'),
  [
    'source s { system(); };',
    'destination d_file { file("/var/log/messages" template("$ISODATE $HOST $MSG\\n")); };',
    'log { source(s); log { filter { facility(mail); }; destination(d_file); flags(final); }; log { destination { udp("10.0.0.1" port(514)); }; }; };',
  ].join('\n'),
];

function read(kind: 'rsyslog' | 'syslog-ng', text: string, context: ReadContext = NO_INCLUDES): ConfigRead {
  const file = { path: kind === 'rsyslog' ? 'etc/rsyslog.conf' : 'etc/syslog-ng/syslog-ng.conf', text };
  const r = timed(`${kind} read (${text.length} chars)`, () => (kind === 'rsyslog' ? readRsyslog(file, context) : readSyslogNg(file, context)));
  assertWellFormed(r, kind);
  return r;
}

const kinds = fc.constantFrom<'rsyslog' | 'syslog-ng'>('rsyslog', 'syslog-ng');

describe('rsyslog and syslog-ng readers never throw and return well-formed reads', () => {
  test('arbitrary text', () => {
    fc.assert(
      fc.property(kinds, anyText(400), (kind, text) => {
        read(kind, text);
      }),
      runs(400),
    );
  });

  test('mutated real configs (either grammar given to either reader), with a secret planted that no note quotes', () => {
    fc.assert(
      fc.property(kinds, mutatedText([...RSYSLOG_SAMPLES, ...SYSLOG_NG_SAMPLES]), withCanary(), (kind, text, plant) => {
        const r = read(kind, plant(text));
        assert.ok(!containsCanary(JSON.stringify([r.unknowns, r.problems])), 'a note quotes a secret');
      }),
      runs(400),
    );
  });

  test('the same text reads the same every time', () => {
    fc.assert(
      fc.property(kinds, mutatedText([...RSYSLOG_SAMPLES, ...SYSLOG_NG_SAMPLES], 3), (kind, text) => {
        assert.deepEqual(read(kind, text), read(kind, text));
      }),
      runs(100),
    );
  });

  test('claims never throw on any path and head', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('etc/rsyslog.conf', 'etc/rsyslog.d/x.conf', 'etc/syslog-ng/syslog-ng.conf', 'a.conf', '__proto__.conf')), anyText(300), (path, head) => {
        assert.equal(typeof claimsRsyslog(path, head), 'boolean');
        assert.equal(typeof claimsSyslogNg(path, head), 'boolean');
      }),
      runs(300),
    );
  });

  test('deep nesting of blocks, conditions and parentheses', () => {
    const nested = fc.tuple(fc.constantFrom('ruleset', 'if', 'else-if', 'ng-log', 'ng-paren', 'ng-not', 'rs-paren'), fc.integer({ min: 1, max: 3000 })).map(([shape, depth]) => {
      switch (shape) {
        case 'ruleset':
          return `ruleset(name="r") ${'{ if $x == 1 then '.repeat(depth)}stop${' }'.repeat(depth)}\n`;
        case 'if':
          return `${'if $msg contains "a" then '.repeat(depth)}/var/log/x\n`;
        case 'else-if':
          return `if $a == 1 then /a ${'else if $a == 2 then /b '.repeat(depth)}\n`;
        case 'ng-log':
          return `source s { system(); };\nlog { source(s); ${'log { '.repeat(depth)}destination { file("/x"); };${' };'.repeat(depth)} };\n`;
        case 'ng-paren':
          return `filter f { ${'('.repeat(depth)}facility(auth)${')'.repeat(depth)}; };\n`;
        case 'ng-not':
          return `filter f { ${'not '.repeat(depth)}facility(auth); };\nsource s { system(); };\nlog { source(s); filter(f); destination { file("/x"); }; };\n`;
        default:
          return `if ${'('.repeat(depth)}$x == 1${')'.repeat(depth)} then /var/log/x\n`;
      }
    });
    fc.assert(
      fc.property(kinds, nested, (kind, text) => {
        read(kind, text);
      }),
      runs(60),
    );
  });

  test('include webs (files including each other) end', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`etc/rsyslog.d/${i}.conf`] = `$IncludeConfig /etc/rsyslog.d/*.conf\n*.* /var/log/${i}\n`;
    for (let i = 0; i < 12; i++) files[`etc/syslog-ng/conf.d/${i}.conf`] = `@include "/etc/syslog-ng/conf.d/*.conf"\ndestination d${i} { file("/x${i}"); };\n`;
    const names = Object.keys(files).sort();
    const context: ReadContext = {
      include(pattern) {
        const dir = pattern.includes('syslog-ng') ? 'etc/syslog-ng/conf.d/' : 'etc/rsyslog.d/';
        return { files: names.filter((n) => n.startsWith(dir)).map((n) => ({ path: n, text: files[n] as string })), reason: null };
      },
    };
    const r = read('rsyslog', '$IncludeConfig /etc/rsyslog.d/*.conf\n', context);
    assert.ok(r.problems.some((p) => /include cycle/.test(p.message)) || r.unknowns.some((u) => /too many|too deep/.test(u.reason)));
    const n = read('syslog-ng', '@include "/etc/syslog-ng/conf.d/*.conf"\n', context);
    assert.ok(n.includes.length > 0);
  });

  test('long configs are read in bounded time (60,000 lines, 15,000 statements)', () => {
    const rs = Array.from({ length: 60_000 }, (_, i) => (i % 3 === 0 ? `# comment ${i}` : i % 3 === 1 ? `local${i % 8}.* /var/log/f${i % 50}` : `if $msg contains "x${i}" then stop`)).join('\n');
    const start = performance.now();
    const r = readRsyslog({ path: 'etc/rsyslog.conf', text: `$ModLoad imuxsock\n${rs}` }, NO_INCLUDES);
    assert.ok(performance.now() - start < 20_000, 'rsyslog read of 60k lines within 20 s');
    assert.equal(r.fatal, false);
    const ng = Array.from({ length: 15_000 }, (_, i) => `destination d${i} { file("/var/log/x${i}"); }; log { source(s); destination(d${i}); };`).join('\n');
    const t = performance.now();
    const n = readSyslogNg({ path: 'etc/syslog-ng/syslog-ng.conf', text: `source s { system(); };\n${ng}` }, NO_INCLUDES);
    assert.ok(performance.now() - t < 20_000, 'syslog-ng read of 15k statements within 20 s');
    assert.equal(n.pipelines[0]?.edges.length, 15_000);
  });
});
