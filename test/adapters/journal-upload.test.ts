import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { ADAPTERS, parseSystemdIni } from '../../src/adapters/journal-upload.js';
import { assertWellFormed, edges, facts, filesContext, lc, onePipeline, output } from './shippers-support.js';

const ADAPTER = ADAPTERS.text[0];
assert.ok(ADAPTER);
const MAIN = 'etc/systemd/journal-upload.conf';
const read = (text: string, path = MAIN, context: ReadContext = NO_INCLUDES) => ADAPTER.read({ path, text }, context);

/** systemd's packaged file: every setting commented out. */
const PACKAGED = `#  This file is part of systemd.
#
# See journal-upload.conf(5) for details.

[Upload]
# URL=
# ServerKeyFile=/etc/ssl/private/journal-upload.pem
# ServerCertificateFile=/etc/ssl/certs/journal-upload.pem
# TrustedCertificateFile=/etc/ssl/ca/trusted.pem
`;

describe('journal-upload: claims', () => {
  test('journal-upload.conf and its drop-ins with an [Upload] section', () => {
    assert.ok(ADAPTER.claims(MAIN, PACKAGED));
    assert.ok(ADAPTER.claims('nodes/web-1/etc/systemd/journal-upload.conf.d/10-url.conf', '[Upload]\r\nURL=https://x\r\n'));
    assert.ok(ADAPTER.claims('journal-upload.conf', '  [Upload]  \n'));
  });
  test('not: other systemd files, no [Upload] section, other names', () => {
    assert.ok(!ADAPTER.claims('etc/systemd/journald.conf', '[Journal]\nStorage=persistent\n'));
    assert.ok(!ADAPTER.claims('etc/systemd/journal-remote.conf', '[Remote]\nSeal=false\n'));
    assert.ok(!ADAPTER.claims(MAIN, '# nothing here\n'));
    assert.ok(!ADAPTER.claims('etc/systemd/upload.conf', '[Upload]\nURL=x\n'));
    assert.ok(!ADAPTER.claims('etc/systemd/journal-upload.conf.d/README', '[Upload]\nURL=x\n'));
    assert.ok(!ADAPTER.claims('etc/systemd/system/x.service.d/10.conf', '[Upload]\nURL=x\n'));
  });
});

describe('journal-upload: the URL and TLS', () => {
  test('the packaged file uploads nowhere: no output, URL= not understood', () => {
    const r = read(PACKAGED);
    assertWellFormed(r, 'journal-upload');
    const p = onePipeline(r);
    assert.equal(p.id, `journal-upload:${MAIN}`);
    assert.equal(p.shipper, 'journal-upload');
    assert.deepEqual(p.inputs.map((i) => [i.id, i.channel, lc(i.at)]), [['journal', 'journald', '5:1']]);
    assert.deepEqual([p.outputs, p.edges], [[], []]);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, lc(u.at)]), [['URL=', '5:1']]);
  });

  test('a bare host means https on port 19532', () => {
    const p = onePipeline(read('[Upload]\nURL=logs.example.com\n'));
    assert.deepEqual(facts(output(p, 'upload')), { sinkKind: 'other', remote: true, endpoint: 'logs.example.com', port: 19532, protocol: 'http', tls: true, tlsVerify: true, durable: true, index: null, path: null });
    assert.deepEqual(edges(p), ['journal>upload']);
    assert.equal(lc(output(p, 'upload').at), '2:1');
  });

  test('http with a port, https without one, credentials removed, loopback', () => {
    const plain = output(onePipeline(read('[Upload]\n  URL = http://10.0.0.9:8080\n')), 'upload');
    assert.deepEqual([plain.tls, plain.tlsVerify, plain.port, plain.endpoint, lc(plain.at)], [false, null, 8080, 'http://10.0.0.9:8080', '2:3']);
    const https = output(onePipeline(read('[Upload]\nURL=https://collector.example/\n')), 'upload');
    assert.deepEqual([https.tls, https.port], [true, 19532]);
    const creds = output(onePipeline(read('[Upload]\nURL=https://user:pw@collector.example:443/x?token=t0k3n\n')), 'upload');
    assert.deepEqual([creds.endpoint, creds.port], ['https://collector.example:443/x', 443]);
    assert.equal(output(onePipeline(read('[Upload]\nURL=http://localhost:19532\n')), 'upload').remote, false);
  });

  test('TrustedCertificateFile: "-" turns checking off; "all" only works on the command line', () => {
    const off = read('[Upload]\nURL=https://c.example\nTrustedCertificateFile=-\n');
    const o = output(onePipeline(off), 'upload');
    assert.deepEqual([o.tlsVerify, lc(o.locations['tlsVerify'])], [false, '3:1']);
    const all = read('[Upload]\nURL=https://c.example\nTrustedCertificateFile=all\n');
    assert.equal(output(onePipeline(all), 'upload').tlsVerify, true);
    assert.deepEqual(all.problems.map((p) => lc(p.at)), ['3:1']);
    assert.match(all.problems[0]?.message ?? '', /--trust=all/);
    const relative = read('[Upload]\nURL=https://c.example\nTrustedCertificateFile=ca.pem\n');
    assert.deepEqual([output(onePipeline(relative), 'upload').tlsVerify, relative.problems.length], [true, 1]);
  });

  test('a URL with another scheme is a problem', () => {
    const r = read('[Upload]\nURL=ftp://x.example\n');
    assert.deepEqual(r.problems.map((p) => [lc(p.at), p.message]), [['2:1', 'URL= must be http:// or https:// (or a bare host, which means https)']]);
    assert.equal(output(onePipeline(r), 'upload').remote, null);
  });
});

