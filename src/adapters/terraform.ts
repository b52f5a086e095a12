/**
 * Terraform configuration files (issue 3): `.tf` and `.tfvars` parsed by HashiCorp's own HCL
 * parser (the WebAssembly build in `@cdktf/hcl2json`, which gives the file in Terraform JSON
 * syntax), `.tf.json` and `.tfvars.json` read as the JSON documents they are. Each file is handed
 * on unevaluated (`cloud.format = 'terraform-file'`): a directory is evaluated as one module by
 * `src/iac/terraform/evaluate.ts`, once every file of the scan is read.
 */
import { parse } from '@cdktf/hcl2json';
import type { StructuredDocument } from '../documents/yaml-document.js';
import { locateHcl } from '../iac/terraform/locate.js';
import type { TerraformFileData } from '../model/cloud.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import type { Location } from '../model/vocabulary.js';
import type { AsyncTextAdapter, DocumentAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';

/** Larger files are not handed to the parser (the scan bounds file size too). */
export const MAX_HCL_CHARS = 4 * 1024 * 1024;
/** Deeper nesting is not handed to the parser (it recurses). */
export const MAX_HCL_DEPTH = 200;
/**
 * More template escapes (`%%`, `$$`) in one file are not handed to the parser: its time grows with
 * the square of their number inside one string or heredoc (20,000 take 15 s). Real configs have a
 * few; 2,000 parse in about 0.2 s.
 */
export const MAX_HCL_ESCAPES = 2_000;

/** The line where the file's `%%` / `$$` escapes pass MAX_HCL_ESCAPES, or null when they do not. */
function tooManyEscapes(text: string): number | null {
  let count = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if ((c === 37 || c === 36) && text.charCodeAt(i + 1) === c) {
      i++;
      if (++count > MAX_HCL_ESCAPES) return line;
    }
  }
  return null;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `config` for `.tf`, `vars` for the variable files Terraform loads by itself, `other-vars` for the rest. */
export function terraformRole(path: string): TerraformFileData['role'] | null {
  const name = baseName(path).toLowerCase();
  if (name.endsWith('.tf') || name.endsWith('.tf.json')) return 'config';
  if (name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json')) return 'vars';
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'other-vars';
  return null;
}

function kindOf(role: TerraformFileData['role']): string {
  return role === 'config' ? 'terraform' : 'terraform-vars';
}

/** `parse config: [bad.tf:2,7-3,1: Invalid expression; Expected ...]` → line 2, column 7 and the message. */
export function parseErrorOf(path: string, message: string): { at: Location; message: string } {
  const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]*?)(?= [^\s:]+:\d+,\d+|\]|$)/.exec(message);
  if (!m) return { at: { path, line: 1, column: 1 }, message: `HCL syntax error: ${message.replace(/\s+/g, ' ').slice(0, 300)}` };
  const text = (m[3] ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  return { at: { path, line: Math.max(1, Number(m[1])), column: Math.max(1, Number(m[2])) }, message: `HCL syntax error: ${text}` };
}

function fatalRead(kind: string, problem: { at: Location; message: string }): ConfigRead {
  const read = emptyRead(kind);
  read.problems.push(problem);
  read.fatal = true;
  return read;
}

async function readHcl(file: TextFile): Promise<ConfigRead> {
  const role = terraformRole(file.path) ?? 'config';
  const kind = kindOf(role);
  const start: Location = { path: file.path, line: 1, column: 1 };
  try {
    if (file.text.length > MAX_HCL_CHARS) return fatalRead(kind, { at: start, message: `file larger than ${MAX_HCL_CHARS} characters: not parsed` });
    const crowded = tooManyEscapes(file.text);
    if (crowded !== null) {
      return fatalRead(kind, { at: { path: file.path, line: crowded, column: 1 }, message: `more than ${MAX_HCL_ESCAPES} template escapes (%% or $$) in one file: not parsed` });
    }
    const located = locateHcl(file.path, file.text);
    if (located.maxDepth > MAX_HCL_DEPTH) return fatalRead(kind, { at: start, message: `nested deeper than ${MAX_HCL_DEPTH} levels: not parsed` });
    let body: unknown;
    try {
      body = await parse(baseName(file.path) || 'main.tf', file.text);
    } catch (error) {
      return fatalRead(kind, parseErrorOf(file.path, error instanceof Error ? error.message : String(error)));
    }
    const read = emptyRead(kind);
    read.cloud = { format: 'terraform-file', file: { path: file.path, role, body: body ?? {}, locations: located.locations } };
    return read;
  } catch (error) {
    return fatalRead(kind, { at: start, message: `could not be read: ${error instanceof Error ? error.message : String(error)}` });
  }
}

