/**
 * Docker daemon configs (issue 4): `daemon.json` (`/etc/docker/daemon.json`), read as a parsed
 * JSON document. The default logging driver (`log-driver`, Docker's default `json-file`) and its
 * `log-opts` decide where container output goes: container log files the node's shipper tails,
 * the journal, local syslog, or a remote endpoint the daemon sends to itself (syslog over the
 * network, Fluentd, GELF, CloudWatch Logs, Splunk HEC, Google Cloud Logging). One `docker-daemon`
 * subject and one `docker-containers` source per file. Containers started with their own
 * `--log-driver` are not visible here.
 */
import type { StructuredDocument } from '../documents/yaml-document.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead, PipelineOutput, SourceDecl } from '../model/pipeline.js';
import type { Subject } from '../model/subject.js';
import type { Location } from '../model/vocabulary.js';
import { isRecord } from '../util/is-record.js';
import type { DocumentAdapter, ReadContext } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { parseEndpoint } from './hosts/endpoint.js';
import type { Endpoint } from './hosts/endpoint.js';
import { addProblem, addUnknown, baseName, parseGoBool, shorten } from './hosts/text.js';

/** Docker's default logging driver when `log-driver` is absent (Docker Engine 20–27). */
export const DEFAULT_LOG_DRIVER = 'json-file';

/** Top-level daemon.json keys (dockerd reference, "Daemon configuration file"): a document with one is a daemon config. */
const DAEMON_KEYS = new Set([
  'log-driver', 'log-opts', 'log-level', 'log-format', 'storage-driver', 'storage-opts', 'data-root', 'graph', 'exec-root', 'registry-mirrors',
  'insecure-registries', 'live-restore', 'exec-opts', 'default-ulimits', 'dns', 'dns-opts', 'dns-search', 'bip', 'hosts', 'tlsverify',
  'tlscacert', 'tlscert', 'tlskey', 'features', 'experimental', 'debug', 'default-runtime', 'runtimes', 'userns-remap', 'icc', 'iptables',
  'ip6tables', 'ip-forward', 'ip-masq', 'mtu', 'default-address-pools', 'builder', 'cgroup-parent', 'containerd', 'containerd-namespace',
  'max-concurrent-downloads', 'max-concurrent-uploads', 'metrics-addr', 'userland-proxy', 'selinux-enabled', 'no-new-privileges',
  'seccomp-profile', 'shutdown-timeout', 'default-shm-size', 'labels', 'ipv6', 'fixed-cidr', 'fixed-cidr-v6', 'group', 'pidfile', 'init',
  'oom-score-adjust', 'raw-logs', 'authorization-plugins', 'proxies', 'default-cgroupns-mode', 'cdi-spec-dirs', 'default-ipc-mode',
]);

interface Opts {
  values: Map<string, string>;
  at: (key: string) => Location;
}

function readOpts(doc: StructuredDocument, data: Record<string, unknown>, read: ConfigRead): Opts {
  const values = new Map<string, string>();
  const raw = Object.hasOwn(data, 'log-opts') ? data['log-opts'] : undefined;
  if (raw !== undefined && raw !== null && !isRecord(raw)) addProblem(read, doc.locate(['log-opts']), 'log-opts must be an object of strings');
  if (isRecord(raw)) {
    for (const key of Object.keys(raw).sort()) {
      const value = raw[key];
      // dockerd refuses to start on a non-string log option (docs: "must be provided as strings").
      if (typeof value !== 'string') addProblem(read, doc.locate(['log-opts', key]), `log-opts ${shorten(key, 40)} must be a string; dockerd refuses to start`);
      else values.set(key, value);
    }
  }
  return { values, at: (key) => (values.has(key) ? doc.locate(['log-opts', key]) : doc.locate(['log-opts'])) };
}

interface Delivery {
  channels: SourceDecl['channels'];
  paths: string[];
  output: PipelineOutput | null;
  /** Where the output's transport is decided. */
  transportAt: Location;
  verifyAt: Location;
  /** False for drivers and plugins not modelled: where their events go is unknown. */
  understood: boolean;
}

