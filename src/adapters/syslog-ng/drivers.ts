/**
 * syslog-ng source and destination drivers as pipeline inputs and outputs. Defaults follow
 * syslog-ng OSE 3.x/4.x (transport-mapper-inet.c and the admin guide): network() speaks TCP on
 * port 514 unless told otherwise (also with transport("tls")), syslog() uses 601 for TCP, 6514 for
 * TLS and 514 for UDP, TLS peers are verified (`peer-verify(required-trusted)`) unless configured
 * otherwise, and nothing is buffered on disk without `disk-buffer()`.
 */
import type { SinkKind } from '../../model/estate.js';
import type { InputChannel, OutputProtocol, PipelineOutput } from '../../model/pipeline.js';
import type { Location } from '../../model/vocabulary.js';
import { isDynamic, isRemoteHost, parseSyslogPort, portOf, schemeOf, withoutCredentials } from '../rsyslog/endpoints.js';
import { quoteShort } from '../rsyslog/positions.js';
import { facilityMask, fullMask } from '../rsyslog/syslog-mask.js';
import type { Mask } from '../rsyslog/syslog-mask.js';
import { optionName, optionsOf, positional, positionals } from './parse.js';
import type { NgNode, NgProblem, NgUnknown } from './parse.js';

type Call = Extract<NgNode, { kind: 'call' }>;

export interface Findings {
  problems: NgProblem[];
  unknowns: NgUnknown[];
}

export interface SourceInput {
  plugin: string;
  channel: InputChannel;
  paths: string[];
  port: number | null;
  mask: Mask;
  at: Location;
}

function value(call: Call | undefined): { value: string; at: Location } | null {
  return call === undefined ? null : positional(call);
}

function lower(call: Call | undefined): string | null {
  const v = value(call);
  return v === null ? null : v.value.trim().toLowerCase();
}

/** The port of a listener or destination (`port()`, legacy `localport()`/`destport()`), or the default. */
function portOption(options: Map<string, Call>, names: readonly string[], fallback: number | null): number | null {
  for (const name of names) {
    const v = value(options.get(name));
    if (v !== null) return parseSyslogPort(v.value);
  }
  return fallback;
}

/** Default ports of network(), syslog(), tcp() and udp(), by transport. */
function defaultPort(driver: string, transport: string): number | null {
  if (driver === 'syslog') return transport === 'udp' ? 514 : transport === 'tls' ? 6514 : transport === 'tcp' ? 601 : 514;
  return 514;
}

function defaultTransport(driver: string): string {
  return driver === 'udp' || driver === 'udp6' ? 'udp' : 'tcp';
}

// -----------------------------------------------------------------------------------------------
// Sources

const NETWORK_SOURCES = new Set(['network', 'syslog', 'tcp', 'tcp6', 'udp', 'udp6']);

export function sourceInput(call: Call, findings: Findings): SourceInput {
  const driver = optionName(call.name);
  const options = optionsOf(call);
  const at = call.at;
  const base = { plugin: driver, paths: [] as string[], port: null as number | null, mask: fullMask(), at };
  if (NETWORK_SOURCES.has(driver)) {
    const transport = lower(options.get('transport')) ?? defaultTransport(driver);
    return { ...base, channel: 'syslog-listener', port: portOption(options, ['port', 'localport'], defaultPort(driver, transport)) };
  }
  switch (driver) {
    case 'system':
    case 'unix-dgram':
    case 'unix-stream':
    case 'systemd-syslog':
    case 'sun-streams':
      return { ...base, channel: 'syslog-local' };
    case 'internal':
      // syslog-ng's own messages carry the syslog facility.
      return { ...base, channel: 'syslog-local', mask: facilityMask([5]) };
    case 'systemd-journal':
      return { ...base, channel: 'journald' };
    case 'default-network-drivers':
      // Listens on 514 (UDP and TCP), 601 and, with tls(), 6514: the first is the one a sender usually targets.
      return { ...base, channel: 'syslog-listener', port: portOption(options, ['udp-port', 'tcp-port'], 514) };
    case 'file':
    case 'wildcard-file':
    case 'linux-audit':
      return fileSource(driver, call, options, base, findings);
    case 'kubernetes':
      return { ...base, channel: 'containers', paths: [value(options.get('base-dir'))?.value ?? '/var/log/containers'] };
    case 'opentelemetry':
    case 'syslog-ng-otlp':
      return { ...base, channel: 'otlp-listener', port: portOption(options, ['port'], 4317) };
    case 'stdin':
    case 'pipe':
      return { ...base, channel: 'other' };
    case 'program':
      findings.unknowns.push({ construct: 'source program()', reason: 'reads the output of a program, which ztmm never runs', at });
      return { ...base, channel: 'other' };
    default:
      findings.unknowns.push({ construct: `source driver ${quoteShort(driver, 40)}()`, reason: 'source driver not modelled', at });
      return { ...base, channel: 'other' };
  }
}

