/**
 * Turns a read Fluent Bit configuration into a pipeline: inputs with their channel, outputs with
 * their destination, TLS and buffering, and the routes records take from inputs to outputs.
 *
 * Routing (Fluent Bit 3.x/4.x, flb_router.c and the filters that re-emit records):
 * - an input's records carry its `Tag` (default: the instance name, `tail.0`; instance numbers
 *   count all inputs in order); `tail` expands `*` from the file path, `systemd` and `syslog`
 *   from the unit or program, `forward` and `http` without `Tag` keep the sender's tags;
 * - an output takes the records its `Match` (wildcards `*`) or `Match_Regex` matches; one with
 *   neither takes nothing, except when the configuration has exactly one input and one output;
 * - `rewrite_tag` re-emits matched records under a tag built from their content, through its own
 *   emitter (memory-buffered unless `Emitter_Storage.type filesystem`); records that do not match
 *   its rule keep their tag. Both routes are kept (a route means records *may* take it) and the
 *   filter is listed as not understood, since which records take which route is data-dependent;
 * - `multiline` with `buffer on` (the default) hands records to its emitter, which re-emits them
 *   with the same tag: their buffering becomes the emitter's.
 * Durability: records are on disk only when their input has `storage.type filesystem` and
 * `[SERVICE] storage.path` is set.
 */
import { compareStrings } from '../../model/vocabulary.js';
import type { Location } from '../../model/vocabulary.js';
import type { Pipeline, PipelineEdge, PipelineInput, PipelineOutput } from '../../model/pipeline.js';
import { quote, splitHostPort, withoutCredentials } from './notes.js';
import { isLoopback, parsePort } from '../shipper-kit/endpoint.js';
import type { Notes } from './notes.js';
import { INPUT_PLUGINS, OUTPUT_PLUGINS, PLAIN_FILTERS } from './plugins.js';
import type { OutputPlugin } from './plugins.js';
import { allEntries, lastEntry, parseBool, resolve, resolveAsPattern } from './sections.js';
import type { Entry, RawConfig, Section } from './sections.js';
import { isLiteral, patternsOverlap, regexMatchesTag, rewrittenTagPattern, tagRegexPattern, tailTagPattern } from './tags.js';

type Storage = 'filesystem' | 'memory' | null;

interface Buffering {
  storage: Storage;
  /** Where the buffering of these records is decided. */
  at: Location;
}

interface InputInstance {
  input: PipelineInput;
  /** Tags (patterns) the records of this input carry. */
  tags: string[];
  buffering: Buffering;
  routable: boolean;
}

interface Matcher {
  match: string | null;
  regex: string | null;
  at: Location;
}

interface FilterInstance {
  plugin: string;
  matcher: Matcher;
  section: Section;
  /** rewrite_tag: the tags records are re-emitted under. */
  rewrites: string[];
  /** rewrite_tag and buffered multiline: the buffering of re-emitted records. */
  emitter: Buffering | null;
}

interface OutputInstance {
  output: PipelineOutput;
  matcher: Matcher;
  section: Section;
  plugin: OutputPlugin | null;
}

/** A set of records on their way: from which input, under which tag, buffered how. */
interface Stream {
  input: InputInstance;
  tag: string;
  buffering: Buffering;
  /** Index of a rewrite_tag filter that does not see the records it emitted itself. */
  skip: number;
  depth: number;
}

/** rewrite_tag chains longer than this are not followed. */
const MAX_REEMIT_DEPTH = 8;
/** At most this many streams are followed through the filters. */
const MAX_STREAMS = 4096;
/** At most this many inputs, filters and outputs each are read. */
const MAX_PLUGINS = 512;

export interface BuildContext {
  path: string;
  declaredAt: Location;
  notes: Notes;
  shipper: string;
  /** Reads an upstream definition file (`Upstream` of forward outputs). */
  upstream: (file: string, at: Location) => UpstreamNode[] | null;
}

export interface UpstreamNode {
  host: string | null;
  port: number | null;
  tls: boolean | null;
  tlsVerify: boolean | null;
  at: Location;
}

class Reader {
  constructor(
    readonly config: RawConfig,
    readonly notes: Notes,
  ) {}

