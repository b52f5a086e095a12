/**
 * OpenTelemetry Collector configurations: YAML/JSON documents, Kubernetes ConfigMaps whose `data`
 * holds a collector config (each such key is one pipeline), and the OpenTelemetry Operator's
 * `OpenTelemetryCollector` resource (`spec.config` as a string in v1alpha1, as a mapping in
 * v1beta1). See src/adapters/otel/read-otel.ts for what is read.
 */
import type { StructuredDocument } from '../documents/yaml-document.js';
import type { ConfigRead } from '../model/pipeline.js';
import { emptyRead } from '../model/pipeline.js';
import type { DocumentAdapter } from './config-adapter.js';
import { readOtel } from './otel/read-otel.js';
import type { ConfigAdapters } from './registry.js';
import { configMapKeys, embeddedText, readEmbedded } from './shipper-kit/embedded.js';
import type { EmbeddedText } from './shipper-kit/embedded.js';
import { below } from './shipper-kit/source.js';
import { asRecord, own, ownRecord } from './shipper-kit/values.js';

/** A collector config: `service.pipelines` is a mapping, and receivers or exporters are declared. */
export function isOtelDocument(data: unknown): boolean {
  const root = asRecord(data);
  if (root === null || own(root, 'apiVersion') !== undefined) return false;
  return ownRecord(ownRecord(root, 'service'), 'pipelines') !== null && (ownRecord(root, 'receivers') !== null || ownRecord(root, 'exporters') !== null);
}

/** YAML text of a collector config (a ConfigMap entry, an operator `spec.config` string). */
function looksLikeOtelText(text: string): boolean {
  return /^service[ \t]*:/m.test(text) && /^(receivers|exporters)[ \t]*:/m.test(text) && /\bpipelines[ \t]*:/.test(text);
}

function otelConfigMapKeys(data: unknown): string[] {
  const entries = asRecord(own(asRecord(data), 'data'));
  return configMapKeys(data).filter((key) => looksLikeOtelText(own(entries, key) as string));
}

/** The OpenTelemetry Operator's collector resource, with its config as a string or a mapping. */
function operatorConfig(data: unknown): 'string' | 'mapping' | null {
  const root = asRecord(data);
  const apiVersion = own(root, 'apiVersion');
  if (own(root, 'kind') !== 'OpenTelemetryCollector' || typeof apiVersion !== 'string' || !apiVersion.startsWith('opentelemetry.io/')) return null;
  const config = own(ownRecord(root, 'spec'), 'config');
  if (typeof config === 'string') return looksLikeOtelText(config) ? 'string' : null;
  return isOtelDocument(config) ? 'mapping' : null;
}

function pipelineId(path: string, docIndex: number, key: string | null): string {
  return `otel-collector:${path}${docIndex > 0 ? `#${docIndex}` : ''}${key !== null ? `#${key}` : ''}`;
}

/** Several reads of one document (ConfigMap keys) as one. */
function merge(reads: readonly ConfigRead[]): ConfigRead {
  const out = emptyRead('otel-collector');
  for (const read of reads) {
    out.pipelines.push(...read.pipelines);
    out.unknowns.push(...read.unknowns);
    out.problems.push(...read.problems);
  }
  out.fatal = reads.length > 0 && reads.every((r) => r.fatal);
  return out;
}

function readEmbeddedOtel(doc: StructuredDocument, embedded: EmbeddedText, key: string | null): ConfigRead {
  const parsed = readEmbedded(embedded, 'yaml');
  if (parsed.source === null) {
    const read = emptyRead('otel-collector');
    read.problems.push(...parsed.problems);
    read.fatal = true;
    return read;
  }
  const read = readOtel(parsed.source, { id: pipelineId(doc.path, doc.index, key), path: doc.path, declaredAt: embedded.keyAt });
  read.problems.unshift(...parsed.problems);
  return read;
}

export function readOtelDocument(doc: StructuredDocument): ConfigRead {
  const operator = operatorConfig(doc.data);
  if (operator === 'mapping') {
    const config = own(ownRecord(asRecord(doc.data), 'spec'), 'config');
    return readOtel(below(doc, ['spec', 'config'], config), { id: pipelineId(doc.path, doc.index, null), path: doc.path, declaredAt: doc.locate(['spec', 'config']) });
  }
  if (operator === 'string') {
    const embedded = embeddedText(doc, ['spec'], 'config');
    if (embedded) return readEmbeddedOtel(doc, embedded, null);
  }
  const keys = otelConfigMapKeys(doc.data);
  if (keys.length > 0) {
    const reads: ConfigRead[] = [];
    for (const key of keys) {
      const embedded = embeddedText(doc, ['data'], key);
      if (embedded) reads.push(readEmbeddedOtel(doc, embedded, keys.length > 1 ? key : null));
    }
    return merge(reads);
  }
  return readOtel(doc, { id: pipelineId(doc.path, doc.index, null), path: doc.path, declaredAt: doc.locate([]) });
}

const OTEL_DOCUMENT: DocumentAdapter = {
  kind: 'otel-collector',
  claims: (_path, data) => isOtelDocument(data) || operatorConfig(data) !== null || otelConfigMapKeys(data).length > 0,
  read: (doc) => readOtelDocument(doc),
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [OTEL_DOCUMENT] };
