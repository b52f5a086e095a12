/**
 * Apache httpd (issue 4): reads httpd.conf / apache2.conf and the files they include with
 * httpd's own line grammar (src/adapters/web/apache-directives.ts), and reports per file the
 * access logs (`CustomLog`, `TransferLog`, `GlobalLog`: target, format, whether lines are JSON and
 * which fields they carry), which virtual hosts log, the error log, and one SourceDecl per access
 * log target.
 *
 * Semantics follow the mod_log_config documentation: a virtual host with no log directive of its
 * own writes to the main server's logs; `GlobalLog` (2.4.19+) applies to every virtual host;
 * `TransferLog` uses the last `LogFormat` given without a nickname, else the Common Log Format;
 * a `CustomLog` format is a nickname when one is defined, else a format string; paths are
 * relative to `ServerRoot`; `|program` pipes each line to a program, which ztmm never runs.
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
import { apacheFields, apacheFormatIsJson, loggedFields } from './web/access-format.js';
import type { LoggedFields } from './web/access-format.js';
import { apacheWords, parseApache } from './web/apache-directives.js';
import type { ApacheDirective, ApacheNode } from './web/apache-directives.js';
import {
  Findings,
  MAX_INCLUDE_DEPTH,
  MAX_INCLUDED_FILES,
  at,
  fileStart,
  globOfTemplate,
  guarded,
  hostPathOf,
  isDevNull,
  isForeignName,
  scanPathOnHost,
  segments,
  sourceDecl,
} from './web/common.js';

export const APACHE_KIND = 'apache-httpd';
const PILLARS: Area[] = ['applications', 'networks'];
const MAX_DEPTH = 64;
/** The Common Log Format, what TransferLog writes when no default LogFormat is given. */
const CLF = '%h %l %u %t "%r" %>s %b';

// ---------------------------------------------------------------------------------------------
// Claiming

const MAIN_NAMES = new Set(['httpd.conf', 'apache2.conf', 'apache.conf']);
const APACHE_FOLDERS = new Set(['httpd', 'apache2', 'apache', 'httpd24']);
const APACHE_SECTION = /^[ \t]*<(VirtualHost|Directory|DirectoryMatch|IfModule|Location|LocationMatch|Files|FilesMatch|IfDefine|IfVersion)[\s>]/im;
const APACHE_DIRECTIVE = /^[ \t]*(CustomLog|LogFormat|TransferLog|ServerRoot|LoadModule|DocumentRoot|ServerName|ErrorLog|IncludeOptional)[ \t]+\S/m;

export function claimsApache(path: string, head: string): boolean {
  const parts = segments(path);
  const name = parts[parts.length - 1] ?? '';
  if (MAIN_NAMES.has(name)) return true;
  if (isForeignName(path) || name.startsWith('.')) return false;
  const parent = parts[parts.length - 2] ?? '';
  const underApache = parts.slice(0, -1).some((s) => APACHE_FOLDERS.has(s));
  if (underApache && (name.endsWith('.conf') || parent === 'sites-enabled' || parent === 'sites-available')) return true;
  return APACHE_SECTION.test(head) && APACHE_DIRECTIVE.test(head);
}

// ---------------------------------------------------------------------------------------------
// ServerRoot

/** Folders that sit directly under ServerRoot in the usual layouts (RHEL conf/ conf.d/, Debian sites-enabled/ ...). */
const UNDER_ROOT = new Set(['conf', 'conf.d', 'conf.modules.d', 'sites-enabled', 'sites-available', 'conf-enabled', 'conf-available', 'mods-enabled', 'mods-available', 'vhosts.d', 'extra']);

export interface ServerRoot {
  /** Absolute on the host (`/etc/httpd`); null when neither written nor visible from the file's place. */
  host: string | null;
  /** The folder in the scanned tree; null when it is not in the tree. */
  scan: string | null;
  explicit: boolean;
  at: Location;
}

/** The server root a file's place implies: the parent of conf/, conf.d/, sites-enabled/ ..., else the file's folder. */
export function inferredServerRoot(path: string): ServerRoot {
  const dir = segments(path).slice(0, -1);
  let root = dir;
  if (UNDER_ROOT.has(dir[dir.length - 1] ?? '')) root = dir.slice(0, -1);
  // Source builds: conf/extra/httpd-vhosts.conf
  if (dir[dir.length - 1] === 'extra' && root[root.length - 1] === 'conf') root = root.slice(0, -1);
  const scan = root.join('/');
  const host = hostPathOf(`${scan === '' ? '' : `${scan}/`}x`);
  return { host: host === null ? null : posix.dirname(host), scan, explicit: false, at: fileStart(path) };
}

