/**
 * Terraform plan (and state) JSON (issue 3): the output of `terraform show -json`, a document the
 * scan has parsed, read into `CloudResource`s with the values Terraform resolved; values known
 * only after apply stay `Unresolved` with the resources their expressions refer to.
 */
import type { StructuredDocument } from '../documents/yaml-document.js';
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import { isPlanDocument, readPlan } from '../iac/plan/read-plan.js';
import type { DocumentAdapter } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';

export const TERRAFORM_PLAN_KIND = 'terraform-plan';

export function readTerraformPlan(doc: StructuredDocument): ConfigRead {
  const read = emptyRead(TERRAFORM_PLAN_KIND);
  try {
    const plan = readPlan(doc);
    read.problems = plan.problems;
    read.unknowns = plan.unknowns;
    read.cloud = { format: 'resources', resources: plan.resources };
  } catch (error) {
    // Never expected; a reader must not take the scan down. Named by kind only (no source quoted).
    read.problems = [{ at: { path: doc.path, line: 1, column: 1 }, message: `plan could not be read (${error instanceof RangeError ? 'nesting too deep' : 'internal error'})` }];
    read.fatal = true;
  }
  return read;
}

export const TERRAFORM_PLAN_ADAPTER: DocumentAdapter = {
  kind: TERRAFORM_PLAN_KIND,
  claims: (_path, data) => isPlanDocument(data),
  read: (doc) => readTerraformPlan(doc),
};

export const ADAPTERS: ConfigAdapters = { text: [], documents: [TERRAFORM_PLAN_ADAPTER] };