function fileSource(driver: string, call: Call, options: Map<string, Call>, base: Omit<SourceInput, 'channel'>, findings: Findings): SourceInput {
  if (driver === 'linux-audit') {
    return { ...base, channel: 'file', paths: [value(options.get('filename'))?.value ?? '/var/log/audit/audit.log'] };
  }
  if (driver === 'wildcard-file') {
    const dir = value(options.get('base-dir'))?.value ?? null;
    const pattern = value(options.get('filename-pattern'))?.value ?? null;
    if (dir === null || pattern === null) {
      findings.unknowns.push({ construct: 'wildcard-file()', reason: 'base-dir() or filename-pattern() is missing', at: call.at });
      return { ...base, channel: 'file' };
    }
    const recursive = lower(options.get('recursive')) === 'yes';
    return { ...base, channel: 'file', paths: [`${dir.replace(/\/+$/, '')}/${recursive ? '**/' : ''}${pattern}`] };
  }
  const path = positional(call)?.value ?? null;
  // The kernel's message buffer is the kernel log (what imklog reads), not a file someone writes.
  if (path === '/proc/kmsg' || path === '/dev/kmsg') return { ...base, channel: 'syslog-local', mask: facilityMask([0]) };
  if (path === null) findings.unknowns.push({ construct: 'source file()', reason: 'no file name is written', at: call.at });
  return { ...base, channel: 'file', paths: path === null ? [] : [path] };
}

// -----------------------------------------------------------------------------------------------
// Destinations

export interface OutputBase {
  id: string;
  at: Location;
}

interface Fields {
  plugin: string;
  sinkKind: SinkKind;
  remote: boolean | null;
  endpoint: string | null;
  port: number | null;
  protocol: OutputProtocol | null;
  tls: boolean | null;
  tlsVerify: boolean | null;
  index: string | null;
  path: string | null;
}

const NONE: Omit<Fields, 'plugin' | 'sinkKind'> = { remote: null, endpoint: null, port: null, protocol: null, tls: null, tlsVerify: null, index: null, path: null };

function make(base: OutputBase, fields: Fields, durable: { durable: boolean; at: Location | null }, where: Record<string, Location | null>): PipelineOutput {
  const locations: Record<string, Location> = {};
  for (const [key, loc] of Object.entries({ durable: durable.at, ...where })) {
    if (loc !== null && (loc.line !== base.at.line || loc.column !== base.at.column || loc.path !== base.at.path)) locations[key] = loc;
  }
  return {
    id: base.id,
    plugin: fields.plugin,
    sinkKind: fields.sinkKind,
    remote: fields.remote,
    endpoint: fields.endpoint,
    port: fields.port,
    protocol: fields.protocol,
    tls: fields.tls,
    tlsVerify: fields.tlsVerify,
    durable: durable.durable,
    index: fields.index,
    path: fields.path,
    at: base.at,
    locations,
  };
}