// ---------------------------------------------------------------------------------------------
// The walk

interface RawLog {
  directive: 'CustomLog' | 'TransferLog' | 'GlobalLog';
  target: string;
  format: string | null;
  condition: string | null;
  vhost: number | null;
  at: Location;
}

interface Vhost {
  name: string;
  at: Location;
  serverName: string | null;
  formats: Map<string, { format: string; at: Location }>;
  defaultFormat: { format: string; at: Location } | null;
}

export interface ApacheAccessLog extends LoggedFields {
  /** `main` or `vhost <name>`. */
  scope: string;
  directive: 'CustomLog' | 'TransferLog' | 'GlobalLog';
  target: 'file' | 'pipe';
  /** The file as written (for a rotatelogs pipe, its log file); null for other pipes. */
  path: string | null;
  /** Absolute path or glob on the host; null when it cannot be known. */
  hostPath: string | null;
  /** The piped command, when the log is a pipe. */
  pipe: string | null;
  /** The nickname, `inline` for a format string, or `default` (TransferLog). */
  format: string;
  formatDefined: boolean;
  json: boolean | null;
  /** `env=` or `expr=`: only some requests are logged. */
  condition: string | null;
}

class Reader {
  serverRoot: ServerRoot;
  readonly vars = new Map<string, string>();
  readonly formats = new Map<string, { format: string; at: Location }>();
  defaultFormat: { format: string; at: Location } | null = null;
  readonly logs: RawLog[] = [];
  readonly vhosts: Vhost[] = [];
  readonly errorLogs: { target: string; facility: string | null; scope: string; at: Location }[] = [];
  logLevel: { value: string; at: Location } | null = null;
  readonly includes = new Set<string>();
  private readonly visited = new Set<string>();
  hasServerRootDirective = false;

  constructor(
    private readonly file: TextFile,
    private readonly context: ReadContext,
    readonly findings: Findings,
  ) {
    this.serverRoot = inferredServerRoot(file.path);
    this.visited.add(file.path);
    this.loadEnvvars();
  }

  run(): ApacheNode[] {
    const nodes = this.parse(this.file);
    this.walk(nodes, null, 0, 0);
    return nodes;
  }

  private parse(f: TextFile): ApacheNode[] {
    const parsed = parseApache(f.text, f.path);
    for (const p of parsed.problems) this.findings.problem(p.message, at(f.path, p.line, p.column));
    return parsed.nodes;
  }

  /**
   * Debian and Ubuntu start httpd through apache2ctl, which sources /etc/apache2/envvars: its
   * `export APACHE_LOG_DIR=/var/log/apache2$SUFFIX` lines define the `${...}` the config uses.
   * Only literal values are taken; `$SUFFIX` is empty for the default instance (/etc/apache2).
   */
  private loadEnvvars(): void {
    const root = this.serverRoot.scan;
    if (root === null || !posix.basename(root).startsWith('apache2')) return;
    const pattern = posix.relative(posix.dirname(this.file.path), root === '' ? 'envvars' : `${root}/envvars`);
    const result = this.context.include(pattern, this.file.path);
    const envvars = result.files[0];
    if (!envvars) return;
    const suffix = posix.basename(root) === 'apache2' ? '' : null;
    for (const line of envvars.text.split('\n')) {
      const m = /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (!m) continue;
      let value = (m[2] ?? '').trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
      if (suffix !== null) value = value.replace(/\$\{?SUFFIX\}?/g, suffix);
      if (!value.includes('$') && !value.includes('`')) this.vars.set(m[1] as string, value);
    }
  }

