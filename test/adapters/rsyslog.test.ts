import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { ADAPTERS, claimsRsyslog, readRsyslog } from '../../src/adapters/rsyslog.js';
import { TEXT_ADAPTERS } from '../../src/adapters/registry.js';
import { assertWellFormed, conf, edgeList, edgeOf, factsOf, filesContext, inputOf, lc, outputOf, pipelineOf, unknownsOf } from './rsyslog-support.js';

function read(text: string, path = 'etc/rsyslog.conf', context: ReadContext = NO_INCLUDES) {
  const r = readRsyslog({ path, text }, context);
  assertWellFormed(r, 'rsyslog');
  return r;
}

const ALL_BUT = (...excluded: string[]): string[] =>
  ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'].filter((f) => !excluded.includes(f));

describe('rsyslog: claims', () => {
  test('rsyslog.conf and rsyslog.d/*.conf by name, whatever their content', () => {
    assert.equal(claimsRsyslog('etc/rsyslog.conf', ''), true);
    assert.equal(claimsRsyslog('nodes/a/etc/rsyslog.d/50-default.conf', '# nothing yet\n'), true);
    assert.equal(ADAPTERS.text[0]?.kind, 'rsyslog');
    assert.ok(TEXT_ADAPTERS.some((a) => a.kind === 'rsyslog'), 'registered');
  });
  test('other .conf files by rsyslog-only constructs in their head', () => {
    assert.equal(claimsRsyslog('opt/forward.conf', '*.* @@central.example.com:514\n'), true);
    assert.equal(claimsRsyslog('opt/forward.conf', '# x\n*.* action(type="omfwd" target="x")\n'), true);
    assert.equal(claimsRsyslog('opt/a.conf', 'module(load="imfile")\n'), true);
    assert.equal(claimsRsyslog('opt/a.conf', '$ModLoad imudp\n'), true);
    assert.equal(claimsRsyslog('opt/a.conf', 'auth,authpriv.*\t\t\t/var/log/auth.log\n'), true);
  });
  test('not logrotate files, syslog-ng, Fluent Bit, audisp plugins, logs or other names', () => {
    const logrotate = '/var/log/syslog\n/var/log/mail.log\n{\n\trotate 4\n\tweekly\n\tpostrotate\n\t\t/usr/lib/rsyslog/rsyslog-rotate\n\tendscript\n}\n';
    assert.equal(claimsRsyslog('shippers/rsyslog/rsyslog.logrotate', logrotate), false);
    assert.equal(claimsRsyslog('etc/logrotate.d/rsyslog', logrotate), false);
    assert.equal(claimsRsyslog('etc/syslog-ng/syslog-ng.conf', '@version: 3.38\nsource s_src { system(); };\n'), false);
    assert.equal(claimsRsyslog('etc/fluent-bit/fluent-bit.conf', '[INPUT]\n    Name tail\n    Path /var/log/*.log\n'), false);
    assert.equal(claimsRsyslog('etc/audit/plugins.d/syslog.conf', 'active = no\npath = /sbin/audisp-syslog\n'), false);
    assert.equal(claimsRsyslog('var/log/rsyslog.log', '*.* @@x\n'), false);
    assert.equal(claimsRsyslog('opt/notes.txt', '*.* @@x\n'), false);
  });
});

