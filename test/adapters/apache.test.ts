import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { APACHE_KIND, claimsApache, inferredServerRoot, readApache, rotatelogsFile } from '../../src/adapters/apache.js';
import type { ApacheAccessLog } from '../../src/adapters/apache.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { apacheDirectives, apacheFields, apacheFormatIsJson, strftimeFormat } from '../../src/adapters/web/access-format.js';
import { apacheWords, parseApache } from '../../src/adapters/web/apache-directives.js';
import { REPO } from '../helpers.js';
import { treeContext } from './web-support.js';

interface ApacheFacts {
  fragment: boolean;
  serverRoot: string | null;
  serverRootExplicit: boolean;
  accessLogs: ApacheAccessLog[];
  servers: { name: string; logs: boolean | null }[];
  errorLogs: { target: string; facility: string | null; scope: string }[];
  logLevel: string | null;
}

function read(text: string, path = 'etc/httpd/conf/httpd.conf', context = NO_INCLUDES) {
  const r = readApache({ path, text }, context);
  return { read: r, subject: r.subjects[0], facts: r.subjects[0]?.facts as unknown as ApacheFacts };
}

describe('Apache directive reader', () => {
  test('words: double and single quotes, \\" and \\\\ inside quotes', () => {
    assert.deepEqual(apacheWords(`"%h \\"%r\\" %>s" combined env=!dontlog`).words, ['%h "%r" %>s', 'combined', 'env=!dontlog']);
    assert.deepEqual(apacheWords(`'a b' c\\\\d`).words, ['a b', 'c\\d']);
    assert.equal(apacheWords('"open').unterminated, true);
  });
  test('continuation lines, comments, nested sections with line numbers', () => {
    const parsed = parseApache('# c\nLogFormat "%h \\\n %u" x\n<IfModule log_config_module>\n  <VirtualHost *:80>\n    CustomLog a x\n  </VirtualHost>\n</IfModule>\n', 'h.conf');
    assert.deepEqual(parsed.problems, []);
    const [fmt, ifm] = parsed.nodes;
    assert.equal(fmt?.kind === 'directive' && fmt.args[0], '%h  %u');
    assert.equal(fmt?.line, 2);
    assert.equal(ifm?.kind, 'section');
    const vhost = ifm?.kind === 'section' ? ifm.children[0] : undefined;
    assert.equal(vhost?.kind === 'section' && vhost.key, 'virtualhost');
    assert.equal(vhost?.kind === 'section' && vhost.children[0]?.line, 6);
  });
  test('mismatched and unclosed sections are problems with line:col', () => {
    const parsed = parseApache('<VirtualHost *:80>\n<Directory />\n</VirtualHost>\n</Files>\n<IfModule x\n', 'h.conf');
    const messages = parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    assert.ok(messages.includes('2:1 <Directory> is not closed before </virtualhost>'), messages.join(' | '));
    assert.ok(messages.includes('4:1 </files> without a matching <files>'), messages.join(' | '));
    assert.ok(messages.some((m) => m.startsWith('5:1') && m.includes('closing ">"')), messages.join(' | '));
  });
});

describe('mod_log_config formats', () => {
  test('directives with modifiers and params', () => {
    const { directives } = apacheDirectives('%!200,304{Referer}i %>s %{%Y}t %% %{c}a %^ti');
    assert.deepEqual(
      directives.map((d) => [d.letter, d.param, d.which]),
      [
        ['i', 'Referer', null],
        ['s', null, '>'],
        ['t', '%Y', null],
        ['a', 'c', null],
        ['^ti', null, null],
      ],
    );
  });
  test('fields of the common and combined formats; request ids', () => {
    const common = apacheFields('%h %l %u %t "%r" %>s %b');
    assert.deepEqual([common.timeFormat, common.client, common.user, common.status, common.requestId, common.host], ['clf', true, true, true, false, false]);
    assert.equal(apacheFields('%a %{UNIQUE_ID}e').requestId, true);
    assert.equal(apacheFields('%L %v').requestId, true);
    assert.equal(apacheFields('%{X-Request-ID}i').requestId, true);
    assert.equal(apacheFields('%v').host, true);
  });
  test('time formats: strftime ISO 8601 with and without %z, split over directives, epoch', () => {
    assert.equal(strftimeFormat('%Y-%m-%dT%H:%M:%S%z'), 'iso8601');
    assert.equal(strftimeFormat('%FT%T%z'), 'iso8601');
    assert.equal(strftimeFormat('%Y-%m-%dT%H:%M:%S'), 'iso8601-no-offset');
    assert.equal(apacheFields('%{%Y-%m-%dT%H:%M:%S}t.%{msec_frac}t%{%z}t').timeFormat, 'iso8601');
    assert.equal(apacheFields('%{begin:msec}t').timeFormat, 'epoch');
    assert.equal(apacheFields('%{%d/%b/%Y %T}t').timeFormat, 'other');
    assert.equal(apacheFields('%h').timeFormat, 'none');
  });
  test('JSON templates', () => {
    assert.equal(apacheFormatIsJson('{ "time":"%{%Y-%m-%dT%H:%M:%S%z}t", "status":%>s, "ip":"%a" }'), true);
    assert.equal(apacheFormatIsJson('%h %l %u %t "%r" %>s %b'), false);
    assert.equal(apacheFormatIsJson('{"a":"%h"'), false);
  });
  test('rotatelogs pipes name their file', () => {
    assert.equal(rotatelogsFile('/usr/sbin/rotatelogs -l -L /var/log/httpd/current /var/log/httpd/access.%Y%m%d 86400'), '/var/log/httpd/access.%Y%m%d');
    assert.equal(rotatelogsFile('/usr/bin/logger -t httpd'), null);
  });
});

