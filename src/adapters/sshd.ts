/**
 * OpenSSH server configs (issue 4): `sshd_config` and its `sshd_config.d/*.conf` drop-ins, read
 * with sshd_config(5) semantics: keywords are case-insensitive, the first value obtained for a
 * keyword wins, `Include` splices files in (relative names are under /etc/ssh, globs expand in
 * lexical order), and `Match` starts a block that only applies to matching connections, up to the
 * next `Match` or the end of the file. One `sshd` subject and one `SourceDecl` per main file:
 * LogLevel (OpenSSH default INFO) and SyslogFacility (default AUTH), with `explicit` flags.
 */
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, SourceDecl } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Location } from '../model/vocabulary.js';
import type { ReadContext, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { byPath, includeWithFallback, safeInclude } from './hosts/include.js';
import { addProblem, addUnknown, at, baseName, firstNonBlank, shorten, splitLines, splitWords } from './hosts/text.js';

/** LogLevel values (sshd_config(5)); OpenSSH's default is INFO. */
export const LOG_LEVELS = ['QUIET', 'FATAL', 'ERROR', 'INFO', 'VERBOSE', 'DEBUG', 'DEBUG1', 'DEBUG2', 'DEBUG3'] as const;
/** SyslogFacility values (sshd_config(5), plus AUTHPRIV which OpenSSH's log.c accepts where the platform has it); default AUTH. */
export const FACILITIES = ['DAEMON', 'USER', 'AUTH', 'AUTHPRIV', 'LOCAL0', 'LOCAL1', 'LOCAL2', 'LOCAL3', 'LOCAL4', 'LOCAL5', 'LOCAL6', 'LOCAL7'] as const;
export const DEFAULT_LOG_LEVEL = 'INFO';
export const DEFAULT_FACILITY = 'AUTH';

/**
 * Keywords sshd knows (OpenSSH 9.x sshd_config(5), with deprecated and distribution-patched ones
 * sshd still accepts). Anything else is reported as not understood.
 */
const KEYWORDS = new Set(
  [
    'AcceptEnv', 'AddressFamily', 'AllowAgentForwarding', 'AllowGroups', 'AllowStreamLocalForwarding', 'AllowTcpForwarding', 'AllowUsers',
    'AuthenticationMethods', 'AuthorizedKeysCommand', 'AuthorizedKeysCommandUser', 'AuthorizedKeysFile', 'AuthorizedKeysFile2',
    'AuthorizedPrincipalsCommand', 'AuthorizedPrincipalsCommandUser', 'AuthorizedPrincipalsFile', 'Banner', 'CASignatureAlgorithms',
    'ChallengeResponseAuthentication', 'ChannelTimeout', 'ChrootDirectory', 'Ciphers', 'ClientAliveCountMax', 'ClientAliveInterval',
    'Compression', 'DebianBanner', 'DenyGroups', 'DenyUsers', 'DisableForwarding', 'ExposeAuthInfo', 'FingerprintHash', 'ForceCommand',
    'GatewayPorts', 'GSSAPIAuthentication', 'GSSAPICleanupCredentials', 'GSSAPIEnablek5users', 'GSSAPIKexAlgorithms', 'GSSAPIKeyExchange',
    'GSSAPIStoreCredentialsOnRekey', 'GSSAPIStrictAcceptorCheck', 'HostbasedAcceptedAlgorithms', 'HostbasedAcceptedKeyTypes',
    'HostbasedAuthentication', 'HostbasedUsesNameFromPacketOnly', 'HostCertificate', 'HostKey', 'HostKeyAgent', 'HostKeyAlgorithms',
    'IgnoreRhosts', 'IgnoreUserKnownHosts', 'Include', 'IPQoS', 'KbdInteractiveAuthentication', 'KerberosAuthentication',
    'KerberosGetAFSToken', 'KerberosOrLocalPasswd', 'KerberosTicketCleanup', 'KerberosUseKuserok', 'KexAlgorithms', 'KeyRegenerationInterval',
    'ListenAddress', 'LoginGraceTime', 'LogLevel', 'LogVerbose', 'MACs', 'Match', 'MaxAuthTries', 'MaxSessions', 'MaxStartups',
    'ModuliFile', 'PasswordAuthentication', 'PermitEmptyPasswords', 'PermitListen', 'PermitOpen', 'PermitRootLogin', 'PermitTTY',
    'PermitTunnel', 'PermitUserEnvironment', 'PermitUserRC', 'PerSourceMaxStartups', 'PerSourceNetBlockSize', 'PerSourcePenalties',
    'PerSourcePenaltyExemptList', 'PidFile', 'Port', 'PrintLastLog', 'PrintMotd', 'Protocol', 'PubkeyAcceptedAlgorithms',
    'PubkeyAcceptedKeyTypes', 'PubkeyAuthOptions', 'PubkeyAuthentication', 'RDomain', 'RefuseConnection', 'RekeyLimit', 'RequiredRSASize',
    'RevokedKeys', 'RhostsRSAAuthentication', 'RSAAuthentication', 'SecurityKeyProvider', 'ServerKeyBits', 'SetEnv', 'SshdAuthPath',
    'SshdSessionPath', 'StreamLocalBindMask', 'StreamLocalBindUnlink', 'StrictModes', 'Subsystem', 'SyslogFacility', 'TCPKeepAlive',
    'TrustedUserCAKeys', 'UnusedConnectionTimeout', 'UseBlacklist', 'UseBlocklist', 'UseDNS', 'UseLogin', 'UsePAM', 'UsePrivilegeSeparation',
    'VersionAddendum', 'X11DisplayOffset', 'X11Forwarding', 'X11MaxDisplays', 'X11UseLocalhost', 'XAuthLocation',
  ].map((k) => k.toLowerCase()),
);

/** At most this many includes deep (OpenSSH's SERVCONF_MAX_DEPTH). */
const MAX_DEPTH = 16;

interface Setting {
  value: string;
  at: Location;
}

interface MatchBlock {
  criteria: string;
  at: Location;
  settings: Map<string, Setting>;
}

interface Scope {
  /** null: the global section. */
  match: MatchBlock | null;
}

interface State {
  read: ConfigRead;
  context: ReadContext;
  global: Map<string, Setting>;
  matches: MatchBlock[];
  /** The first Include in the global section that could not be read: settings not yet obtained before it are unknown. */
  openInclude: Location | null;
  /** Global keywords already obtained when openInclude was met. */
  knownBeforeOpen: Set<string>;
  stack: string[];
  includes: string[];
}

/** The keyword and arguments of one line (sshd: keyword, whitespace or one `=`, arguments with quotes). */
export function splitDirective(raw: string): { keyword: string; args: string[]; column: number; unterminated: number | null } | null {
  const start = firstNonBlank(raw);
  if (start >= raw.length || raw[start] === '#') return null;
  let end = start;
  while (end < raw.length && !/[\s=]/.test(raw[end] as string)) end++;
  const keyword = raw.slice(start, end);
  let rest = end;
  while (rest < raw.length && /[ \t]/.test(raw[rest] as string)) rest++;
  if (raw[rest] === '=') rest++;
  const split = splitWords(raw.slice(rest), { quotes: '"\'', escapes: true, comment: '#' }, rest);
  return { keyword, args: split.words.map((w) => w.text), column: start + 1, unterminated: split.unterminatedAt };
}

function obtain(map: Map<string, Setting>, key: string, value: string, where: Location): void {
  if (!map.has(key)) map.set(key, { value, at: where });
}

function readLines(file: TextFile, state: State, scope: Scope, depth: number): void {
  const { read } = state;
  const lines = splitLines(file.text);
  let current: MatchBlock | null = scope.match;
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const d = splitDirective(lines[index] as string);
    if (!d) continue;
    const where = at(file.path, lineNo, d.column);
    if (d.unterminated !== null) {
      addProblem(read, at(file.path, lineNo, d.unterminated), 'unterminated quote; sshd refuses this line');
      continue;
    }
    const key = d.keyword.toLowerCase();
    if (key === 'match') {
      if (d.args.length === 0) {
        addProblem(read, where, 'Match needs criteria');
        continue;
      }
      current = { criteria: shorten(d.args.join(' '), 120), at: where, settings: new Map() };
      state.matches.push(current);
      continue;
    }
    if (!KEYWORDS.has(key)) {
      addUnknown(read, d.keyword, 'not an sshd_config keyword known to ztmm (OpenSSH 9.x); sshd refuses unknown keywords', where);
      continue;
    }
    if (key === 'include') {
      include(d.args, file, where, state, current, depth);
      continue;
    }
    if (d.args.length === 0) {
      addProblem(read, where, `${d.keyword} needs a value`);
      continue;
    }
    if (key === 'loglevel') {
      const value = (d.args[0] as string).toUpperCase();
      if (!(LOG_LEVELS as readonly string[]).includes(value)) addProblem(read, where, `unsupported LogLevel '${shorten(d.args[0] as string, 20)}'; sshd refuses to start`);
      obtain(current ? current.settings : state.global, key, value, where);
    } else if (key === 'syslogfacility') {
      const value = (d.args[0] as string).toUpperCase();
      if (!(FACILITIES as readonly string[]).includes(value)) addProblem(read, where, `unsupported SyslogFacility '${shorten(d.args[0] as string, 20)}'; sshd refuses to start`);
      if (current) addProblem(read, where, 'SyslogFacility is not allowed within a Match block; sshd refuses to start');
      else obtain(state.global, key, value, where);
    }
  }
}