describe('rsyslog: forwarding in legacy syntax and in RainerScript, with and without TLS', () => {
  test('legacy @@host:port without TLS: plaintext TCP syslog', () => {
    const p = pipelineOf(read(conf('$ModLoad imuxsock', '*.* @@central.example.com:514')));
    const o = outputOf(p, 'omfwd#1');
    assert.deepEqual(factsOf(o), { plugin: 'omfwd', sinkKind: 'syslog', remote: true, endpoint: 'central.example.com:514', port: 514, protocol: 'syslog', tls: false, tlsVerify: null, durable: false, index: null, path: null });
    assert.equal(lc(o.at), '2:5');
    assert.deepEqual(edgeList(p), ['imuxsock#1>omfwd#1']);
  });
  test('legacy with $DefaultNetstreamDriver gtls and $ActionSendStreamDriverMode 1: TLS, verified by name', () => {
    const r = read(conf('$DefaultNetstreamDriver gtls', '$DefaultNetstreamDriverCAFile /etc/pki/ca.pem', '$ActionSendStreamDriverMode 1', '$ActionSendStreamDriverAuthMode x509/name', '*.* @@(o)central.example.com:6514'));
    const o = outputOf(pipelineOf(r), 'omfwd#1');
    assert.equal(o.tls, true);
    assert.equal(o.tlsVerify, true);
    assert.equal(o.port, 6514);
    assert.equal(o.endpoint, 'central.example.com:6514');
    assert.equal(lc(o.locations['tls']), '3:1');
    assert.equal(lc(o.locations['tlsVerify']), '4:1');
    assert.deepEqual(r.unknowns, []);
  });
  test('RainerScript omfwd over TCP without a stream driver: no TLS, decided at the action', () => {
    const o = outputOf(pipelineOf(read(conf('action(type="omfwd" target="10.0.0.9" port="514" protocol="tcp")'))), 'omfwd#1');
    assert.deepEqual(factsOf(o), { plugin: 'omfwd', sinkKind: 'syslog', remote: true, endpoint: '10.0.0.9:514', port: 514, protocol: 'syslog', tls: false, tlsVerify: null, durable: false, index: null, path: null });
    assert.deepEqual(o.locations, {});
  });
  test('RainerScript omfwd with StreamDriver gtls, mode 1: TLS; anon auth does not verify the peer', () => {
    const o = outputOf(
      pipelineOf(read(conf('action(type="omfwd" name="siem" target="siem.example.com" port="6514" protocol="tcp"', '       StreamDriver="gtls" StreamDriverMode="1"', '       StreamDriverAuthMode="anon")'))),
      'siem',
    );
    assert.equal(o.tls, true);
    assert.equal(o.tlsVerify, false);
    assert.equal(lc(o.locations['tls']), '2:28');
    assert.equal(lc(o.locations['tlsVerify']), '3:8');
  });
  test('TLS without an auth mode verifies the peer (gtls/ossl start in x509/name)', () => {
    const o = outputOf(pipelineOf(read(conf('global(DefaultNetstreamDriver="ossl")', 'action(type="omfwd" target="siem" protocol="tcp" port="6514" StreamDriverMode="1")'))), 'omfwd#1');
    assert.equal(o.tls, true);
    assert.equal(o.tlsVerify, true);
    assert.equal(o.locations['tlsVerify'], undefined, 'the default is decided at the action');
  });
  test('x509/certvalid checks the chain but not the name: the destination is not verified (omfwd, legacy and RainerScript; omrelp)', () => {
    const p = pipelineOf(
      read(
        conf(
          '$DefaultNetstreamDriver gtls',
          '$ActionSendStreamDriverMode 1',
          '$ActionSendStreamDriverAuthMode x509/certvalid',
          '*.* @@logs.example.net:6514',
          'action(type="omfwd" target="b.example.net" port="6514" protocol="tcp" StreamDriverMode="1" StreamDriverAuthMode="X509/CertValid")',
          'action(type="omfwd" target="c.example.net" port="6514" protocol="tcp" StreamDriverMode="1" StreamDriverAuthMode="x509/fingerprint")',
          'action(type="omrelp" target="relp.example.net" port="2514" tls="on" tls.authMode="certvalid")',
        ),
      ),
    );
    assert.deepEqual([outputOf(p, 'omfwd#1').tls, outputOf(p, 'omfwd#1').tlsVerify], [true, false]);
    assert.equal(lc(outputOf(p, 'omfwd#1').locations['tlsVerify']), '3:1');
    assert.deepEqual([outputOf(p, 'omfwd#2').tls, outputOf(p, 'omfwd#2').tlsVerify], [true, false]);
    assert.deepEqual([outputOf(p, 'omfwd#3').tls, outputOf(p, 'omfwd#3').tlsVerify], [true, true]);
    assert.deepEqual([outputOf(p, 'omrelp#1').tls, outputOf(p, 'omrelp#1').tlsVerify], [true, false]);
  });
  test('UDP is never TLS, even with a TLS driver and mode; omfwd defaults to UDP port 514', () => {
    const r = read(conf('$DefaultNetstreamDriver gtls', '$ActionSendStreamDriverMode 1', '*.* @logs.example.com', 'action(type="omfwd" target="logs.example.com" StreamDriver="gtls" StreamDriverMode="1")'));
    const p = pipelineOf(r);
    for (const id of ['omfwd#1', 'omfwd#2']) {
      assert.equal(outputOf(p, id).tls, false, id);
      assert.equal(outputOf(p, id).port, 514, id);
    }
  });
  test('mode 1 with the plain ptcp driver is not TLS; the legacy $ActionSend... settings stay for later legacy actions', () => {
    const r = read(conf('$ActionSendStreamDriverMode 1', '*.* @@a.example.com', '$DefaultNetstreamDriver gtls', '*.* @@b.example.com', '$ResetConfigVariables', '*.* @@c.example.com'));
    const p = pipelineOf(r);
    assert.equal(outputOf(p, 'omfwd#1').tls, true, 'the global driver applies wherever it is written');
    assert.equal(outputOf(p, 'omfwd#2').tls, true);
    assert.equal(outputOf(p, 'omfwd#3').tls, false, '$ResetConfigVariables clears the mode');
    const plain = pipelineOf(read(conf('$ActionSendStreamDriverMode 1', '*.* @@a.example.com')));
    assert.equal(outputOf(plain, 'omfwd#1').tls, false);
  });
  test('loopback targets stay on the host; IPv6 targets keep their port', () => {
    const p = pipelineOf(read(conf('*.* @@127.0.0.1:10514', '*.* @@[2001:db8::1]:6514', 'action(type="omfwd" target="localhost")')));
    assert.equal(outputOf(p, 'omfwd#1').remote, false);
    assert.equal(outputOf(p, 'omfwd#2').remote, true);
    assert.equal(outputOf(p, 'omfwd#2').port, 6514);
    assert.equal(outputOf(p, 'omfwd#3').remote, false);
  });
});

