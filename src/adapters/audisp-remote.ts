/**
 * audisp-remote.conf (audisp-remote.conf(5)): the auditd plugin that sends audit events to a
 * remote auditd. It becomes an `audisp-remote` subject and a Pipeline (shipper `audisp-remote`)
 * whose one input is the local audit dispatcher (the linker connects the host's auditd source to
 * it) and whose one output is `remote_server`.
 *
 * Defaults are those of `clear_config()` in audisp/plugins/remote/remote-config.c (audit 3.x):
 * port 60, transport TCP, mode immediate, queue_depth 2048, format managed,
 * network_failure_action stop. Transport KRB5 (and `enable_krb5 = yes` of audit 2.x) gives
 * Kerberos 5 authentication and encryption, TLS (audit 4.x, `tls_auth = psk`) a TLS session
 * authenticated by a pre-shared key: both count as encrypted with the peer verified. `mode =
 * forward` stores events on disk before sending (durable); immediate mode keeps only an in-memory
 * queue.
 *
 * The plugin runs only when its plugins.d file (au-remote.conf) says `active = yes`: that file
 * is looked up in the scanned tree; inactive means no pipeline, not found means active unknown.
 */
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, Pipeline, PipelineOutput } from '../model/pipeline.js';
import type { Location } from '../model/vocabulary.js';
import { compareStrings } from '../model/vocabulary.js';
import { AUDITD_PILLARS } from './auditd-conf.js';
import { digits, readKeyValueLines, sniffNames, yesNo } from './auditd/kv-lines.js';
import type { KvEntry } from './auditd/kv-lines.js';
import { isPluginText, readPlugin } from './auditd/plugins.js';
import type { PluginFile } from './auditd/plugins.js';
import { at, baseName, limitReported } from './auditd/text.js';

// warn_once and warn_once_continue: audit 4.x.
const ACTIONS = ['ignore', 'syslog', 'exec', 'warn_once', 'warn_once_continue', 'suspend', 'single', 'halt', 'stop'];

type Spec =
  | { type: 'string'; fact: string; default: string | null }
  | { type: 'number'; fact: string; default: number | null }
  | { type: 'enum'; fact: string; values: readonly string[]; default: string | null }
  | { type: 'yesno'; fact: string; default: boolean | null }
  | { type: 'known' };

const KEYWORDS: ReadonlyMap<string, Spec> = new Map<string, Spec>([
  ['remote_server', { type: 'string', fact: 'remoteServer', default: null }],
  ['port', { type: 'number', fact: 'port', default: 60 }],
  ['local_port', { type: 'string', fact: 'localPort', default: 'any' }],
  ['transport', { type: 'enum', fact: 'transport', values: ['tcp', 'krb5', 'tls'], default: 'tcp' }],
  ['enable_krb5', { type: 'yesno', fact: 'enableKrb5', default: false }],
  ['mode', { type: 'enum', fact: 'mode', values: ['immediate', 'forward'], default: 'immediate' }],
  ['queue_file', { type: 'string', fact: 'queueFile', default: '/var/spool/audit/remote.log' }],
  ['queue_depth', { type: 'number', fact: 'queueDepth', default: 2048 }],
  ['format', { type: 'enum', fact: 'format', values: ['managed', 'ascii'], default: 'managed' }],
  ['heartbeat_timeout', { type: 'number', fact: 'heartbeatTimeout', default: 0 }],
  ['network_failure_action', { type: 'enum', fact: 'networkFailureAction', values: ACTIONS, default: 'stop' }],
  ['disk_full_action', { type: 'enum', fact: 'diskFullAction', values: ACTIONS, default: 'ignore' }],
  ['queue_error_action', { type: 'enum', fact: 'queueErrorAction', values: ACTIONS, default: 'stop' }],
  ['overflow_action', { type: 'enum', fact: 'overflowAction', values: ['ignore', 'syslog', 'suspend', 'single', 'halt'], default: 'syslog' }],
  ['tls_auth', { type: 'enum', fact: 'tlsAuth', values: ['psk'], default: null }],
  ...[
    'network_retry_time', 'max_tries_per_record', 'max_time_per_record', 'disk_low_action', 'disk_error_action', 'remote_ending_action',
    'generic_error_action', 'generic_warning_action', 'startup_failure_action', 'krb5_principal', 'krb5_client_name', 'krb5_key_file',
    'tls_crypto_profile', 'tls_psk_file', 'tls_psk_identity', 'tls_cipher_suites', 'tls_key_exchange', 'tls_require_pqc',
  ].map((k): [string, Spec] => [k, { type: 'known' }]),
]);

