/**
 * A Terraform module as declared: the blocks of every `.tf` / `.tf.json` file of one directory,
 * merged (Terraform loads a directory as one module), with override files merged into the blocks
 * they override. Both file forms are Terraform JSON syntax, where a block may be written as an
 * object or as a list of objects; both are accepted.
 */
import type { Location } from '../../model/vocabulary.js';
import type { TerraformFileData } from '../../model/cloud.js';
import type { Unknown } from '../../model/pipeline.js';
import { hasOwn, put } from './value.js';

export type RawBody = Record<string, unknown>;

export interface Declared {
  name: string;
  body: RawBody;
  /** The file the block is declared in (with an override file's attribute locations merged in). */
  file: TerraformFileData;
  /** Attributes (and nested block types) set by an override file, with that file. */
  from?: ReadonlyMap<string, TerraformFileData>;
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
  /** What Terraform would reject in the directory (a block declared twice, an override of nothing). */
  unknowns: Unknown[];
}

export function dirOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut === -1 ? '.' : path.slice(0, cut);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Files Terraform never loads: hidden (`.x.tf`), editor backups (`x.tf~`) and autosaves (`#x.tf#`). */
export function isIgnoredFile(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.length > 1 && name.startsWith('#') && name.endsWith('#'));
}

/** `override.tf`, `override.tf.json`, `*_override.tf`, `*_override.tf.json`: merged into the other files' blocks. */
export function isOverrideFile(name: string): boolean {
  for (const ext of ['.tf.json', '.tf']) {
    if (!name.endsWith(ext)) continue;
    const stem = name.slice(0, -ext.length);
    return stem === 'override' || stem.endsWith('_override');
  }
  return false;
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

/** `resource "t" "n"` blocks of a file, as `[type, name, body]`. */
function resourcesOf(body: RawBody): [string, string, RawBody][] {
  const out: [string, string, RawBody][] = [];
  for (const [type, byName] of labelled(body['resource'])) {
    for (const name of keysOf(byName)) for (const block of bodiesOf(byName[name])) out.push([type, name, block]);
  }
  return out;
}

function where(file: TerraformFileData, key: string): string {
  return `${file.path}:${locationOf(file, key).line}`;
}

/**
 * Reads the config files of one directory (in path order) into a module declaration, as
 * Terraform loads it: ignored files skipped, the ordinary files first (a block declared twice is
 * an error Terraform reports: the first is kept and the second named in an unknown), then the
 * override files in lexical order, each merged into the block it overrides.
 */
export function readModule(dir: string, files: readonly TerraformFileData[]): ModuleConfig {
  const loaded = files.filter((f) => !isIgnoredFile(baseName(f.path)));
  const primary = loaded.filter((f) => !isOverrideFile(baseName(f.path)));
  const overrides = loaded.filter((f) => isOverrideFile(baseName(f.path))).sort((a, b) => compare(baseName(a.path), baseName(b.path)) || compare(a.path, b.path));
  const config: ModuleConfig = {
    dir,
    files: loaded,
    variables: new Map(),
    locals: new Map(),
    resources: [],
    dataSources: new Set(),
    calls: [],
    outputs: new Map(),
    unknowns: [],
  };
  const twice = (what: string, first: TerraformFileData, firstKey: string, file: TerraformFileData, key: string): void => {
    config.unknowns.push({
      construct: what,
      reason: `${what} is declared twice (${where(first, firstKey)} and ${where(file, key)}), which Terraform rejects: the first is used`,
      at: locationOf(file, key),
    });
  };
  const resourceIndex = new Map<string, number>();
  for (const file of primary) {
    const body = file.body;
    if (!isRecord(body)) continue;
    for (const [name, block] of labelled(body['variable'])) {
      const known = config.variables.get(name);
      if (known) twice(`var.${name}`, known.file, `variable.${name}`, file, `variable.${name}`);
      else config.variables.set(name, { name, body: block, file });
    }
    for (const [name, block] of labelled(body['output'])) {
      const known = config.outputs.get(name);
      if (known) twice(`output.${name}`, known.file, `output.${name}`, file, `output.${name}`);
      else config.outputs.set(name, { name, body: block, file });
    }
    for (const [name, block] of labelled(body['module'])) {
      const known = config.calls.find((c) => c.name === name);
      if (known) twice(`module.${name}`, known.file, `module.${name}`, file, `module.${name}`);
      else config.calls.push({ name, body: block, file });
    }
    for (const block of bodiesOf(body['locals'])) {
      for (const name of keysOf(block)) {
        const known = config.locals.get(name);
        if (known) twice(`local.${name}`, known.file, `locals.${name}`, file, `locals.${name}`);
        else config.locals.set(name, { raw: block[name], file });
      }
    }
    for (const [type, name, block] of resourcesOf(body)) {
      const key = `${type}.${name}`;
      const known = resourceIndex.get(key);
      if (known !== undefined) {
        const first = config.resources[known] as ResourceDecl;
        twice(key, first.file, `resource.${key}`, file, `resource.${key}`);
        continue;
      }
      resourceIndex.set(key, config.resources.length);
      config.resources.push({ type, name, body: block, file });
    }
    for (const [type, byName] of labelled(body['data'])) for (const name of keysOf(byName)) config.dataSources.add(`${type}.${name}`);
  }
  for (const file of overrides) applyOverride(config, file, resourceIndex);
  return config;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Merges one override file's blocks into the module (Terraform: "Override Files", merging behavior). */
function applyOverride(config: ModuleConfig, file: TerraformFileData, resourceIndex: ReadonlyMap<string, number>): void {
  const body = file.body;
  if (!isRecord(body)) return;
  const nothing = (what: string, key: string): void => {
    config.unknowns.push({ construct: what, reason: `${what} in override file ${file.path} overrides nothing (no ${what} in the other files), which Terraform rejects: ignored`, at: locationOf(file, key) });
  };
  for (const [name, block] of labelled(body['variable'])) {
    const base = config.variables.get(name);
    if (base) config.variables.set(name, merged(base, block, file, `variable.${name}`, false));
    else nothing(`var.${name}`, `variable.${name}`);
  }
  for (const [name, block] of labelled(body['output'])) {
    const base = config.outputs.get(name);
    if (base) config.outputs.set(name, merged(base, block, file, `output.${name}`, false));
    else nothing(`output.${name}`, `output.${name}`);
  }
  for (const [name, block] of labelled(body['module'])) {
    const at = config.calls.findIndex((c) => c.name === name);
    if (at >= 0) config.calls[at] = merged(config.calls[at] as Declared, block, file, `module.${name}`, false);
    else nothing(`module.${name}`, `module.${name}`);
  }
  // Local values are overridden one by one, whichever `locals` block holds them.
  for (const block of bodiesOf(body['locals'])) {
    for (const name of keysOf(block)) {
      if (config.locals.has(name)) config.locals.set(name, { raw: block[name], file });
      else nothing(`local.${name}`, `locals.${name}`);
    }
  }
  for (const [type, name, block] of resourcesOf(body)) {
    const at = resourceIndex.get(`${type}.${name}`);
    if (at === undefined) {
      nothing(`${type}.${name}`, `resource.${type}.${name}`);
      continue;
    }
    const base = config.resources[at] as ResourceDecl;
    config.resources[at] = { ...merged(base, block, file, `resource.${type}.${name}`, true), type };
  }
}

/** `dynamic "label"` blocks of a body, by label. */
function dynamicOf(body: RawBody): Map<string, RawBody[]> {
  const out = new Map<string, RawBody[]>();
  for (const level of bodiesOf(body['dynamic'])) {
    for (const label of keysOf(level)) out.set(label, [...(out.get(label) ?? []), ...bodiesOf(level[label])]);
  }
  return out;
}

/**
 * A block with an override block merged in: each attribute replaces the attribute of that
 * name; the nested blocks of a type replace all nested blocks of that type (static or
 * `dynamic`), their contents not merged; in a resource, `lifecycle` is merged argument by
 * argument. Locations of what was replaced point into the override file.
 */
function merged(base: Declared, over: RawBody, file: TerraformFileData, header: string, resource: boolean): Declared {
  const body: RawBody = {};
  for (const key of Object.keys(base.body)) put(body, key, base.body[key]);
  const dynamic = dynamicOf(base.body);
  const replaced: string[] = [];
  for (const key of keysOf(over)) {
    if (key === 'dynamic') continue;
    replaced.push(key);
    dynamic.delete(key);
    if (resource && key === 'lifecycle') {
      const lifecycle: RawBody = {};
      for (const b of [...bodiesOf(base.body['lifecycle']), ...bodiesOf(over['lifecycle'])]) for (const k of keysOf(b)) put(lifecycle, k, b[k]);
      put(body, key, [lifecycle]);
    } else put(body, key, over[key]);
  }
  for (const [label, blocks] of dynamicOf(over)) {
    replaced.push(label);
    if (hasOwn(body, label)) delete body[label];
    dynamic.set(label, blocks);
  }
  if (dynamic.size > 0) {
    const level: RawBody = {};
    for (const [label, blocks] of dynamic) put(level, label, blocks);
    put(body, 'dynamic', level);
  } else if (hasOwn(body, 'dynamic')) delete body['dynamic'];
  const from = new Map(base.from ?? []);
  for (const key of replaced) from.set(key, file);
  return { name: base.name, body, file: withLocations(base.file, file, header, replaced), from };
}

/** The base file's locations, with those of the replaced attributes / block types taken from the override file. */
function withLocations(base: TerraformFileData, over: TerraformFileData, header: string, replaced: readonly string[]): TerraformFileData {
  const prefixes = replaced.map((key) => `${header}.${key}`);
  const hit = (key: string): boolean => prefixes.some((p) => key === p || key.startsWith(`${p}.`));
  const locations: Record<string, Location> = {};
  for (const key of Object.keys(base.locations)) if (!hit(key)) put(locations, key, base.locations[key] as Location);
  for (const key of Object.keys(over.locations)) if (hit(key)) put(locations, key, over.locations[key] as Location);
  return { path: base.path, role: base.role, body: base.body, locations };
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