function output(id: string, plugin: string, sinkKind: PipelineOutput['sinkKind'], ep: Endpoint | null, protocol: PipelineOutput['protocol'], tls: boolean | null, tlsVerify: boolean | null, where: Location, locations: Record<string, Location>, extra: Partial<PipelineOutput> = {}): PipelineOutput {
  return {
    id,
    plugin,
    sinkKind,
    remote: ep ? !ep.local : true,
    endpoint: ep ? ep.display : null,
    port: ep?.port ?? null,
    protocol,
    tls,
    tlsVerify: tls === true ? tlsVerify : null,
    durable: false,
    index: null,
    path: null,
    at: where,
    locations,
    ...extra,
  };
}

/** What the driver does with container output. */
function delivery(driver: string, opts: Opts, driverAt: Location, dataRoot: string, read: ConfigRead): Delivery {
  const none: Delivery = { channels: [], paths: [], output: null, transportAt: driverAt, verifyAt: driverAt, understood: true };
  const v = opts.values;
  switch (driver) {
    case 'json-file':
      return { ...none, channels: [{ kind: 'containers', facility: null }], paths: [`${dataRoot}/containers/*/*-json.log`] };
    case 'local':
      // The local driver's files are in an internal format, not meant for other readers.
      return { ...none, channels: [{ kind: 'containers', facility: null }] };
    case 'journald':
      return { ...none, channels: [{ kind: 'journald', facility: null }] };
    case 'none':
      return none;
    case 'syslog': {
      const address = v.get('syslog-address');
      const facility = (v.get('syslog-facility') ?? 'daemon').toLowerCase();
      const addressAt = opts.at('syslog-address');
      if (address === undefined) return { ...none, channels: [{ kind: 'syslog', facility }], transportAt: driverAt };
      const ep = parseEndpoint(address);
      if (ep.scheme === 'unix' || ep.scheme === 'unixgram') return { ...none, channels: [{ kind: 'syslog', facility }], transportAt: addressAt };
      if (!['tcp', 'udp', 'tcp+tls'].includes(ep.scheme ?? '')) {
        addProblem(read, addressAt, 'syslog-address must be tcp://, udp://, tcp+tls://, unix:// or unixgram://');
        return { ...none, transportAt: addressAt };
      }
      const tls = ep.scheme === 'tcp+tls';
      const skip = parseGoBool(v.get('syslog-tls-skip-verify'));
      const verifyAt = v.has('syslog-tls-skip-verify') ? opts.at('syslog-tls-skip-verify') : addressAt;
      if (ep.local) return { ...none, channels: [{ kind: 'syslog', facility }], transportAt: addressAt };
      const out = output('syslog', 'syslog', 'syslog', ep, 'syslog', tls, skip !== true, addressAt, { tls: addressAt, tlsVerify: verifyAt });
      return { ...none, output: out, transportAt: addressAt, verifyAt };
    }
    case 'fluentd': {
      const addressAt = opts.at('fluentd-address');
      const ep = parseEndpoint(v.get('fluentd-address') ?? 'localhost:24224');
      if (ep.scheme === 'unix') return { ...none, output: output('fluentd', 'fluentd', 'other', ep, 'forward', null, null, addressAt, {}), transportAt: addressAt };
      const tls = ep.scheme === 'tls' ? true : ep.scheme === null || ep.scheme === 'tcp' ? false : null;
      if (tls === true) addUnknown(read, 'fluentd-address tls://', 'whether the Fluentd peer certificate is verified is not read', addressAt);
      const out = output('fluentd', 'fluentd', 'other', ep, 'forward', tls, null, addressAt, { tls: addressAt });
      return { ...none, output: out, transportAt: addressAt };
    }
    case 'gelf': {
      const address = v.get('gelf-address');
      const addressAt = opts.at('gelf-address');
      if (address === undefined) {
        addProblem(read, driverAt, 'the gelf driver needs gelf-address');
        return none;
      }
      const ep = parseEndpoint(address);
      // GELF goes over plain UDP or TCP: the driver has no TLS option.
      const tls = ep.scheme === 'udp' || ep.scheme === 'tcp' ? false : null;
      return { ...none, output: output('gelf', 'gelf', 'other', ep, 'other', tls, null, addressAt, { tls: addressAt }), transportAt: addressAt };
    }
    case 'awslogs': {
      const endpoint = v.get('awslogs-endpoint');
      const endpointAt = endpoint === undefined ? (v.has('awslogs-group') ? opts.at('awslogs-group') : driverAt) : opts.at('awslogs-endpoint');
      const ep = endpoint === undefined ? null : parseEndpoint(endpoint);
      // The AWS SDK calls the regional HTTPS endpoint and verifies it; a custom endpoint says its scheme.
      const tls = ep === null ? true : ep.scheme === 'https' ? true : ep.scheme === 'http' ? false : null;
      return { ...none, output: output('awslogs', 'awslogs', 'cloudwatch-logs', ep, 'http', tls, true, endpointAt, { tls: endpointAt }), transportAt: endpointAt };
    }
    case 'splunk': {
      const url = v.get('splunk-url');
      const urlAt = opts.at('splunk-url');
      if (url === undefined) {
        addProblem(read, driverAt, 'the splunk driver needs splunk-url');
        return none;
      }
      const ep = parseEndpoint(url);
      const tls = ep.scheme === 'https' ? true : ep.scheme === 'http' ? false : null;
      const insecure = parseGoBool(v.get('splunk-insecureskipverify'));
      const verifyAt = v.has('splunk-insecureskipverify') ? opts.at('splunk-insecureskipverify') : urlAt;
      const index = v.get('splunk-index') ?? null;
      const out = output('splunk', 'splunk', 'splunk', ep, 'http', tls, insecure !== true, urlAt, { tls: urlAt, tlsVerify: verifyAt }, { index });
      return { ...none, output: out, transportAt: urlAt, verifyAt };
    }
    case 'gcplogs':
      // Google Cloud Logging client libraries use HTTPS with verification.
      return { ...none, output: output('gcplogs', 'gcplogs', 'other', null, 'http', true, true, driverAt, {}), transportAt: driverAt };
    default:
      addUnknown(read, `log-driver ${shorten(driver, 60)}`, 'logging driver or plugin not modelled; where container logs go is unknown', driverAt);
      return { ...none, understood: false };
  }
}

