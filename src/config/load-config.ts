/**
 * Finds and reads `.ztmm.yaml`: named with --config, or the first one found from the scan root
 * upward. Validated against schema/config.schema.json; any problem is a ZtmmError (E_CONFIG, exit
 * 2) naming `file:line:col`. The file is data: nothing in it runs.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseStructured } from '../documents/yaml-document.js';
import { redactSecrets } from '../logs/secrets.js';
import { ZtmmError } from '../errors.js';
import { parseStage } from '../model/vocabulary.js';
import type { Stage } from '../model/vocabulary.js';
import { packageRoot } from '../package-root.js';
import { EMPTY_CONFIG } from './types.js';
import type { GateConfig, ZtmmConfig } from './types.js';

export const CONFIG_NAMES = ['.ztmm.yaml', '.ztmm.yml'] as const;

let validator: ValidateFunction | undefined;

function configValidator(): ValidateFunction {
  if (!validator) {
    const schema: unknown = JSON.parse(readFileSync(configSchemaPath(), 'utf8'));
    validator = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(schema as object);
  }
  return validator;
}

export function configSchemaPath(): string {
  return join(packageRoot(), 'schema', 'config.schema.json');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first `.ztmm.yaml` (or `.yml`) in `folder` or a folder above it. */
export function discoverConfig(folder: string): string | null {
  let dir = folder;
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
}

function describe(error: ErrorObject | undefined): { path: (string | number)[]; message: string } {
  if (!error) return { path: [], message: 'does not match the schema' };
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = error.params as Record<string, unknown>;
  // A key that breaks a propertyNames rule: ajv reports it on the parent with `propertyName`.
  const key = (error as ErrorObject & { propertyName?: string }).propertyName ?? (error.keyword === 'propertyNames' ? String(params.propertyName) : undefined);
  if (key !== undefined && error.schemaPath.includes('/propertyNames')) {
    const what = error.schemaPath.includes('/params/additionalProperties') ? 'a parameter name' : 'a rule id (like RET-001)';
    return { path: [...path, key], message: `key "${key}" is not ${what}` };
  }
  if (error.keyword === 'additionalProperties') return { path, message: `unknown key "${String(params.additionalProperty)}"` };
  if (error.keyword === 'enum') return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
  if (error.keyword === 'required') return { path, message: `needs "${String(params.missingProperty)}"` };
  return { path, message: error.message ?? 'does not match the schema' };
}

function keyPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Parses and validates config text; `file` is absolute, `shown` names it in errors. */
export function parseConfig(text: string, file: string, shown: string): ZtmmConfig {
  const parsed = parseStructured(shown, text);
  const firstError = parsed.errors[0];
  if (firstError) throw new ZtmmError('E_CONFIG', `${shown}:${firstError.line}:${firstError.column}: ${firstError.message}`);
  if (parsed.documents.length > 1) throw new ZtmmError('E_CONFIG', `${shown}:1:1: a config file is one YAML document`);
  const doc = parsed.documents[0];
  const data: unknown = doc?.data ?? {};
  const locate = (path: readonly (string | number)[]): { path: string; line: number; column: number } => {
    const loc = doc ? doc.locate(path) : { path: shown, line: 1, column: 1 };
    return { path: shown, line: loc.line, column: loc.column };
  };
  const fail = (path: readonly (string | number)[], message: string): never => {
    const loc = locate(path);
    // Keys and values of a config in a scanned repository are someone else's text: a secret
    // written where a key belongs must not reach the terminal either.
    throw new ZtmmError('E_CONFIG', redactSecrets(`${shown}:${loc.line}:${loc.column}: ${path.length > 0 ? `${keyPath(path)} ` : ''}${message}`));
  };
  const validate = configValidator();
  if (!validate(data ?? {})) {
    const { path, message } = describe(validate.errors?.[0]);
    fail(path, message);
  }
  const raw = (data ?? {}) as Record<string, unknown> & {
    gate?: { failUnder?: number; minStage?: string | Record<string, string>; maxDrop?: number };
    waivers?: Record<string, string>[];
  };
  const stageAt = (value: string, path: (string | number)[]): Stage => parseStage(value) ?? fail(path, `unknown stage "${value}"`);
  const gate: GateConfig = {};
  if (raw.gate?.failUnder !== undefined) gate.failUnder = raw.gate.failUnder;
  if (raw.gate?.maxDrop !== undefined) gate.maxDrop = raw.gate.maxDrop;
  const minStage = raw.gate?.minStage;
  if (typeof minStage === 'string') gate.minStage = { overall: stageAt(minStage, ['gate', 'minStage']) };
  else if (minStage) gate.minStage = Object.fromEntries(Object.entries(minStage).map(([k, v]) => [k, stageAt(v, ['gate', 'minStage', k])]));
  const folder = dirname(file);
  return {
    ...EMPTY_CONFIG,
    file,
    shown,
    ...(typeof raw.profile === 'string' ? { profile: raw.profile } : {}),
    include: [...((raw.include as string[] | undefined) ?? [])],
    exclude: [...((raw.exclude as string[] | undefined) ?? [])],
    rules: ((raw.rules as string[] | undefined) ?? []).map((p, i) => packInside(folder, p, () => fail(['rules', i], `"${p}" is outside the folder of the config file; a config can only name packs below it (use --rules for others)`))),
    params: (raw.params as ZtmmConfig['params'] | undefined) ?? {},
    severity: (raw.severity as ZtmmConfig['severity'] | undefined) ?? {},
    disable: [...((raw.disable as string[] | undefined) ?? [])],
    sources: (raw.sources as ZtmmConfig['sources'] | undefined) ?? [],
    aliases: (raw.aliases as ZtmmConfig['aliases'] | undefined) ?? {},
    gate,
    waivers: (raw.waivers ?? []).map((w, i) => ({
      rule: w.rule as string,
      reason: w.reason as string,
      ...(w.subject !== undefined ? { subject: w.subject } : {}),
      ...(w.path !== undefined ? { path: w.path } : {}),
      ...(w.owner !== undefined ? { owner: w.owner } : {}),
      ...(w.expires !== undefined ? { expires: validDate(w.expires, () => fail(['waivers', i, 'expires'], `"${w.expires ?? ''}" is not a calendar date`)) } : {}),
      declaredAt: locate(['waivers', i]),
    })),
    locate,
  };
}

/**
 * A config is often part of the scanned tree, written by someone else: it may name packs only
 * below its own folder, so it cannot make ztmm read YAML from elsewhere on the machine. (Symbolic
 * links inside a pack folder are checked by the pack loader.)
 */
function packInside(folder: string, path: string, onError: () => never): string {
  const absolute = resolve(folder, path);
  const rel = relative(folder, absolute);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? absolute : onError();
}

function validDate(text: string, onError: () => never): string {
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text ? onError() : text;
}

export interface ConfigLookup {
  /** --config, as typed. */
  explicit?: string;
  /** The first scan root (absolute); discovery starts at it (its folder when it is a file). */
  root: string;
  cwd: string;
}

/** The config in effect, or EMPTY_CONFIG when there is none. An unreadable --config is exit 2. */
export function loadConfig(lookup: ConfigLookup): ZtmmConfig {
  let file: string | null;
  if (lookup.explicit !== undefined) file = resolve(lookup.cwd, lookup.explicit);
  else {
    let start = lookup.root;
    try {
      if (!statSync(start).isDirectory()) start = dirname(start);
    } catch {
      start = dirname(start);
    }
    file = discoverConfig(start);
  }
  if (file === null) return EMPTY_CONFIG;
  const shown = lookup.explicit ?? shownPath(file, lookup.cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ZtmmError('E_CONFIG', `${shown}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  return parseConfig(text, file, shown);
}
