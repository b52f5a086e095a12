/**
 * Endpoints as shippers write them (`https://user:pw@es:9200/path?x`, `host:port`, `[::1]:4317`):
 * the parts a pipeline output records, with credentials, query and fragment removed so that no
 * secret ends up in a report.
 */

export interface Endpoint {
  /** As written, without user info, query string or fragment. */
  display: string;
  /** Lower-case scheme (`https`), or null when none is written. */
  scheme: string | null;
  host: string | null;
  /** The port written, else the scheme's default (80/443 for http(s) and ws(s)), else null. */
  port: number | null;
  /** The port as written only (no scheme default). */
  explicitPort: number | null;
  /** The host is this machine (localhost, 127.0.0.0/8, ::1, 0.0.0.0): events do not leave it. */
  loopback: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

/** Parts of an endpoint; null for an empty string. */
export function parseEndpoint(raw: string): Endpoint | null {
  const text = raw.trim();
  if (text === '') return null;
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text);
  const scheme = schemeMatch?.[1]?.toLowerCase() ?? null;
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const authorityEnd = firstIndexOf(rest, ['/', '?', '#']);
  const authority = rest.slice(0, authorityEnd);
  const afterAuthority = rest.slice(authorityEnd);
  const pathPart = afterAuthority.slice(0, firstIndexOf(afterAuthority, ['?', '#']));
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const { host, port } = splitHostPort(hostPort);
  const display = `${schemeMatch ? `${scheme ?? ''}://` : ''}${hostPort}${pathPart}`;
  return {
    display,
    scheme,
    host,
    port: port ?? (scheme !== null ? (DEFAULT_PORTS[scheme] ?? null) : null),
    explicitPort: port,
    loopback: host !== null && isLoopback(host),
  };
}

function firstIndexOf(text: string, chars: readonly string[]): number {
  let best = text.length;
  for (const c of chars) {
    const at = text.indexOf(c);
    if (at !== -1 && at < best) best = at;
  }
  return best;
}

/** `host:port`, `[v6]:port`, `host`; a port must be all digits and at most 65535. */
export function splitHostPort(text: string): { host: string | null; port: number | null } {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1) return { host: null, port: null };
    const host = text.slice(1, close);
    return { host: host === '' ? null : host, port: parsePort(text.slice(close + 1).replace(/^:/, '')) };
  }
  const colon = text.lastIndexOf(':');
  // Two colons and no brackets: a bare IPv6 address without a port.
  if (colon === -1 || text.indexOf(':') !== colon) return { host: text === '' ? null : text, port: null };
  const host = text.slice(0, colon);
  return { host: host === '' ? null : host, port: parsePort(text.slice(colon + 1)) };
}

/**
 * A TCP/UDP port written as a number (surrounding blanks allowed), else null: at most 5 digits and
 * 65535. `min` is the lowest port accepted (syslog daemons reject port 0).
 */
export function parsePort(text: string | null | undefined, min = 0): number | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= min && port <= 65535 ? port : null;
}

/**
 * The host is this machine, so events sent there do not leave it. The union of what the shipper,
 * syslog and Fluent Bit/Filebeat readers each took for loopback: `localhost` (and `*.localhost`,
 * `localhost.localdomain`, `ip6-localhost`, `ip6-loopback`), 127.0.0.0/8, `::1` (also written
 * out in full), and the any-addresses `0.0.0.0` and `::`. Case, surrounding blanks, brackets
 * around an IPv6 address and a trailing dot are ignored.
 */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain' || h === 'ip6-localhost' || h === 'ip6-loopback') return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1' || h === '::' || h === '0.0.0.0') return true;
  return /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Whether a Vector value interpolates the environment: `${VAR}`, `${VAR:-default}`, `$VAR`
 * (Vector interpolates the raw text before parsing; `$$` is a literal dollar), or names a secret
 * (`SECRET[backend.key]`). Such a value is only known at run time.
 */
export function vectorInterpolates(value: string): boolean {
  if (value.includes('SECRET[')) return true;
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '$') continue;
    const next = value[i + 1];
    if (next === '$') {
      i++;
      continue;
    }
    if (next === '{' || (next !== undefined && /[A-Za-z_]/.test(next))) return true;
  }
  return false;
}

/**
 * Whether an OpenTelemetry Collector value is expanded at run time: `${env:VAR}`, `${VAR}`,
 * `${file:...}` and other providers (`$$` escapes a dollar).
 */
export function otelInterpolates(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '$') continue;
    const next = value[i + 1];
    if (next === '$') {
      i++;
      continue;
    }
    if (next === '{') return true;
  }
  return false;
}
