/**
 * PostgreSQL (issue 4): reads postgresql.conf with its includes (`include`, `include_if_exists`,
 * `include_dir`) and the postgresql.auto.conf that ALTER SYSTEM writes, later settings winning,
 * and reports the logging settings a rule judges (connections, disconnections, log_line_prefix,
 * log_statement, destinations, pgaudit) plus one SourceDecl saying where the server writes.
 *
 * Defaults are those of the PostgreSQL 16/17 documentation ("Error Reporting and Logging"); every
 * default used is flagged in `explicit`. PostgreSQL 18 turned `log_connections` into a list of
 * aspects (receipt, authentication, authorization, setup_durations, all); both forms are read.
 */
import { posix } from 'node:path';
import type { ConfigAdapters } from './registry.js';
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import { neverThrowingTextAdapter } from './shipper-kit/adapter.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, SourceDecl } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Area, Location } from '../model/vocabulary.js';
import { compareStrings } from '../model/vocabulary.js';
import { Findings, MAX_INCLUDE_DEPTH, MAX_INCLUDED_FILES, at, fileStart, globOfTemplate, guarded, hostPathOf, isForeignName, segments, sourceDecl } from './web/common.js';
import { parsePgBool, parsePgConf, pgList, pgauditClasses, prefixFields } from './web/postgresql-conf.js';
import type { PrefixFields } from './web/postgresql-conf.js';

export const POSTGRESQL_KIND = 'postgresql';
const PILLARS: Area[] = ['applications', 'data'];

/** Defaults of the settings ztmm reads (PostgreSQL 10+ for log_line_prefix and log_directory; 16/17 docs). */
const DEFAULTS: Record<string, string> = {
  log_connections: 'off',
  log_disconnections: 'off',
  log_line_prefix: '%m [%p] ',
  log_statement: 'none',
  log_destination: 'stderr',
  logging_collector: 'off',
  log_directory: 'log',
  log_filename: 'postgresql-%Y-%m-%d_%H%M%S.log',
  syslog_facility: 'local0',
  syslog_ident: 'postgres',
  // The built-in default; initdb usually writes the system's zone into postgresql.conf.
  log_timezone: 'GMT',
  shared_preload_libraries: '',
  'pgaudit.log': 'none',
};

// ---------------------------------------------------------------------------------------------
// Claiming

/** Settings only PostgreSQL has: a head that sets several of them (uncommented) is a postgresql.conf. */
const PG_ONLY = [
  'log_line_prefix',
  'log_connections',
  'log_disconnections',
  'shared_preload_libraries',
  'shared_buffers',
  'effective_cache_size',
  'maintenance_work_mem',
  'wal_level',
  'max_wal_size',
  'min_wal_size',
  'log_min_duration_statement',
  'log_statement',
  'log_destination',
  'logging_collector',
  'hba_file',
  'ident_file',
  'data_directory',
  'listen_addresses',
  'checkpoint_completion_target',
  'random_page_cost',
  'autovacuum',
  'datestyle',
  'lc_messages',
  'default_text_search_config',
  'dynamic_shared_memory_type',
  'log_timezone',
  'pgaudit.log',
];
const PG_SETTING_LINE = new RegExp(`^[ \\t]*(${PG_ONLY.map((n) => n.replace('.', '\\.')).join('|')})[ \\t]*(=|[ \\t]'|[ \\t][A-Za-z0-9])`, 'gim');

function isPostgresFolder(segment: string): boolean {
  return /^(postgres|postgresql|pgsql|pgdata)([-_.]?\d.*)?$/i.test(segment);
}

export function claimsPostgresql(path: string, head: string): boolean {
  const parts = segments(path);
  const name = parts[parts.length - 1] ?? '';
  if (name === 'postgresql.conf' || name === 'postgresql.auto.conf') return true;
  if (isForeignName(path) || name === 'pg_hba.conf' || name === 'pg_ident.conf') return false;
  if (name.endsWith('.conf') && parts[parts.length - 2] === 'conf.d' && parts.slice(0, -2).some(isPostgresFolder)) return true;
  const found = new Set<string>();
  for (const m of head.matchAll(PG_SETTING_LINE)) found.add((m[1] ?? '').toLowerCase());
  return found.size >= 3;
}

