import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsPostgresql, readPostgresql } from '../../src/adapters/postgresql.js';
import { parsePgBool, parsePgConf, pgauditClasses, prefixFields } from '../../src/adapters/web/postgresql-conf.js';
import { treeContext } from './web-support.js';

function read(text: string, path = 'etc/postgresql/16/main/postgresql.conf', context = NO_INCLUDES) {
  const r = readPostgresql({ path, text }, context);
  const subject = r.subjects[0];
  return { read: r, subject, facts: (subject?.facts ?? {}) as Record<string, unknown> };
}

describe('postgresql.conf grammar', () => {
  test('name = value and name value, quotes with doubled and backslash quotes, comments', () => {
    const parsed = parsePgConf("a = 1\nB 'x y'  # c\nc='it''s'\nd = 'it\\'s'\n  # only a comment\ne=on#c\nq.x = 'v'\n");
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.entries.map((e) => [e.name, e.value, e.line, e.column]),
      [
        ['a', '1', 1, 1],
        ['b', 'x y', 2, 1],
        ['c', "it's", 3, 1],
        ['d', "it's", 4, 1],
        ['e', 'on', 6, 1],
        ['q.x', 'v', 7, 1],
      ],
    );
  });
  test('bad lines are problems with line:col and are skipped', () => {
    const parsed = parsePgConf("ok = 1\n= 2\nname 'open\nx = 'a' trailing\ny =\n");
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.column]),
      [
        [2, 1],
        [3, 6],
        [4, 9],
        [5, 4],
      ],
    );
    assert.deepEqual(parsed.entries.map((e) => e.name), ['ok']);
  });
  test('booleans with unique prefixes, lists, prefixes, pgaudit classes', () => {
    assert.deepEqual(['on', 'OFF', 'tr', 'y', '1', 'of', 'o', 'maybe'].map(parsePgBool), [true, false, true, true, true, false, null, null]);
    assert.deepEqual(prefixFields('%m [%p] %q%u@%d %r %c %-10a'), { time: true, user: true, database: true, client: true, session: true, application: true, processId: true });
    assert.deepEqual(prefixFields('%t %%u'), { time: true, user: false, database: false, client: false, session: false, application: false, processId: false });
    assert.deepEqual(pgauditClasses('all, -misc, -MISC_SET').classes, ['read', 'write', 'function', 'role', 'ddl']);
    assert.deepEqual(pgauditClasses('ddl,role,bogus'), { classes: ['role', 'ddl'], invalid: ['bogus'] });
  });
});

describe('PostgreSQL claims', () => {
  test('by name, by conf.d under a postgres folder, by several PostgreSQL-only settings', () => {
    assert.ok(claimsPostgresql('etc/postgresql/16/main/postgresql.conf', ''));
    assert.ok(claimsPostgresql('var/lib/pgsql/data/postgresql.auto.conf', ''));
    assert.ok(claimsPostgresql('etc/postgresql/16/main/conf.d/logging.conf', ''));
    assert.ok(claimsPostgresql('docker/db/custom.conf', "listen_addresses = '*'\nshared_buffers = 256MB\nlog_line_prefix = '%m '\n"));
    assert.ok(!claimsPostgresql('docker/db/custom.conf', "# log_line_prefix = '%m '\n#shared_buffers = 256MB\n#wal_level = replica\n"), 'commented settings do not count');
    assert.ok(!claimsPostgresql('etc/postgresql/16/main/pg_hba.conf', 'local all all peer\n'));
    assert.ok(!claimsPostgresql('etc/my.cnf', '[mysqld]\nmax_connections = 100\nlog_error = /var/log/mysqld.log\n'));
    assert.ok(!claimsPostgresql('share/postgresql.conf.sample', "log_connections = off\nlog_line_prefix = '%m'\nshared_buffers = 1MB\n"));
  });
});

