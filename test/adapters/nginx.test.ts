import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsNginx, nginxConfigRoot, readNginx } from '../../src/adapters/nginx.js';
import type { NginxAccessLog } from '../../src/adapters/nginx.js';
import { parseNginx } from '../../src/adapters/web/nginx-tokens.js';
import { treeContext } from './web-support.js';

function read(text: string, path = 'etc/nginx/nginx.conf') {
  return readNginx({ path, text }, NO_INCLUDES);
}

function facts(text: string, path?: string) {
  const r = read(text, path);
  const subject = r.subjects[0];
  assert.ok(subject, 'one subject');
  return { read: r, subject, facts: subject.facts as { accessLogs: NginxAccessLog[]; servers: { name: string; logs: boolean | null; offLocations: string[] }[]; accessLogOff: string[]; fragment: boolean; errorLogs: unknown[] } };
}

describe('nginx tokenizer', () => {
  test('directives, blocks, quotes with escapes, comments only at a token start', () => {
    const parsed = parseNginx(`a b#c "d \\" e" 'f\\'g';  # comment\nblk x { inner "\\t"; }\n`, 'n.conf');
    assert.deepEqual(parsed.problems, []);
    const [a, blk] = parsed.directives;
    assert.equal(a?.name, 'a');
    assert.deepEqual(a?.args.map((x) => x.value), ['b#c', 'd " e', "f'g"]);
    assert.equal(a?.args[1]?.quoted, true);
    assert.equal(blk?.line, 2);
    assert.deepEqual(blk?.block?.[0]?.args.map((x) => x.value), ['\t']);
  });
  test('${var} braces are part of a word, not a block', () => {
    const parsed = parseNginx('access_log /var/log/${host}.log main;\n', 'n.conf');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.directives[0]?.args[0]?.value, '/var/log/${host}.log');
  });
  test('unclosed blocks, stray braces and missing semicolons are problems with line:col, never throws', () => {
    const parsed = parseNginx('http {\n  server {\n    listen 80\n  }\n}\n}\nevents {', 'n.conf');
    const messages = parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    assert.ok(messages.includes('3:5 "listen" is not terminated by ";"'), messages.join(' | '));
    assert.ok(messages.includes('6:1 unexpected "}"'), messages.join(' | '));
    assert.ok(messages.some((m) => m.startsWith('7:1 block "events" is not closed')), messages.join(' | '));
  });
  test('text after a closing quote and an unterminated string', () => {
    const parsed = parseNginx('a "x"y;\nb "open;\n', 'n.conf');
    assert.ok(parsed.problems.some((p) => p.line === 1 && p.message.includes('after a quoted string')));
    assert.ok(parsed.problems.some((p) => p.line === 2 && p.column === 3 && p.message.includes('unterminated')));
  });
});

describe('nginx claims', () => {
  test('by name and folder', () => {
    assert.ok(claimsNginx('etc/nginx/nginx.conf', ''));
    assert.ok(claimsNginx('nodes/web-1/etc/nginx/conf.d/shop.conf', ''));
    assert.ok(claimsNginx('etc/nginx/sites-enabled/default', ''));
    assert.ok(!claimsNginx('etc/nginx/mime.types', 'types { text/html html; }'));
    assert.ok(!claimsNginx('etc/nginx/nginx.conf.default', 'http {\n  server {\n    listen 80;\n  }\n}\n'), 'shipped templates are not live configs');
    assert.ok(!claimsNginx('etc/nginx/fastcgi_params', 'fastcgi_param QUERY_STRING $query_string;'));
  });
  test('by content: an http/server block and a directive ending in ; or {', () => {
    assert.ok(claimsNginx('deploy/proxy.conf', 'server {\n  listen 80;\n  server_name x;\n}\n'));
    assert.ok(!claimsNginx('deploy/proxy.yaml', 'server {\n  listen 80;\n}\n'), 'YAML is never sniffed');
    assert.ok(!claimsNginx('etc/syslog-ng/syslog-ng.conf', 'source s_src { system(); internal(); };\n'));
    assert.ok(!claimsNginx('etc/httpd/conf.d/a.conf', '<VirtualHost *:80>\n  ServerName a\n</VirtualHost>\n'));
  });
  test('config root: the folder of nginx.conf, else the nginx folder above the file', () => {
    assert.equal(nginxConfigRoot('nodes/w/etc/nginx/conf.d/a.conf'), 'nodes/w/etc/nginx');
    assert.equal(nginxConfigRoot('etc/nginx/nginx.conf'), 'etc/nginx');
    assert.equal(nginxConfigRoot('deploy/conf.d/a.conf'), 'deploy');
  });
});

