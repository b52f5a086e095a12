/**
 * nginx (issue 4): reads `nginx.conf` and the files it includes with nginx's own grammar
 * (src/adapters/web/nginx-tokens.ts), and reports, per file, the access logs (path, format,
 * whether the format writes JSON and which fields it carries), where `access_log off` silences a
 * server, and one SourceDecl per access log file or syslog target.
 *
 * Semantics follow the ngx_http_log_module documentation: `access_log` directives are inherited
 * from the previous level only when the current level has none (http → server → location → if);
 * `off` cancels every access_log of its level; the default is `access_log logs/access.log
 * combined`, relative to the build-time prefix; `combined` is the one predefined format.
 */
import { posix } from 'node:path';
import type { ConfigAdapters } from './registry.js';
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import { neverThrowingTextAdapter } from './shipper-kit/adapter.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, PipelineOutput, SourceDecl } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Area, Location } from '../model/vocabulary.js';
import { compareStrings } from '../model/vocabulary.js';
import { loggedFields, nginxFields, nginxTemplateIsJson } from './web/access-format.js';
import type { AccessFields, LoggedFields } from './web/access-format.js';
import {
  Findings,
  LOCAL_SYSLOG_SOCKETS,
  MAX_INCLUDE_DEPTH,
  MAX_INCLUDED_FILES,
  at,
  fileStart,
  globOfTemplate,
  guarded,
  isDevNull,
  isForeignName,
  isLoopback,
  segments,
  sourceDecl,
  syslogOutput,
} from './web/common.js';
import { parseNginx } from './web/nginx-tokens.js';
import type { NginxArg, NginxDirective } from './web/nginx-tokens.js';

export const NGINX_KIND = 'nginx';
const PILLARS: Area[] = ['applications', 'networks'];
/** Blocks deeper than this are not walked (nginx configs nest a handful of levels). */
const MAX_DEPTH = 64;

/** The predefined `combined` format (ngx_http_log_module). */
const COMBINED = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';
/** The compiled-in default, relative to the prefix chosen at build time. */
const DEFAULT_ACCESS_LOG = 'logs/access.log';

// ---------------------------------------------------------------------------------------------
// Claiming

