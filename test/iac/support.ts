/**
 * Builds `CloudResource`s by hand for extractor unit tests, so that an extractor is tested on the
 * values a front end would give it without parsing a file.
 */
import { readScannedFile } from '../../src/discover/read-scanned-file.js';
import { walkRoots } from '../../src/discover/walk.js';
import { cloudResources } from '../../src/iac/cloud-resources.js';
import type { CloudExtraction, CloudExtractor, CloudResource, IacSource, IacValue } from '../../src/model/cloud.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import type { Location } from '../../src/model/vocabulary.js';

export interface ResourceOptions {
  stack?: string;
  path?: string;
  line?: number;
  source?: IacSource;
  address?: string;
  locations?: Record<string, Location>;
  exists?: CloudResource['exists'];
}

export function resource(type: string, name: string, values: Record<string, IacValue>, options: ResourceOptions = {}): CloudResource {
  const path = options.path ?? 'main.tf';
  const cfn = type.includes('::');
  return {
    address: options.address ?? (cfn ? `${type}/${name}` : `${type}.${name}`),
    type,
    name,
    source: options.source ?? (cfn ? 'cloudformation' : 'terraform'),
    stack: options.stack ?? '.',
    path,
    values,
    at: { path, line: options.line ?? 1, column: 1 },
    locations: options.locations ?? {},
    exists: options.exists ?? true,
  };
}

/**
 * Reads a folder as a scan would (every file through its adapter), evaluates the cloud resources
 * and runs one extractor on them: for corpus and estate tests of a single provider.
 */
export async function extractTree(base: string, root: string, extractor: CloudExtractor): Promise<{ out: CloudExtraction; problems: string[] }> {
  const walk = await walkRoots([base + root], base);
  const configs: ConfigRead[] = [];
  const problems: string[] = [];
  for (const file of walk.files) {
    const read = await readScannedFile(file);
    configs.push(...read.configs);
    problems.push(...read.problems);
  }
  return { out: extractor.extract(cloudResources(configs).resources), problems };
}