describe('rsyslog: action queues (durability)', () => {
  test('RainerScript: disk-assisted (LinkedList + filename) and Disk queues are durable; memory and none are not', () => {
    const p = pipelineOf(
      read(
        conf(
          'action(type="omfwd" target="a" protocol="tcp" queue.type="LinkedList"',
          '       queue.filename="fwd_a" queue.saveOnShutdown="on")',
          'action(type="omfwd" target="b" queue.type="Disk")',
          'action(type="omfwd" target="c" queue.type="LinkedList")',
          'action(type="omfwd" target="d")',
        ),
      ),
    );
    assert.equal(outputOf(p, 'omfwd#1').durable, true);
    assert.equal(lc(outputOf(p, 'omfwd#1').locations['durable']), '2:8');
    assert.equal(outputOf(p, 'omfwd#2').durable, true);
    assert.equal(lc(outputOf(p, 'omfwd#2').locations['durable']), '3:32');
    assert.equal(outputOf(p, 'omfwd#3').durable, false);
    assert.equal(lc(outputOf(p, 'omfwd#3').locations['durable']), '4:32');
    assert.equal(outputOf(p, 'omfwd#4').durable, false);
    assert.equal(outputOf(p, 'omfwd#4').locations['durable'], undefined);
  });
  test('legacy $ActionQueueType/$ActionQueueFileName apply to the next action only', () => {
    const p = pipelineOf(read(conf('$ActionQueueType LinkedList', '$ActionQueueFileName fwdRule1', '*.* @@remote-host:514', '*.* @@second-host:514')));
    assert.equal(outputOf(p, 'omfwd#1').durable, true);
    assert.equal(lc(outputOf(p, 'omfwd#1').locations['durable']), '2:1');
    assert.equal(outputOf(p, 'omfwd#2').durable, false);
  });
  test('a RainerScript action consumes the legacy queue settings without using them', () => {
    const p = pipelineOf(read(conf('$ActionQueueType Disk', 'action(type="omfile" file="/var/log/x")', '*.* @@after:514')));
    assert.equal(outputOf(p, 'omfile#1').durable, false);
    assert.equal(outputOf(p, 'omfwd#1').durable, false);
  });
});

