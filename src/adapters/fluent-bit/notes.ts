/**
 * Shared pieces of the Fluent Bit, Filebeat and Elastic Agent readers: where a line of a file (or
 * of a string embedded in a Kubernetes ConfigMap) really is, the problems and constructs not
 * understood that a read collects, and small facts about endpoints (loopback hosts, credentials).
 */
import { redactSecrets } from '../../logs/secrets.js';
import type { Unknown } from '../../model/pipeline.js';
import type { Location } from '../../model/vocabulary.js';
import { parsePort } from '../shipper-kit/endpoint.js';

/** Where the lines of a text really are: a file (offset 0) or a string embedded in a manifest. */
export interface Origin {
  path: string;
  /** Added to a 1-based line of the text. */
  lineOffset: number;
  /** Added to a 1-based column of the text (the indentation of a YAML block scalar). */
  columnOffset: number;
  /** Set when lines inside the text cannot be told apart: every one is reported here. */
  flat?: Location;
}

export function fileOrigin(path: string): Origin {
  return { path, lineOffset: 0, columnOffset: 0 };
}

export function locate(origin: Origin, line: number, column: number): Location {
  if (origin.flat) return origin.flat;
  return { path: origin.path, line: origin.lineOffset + line, column: origin.columnOffset + column };
}

/** Problems and constructs not understood, each said once per place. */
export class Notes {
  readonly problems: { at: Location; message: string }[] = [];
  readonly unknowns: Unknown[] = [];
  private readonly seen = new Set<string>();

  problem(at: Location, message: string): void {
    const key = `p|${at.path}|${at.line}|${at.column}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ at, message });
  }

  unknown(construct: string, reason: string, at: Location): void {
    const key = `u|${at.path}|${at.line}|${construct}|${reason}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.unknowns.push({ construct, reason, at });
  }
}

/** At most this many characters of a value are quoted in a problem or an unknown. */
const QUOTE_MAX = 80;

/** A value as it may be quoted in a message: one line, bounded, secrets redacted. */
export function quote(value: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = redactSecrets(value.slice(0, QUOTE_MAX * 4)).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  return flat.length > QUOTE_MAX ? `${flat.slice(0, QUOTE_MAX)}…` : flat;
}

/** `user:secret@host:port` → `host:port`: credentials are never copied. */
export function withoutCredentials(endpoint: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*:\/\/)/i.exec(endpoint);
  const prefix = scheme?.[1] ?? '';
  const rest = endpoint.slice(prefix.length);
  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  if (at === -1) return endpoint;
  return prefix + authority.slice(at + 1) + (slash === -1 ? '' : rest.slice(slash));
}

/** Host and port of `host`, `host:port`, `[v6]:port` or a URL; null parts when absent or not a number. */
export function splitHostPort(endpoint: string): { scheme: string | null; host: string; port: number | null } {
  let rest = withoutCredentials(endpoint.trim());
  let scheme: string | null = null;
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (m) {
    scheme = (m[1] as string).toLowerCase();
    rest = rest.slice(m[0].length);
  }
  const slash = rest.indexOf('/');
  if (slash !== -1) rest = rest.slice(0, slash);
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close !== -1) {
      const host = rest.slice(1, close);
      const after = rest.slice(close + 1);
      return { scheme, host, port: after.startsWith(':') ? parsePort(after.slice(1)) : null };
    }
  }
  const colon = rest.lastIndexOf(':');
  // More than one colon without brackets: an IPv6 address without a port.
  if (colon === -1 || rest.indexOf(':') !== colon) return { scheme, host: rest, port: null };
  return { scheme, host: rest.slice(0, colon), port: parsePort(rest.slice(colon + 1)) };
}
