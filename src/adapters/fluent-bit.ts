/**
 * Fluent Bit configurations (issue 4): the classic format (`fluent-bit.conf` and the files it
 * `@INCLUDE`s), the YAML format (`fluent-bit.yaml` and its `includes`), and either one embedded in
 * a Kubernetes ConfigMap (`data: {fluent-bit.conf: |...}`, with the other files it includes from the
 * same ConfigMap). Each configuration becomes one pipeline (see fluent-bit/pipeline.ts for the
 * routing and buffering rules). A file holding only parser or upstream definitions is claimed and
 * yields no pipeline.
 */
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { parseStructured } from '../documents/yaml-document.js';
import type { StructuredDocument } from '../documents/yaml-document.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import { compareStrings } from '../model/vocabulary.js';
import type { Location } from '../model/vocabulary.js';
import { isRecord } from '../util/is-record.js';
import type { ReadContext, TextAdapter, TextFile, DocumentAdapter } from './config-adapter.js';
import { neverThrowingTextAdapter } from './shipper-kit/adapter.js';
import type { ClassicIncluder, ClassicText } from './fluent-bit/classic.js';
import { readClassic } from './fluent-bit/classic.js';
import { embeddedOrigin, parseEmbeddedYaml } from './fluent-bit/embedded.js';
import { Notes, fileOrigin, quote } from './fluent-bit/notes.js';
import { parsePort } from './shipper-kit/endpoint.js';
import { buildPipeline } from './fluent-bit/pipeline.js';
import type { UpstreamNode } from './fluent-bit/pipeline.js';
import { emptyConfig, lastEntry, parseBool, resolve } from './fluent-bit/sections.js';
import type { RawConfig } from './fluent-bit/sections.js';
import { YAML_TOP_KEYS, readYamlConfig } from './fluent-bit/yaml-format.js';
import type { YamlIncluder } from './fluent-bit/yaml-format.js';
import type { ConfigAdapters } from './registry.js';

export const KIND = 'fluent-bit';

// ---------------------------------------------------------------------------------------------
// Claims

/** Section headers only Fluent Bit writes (column 1, alone on their line). */
const PIPELINE_HEADER = /^\[(INPUT|OUTPUT|FILTER|PARSER|MULTILINE_PARSER|UPSTREAM|NODE)\][ \t]*\r?$/im;
const SERVICE_HEADER = /^\[SERVICE\][ \t]*\r?$/im;
/** An indented `Name value` entry: every Fluent Bit plugin section has one. */
const NAME_ENTRY = /^[ \t]+name[ \t]+[^=\s]/im;
/** `[SERVICE]` keys of Fluent Bit (a systemd unit's [Service] has `Key=Value` entries instead). */
const SERVICE_ENTRY = /^[ \t]+(flush|daemon|log_level|parsers_file|plugins_file|streams_file|http_server|http_listen|http_port|storage\.path|grace|hot_reload)[ \t]+[^=\s]/im;
const META_LINE = /^@(INCLUDE|SET)[ \t]+\S/im;
/** Other formats, scripts that may embed a configuration in a heredoc, and templates that render one. */
const NOT_CLASSIC = /\.(ya?ml|json|toml|log|md|txt|xml|ini|service|socket|timer|desktop|sh|bash|zsh|py|rb|go|js|ts|java|c|h|rs|tf|hcl|ps1|bat|cmd|html?|j2|jinja2?|tpl|tmpl|gotmpl|erb|template|tftpl)$/i;

export function claimsClassic(path: string, head: string): boolean {
  if (NOT_CLASSIC.test(path)) return false;
  if (PIPELINE_HEADER.test(head) && NAME_ENTRY.test(head)) return true;
  if (SERVICE_HEADER.test(head) && (SERVICE_ENTRY.test(head) || META_LINE.test(head))) return true;
  const base = posix.basename(path).toLowerCase();
  return /^(fluent-?bit|td-agent-bit)[^/]*\.conf$/.test(base) && (META_LINE.test(head) || SERVICE_HEADER.test(head));
}