const DEBIAN = `user www-data;
worker_processes auto;
events {
	worker_connections 768;
}
http {
	log_format main '$remote_addr - $remote_user [$time_local] "$request" '
	                '$status $body_bytes_sent';
	access_log /var/log/nginx/access.log main;
	error_log /var/log/nginx/error.log warn;
	server {
		listen 80;
		server_name www.example.com;
		location /healthz { access_log off; }
		location /api {
			access_log /var/log/nginx/api.log json_api if=$loggable;
		}
	}
	server {
		listen 81;
		access_log off;
	}
}
`;

describe('nginx access logs', () => {
  test('inheritance: a level with its own access_log replaces the one above; off silences a server', () => {
    const { facts: f, subject, read: r } = facts(DEBIAN);
    assert.equal(f.fragment, false);
    assert.deepEqual(
      f.servers.map((s) => [s.name, s.logs, s.offLocations]),
      [
        ['www.example.com', true, ['/healthz']],
        ['listen 81', false, []],
      ],
    );
    assert.equal(subject.locations['servers.0.logs']?.line, 9, 'the inherited http access_log decides');
    assert.equal(subject.locations['servers.1.logs']?.line, 21);
    assert.deepEqual(f.accessLogOff, ['location /healthz (server www.example.com)', 'server listen 81']);
    assert.deepEqual(
      f.accessLogs.map((a) => [a.scope, a.path, a.format, a.formatDefined, a.condition]),
      [
        ['http', '/var/log/nginx/access.log', 'main', true, null],
        ['location /api (server www.example.com)', '/var/log/nginx/api.log', 'json_api', false, '$loggable'],
      ],
    );
    assert.deepEqual(
      r.unknowns.map((u) => [u.construct, u.at.line]),
      [['log_format json_api', 16]],
    );
  });
  test('fields and time format of a multi-string log_format; the format line decides them', () => {
    const { facts: f, subject } = facts(DEBIAN);
    const main = f.accessLogs[0] as NginxAccessLog;
    assert.equal(main.timeFormat, 'clf');
    assert.equal(main.client, true);
    assert.equal(main.user, true);
    assert.equal(main.status, true);
    assert.equal(main.requestId, false);
    assert.equal(main.json, false);
    assert.equal(subject.locations['accessLogs.0.json']?.line, 7);
    assert.equal(subject.locations['accessLogs.0']?.line, 9);
    const api = f.accessLogs[1] as NginxAccessLog;
    assert.equal(api.json, null, 'a format not in the scanned files is unknown');
    assert.equal(api.timeFormat, null);
  });
  test('escape=json with a JSON template is JSON; the same template without escape=json is not', () => {
    const text = `events {}
http {
  log_format j escape=json '{"t":"$time_iso8601","ip":"$remote_addr","s":$status,"id":"$request_id"}';
  log_format k '{"t":"$msec","ip":"$remote_addr"}';
  server { server_name a; access_log /var/log/a.log j; }
  server { server_name b; access_log /var/log/b.log k; }
}`;
    const { facts: f } = facts(text);
    assert.deepEqual(
      f.accessLogs.map((a) => [a.json, a.jsonTemplate, a.escape, a.timeFormat, a.requestId]),
      [
        [true, true, 'json', 'iso8601', true],
        [false, true, 'default', 'epoch', false],
      ],
    );
  });
  test('no access_log at the http level: the compiled-in default (combined, relative to the prefix)', () => {
    const { facts: f, subject, read: r } = facts('events {}\nhttp {\n  server { listen 80; }\n}\n');
    assert.equal(f.accessLogs.length, 1);
    const def = f.accessLogs[0] as NginxAccessLog;
    assert.equal(def.default, true);
    assert.equal(def.format, 'combined');
    assert.equal(def.path, 'logs/access.log');
    assert.equal(def.hostPath, null);
    assert.equal(def.timeFormat, 'clf');
    assert.equal(f.servers[0]?.logs, true);
    assert.equal(subject.locations['servers.0.logs']?.line, 2, 'the http block decides');
    assert.ok(r.unknowns.some((u) => u.construct === 'access_log logs/access.log'));
    assert.deepEqual(r.sources.map((s) => s.paths), [[]]);
  });
  test('the default is not added when every server logs on its own', () => {
    const { facts: f } = facts('events {}\nhttp {\n  server { access_log /var/log/x.log; }\n}\n');
    assert.deepEqual(f.accessLogs.map((a) => a.path), ['/var/log/x.log']);
  });
  test('/dev/null counts as off', () => {
    const { facts: f, read: r } = facts('events {}\nhttp {\n  server { access_log /dev/null; }\n}\n');
    assert.equal(f.servers[0]?.logs, false);
    assert.deepEqual(r.sources, []);
  });
  test('variables in a path become a glob; a relative path is unknown', () => {
    const { facts: f, read: r } = facts('events {}\nhttp {\n  access_log /var/log/nginx/$host-access.log;\n  server { access_log logs/x.log; }\n}\n');
    assert.equal(f.accessLogs[0]?.hostPath, '/var/log/nginx/*-access.log');
    assert.equal(f.accessLogs[1]?.hostPath, null);
    assert.ok(r.unknowns.some((u) => u.construct === 'access_log logs/x.log' && u.at.line === 4));
  });
});

