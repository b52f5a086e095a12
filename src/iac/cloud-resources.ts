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

export function cloudResources(configs: readonly ConfigRead[]): CloudResources {
  const terraform: TerraformFileData[] = [];
  const resources: CloudResource[] = [];
  for (const read of configs) {
    if (read.cloud?.format === 'terraform-file') terraform.push(read.cloud.file);
    else if (read.cloud?.format === 'resources') resources.push(...read.cloud.resources);
  }
  if (terraform.length === 0) return { resources, unknowns: [], problems: [] };
  const evaluated = evaluateTerraform(terraform);
  return { resources: qualifySharedAddresses([...evaluated.resources, ...resources]), unknowns: evaluated.unknowns, problems: evaluated.problems };
}