function isPluginList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isRecord(item) && typeof item['name'] === 'string');
}

/** A Fluent Bit YAML configuration: a `pipeline` of plugin lists, or only parser definitions. */
export function isFluentBitYaml(data: unknown): boolean {
  if (!isRecord(data)) return false;
  const keys = Object.keys(data);
  const pipeline = data['pipeline'];
  if (isRecord(pipeline) && ['inputs', 'filters', 'outputs'].some((k) => isPluginList(pipeline[k]))) return true;
  if (keys.length === 0 || !keys.every((k) => YAML_TOP_KEYS.has(k))) return false;
  if (keys.includes('service') && Array.isArray(data['includes'])) return true;
  const parsers = ['parsers', 'multiline_parsers'].filter((k) => k in data);
  return parsers.length > 0 && keys.every((k) => k === 'parsers' || k === 'multiline_parsers') && parsers.every((k) => isPluginList(data[k]));
}

const CONFIGMAP_MAIN_KEYS = ['fluent-bit.conf', 'fluent-bit.yaml', 'fluent-bit.yml'] as const;

function configMapData(data: unknown): Record<string, unknown> | null {
  if (!isRecord(data) || data['kind'] !== 'ConfigMap' || typeof data['apiVersion'] !== 'string') return null;
  const content = data['data'];
  return isRecord(content) ? content : null;
}

export function isFluentBitConfigMap(data: unknown): boolean {
  const content = configMapData(data);
  return content !== null && CONFIGMAP_MAIN_KEYS.some((k) => typeof content[k] === 'string');
}

/**
 * The values of the fluent/helm-charts `fluent-bit` chart: `config.service`, `config.inputs`,
 * `config.filters` and `config.outputs` hold classic-format text that the chart's ConfigMap
 * joins, in that order, into fluent-bit.conf.
 */
const HELM_PARTS = ['service', 'inputs', 'filters', 'outputs'] as const;

function helmConfig(data: unknown): Record<string, unknown> | null {
  const config = isRecord(data) ? data['config'] : null;
  return isRecord(config) ? config : null;
}

export function isFluentBitHelmValues(data: unknown): boolean {
  const config = helmConfig(data);
  if (!config) return false;
  const text = (key: string): string => (typeof config[key] === 'string' ? (config[key] as string) : '');
  return /^\s*\[INPUT\]/im.test(text('inputs')) || /^\s*\[OUTPUT\]/im.test(text('outputs'));
}

// ---------------------------------------------------------------------------------------------
// Reading

function finish(read: ConfigRead, notes: Notes, config: RawConfig): ConfigRead {
  read.problems = notes.problems;
  read.unknowns = notes.unknowns;
  read.includes = [...config.includes].sort(compareStrings);
  return read;
}

/** A configuration with plugins (or a [SERVICE]) describes a pipeline; parser files do not. */
function hasPipeline(config: RawConfig): boolean {
  return config.sections.some((s) => s.kind === 'input' || s.kind === 'output' || s.kind === 'filter' || s.kind === 'service');
}

/** Reads `[NODE]` sections of an upstream definition (classic format). */
function readUpstreamNodes(files: ClassicText[], variables: RawConfig['variables'], notes: Notes): UpstreamNode[] {
  const config = emptyConfig();
  config.variables = variables;
  const scratch = new Notes();
  for (const file of files) readClassic(file, config, scratch, () => ({ files: [], reason: 'includes in upstream files are not followed' }));
  const nodes: UpstreamNode[] = [];
  for (const section of config.sections) {
    if (section.name.toLowerCase() !== 'node') continue;
    const value = (key: string): string | null => {
      const entry = lastEntry(section, key);
      return entry ? resolve(entry, variables, notes).value : null;
    };
    const tls = value('tls');
    const verify = value('tls.verify');
    const port = value('port');
    nodes.push({
      host: value('host'),
      port: port === null ? null : parsePort(port),
      tls: tls === null ? (lastEntry(section, 'tls') ? null : false) : parseBool(tls),
      tlsVerify: verify === null ? (lastEntry(section, 'tls.verify') ? null : true) : parseBool(verify),
      at: section.at,
    });
  }
  return nodes;
}