function include(patterns: string[], file: TextFile, where: Location, state: State, match: MatchBlock | null, depth: number): void {
  const { read } = state;
  if (patterns.length === 0) {
    addProblem(read, where, 'Include needs a file name');
    return;
  }
  if (depth >= MAX_DEPTH) {
    addProblem(read, where, 'Include nesting too deep');
    return;
  }
  for (const pattern of patterns) {
    const absolute = pattern.startsWith('/') ? pattern : `/etc/ssh/${pattern}`;
    const inMain = baseName(file.path) === 'sshd_config';
    const found = includeWithFallback(state.context, absolute, file.path, inMain ? '/etc/ssh/' : null);
    if (found.files.length === 0) {
      addUnknown(read, `Include ${pattern}`, found.reason ?? 'not in the scanned inputs', where);
      if (!match && state.openInclude === null) {
        state.openInclude = where;
        state.knownBeforeOpen = new Set(state.global.keys());
      }
      continue;
    }
    for (const inc of byPath(found.files)) {
      if (state.stack.includes(inc.path)) {
        addProblem(read, where, `Include loop through ${inc.path}`);
        continue;
      }
      if (!state.includes.includes(inc.path)) state.includes.push(inc.path);
      state.stack.push(inc.path);
      // An included file starts in the includer's scope; a Match in it ends with the file.
      readLines(inc, state, { match }, depth + 1);
      state.stack.pop();
    }
  }
}

