/**
 * Loads rule packs (YAML) from the built-in rules/ folder and any --rules folders, validates them
 * with ajv against rules/rule-pack.schema.json, and compiles them. Any problem is a ZtmmError
 * naming file:line:col; the CLI turns it into exit code 2.
 */
import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseStructured } from '../documents/yaml-document.js';
import { redactSecrets } from '../logs/secrets.js';
import type { DocPath, StructuredDocument } from '../documents/yaml-document.js';
import { ZtmmError } from '../errors.js';
import { compareStrings } from '../model/vocabulary.js';
import { packageRoot } from '../package-root.js';
import { compileRule, isCompileProblem } from './compile-rule.js';
import type { Rule } from './types.js';

let validator: ValidateFunction | undefined;

function packValidator(): ValidateFunction {
  if (!validator) {
    const schema: unknown = JSON.parse(readFileSync(rulePackSchemaPath(), 'utf8'));
    const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
    validator = ajv.compile(schema as object);
  }
  return validator;
}

export function rulePackSchemaPath(): string {
  return join(packageRoot(), 'rules', 'rule-pack.schema.json');
}

export function builtinRulesDir(): string {
  return join(packageRoot(), 'rules');
}

/**
 * Pack files of a folder (or a single pack file, as named), sorted by name. A symbolic link in the
 * folder is read only when it resolves to a file inside the folder: a pack folder cannot make ztmm
 * open files elsewhere, so a link that leads out of it (or nowhere) is refused, naming the link.
 */
