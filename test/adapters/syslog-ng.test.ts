import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { TEXT_ADAPTERS } from '../../src/adapters/registry.js';
import { claimsRsyslog } from '../../src/adapters/rsyslog.js';
import { ADAPTERS, claimsSyslogNg, readSyslogNg } from '../../src/adapters/syslog-ng.js';
import { assertWellFormed, conf, edgeList, edgeOf, factsOf, filesContext, inputOf, lc, outputOf, pipelineOf, unknownsOf } from './rsyslog-support.js';

function read(text: string, path = 'etc/syslog-ng/syslog-ng.conf', context: ReadContext = NO_INCLUDES) {
  const r = readSyslogNg({ path, text }, context);
  assertWellFormed(r, 'syslog-ng');
  return r;
}

const ALL_BUT = (...excluded: string[]): string[] =>
  ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'].filter((f) => !excluded.includes(f));

describe('syslog-ng: claims', () => {
  test('syslog-ng.conf, .conf files under syslog-ng/, and .conf files with @version: or a source/destination', () => {
    assert.equal(claimsSyslogNg('etc/syslog-ng/syslog-ng.conf', ''), true);
    assert.equal(claimsSyslogNg('etc/syslog-ng/conf.d/remote.conf', '# empty\n'), true);
    assert.equal(claimsSyslogNg('opt/logging.conf', '@version: 4.2\n'), true);
    assert.equal(claimsSyslogNg('opt/logging.conf', 'destination d_net { network("x"); };\n'), true);
    assert.equal(ADAPTERS.text[0]?.kind, 'syslog-ng');
    assert.ok(TEXT_ADAPTERS.some((a) => a.kind === 'syslog-ng'));
  });
  test('not rsyslog configs, logrotate files or logs; rsyslog does not claim syslog-ng files', () => {
    assert.equal(claimsSyslogNg('etc/rsyslog.conf', '$ModLoad imuxsock\n'), false);
    assert.equal(claimsSyslogNg('opt/a.conf', '*.* @@central:514\n'), false);
    assert.equal(claimsSyslogNg('etc/logrotate.d/syslog-ng', '/var/log/syslog {\n  rotate 7\n}\n'), false);
    assert.equal(claimsSyslogNg('var/log/syslog-ng/syslog-ng.log', 'x'), false);
    assert.equal(claimsSyslogNg('usr/share/syslog-ng/include/scl/loki/loki.conf', 'block destination loki() { };\n'), false);
    assert.equal(claimsRsyslog('etc/syslog-ng/syslog-ng.conf', '@version: 3.38\nsource s { system(); };\nlog { source(s); destination(d); };\n'), false);
  });
});

describe('syslog-ng: sources', () => {
  test('local, network, file and journal drivers as inputs, with default ports', () => {
    const r = read(
      conf(
        '@version: 4.2',
        'source s_local { system(); internal(); unix-dgram("/dev/log"); };',
        'source s_net { network(); network(transport("udp") port(5514)); syslog(); syslog(transport("tls") tls(key-file("/k"))); udp(); };',
        'source s_files { file("/var/log/app.log"); wildcard-file(base-dir("/var/log/nginx") filename-pattern("*.log") recursive(yes)); file("/proc/kmsg"); };',
        'source s_journal { systemd-journal(); };',
      ),
    );
    const p = pipelineOf(r);
    assert.deepEqual(
      p.inputs.map((i) => [i.id, i.plugin, i.channel, i.port, i.paths]),
      [
        ['s_local#1', 'system', 'syslog-local', null, []],
        ['s_local#2', 'internal', 'syslog-local', null, []],
        ['s_local#3', 'unix-dgram', 'syslog-local', null, []],
        ['s_net#1', 'network', 'syslog-listener', 514, []],
        ['s_net#2', 'network', 'syslog-listener', 5514, []],
        ['s_net#3', 'syslog', 'syslog-listener', 601, []],
        ['s_net#4', 'syslog', 'syslog-listener', 6514, []],
        ['s_net#5', 'udp', 'syslog-listener', 514, []],
        ['s_files#1', 'file', 'file', null, ['/var/log/app.log']],
        ['s_files#2', 'wildcard-file', 'file', null, ['/var/log/nginx/**/*.log']],
        ['s_files#3', 'file', 'syslog-local', null, []],
        ['s_journal', 'systemd-journal', 'journald', null, []],
      ],
    );
    assert.equal(lc(inputOf(p, 's_local#2').at), '2:28');
    assert.deepEqual(r.unknowns, []);
  });
});

