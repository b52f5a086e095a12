/**
 * auditd.conf (auditd.conf(5), audit 2.8–4.x) and the auditd plugin files of plugins.d
 * (auditd-plugins(5)). auditd.conf becomes an `auditd` subject (how the daemon keeps its log,
 * reacts to a filling disk, formats events) and a SourceDecl for the auditd log; an active
 * audisp-syslog plugin adds a syslog channel to that source.
 *
 * Defaults for absent settings are those of audit 3.x: `clear_config()` in src/auditd-config.c
 * (log_file /var/log/audit/audit.log, log_format RAW, num_logs 0, max_log_file_action IGNORE,
 * space_left_action, admin_space_left_action and disk_full_action IGNORE, disk_error_action
 * SYSLOG, write_logs and local_events yes) and auditd.conf(5) (name_format NONE, flush
 * INCREMENTAL_ASYNC, plugin_dir /etc/audit/plugins.d). Facts say which settings are explicit.
 */
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, SourceDecl } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Area, Location } from '../model/vocabulary.js';
import { compareStrings } from '../model/vocabulary.js';
import { digits, readKeyValueLines, sniffNames, yesNo } from './auditd/kv-lines.js';
import type { KvEntry } from './auditd/kv-lines.js';
import { isPluginText, readPlugin, syslogFacility } from './auditd/plugins.js';
import type { PluginFile } from './auditd/plugins.js';
import { at, baseName, limitReported } from './auditd/text.js';

/** auditd records who did what on the machine: host activity and identity events (logins, sudo, account changes). */
export const AUDITD_PILLARS: Area[] = ['devices', 'identity'];

const DEFAULT_LOG_FILE = '/var/log/audit/audit.log';
const DEFAULT_PLUGIN_DIR = '/etc/audit/plugins.d';

const SIZE_ACTIONS = ['ignore', 'syslog', 'suspend', 'rotate', 'keep_logs'] as const;
const SPACE_ACTIONS = ['ignore', 'syslog', 'rotate', 'email', 'exec', 'suspend', 'single', 'halt'] as const;
const FULL_ACTIONS = ['ignore', 'syslog', 'rotate', 'exec', 'suspend', 'single', 'halt'] as const;
const ERROR_ACTIONS = ['ignore', 'syslog', 'exec', 'suspend', 'single', 'halt'] as const;

type Spec =
  | { type: 'yesno'; fact: string; default: boolean | null }
  | { type: 'number'; fact: string; default: number | null }
  | { type: 'enum'; fact: string; values: readonly string[]; default: string | null }
  | { type: 'action'; fact: string; values: readonly string[]; default: string | null; exec: string }
  | { type: 'string'; fact: string; default: string | null }
  | { type: 'space'; fact: string; default: number | null }
  /** A keyword auditd knows that no rule reads. */
  | { type: 'known' };

