/**
 * The YAML Fluent Bit format (Fluent Bit 2.x–4.x): `env`, `includes`, `service`,
 * `pipeline.{inputs,filters,outputs}` (lists of plugin maps with `name`), `parsers`,
 * `multiline_parsers`, `customs`, `plugins`, `upstream_servers`. Plugin keys are read as Fluent Bit
 * reads them: camelCase turned into snake_case, lower case; nested maps (other than `processors`)
 * flattened with dots; scalar values as text.
 */
import type { DocPath, StructuredDocument } from '../../documents/yaml-document.js';
import type { Location } from '../../model/vocabulary.js';
import { isRecord } from '../../util/is-record.js';
import { quote } from './notes.js';
import type { Notes } from './notes.js';
import type { Entry, RawConfig, Section, SectionKind } from './sections.js';

/** `includes` nested deeper than this are not followed. */
export const MAX_YAML_INCLUDE_DEPTH = 8;
/** Nested maps inside a plugin are flattened down to this depth. */
const MAX_FLATTEN_DEPTH = 6;

/** Top-level keys of the YAML format (Fluent Bit 4.x, flb_cf_yaml.c). */
export const YAML_TOP_KEYS: ReadonlySet<string> = new Set(['env', 'includes', 'service', 'pipeline', 'parsers', 'multiline_parsers', 'customs', 'plugins', 'upstream_servers', 'stream_processor']);

/** Keys whose value configures processing inside a plugin, not the plugin itself. */
const NOT_FLATTENED = new Set(['processors']);

/** Documents an `includes` entry names, already parsed. */
export type YamlIncluder = (pattern: string, from: string, at: Location) => { documents: StructuredDocument[]; reason: string | null };

/** Fluent Bit's key translation for YAML (flb_cf_key_translate): camelCase → snake_case, lower case. */
export function translateYamlKey(key: string): string {
  if (/^[a-z]/.test(key) && !key.includes('_') && /[A-Z]/.test(key)) return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return key.toLowerCase();
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return null;
}

/** A list value as text: comma-separated for path lists (Fluent Bit CLIST), space-separated otherwise. */
function listText(key: string, items: unknown[]): string | null {
  const parts = items.map(scalarText);
  if (parts.some((p) => p === null)) return null;
  return parts.join(/path$/.test(key) ? ',' : ' ');
}

/** The entries of one plugin map (or of `service`), nested maps flattened with dots. */
export function yamlEntries(doc: StructuredDocument, map: Record<string, unknown>, base: DocPath, notes: Notes, prefix = '', depth = 0): Entry[] {
  const out: Entry[] = [];
  for (const rawKey of Object.keys(map)) {
    const value = map[rawKey];
    const key = prefix + translateYamlKey(rawKey);
    const path = [...base, rawKey];
    const at = doc.locate(path);
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      const text = listText(key, value);
      if (text === null) notes.unknown(quote(key), 'a list of structured values is not modelled', at);
      else out.push({ key, value: text, at });
      continue;
    }
    if (isRecord(value)) {
      if (NOT_FLATTENED.has(key)) continue;
      if (depth >= MAX_FLATTEN_DEPTH) {
        notes.unknown(quote(key), 'nested too deep', at);
        continue;
      }
      out.push(...yamlEntries(doc, value, path, notes, `${key}.`, depth + 1));
      continue;
    }
    const text = scalarText(value);
    if (text !== null && text !== '') out.push({ key, value: text, at });
  }
  return out;
}

interface YamlContext {
  config: RawConfig;
  notes: Notes;
  include: YamlIncluder;
  depth: number;
  seen: Set<string>;
}

/** Reads a YAML configuration (and its `includes`) into `config`. */
export function readYamlConfig(doc: StructuredDocument, config: RawConfig, notes: Notes, include: YamlIncluder): void {
  readDocument(doc, { config, notes, include, depth: 0, seen: new Set([doc.path]) });
}

function readDocument(doc: StructuredDocument, context: YamlContext): void {
  const data = doc.data;
  if (!isRecord(data)) {
    context.notes.problem(doc.locate([]), 'a Fluent Bit YAML configuration is a map');
    return;
  }
  for (const key of Object.keys(data)) {
    const at = doc.locate([key]);
    const value = data[key];
    switch (key) {
      case 'env':
        readEnv(doc, value, context);
        break;
      case 'includes':
        readIncludes(doc, value, context);
        break;
      case 'service':
        readService(doc, value, context);
        break;
      case 'pipeline':
        readPipeline(doc, value, context);
        break;
      case 'parsers':
      case 'multiline_parsers':
      case 'plugins':
        addList(doc, [key], value, key === 'plugins' ? 'plugins' : key === 'parsers' ? 'parser' : 'multiline_parser', key, context);
        break;
      case 'customs':
        addList(doc, [key], value, 'custom', key, context);
        break;
      case 'upstream_servers':
        addList(doc, [key], value, 'upstream_servers', key, context);
        break;
      case 'stream_processor':
        context.notes.unknown('stream_processor', 'stream processor tasks can create streams with new tags; not modelled', at);
        break;
      default:
        context.notes.unknown(quote(key), 'top-level key not known to the Fluent Bit YAML format', at);
    }
  }
}