/** Files under an nginx folder that hold no directives ztmm reads. */
const NOT_CONFIG = /(^|\/)(mime\.types|[a-z]*\.types|[a-z_]*_params|fastcgi\.conf|koi-utf|koi-win|win-utf)$/i;
const NGINX_BLOCK = /^[ \t]*(http|server|events|upstream|stream)[ \t]*\{/m;
const NGINX_DIRECTIVE = /^[ \t]*(listen|server_name|access_log|error_log|log_format|location|proxy_pass|worker_processes|root|return)[ \t][^\n]*[;{][ \t]*(#[^\n]*)?$/m;

export function claimsNginx(path: string, head: string): boolean {
  const parts = segments(path);
  const name = parts[parts.length - 1] ?? '';
  if (name === 'nginx.conf') return true;
  if (NOT_CONFIG.test(path) || isForeignName(path)) return false;
  const parent = parts[parts.length - 2] ?? '';
  const underNginx = parts.slice(0, -1).some((s) => s === 'nginx' || s.startsWith('nginx-') || s.startsWith('nginx.'));
  if (underNginx && (name.endsWith('.conf') || parent === 'sites-enabled' || parent === 'sites-available')) return true;
  return NGINX_BLOCK.test(head) && NGINX_DIRECTIVE.test(head);
}

// ---------------------------------------------------------------------------------------------
// Includes

/** The folder relative includes are taken from: the one holding nginx.conf (the conf prefix, /etc/nginx). */
export function nginxConfigRoot(path: string): string {
  const parts = segments(path);
  const dir = parts.slice(0, -1);
  if (parts[parts.length - 1] === 'nginx.conf') return dir.join('/');
  for (let i = dir.length - 1; i >= 0; i--) {
    const s = dir[i] as string;
    if (s === 'nginx' || s.startsWith('nginx-') || s.startsWith('nginx.')) return dir.slice(0, i + 1).join('/');
  }
  const parent = dir[dir.length - 1];
  if (parent === 'conf.d' || parent === 'sites-enabled' || parent === 'sites-available' || parent === 'snippets') return dir.slice(0, -1).join('/');
  return dir.join('/');
}

interface Expanded {
  directives: NginxDirective[];
  includes: Set<string>;
}

/** Included files whose content never holds logging directives (types maps, fastcgi/uwsgi params). */
function skippedInclude(pattern: string): boolean {
  return NOT_CONFIG.test(pattern);
}

function expandIncludes(file: TextFile, context: ReadContext, findings: Findings): Expanded {
  const root = nginxConfigRoot(file.path);
  const from = root === '' ? 'nginx.conf' : `${root}/nginx.conf`;
  const includes = new Set<string>();
  const visited = new Set<string>([file.path]);
  const parseFile = (f: TextFile): NginxDirective[] => {
    const parsed = parseNginx(f.text, f.path);
    for (const p of parsed.problems) findings.problem(p.message, at(f.path, p.line, p.column));
    return parsed.directives;
  };
  const expand = (list: NginxDirective[], depth: number, blockDepth: number): NginxDirective[] => {
    const out: NginxDirective[] = [];
    for (const d of list) {
      if (d.name === 'include' && d.block === null) {
        out.push(...includeOne(d, depth));
        continue;
      }
      if (d.block !== null && blockDepth < MAX_DEPTH) out.push({ ...d, block: expand(d.block, depth, blockDepth + 1) });
      else out.push(d);
    }
    return out;
  };
  const includeOne = (d: NginxDirective, depth: number): NginxDirective[] => {
    const where = at(d.path, d.line, d.column);
    const pattern = d.args[0]?.value;
    if (pattern === undefined || d.args.length !== 1) {
      findings.problem('"include" takes exactly one file or glob', where);
      return [];
    }
    if (skippedInclude(pattern)) return [];
    if (depth >= MAX_INCLUDE_DEPTH) {
      findings.unknown(`include ${pattern}`, `includes nested deeper than ${MAX_INCLUDE_DEPTH} levels are not followed`, where);
      return [];
    }
    const result = context.include(pattern, pattern.startsWith('/') ? file.path : from);
    if (result.reason !== null) findings.unknown(`include ${pattern}`, result.reason, where);
    const out: NginxDirective[] = [];
    for (const f of result.files) {
      if (visited.has(f.path)) continue;
      if (includes.size >= MAX_INCLUDED_FILES) {
        findings.unknown(`include ${pattern}`, `more than ${MAX_INCLUDED_FILES} included files; the rest are not read`, where);
        break;
      }
      visited.add(f.path);
      includes.add(f.path);
      out.push(...expand(parseFile(f), depth + 1, 0));
    }
    return out;
  };
  const directives = expand(parseFile(file), 0, 0);
  return { directives, includes };
}

// ---------------------------------------------------------------------------------------------
// Formats and access logs

interface LogFormat {
  name: string;
  escape: string;
  template: string;
  at: Location | null;
}

export interface NginxAccessLog extends LoggedFields {
  /** Where it is set: `http`, `server example.com`, `location /api (server example.com)`. */
  scope: string;
  target: 'file' | 'syslog';
  /** The path as written (null for syslog). */
  path: string | null;
  /** Absolute path (a glob when it holds variables) on the host; null when relative to the unknown prefix. */
  hostPath: string | null;
  format: string;
  /** False when the format is not defined in the scanned configuration. */
  formatDefined: boolean;
  escape: string | null;
  /** Lines are JSON objects: `escape=json` and a template that is a JSON object. */
  json: boolean | null;
  jsonTemplate: boolean | null;
  /** `if=` condition: only some requests are logged. */
  condition: string | null;
  buffered: boolean;
  /** The compiled-in default (no access_log at the http level). */
  default: boolean;
  syslog: { server: string; facility: string; tag: string; remote: boolean | null } | null;
}

interface Entry {
  fact: NginxAccessLog;
  at: Location;
  formatAt: Location;
  output: PipelineOutput | null;
  channel: { kind: 'syslog'; facility: string } | null;
}

/** Effective access logging of a level: entries, off, or not known (set in a file not scanned). */
type Effective =
  | { state: 'on'; entries: number[]; at: Location }
  | { state: 'off'; at: Location }
  | { state: 'unknown'; at: Location }
  /** Nothing set at the http level: the compiled-in default, made an entry when a server inherits it. */
  | { state: 'default'; at: Location };

interface ServerFact {
  name: string;
  logs: boolean | null;
  /** Locations that turn access logging off while the server logs (health checks, static files). */
  offLocations: string[];
}

class Analysis {
  readonly formats = new Map<string, LogFormat>();
  readonly entries: Entry[] = [];
  readonly servers: { fact: ServerFact; at: Location; logsAt: Location }[] = [];
  readonly errorLogs: { path: string; level: string | null; scope: string }[] = [];
  readonly errorLogAt: Location[] = [];
  readonly offs: { scope: string; at: Location }[] = [];
  private defaultEntry: number | null = null;
  private syslogCount = 0;

  constructor(private readonly findings: Findings) {
    this.formats.set('combined', { name: 'combined', escape: 'default', template: COMBINED, at: null });
  }

  collectFormats(list: NginxDirective[], depth: number): void {
    for (const d of list) {
      if (d.name === 'log_format' && d.block === null) this.addFormat(d);
      // stream {} has its own format namespace (ngx_stream_log_module): not mixed in.
      else if (d.block !== null && d.name !== 'stream' && depth < MAX_DEPTH) this.collectFormats(d.block, depth + 1);
    }
  }

  private addFormat(d: NginxDirective): void {
    const where = at(d.path, d.line, d.column);
    const [name, ...rest] = d.args;
    if (!name || rest.length === 0) {
      this.findings.problem('"log_format" needs a name and a format string', where);
      return;
    }
    let escape = 'default';
    let strings = rest;
    const first = rest[0] as NginxArg;
    if (first.value.startsWith('escape=')) {
      escape = first.value.slice('escape='.length);
      strings = rest.slice(1);
      if (escape !== 'default' && escape !== 'json' && escape !== 'none') this.findings.problem(`unknown log_format escape "${escape.slice(0, 20)}"`, at(d.path, first.line, first.column));
    }
    if (this.formats.has(name.value)) {
      this.findings.problem(`duplicate log_format name "${name.value.slice(0, 40)}"`, where);
      return;
    }
    this.formats.set(name.value, { name: name.value, escape, template: strings.map((s) => s.value).join(''), at: where });
  }

  /** The index of the compiled-in default entry, created the first time a level inherits it. */
  defaultAt(where: Location): number {
    if (this.defaultEntry !== null) return this.defaultEntry;
    this.defaultEntry = this.entries.length;
    this.findings.unknown(`access_log ${DEFAULT_ACCESS_LOG}`, 'the default access log is relative to the prefix nginx was built with, which the configuration does not say', where);
    this.entries.push(this.entry({ scope: 'http', path: DEFAULT_ACCESS_LOG, format: 'combined', params: [], where, isDefault: true }));
    return this.defaultEntry;
  }

  /** Reads one `access_log` directive: an entry, or `off`. */
  accessLog(d: NginxDirective, scope: string): number | 'off' | null {
    const where = at(d.path, d.line, d.column);
    const [target, format, ...params] = d.args;
    if (!target) {
      this.findings.problem('"access_log" needs a path or off', where);
      return null;
    }
    if (target.value === 'off') {
      this.offs.push({ scope, at: where });
      return 'off';
    }
    const index = this.entries.length;
    this.entries.push(this.entry({ scope, path: target.value, format: format?.value ?? 'combined', params, where, isDefault: false }));
    return index;
  }

  private entry(spec: { scope: string; path: string; format: string; params: NginxArg[]; where: Location; isDefault: boolean }): Entry {
    const { scope, path, where } = spec;
    const format = this.formats.get(spec.format) ?? null;
    if (!format) this.findings.unknown(`log_format ${spec.format}`, 'the format is not defined in the scanned configuration', where);
    const fields: AccessFields | null = format ? nginxFields(format.template) : null;
    const jsonTemplate = format ? nginxTemplateIsJson(format.template) : null;
    let condition: string | null = null;
    let buffered = false;
    for (const p of spec.params) {
      if (p.value.startsWith('if=')) condition = p.value.slice(3);
      else if (p.value.startsWith('buffer=') || p.value === 'gzip' || p.value.startsWith('gzip=') || p.value.startsWith('flush=')) buffered = true;
      else this.findings.unknown(`access_log ${p.value.slice(0, 40)}`, 'parameter not understood', at(where.path, p.line, p.column));
    }
    const fact: NginxAccessLog = {
      scope,
      target: 'file',
      path,
      hostPath: null,
      format: spec.format,
      formatDefined: format !== null,
      escape: format?.escape ?? null,
      json: format && jsonTemplate !== null ? jsonTemplate && format.escape === 'json' : null,
      jsonTemplate,
      ...loggedFields(fields),
      condition,
      buffered,
      default: spec.isDefault,
      syslog: null,
    };
    const entry: Entry = { fact, at: where, formatAt: format?.at ?? where, output: null, channel: null };
    if (path.startsWith('syslog:')) this.syslogTarget(entry, path.slice('syslog:'.length));
    else if (path.startsWith('/')) fact.hostPath = globOfTemplate(path, /\$(\{[A-Za-z0-9_]+\}|[A-Za-z0-9_]+)/g);
    else if (!spec.isDefault) this.findings.unknown(`access_log ${path.slice(0, 80)}`, 'a relative path is taken from the prefix nginx was built with, which the configuration does not say', where);
    return entry;
  }

  /** `syslog:server=address[:port][,facility=..][,severity=..][,tag=..][,nohostname]` (UDP, port 514 by default). */
  private syslogTarget(entry: Entry, spec: string): void {
    const fact = entry.fact;
    fact.target = 'syslog';
    fact.path = null;
    const options = new Map<string, string>();
    for (const part of spec.split(',')) {
      const eq = part.indexOf('=');
      options.set(eq === -1 ? part : part.slice(0, eq), eq === -1 ? '' : part.slice(eq + 1));
    }
    const server = options.get('server') ?? '';
    const facility = (options.get('facility') ?? 'local7').toLowerCase();
    const tag = options.get('tag') ?? 'nginx';
    this.syslogCount += 1;
    if (server === '') {
      this.findings.problem('syslog access_log without server=', entry.at);
      fact.syslog = { server, facility, tag, remote: null };
      return;
    }
    if (server.startsWith('unix:')) {
      const socket = server.slice('unix:'.length);
      fact.syslog = { server, facility, tag, remote: false };
      if (LOCAL_SYSLOG_SOCKETS.has(socket)) entry.channel = { kind: 'syslog', facility };
      else entry.output = syslogOutput(`syslog#${this.syslogCount}`, server, null, false, entry.at);
      return;
    }
    const { host, port } = splitHostPort(server);
    const remote = !isLoopback(host);
    fact.syslog = { server, facility, tag, remote };
    entry.output = syslogOutput(`syslog#${this.syslogCount}`, server, port ?? 514, remote, entry.at);
  }
}

function splitHostPort(server: string): { host: string; port: number | null } {
  const bracket = /^\[([^\]]*)\](?::(\d+))?$/.exec(server);
  if (bracket) return { host: bracket[1] ?? '', port: bracket[2] ? Number(bracket[2]) : null };
  const colon = server.lastIndexOf(':');
  if (colon > 0 && server.indexOf(':') === colon && /^\d+$/.test(server.slice(colon + 1))) return { host: server.slice(0, colon), port: Number(server.slice(colon + 1)) };
  return { host: server, port: null };
}

// ---------------------------------------------------------------------------------------------
// The walk: levels, inheritance, servers

function labelOf(d: NginxDirective): string {
  return d.args.map((a) => a.value).join(' ').slice(0, 80);
}

function serverName(block: NginxDirective[], index: number): string {
  const names = block.find((d) => d.name === 'server_name' && d.args.some((a) => a.value !== '_' && a.value !== ''));
  const name = names?.args.find((a) => a.value !== '_' && a.value !== '')?.value;
  if (name) return name;
  const listen = block.find((d) => d.name === 'listen')?.args[0]?.value;
  return listen ? `listen ${listen}` : `server#${index + 1}`;
}

/** Access logging of a level from its own directives, else inherited. */
function levelLogging(analysis: Analysis, list: NginxDirective[], scope: string, inherited: Effective): Effective {
  const own = list.filter((d) => d.name === 'access_log' && d.block === null);
  if (own.length === 0) return inherited;
  const first = own[0] as NginxDirective;
  const entries: number[] = [];
  let off: Location | null = null;
  for (const d of own) {
    const result = analysis.accessLog(d, scope);
    if (result === 'off') off ??= at(d.path, d.line, d.column);
    else if (result !== null) entries.push(result);
  }
  // `off` cancels every access_log of its level.
  if (off) return { state: 'off', at: off };
  const live = entries.filter((i) => {
    const path = analysis.entries[i]?.fact.path;
    return path === null || path === undefined || !isDevNull(path);
  });
  if (entries.length > 0 && live.length === 0) return { state: 'off', at: at(first.path, first.line, first.column) };
  return entries.length > 0 ? { state: 'on', entries, at: at(first.path, first.line, first.column) } : inherited;
}

interface WalkState {
  analysis: Analysis;
  findings: Findings;
  server: { fact: ServerFact } | null;
}

function walkLevel(state: WalkState, list: NginxDirective[], scope: string, inherited: Effective, depth: number): void {
  for (const d of list) {
    if (d.name === 'error_log' && d.block === null) {
      const path = d.args[0]?.value;
      if (path !== undefined) {
        state.analysis.errorLogs.push({ path, level: d.args[1]?.value ?? null, scope });
        state.analysis.errorLogAt.push(at(d.path, d.line, d.column));
      }
    }
  }
  for (const d of list) {
    if (d.block === null) continue;
    if (depth >= MAX_DEPTH) {
      state.findings.unknown(d.name.slice(0, 40), `blocks nested deeper than ${MAX_DEPTH} levels are not read`, at(d.path, d.line, d.column));
      continue;
    }
    switch (d.name) {
      case 'server':
        walkServer(state, d, inherited, depth);
        break;
      case 'location':
      case 'if':
      case 'limit_except': {
        const label = `${d.name} ${labelOf(d)}${state.server ? ` (server ${state.server.fact.name})` : ''}`;
        const effective = levelLogging(state.analysis, d.block, label, inherited);
        if (state.server && d.name === 'location' && effective.state === 'off' && inherited.state !== 'off') state.server.fact.offLocations.push(labelOf(d));
        if (effective.state === 'default') state.analysis.defaultAt(effective.at);
        walkLevel(state, d.block, label, effective, depth + 1);
        break;
      }
      case 'stream':
      case 'mail':
        if (containsDirective(d.block, 'access_log', depth)) {
          state.findings.unknown(`${d.name} access_log`, `${d.name} {} logging (TCP/UDP or mail proxying) is not modelled`, at(d.path, d.line, d.column));
        }
        break;
      default:
        // http is handled by the caller; map, upstream, types, geo, events... hold no access logs.
        break;
    }
  }
}

function containsDirective(list: NginxDirective[], name: string, depth: number): boolean {
  if (depth >= MAX_DEPTH) return false;
  return list.some((d) => d.name === name || (d.block !== null && containsDirective(d.block, name, depth + 1)));
}

function walkServer(state: WalkState, d: NginxDirective, inherited: Effective, depth: number): void {
  const block = d.block ?? [];
  const analysis = state.analysis;
  const name = serverName(block, analysis.servers.length);
  const label = `server ${name}`;
  const effective = levelLogging(analysis, block, label, inherited);
  if (effective.state === 'default') analysis.defaultAt(effective.at);
  const fact: ServerFact = { name, logs: effective.state === 'unknown' ? null : effective.state !== 'off', offLocations: [] };
  const serverAt = at(d.path, d.line, d.column);
  analysis.servers.push({ fact, at: serverAt, logsAt: effective.state === 'unknown' ? serverAt : effective.at });
  const saved = state.server;
  state.server = { fact };
  walkLevel(state, block, label, effective, depth + 1);
  state.server = saved;
}

// ---------------------------------------------------------------------------------------------
// Reading

function buildRead(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead(NGINX_KIND);
  const findings = new Findings();
  const expanded = expandIncludes(file, context, findings);
  const top = expanded.directives;
  const isMain = top.some((d) => (d.name === 'http' || d.name === 'events') && d.block !== null);
  if (!isMain && includedByMain(file, context)) {
    // The main nginx.conf of this tree includes the file and reports its logs; reading it again
    // here would count every server twice.
    read.includes = [];
    return read;
  }
  const analysis = new Analysis(findings);
  analysis.collectFormats(top, 0);
  const state: WalkState = { analysis, findings, server: null };
  if (isMain) {
    for (const d of top) {
      if (d.name === 'access_log') findings.unknown('access_log', 'access_log is not allowed outside http, server and location', at(d.path, d.line, d.column));
    }
    walkLevel(state, top.filter((d) => d.name !== 'http'), 'main', { state: 'unknown', at: fileStart(file.path) }, 0);
    for (const http of top.filter((d) => d.name === 'http' && d.block !== null)) {
      const httpAt = at(http.path, http.line, http.column);
      const block = http.block ?? [];
      // No access_log at the http level: the compiled-in default applies, to whoever inherits it.
      const effective = levelLogging(analysis, block, 'http', { state: 'default', at: httpAt });
      walkLevel(state, block, 'http', effective, 1);
    }
  } else {
    // A file included into an http {} (or server {}) block of a main config that is not scanned:
    // what its levels inherit is not known.
    const inherited = levelLogging(analysis, top, 'included', { state: 'unknown', at: fileStart(file.path) });
    walkLevel(state, top, 'included', inherited, 0);
  }
  if (!isMain && top.length === 0 && findings.problems.length > 0) read.fatal = true;
  read.subjects.push(subjectOf(file.path, isMain, analysis));
  read.sources.push(...sourcesOf(file.path, analysis));
  read.includes = [...expanded.includes].sort(compareStrings);
  findings.into(read);
  return read;
}

/** Whether the tree's main nginx.conf (in the config root) includes this file. */
function includedByMain(file: TextFile, context: ReadContext): boolean {
  const root = nginxConfigRoot(file.path);
  const mainPath = root === '' ? 'nginx.conf' : `${root}/nginx.conf`;
  if (mainPath === file.path) return false;
  const relative = posix.relative(posix.dirname(file.path), mainPath);
  const found = context.include(relative, file.path).files.find((f) => f.path === mainPath);
  if (!found) return false;
  const probe = expandIncludes(found, context, new Findings());
  return probe.includes.has(file.path);
}

function subjectOf(path: string, isMain: boolean, analysis: Analysis): Subject {
  const locations: Record<string, Location> = {};
  const accessLogs = analysis.entries.map((e, i) => {
    locations[`accessLogs.${i}`] = e.at;
    for (const key of ['format', 'json', 'jsonTemplate', 'escape', 'timeFormat', 'client', 'user', 'status', 'requestId', 'host']) locations[`accessLogs.${i}.${key}`] = e.formatAt;
    return e.fact;
  });
  const servers = analysis.servers.map((s, i) => {
    locations[`servers.${i}`] = s.at;
    locations[`servers.${i}.logs`] = s.logsAt;
    return s.fact;
  });
  analysis.offs.forEach((o, i) => (locations[`accessLogOff.${i}`] = o.at));
  analysis.errorLogAt.forEach((a, i) => (locations[`errorLogs.${i}`] = a));
  const formats = [...analysis.formats.values()]
    .filter((f) => f.at !== null)
    .map((f) => ({ name: f.name, escape: f.escape, json: f.escape === 'json' && nginxTemplateIsJson(f.template), ...nginxFields(f.template) }));
  return {
    kind: 'web-server',
    id: `web-server:${path}`,
    path,
    pillars: PILLARS,
    facts: {
      server: 'nginx',
      fragment: !isMain,
      accessLogs,
      servers,
      accessLogOff: analysis.offs.map((o) => o.scope),
      errorLogs: analysis.errorLogs,
      formats,
    },
    locations,
    unreadable: {},
    declaredAt: fileStart(path),
  };
}

function sourcesOf(path: string, analysis: Analysis): SourceDecl[] {
  const byName = new Map<string, { paths: string[]; entry: Entry; outputs: PipelineOutput[]; channels: SourceDecl['channels'] }>();
  for (const e of analysis.entries) {
    const fact = e.fact;
    if (fact.target === 'file' && fact.path !== null && isDevNull(fact.path)) continue;
    const name = fact.target === 'syslog' ? `syslog:${fact.syslog?.server ?? ''}` : (fact.path ?? '');
    const group = byName.get(name) ?? { paths: [], entry: e, outputs: [], channels: [] };
    if (fact.hostPath !== null) group.paths.push(fact.hostPath);
    if (e.output && group.outputs.length === 0) group.outputs.push(e.output);
    if (e.channel && group.channels.length === 0) group.channels.push(e.channel);
    byName.set(name, group);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([name, g]) => sourceDecl({ system: 'nginx-access', configPath: path, name, pillars: PILLARS, paths: g.paths, outputs: g.outputs, channels: g.channels, declaredAt: g.entry.at }));
}

export function readNginx(file: TextFile, context: ReadContext): ConfigRead {
  return guarded(NGINX_KIND, file.path, () => buildRead(file, context), emptyRead);
}

export const NGINX_ADAPTER: TextAdapter = neverThrowingTextAdapter(NGINX_KIND, claimsNginx, readNginx);

export const ADAPTERS: ConfigAdapters = { text: [NGINX_ADAPTER], documents: [] };