  /** `${NAME}` from Define (or envvars); an undefined one stays as written and is reported. */
  private substitute(value: string, where: Location): string {
    return value.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      const found = this.vars.get(name);
      if (found !== undefined) return found;
      this.findings.unknown(whole, 'variable not defined in the scanned configuration (Define, envvars)', where);
      return whole;
    });
  }

  private walk(nodes: ApacheNode[], vhost: number | null, depth: number, includeDepth: number): void {
    for (const node of nodes) {
      const where = at(node.path, node.line, node.column);
      if (node.kind === 'section') {
        if (depth >= MAX_DEPTH) {
          this.findings.unknown(`<${node.name.slice(0, 40)}>`, `sections nested deeper than ${MAX_DEPTH} levels are not read`, where);
          continue;
        }
        if (node.key === 'virtualhost') {
          if (vhost !== null) this.findings.problem('<VirtualHost> inside <VirtualHost>', where);
          const index = this.vhosts.length;
          this.vhosts.push({ name: node.args.join(' ').slice(0, 80), at: where, serverName: null, formats: new Map(), defaultFormat: null });
          this.walk(node.children, index, depth + 1, includeDepth);
        } else {
          // <IfModule>, <IfDefine>, <IfVersion>, <Directory>...: conditions are not evaluated; what
          // they hold is read as if they apply (the usual case for LogFormat/CustomLog wrappers).
          this.walk(node.children, vhost, depth + 1, includeDepth);
        }
        continue;
      }
      this.directive(node, where, vhost, depth, includeDepth);
    }
  }

  private directive(d: ApacheDirective, where: Location, vhost: number | null, depth: number, includeDepth: number): void {
    const args = d.args.map((a) => (a.includes('${') ? this.substitute(a, where) : a));
    switch (d.key) {
      case 'define':
        if (args[0] !== undefined) this.vars.set(args[0], args[1] ?? '');
        return;
      case 'serverroot':
        this.setServerRoot(args[0], where);
        return;
      case 'servername':
        if (vhost !== null && args[0] !== undefined) (this.vhosts[vhost] as Vhost).serverName ??= args[0];
        return;
      case 'include':
      case 'includeoptional':
        this.include(d.name, args, where, vhost, depth, includeDepth);
        return;
      case 'logformat':
        this.logFormat(args, where, vhost);
        return;
      case 'customlog':
      case 'globallog':
        if (args.length < 2) {
          this.findings.problem(`${d.name} needs a target and a format`, where);
          return;
        }
        this.logs.push({ directive: d.key === 'customlog' ? 'CustomLog' : 'GlobalLog', target: args[0] as string, format: args[1] as string, condition: args[2] ?? null, vhost, at: where });
        if (d.key === 'globallog' && vhost !== null) this.findings.problem('GlobalLog is not allowed inside <VirtualHost>', where);
        return;
      case 'transferlog':
        if (args.length < 1) {
          this.findings.problem('TransferLog needs a target', where);
          return;
        }
        this.logs.push({ directive: 'TransferLog', target: args[0] as string, format: null, condition: null, vhost, at: where });
        return;
      case 'errorlog':
        if (args[0] !== undefined) this.errorLog(args[0], vhost, where);
        return;
      case 'loglevel':
        if (vhost === null) this.logLevel = { value: args.join(' '), at: where };
        return;
      case 'forensiclog':
      case 'secauditlog':
      case 'cookielog':
      case 'transferlogformat':
        this.findings.unknown(d.name, 'this log directive is not modelled', where);
        return;
      default:
        return;
    }
  }

  private setServerRoot(value: string | undefined, where: Location): void {
    if (value === undefined) return;
    this.hasServerRootDirective = true;
    if (!value.startsWith('/')) {
      this.findings.unknown(`ServerRoot ${value.slice(0, 80)}`, 'a relative ServerRoot depends on the directory httpd is started from', where);
      this.serverRoot = { host: null, scan: null, explicit: true, at: where };
      return;
    }
    const host = posix.normalize(value).replace(/\/+$/, '') || '/';
    this.serverRoot = { host, scan: scanPathOnHost(this.file.path, host), explicit: true, at: where };
  }

  private include(name: string, args: string[], where: Location, vhost: number | null, depth: number, includeDepth: number): void {
    const pattern = args[0];
    if (pattern === undefined) {
      this.findings.problem(`${name} needs a file, folder or glob`, where);
      return;
    }
    if (includeDepth >= MAX_INCLUDE_DEPTH) {
      this.findings.unknown(`${name} ${pattern.slice(0, 80)}`, `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels are not followed`, where);
      return;
    }
    // A folder includes every file in it (and below it).
    const glob = pattern.endsWith('/') ? `${pattern}**` : pattern;
    let result;
    if (glob.startsWith('/')) result = this.context.include(glob, this.file.path);
    else if (this.serverRoot.host !== null && this.serverRoot.explicit) result = this.context.include(posix.join(this.serverRoot.host, glob), this.file.path);
    else if (this.serverRoot.scan !== null) result = this.context.include(glob, this.serverRoot.scan === '' ? 'httpd.conf' : `${this.serverRoot.scan}/httpd.conf`);
    else {
      this.findings.unknown(`${name} ${pattern.slice(0, 80)}`, 'relative to a ServerRoot that is not known', where);
      return;
    }
    if (result.reason !== null) this.findings.unknown(`${name} ${pattern.slice(0, 80)}`, result.reason, where);
    for (const f of result.files) {
      if (this.visited.has(f.path)) continue;
      if (this.includes.size >= MAX_INCLUDED_FILES) {
        this.findings.unknown(`${name} ${pattern.slice(0, 80)}`, `more than ${MAX_INCLUDED_FILES} included files; the rest are not read`, where);
        break;
      }
      this.visited.add(f.path);
      this.includes.add(f.path);
      this.walk(this.parse(f), vhost, depth, includeDepth + 1);
    }
  }

  private logFormat(args: string[], where: Location, vhost: number | null): void {
    const [format, nickname] = args;
    if (format === undefined) {
      this.findings.problem('LogFormat needs a format', where);
      return;
    }
    const table = vhost === null ? this.formats : (this.vhosts[vhost] as Vhost).formats;
    if (nickname !== undefined) {
      table.set(nickname, { format, at: where });
      return;
    }
    // One argument: a known nickname (or a format string) becomes the default for TransferLog.
    const named = table.get(format) ?? this.formats.get(format);
    const value = named ? { format: named.format, at: named.at } : { format, at: where };
    if (vhost === null) this.defaultFormat = value;
    else (this.vhosts[vhost] as Vhost).defaultFormat = value;
  }

  private errorLog(target: string, vhost: number | null, where: Location): void {
    const scope = vhost === null ? 'main' : `vhost ${this.vhostName(vhost)}`;
    const facility = target.startsWith('syslog') ? (target.split(':')[1] ?? 'local7') : null;
    this.errorLogs.push({ target, facility, scope, at: where });
  }

  vhostName(index: number): string {
    const v = this.vhosts[index] as Vhost;
    return v.serverName ?? v.name;
  }
}

