import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsLogrotate, includeCovers, readLogrotate, retentionDays, builtinSettings } from '../../src/adapters/logrotate.js';
import { parseLogrotate } from '../../src/adapters/hosts/logrotate-grammar.js';
import { assertWellFormed, filesContext, only, where } from './hosts-support.js';

const read = (path: string, text: string, context = NO_INCLUDES) => readLogrotate({ path, text }, context);

describe('logrotate: claims', () => {
  test('by name: logrotate.conf, logrotate.d/*, *.logrotate', () => {
    assert.ok(claimsLogrotate('etc/logrotate.conf', ''));
    assert.ok(claimsLogrotate('nodes/a/etc/logrotate.d/nginx', ''));
    assert.ok(claimsLogrotate('debian/rsyslog.logrotate', ''));
  });
  test('by content: a head with a closed log file definition of known directives', () => {
    assert.ok(claimsLogrotate('conf/applogs', '# app\n/var/log/app/*.log {\n  daily\n  rotate 7\n}\n'));
    assert.ok(claimsLogrotate('x/allvarlogs.conf', '"/var/log/a b.log" /var/log/c.log\n{\n weekly\n rotate 4\n postrotate\n  kill -HUP 1\n endscript\n}\n'));
  });
  test('not: logs, scripts, nginx, CSS, JSON, a definition with one directive only', () => {
    assert.ok(!claimsLogrotate('var/log/app.log', '/var/log/x {\n daily\n rotate 7\n}\n'));
    assert.ok(!claimsLogrotate('cluster/configure-helper.sh', 'cat > /etc/logrotate.d/x <<EOF\n/var/log/*.log {\n rotate 5\n daily\n}\nEOF\n'));
    assert.ok(!claimsLogrotate('scripts/setup', 'cat > /etc/logrotate.d/x <<EOF\n/var/log/*.log {\n rotate 5\n daily\n}\nEOF\n'));
    assert.ok(!claimsLogrotate('etc/nginx/nginx.conf', 'http {\n server {\n  location / {\n   root /var/www;\n  }\n }\n}\n'));
    assert.ok(!claimsLogrotate('site/style', '/* header */ {\n  color: red;\n}\n'));
    assert.ok(!claimsLogrotate('conf/one', '/var/log/x {\n daily\n}\n'));
    assert.ok(!claimsLogrotate('etc/ssh/sshd_config', 'LogLevel INFO\n'));
  });
});