describe('nginx sources', () => {
  test('one SourceDecl per access log file and per syslog target', () => {
    const text = `events {}
http {
  access_log /var/log/nginx/access.log;
  server { server_name a; access_log syslog:server=10.1.2.3:5514,facility=local6,tag=web combined; }
  server { server_name b; access_log syslog:server=unix:/dev/log; }
  server { server_name c; access_log syslog:server=127.0.0.1; }
  server { server_name d; access_log /var/log/nginx/access.log; }
}`;
    const r = read(text);
    assert.deepEqual(
      r.sources.map((s) => s.id),
      [
        'nginx-access:etc/nginx/nginx.conf#/var/log/nginx/access.log',
        'nginx-access:etc/nginx/nginx.conf#syslog:10.1.2.3:5514',
        'nginx-access:etc/nginx/nginx.conf#syslog:127.0.0.1',
        'nginx-access:etc/nginx/nginx.conf#syslog:unix:/dev/log',
      ],
    );
    const [file, remote, loopback, local] = r.sources;
    assert.deepEqual(file?.paths, ['/var/log/nginx/access.log']);
    assert.equal(file?.declaredAt.line, 3);
    assert.deepEqual(file?.pillars, ['applications', 'networks']);
    assert.equal(remote?.outputs[0]?.remote, true);
    assert.equal(remote?.outputs[0]?.port, 5514);
    assert.equal(remote?.outputs[0]?.tls, false);
    assert.equal(remote?.outputs[0]?.protocol, 'syslog');
    assert.equal(loopback?.outputs[0]?.remote, false);
    assert.equal(loopback?.outputs[0]?.port, 514);
    assert.deepEqual(local?.channels, [{ kind: 'syslog', facility: 'local7' }]);
    const f = r.subjects[0]?.facts as { accessLogs: NginxAccessLog[] };
    assert.deepEqual(f.accessLogs[1]?.syslog, { server: '10.1.2.3:5514', facility: 'local6', tag: 'web', remote: true });
  });
});

