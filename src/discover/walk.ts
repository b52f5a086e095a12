/**
 * Walks the scan roots with globby, honouring .gitignore and built-in excludes, and returns the
 * files to consider in a stable order. A root that does not exist or cannot be read is a
 * ZtmmError (exit 2); everything below a readable root is inventoried, never dropped.
 */
import { statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { globby } from 'globby';
import { ZtmmError } from '../errors.js';
import { compareStrings } from '../model/vocabulary.js';

export const BUILTIN_EXCLUDES = ['**/node_modules/**', '**/.git/**'];

export interface FoundFile {
  /** Absolute path on disk. */
  absolute: string;
  /** Posix path relative to the scan root (see displayBase). */
  path: string;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * With one directory root, paths are relative to it; otherwise (several roots, or a file root)
 * they are relative to the working directory.
 */
export async function walkRoots(roots: readonly string[], cwd: string): Promise<FoundFile[]> {
  const absoluteRoots = roots.map((root) => resolve(cwd, root));
  const kinds = absoluteRoots.map((root, i) => {
    try {
      const stats = statSync(root);
      if (stats.isDirectory()) return 'dir' as const;
      if (stats.isFile()) return 'file' as const;
      throw new ZtmmError('E_ROOT_UNREADABLE', `${roots[i] ?? root}: not a file or directory`);
    } catch (error) {
      if (error instanceof ZtmmError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new ZtmmError('E_ROOT_UNREADABLE', `${roots[i] ?? root}: cannot read scan root (${code})`, { cause: error });
    }
  });
  const base = absoluteRoots.length === 1 && kinds[0] === 'dir' ? (absoluteRoots[0] as string) : cwd;
  const seen = new Map<string, FoundFile>();
  for (const [i, root] of absoluteRoots.entries()) {
    if (kinds[i] === 'file') {
      seen.set(root, { absolute: root, path: toPosix(relative(base, root)) || basename(root) });
      continue;
    }
    let entries: string[];
    try {
      entries = await globby('**/*', {
        cwd: root,
        dot: true,
        // .gitignore files inside the scan root apply; ones above it do not, so an explicitly named
        // root is always scanned even when the surrounding repository ignores it.
        ignoreFiles: ['**/.gitignore'],
        ignore: BUILTIN_EXCLUDES,
        onlyFiles: true,
        followSymbolicLinks: false,
        absolute: true,
        suppressErrors: true,
      });
    } catch (error) {
      throw new ZtmmError('E_ROOT_UNREADABLE', `${roots[i] ?? root}: cannot read scan root (${(error as Error).message})`, { cause: error });
    }
    for (const absolute of entries) {
      const rel = toPosix(relative(base, absolute));
      seen.set(absolute, { absolute, path: rel.startsWith('..') ? toPosix(relative(dirname(base), absolute)) : rel });
    }
  }
  return [...seen.values()].sort((a, b) => compareStrings(a.path, b.path));
}
