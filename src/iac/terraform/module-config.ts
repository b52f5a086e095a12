/**
 * A Terraform module as declared: the blocks of every `.tf` / `.tf.json` file of one directory,
 * merged (Terraform loads a directory as one module). Both file forms are Terraform JSON syntax,
 * where a block may be written as an object or as a list of objects; both are accepted.
 */
import type { Location } from '../../model/vocabulary.js';
import type { TerraformFileData } from '../../model/cloud.js';
import { hasOwn } from './value.js';

export type RawBody = Record<string, unknown>;

export interface Declared {
  name: string;
  body: RawBody;
  file: TerraformFileData;
}

export interface ResourceDecl extends Declared {
  type: string;
}

export interface ModuleConfig {
  /** Posix directory relative to the scan root (`.` for the root itself). */
  dir: string;
  files: TerraformFileData[];
  variables: Map<string, Declared>;
  locals: Map<string, { raw: unknown; file: TerraformFileData }>;
  resources: ResourceDecl[];
  dataSources: Set<string>;
  calls: Declared[];
  outputs: Map<string, Declared>;
}

export function dirOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut === -1 ? '.' : path.slice(0, cut);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function isRecord(value: unknown): value is RawBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The bodies of a block written as an object or a list of objects. */
export function bodiesOf(value: unknown): RawBody[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** Keys of a JSON-syntax object, without `//` comments. */
export function keysOf(value: RawBody): string[] {
  return Object.keys(value).filter((k) => k !== '//');
}

/** `{ label: body }` maps (one level of labels), merged over a list form. */
function labelled(value: unknown): [string, RawBody][] {
  const out: [string, RawBody][] = [];
  for (const level of bodiesOf(value)) {
    for (const label of keysOf(level)) for (const body of bodiesOf(level[label])) out.push([label, body]);
  }
  return out;
}

/** Reads the config files of one directory (in path order) into a module declaration. */
export function readModule(dir: string, files: readonly TerraformFileData[]): ModuleConfig {
  const config: ModuleConfig = {
    dir,
    files: [...files],
    variables: new Map(),
    locals: new Map(),
    resources: [],
    dataSources: new Set(),
    calls: [],
    outputs: new Map(),
  };
  const seenResources = new Set<string>();
  for (const file of files) {
    const body = file.body;
    if (!isRecord(body)) continue;
    for (const [name, block] of labelled(body['variable'])) if (!config.variables.has(name)) config.variables.set(name, { name, body: block, file });
    for (const [name, block] of labelled(body['output'])) if (!config.outputs.has(name)) config.outputs.set(name, { name, body: block, file });
    for (const [name, block] of labelled(body['module'])) if (!config.calls.some((c) => c.name === name)) config.calls.push({ name, body: block, file });
    for (const block of bodiesOf(body['locals'])) {
      for (const name of keysOf(block)) if (!config.locals.has(name)) config.locals.set(name, { raw: block[name], file });
    }
    for (const [type, byName] of labelled(body['resource'])) {
      for (const name of keysOf(byName)) {
        for (const block of bodiesOf(byName[name])) {
          const key = `${type}.${name}`;
          if (seenResources.has(key)) continue;
          seenResources.add(key);
          config.resources.push({ type, name, body: block, file });
        }
      }
    }
    for (const [type, byName] of labelled(body['data'])) for (const name of keysOf(byName)) config.dataSources.add(`${type}.${name}`);
  }
  return config;
}

/** Where a block or attribute is written, by the locator key; the file's first line when unknown. */
export function locationOf(file: TerraformFileData, key: string): Location {
  const locations = file.locations;
  if (hasOwn(locations, key)) return locations[key] as Location;
  return { path: file.path, line: 1, column: 1 };
}

/** Locations under a block, with keys relative to it (`rule.expiration.days`). */
export function locationsUnder(file: TerraformFileData, prefix: string): Record<string, Location> {
  const out: Record<string, Location> = {};
  const start = `${prefix}.`;
  for (const key of Object.keys(file.locations)) {
    if (key.startsWith(start)) {
      const rel = key.slice(start.length);
      if (rel !== '__proto__') out[rel] = file.locations[key] as Location;
    }
  }
  return out;
}

/** A local module source (`./x`, `../../`) resolved against the calling directory; null when not local or outside the scan. */
export function localSource(fromDir: string, source: string): string | null {
  if (!source.startsWith('./') && !source.startsWith('../') && source !== '.' && source !== '..') return null;
  const parts = fromDir === '.' ? [] : fromDir.split('/');
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}
