/**
 * Where the scan base sits in its Git work tree, so reports can link files from the repository
 * root (GitHub code scanning and Markdown links need repository-relative paths). Looks for a
 * `.git` folder or file upward from the base; reads nothing else.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The base as a posix path from the work tree root ('' at the root); null outside a work tree. */
export function repositoryBase(base: string): string | null {
  let folder = base;
  for (;;) {
    if (hasGitEntry(folder)) return relative(folder, base).split(sep).join('/');
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

function hasGitEntry(folder: string): boolean {
  try {
    const stats = statSync(join(folder, '.git'));
    return stats.isDirectory() || stats.isFile();
  } catch {
    return false;
  }
}