describe('syslog-ng: destinations', () => {
  test('network() with transport("tls"): TLS, peer verified by default (required-trusted), disk buffer durable', () => {
    const p = pipelineOf(
      read(
        conf(
          'destination d_remote {',
          '  network("logs.example.com" transport("tls") port(6514)',
          '    tls(ca-dir("/etc/syslog-ng/ca.d"))',
          '    disk-buffer(reliable(yes) disk-buf-size(1073741824)));',
          '};',
        ),
      ),
    );
    const o = outputOf(p, 'd_remote');
    assert.deepEqual(factsOf(o), { plugin: 'network', sinkKind: 'syslog', remote: true, endpoint: 'logs.example.com:6514', port: 6514, protocol: 'syslog', tls: true, tlsVerify: true, durable: true, index: null, path: null });
    assert.equal(lc(o.at), '2:3');
    assert.equal(lc(o.locations['tls']), '2:30');
    assert.equal(lc(o.locations['durable']), '4:5');
  });
  test('peer-verify modes are read as syslog-ng reads them: case-insensitive, `_` for `-`, and `none`', () => {
    const p = pipelineOf(
      read(
        conf(
          'destination d_a { network("a.example.com" transport("tls") tls(peer_verify(optional_untrusted))); };',
          'destination d_b { syslog("b.example.com" transport("tls") tls(peer-verify(Required_Untrusted))); };',
          'destination d_c { network("c.example.com" transport("tls") tls(peer-verify(none))); };',
          'destination d_d { network("d.example.com" transport("tls") tls(peer-verify(required_trusted))); };',
        ),
      ),
    );
    assert.deepEqual([outputOf(p, 'd_a').tls, outputOf(p, 'd_a').tlsVerify], [true, false]);
    assert.deepEqual([outputOf(p, 'd_b').tls, outputOf(p, 'd_b').tlsVerify], [true, false]);
    assert.deepEqual([outputOf(p, 'd_c').tls, outputOf(p, 'd_c').tlsVerify], [true, false]);
    assert.deepEqual([outputOf(p, 'd_d').tls, outputOf(p, 'd_d').tlsVerify], [true, true]);
  });
  test('peer-verify(optional-untrusted) does not verify; network() over TCP is plaintext on 514; udp() is never TLS', () => {
    const r = read(
      conf(
        'destination d_a { network("a.example.com" transport("tls") tls(peer-verify(optional-untrusted))); };',
        'destination d_b { network("b.example.com"); };',
        'destination d_c { udp("10.0.0.5"); tcp("10.0.0.6" port(1514) tls(ca-file("/ca.pem"))); };',
        'destination d_d { syslog("d.example.com" transport("tls")); syslog("d.example.com"); };',
      ),
    );
    const p = pipelineOf(r);
    assert.deepEqual([outputOf(p, 'd_a').tls, outputOf(p, 'd_a').tlsVerify, outputOf(p, 'd_a').port], [true, false, 514]);
    assert.equal(lc(outputOf(p, 'd_a').locations['tlsVerify']), '1:64');
    assert.deepEqual([outputOf(p, 'd_b').tls, outputOf(p, 'd_b').port, outputOf(p, 'd_b').durable, outputOf(p, 'd_b').endpoint], [false, 514, false, 'b.example.com']);
    assert.deepEqual([outputOf(p, 'd_c#1').tls, outputOf(p, 'd_c#1').port], [false, 514]);
    assert.deepEqual([outputOf(p, 'd_c#2').tls, outputOf(p, 'd_c#2').tlsVerify, outputOf(p, 'd_c#2').port], [true, true, 1514]);
    assert.deepEqual([outputOf(p, 'd_d#1').tls, outputOf(p, 'd_d#1').port], [true, 6514]);
    assert.deepEqual([outputOf(p, 'd_d#2').tls, outputOf(p, 'd_d#2').port], [false, 601]);
  });
  test('HTTP, Elasticsearch, Loki and Kafka destinations', () => {
    const r = read(
      conf(
        'destination d_es { elasticsearch-http(url("https://es.example.com:9200/_bulk") index("audit-${YEAR}.${MONTH}") user("u") password("secret") peer-verify(no)); };',
        'destination d_hook { http(url("http://hooks.example.com/ingest")); };',
        'destination d_loki { loki(url("loki.example.com:9095") tenant-id("sec") auth(tls(ca-file("/ca")))); };',
        'destination d_kafka { kafka-c(bootstrap-servers("k1:9092,k2:9092") topic("logs")); };',
      ),
    );
    const p = pipelineOf(r);
    assert.deepEqual(factsOf(outputOf(p, 'd_es')), {
      plugin: 'elasticsearch-http',
      sinkKind: 'elasticsearch',
      remote: true,
      endpoint: 'https://es.example.com:9200/_bulk',
      port: 9200,
      protocol: 'http',
      tls: true,
      tlsVerify: false,
      durable: false,
      index: 'audit-',
      path: null,
    });
    assert.deepEqual([outputOf(p, 'd_hook').sinkKind, outputOf(p, 'd_hook').tls, outputOf(p, 'd_hook').port], ['webhook', false, 80]);
    assert.deepEqual([outputOf(p, 'd_loki').sinkKind, outputOf(p, 'd_loki').tls, outputOf(p, 'd_loki').tlsVerify, outputOf(p, 'd_loki').index, outputOf(p, 'd_loki').port], ['loki', true, true, 'sec', 9095]);
    assert.deepEqual([outputOf(p, 'd_kafka').sinkKind, outputOf(p, 'd_kafka').endpoint, outputOf(p, 'd_kafka').tls], ['kafka', 'k1:9092,k2:9092', false]);
    assert.deepEqual(r.unknowns, []);
  });
  test('files: paths with macros are unknown; devices are not log files; programs are never run', () => {
    const r = read(conf('destination d_f { file("/var/log/messages"); file("/var/log/$HOST/messages"); file("/dev/tty10"); program("/usr/bin/ship"); };'));
    const p = pipelineOf(r);
    assert.deepEqual(
      p.outputs.map((o) => [o.id, o.sinkKind, o.remote, o.path]),
      [
        ['d_f#1', 'local-file', false, '/var/log/messages'],
        ['d_f#2', 'local-file', false, null],
        ['d_f#3', 'other', false, '/dev/tty10'],
        ['d_f#4', 'other', null, null],
      ],
    );
    assert.deepEqual(unknownsOf(r), ['destination file("/var/log/$HOST/messages")@1', 'destination program()@1']);
  });
});

