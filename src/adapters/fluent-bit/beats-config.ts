/**
 * Beats configuration (Filebeat, Elastic Agent standalone) as go-ucfg reads it: a dotted key is a
 * path, so `output.elasticsearch.hosts: [...]` and `output: {elasticsearch: {hosts: [...]}}` are
 * the same setting, and maps written both ways merge. Every node remembers where it was written.
 * Variables: `${name}`, `${name:default}`, `${name:?message}`; a name that is a setting of the same
 * file resolves to it, `path.config` to the folder of the file; any other comes from the process
 * environment, which a scan cannot know (the value is then unknown).
 */
import type { DocPath, StructuredDocument } from '../../documents/yaml-document.js';
import type { Location } from '../../model/vocabulary.js';
import { isRecord } from '../../util/is-record.js';
import { quote } from './notes.js';
import type { Notes } from './notes.js';

export type BNode =
  | { kind: 'map'; entries: Map<string, BNode>; path: DocPath }
  | { kind: 'seq'; items: BNode[]; path: DocPath }
  | { kind: 'scalar'; value: string | number | boolean | null; path: DocPath };

/** Keys with more dots than this are kept whole (a hostile key could otherwise nest without end). */
const MAX_KEY_PARTS = 32;

function scalar(value: unknown): string | number | boolean | null {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return String(value);
  return null;
}

/** The Beats view of parsed YAML data: dotted keys expanded, maps merged. */
export function normalizeBeats(value: unknown, path: DocPath = []): BNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((item, i) => normalizeBeats(item, [...path, i])), path };
  if (!isRecord(value)) return { kind: 'scalar', value: scalar(value), path };
  const node: BNode = { kind: 'map', entries: new Map(), path };
  for (const rawKey of Object.keys(value)) {
    const keyPath = [...path, rawKey];
    const parts = rawKey.split('.');
    const segments = parts.length > MAX_KEY_PARTS || parts.some((p) => p === '') ? [rawKey] : parts;
    insert(node, segments, normalizeBeats(value[rawKey], keyPath), keyPath);
  }
  return node;
}

function insert(map: BNode & { kind: 'map' }, segments: string[], value: BNode, keyPath: DocPath): void {
  let current = map;
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i] as string;
    const existing = current.entries.get(seg);
    if (existing && existing.kind === 'map') current = existing;
    else {
      const created: BNode & { kind: 'map' } = { kind: 'map', entries: new Map(), path: keyPath };
      current.entries.set(seg, created);
      current = created;
    }
  }
  const last = segments[segments.length - 1] as string;
  const existing = current.entries.get(last);
  if (existing && existing.kind === 'map' && value.kind === 'map') merge(existing, value);
  else current.entries.set(last, value);
}

function merge(into: BNode & { kind: 'map' }, from: BNode & { kind: 'map' }): void {
  for (const [key, value] of from.entries) {
    const existing = into.entries.get(key);
    if (existing && existing.kind === 'map' && value.kind === 'map') merge(existing, value);
    else into.entries.set(key, value);
  }
}

/** The node at a dotted path, or null. */
export function child(node: BNode | null, dotted: string): BNode | null {
  let current: BNode | null = node;
  for (const seg of dotted.split('.')) {
    if (!current || current.kind !== 'map') return null;
    current = current.entries.get(seg) ?? null;
  }
  return current;
}

export function asMap(node: BNode | null): (BNode & { kind: 'map' }) | null {
  return node && node.kind === 'map' ? node : null;
}

export function asSeq(node: BNode | null): BNode[] | null {
  return node && node.kind === 'seq' ? node.items : null;
}

/** Resolves Beats variables in one place of a file. */
export class BeatsContext {
  constructor(
    readonly doc: StructuredDocument,
    readonly root: BNode,
    readonly notes: Notes,
    /** `path.config` as the host sees it (the folder of the main file), or null when not known. */
    readonly pathConfig: string | null,
  ) {}

  at(node: BNode | null): Location {
    return this.doc.locate(node ? node.path : []);
  }

  /** A scalar as text, variables resolved; null when absent, structured or unknown. */
  text(node: BNode | null): string | null {
    if (!node || node.kind !== 'scalar' || node.value === null) return null;
    return this.expand(String(node.value), this.at(node));
  }

  /** A boolean setting (go-ucfg: true/false, yes/no, on/off); `fallback` when absent. */
  bool(node: BNode | null, fallback: boolean | null): boolean | null {
    if (!node) return fallback;
    if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
    const text = this.text(node);
    if (text === null) return node.kind === 'scalar' && node.value !== null && String(node.value).includes('${') ? null : fallback;
    const v = text.trim().toLowerCase();
    if (['true', 'yes', 'on'].includes(v)) return true;
    if (['false', 'no', 'off'].includes(v)) return false;
    this.notes.problem(this.at(node), `not a boolean: ${quote(text)}`);
    return null;
  }

  /** Strings of a list (or of a single scalar); null when one of them is unknown. */
  list(node: BNode | null): string[] | null {
    if (!node) return [];
    const items = node.kind === 'seq' ? node.items : [node];
    const out: string[] = [];
    let unknown = false;
    for (const item of items) {
      const text = this.text(item);
      if (text === null) {
        if (item.kind === 'scalar' && item.value !== null) unknown = true;
        continue;
      }
      out.push(text);
    }
    return unknown ? null : out;
  }

  /** The same list with unknown values kept as written (for paths, which are reported as written). */
  listAsWritten(node: BNode | null): string[] {
    if (!node) return [];
    const items = node.kind === 'seq' ? node.items : [node];
    return items.flatMap((item) => {
      if (item.kind !== 'scalar' || item.value === null) return [];
      return [this.text(item) ?? String(item.value)];
    });
  }

  expand(value: string, at: Location, depth = 0): string | null {
    if (!value.includes('${')) return value;
    let unknown = false;
    const out = value.replace(/\$\{([^}]{0,256})\}/g, (_whole, inner: string) => {
      const name = inner.split(':')[0]?.trim() ?? '';
      const resolved = this.variable(name, at, depth);
      if (resolved === null) {
        unknown = true;
        return '';
      }
      return resolved;
    });
    return unknown ? null : out;
  }

  private variable(name: string, at: Location, depth: number): string | null {
    const setting = child(this.root, name);
    if (setting && setting.kind === 'scalar' && setting.value !== null && depth < 4) return this.expand(String(setting.value), at, depth + 1);
    if (name === 'path.config' && this.pathConfig !== null) return this.pathConfig;
    this.notes.unknown(`\${${quote(name)}}`, 'not a setting of this file: its value comes from the environment at run time', at);
    return null;
  }
}