// ---------------------------------------------------------------------------------------------
// From the walk to facts

interface Entry {
  fact: ApacheAccessLog;
  at: Location;
  formatAt: Location;
  vhost: number | null;
  live: boolean;
}

function resolveFormat(reader: Reader, log: RawLog): { name: string; format: string | null; at: Location | null } {
  const vhost = log.vhost === null ? null : (reader.vhosts[log.vhost] as Vhost);
  if (log.format === null) {
    const def = vhost?.defaultFormat ?? reader.defaultFormat;
    return def ? { name: 'default', format: def.format, at: def.at } : { name: 'default', format: CLF, at: null };
  }
  const named = vhost?.formats.get(log.format) ?? reader.formats.get(log.format);
  if (named) return { name: log.format, format: named.format, at: named.at };
  if (log.format.includes('%')) return { name: 'inline', format: log.format, at: log.at };
  return { name: log.format, format: null, at: null };
}

/** The log file a `rotatelogs` pipe writes (strftime names become globs, numbered ones get `.*`). */
export function rotatelogsFile(command: string): string | null {
  const { words } = apacheWords(command);
  const program = words[0];
  if (!program || !/(^|\/)rotatelogs$/.test(program)) return null;
  const WITH_VALUE = new Set(['-L', '-p', '-n']);
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    if (WITH_VALUE.has(w)) {
      i += 1;
      continue;
    }
    if (w.startsWith('-')) continue;
    return w;
  }
  return null;
}

function hostPathsOf(reader: Reader, path: string, where: Location): string | null {
  if (path.includes('${')) return null;
  if (path.startsWith('/')) return path;
  const root = reader.serverRoot.host;
  if (root === null) {
    reader.findings.unknown(`log ${path.slice(0, 80)}`, 'a relative path is taken from ServerRoot, which is not known here', where);
    return null;
  }
  return posix.join(root, path);
}