describe('Apache claims and ServerRoot', () => {
  test('by name, folder and content', () => {
    assert.ok(claimsApache('etc/httpd/conf/httpd.conf', ''));
    assert.ok(claimsApache('etc/apache2/apache2.conf', ''));
    assert.ok(claimsApache('nodes/web-1/etc/httpd/conf.d/dispatch.conf', ''));
    assert.ok(claimsApache('etc/apache2/sites-enabled/000-default', ''));
    assert.ok(claimsApache('deploy/site.conf', '<VirtualHost *:80>\n  ServerName x\n  CustomLog /var/log/x.log combined\n</VirtualHost>\n'));
    assert.ok(!claimsApache('deploy/site.xml', '<VirtualHost *:80>\n  ServerName x\n</VirtualHost>\n'));
    assert.ok(!claimsApache('etc/nginx/nginx.conf', 'http { server { listen 80; } }'));
    assert.ok(!claimsApache('var/www/.htaccess', 'RewriteEngine on'));
  });
  test('ServerRoot inferred from the place of the file', () => {
    assert.deepEqual(inferredServerRoot('nodes/web-1/etc/httpd/conf.d/x.conf').host, '/etc/httpd');
    assert.deepEqual(inferredServerRoot('nodes/web-1/etc/httpd/conf.d/x.conf').scan, 'nodes/web-1/etc/httpd');
    assert.deepEqual(inferredServerRoot('etc/apache2/apache2.conf').host, '/etc/apache2');
    assert.deepEqual(inferredServerRoot('usr/local/apache2/conf/extra/httpd-vhosts.conf').host, '/usr/local/apache2');
    assert.equal(inferredServerRoot('deploy/site.conf').host, null);
  });
});