  /** A setting's value with variables resolved; null when absent (or resolving to nothing) or unknown. */
  get(section: Section, key: string): { value: string | null; entry: Entry | null; unknown: boolean } {
    const entry = lastEntry(section, key);
    if (!entry) return { value: null, entry: null, unknown: false };
    const resolved = resolve(entry, this.config.variables, this.notes);
    if (resolved.value === null) return { value: null, entry, unknown: true };
    return { value: resolved.value === '' ? null : resolved.value, entry, unknown: false };
  }

  bool(section: Section, key: string, fallback: boolean): { value: boolean | null; at: Location; entry: Entry | null } {
    const got = this.get(section, key);
    const at = got.entry?.at ?? section.at;
    if (got.unknown) return { value: null, at, entry: got.entry };
    if (got.value === null) return { value: fallback, at, entry: got.entry };
    const parsed = parseBool(got.value);
    if (parsed === null) this.notes.problem(at, `${key}: not a boolean (on/off, true/false, yes/no): ${quote(got.value)}`);
    return { value: parsed, at, entry: got.entry };
  }
}

export function buildPipeline(config: RawConfig, context: BuildContext): Pipeline {
  const reader = new Reader(config, context.notes);
  const service = config.sections.find((s) => s.kind === 'service') ?? null;
  const storagePath = service ? reader.get(service, 'storage.path') : { value: null, entry: null, unknown: false };
  const serviceAt = storagePath.entry?.at ?? service?.at ?? context.declaredAt;
  const fsReady: boolean | null = storagePath.unknown ? null : storagePath.value !== null;

  noteUnmodelledSections(config, context.notes);
  const inputs = plugins(config, 'input', context.notes).map((s, i) => readInput(s, i, reader, fsReady, serviceAt));
  const filters = plugins(config, 'filter', context.notes).map((s) => readFilter(s, reader, fsReady, serviceAt));
  const outputs = plugins(config, 'output', context.notes).map((s, i) => readOutput(s, i, reader, context));
  uniqueIds(inputs.map((i) => i.input), context.notes);
  uniqueIds(outputs.map((o) => o.output), context.notes);

  const emitters = filters.some((f) => f.emitter !== null);
  const only = inputs.length === 1 && outputs.length === 1 && !emitters;
  const reached = route(inputs, filters, outputs, only, context.notes);

  const edges: PipelineEdge[] = [];
  for (const out of outputs) {
    const streams = reached.get(out) ?? [];
    out.output.durable = durability(streams, out.output);
    finishFileOutput(out, streams, reader);
    const from = new Set(streams.map((s) => s.input.input.id));
    for (const id of [...from].sort(compareStrings)) edges.push({ input: id, output: out.output.id, facilities: null });
  }
  edges.sort((a, b) => compareStrings(a.input, b.input) || compareStrings(a.output, b.output));
  return {
    id: `${context.shipper}:${context.path}`,
    shipper: context.shipper,
    path: context.path,
    declaredAt: context.declaredAt,
    inputs: inputs.map((i) => i.input),
    outputs: outputs.map((o) => o.output),
    edges,
  };
}

/** Sections of one plugin kind, at most MAX_PLUGINS of them (real configurations have a few dozen). */
function plugins(config: RawConfig, kind: 'input' | 'filter' | 'output', notes: Notes): Section[] {
  const sections = config.sections.filter((s) => s.kind === kind);
  const extra = sections[MAX_PLUGINS];
  if (extra) notes.unknown(`[${kind.toUpperCase()}]`, `more than ${MAX_PLUGINS} ${kind} sections; the rest are not read`, extra.at);
  return sections.slice(0, MAX_PLUGINS);
}

function noteUnmodelledSections(config: RawConfig, notes: Notes): void {
  for (const section of config.sections) {
    if (section.kind === 'custom') notes.unknown(`[${quote(section.name)}]`, 'custom plugins (fleet management, ...) are not modelled', section.at);
    else if (section.kind === 'stream_processor') notes.unknown(`[${quote(section.name)}]`, 'stream processor tasks can create streams with new tags; not modelled', section.at);
    else if (section.kind === 'other' && !/^(node|upstream)$/i.test(section.name)) notes.unknown(`[${quote(section.name)}]`, 'section not known to Fluent Bit', section.at);
  }
  for (const section of config.sections) {
    if (section.kind !== 'service') continue;
    const streams = lastEntry(section, 'streams_file');
    if (streams) notes.unknown('streams_file', 'stream processor tasks can create streams with new tags; not modelled', streams.at);
  }
}

