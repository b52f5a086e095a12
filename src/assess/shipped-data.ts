/**
 * Reads the YAML data files ztmm ships next to its rule packs (profiles/, frameworks/) and
 * validates them with ajv against their schema in schema/. They are part of the install, so a
 * broken one is a defect of the package, reported like a broken rule pack: a ZtmmError naming
 * `file:line:col`, never a stack trace. The code is E_CONFIG (exit 2): ZtmmErrorCode has none of
 * its own for shipped data, and like a bad config the run cannot go on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parseStructured } from '../documents/yaml-document.js';
import type { DocPath } from '../documents/yaml-document.js';
import { ZtmmError } from '../errors.js';
import { compareStrings } from '../model/vocabulary.js';
import { packageRoot } from '../package-root.js';

/** A folder of shipped data: `profiles` or `frameworks`, each file `<id>.yaml`. */
export type DataFolder = 'profiles' | 'frameworks';

/** One validated file; `fail` throws a ZtmmError at a key path of it (for checks ajv cannot express). */
export interface ShippedDocument {
  data: unknown;
  /** The file as errors name it: `profiles/ztmm.yaml`. */
  shown: string;
  fail(path: DocPath, message: string): never;
}

const validators = new Map<string, ValidateFunction>();

function validator(schemaFile: string): ValidateFunction {
  let validate = validators.get(schemaFile);
  if (!validate) {
    const schema: unknown = JSON.parse(readFileSync(join(packageRoot(), 'schema', schemaFile), 'utf8'));
    validate = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(schema as object);
    validators.set(schemaFile, validate);
  }
  return validate;
}

/** Ids of the files in a data folder, in name order. */
export function listIds(folder: DataFolder): string[] {
  let names: string[];
  try {
    names = readdirSync(join(packageRoot(), folder));
  } catch (error) {
    throw new ZtmmError('E_CONFIG', `${folder}/: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  return names
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort(compareStrings);
}

/** Reads `<folder>/<id>.yaml` and checks it against `schema/<schemaFile>`; callers check `id` against listIds first. */
export function readShipped(folder: DataFolder, id: string, schemaFile: string): ShippedDocument {
  const shown = `${folder}/${id}.yaml`;
  let text: string;
  try {
    text = readFileSync(join(packageRoot(), folder, `${id}.yaml`), 'utf8');
  } catch (error) {
    throw new ZtmmError('E_CONFIG', `${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  return parseShipped(folder, id, text, schemaFile);
}

/** Parses and validates the text of `<folder>/<id>.yaml` (readShipped without the disk, for tests). */
export function parseShipped(folder: DataFolder, id: string, text: string, schemaFile: string): ShippedDocument {
  const shown = `${folder}/${id}.yaml`;
  const parsed = parseStructured(shown, text);
  const firstError = parsed.errors[0];
  if (firstError) throw new ZtmmError('E_CONFIG', `${shown}:${firstError.line}:${firstError.column}: ${firstError.message}`);
  const doc = parsed.documents[0];
  if (!doc || parsed.documents.length > 1) throw new ZtmmError('E_CONFIG', `${shown}:1:1: must be exactly one YAML document`);
  const fail = (path: DocPath, message: string): never => {
    const loc = doc.locate(path);
    throw new ZtmmError('E_CONFIG', `${shown}:${loc.line}:${loc.column}: ${path.length > 0 ? `${keyPath(path)} ` : ''}${message}`);
  };
  const validate = validator(schemaFile);
  if (!validate(doc.data)) {
    const { path, message } = describe(validate.errors?.[0]);
    fail(path, message);
  }
  // The file name is the id users type; a mismatch would make a file answer to two names.
  if ((doc.data as { id?: unknown }).id !== id) fail(['id'], `must be "${id}", the file's name`);
  return { data: doc.data, shown, fail };
}

/** Turns ajv's first error into the key path it is about and a short message. */
function describe(error: ErrorObject | undefined): { path: DocPath; message: string } {
  if (!error) return { path: [], message: 'does not match the schema' };
  const path: (string | number)[] = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = error.params as Record<string, unknown>;
  // Point at the offending key itself, not at the object that holds it.
  if (error.keyword === 'additionalProperties') return { path: [...path, String(params.additionalProperty)], message: 'is not a known key' };
  // A key that fails `propertyNames` comes as the inner error (a pattern), naming the key.
  const badKey = (error as { propertyName?: string }).propertyName;
  if (badKey !== undefined) return { path: [...path, badKey], message: 'is not a valid key here' };
  if (error.keyword === 'enum') return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
  if (error.keyword === 'required') return { path, message: `needs "${String(params.missingProperty)}"` };
  return { path, message: error.message ?? 'does not match the schema' };
}

function keyPath(path: DocPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