describe('logrotate: stanzas and days', () => {
  test('rotate × period, with the line that decides days', () => {
    const r = read('etc/logrotate.d/app', '# app logs\n/var/log/app/*.log /var/log/app/audit.log {\n    weekly\n    rotate 13\n    compress\n    missingok\n}\n');
    const s = only(r);
    assert.equal(s.id, 'logrotate:etc/logrotate.d/app#/var/log/app/*.log');
    assert.equal(s.kind, 'logrotate');
    assert.deepEqual(s.facts.paths, ['/var/log/app/*.log', '/var/log/app/audit.log']);
    assert.equal(s.facts.period, 'weekly');
    assert.equal(s.facts.rotate, 13);
    assert.equal(s.facts.days, 91);
    assert.equal(s.facts.compress, true);
    assert.equal(s.facts.missingok, true);
    assert.equal(where(s, 'days'), 'etc/logrotate.d/app:4:5');
    assert.deepEqual(r.rotations, [{ paths: ['/var/log/app/*.log', '/var/log/app/audit.log'], days: 91, at: { path: 'etc/logrotate.d/app', line: 2, column: 1 }, locations: { days: { path: 'etc/logrotate.d/app', line: 4, column: 5 } } }]);
    assertWellFormed(r, 'logrotate');
  });
  test('maxage caps the days and decides their location', () => {
    const s = only(read('l', '/var/log/x {\n daily\n rotate 400\n maxage 90\n}\n'));
    assert.equal(s.facts.days, 90);
    assert.equal(s.facts.maxage, 90);
    assert.equal(where(s, 'days'), 'l:4:2');
  });
  test('rotate -1 keeps old logs unless maxage removes them', () => {
    assert.equal(only(read('l', '/x {\n daily\n rotate -1\n}\n')).facts.unbounded, true);
    assert.equal(only(read('l', '/x {\n daily\n rotate -1\n}\n')).facts.days, null);
    assert.equal(only(read('l', '/x {\n daily\n rotate -1\n maxage 30\n}\n')).facts.days, 30);
  });
  test('size-only rotation: days are unknown; rotate 0 keeps none', () => {
    const s = only(read('l', '/x {\n size 100M\n rotate 5\n}\n'));
    assert.equal(s.facts.days, null);
    assert.equal(s.facts.period, null);
    assert.equal(s.facts.size, '100M');
    assert.equal(only(read('l', '/x {\n daily\n rotate 0\n}\n')).facts.days, 0);
  });
  test('the last frequency wins: size after daily makes rotation size based', () => {
    assert.equal(only(read('l', '/x {\n daily\n size 1k\n rotate 3\n}\n')).facts.days, null);
    assert.equal(only(read('l', '/x {\n size 1k\n daily\n rotate 3\n}\n')).facts.days, 3);
  });
  test('hourly counts 1/24 day; yearly 365; C integers (010 is octal)', () => {
    assert.equal(only(read('l', '/x {\n hourly\n rotate 48\n}\n')).facts.days, 2);
    assert.equal(only(read('l', '/x {\n yearly\n rotate 2\n}\n')).facts.days, 730);
    assert.equal(only(read('l', '/x {\n daily\n rotate 010\n}\n')).facts.rotate, 8);
  });
  test('values may follow an optional =', () => {
    assert.equal(only(read('l', '/x {\n daily\n rotate = 30\n}\n')).facts.days, 30);
  });
  test('stanzas inherit the globals set before them, not after', () => {
    const r = read('etc/logrotate.conf', 'weekly\nrotate 4\n/var/log/wtmp {\n    monthly\n    rotate 1\n}\n/var/log/btmp {\n    missingok\n}\nrotate 52\n');
    const [btmp, wtmp] = r.subjects;
    assert.equal(wtmp?.facts.days, 30);
    assert.equal(btmp?.facts.days, 28);
    assert.equal(btmp?.facts.rotate, 4);
    assert.equal(btmp && where(btmp, 'days'), 'etc/logrotate.conf:2:1');
  });
  test('built-in defaults when nothing is set: rotate 0, size criterion, marked not explicit', () => {
    const s = only(read('etc/logrotate.d/bare', '/var/log/bare.log {\n    missingok\n}\n'));
    assert.equal(s.facts.rotate, 0);
    assert.equal(s.facts.criterion, 'size');
    assert.equal(s.facts.days, 0);
    assert.deepEqual(s.facts.explicit, { rotate: false, period: false, maxage: false, compress: false, missingok: true, create: false });
    assert.equal(s.facts.inherits, null);
  });
  test('script bodies are skipped, even when they hold braces and directive names', () => {
    const s = only(read('l', '/x {\n daily\n postrotate\n   rotate 1\n   if [ -f /run/x ]; then kill -HUP $(cat /run/x); fi }\n   /bin/true {\n endscript\n rotate 30\n}\n'));
    assert.equal(s.facts.rotate, 30);
    assert.deepEqual(s.facts.scripts, ['postrotate']);
  });
  test('quoted paths, a definition split over lines, comments between names', () => {
    const s = only(read('l', '"/var/log/my app/a.log"\n# the second one\n/var/log/b.log\n{\n daily\n rotate 2\n}\n'));
    assert.deepEqual(s.facts.paths, ['/var/log/my app/a.log', '/var/log/b.log']);
    assert.equal(s.declaredAt.line, 1);
  });
  test('an empty definition on one line', () => {
    const s = only(read('l', 'daily\nrotate 7\n/var/log/z.log {}\n'));
    assert.equal(s.facts.days, 7);
  });
  test('two definitions with the same first glob get distinct ids', () => {
    const r = read('l', '/x {\n daily\n}\n/x {\n weekly\n}\n');
    assert.deepEqual(r.subjects.map((s) => s.id), ['logrotate:l#/x', 'logrotate:l#/x@4']);
  });
});