function entryOf(reader: Reader, log: RawLog): Entry {
  const resolved = resolveFormat(reader, log);
  if (resolved.format === null) reader.findings.unknown(`LogFormat ${resolved.name.slice(0, 40)}`, 'the format nickname is not defined in the scanned configuration', log.at);
  const fields = resolved.format === null ? null : apacheFields(resolved.format);
  const scope = log.vhost === null ? 'main' : `vhost ${reader.vhostName(log.vhost)}`;
  const fact: ApacheAccessLog = {
    scope,
    directive: log.directive,
    target: 'file',
    path: log.target,
    hostPath: null,
    pipe: null,
    format: resolved.name,
    formatDefined: resolved.format !== null,
    json: resolved.format === null ? null : apacheFormatIsJson(resolved.format),
    ...loggedFields(fields),
    condition: log.condition,
  };
  if (log.condition !== null && !/^(env|expr)=/.test(log.condition)) reader.findings.unknown(`${log.directive} ${log.condition.slice(0, 40)}`, 'argument not understood', log.at);
  if (log.target.startsWith('|')) {
    const command = log.target.replace(/^\|\|?\$?/, '').trim();
    fact.target = 'pipe';
    fact.pipe = command;
    const file = rotatelogsFile(command);
    fact.path = file;
    if (file === null) reader.findings.unknown(`${log.directive} |${command.slice(0, 60)}`, 'a piped log: where the program writes is not known (ztmm never runs it)', log.at);
    else {
      const host = hostPathsOf(reader, file, log.at);
      // rotatelogs appends `.nnnnnnnnnn` to a name without strftime sequences.
      fact.hostPath = host === null ? null : file.includes('%') ? globOfTemplate(host, /$^/) : `${host}.*`;
    }
  } else {
    // A path still holding `${...}` was reported when it was read; its host path stays unknown.
    fact.hostPath = hostPathsOf(reader, log.target, log.at);
  }
  const live = !(fact.target === 'file' && fact.path !== null && isDevNull(fact.path));
  return { fact, at: log.at, formatAt: resolved.at ?? log.at, vhost: log.vhost, live };
}

/**
 * RHEL, Fedora and CentOS ship /etc/httpd/logs as a symbolic link to /var/log/httpd: a log under
 * ServerRoot logs/ is the same file as under /var/log/httpd/, which is where shippers read it.
 */
function alternatePaths(hostPath: string): string[] {
  if (hostPath.startsWith('/etc/httpd/logs/')) return [hostPath, `/var/log/httpd/${hostPath.slice('/etc/httpd/logs/'.length)}`];
  return [hostPath];
}

interface ServerFact {
  name: string;
  logs: boolean | null;
}

function buildRead(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead(APACHE_KIND);
  const findings = new Findings();
  const reader = new Reader(file, context, findings);
  const nodes = reader.run();
  const name = posix.basename(file.path);
  const isMain = MAIN_NAMES.has(name) || reader.hasServerRootDirective;
  if (!isMain && includedByMain(file, context)) {
    // The main httpd.conf of this tree includes the file and reports its logs.
    return read;
  }
  if (nodes.length === 0 && findings.problems.length > 0) read.fatal = true;
  const entries = reader.logs.map((log) => entryOf(reader, log));
  const servers: { fact: ServerFact; at: Location; logsAt: Location }[] = [];
  const mainEntries = entries.filter((e) => e.vhost === null && e.fact.directive !== 'GlobalLog');
  const globals = entries.filter((e) => e.fact.directive === 'GlobalLog' && e.live);
  reader.vhosts.forEach((v, index) => {
    const own = entries.filter((e) => e.vhost === index);
    let logs: boolean | null;
    let logsAt = v.at;
    if (globals.length > 0) {
      logs = true;
      logsAt = (globals[0] as Entry).at;
    } else if (own.length > 0) {
      logs = own.some((e) => e.live);
      logsAt = (own.find((e) => e.live) ?? (own[0] as Entry)).at;
    } else if (mainEntries.length > 0) {
      logs = mainEntries.some((e) => e.live);
      logsAt = (mainEntries[0] as Entry).at;
    } else logs = isMain ? false : null;
    servers.push({ fact: { name: reader.vhostName(index), logs }, at: v.at, logsAt });
  });
  // The main server only answers requests when no virtual host is defined.
  if (isMain && reader.vhosts.length === 0) {
    const live = [...mainEntries, ...globals].find((e) => e.live);
    servers.push({ fact: { name: 'main server', logs: live !== undefined }, at: fileStart(file.path), logsAt: (live ?? mainEntries[0])?.at ?? fileStart(file.path) });
  }
  read.subjects.push(subjectOf(file.path, isMain, reader, entries, servers));
  read.sources.push(...sourcesOf(file.path, entries));
  read.includes = [...reader.includes].sort(compareStrings);
  findings.into(read);
  return read;
}