describe('Apache access logs', () => {
  test('the traditional estate vhost (fixtures/estates/traditional/.../dispatch.conf)', () => {
    const path = 'nodes/web-1/etc/httpd/conf.d/dispatch.conf';
    const text = readFileSync(join(REPO, 'fixtures/estates/traditional', path), 'utf8');
    const { read: r, subject, facts: f } = read(text, path);
    assert.equal(r.kind, APACHE_KIND);
    assert.equal(f.fragment, true);
    assert.equal(f.serverRoot, '/etc/httpd');
    assert.equal(f.serverRootExplicit, false);
    assert.deepEqual(f.servers, [{ name: 'dispatch.hollins.internal', logs: true }]);
    const log = f.accessLogs[0] as ApacheAccessLog;
    assert.deepEqual(
      [log.scope, log.path, log.hostPath, log.format, log.json, log.timeFormat, log.client, log.user, log.status, log.requestId],
      ['vhost dispatch.hollins.internal', 'logs/access_log', '/etc/httpd/logs/access_log', 'common', false, 'clf', true, true, true, false],
    );
    assert.equal(subject?.locations['accessLogs.0']?.line, 12);
    assert.equal(subject?.locations['accessLogs.0.timeFormat']?.line, 11, 'the LogFormat line decides the fields');
    assert.deepEqual(f.errorLogs, [{ target: 'logs/error_log', facility: null, scope: 'vhost dispatch.hollins.internal' }]);
    assert.deepEqual(r.sources.map((s) => [s.id, s.system, s.paths]), [
      ['apache-access:nodes/web-1/etc/httpd/conf.d/dispatch.conf#logs/access_log', 'apache-access', ['/etc/httpd/logs/access_log', '/var/log/httpd/access_log']],
    ]);
    assert.deepEqual(r.unknowns, []);
    assert.deepEqual(r.problems, []);
  });
  test('virtual hosts inherit the main server logs only when they have none; GlobalLog applies to all', () => {
    const text = `ServerRoot "/etc/httpd"
LogFormat "%h %t %>s" short
CustomLog logs/main_log short
<VirtualHost *:80>
  ServerName a.example
</VirtualHost>
<VirtualHost *:81>
  ServerName b.example
  CustomLog /dev/null short
</VirtualHost>
`;
    const { facts: f, subject } = read(text);
    assert.deepEqual(f.servers, [
      { name: 'a.example', logs: true },
      { name: 'b.example', logs: false },
    ]);
    assert.equal(subject?.locations['servers.0.logs']?.line, 3);
    assert.equal(subject?.locations['servers.1.logs']?.line, 9);
    const global = read(`${text}GlobalLog /var/log/httpd/all.log short\n`).facts;
    assert.deepEqual(global.servers.map((s) => s.logs), [true, true]);
  });
  test('a main config without any access log: its virtual hosts log nothing; in a fragment that is unknown', () => {
    const vhost = '<VirtualHost *:80>\n  ServerName a\n</VirtualHost>\n';
    assert.deepEqual(read(vhost, 'etc/httpd/conf/httpd.conf').facts.servers, [{ name: 'a', logs: false }]);
    assert.deepEqual(read(vhost, 'etc/httpd/conf.d/a.conf').facts.servers, [{ name: 'a', logs: null }]);
  });
  test('the main server is judged only when no virtual host exists', () => {
    assert.deepEqual(read('ServerRoot /etc/httpd\nListen 80\n').facts.servers, [{ name: 'main server', logs: false }]);
  });
  test('TransferLog uses the last LogFormat without a nickname, else the Common Log Format', () => {
    const { facts: f } = read('ServerRoot /srv/httpd\nTransferLog logs/t1\nLogFormat "%{%Y-%m-%dT%H:%M:%S%z}t %a"\n');
    assert.equal(f.accessLogs[0]?.format, 'default');
    assert.equal(f.accessLogs[0]?.timeFormat, 'iso8601');
    assert.equal(f.accessLogs[0]?.hostPath, '/srv/httpd/logs/t1');
    const clf = read('ServerRoot /srv/httpd\nTransferLog logs/t1\n').facts;
    assert.equal(clf.accessLogs[0]?.timeFormat, 'clf');
  });
  test('inline formats, unknown nicknames, conditions', () => {
    const { facts: f, read: r } = read('ServerRoot /etc/httpd\nCustomLog /var/log/a "%a %{sec}t" env=!dontlog\nCustomLog /var/log/b vhost_combined\n');
    assert.deepEqual(f.accessLogs.map((a) => [a.format, a.formatDefined, a.timeFormat, a.condition]), [
      ['inline', true, 'epoch', 'env=!dontlog'],
      ['vhost_combined', false, null, null],
    ]);
    assert.ok(r.unknowns.some((u) => u.construct === 'LogFormat vhost_combined' && u.at.line === 3));
  });
  test('piped logs: rotatelogs names a file glob; other programs are unknown and never run', () => {
    const { facts: f, read: r } = read('ServerRoot /etc/httpd\nCustomLog "|/usr/sbin/rotatelogs /var/log/httpd/access_log.%Y-%m-%d 86400" combined\nCustomLog "||/usr/bin/logger -t httpd" combined\nCustomLog "|bin/rotatelogs logs/acc 5M" combined\nLogFormat "%h %t" combined\n');
    assert.deepEqual(f.accessLogs.map((a) => [a.target, a.path, a.hostPath]), [
      ['pipe', '/var/log/httpd/access_log.%Y-%m-%d', '/var/log/httpd/access_log.*-*-*'],
      ['pipe', null, null],
      ['pipe', 'logs/acc', '/etc/httpd/logs/acc.*'],
    ]);
    assert.ok(r.unknowns.some((u) => u.construct.startsWith('CustomLog |/usr/bin/logger') && u.at.line === 3));
    assert.equal(r.sources.length, 3);
  });
  test('ErrorLog to syslog and LogLevel', () => {
    const { facts: f } = read('ServerRoot /etc/httpd\nErrorLog syslog:local1\nLogLevel warn ssl:info\n');
    assert.deepEqual(f.errorLogs, [{ target: 'syslog:local1', facility: 'local1', scope: 'main' }]);
    assert.equal(f.logLevel, 'warn ssl:info');
  });
  test('Define and Debian envvars resolve ${VAR}; an undefined one is unknown', () => {
    const tree = {
      'etc/apache2/apache2.conf': 'Define LOGS /srv/logs\nCustomLog ${APACHE_LOG_DIR}/access.log combined\nCustomLog ${LOGS}/b.log combined\nCustomLog ${NOPE}/c.log combined\nLogFormat "%h %t" combined\n',
      'etc/apache2/envvars': 'export APACHE_RUN_USER=www-data\nexport APACHE_LOG_DIR=/var/log/apache2$SUFFIX\n',
    };
    const r = readApache({ path: 'etc/apache2/apache2.conf', text: tree['etc/apache2/apache2.conf'] }, treeContext(tree));
    const f = r.subjects[0]?.facts as unknown as ApacheFacts;
    assert.deepEqual(f.accessLogs.map((a) => a.hostPath), ['/var/log/apache2/access.log', '/srv/logs/b.log', null]);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['${NOPE}', 4]]);
  });
});