function fileIncluder(context: ReadContext, main: string): ClassicIncluder {
  return (pattern) => {
    const found = context.include(pattern, main);
    return { files: found.files.map((f: TextFile) => ({ path: f.path, text: f.text, origin: fileOrigin(f.path) })), reason: found.reason };
  };
}

function readClassicFile(file: TextFile, context: ReadContext): ConfigRead {
  const read = emptyRead(KIND);
  const notes = new Notes();
  const config = emptyConfig();
  const include = fileIncluder(context, file.path);
  readClassic({ path: file.path, text: file.text, origin: fileOrigin(file.path) }, config, notes, include);
  if (config.sections.length === 0 && config.variables.size === 0 && notes.unknowns.length === 0) {
    // Nothing was understood: the file is an inventory error naming the first problem.
    if (notes.problems.length === 0) notes.problem({ path: file.path, line: 1, column: 1 }, 'no Fluent Bit section found');
    read.fatal = true;
    return finish(read, notes, config);
  }
  if (hasPipeline(config)) {
    const upstream = (name: string, at: Location): UpstreamNode[] | null => {
      const found = include(name, at);
      return found.files.length > 0 ? readUpstreamNodes(found.files, config.variables, notes) : null;
    };
    read.pipelines.push(buildPipeline(config, { path: file.path, declaredAt: { path: file.path, line: 1, column: 1 }, notes, shipper: KIND, upstream }));
  }
  return finish(read, notes, config);
}

function yamlIncluder(context: ReadContext, notes: Notes): YamlIncluder {
  return (pattern, from) => {
    const found = context.include(pattern, from);
    const documents: StructuredDocument[] = [];
    for (const file of found.files) {
      const parsed = parseStructured(file.path, file.text);
      for (const error of parsed.errors) notes.problem({ path: file.path, line: error.line, column: error.column }, error.message);
      documents.push(...parsed.documents);
    }
    return { documents, reason: found.reason };
  };
}

function readYamlDocument(doc: StructuredDocument, context: ReadContext): ConfigRead {
  const read = emptyRead(KIND);
  const notes = new Notes();
  const config = emptyConfig();
  readYamlConfig(doc, config, notes, yamlIncluder(context, notes));
  if (hasPipeline(config)) {
    const upstream = (name: string, at: Location): UpstreamNode[] | null => {
      const found = fileIncluder(context, doc.path)(name, at);
      return found.files.length > 0 ? readUpstreamNodes(found.files, config.variables, notes) : null;
    };
    read.pipelines.push(buildPipeline(config, { path: doc.path, declaredAt: doc.locate([]), notes, shipper: KIND, upstream }));
  }
  return finish(read, notes, config);
}

// ConfigMaps --------------------------------------------------------------------------------------

function configMapName(data: unknown): string {
  const metadata = isRecord(data) ? data['metadata'] : null;
  const name = isRecord(metadata) ? metadata['name'] : null;
  return typeof name === 'string' && name !== '' ? name : 'configmap';
}

/** Files of the same ConfigMap an include names (they are mounted side by side). */
function configMapFiles(doc: StructuredDocument, content: Record<string, unknown>, pattern: string): ClassicText[] {
  const matches = picomatch(posix.basename(pattern), { dot: true });
  return Object.keys(content)
    .filter((key) => typeof content[key] === 'string' && matches(key))
    .sort(compareStrings)
    .map((key) => ({ path: doc.path, text: content[key] as string, origin: embeddedOrigin(doc, ['data', key], content[key] as string) }));
}

