/**
 * rsyslog configs written by others (../shared/corpus/shippers/rsyslog, from rsyslog/rsyslog):
 * the RHEL and Ubuntu packaged rsyslog.conf, Ubuntu's 50-default.conf, a forwarding client and a
 * Loki push ruleset. Expected values come from reading the files; rsyslog.logrotate in the same
 * folder is a logrotate file and must not be taken for rsyslog. (The corpus holds no syslog-ng
 * config; syslog-ng is covered by test/adapters/syslog-ng.test.ts.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../src/adapters/config-adapter.js';
import { claimsRsyslog, readRsyslog } from '../src/adapters/rsyslog.js';
import { claimsSyslogNg } from '../src/adapters/syslog-ng.js';
import type { ConfigRead, Pipeline, PipelineOutput } from '../src/model/pipeline.js';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';

const DIR = fileURLToPath(new URL('../../../shared/corpus/shippers/rsyslog/', import.meta.url));

function readCorpus(name: string): { read: ConfigRead; text: string } {
  const text = readFileSync(`${DIR}${name}`, 'utf8');
  assert.equal(claimsRsyslog(name, text.slice(0, 65536)), true, `${name} is claimed`);
  assert.equal(claimsSyslogNg(name, text.slice(0, 65536)), false, `${name} is not syslog-ng`);
  const read = readRsyslog({ path: name, text }, NO_INCLUDES);
  assert.equal(read.kind, 'rsyslog');
  assert.deepEqual(read.problems, [], `${name} parses`);
  assert.equal(read.fatal, false);
  return { read, text };
}

function pipeline(read: ConfigRead): Pipeline {
  assert.equal(read.pipelines.length, 1);
  return read.pipelines[0] as Pipeline;
}

function out(p: Pipeline, id: string): PipelineOutput {
  const o = p.outputs.find((x) => x.id === id);
  assert.ok(o, id);
  return o;
}

const ALL_BUT = (...excluded: string[]): string[] =>
  ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'].filter((f) => !excluded.includes(f));

describe('rsyslog corpus, file by file', () => {
  test('30-send-loki-http.conf: a ruleset with one omhttp action to Loki, plain HTTP, disk-assisted queue', () => {
    const { read } = readCorpus('30-send-loki-http.conf');
    const p = pipeline(read);
    assert.deepEqual(p.inputs, []);
    assert.deepEqual(p.edges, [], 'the ruleset is bound to an input elsewhere');
    assert.equal(p.outputs.length, 1);
    const o = out(p, 'loki-direct');
    assert.equal(o.plugin, 'omhttp');
    assert.equal(o.sinkKind, 'loki');
    assert.equal(o.remote, true);
    assert.equal(o.endpoint, 'loki:3100');
    assert.equal(o.port, 3100);
    assert.equal(o.protocol, 'http');
    assert.equal(o.tls, false, 'usehttps="off"');
    assert.equal(o.locations['tls']?.line, 39);
    assert.equal(o.tlsVerify, null);
    assert.equal(o.durable, true, 'LinkedList with queue.filename');
    assert.equal(o.locations['durable']?.line, 47);
    assert.equal(o.at.line, 34);
    assert.deepEqual(read.unknowns, []);
  });

  test('50-default.conf: Ubuntu local files by facility and the emergency wall message', () => {
    const { read } = readCorpus('50-default.conf');
    const p = pipeline(read);
    assert.deepEqual(
      p.outputs.map((o) => [o.id, o.sinkKind, o.remote, o.path, o.at.line]),
      [
        ['omfile#1', 'local-file', false, '/var/log/auth.log', 8],
        ['omfile#2', 'local-file', false, '/var/log/syslog', 9],
        ['omfile#3', 'local-file', false, '/var/log/kern.log', 12],
        ['omfile#4', 'local-file', false, '/var/log/mail.log', 14],
        ['omfile#5', 'local-file', false, '/var/log/mail.err', 23],
        ['omusrmsg#1', 'other', false, null, 39],
      ],
    );
    assert.deepEqual(p.inputs, [], 'inputs are loaded by rsyslog.conf');
    assert.deepEqual(read.unknowns, []);
  });

  test('rsyslog-forward-minimal.conf: *.* to omfwd over plain TCP 10514 with a disk-assisted queue', () => {
    const { read } = readCorpus('rsyslog-forward-minimal.conf');
    const p = pipeline(read);
    assert.equal(p.outputs.length, 1);
    const o = out(p, 'omfwd#1');
    assert.equal(o.sinkKind, 'syslog');
    assert.equal(o.endpoint, 'CHANGE_ME:10514');
    assert.equal(o.port, 10514);
    assert.equal(o.protocol, 'syslog');
    assert.equal(o.remote, true);
    assert.equal(o.tls, false, 'protocol tcp without a TLS stream driver');
    assert.equal(o.durable, true);
    assert.equal(o.locations['durable']?.line, 27);
    assert.deepEqual([o.at.line, o.at.column], [17, 5]);
    assert.deepEqual(read.unknowns, []);
  });

  test('rsyslog.conf (RHEL): imjournal only ($OmitLocalLogging on), local files by facility, forwarding commented out', () => {
    const { read } = readCorpus('rsyslog.conf');
    const p = pipeline(read);
    assert.deepEqual(
      p.inputs.map((i) => [i.id, i.channel, i.at.line]),
      [['imjournal#1', 'journald', 10]],
    );
    assert.deepEqual(
      p.outputs.map((o) => [o.id, o.path, o.at.line]),
      [
        ['omfile#1', '/var/log/messages', 54],
        ['omfile#2', '/var/log/secure', 57],
        ['omfile#3', '/var/log/maillog', 60],
        ['omfile#4', '/var/log/cron', 64],
        ['omusrmsg#1', null, 67],
        ['omfile#5', '/var/log/spooler', 70],
        ['omfile#6', '/var/log/boot.log', 73],
      ],
    );
    assert.ok(p.outputs.every((o) => o.remote === false), 'no remote output: @@remote-host is commented out');
    const facilities = Object.fromEntries(p.edges.map((e) => [e.output, e.facilities]));
    assert.deepEqual(facilities, {
      'omfile#1': ALL_BUT('mail', 'authpriv', 'cron'),
      'omfile#2': ['authpriv'],
      'omfile#3': ['mail'],
      'omfile#4': ['cron'],
      'omfile#5': ['news', 'uucp'],
      'omfile#6': ['local7'],
      'omusrmsg#1': null,
    });
    assert.deepEqual(
      read.unknowns.map((u) => [u.construct, u.at.line]),
      [['include /etc/rsyslog.d/*.conf', 36]],
    );
  });

  test('ubuntu-rsyslog.conf: imuxsock and imklog, no rules of its own, rsyslog.d included', () => {
    const { read } = readCorpus('ubuntu-rsyslog.conf');
    const p = pipeline(read);
    assert.deepEqual(
      p.inputs.map((i) => [i.id, i.plugin, i.channel, i.at.line]),
      [
        ['imuxsock#1', 'imuxsock', 'syslog-local', 13],
        ['imklog#1', 'imklog', 'syslog-local', 25],
      ],
    );
    assert.deepEqual(p.outputs, []);
    assert.deepEqual(
      read.unknowns.map((u) => [u.construct, u.at.line]),
      [['include /etc/rsyslog.d/*.conf', 53]],
    );
  });

  test('rsyslog.logrotate is a logrotate file, not rsyslog', () => {
    const text = readFileSync(`${DIR}rsyslog.logrotate`, 'utf8');
    assert.equal(claimsRsyslog('rsyslog.logrotate', text), false);
    assert.equal(claimsSyslogNg('rsyslog.logrotate', text), false);
  });
});

describe('scan of the rsyslog corpus', async () => {
  const { result } = await scan({ roots: [DIR], rules: loadRules(), cwd: DIR });
  test('the five rsyslog files are inventoried as rsyslog, the logrotate file is not', () => {
    const kinds = Object.fromEntries(result.inventory.map((e) => [e.path, [e.status, e.kind]]));
    for (const name of ['30-send-loki-http.conf', '50-default.conf', 'rsyslog-forward-minimal.conf', 'rsyslog.conf', 'ubuntu-rsyslog.conf']) {
      assert.deepEqual(kinds[name], ['assessed', 'rsyslog'], name);
    }
    assert.notEqual(kinds['rsyslog.logrotate']?.[1], 'rsyslog');
  });
  test('the include that names nothing in the scan is listed as not understood', () => {
    const entry = result.inventory.find((e) => e.path === 'rsyslog.conf');
    assert.match(entry?.reason ?? '', /not understood: include \/etc\/rsyslog\.d\/\*\.conf \(line 36\)/);
  });
});