function uniqueIds(items: { id: string; at: Location }[], notes: Notes): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) {
      notes.problem(item.at, `two plugins share the alias ${quote(item.id)}`);
      let n = 2;
      while (seen.has(`${item.id}#${n}`)) n++;
      item.id = `${item.id}#${n}`;
    }
    seen.add(item.id);
  }
}

function pluginName(section: Section, reader: Reader): { name: string | null; at: Location } {
  const got = reader.get(section, 'name');
  const at = got.entry?.at ?? section.at;
  if (got.unknown) return { name: null, at };
  if (got.value === null) {
    reader.notes.problem(section.at, `[${quote(section.name)}] without a plugin name (Name)`);
    return { name: null, at };
  }
  return { name: got.value.toLowerCase(), at };
}

// ---------------------------------------------------------------------------------------------
// Inputs

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** Folders container runtimes write container stdout/stderr to. */
const CONTAINER_LOG_DIRS = ['/var/log/containers/', '/var/log/pods/', '/var/lib/docker/containers/'];

export function isContainerLogPath(path: string): boolean {
  return CONTAINER_LOG_DIRS.some((dir) => path.startsWith(dir));
}

function readInput(section: Section, index: number, reader: Reader, fsReady: boolean | null, serviceAt: Location): InputInstance {
  const { name: plugin } = pluginName(section, reader);
  const known = plugin ? INPUT_PLUGINS.get(plugin) : undefined;
  if (plugin && !known) reader.notes.unknown(`input ${quote(plugin)}`, 'input plugin not known; its events are not attributed to a source', section.at);
  const instance = `${plugin ?? 'unknown'}.${index}`;
  const alias = reader.get(section, 'alias').value;
  const input: PipelineInput = {
    id: alias ?? `${plugin ?? 'unknown'}#${index}`,
    plugin: plugin ?? 'unknown',
    channel: known?.channel ?? 'other',
    paths: [],
    exclude: [],
    port: null,
    at: section.at,
  };
  if (plugin) describeInput(plugin, section, input, reader);
  const routable = reader.bool(section, 'routable', true).value !== false;
  return { input, tags: inputTags(plugin, instance, section, input, reader), buffering: inputBuffering(section, reader, fsReady, serviceAt), routable };
}

function describeInput(plugin: string, section: Section, input: PipelineInput, reader: Reader): void {
  const defaults = INPUT_PLUGINS.get(plugin);
  if (plugin === 'tail') {
    const path = reader.get(section, 'path');
    if (path.value !== null) input.paths = splitList(path.value);
    else if (path.unknown && path.entry) input.paths = splitList(path.entry.value);
    else reader.notes.problem(section.at, 'tail input without a Path');
    const exclude = reader.get(section, 'exclude_path');
    if (exclude.value !== null) input.exclude = splitList(exclude.value);
    else if (exclude.unknown && exclude.entry) input.exclude = splitList(exclude.entry.value);
    if (input.paths.length > 0 && input.paths.every(isContainerLogPath)) input.channel = 'containers';
    return;
  }
  if (plugin === 'systemd') {
    const filters = allEntries(section, 'systemd_filter');
    if (filters.length > 0) reader.notes.unknown('Systemd_Filter', `the journal is read only for entries matching ${filters.map((f) => quote(f.value)).join(', ')}; which programs that covers is not modelled`, filters[0]?.at ?? section.at);
    return;
  }
  if (plugin === 'syslog') {
    const mode = (reader.get(section, 'mode').value ?? 'unix_udp').toLowerCase();
    if (mode === 'tcp' || mode === 'udp') {
      input.channel = 'syslog-listener';
      input.port = listenerPort(section, reader, defaults?.port ?? null);
    } else if (mode === 'unix_udp' || mode === 'unix_tcp') {
      input.channel = 'syslog-local';
      const path = reader.get(section, 'path').value;
      if (path !== null) input.paths = [path];
    } else {
      reader.notes.problem(lastEntry(section, 'mode')?.at ?? section.at, `syslog Mode must be unix_udp, unix_tcp, tcp or udp: ${quote(mode)}`);
      input.channel = 'other';
    }
    return;
  }
  if (plugin === 'forward' && reader.get(section, 'unix_path').value !== null) return;
  if (plugin === 'tcp' || plugin === 'udp') {
    // Lines of plain text (`format none`) are what syslog senders send; JSON (the default) is not syslog.
    const format = (reader.get(section, 'format').value ?? 'json').toLowerCase();
    if (format === 'none') input.channel = 'syslog-listener';
  }
  if (defaults?.port !== null && defaults?.port !== undefined) input.port = listenerPort(section, reader, defaults.port);
}