/** json-file and local rotation settings with Docker's defaults (json-file: unbounded size, 1 file; local: 20m, 5 files, compressed). */
function rotation(driver: string, opts: Opts): { maxSize: string | null; maxFile: number | null; compress: boolean | null } {
  if (driver !== 'json-file' && driver !== 'local') return { maxSize: null, maxFile: null, compress: null };
  const local = driver === 'local';
  const maxSize = opts.values.get('max-size') ?? (local ? '20m' : '-1');
  const file = opts.values.get('max-file');
  const maxFile = file !== undefined && /^\d{1,9}$/.test(file) ? Number(file) : file === undefined ? (local ? 5 : 1) : null;
  const compress = parseGoBool(opts.values.get('compress')) ?? (opts.values.has('compress') ? null : local);
  return { maxSize, maxFile, compress };
}

export function readDockerDaemon(doc: StructuredDocument, _context: ReadContext): ConfigRead {
  const read = emptyRead('docker-daemon');
  try {
    const data = doc.data;
    const root = doc.locate([]);
    if (!isRecord(data)) {
      read.problems.push({ at: root, message: 'daemon.json must be a JSON object' });
      read.fatal = true;
      return read;
    }
    const rawDriver = Object.hasOwn(data, 'log-driver') ? data['log-driver'] : undefined;
    if (rawDriver !== undefined && typeof rawDriver !== 'string') addProblem(read, doc.locate(['log-driver']), 'log-driver must be a string');
    const explicitDriver = typeof rawDriver === 'string' && rawDriver !== '';
    const driver = explicitDriver ? (rawDriver as string) : rawDriver === undefined ? DEFAULT_LOG_DRIVER : null;
    const driverAt = explicitDriver ? doc.locate(['log-driver']) : root;
    const opts = readOpts(doc, data, read);
    const dataRootRaw = Object.hasOwn(data, 'data-root') ? data['data-root'] : undefined;
    const dataRoot = typeof dataRootRaw === 'string' && dataRootRaw.startsWith('/') ? dataRootRaw.replace(/\/+$/, '') : '/var/lib/docker';
    const d = driver === null ? null : delivery(driver, opts, driverAt, dataRoot, read);
    const out = d?.output ?? null;
    const mode = opts.values.get('mode') ?? 'blocking';
    if (mode !== 'blocking' && mode !== 'non-blocking') addProblem(read, opts.at('mode'), "log-opts mode must be 'blocking' or 'non-blocking'");
    const rot = driver === null ? { maxSize: null, maxFile: null, compress: null } : rotation(driver, opts);
    const logLevel = Object.hasOwn(data, 'log-level') && typeof data['log-level'] === 'string' ? data['log-level'] : null;
    const locations: Record<string, Location> = {
      logDriver: driverAt,
      recordsLogs: driverAt,
      deliveryMode: opts.values.has('mode') ? opts.at('mode') : driverAt,
      maxSize: opts.values.has('max-size') ? opts.at('max-size') : driverAt,
      maxFile: opts.values.has('max-file') ? opts.at('max-file') : driverAt,
      remote: d?.transportAt ?? driverAt,
      endpoint: d?.transportAt ?? driverAt,
      tls: d?.transportAt ?? driverAt,
      tlsVerify: d?.verifyAt ?? driverAt,
    };
    const subject: Subject = {
      kind: 'docker-daemon',
      id: `docker-daemon:${doc.path}${doc.index > 0 ? `#${doc.index}` : ''}`,
      path: doc.path,
      pillars: ['applications'],
      facts: {
        logDriver: driver,
        explicit: { logDriver: explicitDriver },
        recordsLogs: driver === null ? null : driver !== 'none',
        deliveryMode: mode,
        maxSize: rot.maxSize,
        maxFile: rot.maxFile,
        compress: rot.compress,
        remote: out ? out.remote : d?.understood ? false : null,
        endpoint: out?.endpoint ?? null,
        protocol: out?.protocol ?? null,
        tls: out ? out.tls : null,
        tlsVerify: out ? out.tlsVerify : null,
        index: out?.index ?? null,
        channels: d ? d.channels.map((c) => c.kind) : [],
        dataRoot,
        daemonLogLevel: logLevel,
      },
      locations,
      unreadable: {},
      declaredAt: root,
    };
    read.subjects.push(subject);
    if (d && d.understood && driver !== 'none') {
      const source: SourceDecl = {
        id: `docker-containers:${doc.path}`,
        system: 'docker-containers',
        pillars: ['applications'],
        paths: d.paths,
        channels: d.channels,
        outputs: out ? [out] : [],
        localRetentionDays: null,
        declaredAt: driverAt,
        locations: { channels: driverAt, outputs: d.transportAt },
      };
      read.sources.push(source);
    }
  } catch (error) {
    read.problems.push({ at: { path: doc.path, line: 1, column: 1 }, message: `could not be read as daemon.json (${error instanceof Error ? error.name : 'error'})` });
    read.fatal = true;
  }
  return read;
}

/** `daemon.json` with at least one daemon key, or an empty one under a `docker/` folder. */
export function claimsDockerDaemon(path: string, data: unknown): boolean {
  if (baseName(path) !== 'daemon.json' || !isRecord(data)) return false;
  const keys = Object.keys(data);
  if (keys.length === 0) return /(^|\/)docker\//.test(path);
  return keys.some((k) => DAEMON_KEYS.has(k));
}

export const DOCKER_DAEMON_DOCUMENT: DocumentAdapter = {
  kind: 'docker-daemon',
  claims: claimsDockerDaemon,
  read: readDockerDaemon,
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [DOCKER_DAEMON_DOCUMENT] };
