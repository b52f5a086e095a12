/** A ReadContext over an in-memory tree, resolving includes as the scan does; a variable in a pattern is not resolved. */
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { filesContext } from './adapter-support.js';

export function treeContext(files: Record<string, string>): ReadContext {
  const tree = filesContext(files);
  return {
    include(pattern, from) {
      if (/\$\{|\$[A-Za-z_(]|`/.test(pattern)) return { files: [], reason: `${pattern}: holds a variable that cannot be resolved statically` };
      return tree.include(pattern, from);
    },
  };
}