/** A global setting as a fact: the value obtained, the default when none was and nothing unread could set it, else null. */
function settle(state: State, key: string, fallback: string, declaredAt: Location): { value: string | null; explicit: boolean; at: Location } {
  const found = state.global.get(key);
  const openBefore = state.openInclude !== null && !state.knownBeforeOpen.has(key);
  if (openBefore) return { value: null, explicit: false, at: state.openInclude ?? declaredAt };
  if (found) return { value: found.value, explicit: true, at: found.at };
  return { value: fallback, explicit: false, at: declaredAt };
}

function isDropIn(path: string): boolean {
  return /(^|\/)sshd_config\.d\/[^/]+$/.test(path);
}

/** The main sshd_config that includes a drop-in, when it is in the scan. */
function mainIncluding(file: TextFile, context: ReadContext): string | null {
  let found = safeInclude(context, '/etc/ssh/sshd_config', file.path);
  if (found.files.length === 0) found = safeInclude(context, '../sshd_config', file.path);
  const main = found.files[0];
  if (!main) return null;
  const state = newState(emptyRead('sshd'), context, main.path);
  readLines(main, state, { match: null }, 0);
  return state.includes.includes(file.path) ? main.path : null;
}

function newState(read: ConfigRead, context: ReadContext, path: string): State {
  return { read, context, global: new Map(), matches: [], openInclude: null, knownBeforeOpen: new Set(), stack: [path], includes: [] };
}

export function readSshd(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead('sshd');
  try {
    // A drop-in read by a main sshd_config in the scan is part of that file's facts.
    if (isDropIn(file.path) && mainIncluding(file, context) !== null) return read;
    const state = newState(read, context, file.path);
    readLines(file, state, { match: null }, 0);
    read.includes = [...state.includes].sort();
    const declaredAt = at(file.path, 1);
    const level = settle(state, 'loglevel', DEFAULT_LOG_LEVEL, declaredAt);
    const facility = settle(state, 'syslogfacility', DEFAULT_FACILITY, declaredAt);
    const matchLogLevels = state.matches
      .filter((m) => m.settings.has('loglevel'))
      .map((m) => ({ criteria: m.criteria, logLevel: (m.settings.get('loglevel') as Setting).value, at: (m.settings.get('loglevel') as Setting).at }));
    const locations: Record<string, Location> = { logLevel: level.at, syslogFacility: facility.at, matchLogLevels: declaredAt };
    matchLogLevels.forEach((m, i) => {
      locations[`matchLogLevels.${i}`] = m.at;
    });
    const subject: Subject = {
      kind: 'sshd',
      id: `sshd:${file.path}`,
      path: file.path,
      pillars: ['identity', 'devices'],
      facts: {
        logLevel: level.value,
        syslogFacility: facility.value,
        explicit: { logLevel: level.explicit, syslogFacility: facility.explicit },
        matchBlocks: state.matches.length,
        matchLogLevels: matchLogLevels.map((m) => ({ criteria: m.criteria, logLevel: m.logLevel })),
        includes: [...read.includes],
      },
      locations,
      unreadable: {},
      declaredAt,
    };
    read.subjects.push(subject);
    const source: SourceDecl = {
      id: `sshd:${file.path}`,
      system: 'sshd',
      pillars: ['identity', 'devices'],
      paths: [],
      channels: [
        { kind: 'syslog', facility: facility.value === null ? null : facility.value.toLowerCase() },
        { kind: 'journald', facility: null },
      ],
      outputs: [],
      localRetentionDays: null,
      declaredAt,
      locations: { channels: facility.at },
    };
    read.sources.push(source);
  } catch (error) {
    read.problems.push({ at: at(file.path, 1), message: `could not be read as sshd_config (${error instanceof Error ? error.name : 'error'})` });
    read.fatal = true;
  }
  return read;
}

export function claimsSshd(path: string): boolean {
  const name = baseName(path);
  return name === 'sshd_config' || (isDropIn(path) && name.endsWith('.conf'));
}

export const SSHD_TEXT: TextAdapter = {
  kind: 'sshd',
  claims: (path) => claimsSshd(path),
  read: readSshd,
};

export const ADAPTERS: ConfigAdapters = { text: [SSHD_TEXT], documents: [] };