const KEYWORDS: ReadonlyMap<string, Spec> = new Map<string, Spec>([
  ['local_events', { type: 'yesno', fact: 'localEvents', default: true }],
  ['write_logs', { type: 'yesno', fact: 'writeLogs', default: true }],
  ['log_file', { type: 'string', fact: 'logFile', default: DEFAULT_LOG_FILE }],
  ['log_format', { type: 'enum', fact: 'logFormat', values: ['raw', 'enriched', 'nolog'], default: 'raw' }],
  ['log_group', { type: 'string', fact: 'logGroup', default: 'root' }],
  ['flush', { type: 'enum', fact: 'flush', values: ['none', 'incremental', 'incremental_async', 'data', 'sync'], default: 'incremental_async' }],
  ['freq', { type: 'number', fact: 'freq', default: null }],
  ['num_logs', { type: 'number', fact: 'numLogs', default: 0 }],
  ['max_log_file', { type: 'number', fact: 'maxLogFile', default: 0 }],
  ['max_log_file_action', { type: 'enum', fact: 'maxLogFileAction', values: SIZE_ACTIONS, default: 'ignore' }],
  ['space_left', { type: 'space', fact: 'spaceLeft', default: 0 }],
  ['space_left_action', { type: 'action', fact: 'spaceLeftAction', values: SPACE_ACTIONS, default: 'ignore', exec: 'spaceLeftExec' }],
  ['admin_space_left', { type: 'space', fact: 'adminSpaceLeft', default: 0 }],
  ['admin_space_left_action', { type: 'action', fact: 'adminSpaceLeftAction', values: SPACE_ACTIONS, default: 'ignore', exec: 'adminSpaceLeftExec' }],
  ['disk_full_action', { type: 'action', fact: 'diskFullAction', values: FULL_ACTIONS, default: 'ignore', exec: 'diskFullExec' }],
  ['disk_error_action', { type: 'action', fact: 'diskErrorAction', values: ERROR_ACTIONS, default: 'syslog', exec: 'diskErrorExec' }],
  ['action_mail_acct', { type: 'string', fact: 'actionMailAcct', default: 'root' }],
  ['name_format', { type: 'enum', fact: 'nameFormat', values: ['none', 'hostname', 'fqd', 'numeric', 'user'], default: 'none' }],
  ['name', { type: 'string', fact: 'name', default: null }],
  ['plugin_dir', { type: 'string', fact: 'pluginDir', default: DEFAULT_PLUGIN_DIR }],
  ['transport', { type: 'enum', fact: 'transport', values: ['tcp', 'krb5', 'tls'], default: 'tcp' }],
  ['tcp_listen_port', { type: 'number', fact: 'tcpListenPort', default: null }],
  ['overflow_action', { type: 'enum', fact: 'overflowAction', values: ['ignore', 'syslog', 'suspend', 'single', 'halt'], default: null }],
  ['q_depth', { type: 'number', fact: 'qDepth', default: null }],
  ...[
    'priority_boost', 'verify_email', 'tcp_listen_queue', 'tcp_max_per_addr', 'use_libwrap', 'tcp_client_ports', 'tcp_client_max_idle',
    'enable_krb5', 'krb5_principal', 'krb5_key_file', 'distribute_network', 'max_restarts', 'end_of_event_timeout', 'report_interval',
    // audit 2.x (dispatcher, disp_qos) and audit 4.x TLS transport settings.
    'disp_qos', 'dispatcher', 'tls_auth', 'tls_crypto_profile', 'tls_psk_file', 'tls_psk_identity', 'tls_allowed_clients',
    'tls_cipher_suites', 'tls_key_exchange', 'tls_require_pqc',
  ].map((k): [string, Spec] => [k, { type: 'known' }]),
]);

/** Settings only auditd.conf has (the content sniff needs two of them). */
const AUDITD_ONLY = new Set(['log_file', 'write_logs', 'num_logs', 'max_log_file', 'max_log_file_action', 'space_left', 'space_left_action', 'admin_space_left', 'admin_space_left_action']);

const KNOWN_NAMES: ReadonlySet<string> = new Set(KEYWORDS.keys());

export function isAuditdConfText(head: string): boolean {
  const seen = sniffNames(head, KNOWN_NAMES);
  return seen !== null && [...seen].filter((name) => AUDITD_ONLY.has(name)).length >= 2;
}

export interface SyslogPlugin {
  /** Whether a plugin file for audisp-syslog was found in the scanned tree. */
  found: boolean;
  active: boolean | null;
  facility: string | null;
  path: string | null;
}

interface Settings {
  facts: Record<string, unknown>;
  locations: Record<string, Location>;
  explicit: string[];
}

function readSettings(file: TextFile, entries: readonly KvEntry[], read: ConfigRead): Settings {
  const start = at(file.path, 1);
  const facts: Record<string, unknown> = {};
  const locations: Record<string, Location> = {};
  const explicit: string[] = [];
  for (const spec of KEYWORDS.values()) {
    if (spec.type === 'known') continue;
    facts[spec.fact] = spec.default;
    locations[spec.fact] = start;
    if (spec.type === 'action') facts[spec.exec] = null;
  }
  // In file order, so that every bad line is reported and the last assignment wins.
  for (const entry of entries) {
    const spec = KEYWORDS.get(entry.key);
    const where = at(file.path, entry.line, entry.column);
    if (!spec) {
      read.unknowns.push({ construct: `${entry.name} =`, reason: 'not an auditd.conf keyword of audit 2.8–4.x; auditd refuses to start on an unknown keyword', at: where });
      continue;
    }
    if (spec.type === 'known') continue;
    if (!explicit.includes(spec.fact)) explicit.push(spec.fact);
    locations[spec.fact] = where;
    if (spec.type === 'action') facts[spec.exec] = null;
    facts[spec.fact] = valueOf(spec, entry, file.path, read, facts);
  }
  return { facts, locations, explicit: explicit.sort(compareStrings) };
}

