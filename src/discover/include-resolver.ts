/**
 * Resolves the includes of shipper configs (`@INCLUDE`, `$IncludeConfig`, `include()`) against the
 * scanned tree (IO edge). Only files of the scan are ever read, each bounded in size; a pattern
 * that leaves the tree, names nothing there, or holds an unresolved variable says why.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { IncludeResult, ReadContext, TextFile } from '../adapters/config-adapter.js';
import { hostRootOf, underHostRoot } from '../estate/host-root.js';
import { sharedHead } from '../estate/path-match.js';
import { compareStrings } from '../model/vocabulary.js';
import { formatSize } from '../logs/read-log.js';
import type { FoundFile } from './walk.js';

/** At most this many files per include pattern. */
export const MAX_INCLUDED_FILES = 256;

function isBinaryFile(absolute: string): boolean {
  const fd = openSync(absolute, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

/** The scanned files an include pattern names, as seen from the including file. */
export function matchInclude(pattern: string, from: string, paths: readonly string[]): string[] {
  if (pattern.startsWith('/')) {
    const root = hostRootOf(from);
    if (root !== null) {
      // A host's absolute path is that host's file: never another host's, even when it is missing.
      const matches = picomatch(underHostRoot(root, pattern), { dot: true });
      return paths.filter((p) => matches(p));
    }
    // No host layout: the pattern's tail anywhere in the tree, nearest to the includer.
    const tail = picomatch(`**/${pattern.replace(/^\/+/, '')}`, { dot: true });
    const exact = picomatch(pattern.replace(/^\/+/, ''), { dot: true });
    const found = paths.filter((p) => tail(p) || exact(p));
    if (found.length === 0) return [];
    const best = Math.max(...found.map((p) => sharedHead(p, from)));
    return found.filter((p) => sharedHead(p, from) === best);
  }
  const joined = posix.normalize(posix.join(posix.dirname(from), pattern));
  if (joined.startsWith('../') || joined === '..') return [];
  const matches = picomatch(joined, { dot: true });
  return paths.filter((p) => matches(p));
}

export function createIncludeContext(files: readonly FoundFile[], maxFileBytes: number): ReadContext {
  const byPath = new Map(files.map((f) => [f.path, f.absolute]));
  const paths = [...byPath.keys()].sort(compareStrings);
  return {
    include(pattern: string, from: string): IncludeResult {
      if (/\$\{|\$[A-Za-z_(]|`/.test(pattern)) return { files: [], reason: `${pattern}: holds a variable that cannot be resolved statically` };
      const matched = matchInclude(pattern, from, paths).filter((p) => p !== from);
      if (matched.length === 0) return { files: [], reason: `${pattern}: not in the scanned inputs` };
      const out: TextFile[] = [];
      const reasons: string[] = [];
      for (const path of matched.slice(0, MAX_INCLUDED_FILES)) {
        const absolute = byPath.get(path) as string;
        try {
          if (statSync(absolute).size > maxFileBytes) {
            reasons.push(`${path}: larger than --max-file-size (${formatSize(maxFileBytes)})`);
            continue;
          }
          if (isBinaryFile(absolute)) {
            reasons.push(`${path}: binary file`);
            continue;
          }
          out.push({ path, text: readFileSync(absolute, 'utf8') });
        } catch (error) {
          reasons.push(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
        }
      }
      if (matched.length > MAX_INCLUDED_FILES) reasons.push(`${pattern}: more than ${MAX_INCLUDED_FILES} files; the rest are not included`);
      return { files: out, reason: reasons.length > 0 ? reasons.join('; ') : null };
    },
  };
}