describe('syslog-ng: log paths (edges)', () => {
  const debianLike = conf(
    '@version: 3.38',
    '@include "scl.conf"',
    'source s_src { system(); internal(); };',
    'destination d_auth { file("/var/log/auth.log"); };',
    'destination d_syslog { file("/var/log/syslog"); };',
    'destination d_err { file("/var/log/error"); };',
    'filter f_debug { level(debug) and not facility(auth, authpriv, news, mail); };',
    'filter f_auth { facility(auth, authpriv) and not filter(f_debug); };',
    'filter f_syslog3 { not facility(auth, authpriv, mail) and not filter(f_debug); };',
    'filter f_error { level(err .. emerg); };',
    'log { source(s_src); filter(f_auth); destination(d_auth); };',
    'log { source(s_src); filter(f_syslog3); destination(d_syslog); };',
    'log { source(s_src); filter(f_error); destination(d_err); };',
  );
  test('facility() and level() filters, with not, and, ranges and filter() references, are evaluated', () => {
    const r = read(debianLike);
    const p = pipelineOf(r);
    assert.deepEqual(edgeOf(p, 's_src#1', 'd_auth').facilities, ['auth', 'authpriv']);
    assert.deepEqual(edgeOf(p, 's_src#1', 'd_syslog').facilities, ALL_BUT('auth', 'authpriv', 'mail'));
    assert.equal(edgeOf(p, 's_src#1', 'd_err').facilities, null);
    assert.deepEqual(edgeOf(p, 's_src#2', 'd_syslog').facilities, ['syslog'], 'internal() messages carry the syslog facility');
    assert.deepEqual(edgeList(p), ['s_src#1>d_auth', 's_src#1>d_err', 's_src#1>d_syslog', 's_src#2>d_err', 's_src#2>d_syslog']);
    assert.deepEqual(r.unknowns, [], 'scl.conf is the library, not an include to report');
  });
  test('other filters keep the edge and are reported', () => {
    const r = read(conf('source s { system(); };', 'destination d { network("siem.example.com"); };', 'filter f_ssh { program("sshd") and facility(auth); };', 'log { source(s); filter(f_ssh); destination(d); };'));
    assert.deepEqual(edgeOf(pipelineOf(r), 's', 'd').facilities, ['auth']);
    assert.deepEqual(unknownsOf(r), ['filter f_ssh@4']);
  });
  test('flags(final) keeps what a path matched from later paths; fallback takes only the unmatched; catchall takes every source', () => {
    const p = pipelineOf(
      read(
        conf(
          'source s { system(); };',
          'source n { network(port(514)); };',
          'destination d_auth { file("/var/log/auth"); };',
          'destination d_rest { file("/var/log/rest"); };',
          'destination d_fb { file("/var/log/fallback"); };',
          'destination d_all { network("central.example.com"); };',
          'log { source(s); filter { facility(auth); }; destination(d_auth); flags(final); };',
          'log { source(s); destination(d_rest); };',
          'log { source(s); destination(d_fb); flags(fallback); };',
          'log { destination(d_all); flags(catchall); };',
        ),
      ),
    );
    assert.deepEqual(edgeOf(p, 's', 'd_rest').facilities, ALL_BUT('auth'));
    assert.deepEqual(edgeList(p), ['n>d_all', 's>d_all', 's>d_auth', 's>d_rest']);
  });
  test('fallback paths get what no other path matched', () => {
    const p = pipelineOf(read(conf('source s { system(); };', 'destination a { file("/a"); };', 'destination fb { file("/fb"); };', 'log { source(s); filter { facility(mail); }; destination(a); };', 'log { source(s); destination(fb); flags(fallback); };')));
    assert.deepEqual(edgeOf(p, 's', 'fb').facilities, ALL_BUT('mail'));
  });
  test('nested log paths, junctions, if/elif/else and inline objects', () => {
    const r = read(
      conf(
        'log {',
        '  source { system(); };',
        '  log { filter { facility(auth, authpriv); }; destination { file("/var/log/secure"); }; flags(final); };',
        '  log { destination { file("/var/log/other"); }; };',
        '  junction {',
        '    channel { filter { facility(mail); }; destination { file("/var/log/mail"); }; };',
        '    channel { filter { level(err..emerg); }; destination { network("alerts.example.com"); }; };',
        '  };',
        '  if (facility(kern)) { destination { file("/var/log/kern"); }; }',
        '  elif (facility(cron)) { destination { file("/var/log/cron"); }; }',
        '  else { destination { file("/var/log/else"); }; };',
        '};',
      ),
    );
    const p = pipelineOf(r);
    const src = 'inline-source#1';
    assert.deepEqual(edgeOf(p, src, 'inline-destination#2').facilities, ['auth', 'authpriv']);
    assert.deepEqual(edgeOf(p, src, 'inline-destination#3').facilities, ALL_BUT('auth', 'authpriv'));
    assert.deepEqual(edgeOf(p, src, 'inline-destination#4').facilities, ['mail']);
    assert.equal(edgeOf(p, src, 'inline-destination#5').facilities, null);
    // After the junction, mail (all severities) and the err..emerg of every facility go on.
    assert.deepEqual(edgeOf(p, src, 'inline-destination#6').facilities, ['kern']);
    assert.deepEqual(edgeOf(p, src, 'inline-destination#7').facilities, ['cron']);
    assert.deepEqual(edgeOf(p, src, 'inline-destination#8').facilities, ALL_BUT('kern', 'cron'));
    assert.deepEqual(r.problems, []);
  });
  test('references to objects that are not defined are reported, except in fragments (no @version:) that name the main config\'s', () => {
    const r = read(conf('@version: 4.2', 'source s { system(); };', 'log { source(s); source(s_missing); filter(f_missing); destination(d_missing); };'));
    assert.deepEqual(unknownsOf(r), ['source(s_missing)@3', 'filter(f_missing)@3', 'destination(d_missing)@3']);
    const fragment = read(conf('destination d_siem { network("siem"); };', 'log { source(s_src); filter(f_auth); destination(d_siem); };'), 'etc/syslog-ng/conf.d/siem.conf');
    assert.deepEqual(fragment.unknowns, []);
    assert.deepEqual(pipelineOf(fragment).edges, []);
  });
});