function listenerPort(section: Section, reader: Reader, fallback: number | null): number | null {
  const port = reader.get(section, 'port');
  if (port.unknown) return null;
  if (port.value === null) return fallback;
  const n = parsePort(port.value);
  if (n === null) reader.notes.problem(port.entry?.at ?? section.at, `Port is not a port number: ${quote(port.value)}`);
  return n;
}

/** The tags an input's records can carry, as wildcard patterns. */
function inputTags(plugin: string | null, instance: string, section: Section, input: PipelineInput, reader: Reader): string[] {
  const tagEntry = lastEntry(section, 'tag');
  const resolved = tagEntry ? reader.get(section, 'tag') : null;
  // A variable the file does not set makes that part of the tag unknown: it may be anything.
  const written = tagEntry ? (resolved?.unknown ? resolveAsPattern(tagEntry, reader.config.variables) : resolved?.value ?? null) : null;
  const tag = written ?? instance;
  switch (plugin) {
    case 'tail': {
      // With Tag_Regex, `<name>` parts of the tag are filled from the file name's captures.
      if (reader.get(section, 'tag_regex').value !== null && tag.includes('<')) return [tagRegexPattern(tag)];
      if (!tag.includes('*')) return [tag];
      // A path part the file does not set (a variable) may be anything.
      const paths = input.paths.length > 0 ? input.paths.map((p) => p.replace(/\$\{[^}]{0,256}\}/g, '*')) : ['*'];
      return unique(paths.map((p) => tailTagPattern(tag, p)));
    }
    case 'forward': {
      if (written !== null) return [written];
      // Without Tag the records keep the tags their senders gave them (prefixed with Tag_Prefix).
      const prefix = reader.get(section, 'tag_prefix').value ?? '';
      return [`${prefix}*`];
    }
    case 'http':
    case 'splunk':
    case 'elasticsearch':
      if (reader.get(section, 'tag_key').value !== null) return ['*'];
      return plugin === 'http' && written === null ? ['*'] : [tag];
    case 'opentelemetry': {
      // tag_from_uri (default on): logs received on /v1/logs carry the tag `v1_logs`.
      const fromUri = reader.bool(section, 'tag_from_uri', true).value;
      if (fromUri === false) return [tag];
      return fromUri === null ? ['*'] : ['v1_logs'];
    }
    default:
      return [tag];
  }
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function storageOf(section: Section, key: string, reader: Reader, fsReady: boolean | null, serviceAt: Location): Buffering {
  const got = reader.get(section, key);
  const at = got.entry?.at ?? section.at;
  if (got.unknown) return { storage: null, at };
  const type = (got.value ?? 'memory').toLowerCase();
  if (type === 'memory' || type === 'memrb') return { storage: 'memory', at };
  if (type !== 'filesystem') {
    reader.notes.problem(at, `${key} must be filesystem, memory or memrb: ${quote(type)}`);
    return { storage: null, at };
  }
  // Without [SERVICE] storage.path an input can only buffer in memory.
  if (fsReady === null) return { storage: null, at: serviceAt };
  return fsReady ? { storage: 'filesystem', at } : { storage: 'memory', at: serviceAt };
}

function inputBuffering(section: Section, reader: Reader, fsReady: boolean | null, serviceAt: Location): Buffering {
  return storageOf(section, 'storage.type', reader, fsReady, serviceAt);
}

// ---------------------------------------------------------------------------------------------
// Filters

function matcherOf(section: Section, reader: Reader): Matcher {
  const match = lastEntry(section, 'match');
  const regex = lastEntry(section, 'match_regex');
  const at = match?.at ?? regex?.at ?? section.at;
  const matchValue = match ? (reader.get(section, 'match').unknown ? resolveAsPattern(match, reader.config.variables) : reader.get(section, 'match').value) : null;
  const regexValue = regex ? reader.get(section, 'match_regex').value : null;
  if (regex && reader.get(section, 'match_regex').unknown) reader.notes.unknown('Match_Regex', 'holds a variable the file does not set; taken to match every tag', regex.at);
  return { match: matchValue, regex: regex ? (regexValue ?? '.*') : null, at };
}