describe('journal-upload: syntax', () => {
  test('comments, continuation lines, the last assignment wins, an empty one resets', () => {
    const r = read(`; comment
[Upload]
URL=https://first.example
URL=https://sec\\
ond.example
ServerKeyFile=/k.pem
ServerKeyFile=
`);
    const o = output(onePipeline(r), 'upload');
    assert.equal(o.endpoint, 'https://sec ond.example');
    assert.equal(lc(o.at), '4:1');
    const ini = parseSystemdIni('x.conf', '[Upload]\nA=1 \\\n# skipped\n  2\n');
    assert.deepEqual(ini.assignments.map((a) => [a.key, a.value, lc(a.at)]), [['A', '1    2', '2:1']]);
  });

  test('problems and unknowns: outside a section, no "=", other sections and keys', () => {
    const r = read(`URL=https://early.example
[Upload]
URL https://x
=value
Compression=zstd
Colour=blue
[Remote]
Seal=yes
[Upload
`);
    assert.deepEqual(r.problems.map((p) => [lc(p.at), p.message]), [
      ['1:1', 'assignment outside of a section (systemd ignores it)'],
      ['3:1', "missing '=' in assignment"],
      ['4:1', 'assignment without a key'],
      ['9:1', 'invalid section header'],
    ]);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, lc(u.at)]), [['URL=', '2:1'], ['Colour=', '6:1'], ['[Remote]', '7:1']]);
  });

  test('junk never throws', () => {
    for (const text of ['', '\u0000\u0001', '[Upload]\n\\', '[Upload]\nURL=\\\n', '[Upload]\nURL=https://[::1\n', `[Upload]\n${'x\\\n'.repeat(2000)}`]) {
      assertWellFormed(read(text), 'journal-upload');
    }
  });
});

describe('journal-upload: drop-ins', () => {
  const files = {
    'etc/systemd/journal-upload.conf': '[Upload]\nURL=http://old.example\nTrustedCertificateFile=/etc/ca.pem\n',
    'etc/systemd/journal-upload.conf.d/20-verify.conf': '[Upload]\nTrustedCertificateFile=-\n',
    'etc/systemd/journal-upload.conf.d/10-url.conf': '[Upload]\nURL=https://new.example:19532\nBogus=1\n',
    'usr/lib/systemd/journal-upload.conf.d/10-url.conf': '[Upload]\nURL=https://vendor.example\n',
    'usr/lib/systemd/journal-upload.conf.d/30-vendor.conf': '[Upload]\nTrustedCertificateFile=/usr/share/ca.pem\n',
  };
  const context = filesContext(files);

  test('the main file reads every drop-in in name order; /etc masks /usr/lib of the same name', () => {
    const r = read(files['etc/systemd/journal-upload.conf'], MAIN, context);
    assert.deepEqual(r.includes, [
      'etc/systemd/journal-upload.conf.d/10-url.conf',
      'etc/systemd/journal-upload.conf.d/20-verify.conf',
      'usr/lib/systemd/journal-upload.conf.d/30-vendor.conf',
    ]);
    const o = output(onePipeline(r), 'upload');
    assert.deepEqual([o.endpoint, o.tls, o.tlsVerify], ['https://new.example:19532', true, true]);
    assert.deepEqual([o.at.path, lc(o.at)], ['etc/systemd/journal-upload.conf.d/10-url.conf', '2:1']);
    assert.deepEqual([o.locations['tlsVerify']?.path, lc(o.locations['tlsVerify'])], ['usr/lib/systemd/journal-upload.conf.d/30-vendor.conf', '2:1']);
    assert.deepEqual(r.unknowns, [], "a drop-in's own unknowns are reported with the drop-in");
  });

  test('a drop-in next to its main file adds no pipeline, and reports its own unknowns', () => {
    const r = read(files['etc/systemd/journal-upload.conf.d/10-url.conf'], 'etc/systemd/journal-upload.conf.d/10-url.conf', context);
    assert.deepEqual(r.pipelines, []);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.path, lc(u.at)]), [['Bogus=', 'etc/systemd/journal-upload.conf.d/10-url.conf', '3:1']]);
  });

  test('without the main file, the first drop-in by name reads them all', () => {
    const only = {
      'etc/systemd/journal-upload.conf.d/10-url.conf': '[Upload]\nURL=https://a.example\n',
      'etc/systemd/journal-upload.conf.d/20-trust.conf': '[Upload]\nTrustedCertificateFile=-\n',
    };
    const ctx = filesContext(only);
    const first = read(only['etc/systemd/journal-upload.conf.d/10-url.conf'], 'etc/systemd/journal-upload.conf.d/10-url.conf', ctx);
    const o = output(onePipeline(first), 'upload');
    assert.deepEqual([onePipeline(first).id, o.tlsVerify], ['journal-upload:etc/systemd/journal-upload.conf.d/10-url.conf', false]);
    assert.deepEqual(read(only['etc/systemd/journal-upload.conf.d/20-trust.conf'], 'etc/systemd/journal-upload.conf.d/20-trust.conf', ctx).pipelines, []);
  });
});