describe('rsyslog: inputs', () => {
  test('module loads (legacy and RainerScript), input() listeners and files', () => {
    const r = read(
      conf(
        '$ModLoad imuxsock',
        'module(load="imjournal" StateFile="imjournal.state")',
        '$ModLoad imklog',
        'module(load="imtcp")',
        'input(type="imtcp" port="10514" name="tcp-in")',
        'input(type="imudp" port=["514", "1514"])',
        'input(type="imfile" File="/var/log/nginx/access.log" Tag="nginx:")',
        '$ModLoad imudp',
        '$UDPServerRun 5140',
      ),
    );
    const p = pipelineOf(r);
    assert.deepEqual(
      p.inputs.map((i) => [i.id, i.plugin, i.channel, i.port, i.paths, lc(i.at)]),
      [
        ['imuxsock#1', 'imuxsock', 'syslog-local', null, [], '1:1'],
        ['imjournal#1', 'imjournal', 'journald', null, [], '2:1'],
        ['imklog#1', 'imklog', 'syslog-local', null, [], '3:1'],
        ['tcp-in', 'imtcp', 'syslog-listener', 10514, [], '5:1'],
        ['imudp#1', 'imudp', 'syslog-listener', 514, [], '6:1'],
        ['imudp#2', 'imudp', 'syslog-listener', 1514, [], '6:1'],
        ['imfile#1', 'imfile', 'file', null, ['/var/log/nginx/access.log'], '7:1'],
        ['imudp#3', 'imudp', 'syslog-listener', 5140, [], '9:1'],
      ],
    );
    assert.deepEqual(r.unknowns, []);
  });
  test('the system socket is not read with SysSock.Use="off" or $OmitLocalLogging on (also written after the load)', () => {
    assert.deepEqual(pipelineOf(read(conf('module(load="imuxsock" SysSock.Use="off")', 'module(load="imjournal")'))).inputs.map((i) => i.id), ['imjournal#1']);
    assert.deepEqual(pipelineOf(read(conf('$ModLoad imuxsock', '$ModLoad imjournal', '$OmitLocalLogging on'))).inputs.map((i) => i.id), ['imjournal#1']);
    assert.deepEqual(pipelineOf(read(conf('$ModLoad imuxsock', '$OmitLocalLogging off'))).inputs.map((i) => i.id), ['imuxsock#1']);
  });
  test('legacy file monitor: $InputFileName ... $InputRunFileMonitor, with its facility', () => {
    const p = pipelineOf(read(conf('$ModLoad imfile', '$InputFileName /var/log/audit/audit.log', '$InputFileTag audit:', '$InputFileFacility local6', '$InputRunFileMonitor', 'local6.* @@siem:514', '*.* /var/log/all')));
    const i = inputOf(p, 'imfile#1');
    assert.deepEqual(i.paths, ['/var/log/audit/audit.log']);
    assert.equal(lc(i.at), '2:1');
    assert.deepEqual(edgeOf(p, 'imfile#1', 'omfwd#1').facilities, ['local6']);
    assert.deepEqual(edgeOf(p, 'imfile#1', 'omfile#1').facilities, ['local6']);
  });
  test('imfile messages carry local0 unless told otherwise, so an auth selector does not take them', () => {
    const p = pipelineOf(read(conf('input(type="imfile" File="/var/log/app.log" Tag="app")', 'auth,authpriv.* /var/log/secure', 'local0.* /var/log/app-copy')));
    assert.deepEqual(edgeList(p), ['imfile#1>omfile#2']);
  });
  test('imklog carries kernel messages only, unless non-kernel facilities are permitted', () => {
    const kern = pipelineOf(read(conf('$ModLoad imklog', 'auth.* /var/log/auth', 'kern.* /var/log/kern')));
    assert.deepEqual(edgeList(kern), ['imklog#1>omfile#2']);
    const all = pipelineOf(read(conf('module(load="imklog" permitnonkernelfacility="on")', 'auth.* /var/log/auth')));
    assert.deepEqual(edgeList(all), ['imklog#1>omfile#1']);
  });
});