function readEnv(doc: StructuredDocument, value: unknown, context: YamlContext): void {
  if (!isRecord(value)) {
    context.notes.problem(doc.locate(['env']), 'env must be a map of variables');
    return;
  }
  for (const name of Object.keys(value)) {
    const text = scalarText(value[name]);
    const at = doc.locate(['env', name]);
    if (text === null) context.notes.problem(at, `env ${quote(name)}: a variable holds a scalar value`);
    else context.config.variables.set(name, { value: text, at });
  }
}

function readIncludes(doc: StructuredDocument, value: unknown, context: YamlContext): void {
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, index) => {
    const at = doc.locate(Array.isArray(value) ? ['includes', index] : ['includes']);
    if (typeof item !== 'string' || item.trim() === '') {
      context.notes.problem(at, 'includes: each entry is a file path');
      return;
    }
    if (context.depth >= MAX_YAML_INCLUDE_DEPTH) {
      context.notes.unknown(`includes ${quote(item)}`, `includes nested deeper than ${MAX_YAML_INCLUDE_DEPTH} are not followed`, at);
      return;
    }
    const found = context.include(item.trim(), doc.path, at);
    if (found.documents.length === 0) {
      context.notes.unknown(`includes ${quote(item)}`, found.reason ?? 'names no file in the scanned inputs', at);
      return;
    }
    if (found.reason) context.notes.unknown(`includes ${quote(item)}`, found.reason, at);
    for (const included of found.documents) {
      const key = `${included.path}#${included.index}`;
      if (context.seen.has(key)) {
        context.notes.problem(at, `includes ${quote(item)}: ${included.path} is included twice or includes itself`);
        continue;
      }
      context.seen.add(key);
      if (included.path !== doc.path) context.config.includes.add(included.path);
      readDocument(included, { ...context, depth: context.depth + 1 });
    }
  });
}

function readService(doc: StructuredDocument, value: unknown, context: YamlContext): void {
  const at = doc.locate(['service']);
  if (!isRecord(value)) {
    if (value !== null) context.notes.problem(at, 'service must be a map');
    return;
  }
  const entries = yamlEntries(doc, value, ['service'], context.notes);
  const existing = context.config.sections.find((s) => s.kind === 'service');
  if (existing) existing.entries.push(...entries);
  else context.config.sections.push({ kind: 'service', name: 'service', at, entries });
}

const PIPELINE_LISTS: readonly (readonly [string, SectionKind])[] = [
  ['inputs', 'input'],
  ['filters', 'filter'],
  ['outputs', 'output'],
];

function readPipeline(doc: StructuredDocument, value: unknown, context: YamlContext): void {
  if (!isRecord(value)) {
    if (value !== null) context.notes.problem(doc.locate(['pipeline']), 'pipeline must be a map of inputs, filters and outputs');
    return;
  }
  for (const key of Object.keys(value)) {
    const kind = PIPELINE_LISTS.find(([name]) => name === key)?.[1];
    if (!kind) {
      context.notes.unknown(`pipeline.${quote(key)}`, 'not a list Fluent Bit knows (inputs, filters, outputs)', doc.locate(['pipeline', key]));
      continue;
    }
    addList(doc, ['pipeline', key], value[key], kind, key, context);
  }
}

function addList(doc: StructuredDocument, path: DocPath, value: unknown, kind: SectionKind, name: string, context: YamlContext): void {
  if (value === null || value === undefined) return;
  if (!Array.isArray(value)) {
    context.notes.problem(doc.locate(path), `${path.join('.')} must be a list`);
    return;
  }
  value.forEach((item, index) => {
    const itemPath = [...path, index];
    const at = doc.locate(itemPath);
    if (!isRecord(item)) {
      context.notes.problem(at, `${path.join('.')}[${index}] must be a map`);
      return;
    }
    const section: Section = { kind, name, at, entries: yamlEntries(doc, item, itemPath, context.notes) };
    context.config.sections.push(section);
  });
}