function readFilter(section: Section, reader: Reader, fsReady: boolean | null, serviceAt: Location): FilterInstance {
  const { name } = pluginName(section, reader);
  const plugin = name ?? 'unknown';
  const filter: FilterInstance = { plugin, matcher: matcherOf(section, reader), section, rewrites: [], emitter: null };
  if (plugin === 'rewrite_tag') {
    filter.rewrites = rewriteRules(section, reader);
    filter.emitter = storageOf(section, 'emitter_storage.type', reader, fsReady, serviceAt);
    reader.notes.unknown(
      'rewrite_tag',
      'records matching its rule are re-emitted under a tag built from their content: routes are kept for both the new and the original tag (records may take either)',
      section.at,
    );
  } else if (plugin === 'multiline') {
    if (reader.bool(section, 'buffer', true).value !== false) filter.emitter = storageOf(section, 'emitter_storage.type', reader, fsReady, serviceAt);
  } else if (name !== null && !PLAIN_FILTERS.has(plugin)) {
    reader.notes.unknown(`filter ${quote(plugin)}`, 'filter plugin not known; taken not to change the tag of records', section.at);
  }
  return filter;
}

/** `Rule $KEY REGEX NEW_TAG KEEP`: the tag pattern of each rule. */
function rewriteRules(section: Section, reader: Reader): string[] {
  const tags: string[] = [];
  for (const rule of allEntries(section, 'rule')) {
    const words = ruleWords(resolveAsPattern(rule, reader.config.variables));
    const newTag = words[2];
    if (words.length !== 4 || newTag === undefined) {
      reader.notes.problem(rule.at, `rewrite_tag Rule needs 4 parts ($KEY REGEX NEW_TAG KEEP): ${quote(rule.value)}`);
      tags.push('*');
      continue;
    }
    tags.push(rewrittenTagPattern(newTag));
  }
  if (tags.length === 0) reader.notes.problem(section.at, 'rewrite_tag without a Rule');
  return unique(tags);
}

/** Words of a rule: whitespace-separated, double quotes group a word. */
function ruleWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) words.push(m[1] ?? m[2] ?? '');
  return words;
}

// ---------------------------------------------------------------------------------------------
// Routing

/** Work spent on tag patterns (characters compared); past it, routes are taken to exist. */
interface Budget {
  left: number;
  exhausted: Location | null;
}

const ROUTING_BUDGET = 10_000_000;

function matches(matcher: Matcher, tag: string, what: string, notes: Notes, budget: Budget): boolean {
  if (matcher.regex !== null) {
    const hit = regexMatchesTag(matcher.regex, tag);
    if (hit === true) return true;
    if (hit === null) {
      notes.unknown('Match_Regex', `${what}: cannot be decided for records tagged ${quote(tag)}; taken to match`, matcher.at);
      return true;
    }
  }
  if (matcher.match === null) return false;
  const cost = (matcher.match.length + 1) * (tag.length + 1);
  if (cost > budget.left) {
    budget.exhausted ??= matcher.at;
    return true;
  }
  budget.left -= cost;
  return patternsOverlap(matcher.match, tag);
}

function route(inputs: InputInstance[], filters: FilterInstance[], outputs: OutputInstance[], only: boolean, notes: Notes): Map<OutputInstance, Stream[]> {
  const reached = new Map<OutputInstance, Stream[]>();
  const budget: Budget = { left: ROUTING_BUDGET, exhausted: null };
  const queue: Stream[] = [];
  const seen = new Set<string>();
  let dropped = false;
  const push = (s: Stream): void => {
    const key = `${s.input.input.id}\u0000${s.tag}\u0000${s.buffering.storage}\u0000${s.skip}`;
    if (seen.has(key)) return;
    if (seen.size >= MAX_STREAMS) {
      dropped = true;
      return;
    }
    seen.add(key);
    queue.push(s);
  };
  for (const input of inputs) {
    if (!input.routable) continue;
    for (const tag of input.tags) push({ input, tag, buffering: input.buffering, skip: -1, depth: 0 });
  }
  for (let next = 0; next < queue.length; next++) {
    const s = queue[next] as Stream;
    const final = passFilters(s, filters, push, notes, budget);
    for (const out of outputs) {
      const hit = only && out.matcher.match === null && out.matcher.regex === null ? true : matches(out.matcher, final.tag, `output ${out.output.id}`, notes, budget);
      if (!hit) continue;
      const list = reached.get(out) ?? [];
      list.push(final);
      reached.set(out, list);
    }
  }
  if (budget.exhausted) notes.unknown('Match', 'too many tag patterns to compare: the remaining routes are taken to exist', budget.exhausted);
  if (dropped) notes.unknown('routing', `more than ${MAX_STREAMS} tag streams; the rest are not followed`, inputs[0]?.input.at ?? outputs[0]?.output.at ?? { path: '', line: 1, column: 1 });
  return reached;
}