describe('rsyslog: routing (edges)', () => {
  test('selectors give the facilities an edge carries; *.* is all (null)', () => {
    const p = pipelineOf(read(conf('$ModLoad imuxsock', '*.info;mail.none;authpriv.none;cron.none   /var/log/messages', 'authpriv.*   /var/log/secure', 'uucp,news.crit   /var/log/spooler', '*.emerg   :omusrmsg:*')));
    assert.deepEqual(edgeOf(p, 'imuxsock#1', 'omfile#1').facilities, ALL_BUT('mail', 'authpriv', 'cron'));
    assert.deepEqual(edgeOf(p, 'imuxsock#1', 'omfile#2').facilities, ['authpriv']);
    assert.deepEqual(edgeOf(p, 'imuxsock#1', 'omfile#3').facilities, ['news', 'uucp']);
    assert.equal(edgeOf(p, 'imuxsock#1', 'omusrmsg#1').facilities, null);
  });
  test('stop and ~ end processing for what their filter matched (sequential semantics)', () => {
    const p = pipelineOf(read(conf('$ModLoad imuxsock', 'mail.* /var/log/mail', '& stop', 'auth.* ~', '*.* @@central:514')));
    assert.deepEqual(edgeOf(p, 'imuxsock#1', 'omfwd#1').facilities, ALL_BUT('mail', 'auth'));
    const all = pipelineOf(read(conf('$ModLoad imuxsock', '*.* @@central:514', '& ~', '*.* /var/log/never')));
    assert.deepEqual(edgeList(all), ['imuxsock#1>omfwd#1']);
  });
  test('conditions that cannot be evaluated keep the edge, and are reported', () => {
    const r = read(conf('$ModLoad imuxsock', ':msg, contains, "iptables" /var/log/iptables.log', '& stop', 'if $programname == "sshd" then stop', '*.* @@central:514'));
    const p = pipelineOf(r);
    assert.deepEqual(edgeList(p), ['imuxsock#1>omfile#1', 'imuxsock#1>omfwd#1']);
    assert.equal(edgeOf(p, 'imuxsock#1', 'omfwd#1').facilities, null);
    assert.deepEqual(unknownsOf(r), ['property filter :msg, contains, "iptables"@2', 'if $programname == "sshd"@4']);
    assert.match(r.unknowns[0]?.reason ?? '', /not evaluated/);
  });
  test('if conditions on the facility or severity are evaluated, with else branches', () => {
    const p = pipelineOf(
      read(
        conf(
          '$ModLoad imuxsock',
          'if prifilt("auth,authpriv.*") then {',
          '  action(type="omfile" file="/var/log/secure")',
          '} else if $syslogfacility-text == ["mail", "news"] then /var/log/mail',
          'else {',
          '  action(type="omfile" file="/var/log/rest")',
          '}',
          'if not ($syslogseverity <= 3) then stop',
          '*.* /var/log/errors',
        ),
      ),
    );
    assert.deepEqual(edgeOf(p, 'imuxsock#1', 'omfile#1').facilities, ['auth', 'authpriv']);
    assert.deepEqual(edgeOf(p, 'imuxsock#1', 'omfile#2').facilities, ['mail', 'news']);
    assert.deepEqual(edgeOf(p, 'imuxsock#1', 'omfile#3').facilities, ALL_BUT('auth', 'authpriv', 'mail', 'news'));
    assert.equal(edgeOf(p, 'imuxsock#1', 'omfile#4').facilities, null, 'severities are not in the edge; every facility still reaches it');
  });
  test('rulesets bound to inputs, legacy $RuleSet, call (sync stop ends processing, a queued ruleset does not)', () => {
    const r = read(
      conf(
        '$ModLoad imtcp',
        '$InputTCPServerBindRuleset remote',
        '$InputTCPServerRun 514',
        '$RuleSet remote',
        '*.* /var/log/remote.log',
        '$RuleSet RSYSLOG_DefaultRuleset',
        'module(load="imudp")',
        'input(type="imudp" port="514" ruleset="fwd")',
        'ruleset(name="fwd") {',
        '  call archive',
        '  action(type="omfwd" target="siem" protocol="tcp")',
        '}',
        'ruleset(name="archive") { action(type="omfile" file="/var/log/archive") stop }',
        'ruleset(name="queued" queue.type="LinkedList") { *.* /var/log/queued',
        '  stop }',
        'module(load="imuxsock")',
        'call queued',
        '*.* /var/log/after-queued',
      ),
    );
    const p = pipelineOf(r);
    assert.deepEqual(edgeList(p), ['imtcp#1>omfile#1', 'imudp#1>omfile#2', 'imuxsock#1>omfile#3', 'imuxsock#1>omfile#4']);
    assert.deepEqual(r.unknowns, []);
  });
  test('an input bound to a ruleset that is not defined: no edges, reported', () => {
    const r = read(conf('input(type="imtcp" port="514" ruleset="elsewhere")', '*.* /var/log/x'));
    assert.deepEqual(pipelineOf(r).edges, []);
    assert.deepEqual(unknownsOf(r), ['ruleset elsewhere@1']);
  });
  test('a file with no inputs (an rsyslog.d fragment) has outputs and no edges', () => {
    const p = pipelineOf(read(conf('*.* action(type="omfwd" target="x" protocol="tcp")'), 'etc/rsyslog.d/99-forward.conf'));
    assert.equal(p.id, 'rsyslog:etc/rsyslog.d/99-forward.conf');
    assert.equal(p.shipper, 'rsyslog');
    assert.equal(p.outputs.length, 1);
    assert.deepEqual(p.edges, []);
  });
});