export function listPackFiles(dirOrFile: string): string[] {
  let stats;
  try {
    stats = statSync(dirOrFile);
  } catch (error) {
    throw new ZtmmError('E_RULEPACK_UNREADABLE', `${dirOrFile}: rule pack folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  if (stats.isFile()) return [dirOrFile];
  const files = readdirSync(dirOrFile)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort(compareStrings)
    .map((name) => join(dirOrFile, name));
  for (const file of files) if (lstatSync(file).isSymbolicLink()) checkLinkInside(file, dirOrFile);
  return files;
}

/** Refuses a symbolic link in a pack folder unless it resolves to a file inside that folder. */
function checkLinkInside(link: string, folder: string): void {
  let target: string;
  try {
    target = realpathSync(link);
  } catch (error) {
    throw new ZtmmError('E_RULEPACK_UNREADABLE', `${link}: rule pack is a symbolic link that cannot be followed (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  const inside = relative(realpathSync(folder), target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new ZtmmError('E_RULEPACK_UNREADABLE', `${link}: rule pack is a symbolic link to a file outside its folder; ztmm does not follow it (name the pack itself with --rules)`);
  }
}

/** Parses, validates and compiles one pack's text; `displayPath` names it in errors. */
export function compilePack(displayPath: string, text: string, params: ParamOverrides = {}): Rule[] {
  const parsed = parseStructured(displayPath, text);
  const firstError = parsed.errors[0];
  if (firstError) {
    throw new ZtmmError('E_RULEPACK_PARSE', `${displayPath}:${firstError.line}:${firstError.column}: ${firstError.message}`);
  }
  const doc = parsed.documents[0];
  if (!doc || parsed.documents.length > 1) {
    throw new ZtmmError('E_RULEPACK_PARSE', `${displayPath}:1:1: a rule pack is exactly one YAML document`);
  }
  const validate = packValidator();
  if (!validate(doc.data)) {
    const error = (validate.errors ?? [])[0];
    throw schemaError(doc, error);
  }
  const data = doc.data as { pack: string; rules: Record<string, unknown>[] };
  return data.rules.map((raw, index) => {
    const at: DocPath = ['rules', index];
    const override = params[String(raw.id)];
    const withParams = override ? { ...raw, params: { ...((raw.params as Record<string, unknown> | undefined) ?? {}), ...override } } : raw;
    const compiled = compileRule(withParams, data.pack, doc.locate(at), at);
    if (isCompileProblem(compiled)) {
      const loc = doc.locate(compiled.path);
      throw new ZtmmError('E_RULEPACK_SCHEMA', `${displayPath}:${loc.line}:${loc.column}: ${compiled.message}`);
    }
    return compiled;
  });
}

function schemaError(doc: StructuredDocument, error: ErrorObject | undefined): ZtmmError {
  if (!error) return new ZtmmError('E_RULEPACK_SCHEMA', `${doc.path}:1:1: invalid rule pack`);
  const path: DocPath = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let target = path;
  let detail = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    target = [...path, extra];
    detail = `unknown property "${extra}"`;
  } else if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
    detail = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (error.keyword === 'required') {
    detail = `missing required property "${String((error.params as { missingProperty?: unknown }).missingProperty)}"`;
  }
  const loc = doc.locate(target);
  const where = path.length > 0 ? `${formatDocPath(path)} ` : '';
  // A pack named by a config may come with the scanned repository: no secret-shaped key or value
  // it quotes reaches the terminal.
  return new ZtmmError('E_RULEPACK_SCHEMA', redactSecrets(`${doc.path}:${loc.line}:${loc.column}: ${where}${detail}`));
}

function formatDocPath(path: DocPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Rule parameters by rule id, over the packs' defaults (profiles and the config file). */
export type ParamOverrides = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export interface LoadOptions {
  /** Extra pack folders or files (--rules), loaded after the built-in packs. */
  extra?: readonly string[];
  builtins?: boolean;
  /** Parameter values by rule id; check them first with unknownParams. */
  params?: ParamOverrides;
}

/** Overrides that name no loaded rule or no parameter of it: `[ruleId, param | null]`. */
export function unknownParams(rules: readonly Rule[], params: ParamOverrides): [string, string | null][] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const problems: [string, string | null][] = [];
  for (const [id, values] of Object.entries(params)) {
    const rule = byId.get(id);
    if (!rule) problems.push([id, null]);
    else for (const name of Object.keys(values)) if (!Object.hasOwn(rule.params, name)) problems.push([id, name]);
  }
  return problems;
}

/** Loads all packs; rule ids must be unique across them. Returns rules sorted by id. */
export function loadRules(options: LoadOptions = {}): Rule[] {
  const files: { path: string; display: string }[] = [];
  if (options.builtins !== false) {
    for (const file of listPackFiles(builtinRulesDir())) {
      if (file.endsWith('.schema.json')) continue;
      files.push({ path: file, display: `rules/${file.slice(builtinRulesDir().length + 1)}` });
    }
  }
  for (const dir of options.extra ?? []) {
    for (const file of listPackFiles(dir)) files.push({ path: file, display: file });
  }
  const byId = new Map<string, Rule>();
  const bySlug = new Map<string, Rule>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch (error) {
      throw new ZtmmError('E_RULEPACK_UNREADABLE', `${file.display}: rule pack cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
    }
    for (const rule of compilePack(file.display, text, options.params)) {
      const previous = byId.get(rule.id);
      if (previous) {
        throw new ZtmmError(
          'E_RULEPACK_DUPLICATE',
          `${rule.declaredAt.path}:${rule.declaredAt.line}:${rule.declaredAt.column}: rule id ${rule.id} is already declared at ${previous.declaredAt.path}:${previous.declaredAt.line}`,
        );
      }
      const sameSlug = bySlug.get(rule.slug);
      if (sameSlug) {
        throw new ZtmmError(
          'E_RULEPACK_DUPLICATE',
          `${rule.declaredAt.path}:${rule.declaredAt.line}:${rule.declaredAt.column}: rule slug ${rule.slug} is already used by ${sameSlug.id} at ${sameSlug.declaredAt.path}:${sameSlug.declaredAt.line}`,
        );
      }
      byId.set(rule.id, rule);
      bySlug.set(rule.slug, rule);
    }
  }
  return [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
}
