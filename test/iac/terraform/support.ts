/**
 * Reading Terraform files in tests as the scan does: `.tf` / `.tfvars` through the HCL adapter,
 * `.tf.json` / `.tfvars.json` through the JSON adapter, then the evaluator over all of them.
 */
import assert from 'node:assert/strict';
import { ADAPTERS } from '../../../src/adapters/terraform.js';
import { NO_INCLUDES } from '../../../src/adapters/config-adapter.js';
import type { AsyncTextAdapter, DocumentAdapter } from '../../../src/adapters/config-adapter.js';
import { parseStructured } from '../../../src/documents/yaml-document.js';
import { evaluateTerraform } from '../../../src/iac/terraform/evaluate.js';
import type { TerraformEvaluation } from '../../../src/iac/terraform/evaluate.js';
import { Unresolved, isUnresolved } from '../../../src/model/cloud.js';
import type { CloudResource, IacValue, TerraformFileData } from '../../../src/model/cloud.js';
import type { ConfigRead } from '../../../src/model/pipeline.js';

export const HCL = ADAPTERS.asyncText?.[0] as AsyncTextAdapter;
export const JSON_ADAPTER = ADAPTERS.documents[0] as DocumentAdapter;

export async function readOne(path: string, text: string): Promise<ConfigRead> {
  if (path.endsWith('.json')) {
    const parsed = parseStructured(path, text);
    const doc = parsed.documents[0];
    assert.ok(doc, `${path} parses as JSON`);
    assert.ok(JSON_ADAPTER.claims(path, doc.data));
    return JSON_ADAPTER.read(doc, NO_INCLUDES);
  }
  assert.ok(HCL.claims(path, text));
  return HCL.read({ path, text }, NO_INCLUDES);
}

export async function readFiles(files: Record<string, string>): Promise<TerraformFileData[]> {
  const out: TerraformFileData[] = [];
  for (const [path, text] of Object.entries(files)) {
    const read = await readOne(path, text);
    assert.deepEqual(read.problems, [], `${path}: no problem`);
    assert.ok(read.cloud?.format === 'terraform-file');
    out.push(read.cloud.file);
  }
  return out;
}

export async function evaluate(files: Record<string, string>): Promise<TerraformEvaluation> {
  return evaluateTerraform(await readFiles(files));
}

export function byAddress(evaluation: TerraformEvaluation, address: string, stack?: string): CloudResource {
  const found = evaluation.resources.find((r) => r.address === address && (stack === undefined || r.stack === stack));
  assert.ok(found, `${address} among ${evaluation.resources.map((r) => `${r.stack}:${r.address}`).join(', ')}`);
  return found;
}

export function addresses(evaluation: TerraformEvaluation, stack?: string): string[] {
  return evaluation.resources.filter((r) => stack === undefined || r.stack === stack).map((r) => r.address);
}

/** Asserts a value is Unresolved with this reason (or a reason matching) and these refs. */
export function assertUnresolved(value: IacValue | undefined | true, reason: string | RegExp, refs: string[] = []): void {
  assert.ok(value !== true && isUnresolved(value), `expected Unresolved, got ${JSON.stringify(value)}`);
  const u = value as Unresolved;
  if (typeof reason === 'string') assert.equal(u.reason, reason);
  else assert.match(u.reason, reason);
  assert.deepEqual([...u.refs], refs);
  assert.equal(Object.getPrototypeOf(u), Unresolved.prototype, 'a plain Unresolved (not an internal failure)');
}