describe('Apache includes', () => {
  const tree = {
    'nodes/web-1/etc/httpd/conf/httpd.conf': 'ServerRoot "/etc/httpd"\nInclude conf.modules.d/*.conf\nLogFormat "%a %{%Y-%m-%dT%H:%M:%S%z}t %>s %L" rid\nIncludeOptional conf.d/*.conf\n',
    'nodes/web-1/etc/httpd/conf.modules.d/00-base.conf': 'LoadModule log_config_module modules/mod_log_config.so\n',
    'nodes/web-1/etc/httpd/conf.d/site.conf': '<VirtualHost *:443>\n  ServerName site.example\n  CustomLog logs/site_log rid\n</VirtualHost>\n',
  };
  test('Include and IncludeOptional relative to ServerRoot; formats of the main file apply', () => {
    const r = readApache({ path: 'nodes/web-1/etc/httpd/conf/httpd.conf', text: tree['nodes/web-1/etc/httpd/conf/httpd.conf'] }, treeContext(tree));
    assert.deepEqual(r.includes, ['nodes/web-1/etc/httpd/conf.d/site.conf', 'nodes/web-1/etc/httpd/conf.modules.d/00-base.conf']);
    const f = r.subjects[0]?.facts as unknown as ApacheFacts;
    assert.deepEqual(f.servers, [{ name: 'site.example', logs: true }]);
    assert.deepEqual([f.accessLogs[0]?.requestId, f.accessLogs[0]?.timeFormat, f.accessLogs[0]?.hostPath], [true, 'iso8601', '/etc/httpd/logs/site_log']);
    assert.deepEqual(r.subjects[0]?.locations['accessLogs.0'], { path: 'nodes/web-1/etc/httpd/conf.d/site.conf', line: 3, column: 3 });
    assert.deepEqual(r.unknowns, []);
  });
  test('an included file read alone yields nothing of its own', () => {
    const r = readApache({ path: 'nodes/web-1/etc/httpd/conf.d/site.conf', text: tree['nodes/web-1/etc/httpd/conf.d/site.conf'] }, treeContext(tree));
    assert.deepEqual(r.subjects, []);
    assert.deepEqual(r.sources, []);
  });
  test('an include that is not in the tree is reported', () => {
    const { read: r } = read('ServerRoot "/etc/httpd"\nIncludeOptional conf.d/*.conf\n');
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['IncludeOptional conf.d/*.conf', 2]]);
  });
});

describe('Apache malformed input', () => {
  test('never throws; a file of garbage is fatal only when nothing could be read', () => {
    const r = read('<<<\n</x>\n"', 'etc/httpd/conf.d/x.conf');
    assert.ok(r.read.problems.length > 0);
    for (const p of r.read.problems) assert.ok(p.at.line >= 1 && p.at.column >= 1);
    const deep = read(`${'<IfModule a>\n'.repeat(3000)}CustomLog /x combined\n`, 'etc/httpd/conf.d/x.conf');
    assert.ok(deep.read.unknowns.some((u) => u.reason.includes('nested deeper')));
  });
});

describe('Apache in a real scan', () => {
  test('the traditional estate: dispatch.conf is assessed as apache-httpd', async () => {
    const { scan } = await import('../../src/scan.js');
    const { loadRules } = await import('../../src/rules/load-packs.js');
    const rules = loadRules().filter((r) => ['COV-326', 'FMT-329'].includes(r.id));
    const { result } = await scan({ roots: [join(REPO, 'fixtures/estates/traditional')], rules, cwd: REPO });
    const entry = result.inventory.find((i) => i.path.endsWith('etc/httpd/conf.d/dispatch.conf'));
    assert.equal(entry?.status, 'assessed');
    assert.equal(entry?.kind, APACHE_KIND);
    assert.equal(entry?.reason, undefined, 'nothing in it is left not understood');
    const findings = result.findings.filter((f) => f.subject.endsWith('dispatch.conf') && ['COV-326', 'FMT-329'].includes(f.ruleId));
    assert.deepEqual(findings.map((f) => [f.ruleId, f.outcome, f.locations[0]?.line]), [
      ['COV-326', 'pass', 12],
      ['FMT-329', 'fail', 11],
    ]);
  });
});
