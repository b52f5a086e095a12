/** Helpers of the auditd, audit rules, audisp-remote and journald adapter tests. */
import type { ConfigRead } from '../../src/model/pipeline.js';

export { factPlace as at, conf as lines, filesContext as treeContext, theSubject } from './adapter-support.js';

/** Problems as `line:column message`, for exact comparisons. */
export function problemsOf(read: ConfigRead): string[] {
  return read.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`);
}