// ---------------------------------------------------------------------------------------------
// Reading the settings

interface Setting {
  value: string;
  at: Location;
}

interface Settings {
  table: Map<string, Setting>;
  includes: Set<string>;
}

const INCLUDE_KEYS = new Set(['include', 'include_if_exists', 'include_dir']);

function readSettings(file: TextFile, context: ReadContext, findings: Findings): Settings {
  const table = new Map<string, Setting>();
  const includes = new Set<string>();
  const visited = new Set<string>([file.path]);
  const readFile = (f: TextFile, depth: number): void => {
    const parsed = parsePgConf(f.text);
    for (const p of parsed.problems) findings.problem(p.message, at(f.path, p.line, p.column));
    for (const e of parsed.entries) {
      const where = at(f.path, e.line, e.column);
      if (INCLUDE_KEYS.has(e.name)) {
        includeOne(e.name, e.value, f, where, depth);
        continue;
      }
      // A later setting of the same parameter wins.
      table.set(e.name, { value: e.value, at: where });
    }
  };
  const includeOne = (directive: string, target: string, from: TextFile, where: Location, depth: number): void => {
    if (depth >= MAX_INCLUDE_DEPTH) {
      findings.unknown(`${directive} '${target.slice(0, 80)}'`, `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels are not followed`, where);
      return;
    }
    const dir = target.replace(/\/+$/, '');
    // include_dir: the .conf files of the folder, by name, skipping those that start with a dot.
    const pattern = directive === 'include_dir' ? `${dir}/*.conf` : target;
    const result = context.include(pattern, from.path);
    const files = directive === 'include_dir' ? result.files.filter((f) => !posix.basename(f.path).startsWith('.')) : result.files;
    if (result.reason !== null) findings.unknown(`${directive} '${target.slice(0, 80)}'`, result.reason, where);
    for (const f of files) {
      if (visited.has(f.path)) continue;
      if (includes.size >= MAX_INCLUDED_FILES) break;
      visited.add(f.path);
      includes.add(f.path);
      readFile(f, depth + 1);
    }
  };
  readFile(file, 0);
  return { table, includes };
}

/**
 * postgresql.auto.conf (ALTER SYSTEM) lives in the data directory and is read last: next to the
 * file when it is in the data directory, else under `data_directory` when that is set.
 */
function mergeAutoConf(file: TextFile, context: ReadContext, settings: Settings, findings: Findings): void {
  const dataDir = settings.table.get('data_directory')?.value;
  const candidates = dataDir?.startsWith('/') ? [`${dataDir.replace(/\/+$/, '')}/postgresql.auto.conf`] : ['postgresql.auto.conf'];
  for (const pattern of candidates) {
    const found = context.include(pattern, file.path).files.find((f) => posix.basename(f.path) === 'postgresql.auto.conf');
    if (!found || found.path === file.path || settings.includes.has(found.path)) continue;
    settings.includes.add(found.path);
    const auto = readSettings(found, context, findings);
    for (const [name, setting] of auto.table) settings.table.set(name, setting);
    for (const p of auto.includes) settings.includes.add(p);
  }
}

// ---------------------------------------------------------------------------------------------
// Facts

const CONNECTION_ASPECTS = ['receipt', 'authentication', 'authorization', 'setup_durations'];
/** What `log_connections = on` means in PostgreSQL 18 (and all it meant before). */
const CONNECTIONS_ON = ['receipt', 'authentication', 'authorization'];

interface Facts {
  facts: Record<string, unknown>;
  locations: Record<string, Location>;
}

class FactBuilder {
  readonly facts: Record<string, unknown> = {};
  readonly locations: Record<string, Location> = {};
  readonly explicit: Record<string, boolean> = {};

  constructor(
    private readonly settings: Map<string, Setting>,
    private readonly path: string,
    /** A fragment (auto.conf, conf.d file) read alone: absent settings are unknown, not defaults. */
    private readonly fragment: boolean,
    readonly findings: Findings,
  ) {}