describe('nginx includes', () => {
  const tree = {
    'nodes/web-1/etc/nginx/nginx.conf': 'events {}\nhttp {\n  include /etc/nginx/mime.types;\n  log_format main \'$time_iso8601 $remote_addr $request_id\';\n  access_log /var/log/nginx/access.log main;\n  include conf.d/*.conf;\n  include /etc/nginx/sites-enabled/*;\n}\n',
    'nodes/web-1/etc/nginx/conf.d/a.conf': 'server {\n  server_name a.example;\n  include snippets/quiet.conf;\n}\n',
    'nodes/web-1/etc/nginx/snippets/quiet.conf': 'access_log off;\n',
    'nodes/web-1/etc/nginx/sites-enabled/b': 'server {\n  server_name b.example;\n  access_log /var/log/nginx/b.log main;\n}\n',
  };
  test('relative includes are taken from the nginx folder, absolute ones under the host root; included files keep their lines', () => {
    const context = treeContext(tree);
    const r = readNginx({ path: 'nodes/web-1/etc/nginx/nginx.conf', text: tree['nodes/web-1/etc/nginx/nginx.conf'] }, context);
    assert.deepEqual(r.includes, ['nodes/web-1/etc/nginx/conf.d/a.conf', 'nodes/web-1/etc/nginx/sites-enabled/b', 'nodes/web-1/etc/nginx/snippets/quiet.conf']);
    const subject = r.subjects[0];
    const f = subject?.facts as { servers: { name: string; logs: boolean }[]; accessLogs: NginxAccessLog[] };
    assert.deepEqual(f.servers.map((s) => [s.name, s.logs]), [['a.example', false], ['b.example', true]]);
    assert.deepEqual(subject?.locations['servers.0.logs'], { path: 'nodes/web-1/etc/nginx/snippets/quiet.conf', line: 1, column: 1 });
    assert.equal(f.accessLogs[1]?.requestId, true, 'the format of the main file applies in included files');
    assert.deepEqual(r.unknowns, [], 'mime.types is skipped on purpose');
  });
  test('a file the main nginx.conf includes yields nothing of its own (no double count)', () => {
    const context = treeContext(tree);
    const r = readNginx({ path: 'nodes/web-1/etc/nginx/conf.d/a.conf', text: tree['nodes/web-1/etc/nginx/conf.d/a.conf'] }, context);
    assert.deepEqual(r.subjects, []);
    assert.deepEqual(r.sources, []);
    assert.equal(r.fatal, false);
  });
  test('a snippet read alone: inheritance from the unseen http level is unknown', () => {
    const r = readNginx({ path: 'srv/conf.d/a.conf', text: 'server {\n  server_name a;\n}\nserver {\n  server_name b;\n  access_log /var/log/b.log combined;\n}\n' }, NO_INCLUDES);
    const f = r.subjects[0]?.facts as { fragment: boolean; servers: { logs: boolean | null }[] };
    assert.equal(f.fragment, true);
    assert.deepEqual(f.servers.map((s) => s.logs), [null, true]);
  });
  test('an include that is not in the tree is reported, not guessed', () => {
    const r = readNginx({ path: 'etc/nginx/nginx.conf', text: 'events {}\nhttp {\n  include /etc/nginx/conf.d/*.conf;\n}\n' }, NO_INCLUDES);
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['include /etc/nginx/conf.d/*.conf', 3]]);
  });
  test('an include cycle ends', () => {
    const cyc = { 'etc/nginx/nginx.conf': 'events {}\nhttp { include a.conf; }\n', 'etc/nginx/a.conf': 'include nginx.conf;\ninclude a.conf;\nserver { listen 80; }\n' };
    const r = readNginx({ path: 'etc/nginx/nginx.conf', text: cyc['etc/nginx/nginx.conf'] }, treeContext(cyc));
    assert.deepEqual(r.includes, ['etc/nginx/a.conf']);
    assert.equal((r.subjects[0]?.facts as { servers: unknown[] }).servers.length, 1);
  });
});

describe('nginx malformed input', () => {
  test('problems with line:col, never a throw; stream logging is an unknown', () => {
    const r = read('events {}\nhttp {\n  server { listen 80 }\n  log_format;\n}\nstream { server { access_log /var/log/s.log; } }\n}\n');
    assert.equal(r.fatal, false);
    assert.ok(r.problems.length > 0);
    for (const p of r.problems) assert.ok(p.at.line >= 1 && p.at.column >= 1);
    assert.ok(r.unknowns.some((u) => u.construct === 'stream access_log'));
  });
  test('deep nesting and huge inputs stay bounded', () => {
    const deep = `events {}\nhttp {\n${'location / {\n'.repeat(5000)}${'}\n'.repeat(5000)}}\n`;
    const r = read(deep);
    assert.ok(r.unknowns.some((u) => u.reason.includes('nested deeper')));
    const big = `events {}\nhttp {\n${'  add_header X-A "b";\n'.repeat(200_000)}}\n`;
    const start = Date.now();
    read(big);
    assert.ok(Date.now() - start < 5000);
  });
});

describe('nginx in a real scan', () => {
  test('a rule fixture tree: nginx.conf is assessed as nginx, its conf.d file is merged into it', async () => {
    const { join } = await import('node:path');
    const { scan } = await import('../../src/scan.js');
    const { REPO } = await import('../helpers.js');
    const { result } = await scan({ roots: [join(REPO, 'fixtures/rules/COV-326/pass')], rules: [], cwd: REPO });
    const kinds = Object.fromEntries(result.inventory.map((i) => [i.path, [i.status, i.kind]]));
    assert.deepEqual(kinds['etc/nginx/nginx.conf'], ['assessed', 'nginx']);
    assert.deepEqual(kinds['etc/nginx/conf.d/shop.conf'], ['assessed', 'nginx']);
    assert.deepEqual(kinds['etc/httpd/conf/httpd.conf'], ['assessed', 'apache-httpd']);
  });
});