const KNOWN_NAMES: ReadonlySet<string> = new Set(KEYWORDS.keys());

export function isAudispRemoteText(head: string): boolean {
  const seen = sniffNames(head, KNOWN_NAMES);
  return seen !== null && seen.has('remote_server') && seen.size >= 2;
}

interface Settings {
  facts: Record<string, unknown>;
  locations: Record<string, Location>;
  explicit: string[];
}

function readSettings(path: string, entries: readonly KvEntry[], read: ConfigRead): Settings {
  const start = at(path, 1);
  const facts: Record<string, unknown> = {};
  const locations: Record<string, Location> = {};
  const explicit = new Set<string>();
  for (const spec of KEYWORDS.values()) {
    if (spec.type === 'known') continue;
    facts[spec.fact] = spec.default;
    locations[spec.fact] = start;
  }
  for (const entry of entries) {
    const spec = KEYWORDS.get(entry.key);
    const where = at(path, entry.line, entry.column);
    if (!spec) {
      read.unknowns.push({ construct: `${entry.name} =`, reason: 'not an audisp-remote.conf keyword of audit 2.8–4.x; audisp-remote refuses to start on an unknown keyword', at: where });
      continue;
    }
    if (spec.type === 'known') continue;
    explicit.add(spec.fact);
    locations[spec.fact] = where;
    facts[spec.fact] = valueOf(spec, entry, path, read);
  }
  return { facts, locations, explicit: [...explicit].sort(compareStrings) };
}

function valueOf(spec: Exclude<Spec, { type: 'known' }>, entry: KvEntry, path: string, read: ConfigRead): unknown {
  const value = entry.args[0]?.text;
  // `remote_server =` with nothing after it is how the shipped file says "no server".
  if (value === undefined) return spec.type === 'string' ? null : spec.default;
  const problem = (message: string): null => {
    read.problems.push({ at: at(path, entry.line, entry.valueColumn), message: `${entry.name}: ${message}` });
    return null;
  };
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  switch (spec.type) {
    case 'string':
      return value;
    case 'number':
      return digits(value) ?? problem(`${shown} is not a number`);
    case 'yesno':
      return yesNo(value) ?? problem(`${shown} is not yes or no`);
    case 'enum': {
      const lower = value.toLowerCase();
      return spec.values.includes(lower) ? lower : problem(`${shown} is not one of ${spec.values.join(', ')}`);
    }
  }
}

/** The au-remote.conf plugin file of the same host: plugins.d beside this file, a sibling, or the standard places. */
export function findRemotePlugin(path: string, context: ReadContext): PluginFile | null {
  for (const pattern of ['plugins.d/au-remote.conf', 'au-remote.conf', '/etc/audit/plugins.d/au-remote.conf', '/etc/audisp/plugins.d/au-remote.conf', 'plugins.d/*.conf', '/etc/audit/plugins.d/*.conf']) {
    const files = context
      .include(pattern, path)
      .files.filter((f) => isPluginText(f.text.slice(0, 65536)))
      .map((f) => readPlugin(f.path, f.text))
      .filter((p) => p.role === 'remote')
      .sort((a, b) => compareStrings(a.path, b.path));
    if (files[0]) return files[0];
  }
  return null;
}