describe('rsyslog: outputs by module', () => {
  test('omhttp: HTTPS unless useHttps="off" (omhttp.c default), Loki by its push path, tenant from X-Scope-OrgID', () => {
    const p = pipelineOf(
      read(
        conf(
          'module(load="omhttp")',
          'action(type="omhttp" server="loki.example.com" serverport="3100" restpath="loki/api/v1/push"',
          '       httpheaders=["X-Scope-OrgID: audit", "Authorization: Bearer secret"])',
          'action(type="omhttp" server="hooks.example.com" usehttps="off")',
          'action(type="omhttp" server="hooks.example.com" allowUnsignedCerts="on")',
        ),
      ),
    );
    assert.deepEqual(factsOf(outputOf(p, 'omhttp#1')), { plugin: 'omhttp', sinkKind: 'loki', remote: true, endpoint: 'loki.example.com:3100', port: 3100, protocol: 'http', tls: true, tlsVerify: true, durable: false, index: 'audit', path: null });
    assert.equal(lc(outputOf(p, 'omhttp#1').locations['index']), '3:8');
    assert.deepEqual([outputOf(p, 'omhttp#2').sinkKind, outputOf(p, 'omhttp#2').tls, outputOf(p, 'omhttp#2').port], ['webhook', false, 443]);
    assert.equal(outputOf(p, 'omhttp#3').tlsVerify, false);
    assert.equal(lc(outputOf(p, 'omhttp#3').locations['tlsVerify']), '5:49');
  });
  test('omelasticsearch: index "system" when not written, scheme in server wins over usehttps, dynamic index unknown', () => {
    const r = read(
      conf(
        'module(load="omelasticsearch")',
        'action(type="omelasticsearch" server="https://es.example.com:9243" searchIndex="audit-logs" uid="elastic" pwd="secret")',
        'action(type="omelasticsearch" server="es2.example.com")',
        'action(type="omelasticsearch" server="es3.example.com" usehttps="on" dynSearchIndex="on" searchIndex="idx-template")',
      ),
    );
    const p = pipelineOf(r);
    assert.deepEqual(factsOf(outputOf(p, 'omelasticsearch#1')), {
      plugin: 'omelasticsearch',
      sinkKind: 'elasticsearch',
      remote: true,
      endpoint: 'https://es.example.com:9243',
      port: 9243,
      protocol: 'http',
      tls: true,
      tlsVerify: true,
      durable: false,
      index: 'audit-logs',
      path: null,
    });
    assert.deepEqual([outputOf(p, 'omelasticsearch#2').index, outputOf(p, 'omelasticsearch#2').tls, outputOf(p, 'omelasticsearch#2').port], ['system', false, 9200]);
    assert.deepEqual([outputOf(p, 'omelasticsearch#3').index, outputOf(p, 'omelasticsearch#3').tls], [null, true]);
    assert.deepEqual(unknownsOf(r), ['omelasticsearch dynSearchIndex@4']);
  });
  test('omkafka, omrelp and legacy :omrelp:', () => {
    const p = pipelineOf(
      read(
        conf(
          'action(type="omkafka" broker=["k1.example.com:9093","k2.example.com:9093"] topic="logs" confParam=["security.protocol=SASL_SSL"])',
          'action(type="omrelp" target="relp.example.com" port="2514" tls="on")',
          'action(type="omrelp" target="relp.example.com" tls="on" tls.authMode="name")',
          '*.* :omrelp:relp2.example.com:2514;RSYSLOG_ForwardFormat',
        ),
      ),
    );
    assert.deepEqual([outputOf(p, 'omkafka#1').sinkKind, outputOf(p, 'omkafka#1').endpoint, outputOf(p, 'omkafka#1').port, outputOf(p, 'omkafka#1').tls], ['kafka', 'k1.example.com:9093,k2.example.com:9093', 9093, true]);
    assert.deepEqual([outputOf(p, 'omrelp#1').tls, outputOf(p, 'omrelp#1').tlsVerify, outputOf(p, 'omrelp#1').port], [true, false, 2514]);
    assert.equal(outputOf(p, 'omrelp#2').tlsVerify, true);
    assert.deepEqual([outputOf(p, 'omrelp#3').endpoint, outputOf(p, 'omrelp#3').port, outputOf(p, 'omrelp#3').tls], ['relp2.example.com:2514', 2514, false]);
  });
  test('local outputs: files (sync and no-sync), dynaFile, pipes, users, devices; mm* modules are not outputs', () => {
    const r = read(
      conf(
        '*.* /var/log/messages;RSYSLOG_TraditionalFileFormat',
        'mail.* -/var/log/mail.log',
        '*.* ?DynFile',
        'action(type="omfile" dynaFile="PerHost")',
        'daemon.* |/dev/xconsole',
        '*.emerg *',
        'kern.* /dev/console',
        'action(type="mmjsonparse")',
        'action(type="omprog" binary="/usr/local/bin/ship")',
      ),
    );
    const p = pipelineOf(r);
    assert.deepEqual(
      p.outputs.map((o) => [o.id, o.sinkKind, o.remote, o.path]),
      [
        ['omfile#1', 'local-file', false, '/var/log/messages'],
        ['omfile#2', 'local-file', false, '/var/log/mail.log'],
        ['omfile#3', 'local-file', false, null],
        ['omfile#4', 'local-file', false, null],
        ['ompipe#1', 'other', false, null],
        ['omusrmsg#1', 'other', false, null],
        ['omfile#5', 'other', false, '/dev/console'],
        ['omprog#1', 'other', null, null],
      ],
    );
    assert.deepEqual(unknownsOf(r), ['?DynFile@3', 'omfile dynaFile="PerHost"@4', 'action(type="omprog")@9']);
  });
  test('unknown output modules are outputs with unknown facts, reported', () => {
    const r = read(conf('action(type="ommongodb" server="db.example.com")'));
    assert.deepEqual(factsOf(outputOf(pipelineOf(r), 'ommongodb#1')), { plugin: 'ommongodb', sinkKind: 'other', remote: null, endpoint: null, port: null, protocol: null, tls: null, tlsVerify: null, durable: false, index: null, path: null });
    assert.deepEqual(unknownsOf(r), ['action(type="ommongodb")@1']);
  });
});