describe('syslog-ng: includes, defines and syntax', () => {
  const files = {
    'nodes/a/etc/syslog-ng/syslog-ng.conf': conf('@version: 4.2', 'source s_src { system(); };', '@include "conf.d/*.conf"'),
    'nodes/a/etc/syslog-ng/conf.d/remote.conf': conf('@define siem "siem.example.com"', 'destination d_siem { network("`siem`" transport("tls")); };', 'log { source(s_src); destination(d_siem); };'),
  };
  test('@include merges files in place; @define values substitute backticks', () => {
    const r = read(files['nodes/a/etc/syslog-ng/syslog-ng.conf'], 'nodes/a/etc/syslog-ng/syslog-ng.conf', filesContext(files));
    assert.deepEqual(r.includes, ['nodes/a/etc/syslog-ng/conf.d/remote.conf']);
    const p = pipelineOf(r);
    assert.equal(p.id, 'syslog-ng:nodes/a/etc/syslog-ng/syslog-ng.conf');
    assert.equal(p.shipper, 'syslog-ng');
    assert.deepEqual(edgeList(p), ['s_src>d_siem']);
    const o = outputOf(p, 'd_siem');
    assert.equal(o.at.path, 'nodes/a/etc/syslog-ng/conf.d/remote.conf');
    assert.equal(o.remote, true);
  });
  test('an include that names no scanned file is reported', () => {
    const r = read(conf('@include "/etc/syslog-ng/conf.d/*.conf"'));
    assert.deepEqual(unknownsOf(r), ['@include /etc/syslog-ng/conf.d/*.conf@1']);
  });
  test('comments, both quotes, options and templates are read without notes', () => {
    const r = read(
      conf(
        '# comment with "quotes" and { braces',
        "options { chain_hostnames(off); use_dns(no); };",
        'template t_json { template("$(format-json --scope rfc5424)\\n"); };',
        "destination d { file('/var/log/single\\quoted' template(t_json)); }; # trailing",
      ),
    );
    assert.equal(outputOf(pipelineOf(r), 'd').path, '/var/log/single\\quoted');
    assert.deepEqual(r.unknowns, []);
    assert.deepEqual(r.problems, []);
  });
  test('prototype names from the input are plain names', () => {
    const r = read(conf('@version: 4.2', '@define __proto__ "x"', 'source __proto__ { constructor(); };', 'destination toString { file("/x"); };', 'filter hasOwnProperty { facility(__proto__); };', 'log { source(__proto__); filter(hasOwnProperty); destination(toString); };'));
    const p = pipelineOf(r);
    assert.deepEqual(p.inputs.map((i) => [i.id, i.channel]), [['__proto__', 'other']]);
    assert.deepEqual(edgeList(p), ['__proto__>toString']);
    assert.deepEqual(unknownsOf(r), ['source driver constructor()@3', 'filter hasOwnProperty@6']);
  });
  test('malformed input: problems with line and column, never a throw', () => {
    const r = read(conf('source s { system(); };', 'destination d { file("/var/log/x) };', 'log { source(s); destination(d); };'));
    assert.ok(r.problems.length > 0);
    assert.equal(lc(r.problems[0]?.at), '2:22');
    const missing = read(conf('source s { system(); }', 'destination d { file("/x"); };'));
    assert.ok(missing.problems.some((p) => /missing ;/.test(p.message) && p.at.line === 1));
    assert.deepEqual(pipelineOf(missing).outputs.map((o) => o.id), ['d'], 'the next statement is still read');
    const bad = read(conf(')))', '}}}'));
    assert.equal(bad.fatal, true);
  });
});
