/**
 * rsyslog actions as pipeline outputs: `action(type=...)` objects and legacy actions (`/path`,
 * `@host`, `@@host`, `:omrelp:host:port`, `|pipe`, `:omusrmsg:*`, ...). TLS, peer verification and
 * disk buffering follow the module defaults of rsyslog v8 (cited where used). Outputs are finished
 * after the whole config is read, because the default stream driver is a global setting that
 * applies wherever it is written.
 */
import type { SinkKind } from '../../model/estate.js';
import type { OutputProtocol, PipelineOutput } from '../../model/pipeline.js';
import type { Location } from '../../model/vocabulary.js';
import { isDynamic, isRemoteHost, parseSyslogPort, portOf, schemeOf, withoutCredentials } from './endpoints.js';
import { quoteShort } from './positions.js';
import type { RsObject, RsParam, RsUnknown } from './parse.js';

/** A setting and where it is written. */
export interface Setting {
  value: string;
  at: Location;
}

export interface Globals {
  /** `global(defaultNetstreamDriver=...)` or `$DefaultNetstreamDriver`: the driver of actions that name none. */
  defaultDriver: Setting | null;
}

/** Whether an action's queue keeps undelivered events on disk, and the line that decides it. */
export interface Durability {
  durable: boolean | null;
  at: Location | null;
}

/** Legacy `$ActionSend...` settings, which stay in force for the legacy forwarding actions that follow. */
export interface LegacySend {
  driver: Setting | null;
  mode: Setting | null;
  authMode: Setting | null;
}

/** What an action does to the message flow. */
export type ActionEffect =
  | { kind: 'output'; id: string; finish: (globals: Globals) => PipelineOutput }
  /** Message modification (mm*) and similar: the message goes on unchanged for routing. */
  | { kind: 'pass' }
  /** Discard (`~`, omdiscard): like `stop`. */
  | { kind: 'stop' }
  /** omruleset: a copy of the message goes to the ruleset, processing goes on. */
  | { kind: 'call'; name: string };

export interface ActionContext {
  unknowns: RsUnknown[];
  /** A unique output id: the action's name, or `<plugin>#<n>`. */
  newId(plugin: string, name: string | null): string;
}

const TLS_DRIVERS = new Set(['gtls', 'ossl', 'mbedtls']);

// -----------------------------------------------------------------------------------------------
// Queues

/**
 * rsyslog v8 action queues: none written = Direct (no buffer); Disk keeps everything on disk;
 * LinkedList/FixedArray with a file name are disk-assisted (they spill to disk); without a file
 * name they stay in memory.
 */
export function queueDurability(type: Setting | null, fileName: Setting | null): Durability {
  if (type === null) return { durable: false, at: null };
  const kind = type.value.toLowerCase();
  if (kind === 'disk') return { durable: true, at: type.at };
  if (kind === 'linkedlist' || kind === 'fixedarray') return fileName !== null && fileName.value.trim() !== '' ? { durable: true, at: fileName.at } : { durable: false, at: type.at };
  if (kind === 'direct') return { durable: false, at: type.at };
  return { durable: null, at: type.at };
}

function setting(param: RsParam | undefined): Setting | null {
  if (param === undefined || typeof param.value !== 'string') return null;
  return { value: param.value, at: param.at };
}

