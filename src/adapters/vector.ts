/**
 * Vector (vector.dev) configurations: TOML files (a text adapter, positions found by a scan of
 * the TOML text), YAML and JSON documents, and Kubernetes ConfigMaps whose `data` holds Vector
 * files (read together, as the Helm chart runs Vector with `--config-dir`). Each yields one
 * pipeline `vector:<path>`; see src/adapters/vector/read-vector.ts for what is read.
 */
import type { StructuredDocument } from '../documents/yaml-document.js';
import type { ConfigRead } from '../model/pipeline.js';
import { emptyRead } from '../model/pipeline.js';
import type { Location } from '../model/vocabulary.js';
import type { DocumentAdapter, TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';
import { configMapKeys, embeddedText, readEmbedded } from './shipper-kit/embedded.js';
import type { ConfigSource } from './shipper-kit/source.js';
import { readToml } from './shipper-kit/toml.js';
import { asRecord, own } from './shipper-kit/values.js';
import { readVector } from './vector/read-vector.js';

const COMPONENT_KINDS = ['sources', 'transforms', 'sinks'] as const;

/** A TOML table header or dotted key that opens a Vector component: `[sinks.es]`, `sources.in.type = ...`. */
const TOML_COMPONENT = /^[ \t]*(\[[ \t]*(sources|transforms|sinks)[ \t]*\.|(sources|transforms|sinks)\.[A-Za-z0-9_"'-]+\.[A-Za-z0-9_"'-]+[ \t]*=)/m;

export function looksLikeVectorToml(text: string): boolean {
  return TOML_COMPONENT.test(text);
}

/** YAML or JSON text of a Vector config (a ConfigMap entry): a top-level `sources:`/`sinks:` key, and no collector `receivers:`. */
function looksLikeVectorYaml(text: string): boolean {
  const topLevel = /^(sources|sinks|transforms)[ \t]*:/m.test(text) || /^[ \t]*\{?[ \t]*"(sources|sinks|transforms)"[ \t]*:/m.test(text);
  return topLevel && !/^receivers[ \t]*:/m.test(text);
}

/**
 * A parsed document that is a Vector config: `sources`, `transforms` and `sinks` (those present)
 * are mappings of named components, and at least one component has a string `type`.
 */
export function isVectorDocument(data: unknown): boolean {
  const root = asRecord(data);
  if (root === null || own(root, 'apiVersion') !== undefined || own(root, 'receivers') !== undefined) return false;
  let typed = false;
  for (const kind of COMPONENT_KINDS) {
    const value = own(root, kind);
    if (value === undefined || value === null) continue;
    const table = asRecord(value);
    if (table === null) return false;
    for (const key of Object.keys(table)) {
      const component = asRecord(table[key]);
      if (component === null) return false;
      if (typeof own(component, 'type') === 'string') typed = true;
    }
  }
  return typed;
}

/** ConfigMap keys that hold Vector files. */
function vectorKeys(data: unknown): string[] {
  const entries = asRecord(own(asRecord(data), 'data'));
  return configMapKeys(data).filter((key) => {
    const text = own(entries, key) as string;
    return /\.toml$/i.test(key) ? looksLikeVectorToml(text) : looksLikeVectorYaml(text);
  });
}

function pipelineId(path: string, docIndex: number): string {
  return docIndex > 0 ? `vector:${path}#${docIndex}` : `vector:${path}`;
}

/** A file that could not be read at all: an inventory error naming the first problem. */
function fatalRead(at: Location, message: string): ConfigRead {
  const read = emptyRead('vector');
  read.problems.push({ at, message });
  read.fatal = true;
  return read;
}

export function readVectorToml(file: TextFile): ConfigRead {
  const toml = readToml(file.path, file.text);
  if (toml.source === null) {
    const p = toml.problem ?? { line: 1, column: 1, message: 'could not be read as TOML' };
    return fatalRead({ path: file.path, line: p.line, column: p.column }, p.message);
  }
  return readVector([toml.source], { id: pipelineId(file.path, 0), path: file.path, declaredAt: { path: file.path, line: 1, column: 1 } });
}

export function readVectorDocument(doc: StructuredDocument): ConfigRead {
  const keys = vectorKeys(doc.data);
  if (keys.length === 0) return readVector([doc], { id: pipelineId(doc.path, doc.index), path: doc.path, declaredAt: doc.locate([]) });
  const parts: ConfigSource[] = [];
  const problems: ConfigRead['problems'] = [];
  let declaredAt: Location | null = null;
  for (const key of keys) {
    const embedded = embeddedText(doc, ['data'], key);
    if (embedded === null) continue;
    declaredAt ??= embedded.keyAt;
    const read = readEmbedded(embedded, /\.toml$/i.test(key) ? 'toml' : 'yaml');
    problems.push(...read.problems);
    if (read.source) parts.push(read.source);
  }
  const at = declaredAt ?? doc.locate(['data']);
  if (parts.length === 0) {
    const read = fatalRead(problems[0]?.at ?? at, problems[0]?.message ?? 'no readable Vector configuration');
    read.problems.push(...problems.slice(1));
    return read;
  }
  const read = readVector(parts, { id: pipelineId(doc.path, doc.index), path: doc.path, declaredAt: at });
  read.problems.unshift(...problems);
  return read;
}

const VECTOR_TOML: TextAdapter = {
  kind: 'vector',
  claims: (path, head) => /\.toml$/i.test(path) && looksLikeVectorToml(head),
  read: (file) => readVectorToml(file),
};

const VECTOR_DOCUMENT: DocumentAdapter = {
  kind: 'vector',
  claims: (_path, data) => isVectorDocument(data) || vectorKeys(data).length > 0,
  read: (doc) => readVectorDocument(doc),
};

export const ADAPTERS: ConfigAdapters = { text: [VECTOR_TOML], documents: [VECTOR_DOCUMENT] };
