/**
 * Reads a saved JSON result for `ztmm report`: parsed, checked against the shipped result schema,
 * and refused with one line naming the file and the position or field when it is not a result
 * this version can render.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { ZtmmError } from '../errors.js';
import { describeJsonError } from '../logs/json-errors.js';
import type { ScanResult } from '../model/result.js';
import { AREAS, CAPABILITIES } from '../model/vocabulary.js';
import { packageRoot } from '../package-root.js';

let validator: ValidateFunction | undefined;

/**
 * The shipped schema closes every object (`additionalProperties: false`) so that ztmm's own output
 * is checked exactly; a result from a later minor version may add fields, which this version then
 * ignores. So objects are opened here, and everything this version reads is still required.
 */
function openObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openObjects);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = openObjects(value);
  }
  return out;
}

function resultValidator(): ValidateFunction {
  if (!validator) {
    const schema: unknown = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'result.schema.json'), 'utf8'));
    validator = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(openObjects(schema) as object);
  }
  return validator;
}

/** What the schema cannot say: each of the eight areas once, with its kind; rule ids unique. */
function consistencyProblem(result: ScanResult): string | null {
  for (const area of AREAS) {
    const rows = result.pillars.filter((p) => p.id === area);
    if (rows.length !== 1) return `/pillars has ${rows.length} rows for "${area}" (needs exactly one)`;
    const kind = (CAPABILITIES as readonly string[]).includes(area) ? 'capability' : 'pillar';
    if (rows[0]?.kind !== kind) return `/pillars: "${area}" is a ${kind}`;
  }
  const ids = new Set<string>();
  for (const rule of result.rules) {
    if (ids.has(rule.id)) return `/rules lists ${rule.id} twice`;
    ids.add(rule.id);
  }
  return null;
}

/** `at position N` → `line:col` (1-based), which editors understand. */
function withLineColumn(text: string, description: string): string {
  const match = /^(.*) at position (\d+)$/.exec(description);
  if (!match) return description;
  const position = Number(match[2]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${line}:${column}: ${match[1] ?? ''}`;
}

export function parseResult(text: string, shown: string): ScanResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new ZtmmError('E_RESULT', `${shown}: not a ztmm JSON result (${withLineColumn(text, describeJsonError(error))})`);
  }
  const validate = resultValidator();
  if (!validate(parsed)) {
    const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof parsed === 'object' && parsed !== null && version !== '1') {
      throw new ZtmmError('E_RESULT', `${shown}: result schemaVersion ${JSON.stringify(version ?? null)} is not one this ztmm reads ("1")`);
    }
    const first = validate.errors?.[0];
    const where = first?.instancePath ? first.instancePath : '/';
    throw new ZtmmError('E_RESULT', `${shown}: not a valid ztmm result: ${where} ${first?.message ?? 'does not match the schema'}`);
  }
  const problem = consistencyProblem(parsed as ScanResult);
  if (problem) throw new ZtmmError('E_RESULT', `${shown}: not a valid ztmm result: ${problem}`);
  return parsed as ScanResult;
}

export function loadResult(absolute: string, shown: string): ScanResult {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new ZtmmError('E_RESULT', `${shown}: cannot read the result (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  return parseResult(text, shown);
}
