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
import { packageRoot } from '../package-root.js';

let validator: ValidateFunction | undefined;

function resultValidator(): ValidateFunction {
  if (!validator) {
    const schema: unknown = JSON.parse(readFileSync(join(packageRoot(), 'schema', 'result.schema.json'), 'utf8'));
    validator = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(schema as object);
  }
  return validator;
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