describe('logrotate: logrotate.d inherits from logrotate.conf', () => {
  const conf = 'weekly\nrotate 4\ncreate\ninclude /etc/logrotate.d\nrotate 99\n';
  test('the globals before the include apply, with their location in logrotate.conf', () => {
    const context = filesContext({ 'node/etc/logrotate.conf': conf, 'node/etc/logrotate.d/app': '/var/log/app.log {\n missingok\n}\n' });
    const s = only(readLogrotate({ path: 'node/etc/logrotate.d/app', text: '/var/log/app.log {\n missingok\n}\n' }, context));
    assert.equal(s.facts.days, 28);
    assert.equal(s.facts.inherits, 'node/etc/logrotate.conf');
    assert.equal(where(s, 'days'), 'node/etc/logrotate.conf:2:1');
    assert.equal((s.facts.explicit as Record<string, boolean>).rotate, true);
  });
  test('without a host layout, logrotate.conf next to logrotate.d/ is used', () => {
    const context = filesContext({ 'roles/logs/files/logrotate.conf': conf, 'roles/logs/files/logrotate.d/app': '/a {\n}\n' });
    const s = only(readLogrotate({ path: 'roles/logs/files/logrotate.d/app', text: '/a {\n}\n' }, context));
    assert.equal(s.facts.days, 28);
  });
  test('logrotate.conf does not merge the files of logrotate.d (they are read on their own)', () => {
    const context = filesContext({ 'node/etc/logrotate.conf': conf, 'node/etc/logrotate.d/app': '/a {\n}\n' });
    const r = readLogrotate({ path: 'node/etc/logrotate.conf', text: conf }, context);
    assert.equal(r.subjects.length, 0);
    assert.deepEqual(r.includes, []);
    assert.deepEqual(r.unknowns, []);
  });
  test('an included file that is not read on its own is merged with the globals in effect', () => {
    const context = filesContext({ 'node/etc/logrotate.conf': 'daily\nrotate 90\ninclude /etc/extra-rotation\n', 'node/etc/extra-rotation': '/var/log/extra.log {\n}\n' });
    const r = readLogrotate({ path: 'node/etc/logrotate.conf', text: 'daily\nrotate 90\ninclude /etc/extra-rotation\n' }, context);
    assert.deepEqual(r.includes, ['node/etc/extra-rotation']);
    assert.equal(only(r).facts.days, 90);
    assert.equal(only(r).path, 'node/etc/extra-rotation');
  });
  test('an include that names nothing in the scan is not understood', () => {
    const r = read('etc/logrotate.conf', 'include /etc/logrotate.d\n');
    assert.equal(r.unknowns[0]?.construct, 'include /etc/logrotate.d');
    assert.equal(r.unknowns[0]?.at.line, 1);
  });
  test('taboo files in logrotate.d are ignored by logrotate', () => {
    const r = read('etc/logrotate.d/app.dpkg-old', '/a {\n daily\n}\n');
    assert.equal(r.subjects.length, 0);
    assert.match(r.unknowns[0]?.reason ?? '', /taboo/);
  });
  test('includeCovers: folder, file and glob includes, with and without host layout', () => {
    assert.ok(includeCovers('/etc/logrotate.d', 'n1/etc/logrotate.d/app'));
    assert.ok(includeCovers('/etc/logrotate.d/', 'etc/logrotate.d/app'));
    assert.ok(includeCovers('/etc/logrotate.d/*.conf', 'etc/logrotate.d/app.conf'));
    assert.ok(!includeCovers('/etc/other.d', 'etc/logrotate.d/app'));
    assert.ok(includeCovers('/etc/logrotate.d', 'files/logrotate.d/app'));
  });
});

describe('logrotate: unknowns and problems', () => {
  test('unknown directives are listed; logrotate ignores the line', () => {
    const r = read('l', '/x {\n daily\n rotate 3\n frobnicate yes\n}\n');
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line, u.at.column]), [['frobnicate', 4, 2]]);
    assert.equal(only(r).facts.days, 3);
  });
  test('a bad rotate count is a problem at its line; the definition is marked skipped', () => {
    const r = read('l', '/x {\n daily\n rotate many\n}\n');
    assert.deepEqual(r.problems.map((p) => [p.at.line, p.at.column]), [[3, 2]]);
    assert.match(r.problems[0]?.message ?? '', /bad rotation count/);
    assert.equal(only(r).facts.skipped, true);
    assert.equal(only(r).facts.days, null);
  });
  test('structural errors have positions and never throw', () => {
    const cases: [string, number, number][] = [
      ['}\n', 1, 1],
      ['/x {\n daily\n', 1, 1],
      ['/x\n daily\n', 1, 1],
      ['/x {\n /y {\n}\n', 2, 2],
      ['/x {\n}  junk\n', 2, 4],
      ['  123 bad\n', 1, 3],
      ['/x {\n postrotate\n  echo\n', 2, 1],
    ];
    for (const [text, line, column] of cases) {
      const parse = parseLogrotate(text);
      assert.ok(parse.problems.some((p) => p.line === line && p.column === column), `${JSON.stringify(text)}: ${JSON.stringify(parse.problems)}`);
      assertWellFormed(read('l', text));
    }
  });
  test('garbage claimed by name is fatal with the first problem; empty files are not', () => {
    const r = read('etc/logrotate.d/junk', '}}}\n');
    assert.equal(r.fatal, true);
    assert.equal(r.problems[0]?.at.line, 1);
    assert.equal(read('etc/logrotate.d/empty', '').fatal, false);
  });
  test('retentionDays never divides by surprises', () => {
    const s = builtinSettings();
    assert.deepEqual(retentionDays(s, { path: 'x', line: 1, column: 1 }).days, 0);
  });
});
