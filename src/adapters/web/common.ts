/**
 * Pieces shared by the PostgreSQL, nginx and Apache httpd adapters (pure): locations, host paths,
 * claiming by folder name, and the read accumulator each adapter fills.
 */
import { posix } from 'node:path';
import { hostRootOf } from '../../estate/host-root.js';
import type { ConfigRead, PipelineOutput, SourceDecl, Unknown } from '../../model/pipeline.js';
import type { Area, Location } from '../../model/vocabulary.js';
import { compareLocations, compareStrings } from '../../model/vocabulary.js';

export { at, fileStart } from '../shipper-kit/location.js';
import { fileStart } from '../shipper-kit/location.js';

/** Extensions of formats other adapters (or the scan) own: content sniffs never claim them. */
const FOREIGN = /\.(ya?ml|json|jsonl|ndjson|toml|tf|tfvars|hcl|md|markdown|rst|txt|html?|xml|csv|log|sh|bash|py|rb|js|ts|go|java|c|h|lua|j2|tmpl|tpl|erb|sample|example|dist|default|bak|old|orig|rej|swp|disabled|dpkg-dist|dpkg-old|rpmnew|rpmsave)$/i;

export function isForeignName(path: string): boolean {
  return FOREIGN.test(path);
}

export function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/**
 * The absolute path a scanned file has on its host (`nodes/web-1/etc/nginx/nginx.conf` →
 * `/etc/nginx/nginx.conf`), or null when the scan path shows no host layout.
 */
export function hostPathOf(scanPath: string): string | null {
  const root = hostRootOf(scanPath);
  if (root === null) return null;
  return `/${root === '' ? scanPath : scanPath.slice(root.length + 1)}`;
}

/** The scan path of a host path on the same host as `scanPath`, or null without a host layout. */
export function scanPathOnHost(scanPath: string, hostPath: string): string | null {
  const root = hostRootOf(scanPath);
  if (root === null) return null;
  const rel = hostPath.replace(/^\/+/, '');
  return root === '' ? rel : `${root}/${rel}`;
}

/** Strftime sequences (`%Y`, `%H`...) and variables become `*`, so a templated file name is a glob. */
export function globOfTemplate(path: string, variable: RegExp): string {
  return path.replace(/%[a-zA-Z%]/g, (m) => (m === '%%' ? '%' : '*')).replace(variable, '*').replace(/\*{2,}/g, '*');
}

export function isDevNull(path: string): boolean {
  return posix.normalize(path) === '/dev/null';
}

/** Loopback names and addresses: a syslog target there is the local daemon, not a remote store. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === 'ip6-localhost';
}

/** Sockets of the local syslog daemon (or the journal's syslog socket). */
export const LOCAL_SYSLOG_SOCKETS: ReadonlySet<string> = new Set(['/dev/log', '/run/systemd/journal/syslog', '/var/run/syslog', '/run/systemd/journal/dev-log']);

/** Builds a syslog output the producing system itself sends to (nginx `syslog:`). */
export function syslogOutput(id: string, endpoint: string, port: number | null, remote: boolean, where: Location): PipelineOutput {
  return {
    id,
    plugin: 'syslog',
    sinkKind: 'syslog',
    remote,
    endpoint,
    port,
    protocol: 'syslog',
    // nginx sends syslog over UDP (RFC 3164 datagrams): no TLS and nothing buffered on disk.
    tls: false,
    tlsVerify: null,
    durable: false,
    index: null,
    path: null,
    at: where,
    locations: {},
  };
}

export interface SourceSpec {
  system: string;
  configPath: string;
  name: string;
  pillars: Area[];
  paths: string[];
  channels?: SourceDecl['channels'];
  outputs?: PipelineOutput[];
  declaredAt: Location;
  locations?: Record<string, Location>;
}

export function sourceDecl(spec: SourceSpec): SourceDecl {
  return {
    id: `${spec.system}:${spec.configPath}#${spec.name}`,
    system: spec.system,
    pillars: [...spec.pillars],
    paths: [...new Set(spec.paths)].sort(compareStrings),
    channels: spec.channels ?? [],
    outputs: spec.outputs ?? [],
    localRetentionDays: null,
    declaredAt: spec.declaredAt,
    locations: spec.locations ?? { paths: spec.declaredAt },
  };
}

/** Collects unknowns and problems without duplicates, in a stable order. */
export class Findings {
  readonly unknowns: Unknown[] = [];
  readonly problems: { at: Location; message: string }[] = [];
  private readonly seen = new Set<string>();

  unknown(construct: string, reason: string, where: Location): void {
    const key = `u\u0000${construct}\u0000${reason}\u0000${where.path}:${where.line}:${where.column}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.unknowns.push({ construct, reason, at: where });
  }

  problem(message: string, where: Location): void {
    const key = `p\u0000${message}\u0000${where.path}:${where.line}:${where.column}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ at: where, message });
  }

  /** Copies the collected entries into a read, sorted by place. */
  into(read: ConfigRead): void {
    const byPlace = (a: { at: Location }, b: { at: Location }): number => compareLocations(a.at, b.at);
    read.unknowns.push(...[...this.unknowns].sort(byPlace));
    read.problems.push(...[...this.problems].sort(byPlace));
  }
}

/** At most this many nested includes are followed (a cycle is cut earlier by the visited set). */
export const MAX_INCLUDE_DEPTH = 8;
/** At most this many files are merged into one read. */
export const MAX_INCLUDED_FILES = 512;

/** Never-throwing wrapper: an unexpected exception becomes a fatal read naming it, never a crash. */
export function guarded(kind: string, path: string, run: () => ConfigRead, empty: (kind: string) => ConfigRead): ConfigRead {
  try {
    return run();
  } catch (error) {
    const read = empty(kind);
    read.fatal = true;
    read.problems.push({ at: fileStart(path), message: `could not be read as ${kind} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` });
    return read;
  }
}