const hcl: AsyncTextAdapter = {
  kind: 'terraform',
  claims: (path) => {
    const name = baseName(path).toLowerCase();
    return name.endsWith('.tf') || name.endsWith('.tfvars');
  },
  read: (file) => readHcl(file),
};

/** Locations of a JSON-syntax file under the same keys as the HCL locator gives. */
function jsonLocations(doc: StructuredDocument, role: TerraformFileData['role']): Record<string, Location> {
  const out: Record<string, Location> = {};
  let count = 0;
  const set = (key: string, path: (string | number)[]): void => {
    if (key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key) || count > 100_000) return;
    out[key] = doc.locate(path);
    count += 1;
  };
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  /** Attributes and nested blocks of a body, recursively (a block is an object or a list of objects). */
  const walk = (value: unknown, key: string[], path: (string | number)[], depth: number): void => {
    if (depth > 32) return;
    const bodies: [unknown, (string | number)[]][] = Array.isArray(value) ? value.map((v, i) => [v, [...path, i]]) : [[value, path]];
    for (const [body, at] of bodies) {
      if (!isRecord(body)) continue;
      for (const name of Object.keys(body)) {
        if (name === '//') continue;
        const child = body[name];
        set([...key, name].join('.'), [...at, name]);
        const blocks = Array.isArray(child) ? child : [child];
        if (blocks.length > 0 && blocks.every(isRecord)) walk(child, [...key, name], [...at, name], depth + 1);
      }
    }
  };
  const data = doc.data;
  if (!isRecord(data)) return out;
  if (role !== 'config') {
    for (const name of Object.keys(data)) set(name, [name]);
    return out;
  }
  for (const top of Object.keys(data)) {
    const value = data[top];
    const levels = top === 'resource' || top === 'data' ? 2 : top === 'locals' || top === 'terraform' ? 0 : 1;
    const descend = (v: unknown, key: string[], path: (string | number)[], left: number): void => {
      if (left === 0) {
        set(key.join('.'), path);
        walk(v, key, path, 0);
        return;
      }
      const items: [unknown, (string | number)[]][] = Array.isArray(v) ? v.map((x, i) => [x, [...path, i]]) : [[v, path]];
      for (const [item, at] of items) {
        if (!isRecord(item)) continue;
        for (const label of Object.keys(item)) if (label !== '//') descend(item[label], [...key, label], [...at, label], left - 1);
      }
    };
    descend(value, [top], [top], levels);
  }
  return out;
}

const json: DocumentAdapter = {
  kind: 'terraform',
  claims: (path) => {
    const name = baseName(path).toLowerCase();
    return name.endsWith('.tf.json') || name.endsWith('.tfvars.json');
  },
  read: (doc) => {
    const role = terraformRole(doc.path) ?? 'config';
    const kind = kindOf(role);
    try {
      const data = doc.data;
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        return fatalRead(kind, { at: { path: doc.path, line: 1, column: 1 }, message: 'a Terraform JSON file must hold an object' });
      }
      const read = emptyRead(kind);
      read.cloud = { format: 'terraform-file', file: { path: doc.path, role, body: data, locations: jsonLocations(doc, role) } };
      return read;
    } catch (error) {
      return fatalRead(kind, { at: { path: doc.path, line: 1, column: 1 }, message: `could not be read: ${error instanceof Error ? error.message : String(error)}` });
    }
  },
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [json], asyncText: [hcl] };
