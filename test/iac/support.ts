/**
 * Builds `CloudResource`s by hand for extractor unit tests, so that an extractor is tested on the
 * values a front end would give it without parsing a file.
 */
import type { CloudResource, IacSource, IacValue } from '../../src/model/cloud.js';
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