describe('rsyslog: includes', () => {
  const files = {
    'nodes/a/etc/rsyslog.conf': conf('$ModLoad imuxsock', '$IncludeConfig /etc/rsyslog.d/*.conf', '*.* @@after.example.com:6514', 'include(file="/etc/rsyslog.d/extra/none.conf" mode="optional")'),
    'nodes/a/etc/rsyslog.d/10-tls.conf': conf('$DefaultNetstreamDriver gtls', '$ActionSendStreamDriverMode 1'),
    'nodes/a/etc/rsyslog.d/20-local.conf': conf('auth,authpriv.* /var/log/auth.log'),
    'nodes/b/etc/rsyslog.d/20-local.conf': conf('*.* /elsewhere'),
  };
  test('$IncludeConfig merges files in place; their legacy directives affect what follows', () => {
    const r = read(files['nodes/a/etc/rsyslog.conf'], 'nodes/a/etc/rsyslog.conf', filesContext(files));
    assert.deepEqual(r.includes, ['nodes/a/etc/rsyslog.d/10-tls.conf', 'nodes/a/etc/rsyslog.d/20-local.conf']);
    const p = pipelineOf(r);
    assert.equal(p.path, 'nodes/a/etc/rsyslog.conf');
    assert.equal(outputOf(p, 'omfwd#1').tls, true);
    assert.equal(lc(outputOf(p, 'omfwd#1').locations['tls']), '2:1');
    assert.equal(outputOf(p, 'omfwd#1').locations['tls']?.path, 'nodes/a/etc/rsyslog.d/10-tls.conf');
    assert.equal(outputOf(p, 'omfile#1').at.path, 'nodes/a/etc/rsyslog.d/20-local.conf');
    assert.deepEqual(edgeList(p), ['imuxsock#1>omfile#1', 'imuxsock#1>omfwd#1']);
    assert.deepEqual(r.unknowns, [], 'an optional include that names nothing is not reported');
  });
  test('an include that names no scanned file is reported', () => {
    const r = read(conf('$IncludeConfig /etc/rsyslog.d/*.conf'), 'etc/rsyslog.conf');
    assert.deepEqual(unknownsOf(r), ['include /etc/rsyslog.d/*.conf@1']);
  });
  test('include cycles are problems, not loops', () => {
    const loop = {
      'etc/rsyslog.conf': conf('$IncludeConfig /etc/rsyslog.d/*.conf'),
      'etc/rsyslog.d/a.conf': conf('$IncludeConfig /etc/rsyslog.d/*.conf', '*.* /var/log/a'),
      'etc/rsyslog.d/b.conf': conf('$IncludeConfig /etc/rsyslog.d/*.conf', '*.* /var/log/b'),
    };
    const r = read(loop['etc/rsyslog.conf'], 'etc/rsyslog.conf', filesContext(loop));
    assert.ok(r.problems.some((p) => /include cycle/.test(p.message) && p.at.path === 'etc/rsyslog.d/b.conf'));
    assert.deepEqual(r.includes, ['etc/rsyslog.d/a.conf', 'etc/rsyslog.d/b.conf']);
  });
  test('include(text=...) is read in place; a backtick command is never run', () => {
    const r = read(conf('include(text="*.* /var/log/from-text")', 'include(text=`echo $X`)'));
    assert.equal(outputOf(pipelineOf(r), 'omfile#1').path, '/var/log/from-text');
    assert.deepEqual(unknownsOf(r), ['include(text=...)@2']);
  });
});

