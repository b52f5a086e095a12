/**
 * Hosts, ports and URLs as syslog daemons write them (shared by the rsyslog and syslog-ng
 * readers): whether a target leaves the host, the port of `host:port` and of URLs, and URLs with
 * their credentials removed.
 */
import { isLoopback, parsePort } from '../shipper-kit/endpoint.js';

/** A value that is expanded at run time (a shell backtick, `$VAR`, `${VAR}`, `%property%`, a syslog-ng macro). */
export function isDynamic(value: string): boolean {
  return /`|\$\{|\$\(|\$[A-Za-z_]|%[A-Za-z!$.][^%]*%/.test(value);
}

/** The host of `host`, `host:port`, `[v6]:port` or a URL. */
export function hostOf(target: string): string {
  let rest = target.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  rest = rest.replace(/^[^@/]*@/, '');
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    return end === -1 ? rest.slice(1) : rest.slice(1, end);
  }
  const cut = rest.search(/[/:?#]/);
  const host = cut === -1 ? rest : rest.slice(0, cut);
  // A bare IPv6 address (several colons, no brackets) is the host as a whole.
  if ((rest.match(/:/g) ?? []).length > 1 && !rest.includes('/')) return rest;
  return host;
}

/** False for loopback targets, true for other hosts, null when empty or expanded at run time. */
export function isRemoteHost(target: string | null): boolean | null {
  if (target === null) return null;
  const trimmed = target.trim();
  if (trimmed === '' || isDynamic(trimmed)) return null;
  const host = hostOf(trimmed).toLowerCase();
  if (host === '') return null;
  return !isLoopback(host);
}

/** A TCP/UDP port written as a number (1 to 65535: syslog daemons reject port 0), else null. */
export function parseSyslogPort(text: string | null | undefined): number | null {
  return parsePort(text, 1);
}

/** The port of `host:port`, `[v6]:port` or a URL (its scheme's default when the URL names none). */
export function portOf(target: string): number | null {
  const trimmed = target.trim();
  const url = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]*)(?::(\d+))?/i.exec(trimmed);
  if (url) {
    if (url[3] !== undefined) return parseSyslogPort(url[3]);
    const scheme = (url[1] as string).toLowerCase();
    return scheme === 'https' ? 443 : scheme === 'http' ? 80 : null;
  }
  const v6 = /^\[[^\]]*\]:(\d+)$/.exec(trimmed);
  if (v6) return parseSyslogPort(v6[1]);
  const plain = /^[^:[\]]*:(\d+)$/.exec(trimmed);
  return plain ? parseSyslogPort(plain[1]) : null;
}

/** The scheme of a URL (lower case), or null. */
export function schemeOf(target: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(target.trim());
  return match ? (match[1] as string).toLowerCase() : null;
}

/** A URL or `user:password@host` with the credentials removed. */
export function withoutCredentials(target: string): string {
  return target.trim().replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?)[^@/\s]*@/i, '$1');
}
