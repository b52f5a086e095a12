/** A ReadContext over an in-memory tree, resolving includes as the scan does (matchInclude). */
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { matchInclude } from '../../src/discover/include-resolver.js';

export function treeContext(files: Record<string, string>): ReadContext {
  const paths = Object.keys(files).sort();
  return {
    include(pattern, from) {
      if (/\$\{|\$[A-Za-z_(]|`/.test(pattern)) return { files: [], reason: `${pattern}: holds a variable that cannot be resolved statically` };
      const matched = matchInclude(pattern, from, paths).filter((p) => p !== from);
      if (matched.length === 0) return { files: [], reason: `${pattern}: not in the scanned inputs` };
      return { files: matched.map((path) => ({ path, text: files[path] as string })), reason: null };
    },
  };
}
