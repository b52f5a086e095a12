/** Placeholder (issue 3): the Terraform module evaluator. */
import type { CloudResource, TerraformFileData } from '../../model/cloud.js';
import type { Unknown } from '../../model/pipeline.js';
import type { Location } from '../../model/vocabulary.js';

export interface TerraformEvaluation {
  resources: CloudResource[];
  /** Constructs not understood or not knowable (a remote module, a variable without a value). */
  unknowns: Unknown[];
  problems: { at: Location; message: string }[];
}

/**
 * Evaluates every root module among the Terraform files of a scan (every directory with `.tf`
 * files that no other scanned module calls as a local module), with the local modules they call.
 */
export function evaluateTerraform(files: readonly TerraformFileData[]): TerraformEvaluation {
  void files;
  return { resources: [], unknowns: [], problems: [] };
}