/** Whether the tree's main config (conf/httpd.conf, httpd.conf or apache2.conf under the server root) includes this file. */
function includedByMain(file: TextFile, context: ReadContext): boolean {
  const root = inferredServerRoot(file.path).scan;
  if (root === null) return false;
  const prefix = root === '' ? '' : `${root}/`;
  for (const candidate of [`${prefix}conf/httpd.conf`, `${prefix}httpd.conf`, `${prefix}apache2.conf`]) {
    if (candidate === file.path) continue;
    const found = context.include(posix.relative(posix.dirname(file.path), candidate), file.path).files.find((f) => f.path === candidate);
    if (!found) continue;
    const probe = new Reader(found, context, new Findings());
    probe.run();
    if (probe.includes.has(file.path)) return true;
  }
  return false;
}

function subjectOf(path: string, isMain: boolean, reader: Reader, entries: Entry[], servers: { fact: ServerFact; at: Location; logsAt: Location }[]): Subject {
  const locations: Record<string, Location> = {};
  entries.forEach((e, i) => {
    locations[`accessLogs.${i}`] = e.at;
    for (const key of ['format', 'json', 'timeFormat', 'client', 'user', 'status', 'requestId', 'host']) locations[`accessLogs.${i}.${key}`] = e.formatAt;
  });
  servers.forEach((s, i) => {
    locations[`servers.${i}`] = s.at;
    locations[`servers.${i}.logs`] = s.logsAt;
  });
  reader.errorLogs.forEach((e, i) => (locations[`errorLogs.${i}`] = e.at));
  if (reader.logLevel) locations.logLevel = reader.logLevel.at;
  locations.serverRoot = reader.serverRoot.at;
  const tables: [string, Map<string, { format: string }>][] = [['main', reader.formats], ...reader.vhosts.map((v, i): [string, Map<string, { format: string }>] => [`vhost ${reader.vhostName(i)}`, v.formats])];
  const formats = tables.flatMap(([scope, table]) =>
    [...table.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([name, f]) => ({ name, scope, json: apacheFormatIsJson(f.format), ...apacheFields(f.format) })),
  );
  return {
    kind: 'web-server',
    id: `web-server:${path}`,
    path,
    pillars: PILLARS,
    facts: {
      server: 'apache',
      fragment: !isMain,
      serverRoot: reader.serverRoot.host,
      serverRootExplicit: reader.serverRoot.explicit,
      accessLogs: entries.map((e) => e.fact),
      servers: servers.map((s) => s.fact),
      errorLogs: reader.errorLogs.map(({ target, facility, scope }) => ({ target, facility, scope })),
      logLevel: reader.logLevel?.value ?? null,
      formats,
    },
    locations,
    unreadable: {},
    declaredAt: fileStart(path),
  };
}

function sourcesOf(path: string, entries: Entry[]): SourceDecl[] {
  const groups = new Map<string, { paths: string[]; entry: Entry }>();
  for (const e of entries) {
    if (!e.live) continue;
    const name = e.fact.target === 'pipe' ? `|${e.fact.pipe ?? ''}` : (e.fact.path ?? '');
    const group = groups.get(name) ?? { paths: [], entry: e };
    if (e.fact.hostPath !== null) group.paths.push(...alternatePaths(e.fact.hostPath));
    groups.set(name, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([name, g]) => sourceDecl({ system: 'apache-access', configPath: path, name, pillars: PILLARS, paths: g.paths, declaredAt: g.entry.at }));
}

export function readApache(file: TextFile, context: ReadContext): ConfigRead {
  return guarded(APACHE_KIND, file.path, () => buildRead(file, context), emptyRead);
}

export const APACHE_ADAPTER: TextAdapter = neverThrowingTextAdapter(APACHE_KIND, claimsApache, readApache);

export const ADAPTERS: ConfigAdapters = { text: [APACHE_ADAPTER], documents: [] };