/** Runs a stream through the filters in order; re-emitted streams are queued. */
function passFilters(stream: Stream, filters: FilterInstance[], push: (s: Stream) => void, notes: Notes, budget: Budget): Stream {
  let current = stream;
  filters.forEach((filter, index) => {
    if (index === current.skip) return;
    if (!matches(filter.matcher, current.tag, `filter ${filter.plugin}`, notes, budget)) return;
    if (filter.plugin === 'rewrite_tag' && filter.emitter) {
      if (current.depth >= MAX_REEMIT_DEPTH) return;
      for (const tag of filter.rewrites) push({ input: current.input, tag, buffering: filter.emitter, skip: index, depth: current.depth + 1 });
    } else if (filter.plugin === 'multiline' && filter.emitter) {
      current = { ...current, buffering: filter.emitter };
    }
  });
  return current;
}

function durability(streams: Stream[], output: PipelineOutput): boolean | null {
  if (streams.length === 0) return null;
  const memory = streams.find((s) => s.buffering.storage === 'memory');
  if (memory) {
    output.locations['durable'] = memory.buffering.at;
    return false;
  }
  const unknown = streams.find((s) => s.buffering.storage === null);
  if (unknown) {
    output.locations['durable'] = unknown.buffering.at;
    return null;
  }
  output.locations['durable'] = streams[0]?.buffering.at ?? output.at;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Outputs

function readOutput(section: Section, index: number, reader: Reader, context: BuildContext): OutputInstance {
  const { name } = pluginName(section, reader);
  const plugin = name ? (OUTPUT_PLUGINS.get(name) ?? null) : null;
  if (name && !plugin) reader.notes.unknown(`output ${quote(name)}`, 'output plugin not known: where it sends, and how, is not known', section.at);
  const alias = reader.get(section, 'alias').value;
  const output: PipelineOutput = {
    id: alias ?? `${name ?? 'unknown'}#${index}`,
    plugin: name ?? 'unknown',
    sinkKind: plugin?.sinkKind ?? 'other',
    remote: null,
    endpoint: null,
    port: null,
    protocol: plugin?.protocol ?? null,
    tls: null,
    tlsVerify: null,
    durable: null,
    index: null,
    path: null,
    at: section.at,
    locations: {},
  };
  const instance: OutputInstance = { output, matcher: matcherOf(section, reader), section, plugin };
  if (name && plugin) describeOutput(name, plugin, instance, reader, context);
  return instance;
}

function describeOutput(name: string, plugin: OutputPlugin, out: OutputInstance, reader: Reader, context: BuildContext): void {
  if (plugin.transport === 'local') {
    out.output.remote = false;
    return;
  }
  if (plugin.transport === 'cloud') describeCloud(out, reader);
  else if (name === 'kafka') describeKafka(out, reader);
  else describeNetwork(name, plugin, out, reader, context);
  if (name === 'es' || name === 'opensearch') describeIndex(out, reader);
  else if (name === 'splunk') setIndex(out, reader, 'event_index');
  else if (name === 'loki') setIndex(out, reader, 'tenant_id');
  else if (name === 'cloudwatch_logs' || name === 'cloudwatch') setIndex(out, reader, 'log_group_name');
  else if (name === 's3') setIndex(out, reader, 'bucket');
}

/** The plugin's `tls` and `tls.verify` (Fluent Bit: tls off, tls.verify on by default). */
function genericTls(out: OutputInstance, reader: Reader, forced: boolean | null = null): void {
  const { output, section } = out;
  const tls = forced === null ? reader.bool(section, 'tls', false) : { value: forced, at: section.at, entry: null };
  output.tls = tls.value;
  output.locations['tls'] = tls.at;
  const verify = reader.bool(section, 'tls.verify', true);
  output.tlsVerify = output.tls === false ? null : verify.value;
  output.locations['tlsVerify'] = verify.at;
}

function describeNetwork(name: string, plugin: OutputPlugin, out: OutputInstance, reader: Reader, context: BuildContext): void {
  const { output, section } = out;
  const upstream = reader.get(section, 'upstream');
  if (upstream.entry) {
    describeUpstream(out, upstream.value, upstream.entry, reader, context);
    return;
  }
  if (name === 'forward' && reader.get(section, 'unix_path').value !== null) {
    output.remote = false;
    output.endpoint = `unix:${reader.get(section, 'unix_path').value ?? ''}`;
    output.locations['endpoint'] = lastEntry(section, 'unix_path')?.at ?? section.at;
    return;
  }
  if (name === 'es' || name === 'opensearch') {
    const cloudId = reader.get(section, 'cloud_id');
    if (cloudId.value !== null && cloudId.entry) {
      const decoded = decodeCloudId(cloudId.value);
      output.endpoint = decoded?.endpoint ?? null;
      output.port = decoded?.port ?? null;
      output.remote = decoded ? true : null;
      output.locations['endpoint'] = cloudId.entry.at;
      if (!decoded) reader.notes.problem(cloudId.entry.at, 'Cloud_ID cannot be decoded');
      genericTls(out, reader);
      return;
    }
  }
  const host = reader.get(section, 'host');
  const port = reader.get(section, 'port');
  output.locations['endpoint'] = host.entry?.at ?? section.at;
  if (host.unknown || port.unknown) {
    output.remote = null;
  } else {
    const hostText = host.value !== null ? withoutCredentials(host.value) : plugin.host;
    const portNumber = port.value !== null ? parsePort(port.value) : plugin.port;
    if (port.value !== null && portNumber === null) reader.notes.problem(port.entry?.at ?? section.at, `Port is not a port number: ${quote(port.value)}`);
    output.port = portNumber;
    output.endpoint = hostText === null ? null : portNumber === null ? hostText : `${hostText}:${portNumber}`;
    output.remote = hostText === null ? null : !isLoopback(splitHostPort(hostText).host);
  }
  const mode = name === 'syslog' || name === 'gelf' ? (reader.get(section, 'mode').value ?? 'udp').toLowerCase() : null;
  if (mode === 'tls') {
    genericTls(out, reader, true);
    output.locations['tls'] = lastEntry(section, 'mode')?.at ?? section.at;
  } else if (mode === 'udp' || mode === 'tcp') {
    output.tls = false;
    output.tlsVerify = null;
    output.locations['tls'] = lastEntry(section, 'mode')?.at ?? section.at;
  } else {
    genericTls(out, reader);
  }
}

function describeCloud(out: OutputInstance, reader: Reader): void {
  const { output, section } = out;
  output.remote = true;
  output.port = 443;
  const endpoint = reader.get(section, 'endpoint');
  if (endpoint.value !== null) output.endpoint = withoutCredentials(endpoint.value);
  output.locations['endpoint'] = endpoint.entry?.at ?? section.at;
  // The plugin is built with TLS on: the `tls` switch does not turn it off; tls.verify still applies.
  genericTls(out, reader, true);
}

/** librdkafka: `rdkafka.security.protocol` ssl or sasl_ssl means TLS (default plaintext). */
function describeKafka(out: OutputInstance, reader: Reader): void {
  const { output, section } = out;
  const brokers = reader.get(section, 'brokers');
  output.locations['endpoint'] = brokers.entry?.at ?? section.at;
  if (brokers.value !== null) {
    output.endpoint = brokers.value;
    const first = splitHostPort(splitList(brokers.value)[0] ?? '');
    output.port = first.port;
    output.remote = splitList(brokers.value).some((b) => !isLoopback(splitHostPort(b).host));
  }
  const protocol = reader.get(section, 'rdkafka.security.protocol');
  output.locations['tls'] = protocol.entry?.at ?? section.at;
  if (protocol.unknown) output.tls = null;
  else {
    const value = (protocol.value ?? 'plaintext').toLowerCase();
    output.tls = value === 'ssl' || value === 'sasl_ssl';
  }
  const verify = reader.bool(section, 'rdkafka.enable.ssl.certificate.verification', true);
  output.tlsVerify = output.tls === false ? null : verify.value;
  output.locations['tlsVerify'] = verify.at;
}

function describeUpstream(out: OutputInstance, file: string | null, entry: Entry, reader: Reader, context: BuildContext): void {
  const { output } = out;
  output.locations['endpoint'] = entry.at;
  output.locations['tls'] = entry.at;
  output.locations['tlsVerify'] = entry.at;
  const nodes = file === null ? null : context.upstream(file, entry.at);
  if (!nodes || nodes.length === 0) {
    if (file !== null) reader.notes.unknown(`Upstream ${quote(file)}`, 'the upstream definition (its nodes) could not be read', entry.at);
    return;
  }
  const endpoints = nodes.map((n) => (n.host === null ? null : n.port === null ? n.host : `${n.host}:${n.port}`));
  output.endpoint = endpoints.every((e) => e !== null) ? endpoints.join(',') : null;
  output.port = nodes.every((n) => n.port === nodes[0]?.port) ? (nodes[0]?.port ?? null) : null;
  output.remote = nodes.some((n) => n.host !== null && !isLoopback(n.host)) ? true : nodes.every((n) => n.host !== null) ? false : null;
  output.tls = agreed(nodes.map((n) => n.tls));
  output.tlsVerify = output.tls === false ? null : agreed(nodes.map((n) => n.tlsVerify));
  const first = nodes[0];
  if (first) {
    output.locations['tls'] = first.at;
    output.locations['tlsVerify'] = first.at;
  }
}

function agreed(values: (boolean | null)[]): boolean | null {
  if (values.some((v) => v === null)) return null;
  if (values.every((v) => v === true)) return true;
  if (values.some((v) => v === false)) return false;
  return null;
}

/** Elastic Cloud ID: `name:base64(host$es-id$kibana-id)`; the cluster is at `es-id.host`, port 443 unless written. */
export function decodeCloudId(cloudId: string): { endpoint: string; port: number } | null {
  const colon = cloudId.indexOf(':');
  const encoded = colon === -1 ? cloudId : cloudId.slice(colon + 1);
  if (!/^[A-Za-z0-9+/=_-]+$/.test(encoded)) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const [hostPart, esId] = decoded.split('$');
  if (!hostPart || !esId || !/^[A-Za-z0-9.:-]+$/.test(hostPart) || !/^[A-Za-z0-9-]+$/.test(esId)) return null;
  const { host, port } = splitHostPort(hostPart);
  return { endpoint: `${esId}.${host}:${port ?? 443}`, port: port ?? 443 };
}

/** es/opensearch: `Index` (default fluent-bit), or `Logstash_Prefix` (default logstash) with `Logstash_Format On`. */
function describeIndex(out: OutputInstance, reader: Reader): void {
  const { output, section } = out;
  const logstash = reader.bool(section, 'logstash_format', false);
  if (logstash.value === null) {
    output.locations['index'] = logstash.at;
    return;
  }
  const key = logstash.value ? 'logstash_prefix' : 'index';
  const got = reader.get(section, key);
  output.locations['index'] = got.entry?.at ?? logstash.entry?.at ?? section.at;
  if (got.unknown) return;
  output.index = got.value ?? (logstash.value ? 'logstash' : 'fluent-bit');
}

function setIndex(out: OutputInstance, reader: Reader, key: string): void {
  const got = reader.get(out.section, key);
  out.output.locations['index'] = got.entry?.at ?? out.section.at;
  out.output.index = got.value;
}

/** `file` output: `Path` (a folder) and `File` (default: the tag of the records). */
function finishFileOutput(out: OutputInstance, streams: Stream[], reader: Reader): void {
  if (out.output.plugin !== 'file') return;
  const dir = reader.get(out.section, 'path');
  const file = reader.get(out.section, 'file');
  out.output.locations['path'] = file.entry?.at ?? dir.entry?.at ?? out.section.at;
  if (dir.unknown || file.unknown) return;
  let name = file.value;
  if (name === null) {
    const tags = unique(streams.map((s) => s.tag));
    const only = tags[0];
    if (tags.length !== 1 || only === undefined || !isLiteral(only)) return;
    name = only;
  }
  out.output.path = dir.value === null ? name : `${dir.value.replace(/\/+$/, '')}/${name}`;
}