/**
 * `peer-verify()`: required-trusted by default; the untrusted modes, `no` and `none` accept any
 * certificate. syslog-ng compares the mode case-insensitively and takes `_` for `-`
 * (`optional_untrusted`, tls-context.c).
 */
function peerVerify(call: Call | undefined): boolean | null {
  const v = lower(call)?.replace(/_/g, '-') ?? null;
  if (v === null) return true;
  if (v === 'required-trusted' || v === 'optional-trusted' || v === 'yes') return true;
  if (v === 'required-untrusted' || v === 'optional-untrusted' || v === 'no' || v === 'none') return false;
  return null;
}

/** The `peer-verify()` of a driver: inside `tls(...)`, or (HTTP drivers) directly. */
function peerVerifyOption(options: Map<string, Call>): Call | undefined {
  const tls = options.get('tls');
  return (tls ? optionsOf(tls).get('peer-verify') : undefined) ?? options.get('peer-verify');
}

function remoteOfAll(hosts: readonly string[]): boolean | null {
  if (hosts.length === 0) return null;
  const each = hosts.map((h) => isRemoteHost(h));
  if (each.some((r) => r === true)) return true;
  if (each.every((r) => r === false)) return false;
  return null;
}

export function destinationOutput(call: Call, base: OutputBase, findings: Findings): PipelineOutput {
  const driver = optionName(call.name);
  const options = optionsOf(call);
  const buffer = options.get('disk-buffer');
  const durable = { durable: buffer !== undefined, at: buffer?.at ?? null };
  if (NETWORK_SOURCES.has(driver)) return networkDestination(driver, call, options, base, durable, findings);
  switch (driver) {
    case 'file': {
      const path = positional(call)?.value ?? null;
      if (path !== null && isDynamic(path)) findings.unknowns.push({ construct: `destination file("${quoteShort(path, 40)}")`, reason: 'the file name holds macros expanded per message', at: call.at });
      const local: SinkKind = path !== null && path.startsWith('/dev/') ? 'other' : 'local-file';
      return make(base, { ...NONE, plugin: driver, sinkKind: local, remote: false, path: path !== null && isDynamic(path) ? null : path }, durable, {});
    }
    case 'pipe':
    case 'unix-stream':
    case 'unix-dgram':
    case 'usertty':
      return make(base, { ...NONE, plugin: driver, sinkKind: 'other', remote: false }, durable, {});
    case 'program':
      findings.unknowns.push({ construct: 'destination program()', reason: 'hands events to a program, which ztmm never runs: where they go is unknown', at: call.at });
      return make(base, { ...NONE, plugin: driver, sinkKind: 'other' }, durable, {});
    case 'elasticsearch-http':
    case 'opensearch':
    case 'http':
    case 'splunk-hec-event':
    case 'splunk-hec-raw':
      return httpDestination(driver, call, options, base, durable, findings);
    case 'loki':
    case 'opentelemetry':
    case 'syslog-ng-otlp':
      return grpcDestination(driver, options, base, durable);
    case 'kafka':
    case 'kafka-c':
      return kafkaDestination(driver, options, base, durable);
    default:
      findings.unknowns.push({ construct: `destination driver ${quoteShort(driver, 40)}()`, reason: 'destination driver not modelled', at: call.at });
      return make(base, { ...NONE, plugin: driver, sinkKind: 'other' }, durable, {});
  }
}