function readConfigMap(doc: StructuredDocument): ConfigRead {
  const read = emptyRead(KIND);
  const notes = new Notes();
  const content = configMapData(doc.data) ?? {};
  const name = configMapName(doc.data);
  const mains = CONFIGMAP_MAIN_KEYS.filter((k) => typeof content[k] === 'string');
  const includes = new Set<string>();
  for (const key of mains) {
    const text = content[key] as string;
    const origin = embeddedOrigin(doc, ['data', key], text);
    const config = emptyConfig();
    const fromConfigMap = (pattern: string): { files: ClassicText[]; reason: string | null } => {
      const files = configMapFiles(doc, content, pattern);
      return { files, reason: files.length > 0 ? null : `${quote(pattern)}: not a file of this ConfigMap` };
    };
    if (key.endsWith('.conf')) {
      readClassic({ path: doc.path, text, origin }, config, notes, (pattern) => fromConfigMap(pattern));
    } else {
      const parsed = parseEmbeddedYaml(origin, text);
      for (const error of parsed.errors) notes.problem(error.at, error.message);
      const embedded = parsed.documents[0];
      if (embedded) {
        readYamlConfig(embedded, config, notes, (pattern) => {
          const files = configMapFiles(doc, content, pattern);
          const documents = files.flatMap((f) => {
            const inner = parseEmbeddedYaml(f.origin, f.text);
            for (const error of inner.errors) notes.problem(error.at, error.message);
            return inner.documents;
          });
          return { documents, reason: files.length > 0 ? null : `${quote(pattern)}: not a file of this ConfigMap` };
        });
      }
    }
    for (const path of config.includes) includes.add(path);
    if (!hasPipeline(config)) continue;
    const upstream = (file: string): UpstreamNode[] | null => {
      const files = fromConfigMap(file).files;
      return files.length > 0 ? readUpstreamNodes(files, config.variables, notes) : null;
    };
    const id = mains.length > 1 ? `${name}/${key}` : name;
    const pipeline = buildPipeline(config, { path: doc.path, declaredAt: doc.locate(['data', key]), notes, shipper: KIND, upstream });
    pipeline.id = `${KIND}:${doc.path}#${id}`;
    read.pipelines.push(pipeline);
  }
  read.problems = notes.problems;
  read.unknowns = notes.unknowns;
  read.includes = [...includes].filter((p) => p !== doc.path).sort(compareStrings);
  return read;
}

function readHelmValues(doc: StructuredDocument): ConfigRead {
  const read = emptyRead(KIND);
  const notes = new Notes();
  const values = helmConfig(doc.data) ?? {};
  const config = emptyConfig();
  const notInValues = (pattern: string): { files: ClassicText[]; reason: string | null } => ({ files: [], reason: `${quote(pattern)}: included from the chart's values, whose other files are not read` });
  for (const part of HELM_PARTS) {
    const text = values[part];
    if (typeof text !== 'string') continue;
    readClassic({ path: doc.path, text, origin: embeddedOrigin(doc, ['config', part], text) }, config, notes, notInValues);
  }
  if (hasPipeline(config)) {
    const pipeline = buildPipeline(config, { path: doc.path, declaredAt: doc.locate(['config']), notes, shipper: KIND, upstream: () => null });
    read.pipelines.push(pipeline);
  }
  return finish(read, notes, config);
}

// ---------------------------------------------------------------------------------------------
// Adapters

const CLASSIC: TextAdapter = neverThrowingTextAdapter(KIND, claimsClassic, (file, context) => readClassicFile(file, context));

const DOCUMENT: DocumentAdapter = {
  kind: KIND,
  claims: (_path, data) => {
    try {
      return isFluentBitYaml(data) || isFluentBitConfigMap(data) || isFluentBitHelmValues(data);
    } catch {
      return false;
    }
  },
  read: (doc, context) => (isFluentBitConfigMap(doc.data) ? readConfigMap(doc) : isFluentBitHelmValues(doc.data) ? readHelmValues(doc) : readYamlDocument(doc, context)),
};

export const ADAPTERS: ConfigAdapters = { text: [CLASSIC], documents: [DOCUMENT] };