/** The first of several parameter names (aliases) that is written. */
function param(obj: RsObject, ...names: string[]): RsParam | undefined {
  for (const name of names) {
    const found = obj.params.get(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function strings(p: RsParam | undefined): string[] | null {
  if (p === undefined || p.value === null) return null;
  return typeof p.value === 'string' ? [p.value] : p.value;
}

function isOn(value: string): boolean | null {
  const lower = value.trim().toLowerCase();
  if (lower === 'on' || lower === 'yes' || lower === '1' || lower === 'true') return true;
  if (lower === 'off' || lower === 'no' || lower === '0' || lower === 'false') return false;
  return null;
}

/** Locations of decided facts that are not at the action itself. */
function locationsOf(at: Location, facts: Record<string, Location | null>): Record<string, Location> {
  const out: Record<string, Location> = {};
  for (const [key, loc] of Object.entries(facts)) {
    if (loc !== null && (loc.path !== at.path || loc.line !== at.line || loc.column !== at.column)) out[key] = loc;
  }
  return out;
}

interface OutputBase {
  id: string;
  plugin: string;
  at: Location;
  durability: Durability;
}

function output(base: OutputBase, fields: Partial<PipelineOutput> & { sinkKind: SinkKind }, where: Record<string, Location | null> = {}): PipelineOutput {
  return {
    id: base.id,
    plugin: base.plugin,
    sinkKind: fields.sinkKind,
    remote: fields.remote ?? null,
    endpoint: fields.endpoint ?? null,
    port: fields.port ?? null,
    protocol: fields.protocol ?? null,
    tls: fields.tls ?? null,
    tlsVerify: fields.tlsVerify ?? null,
    durable: base.durability.durable,
    index: fields.index ?? null,
    path: fields.path ?? null,
    at: base.at,
    locations: locationsOf(base.at, { durable: base.durability.at, ...where }),
  };
}

function localOutput(base: OutputBase, sinkKind: SinkKind, path: string | null = null): PipelineOutput {
  return output(base, { sinkKind, remote: false, path });
}

// -----------------------------------------------------------------------------------------------
// Forwarding (omfwd) and RELP

interface ForwardSpec {
  targets: string[] | null;
  /** As written: `host`, `host:port`, several targets joined by commas. */
  endpoint: string | null;
  port: number | null;
  protocol: Setting | null;
  driver: Setting | null;
  mode: Setting | null;
  authMode: Setting | null;
}

/**
 * omfwd: TLS when the protocol is TCP, the stream driver (the action's, else the global default,
 * else ptcp) is gtls/ossl/mbedtls and the driver mode is 1. The peer is verified unless the auth
 * mode is `anon` or `x509/certvalid` (no name check): with no auth mode the TLS drivers check the certificate and name (x509/name is
 * the mode a driver object starts in, nsd_gtls.c/nsd_ossl.c, rsyslog v8).
 */
function finishForward(base: OutputBase, spec: ForwardSpec, globals: Globals, unknowns: RsUnknown[]): PipelineOutput {
  const protocol = (spec.protocol?.value ?? 'udp').toLowerCase();
  let tls: boolean | null;
  let tlsAt: Location | null;
  let tlsVerify: boolean | null = null;
  let verifyAt: Location | null = null;
  if (protocol !== 'tcp') {
    // UDP (the default) is never TLS; omfwd has no other protocol.
    tls = protocol === 'udp' ? false : null;
    tlsAt = spec.protocol?.at ?? null;
  } else {
    const driver = spec.driver ?? globals.defaultDriver;
    const name = (driver?.value ?? 'ptcp').toLowerCase();
    if (TLS_DRIVERS.has(name)) {
      tls = (spec.mode?.value ?? '0').trim() === '1';
      tlsAt = spec.mode?.at ?? null;
    } else if (name === 'ptcp') {
      tls = false;
      tlsAt = driver?.at ?? null;
    } else {
      tls = null;
      tlsAt = driver?.at ?? null;
      unknowns.push({ construct: `stream driver ${quoteShort(name, 30)}`, reason: 'not a driver ztmm knows (ptcp, gtls, ossl, mbedtls): TLS is unknown', at: driver?.at ?? base.at });
    }
    if (tls === true) {
      const mode = spec.authMode?.value.trim().toLowerCase();
      verifyAt = spec.authMode?.at ?? null;
      // x509/certvalid checks the chain but not the subject name: any certificate of a trusted CA is
      // accepted ("weak authentication", ns_gtls/ns_ossl docs), so the destination is not verified.
      tlsVerify = mode === undefined ? true : mode === 'anon' || mode === 'x509/certvalid' ? false : mode.startsWith('x509/') ? true : null;
    }
  }
  return output(
    base,
    { sinkKind: 'syslog', remote: remoteOfAll(spec.targets), endpoint: spec.endpoint, port: spec.port, protocol: 'syslog', tls, tlsVerify },
    { tls: tlsAt, tlsVerify: verifyAt },
  );
}

/** Remote when any target leaves the host; false when all are loopback; null when unknown. */
function remoteOfAll(targets: readonly string[] | null): boolean | null {
  if (targets === null || targets.length === 0) return null;
  const each = targets.map((t) => isRemoteHost(t));
  if (each.some((r) => r === true)) return true;
  if (each.every((r) => r === false)) return false;
  return null;
}

function joinEndpoint(targets: readonly string[] | null, port: string | null): string | null {
  if (targets === null || targets.length === 0) return null;
  const hosts = targets.map((t) => withoutCredentials(t)).join(',');
  return port === null ? hosts : `${hosts}:${port}`;
}

function omfwd(obj: RsObject, base: OutputBase, unknowns: RsUnknown[]): (g: Globals) => PipelineOutput {
  const targetParam = param(obj, 'target');
  const targets = strings(targetParam);
  const portParam = setting(param(obj, 'port'));
  const spec: ForwardSpec = {
    targets,
    endpoint: joinEndpoint(targets, portParam?.value ?? null),
    // omfwd's default port is 514.
    port: portParam === null ? 514 : parseSyslogPort(portParam.value),
    protocol: setting(param(obj, 'protocol')),
    driver: setting(param(obj, 'streamdriver', 'streamdriver.name')),
    mode: setting(param(obj, 'streamdrivermode', 'streamdriver.mode')),
    authMode: setting(param(obj, 'streamdriverauthmode', 'streamdriver.authmode')),
  };
  if (targets === null) unknowns.push({ construct: 'action(type="omfwd")', reason: 'no target is written (or it is a shell command, which ztmm never runs)', at: base.at });
  return (g) => finishForward(base, spec, g, unknowns);
}

/** omrelp: TLS only with `tls="on"`; without `tls.authMode` librelp authenticates no peer (anonymous). */
function omrelp(obj: RsObject, base: OutputBase): (g: Globals) => PipelineOutput {
  const targets = strings(param(obj, 'target'));
  const portParam = setting(param(obj, 'port'));
  const tlsParam = setting(param(obj, 'tls'));
  const authParam = setting(param(obj, 'tls.authmode'));
  return () => {
    const tls = tlsParam === null ? false : isOn(tlsParam.value);
    const mode = authParam?.value.trim().toLowerCase();
    // certvalid checks the chain but not the name (any certificate of a trusted CA is accepted).
    const tlsVerify = tls !== true ? null : mode === undefined ? false : ['name', 'fingerprint'].includes(mode) ? true : mode === 'certvalid' ? false : null;
    return output(
      base,
      { sinkKind: 'syslog', remote: remoteOfAll(targets), endpoint: joinEndpoint(targets, portParam?.value ?? null), port: portParam === null ? 514 : parseSyslogPort(portParam.value), protocol: 'syslog', tls, tlsVerify },
      { tls: tlsParam?.at ?? null, tlsVerify: authParam?.at ?? null },
    );
  };
}

// -----------------------------------------------------------------------------------------------
// HTTP outputs

/** What an HTTP push endpoint is, by its path. */
function httpSinkKind(path: string): { sinkKind: SinkKind; protocol: OutputProtocol } {
  if (/loki\/api\/v1\/push/i.test(path)) return { sinkKind: 'loki', protocol: 'http' };
  if (/(^|\/)_bulk\b/i.test(path)) return { sinkKind: 'elasticsearch', protocol: 'http' };
  if (/services\/collector/i.test(path)) return { sinkKind: 'splunk', protocol: 'http' };
  if (/(^|\/)v1\/logs\b/i.test(path)) return { sinkKind: 'otlp', protocol: 'otlp' };
  return { sinkKind: 'webhook', protocol: 'http' };
}

/** The tenant sent to Loki in an `X-Scope-OrgID` header (no other header is read: they may hold credentials). */
function lokiTenant(obj: RsObject): Setting | null {
  const headers = param(obj, 'httpheaders');
  for (const header of strings(headers) ?? []) {
    const m = /^\s*x-scope-orgid\s*:\s*(\S.*?)\s*$/i.exec(header);
    if (m && headers) return { value: m[1] as string, at: headers.at };
  }
  const key = setting(param(obj, 'httpheaderkey'));
  const value = setting(param(obj, 'httpheadervalue'));
  if (key && value && key.value.trim().toLowerCase() === 'x-scope-orgid') return { value: value.value.trim(), at: value.at };
  return null;
}

/** Verification of an HTTPS peer (curl): on unless `allowUnsignedCerts` or `skipVerifyHost` is on. */
function curlVerify(obj: RsObject): { verify: boolean; at: Location | null } {
  for (const name of ['allowunsignedcerts', 'skipverifyhost']) {
    const s = setting(param(obj, name));
    if (s !== null && isOn(s.value) === true) return { verify: false, at: s.at };
  }
  return { verify: true, at: null };
}

/** omhttp (omhttp.c, rsyslog v8): useHttps is on and serverport is 443 unless written. */
function omhttp(obj: RsObject, base: OutputBase): (g: Globals) => PipelineOutput {
  const servers = strings(param(obj, 'server')) ?? ['localhost'];
  const portParam = setting(param(obj, 'serverport'));
  const https = setting(param(obj, 'usehttps'));
  const restPath = setting(param(obj, 'restpath'))?.value ?? '';
  const verify = curlVerify(obj);
  const tenant = lokiTenant(obj);
  return () => {
    const kind = httpSinkKind(restPath);
    const tls = https === null ? true : isOn(https.value);
    return output(
      base,
      {
        sinkKind: kind.sinkKind,
        remote: remoteOfAll(servers),
        endpoint: joinEndpoint(servers, portParam?.value ?? null),
        port: portParam === null ? 443 : parseSyslogPort(portParam.value),
        protocol: kind.protocol,
        tls,
        tlsVerify: tls === true ? verify.verify : null,
        index: kind.sinkKind === 'loki' ? (tenant?.value ?? null) : null,
      },
      { tls: https?.at ?? null, tlsVerify: verify.at, index: tenant?.at ?? null },
    );
  };
}

/**
 * omelasticsearch (rsyslog v8): servers may carry their scheme; without one, `usehttps` (off by
 * default) decides. The index is `searchIndex`, "system" when not written; a dynamic index
 * (`dynSearchIndex="on"`) is a template evaluated per message.
 */
function omelasticsearch(obj: RsObject, base: OutputBase, unknowns: RsUnknown[]): (g: Globals) => PipelineOutput {
  const servers = strings(param(obj, 'server')) ?? ['localhost'];
  const portParam = setting(param(obj, 'serverport'));
  const https = setting(param(obj, 'usehttps'));
  const indexParam = setting(param(obj, 'searchindex'));
  const dynamic = setting(param(obj, 'dynsearchindex'));
  const verify = curlVerify(obj);
  const isDynamicIndex = dynamic !== null && isOn(dynamic.value) === true;
  if (isDynamicIndex) unknowns.push({ construct: 'omelasticsearch dynSearchIndex', reason: 'the index is a template evaluated per message', at: dynamic.at });
  return () => {
    const useHttps = https === null ? false : isOn(https.value);
    const each = servers.map((s) => {
      const scheme = schemeOf(s);
      return scheme === null ? useHttps : scheme === 'https';
    });
    const tls = each.every((t) => t === true) ? true : each.every((t) => t === false) ? false : null;
    const firstPort = portOf(servers[0] ?? '');
    return output(
      base,
      {
        sinkKind: 'elasticsearch',
        remote: remoteOfAll(servers),
        endpoint: joinEndpoint(servers, servers.some((s) => portOf(s) !== null) ? null : (portParam?.value ?? null)),
        port: portParam !== null ? parseSyslogPort(portParam.value) : (firstPort ?? 9200),
        protocol: 'http',
        tls,
        tlsVerify: tls === true ? verify.verify : null,
        index: isDynamicIndex ? null : (indexParam?.value ?? 'system'),
      },
      { tls: https?.at ?? null, tlsVerify: verify.at, index: isDynamicIndex ? dynamic.at : (indexParam?.at ?? null) },
    );
  };
}

/** omkafka: librdkafka speaks plaintext unless `security.protocol` is SSL or SASL_SSL, and then verifies the broker. */
function omkafka(obj: RsObject, base: OutputBase): (g: Globals) => PipelineOutput {
  const brokers = strings(param(obj, 'broker')) ?? ['localhost:9092'];
  const conf = param(obj, 'confparam');
  let tls = false;
  let tlsVerify: boolean | null = null;
  for (const entry of strings(conf) ?? []) {
    const [key, value] = entry.split('=', 2).map((s) => s.trim().toLowerCase());
    if (key === 'security.protocol') tls = value === 'ssl' || value === 'sasl_ssl';
    if (key === 'enable.ssl.certificate.verification') tlsVerify = isOn(value ?? '');
  }
  return () =>
    output(
      base,
      {
        sinkKind: 'kafka',
        remote: remoteOfAll(brokers),
        endpoint: brokers.map((b) => withoutCredentials(b)).join(','),
        port: portOf(brokers[0] ?? ''),
        protocol: 'other',
        tls,
        tlsVerify: tls ? (tlsVerify ?? true) : null,
      },
      { tls: conf?.at ?? null, tlsVerify: conf?.at ?? null },
    );
}

// -----------------------------------------------------------------------------------------------
// Local outputs

function omfile(obj: RsObject, base: OutputBase, unknowns: RsUnknown[]): (g: Globals) => PipelineOutput {
  const file = setting(param(obj, 'file'));
  const dyna = setting(param(obj, 'dynafile'));
  if (file === null && dyna !== null) unknowns.push({ construct: `omfile dynaFile="${quoteShort(dyna.value, 40)}"`, reason: 'the file name is a template evaluated per message', at: dyna.at });
  if (file === null && dyna === null) unknowns.push({ construct: 'action(type="omfile")', reason: 'neither file nor dynaFile is written', at: base.at });
  return () => fileOutput(base, file?.value ?? null);
}

function fileOutput(base: OutputBase, path: string | null): PipelineOutput {
  if (path !== null && isDynamic(path)) return localOutput(base, 'local-file', null);
  // Terminals and devices (/dev/console, /dev/tty8, /dev/null) keep no log.
  if (path !== null && path.startsWith('/dev/')) return localOutput(base, 'other', path);
  return localOutput(base, 'local-file', path);
}

// -----------------------------------------------------------------------------------------------
// Action objects

const LOCAL_MODULES: ReadonlySet<string> = new Set(['omusrmsg', 'ompipe', 'omstdout', 'omjournal', 'omuxsock', 'omtesting']);

export function actionEffect(obj: RsObject, durability: Durability, ctx: ActionContext): ActionEffect {
  const typeParam = param(obj, 'type');
  const type = typeof typeParam?.value === 'string' ? typeParam.value.trim().toLowerCase().replace(/^builtin:/, '') : '';
  if (type === '') {
    ctx.unknowns.push({ construct: 'action()', reason: 'no type is written', at: obj.at });
    return { kind: 'pass' };
  }
  if (type.startsWith('mm')) return { kind: 'pass' };
  if (type === 'omdiscard') return { kind: 'stop' };
  if (type === 'omruleset') {
    const name = setting(param(obj, 'ruleset'));
    return name === null ? { kind: 'pass' } : { kind: 'call', name: name.value };
  }
  const name = setting(param(obj, 'name'))?.value ?? null;
  const id = ctx.newId(type, name);
  const base: OutputBase = { id, plugin: type, at: obj.at, durability };
  return { kind: 'output', id, finish: actionOutput(type, obj, base, ctx) };
}

function actionOutput(type: string, obj: RsObject, base: OutputBase, ctx: ActionContext): (g: Globals) => PipelineOutput {
  switch (type) {
    case 'omfwd':
      return omfwd(obj, base, ctx.unknowns);
    case 'omrelp':
      return omrelp(obj, base);
    case 'omhttp':
      return omhttp(obj, base);
    case 'omelasticsearch':
      return omelasticsearch(obj, base, ctx.unknowns);
    case 'omkafka':
      return omkafka(obj, base);
    case 'omfile':
      return omfile(obj, base, ctx.unknowns);
    case 'omprog':
      ctx.unknowns.push({ construct: 'action(type="omprog")', reason: 'hands events to a program, which ztmm never runs: where they go is unknown', at: obj.at });
      return () => output(base, { sinkKind: 'other' });
    default:
      if (LOCAL_MODULES.has(type)) return () => localOutput(base, 'other');
      ctx.unknowns.push({ construct: `action(type="${quoteShort(type, 40)}")`, reason: 'output module not modelled', at: obj.at });
      return () => output(base, { sinkKind: 'other' });
  }
}

// -----------------------------------------------------------------------------------------------
// Legacy actions

export function legacyActionEffect(text: string, at: Location, durability: Durability, send: LegacySend, ctx: ActionContext, omrulesetName: string | null): ActionEffect {
  const body = text.replace(/^-(?=[/?])/, '');
  const first = body[0] ?? '';
  const make = (plugin: string, finish: (base: OutputBase) => (g: Globals) => PipelineOutput): ActionEffect => {
    const id = ctx.newId(plugin, null);
    return { kind: 'output', id, finish: finish({ id, plugin, at, durability }) };
  };
  if (first === '/') {
    const path = (body.split(';')[0] ?? '').trim().split(/\s+/)[0] ?? '';
    return make('omfile', (base) => () => fileOutput(base, path));
  }
  if (first === '?') {
    ctx.unknowns.push({ construct: `?${quoteShort(body.slice(1).split(';')[0] ?? '', 40)}`, reason: 'the file name is a template evaluated per message', at });
    return make('omfile', (base) => () => localOutput(base, 'local-file', null));
  }
  if (first === '@') return make('omfwd', (base) => legacyForward(body, base, send, ctx.unknowns));
  if (first === '|') return make('ompipe', (base) => () => localOutput(base, 'other'));
  if (first === '~') return { kind: 'stop' };
  if (first === '*' || /^[A-Za-z0-9_][A-Za-z0-9_,\-+]*$/.test(body.split(';')[0] ?? '')) return make('omusrmsg', (base) => () => localOutput(base, 'other'));
  if (first === ':') return legacyModuleAction(body, at, durability, ctx, omrulesetName);
  // Only the action's first character is quoted: legacy database actions (`>host,db,user,password`) carry credentials.
  const reason = first === '^' ? 'runs a program, which ztmm never runs' : first === '>' ? 'writes to a database (ommysql), not modelled' : 'legacy action not modelled';
  ctx.unknowns.push({ construct: `legacy action ${quoteShort(first, 4)}…`, reason, at });
  return make('other', (base) => () => output(base, { sinkKind: 'other' }));
}

/** `@host[:port]` (UDP) or `@@host[:port]` (TCP), with `(o,z9)` options, `[v6]` hosts and `;template`. */
function legacyForward(body: string, base: OutputBase, send: LegacySend, unknowns: RsUnknown[]): (g: Globals) => PipelineOutput {
  const tcp = body.startsWith('@@');
  let rest = body.slice(tcp ? 2 : 1);
  if (rest.startsWith('(')) {
    const close = rest.indexOf(')');
    rest = close === -1 ? '' : rest.slice(close + 1);
  }
  rest = (rest.split(';')[0] ?? '').trim().split(/\s/)[0] ?? '';
  let host: string;
  let portText: string | null = null;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    host = close === -1 ? rest.slice(1) : rest.slice(1, close);
    const after = close === -1 ? '' : rest.slice(close + 1);
    if (after.startsWith(':')) portText = after.slice(1);
  } else {
    const colon = rest.indexOf(':');
    host = colon === -1 ? rest : rest.slice(0, colon);
    if (colon !== -1) portText = rest.slice(colon + 1);
  }
  const targets = host === '' ? null : [host];
  const spec: ForwardSpec = {
    targets,
    endpoint: targets === null ? null : withoutCredentials(rest),
    port: portText === null ? 514 : parseSyslogPort(portText),
    protocol: { value: tcp ? 'tcp' : 'udp', at: base.at },
    driver: send.driver,
    mode: send.mode,
    authMode: send.authMode,
  };
  return (g) => finishForward(base, spec, g, unknowns);
}

/** `:module:parameters` actions: `:omusrmsg:users`, `:omrelp:host:port`, `:omruleset:`, ... */
function legacyModuleAction(body: string, at: Location, durability: Durability, ctx: ActionContext, omrulesetName: string | null): ActionEffect {
  const m = /^:([A-Za-z0-9_]+):(.*)$/.exec(body);
  const module = m ? (m[1] as string).toLowerCase() : '';
  const rest = m ? (m[2] as string) : '';
  if (module === 'omruleset') {
    if (omrulesetName !== null) return { kind: 'call', name: omrulesetName };
    ctx.unknowns.push({ construct: ':omruleset:', reason: 'no $ActionOmrulesetRulesetName precedes it', at });
    return { kind: 'pass' };
  }
  if (module === 'omdiscard') return { kind: 'stop' };
  const id = ctx.newId(module === '' ? 'other' : module, null);
  const base: OutputBase = { id, plugin: module === '' ? 'other' : module, at, durability };
  if (module === 'omrelp') {
    const target = (rest.split(';')[0] ?? '').trim();
    const colon = target.lastIndexOf(':');
    const host = colon === -1 ? target : target.slice(0, colon);
    const port = colon === -1 ? 514 : parseSyslogPort(target.slice(colon + 1));
    return {
      kind: 'output',
      id,
      finish: () => output(base, { sinkKind: 'syslog', remote: isRemoteHost(host), endpoint: host === '' ? null : withoutCredentials(target), port, protocol: 'syslog', tls: false }),
    };
  }
  if (module === 'omusrmsg' || LOCAL_MODULES.has(module)) return { kind: 'output', id, finish: () => localOutput(base, 'other') };
  ctx.unknowns.push({ construct: `:${quoteShort(module, 30)}:`, reason: module === 'omprog' ? 'runs a program, which ztmm never runs' : 'output module not modelled', at });
  return { kind: 'output', id, finish: () => output(base, { sinkKind: 'other' }) };
}