describe('PostgreSQL logging facts', () => {
  test('defaults of PostgreSQL 16/17, flagged as not explicit, located at the file start', () => {
    const { facts, subject } = read('port = 5432\n');
    assert.equal(facts.logConnections, false);
    assert.equal(facts.logDisconnections, false);
    assert.equal(facts.logLinePrefix, '%m [%p] ');
    assert.deepEqual(facts.fields, { time: true, user: false, database: false, client: false, session: false, application: false, processId: true });
    assert.equal(facts.logStatement, 'none');
    assert.deepEqual(facts.logDestination, ['stderr']);
    assert.equal(facts.loggingCollector, false);
    assert.equal(facts.structuredLog, false);
    assert.equal(facts.logDirectory, 'log');
    assert.equal(facts.syslogFacility, 'local0');
    assert.deepEqual(facts.pgaudit, { loaded: false, log: 'none', classes: [], ddl: false, role: false, write: false, read: false });
    assert.equal((facts.explicit as Record<string, boolean>).logConnections, false);
    assert.deepEqual(subject?.locations.logConnections, { path: 'etc/postgresql/16/main/postgresql.conf', line: 1, column: 1 });
  });
  test('settings win in order, with the line that decides each fact', () => {
    const { facts, subject, read: r } = read("log_connections = off\nlog_connections = on\nlog_disconnections = yes\nlog_statement = 'DDL'\nlog_line_prefix = '%t user=%u db=%d host=%h '\n");
    assert.equal(facts.logConnections, true);
    assert.deepEqual(facts.logConnectionsAspects, ['receipt', 'authentication', 'authorization']);
    assert.equal(subject?.locations.logConnections?.line, 2);
    assert.equal(facts.logDisconnections, true);
    assert.equal(facts.logStatement, 'ddl');
    assert.deepEqual(facts.prefix, { time: true, user: true, database: true, client: true, session: false, application: false, processId: false });
    assert.equal(subject?.locations.fields?.line, 5);
    assert.deepEqual(r.problems, []);
  });
  test('PostgreSQL 18 log_connections aspects', () => {
    assert.deepEqual(read("log_connections = 'receipt,authorization'\n").facts.logConnections, false);
    const all = read("log_connections = 'all'\n").facts;
    assert.equal(all.logConnections, true);
    assert.deepEqual(all.logConnectionsAspects, ['receipt', 'authentication', 'authorization', 'setup_durations']);
    assert.equal(read("log_connections = ''\n").facts.logConnections, false);
    const bad = read("log_connections = 'sometimes'\n");
    assert.equal(bad.facts.logConnections, null);
    assert.equal(bad.read.problems[0]?.at.line, 1);
  });
  test('jsonlog with the collector: structured records carry every field whatever the prefix', () => {
    const { facts, subject } = read("logging_collector = on\nlog_destination = 'jsonlog'\n");
    assert.equal(facts.structuredLog, true);
    assert.deepEqual(facts.fields, { time: true, user: true, database: true, client: true, session: true, application: true, processId: true });
    assert.equal(subject?.locations.fields?.line, 2);
    assert.equal(read("log_destination = 'csvlog'\n").facts.structuredLog, false, 'csvlog needs the collector');
  });
  test('pgaudit: loaded from shared_preload_libraries, classes from pgaudit.log', () => {
    const { facts, subject } = read("shared_preload_libraries = 'pg_stat_statements, \"$libdir/pgaudit\"'\npgaudit.log = 'ddl, role'\n");
    assert.deepEqual(facts.pgaudit, { loaded: true, log: 'ddl, role', classes: ['role', 'ddl'], ddl: true, role: true, write: false, read: false });
    assert.equal(subject?.locations['pgaudit.loaded']?.line, 1);
    assert.equal(subject?.locations['pgaudit.ddl']?.line, 2);
  });
  test('invalid enum values are kept as read and reported', () => {
    const { facts, read: r } = read("log_statement = 'everything'\nlog_destination = 'stderr,files'\n");
    assert.equal(facts.logStatement, 'everything');
    assert.deepEqual(r.problems.map((p) => p.at.line), [1, 2]);
  });
});

describe('PostgreSQL source', () => {
  test('collector with an absolute log_directory: file globs per destination', () => {
    const { read: r } = read("logging_collector = on\nlog_destination = 'stderr,csvlog,syslog'\nlog_directory = '/var/log/postgresql'\nlog_filename = 'postgresql-%Y-%m-%d.log'\nsyslog_facility = 'LOCAL5'\n");
    assert.equal(r.sources.length, 1);
    const source = r.sources[0];
    assert.equal(source?.id, 'postgresql:etc/postgresql/16/main/postgresql.conf#server');
    assert.deepEqual(source?.pillars, ['applications', 'data']);
    assert.deepEqual(source?.paths, ['/var/log/postgresql/postgresql-*-*-*.csv', '/var/log/postgresql/postgresql-*-*-*.log']);
    assert.deepEqual(source?.channels, [{ kind: 'syslog', facility: 'local5' }]);
    assert.equal(source?.declaredAt.line, 2);
  });
  test('a relative log_directory resolves under data_directory, else it is unknown', () => {
    const set = read("data_directory = '/var/lib/postgresql/16/main'\nlogging_collector = on\n").read;
    assert.deepEqual(set.sources[0]?.paths, ['/var/lib/postgresql/16/main/log/postgresql-*-*-*_*.log']);
    const unset = read('logging_collector = on\n').read;
    assert.deepEqual(unset.sources[0]?.paths, []);
    assert.ok(unset.unknowns.some((u) => u.construct === "log_directory 'log'"));
  });
  test('the data directory is the file folder when PG_VERSION sits next to it', () => {
    const tree = { 'nodes/db-1/var/lib/pgsql/16/data/postgresql.conf': 'logging_collector = on\n', 'nodes/db-1/var/lib/pgsql/16/data/PG_VERSION': '16\n' };
    const r = readPostgresql({ path: 'nodes/db-1/var/lib/pgsql/16/data/postgresql.conf', text: 'logging_collector = on\n' }, treeContext(tree));
    assert.deepEqual(r.sources[0]?.paths, ['/var/lib/pgsql/16/data/log/postgresql-*-*-*_*.log']);
  });
  test('stderr without the collector is reported as not understood', () => {
    const { read: r } = read('port = 5432\n');
    assert.deepEqual(r.sources[0]?.paths, []);
    assert.deepEqual(r.sources[0]?.channels, []);
    assert.ok(r.unknowns.some((u) => u.construct === 'log_destination stderr (default)'));
  });
});