function networkDestination(driver: string, call: Call, options: Map<string, Call>, base: OutputBase, durable: { durable: boolean; at: Location | null }, findings: Findings): PipelineOutput {
  const hostArg = positional(call) ?? value(options.get('host')) ?? value(options.get('ip'));
  const host = hostArg?.value ?? null;
  const transportCall = options.get('transport');
  const transport = lower(transportCall) ?? defaultTransport(driver);
  const tlsCall = options.get('tls');
  let tls: boolean | null;
  let tlsAt: Location | null = transportCall?.at ?? null;
  if (driver === 'tcp' || driver === 'tcp6') {
    // Legacy tcp(): a tls() block turns TLS on.
    tls = tlsCall !== undefined;
    tlsAt = tlsCall?.at ?? null;
  } else if (driver === 'udp' || driver === 'udp6' || transport === 'udp') tls = false;
  else if (transport === 'tls') tls = true;
  else if (transport === 'tcp') {
    tls = false;
    if (tlsCall !== undefined) findings.problems.push({ at: tlsCall.at, message: 'tls() with transport("tcp"): syslog-ng rejects TLS options for a plain TCP transport' });
  } else {
    tls = null;
    findings.unknowns.push({ construct: `transport("${quoteShort(transport, 30)}")`, reason: 'transport not modelled: TLS is unknown', at: transportCall?.at ?? call.at });
  }
  const verifyCall = peerVerifyOption(options);
  if (host === null) findings.unknowns.push({ construct: `destination ${driver}()`, reason: 'no host is written', at: call.at });
  const port = portOption(options, ['port', 'destport'], defaultPort(driver, transport));
  const portWritten = options.has('port') || options.has('destport');
  return make(
    base,
    {
      ...NONE,
      plugin: driver,
      sinkKind: 'syslog',
      remote: host === null ? null : isRemoteHost(host),
      endpoint: host === null ? null : `${withoutCredentials(host)}${portWritten && port !== null ? `:${port}` : ''}`,
      port,
      protocol: 'syslog',
      tls,
      tlsVerify: tls === true ? peerVerify(verifyCall) : null,
    },
    durable,
    { tls: tlsAt, tlsVerify: tls === true ? (verifyCall?.at ?? null) : null },
  );
}

/** What an HTTP push endpoint is, by its path. */
function httpKind(url: string): { sinkKind: SinkKind; protocol: OutputProtocol } {
  if (/loki\/api\/v1\/push/i.test(url)) return { sinkKind: 'loki', protocol: 'http' };
  if (/\/_bulk\b/i.test(url)) return { sinkKind: 'elasticsearch', protocol: 'http' };
  if (/services\/collector/i.test(url)) return { sinkKind: 'splunk', protocol: 'http' };
  if (/\/v1\/logs\b/i.test(url)) return { sinkKind: 'otlp', protocol: 'otlp' };
  return { sinkKind: 'webhook', protocol: 'http' };
}

function httpDestination(driver: string, call: Call, options: Map<string, Call>, base: OutputBase, durable: { durable: boolean; at: Location | null }, findings: Findings): PipelineOutput {
  const urlCall = options.get('url');
  const urls = urlCall ? positionals(urlCall) : positionals(call);
  if (urls.length === 0) findings.unknowns.push({ construct: `destination ${driver}()`, reason: 'no url() is written', at: call.at });
  const kind: { sinkKind: SinkKind; protocol: OutputProtocol } =
    driver === 'elasticsearch-http' || driver === 'opensearch' ? { sinkKind: 'elasticsearch', protocol: 'http' } : driver.startsWith('splunk') ? { sinkKind: 'splunk', protocol: 'http' } : httpKind(urls[0] ?? '');
  const schemes = urls.map((u) => schemeOf(u));
  const tls = schemes.length === 0 ? null : schemes.every((s) => s === 'https') ? true : schemes.every((s) => s === 'http') ? false : null;
  const verifyCall = peerVerifyOption(options);
  const indexCall = options.get('index');
  let index: string | null = null;
  if (indexCall !== undefined) {
    const raw = value(indexCall)?.value ?? '';
    // A macro in the index (`syslog-ng-${YEAR}.${MONTH}`) leaves its fixed prefix.
    const prefix = raw.split(/\$/)[0] ?? '';
    index = prefix === '' ? null : prefix;
    if (index === null) findings.unknowns.push({ construct: `index("${quoteShort(raw, 40)}")`, reason: 'the index is built per message', at: indexCall.at });
  } else if (kind.sinkKind === 'elasticsearch' && driver !== 'http') {
    findings.unknowns.push({ construct: `destination ${driver}()`, reason: 'no index() is written', at: call.at });
  }
  return make(
    base,
    {
      ...NONE,
      plugin: driver,
      sinkKind: kind.sinkKind,
      remote: remoteOfAll(urls),
      endpoint: urls.length === 0 ? null : urls.map((u) => withoutCredentials(u)).join(','),
      port: urls.length === 0 ? null : portOf(urls[0] as string),
      protocol: kind.protocol,
      tls,
      tlsVerify: tls === true ? peerVerify(verifyCall) : null,
      index,
    },
    durable,
    { tls: urlCall?.at ?? null, tlsVerify: tls === true ? (verifyCall?.at ?? null) : null, index: indexCall?.at ?? null },
  );
}

