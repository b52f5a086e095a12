/**
 * Includes of host configs, resolved through the scan's `ReadContext` (the only IO an adapter
 * may do). A host path (`/etc/ssh/sshd_config.d/*.conf`) is looked up under the host root of the
 * including file; when the tree has no host layout (a repository holding `sshd_config` and
 * `sshd_config.d/` side by side) a fallback relative to the including file is tried.
 */
import type { IncludeResult, ReadContext, TextFile } from '../config-adapter.js';
import { baseName } from './text.js';

export interface Resolved {
  files: TextFile[];
  /** Why nothing (or not everything) was included; null when every named file was read. */
  reason: string | null;
}

/** Never throws: a failing context becomes a reason. */
export function safeInclude(context: ReadContext, pattern: string, from: string): IncludeResult {
  try {
    const result = context.include(pattern, from);
    return { files: [...result.files], reason: result.reason };
  } catch (error) {
    return { files: [], reason: `${pattern}: ${error instanceof Error ? error.message.split('\n')[0] ?? 'error' : 'error'}` };
  }
}

/**
 * The files a pattern names; when it names none, the same pattern relative to the including
 * file's folder with `hostPrefix` (the folder the including file stands for, such as `/etc/ssh/`)
 * taken off.
 */
export function includeWithFallback(context: ReadContext, pattern: string, from: string, hostPrefix: string | null): Resolved {
  const first = safeInclude(context, pattern, from);
  if (first.files.length > 0 || hostPrefix === null || !pattern.startsWith(hostPrefix)) return first;
  const relative = pattern.slice(hostPrefix.length);
  if (relative === '' || relative.startsWith('/')) return first;
  const second = safeInclude(context, relative, from);
  return second.files.length > 0 ? second : first;
}

/** Files sorted by file name, as glob(3) and the systemd drop-in order see them (then by path). */
export function byName(files: readonly TextFile[]): TextFile[] {
  return [...files].sort((a, b) => {
    const x = baseName(a.path);
    const y = baseName(b.path);
    if (x !== y) return x < y ? -1 : 1;
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
}

/** Files sorted by path (glob order for patterns within one folder). */
export function byPath(files: readonly TextFile[]): TextFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