describe('PostgreSQL includes and postgresql.auto.conf', () => {
  const tree = {
    'etc/postgresql/16/main/postgresql.conf': "data_directory = '/var/lib/postgresql/16/main'\nlog_connections = off\ninclude_dir 'conf.d'\ninclude_if_exists 'missing.conf'\n",
    'etc/postgresql/16/main/conf.d/10-logging.conf': "log_connections = on\nlog_line_prefix = '%m %u %d %h '\n",
    'etc/postgresql/16/main/conf.d/.hidden.conf': 'log_connections = off\n',
    'var/lib/postgresql/16/main/postgresql.auto.conf': "# Do not edit this file manually!\nlog_statement = 'mod'\n",
  };
  test('include_dir in name order (no dot files), then postgresql.auto.conf in the data directory wins', () => {
    const r = readPostgresql({ path: 'etc/postgresql/16/main/postgresql.conf', text: tree['etc/postgresql/16/main/postgresql.conf'] }, treeContext(tree));
    const facts = r.subjects[0]?.facts as Record<string, unknown>;
    assert.equal(facts.logConnections, true);
    assert.deepEqual(r.subjects[0]?.locations.logConnections, { path: 'etc/postgresql/16/main/conf.d/10-logging.conf', line: 1, column: 1 });
    assert.equal(facts.logStatement, 'mod');
    assert.equal(r.subjects[0]?.locations.logStatement?.path, 'var/lib/postgresql/16/main/postgresql.auto.conf');
    assert.deepEqual(r.includes, ['etc/postgresql/16/main/conf.d/10-logging.conf', 'var/lib/postgresql/16/main/postgresql.auto.conf']);
    assert.deepEqual(r.unknowns.filter((u) => u.construct.startsWith('include')).map((u) => [u.construct, u.at.line]), [["include_if_exists 'missing.conf'", 4]]);
  });
  test('a conf.d file that the main file includes yields nothing of its own', () => {
    const r = readPostgresql({ path: 'etc/postgresql/16/main/conf.d/10-logging.conf', text: tree['etc/postgresql/16/main/conf.d/10-logging.conf'] }, treeContext(tree));
    assert.deepEqual(r.subjects, []);
    assert.deepEqual(r.sources, []);
  });
  test('a fragment read alone: settings it does not make are unknown, not defaults; no source', () => {
    const { facts, read: r } = read("log_connections = on\n", 'etc/postgresql/16/main/conf.d/10-logging.conf');
    assert.equal(facts.fragment, true);
    assert.equal(facts.logConnections, true);
    assert.equal(facts.logDisconnections, null);
    assert.equal(facts.logLinePrefix, null);
    assert.deepEqual(r.sources, []);
  });
});

describe('PostgreSQL malformed input', () => {
  test('never throws; nothing parseable is fatal with the first problem', () => {
    const r = read('this is not a config file at all\n{"json": true}\n', 'etc/postgresql/16/main/postgresql.conf');
    assert.equal(r.read.fatal, true);
    assert.equal(r.read.problems[0]?.at.line, 1);
    const ok = read('__proto__ = 1\nconstructor = 2\nlog_connections = on\n');
    assert.equal(ok.read.fatal, false);
    assert.equal(ok.facts.logConnections, true);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('PostgreSQL auto.conf in a Debian data directory', () => {
  test('read by /etc/postgresql/<v>/<cluster>/postgresql.conf through data_directory: nothing of its own', () => {
    const tree = {
      'nodes/db-1/etc/postgresql/16/main/postgresql.conf': "data_directory = '/var/lib/postgresql/16/main'\n",
      'nodes/db-1/var/lib/postgresql/16/main/postgresql.auto.conf': "log_statement = 'ddl'\n",
    };
    const path = 'nodes/db-1/var/lib/postgresql/16/main/postgresql.auto.conf';
    const r = readPostgresql({ path, text: tree[path] }, treeContext(tree));
    assert.deepEqual(r.subjects, []);
  });
});

describe('PostgreSQL in a real scan', () => {
  test('a rule fixture tree: postgresql.conf is assessed as postgresql', async () => {
    const { join } = await import('node:path');
    const { scan } = await import('../../src/scan.js');
    const { REPO } = await import('../helpers.js');
    const { result } = await scan({ roots: [join(REPO, 'fixtures/rules/COV-323')], rules: [], cwd: REPO });
    const kinds = Object.fromEntries(result.inventory.map((i) => [i.path, [i.status, i.kind]]));
    assert.deepEqual(kinds['pass/etc/postgresql/15/main/postgresql.conf'], ['assessed', 'postgresql']);
    assert.deepEqual(kinds['no-evidence/etc/postgresql/15/main/conf.d/10-memory.conf'], ['assessed', 'postgresql']);
  });
});
