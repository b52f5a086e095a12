/**
 * Network endpoints as written in configs (`tcp+tls://logs.example.com:6514`, `host:24224`,
 * `https://user:pw@splunk:8088/services/collector?token=x`): scheme, host and port, with any
 * credentials and query removed before the endpoint is kept as a fact. Pure; never throws.
 */

export interface Endpoint {
  scheme: string | null;
  host: string | null;
  port: number | null;
  /** Scheme, host, port and path, without user information, query or fragment. */
  display: string;
  /** True for unix sockets and loopback hosts: events do not leave the machine. */
  local: boolean;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** Parses `scheme://[user@]host[:port][/path]` or `host[:port]`. */
export function parseEndpoint(text: string): Endpoint {
  const trimmed = text.trim();
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(trimmed);
  const scheme = schemeMatch ? (schemeMatch[1] as string).toLowerCase() : null;
  let rest = schemeMatch ? trimmed.slice(schemeMatch[0].length) : trimmed;
  if (scheme === 'unix' || scheme === 'unixgram') {
    const path = rest.split(/[?#]/, 1)[0] ?? '';
    return { scheme, host: null, port: null, display: `${scheme}://${path}`, local: true };
  }
  rest = rest.split(/[?#]/, 1)[0] ?? '';
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  const hostPort = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  let host: string | null = hostPort;
  let port: number | null = null;
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(hostPort);
  if (bracketed) {
    host = `[${bracketed[1] ?? ''}]`;
    port = bracketed[2] ? Number(bracketed[2]) : null;
  } else {
    const colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && hostPort.indexOf(':') === colon && /^\d+$/.test(hostPort.slice(colon + 1))) {
      host = hostPort.slice(0, colon);
      port = Number(hostPort.slice(colon + 1));
    }
  }
  if (host === '') host = null;
  if (port !== null && (!Number.isSafeInteger(port) || port > 65535)) port = null;
  const display = `${scheme ? `${scheme}://` : ''}${hostPort}${path}`;
  return { scheme, host, port, display, local: host !== null && isLoopback(host) };
}