  /** The value in force: the setting, else the default (null in a fragment). */
  value(name: string): string | null {
    const set = this.settings.get(name);
    if (set) return set.value;
    return this.fragment ? null : (DEFAULTS[name] ?? null);
  }

  where(name: string): Location {
    return this.settings.get(name)?.at ?? fileStart(this.path);
  }

  isSet(name: string): boolean {
    return this.settings.has(name);
  }

  put(fact: string, value: unknown, setting: string): void {
    this.facts[fact] = value;
    this.locations[fact] = this.where(setting);
    this.explicit[fact] = this.isSet(setting);
  }

  bool(fact: string, setting: string): boolean | null {
    const raw = this.value(setting);
    const value = raw === null ? null : parsePgBool(raw);
    if (raw !== null && value === null) this.findings.problem(`${setting}: "${raw.slice(0, 40)}" is not a boolean`, this.where(setting));
    this.put(fact, value, setting);
    return value;
  }
}

function connectionAspects(raw: string | null, b: FactBuilder): string[] | null {
  if (raw === null) return null;
  const asBool = /^(on|off|true|false|yes|no|1|0)$/i.test(raw.trim()) ? parsePgBool(raw) : null;
  if (asBool !== null) return asBool ? [...CONNECTIONS_ON] : [];
  const aspects = new Set<string>();
  for (const item of pgList(raw.toLowerCase())) {
    if (item === 'all') CONNECTION_ASPECTS.forEach((a) => aspects.add(a));
    else if (CONNECTION_ASPECTS.includes(item)) aspects.add(item);
    else {
      b.findings.problem(`log_connections: "${item.slice(0, 40)}" is not a connection aspect`, b.where('log_connections'));
      return null;
    }
  }
  return CONNECTION_ASPECTS.filter((a) => aspects.has(a));
}

function buildFacts(settings: Map<string, Setting>, path: string, fragment: boolean, findings: Findings): Facts & { derived: Derived } {
  const b = new FactBuilder(settings, path, fragment, findings);
  // Connections (PostgreSQL 18 list or the boolean of every earlier version).
  const connRaw = b.value('log_connections');
  const aspects = connectionAspects(connRaw, b);
  b.put('logConnectionsAspects', aspects, 'log_connections');
  b.put('logConnections', aspects === null ? null : CONNECTIONS_ON.every((a) => aspects.includes(a)), 'log_connections');
  b.bool('logDisconnections', 'log_disconnections');
  const collector = b.bool('loggingCollector', 'logging_collector');

  const prefix = b.value('log_line_prefix');
  b.put('logLinePrefix', prefix, 'log_line_prefix');
  const fields: PrefixFields | null = prefix === null ? null : prefixFields(prefix);
  b.put('prefix', fields, 'log_line_prefix');

  const statementRaw = b.value('log_statement');
  const statement = statementRaw === null ? null : statementRaw.trim().toLowerCase();
  if (statement !== null && !['none', 'ddl', 'mod', 'all'].includes(statement)) findings.problem(`log_statement: "${statement.slice(0, 40)}" is not none, ddl, mod or all`, b.where('log_statement'));
  b.put('logStatement', statement, 'log_statement');

  const destRaw = b.value('log_destination');
  const destinations = destRaw === null ? null : pgList(destRaw.toLowerCase());
  for (const d of destinations ?? []) {
    if (!['stderr', 'csvlog', 'jsonlog', 'syslog', 'eventlog'].includes(d)) findings.problem(`log_destination: "${d.slice(0, 40)}" is not a log destination`, b.where('log_destination'));
  }
  b.put('logDestination', destinations, 'log_destination');
  // csvlog and jsonlog need the logging collector; without it the lines go to stderr as text.
  const structured = destinations === null || collector === null ? null : collector && (destinations.includes('csvlog') || destinations.includes('jsonlog'));
  b.put('structuredLog', structured, 'log_destination');
  // csvlog and jsonlog records always carry time, user, database, client and session id.
  const recordFields = structured === true ? { time: true, user: true, database: true, client: true, session: true, application: true, processId: true } : fields;
  b.put('fields', recordFields, structured === true ? 'log_destination' : 'log_line_prefix');

  b.put('logDirectory', b.value('log_directory'), 'log_directory');
  b.put('logFilename', b.value('log_filename'), 'log_filename');
  b.put('dataDirectory', settings.get('data_directory')?.value ?? null, 'data_directory');
  const facility = b.value('syslog_facility');
  b.put('syslogFacility', facility === null ? null : facility.toLowerCase(), 'syslog_facility');
  b.put('syslogIdent', b.value('syslog_ident'), 'syslog_ident');
  b.put('logTimezone', b.value('log_timezone'), 'log_timezone');

  const libsRaw = b.value('shared_preload_libraries');
  const libraries = libsRaw === null ? null : pgList(libsRaw);
  b.put('sharedPreloadLibraries', libraries, 'shared_preload_libraries');
  const loaded = libraries === null ? null : libraries.some((l) => posix.basename(l).replace(/\.(so|dll|dylib)$/, '').toLowerCase() === 'pgaudit');
  const auditRaw = b.value('pgaudit.log');
  const audit = auditRaw === null ? null : pgauditClasses(auditRaw);
  if (audit && audit.invalid.length > 0) findings.problem(`pgaudit.log: "${(audit.invalid[0] as string).slice(0, 40)}" is not a pgaudit class`, b.where('pgaudit.log'));
  const classes = audit?.classes ?? null;
  const has = (c: string): boolean | null => (classes === null ? null : classes.includes(c));
  b.facts.pgaudit = { loaded, log: auditRaw, classes, ddl: has('ddl'), role: has('role'), write: has('write'), read: has('read') };
  b.locations.pgaudit = b.where('pgaudit.log');
  b.locations['pgaudit.loaded'] = b.where('shared_preload_libraries');
  for (const key of ['log', 'classes', 'ddl', 'role', 'write', 'read']) b.locations[`pgaudit.${key}`] = b.isSet('pgaudit.log') ? b.where('pgaudit.log') : b.where('shared_preload_libraries');
  b.explicit.pgaudit = b.isSet('pgaudit.log');
  b.facts.explicit = b.explicit;
  return { facts: b.facts, locations: b.locations, derived: { collector, destinations, directory: b.value('log_directory'), filename: b.value('log_filename'), facility } };
}