describe('rsyslog: syntax', () => {
  test('comments, block comments, continuation lines, quotes with escapes, CRLF', () => {
    const text = [
      '# *.* /var/log/commented',
      '/* a block comment',
      '   *.* /var/log/in-block */',
      '*.=debug;\\',
      '\tauth,authpriv.none;\\',
      '\tnews.none;mail.none\t-/var/log/debug',
      'action(type="omfile" file="/var/log/q\\"uote" # a comment inside',
      '       template="T")',
      'mail.* /var/log/mail\r',
    ].join('\n');
    const r = read(text);
    const p = pipelineOf(r);
    assert.deepEqual(p.outputs.map((o) => o.path), ['/var/log/debug', '/var/log/q"uote', '/var/log/mail']);
    assert.equal(lc(outputOf(p, 'omfile#1').at), '6:22');
    assert.deepEqual(r.problems, []);
  });
  test('bare actions are statements of their own (in blocks and at the top level)', () => {
    const p = pipelineOf(read(conf('$ModLoad imuxsock', 'if $programname == "sshd" then {', '  /var/log/sshd.log', '  stop', '}', ':omusrmsg:root', '@@central.example.com')));
    assert.deepEqual(p.outputs.map((o) => o.id), ['omfile#1', 'omusrmsg#1', 'omfwd#1']);
    assert.deepEqual(edgeList(p), ['imuxsock#1>omfile#1', 'imuxsock#1>omfwd#1', 'imuxsock#1>omusrmsg#1']);
  });
  test('config.enabled="off" removes an object', () => {
    const p = pipelineOf(read(conf('action(type="omfwd" target="x" config.enabled="off")', 'ruleset(name="r" config.enabled="off") { *.* /var/log/r }', 'module(load="imuxsock" config.enabled="on")')));
    assert.deepEqual(p.outputs, []);
    assert.deepEqual(p.inputs.map((i) => i.id), ['imuxsock#1']);
  });
  test('legacy directives that change no routing are quiet; others are reported', () => {
    const r = read(conf('$WorkDirectory /var/lib/rsyslog', '$FileOwner syslog', '$RepeatedMsgReduction on', '$PrivDropToUser syslog', '$MadeUpDirective 1'));
    assert.deepEqual(unknownsOf(r), ['$madeupdirective@5']);
  });
  test('malformed input: problems with line and column, never a throw', () => {
    const r = read(conf('$ModLoad imuxsock', 'action(type="omfwd" target="x', '*.* /var/log/ok'));
    assert.ok(r.problems.length > 0);
    assert.equal(lc(r.problems[0]?.at), '2:28');
    assert.match(r.problems[0]?.message ?? '', /unterminated string/);
    assert.equal(r.fatal, false);
    const bad = read(conf('))) (((', '=== not a config'));
    assert.equal(bad.fatal, true);
    assert.equal(lc(bad.problems[0]?.at), '1:1');
  });
  test('unbalanced blocks and unknown words resume at the next line', () => {
    const r = read(conf('ruleset(name="r") {', '  *.* /var/log/r', 'frobnicate now', '*.* /var/log/after'));
    assert.ok(r.problems.some((p) => p.at.line === 3 && /unexpected word/.test(p.message)));
    assert.ok(r.problems.some((p) => /missing }/.test(p.message)));
    assert.deepEqual(pipelineOf(r).outputs.map((o) => o.path), ['/var/log/r', '/var/log/after']);
  });
  test('prototype names from the input are plain names', () => {
    const r = read(
      conf(
        'module(load="__proto__")',
        'input(type="constructor" port="514" ruleset="__proto__")',
        'ruleset(name="__proto__") { action(type="toString" name="hasOwnProperty") }',
        '$RuleSet constructor',
        '*.* /var/log/c',
        '$__proto__ 1',
      ),
    );
    const p = pipelineOf(r);
    assert.deepEqual(p.inputs.map((i) => [i.id, i.channel]), [['constructor#1', 'other']]);
    assert.deepEqual(edgeList(p), ['constructor#1>hasOwnProperty']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.ok(r.unknowns.some((u) => u.construct === 'module __proto__'));
  });
  test('an empty file reads as an empty pipeline', () => {
    const r = read('');
    assert.equal(r.fatal, false);
    assert.deepEqual(pipelineOf(r).inputs, []);
  });
});