function valueOf(spec: Exclude<Spec, { type: 'known' }>, entry: KvEntry, path: string, read: ConfigRead, facts: Record<string, unknown>): unknown {
  const [value, option, ...rest] = entry.args;
  const problem = (message: string, column = entry.valueColumn): null => {
    read.problems.push({ at: at(path, entry.line, column), message: `${entry.name}: ${message}` });
    return null;
  };
  if (!value) return problem('no value');
  const extra = spec.type === 'action' ? rest[0] : option;
  if (extra) problem(`unexpected ${JSON.stringify(extra.text.slice(0, 40))}: auditd rejects extra words`, extra.column);
  const text = value.text;
  switch (spec.type) {
    case 'yesno': {
      const yes = yesNo(text);
      return yes ?? problem(`${quote(text)} is not yes or no`);
    }
    case 'number': {
      const n = digits(text);
      return n ?? problem(`${quote(text)} is not a number`);
    }
    case 'space': {
      // audit 3.x also takes a percentage of the partition (space_left = 25%).
      const percent = /^([0-9]{1,3})%$/.exec(text);
      if (percent) return `${percent[1]}%`;
      const n = digits(text);
      return n ?? problem(`${quote(text)} is not a number of megabytes or a percentage`);
    }
    case 'string':
      return text;
    case 'enum': {
      const lower = text.toLowerCase();
      return spec.values.includes(lower) ? lower : problem(`${quote(text)} is not one of ${spec.values.join(', ')}`);
    }
    case 'action': {
      const lower = text.toLowerCase();
      if (!spec.values.includes(lower)) return problem(`${quote(text)} is not one of ${spec.values.join(', ')}`);
      if (lower === 'exec') {
        if (!option) problem('exec needs the absolute path of a script');
        else facts[spec.exec] = option.text;
      } else if (option) {
        problem(`${lower} takes no argument`, option.column);
      }
      return lower;
    }
  }
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The audisp-syslog plugin file the host's auditd reads, if the scanned tree holds one. */
export function findSyslogPlugin(path: string, pluginDir: string, context: ReadContext): PluginFile | null {
  const seen = new Map<string, PluginFile>();
  // plugin_dir (audit 3.x), /etc/audisp/plugins.d (audit 2.x), a plugins.d beside the file, and
  // siblings (exports that flatten /etc/audit into one folder).
  for (const pattern of [`${pluginDir.replace(/\/+$/, '')}/*.conf`, '/etc/audisp/plugins.d/*.conf', 'plugins.d/*.conf', '*.conf']) {
    for (const file of context.include(pattern, path).files) {
      if (seen.has(file.path) || !isPluginText(file.text.slice(0, 65536))) continue;
      seen.set(file.path, readPlugin(file.path, file.text));
    }
  }
  const syslog = [...seen.values()].filter((p) => p.role === 'syslog').sort((a, b) => compareStrings(a.path, b.path));
  return syslog.find((p) => p.active === true) ?? syslog[0] ?? null;
}

function syslogPluginFacts(plugin: PluginFile | null, read: ConfigRead): SyslogPlugin {
  if (!plugin) return { found: false, active: null, facility: null, path: null };
  const { facility, unknown } = syslogFacility(plugin.args);
  if (unknown !== null) read.unknowns.push({ construct: `args ${unknown}`, reason: 'not a syslog priority or facility audisp-syslog knows; the plugin does not start', at: plugin.locations.args });
  return { found: true, active: plugin.active, facility, path: plugin.path };
}

export function readAuditdConf(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead('auditd-conf');
  const lines = readKeyValueLines(file.text, 'auditd', 158);
  for (const p of lines.problems) read.problems.push({ at: at(file.path, p.line, p.column), message: p.message });
  if (lines.significant > 0 && lines.entries.length === 0) {
    read.fatal = true;
    if (read.problems.length === 0) read.problems.push({ at: at(file.path, 1), message: 'no auditd.conf setting could be read' });
    limitReported(read);
    return read;
  }
  const { facts, locations, explicit } = readSettings(file, lines.entries, read);
  const start = at(file.path, 1);
  const writeLogs = facts.writeLogs as boolean | null;
  const logFormat = facts.logFormat as string | null;
  // log_format = NOLOG (deprecated) is write_logs = no.
  const writesLogs = writeLogs === false || logFormat === 'nolog' ? false : writeLogs === null ? null : true;
  const action = facts.maxLogFileAction as string | null;
  const plugin = findSyslogPlugin(file.path, typeof facts.pluginDir === 'string' ? facts.pluginDir : DEFAULT_PLUGIN_DIR, context);
  if (plugin) read.includes.push(plugin.path);
  const syslogPlugin = syslogPluginFacts(plugin, read);
  if (plugin) {
    locations.syslogPlugin = plugin.locations.active;
    locations['syslogPlugin.facility'] = plugin.locations.args;
  }
  locations.writesLogs = logFormat === 'nolog' ? (locations.logFormat ?? start) : (locations.writeLogs ?? start);
  locations.keepsLogs = locations.maxLogFileAction ?? start;
  locations.rotatedFiles = locations.numLogs ?? start;

  const source = sourceOf(file.path, facts.logFile as string | null, writesLogs, syslogPlugin, locations, start);
  if (source && action === 'keep_logs' && source.paths.length > 0) {
    // keep_logs: auditd rotates but never deletes; the files stay until someone removes them.
    source.localUnbounded = true;
    source.locations.localUnbounded = locations.maxLogFileAction ?? start;
  }
  if (source) read.sources.push(source);
  const subject: Subject = {
    kind: 'auditd',
    id: `auditd:${file.path}`,
    path: file.path,
    pillars: AUDITD_PILLARS,
    facts: {
      ...facts,
      explicit,
      writesLogs,
      keepsLogs: action === null ? null : action === 'keep_logs',
      // With rotate, auditd keeps num_logs files and deletes older ones.
      rotatedFiles: action === 'rotate' ? (facts.numLogs as number | null) : null,
      syslogPlugin,
      source: source ? { declared: true, reason: null } : { declared: false, reason: noSourceReason(writesLogs) },
    },
    locations,
    unreadable: {},
    declaredAt: start,
  };
  read.subjects.push(subject);
  limitReported(read);
  return read;
}

function noSourceReason(writesLogs: boolean | null): string {
  return writesLogs === false
    ? 'write_logs = no (or log_format = NOLOG): auditd writes no log file, and no active audisp-syslog plugin was found'
    : 'write_logs has a value auditd does not accept';
}

function sourceOf(path: string, logFile: string | null, writesLogs: boolean | null, syslog: SyslogPlugin, locations: Record<string, Location>, start: Location): SourceDecl | null {
  const channels: SourceDecl['channels'] = syslog.active === true ? [{ kind: 'syslog', facility: syslog.facility }] : [];
  const paths = writesLogs === true && logFile !== null ? [logFile] : [];
  if (paths.length === 0 && channels.length === 0) return null;
  const declaredAt = locations.logFile ?? start;
  const sourceLocations: Record<string, Location> = { paths: declaredAt };
  if (channels.length > 0 && locations.syslogPlugin) sourceLocations.channels = locations.syslogPlugin;
  return {
    id: `auditd:${path}`,
    system: 'auditd',
    pillars: AUDITD_PILLARS,
    paths,
    channels,
    outputs: [],
    // Rotation is by size (max_log_file × num_logs), so how many days it keeps is not known.
    localRetentionDays: null,
    declaredAt,
    locations: sourceLocations,
  };
}

/**
 * A plugins.d file. The audisp-syslog plugin, when active, also sends auditd events to syslog:
 * the auditd.conf of the same host reports that channel. Only when no auditd.conf is in the
 * scanned tree does the plugin file itself declare the auditd source (with the syslog channel).
 */
export function readAudispPlugin(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead('audisp-plugin');
  const plugin = readPlugin(file.path, file.text);
  for (const p of plugin.problems) read.problems.push({ at: at(file.path, p.line, p.column), message: p.message });
  if (plugin.significant > 0 && plugin.entries.length === 0) {
    read.fatal = true;
    limitReported(read);
    return read;
  }
  for (const entry of plugin.entries) {
    if (!['active', 'direction', 'path', 'type', 'args', 'format'].includes(entry.key)) {
      read.unknowns.push({ construct: `${entry.name} =`, reason: 'not an auditd plugin setting (auditd-plugins(5))', at: at(file.path, entry.line, entry.column) });
    }
  }
  limitReported(read);
  if (plugin.role !== 'syslog' || plugin.active !== true) return read;
  const hasAuditdConf = ['/etc/audit/auditd.conf', '/etc/auditd.conf', '../auditd.conf', 'auditd.conf'].some((p) => context.include(p, file.path).files.length > 0);
  if (hasAuditdConf) return read;
  const facts = syslogPluginFacts(plugin, read);
  read.sources.push({
    id: `auditd:${file.path}`,
    system: 'auditd',
    pillars: AUDITD_PILLARS,
    paths: [],
    channels: [{ kind: 'syslog', facility: facts.facility }],
    outputs: [],
    localRetentionDays: null,
    declaredAt: plugin.locations.active,
    locations: { channels: plugin.locations.args },
  });
  return read;
}

export const auditdConfAdapter: TextAdapter = {
  kind: 'auditd-conf',
  claims: (path, head) => {
    const name = baseName(path);
    if (name === 'auditd.conf') return true;
    return /\.conf$/i.test(name) && isAuditdConfText(head);
  },
  read: readAuditdConf,
};

export const audispPluginAdapter: TextAdapter = {
  kind: 'audisp-plugin',
  claims: (path, head) => /\.conf$/i.test(path) && isPluginText(head),
  read: readAudispPlugin,
};

export const ADAPTERS: ConfigAdapters = { text: [auditdConfAdapter, audispPluginAdapter], documents: [] };