interface Derived {
  collector: boolean | null;
  destinations: string[] | null;
  directory: string | null;
  filename: string | null;
  facility: string | null;
}

// ---------------------------------------------------------------------------------------------
// The source

/** The data directory on the host: `data_directory`, else the file's folder when PG_VERSION sits next to it. */
function dataDirectoryOf(file: TextFile, context: ReadContext, settings: Map<string, Setting>): string | null {
  const set = settings.get('data_directory')?.value;
  if (set !== undefined) return set.startsWith('/') ? set.replace(/\/+$/, '') : null;
  const marker = context.include('PG_VERSION', file.path).files.find((f) => posix.basename(f.path) === 'PG_VERSION');
  if (!marker) return null;
  const host = hostPathOf(file.path);
  return host === null ? null : posix.dirname(host);
}

function logFileName(filename: string, destination: string): string {
  if (destination === 'stderr') return filename;
  const suffix = destination === 'csvlog' ? '.csv' : '.json';
  // "If log_filename ends in .log, the suffix is replaced instead."
  return filename.endsWith('.log') ? `${filename.slice(0, -4)}${suffix}` : `${filename}${suffix}`;
}

function sourceOf(file: TextFile, context: ReadContext, settings: Map<string, Setting>, derived: Derived, findings: Findings): SourceDecl {
  const where = (name: string): Location => settings.get(name)?.at ?? fileStart(file.path);
  const paths: string[] = [];
  const channels: SourceDecl['channels'] = [];
  const destinations = derived.destinations ?? [];
  const fileDestinations = destinations.filter((d) => d === 'stderr' || d === 'csvlog' || d === 'jsonlog');
  if (fileDestinations.length > 0 && derived.collector === true && derived.directory !== null && derived.filename !== null) {
    let directory: string | null = derived.directory.startsWith('/') ? derived.directory : null;
    if (directory === null) {
      const dataDir = dataDirectoryOf(file, context, settings);
      if (dataDir !== null) directory = posix.join(dataDir, derived.directory);
      else findings.unknown(`log_directory '${derived.directory.slice(0, 80)}'`, 'relative to the data directory, which the configuration does not name (set data_directory, or scan the data directory with its PG_VERSION)', where('log_directory'));
    }
    if (directory !== null) for (const d of fileDestinations) paths.push(globOfTemplate(posix.join(directory, logFileName(derived.filename, d)), /$^/));
  } else if (fileDestinations.length > 0 && derived.collector === false) {
    findings.unknown(
      settings.has('log_destination') ? 'log_destination stderr' : 'log_destination stderr (default)',
      'without logging_collector the server writes to its standard error, whose destination depends on how it is started (systemd journal, container stdout, pg_ctl -l file)',
      where('log_destination'),
    );
  }
  if (destinations.includes('syslog')) channels.push({ kind: 'syslog', facility: derived.facility?.toLowerCase() ?? null });
  if (destinations.includes('eventlog')) findings.unknown('log_destination eventlog', 'the Windows event log is not modelled', where('log_destination'));
  const declaredAt = settings.get('log_destination')?.at ?? settings.get('logging_collector')?.at ?? fileStart(file.path);
  return sourceDecl({
    system: 'postgresql',
    configPath: file.path,
    name: 'server',
    pillars: PILLARS,
    paths,
    channels,
    declaredAt,
    locations: { paths: settings.get('log_directory')?.at ?? declaredAt, channels: where('log_destination') },
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

function isFragment(path: string): boolean {
  const parts = segments(path);
  return parts[parts.length - 1] === 'postgresql.auto.conf' || parts[parts.length - 2] === 'conf.d';
}

/**
 * Whether a postgresql.conf of the tree reads this fragment: the one above a conf.d/ file, or for
 * postgresql.auto.conf the one next to it or (Debian layout) an /etc/postgresql/<version>/<cluster>/
 * postgresql.conf whose data_directory is the fragment's folder.
 */
function includedByMain(file: TextFile, context: ReadContext): boolean {
  const dir = posix.dirname(file.path);
  const patterns =
    posix.basename(dir) === 'conf.d'
      ? [posix.relative(dir, posix.join(posix.dirname(dir), 'postgresql.conf'))]
      : ['postgresql.conf', '/etc/postgresql/*/*/postgresql.conf'];
  for (const pattern of patterns) {
    for (const found of context.include(pattern, file.path).files) {
      if (posix.basename(found.path) !== 'postgresql.conf') continue;
      const findings = new Findings();
      const settings = readSettings(found, context, findings);
      mergeAutoConf(found, context, settings, findings);
      if (settings.includes.has(file.path)) return true;
    }
  }
  return false;
}

function buildRead(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead(POSTGRESQL_KIND);
  const findings = new Findings();
  const fragment = isFragment(file.path);
  if (fragment && includedByMain(file, context)) return read;
  const settings = readSettings(file, context, findings);
  if (!fragment) mergeAutoConf(file, context, settings, findings);
  const { facts, locations, derived } = buildFacts(settings.table, file.path, fragment, findings);
  const subject: Subject = {
    kind: 'postgresql',
    id: `postgresql:${file.path}`,
    path: file.path,
    pillars: PILLARS,
    facts: { ...facts, fragment },
    locations,
    unreadable: {},
    declaredAt: fileStart(file.path),
  };
  read.subjects.push(subject);
  if (!fragment) read.sources.push(sourceOf(file, context, settings.table, derived, findings));
  read.includes = [...settings.includes].sort(compareStrings);
  // A file that holds lines but none of them parses is not a PostgreSQL configuration.
  if (settings.table.size === 0 && findings.problems.length > 0) read.fatal = true;
  findings.into(read);
  return read;
}

export function readPostgresql(file: TextFile, context: ReadContext): ConfigRead {
  return guarded(POSTGRESQL_KIND, file.path, () => buildRead(file, context), emptyRead);
}

export const POSTGRESQL_ADAPTER: TextAdapter = neverThrowingTextAdapter(POSTGRESQL_KIND, claimsPostgresql, readPostgresql);

export const ADAPTERS: ConfigAdapters = { text: [POSTGRESQL_ADAPTER], documents: [] };