export function readAudispRemote(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead('audisp-remote');
  const lines = readKeyValueLines(file.text, 'audisp-remote', 126);
  for (const p of lines.problems) read.problems.push({ at: at(file.path, p.line, p.column), message: p.message });
  if (lines.significant > 0 && lines.entries.length === 0) {
    read.fatal = true;
    limitReported(read);
    return read;
  }
  const start = at(file.path, 1);
  const { facts, locations, explicit } = readSettings(file.path, lines.entries, read);
  const plugin = findRemotePlugin(file.path, context);
  if (plugin) read.includes.push(plugin.path);
  const active = plugin ? plugin.active : null;
  locations.active = plugin ? plugin.locations.active : start;
  locations.plugin = locations.active;

  const transport = facts.transport as string | null;
  const krb5 = transport === 'krb5' || facts.enableKrb5 === true;
  const encrypted = transport === null ? null : krb5 || transport === 'tls';
  locations.encrypted = facts.enableKrb5 === true && transport !== 'tls' ? (locations.enableKrb5 ?? start) : (locations.transport ?? start);
  const mode = facts.mode as string | null;
  const durable = mode === null ? null : mode === 'forward';
  locations.durable = locations.mode ?? start;
  const server = facts.remoteServer as string | null;
  const forwards = active === false || server === null ? false : active === true ? true : null;
  locations.forwards = server === null ? (locations.remoteServer ?? start) : locations.active;

  read.subjects.push({
    kind: 'audisp-remote',
    id: `audisp-remote:${file.path}`,
    path: file.path,
    pillars: AUDITD_PILLARS,
    facts: {
      ...facts,
      explicit,
      active,
      plugin: plugin ? { found: true, path: plugin.path, reason: active === false ? 'au-remote.conf says active = no: auditd does not start audisp-remote' : null } : { found: false, path: null, reason: 'no au-remote.conf plugin file in the scanned inputs: whether auditd starts audisp-remote is not known' },
      encrypted,
      durable,
      forwards,
    },
    locations,
    unreadable: {},
    declaredAt: start,
  });
  if (active !== false) read.pipelines.push(pipelineOf(file.path, facts, locations, encrypted, durable, plugin, start));
  limitReported(read);
  return read;
}

function pipelineOf(path: string, facts: Record<string, unknown>, locations: Record<string, Location>, encrypted: boolean | null, durable: boolean | null, plugin: PluginFile | null, start: Location): Pipeline {
  const server = facts.remoteServer as string | null;
  const port = facts.port as number | null;
  const outputAt = locations.remoteServer ?? start;
  const output: PipelineOutput = {
    id: 'remote',
    plugin: 'audisp-remote',
    sinkKind: 'other',
    // Without remote_server the plugin has nowhere to send: nothing leaves the host.
    remote: server !== null,
    endpoint: server === null ? null : port === null ? server : `${server.includes(':') ? `[${server}]` : server}:${port}`,
    port,
    protocol: 'other',
    tls: encrypted,
    tlsVerify: encrypted,
    durable,
    index: null,
    path: null,
    at: outputAt,
    locations: { tls: locations.encrypted ?? start, tlsVerify: locations.encrypted ?? start, durable: locations.durable ?? start },
  };
  return {
    id: `audisp-remote:${path}`,
    shipper: 'audisp-remote',
    path,
    declaredAt: start,
    inputs: [{ id: 'audisp', plugin: 'audisp', channel: 'other', paths: [], exclude: [], port: null, at: plugin ? plugin.locations.program : start }],
    outputs: [output],
    edges: [{ input: 'audisp', output: 'remote', facilities: null }],
  };
}

export const audispRemoteAdapter: TextAdapter = {
  kind: 'audisp-remote',
  claims: (path, head) => baseName(path) === 'audisp-remote.conf' || (/\.conf$/i.test(path) && isAudispRemoteText(head)),
  read: readAudispRemote,
};

export const ADAPTERS: ConfigAdapters = { text: [audispRemoteAdapter], documents: [] };