/**
 * gRPC destinations (loki(), opentelemetry(), syslog-ng-otlp()): `auth(insecure())` is the
 * default (no TLS); `auth(tls(...))`, `auth(alts())` and `auth(adc())` encrypt. Loki's tenant is
 * `tenant-id()`.
 */
function grpcDestination(driver: string, options: Map<string, Call>, base: OutputBase, durable: { durable: boolean; at: Location | null }): PipelineOutput {
  const url = value(options.get('url'))?.value ?? null;
  const auth = options.get('auth');
  const mode = auth ? [...optionsOf(auth).keys()][0] ?? null : null;
  const tls = mode === null || mode === 'insecure' ? false : mode === 'tls' || mode === 'alts' || mode === 'adc' ? true : null;
  const tlsOptions = auth ? optionsOf(auth).get('tls') : undefined;
  const tenant = driver === 'loki' ? value(options.get('tenant-id')) : null;
  const defaultUrl = driver === 'loki' ? 'localhost:9095' : 'localhost:4317';
  const target = url ?? defaultUrl;
  return make(
    base,
    {
      ...NONE,
      plugin: driver,
      sinkKind: driver === 'loki' ? 'loki' : 'otlp',
      remote: isRemoteHost(target),
      endpoint: withoutCredentials(target),
      port: portOf(target),
      protocol: driver === 'loki' ? 'other' : 'otlp',
      tls,
      tlsVerify: tls === true ? (tlsOptions ? peerVerify(optionsOf(tlsOptions).get('peer-verify')) : true) : null,
      index: tenant?.value ?? null,
    },
    durable,
    { tls: auth?.at ?? null, index: tenant?.at ?? null },
  );
}

/** kafka(): librdkafka speaks plaintext unless `security.protocol` is SSL or SASL_SSL in `config()`. */
function kafkaDestination(driver: string, options: Map<string, Call>, base: OutputBase, durable: { durable: boolean; at: Location | null }): PipelineOutput {
  const servers = value(options.get('bootstrap-servers'))?.value ?? null;
  const config = options.get('config');
  const words = config ? flatten(config.args) : [];
  const at = words.findIndex((w) => w.toLowerCase() === 'security.protocol');
  const protocol = at === -1 ? null : (words.slice(at + 1).find((w) => w !== '=>' && w !== '=') ?? null);
  const tls = protocol === null ? false : ['ssl', 'sasl_ssl'].includes(protocol.toLowerCase());
  const hosts = servers === null ? [] : servers.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return make(
    base,
    {
      ...NONE,
      plugin: driver,
      sinkKind: 'kafka',
      remote: remoteOfAll(hosts),
      endpoint: hosts.length === 0 ? null : hosts.map((h) => withoutCredentials(h)).join(','),
      port: hosts.length === 0 ? null : portOf(hosts[0] as string),
      protocol: 'other',
      tls,
      tlsVerify: tls ? true : null,
    },
    durable,
    { tls: config?.at ?? null },
  );
}

/** Every word and string under some nodes, in order (calls contribute their name, then their arguments). */
function flatten(nodes: readonly NgNode[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.kind === 'word' || node.kind === 'string') out.push(node.value);
    else if (node.kind === 'call') out.push(node.name, ...flatten(node.args));
    else if (node.kind === 'group') out.push(...flatten(node.items));
  }
  return out;
}
