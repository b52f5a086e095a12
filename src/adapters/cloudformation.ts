/**
 * CloudFormation templates (issue 3), YAML or JSON: claimed by a sniff of their head before the
 * scan parses YAML (the short intrinsic tags `!Ref`, `!Sub` need their own schema), read into
 * `CloudResource`s with their properties evaluated statically. Nothing in a template is run (an
 * inline Lambda `ZipFile` is a string like any other).
 */
import { emptyRead } from '../model/pipeline.js';
import type { ConfigRead } from '../model/pipeline.js';
import { readTemplate } from '../iac/cloudformation/read-template.js';
import { looksLikeTemplate } from '../iac/cloudformation/sniff.js';
import type { TextAdapter, TextFile } from './config-adapter.js';
import type { ConfigAdapters } from './registry.js';

export const CLOUDFORMATION_KIND = 'cloudformation';

export function readCloudFormation(file: TextFile): ConfigRead {
  const read = emptyRead(CLOUDFORMATION_KIND);
  try {
    const template = readTemplate(file.path, file.text);
    read.problems = template.problems;
    read.unknowns = template.unknowns;
    read.fatal = template.fatal;
    if (!template.fatal) read.cloud = { format: 'resources', resources: template.resources };
  } catch (error) {
    // Never expected; a reader must not take the scan down. Named by kind only (no source quoted).
    read.problems = [{ at: { path: file.path, line: 1, column: 1 }, message: `template could not be read (${error instanceof RangeError ? 'nesting too deep' : 'internal error'})` }];
    read.fatal = true;
  }
  return read;
}

export const CLOUDFORMATION_ADAPTER: TextAdapter = {
  kind: CLOUDFORMATION_KIND,
  claims: (path, head) => {
    try {
      return looksLikeTemplate(path, head);
    } catch {
      return false;
    }
  },
  read: (file) => readCloudFormation(file),
};

export const ADAPTERS: ConfigAdapters = { text: [CLOUDFORMATION_ADAPTER], documents: [] };
