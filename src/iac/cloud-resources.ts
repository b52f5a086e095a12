/**
 * Gathers the cloud resources of a scan from what the front ends read: Terraform files are
 * evaluated together (a directory is a module, and modules call each other), plan JSON and
 * CloudFormation templates already hold their resources.
 */
import type { CloudResource, TerraformFileData } from '../model/cloud.js';
import type { ConfigRead, Unknown } from '../model/pipeline.js';
import type { Location } from '../model/vocabulary.js';
import { qualifySharedAddresses } from './qualify-addresses.js';
import { evaluateTerraform } from './terraform/evaluate.js';

export interface CloudResources {
  resources: CloudResource[];
  unknowns: Unknown[];
  problems: { at: Location; message: string }[];
}

/**
 * `varFiles`: report paths of `.tfvars` files named by `--var-file`, in order; each is applied to
 * the root module in its folder.
 */
export function cloudResources(configs: readonly ConfigRead[], varFiles: readonly string[] = []): CloudResources {
  const terraform: TerraformFileData[] = [];
  const resources: CloudResource[] = [];
  for (const read of configs) {
    if (read.cloud?.format === 'terraform-file') {
      const file = read.cloud.file;
      const order = varFiles.indexOf(file.path);
      terraform.push(order === -1 ? file : { ...file, role: 'vars', varFile: order });
    }
    else if (read.cloud?.format === 'resources') resources.push(...read.cloud.resources);
  }
  if (terraform.length === 0) return { resources, unknowns: [], problems: [] };
  const evaluated = evaluateTerraform(terraform);
  return { resources: qualifySharedAddresses([...evaluated.resources, ...resources]), unknowns: evaluated.unknowns, problems: evaluated.problems };
}
