/**
 * Walks the scan roots with globby and returns every file to consider plus everything passed
 * over (symbolic links, special files, what .gitignore or the built-in excludes leave out), so
 * that nothing is dropped silently. A root that does not exist or cannot be read is a ZtmmError
 * (exit 2); everything below a readable root is inventoried.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { globby, isIgnoredByIgnoreFiles } from 'globby';
import { ZtmmError } from '../errors.js';
import { compareStrings } from '../model/vocabulary.js';

export const BUILTIN_EXCLUDED_DIRS = ['node_modules', '.git'];
// `/**/*` keeps the folder itself in the listing (so it can be inventoried) but never enters it.
const BUILTIN_EXCLUDES = BUILTIN_EXCLUDED_DIRS.map((d) => `**/${d}/**/*`);

export interface FoundFile {
  /** Absolute path on disk. */
  absolute: string;
  /** Posix path relative to the scan base (see walkRoots). */
  path: string;
}

export interface PassedOver {
  /** Posix path relative to the scan base; folders end with `/`. */
  path: string;
  reason: string;
  /** Set for what could not be read (a folder that cannot be listed); otherwise it was skipped. */
  status?: 'error';
}

export interface Walk {
  /** The absolute folder every reported path is relative to. */
  base: string;
  files: FoundFile[];
  passedOver: PassedOver[];
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** The deepest folder that holds every path. */
export function commonFolder(paths: readonly string[]): string {
  const split = paths.map((p) => p.split(sep));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  const joined = first.slice(0, n).join(sep);
  return joined === '' ? sep : joined;
}

interface Entry {
  path: string;
  dirent: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean };
}

async function list(root: string): Promise<Entry[]> {
  const entries = (await globby(['**/*'], {
    cwd: root,
    dot: true,
    ignore: BUILTIN_EXCLUDES,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    suppressErrors: true,
  })) as unknown as Entry[];
  // Made absolute here, not by globby: its absolute paths turn a backslash in a file name into a
  // slash, naming another file (or none).
  return entries.map((e) => ({ path: resolve(root, e.path), dirent: e.dirent }));
}

/**
 * Why a folder cannot be entered, or null when it can. globby (suppressErrors) passes over a
 * folder it cannot list without a word, so it is checked here to be inventoried, not dropped.
 */
function unreadableFolder(path: string): string | null {
  try {
    accessSync(path, constants.R_OK | constants.X_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' ? 'folder cannot be read (permission denied)' : `folder cannot be read (${code ?? 'error'})`;
  }
}

/** Collapses left-out files to the highest folder that holds nothing kept (`dist/`), else the file. */
function collapse(ignored: readonly string[], kept: readonly string[]): string[] {
  const keptFolders = new Set<string>();
  for (const file of kept) {
    let dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    while (dir !== '' && !keptFolders.has(dir)) {
      keptFolders.add(dir);
      dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    }
  }
  const out = new Set<string>();
  for (const file of ignored) {
    const parts = file.split('/');
    let reported = file;
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (!keptFolders.has(folder)) {
        reported = `${folder}/`;
        break;
      }
    }
    out.add(reported);
  }
  return [...out];
}

/**
 * With one folder root, paths are relative to it; otherwise (several roots, or a file root) to
 * the deepest folder that holds them all, so reports never depend on the working directory.
 */
export async function walkRoots(roots: readonly string[], cwd: string): Promise<Walk> {
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
  const base =
    absoluteRoots.length === 1 && kinds[0] === 'dir'
      ? (absoluteRoots[0] as string)
      : commonFolder(absoluteRoots.map((r, i) => (kinds[i] === 'dir' ? r : dirname(r))));
  const rel = (absolute: string): string => toPosix(relative(base, absolute));
  const files = new Map<string, FoundFile>();
  const passedOver = new Map<string, PassedOver>();
  for (const [i, root] of absoluteRoots.entries()) {
    if (kinds[i] === 'file') {
      files.set(root, { absolute: root, path: rel(root) });
      continue;
    }
    let kept: Entry[];
    let all: Entry[];
    try {
      all = await list(root);
      // .gitignore files inside the scan root apply; ones above it do not, so an explicitly
      // named root is always scanned even when the surrounding repository ignores it.
      // Links are not followed here either: globby's search for ignore files follows them by
      // default, and a link to / would have it walk the whole file system.
      const ignored = await isIgnoredByIgnoreFiles('**/.gitignore', { cwd: root, dot: true, ignore: BUILTIN_EXCLUDES, suppressErrors: true, followSymbolicLinks: false });
      kept = all.filter((e) => !ignored(e.path));
    } catch (error) {
      throw new ZtmmError('E_ROOT_UNREADABLE', `${roots[i] ?? root}: cannot read scan root (${(error as Error).message})`, { cause: error });
    }
    const isExcluded = (e: Entry): boolean => BUILTIN_EXCLUDED_DIRS.includes(basename(e.path));
    for (const entry of all.filter(isExcluded)) {
      const path = `${rel(entry.path)}${entry.dirent.isDirectory() ? '/' : ''}`;
      passedOver.set(entry.path, { path, reason: 'excluded (built-in)' });
    }
    kept = kept.filter((e) => !isExcluded(e));
    all = all.filter((e) => !isExcluded(e));
    const keptPaths = new Set(kept.map((e) => e.path));
    for (const entry of kept) {
      if (entry.dirent.isDirectory()) {
        const reason = unreadableFolder(entry.path);
        if (reason !== null) passedOver.set(entry.path, { path: `${rel(entry.path)}/`, reason, status: 'error' });
        continue;
      }
      if (entry.dirent.isFile()) files.set(entry.path, { absolute: entry.path, path: rel(entry.path) });
      else if (entry.dirent.isSymbolicLink()) passedOver.set(entry.path, { path: rel(entry.path), reason: 'symbolic link (not followed)' });
      else passedOver.set(entry.path, { path: rel(entry.path), reason: 'not a regular file' });
    }
    const ignored = all.filter((e) => !e.dirent.isDirectory() && !keptPaths.has(e.path)).map((e) => rel(e.path));
    const keptRel = kept.filter((e) => !e.dirent.isDirectory()).map((e) => rel(e.path));
    for (const path of collapse(ignored, keptRel)) passedOver.set(resolve(base, path), { path, reason: 'ignored by .gitignore' });
  }
  const byPath = (a: { path: string }, b: { path: string }): number => compareStrings(a.path, b.path);
  return { base, files: [...files.values()].sort(byPath), passedOver: [...passedOver.values()].sort(byPath) };
}
