/**
 * Matches a path as a host or container sees it (`/var/log/kubernetes/audit.log`) with files of
 * the scanned tree (`nodes/cp1/var/log/kubernetes/audit.log`) by trailing path segments (pure).
 */
import { posix } from 'node:path';

/** How many trailing segments two paths share (0 when the file names differ). */
export function sharedTail(declared: string, scanned: string): number {
  const a = declared.split('/').filter(Boolean);
  const b = scanned.split('/').filter(Boolean);
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

export type MatchResult = { kind: 'found'; path: string } | { kind: 'none' } | { kind: 'ambiguous'; paths: string[] };

/** The scanned file that best matches any of the declared paths; ties are ambiguous, never guessed. */
export function bestFileMatch(declared: readonly string[], scanned: readonly string[]): MatchResult {
  let best = 0;
  let winners: string[] = [];
  for (const file of scanned) {
    const score = Math.max(0, ...declared.map((d) => sharedTail(d, file)));
    if (score === 0) continue;
    if (score > best) {
      best = score;
      winners = [file];
    } else if (score === best) winners.push(file);
  }
  if (winners.length === 0) return { kind: 'none' };
  if (winners.length > 1) return { kind: 'ambiguous', paths: winners.sort() };
  return { kind: 'found', path: winners[0] as string };
}

/**
 * True when `scanned` is the log file at `declared` or one of its rotations: `audit.log.1`,
 * `audit.log.2.gz`, or lumberjack's `audit-2024-05-01T10-00-00.000.log`; the directories must
 * agree as far as both paths go up to the scanned tree's depth (at least the parent).
 */
export function isLogFileOf(declared: string, scanned: string): boolean {
  const declaredBase = posix.basename(declared);
  const scannedBase = posix.basename(scanned);
  const ext = posix.extname(declaredBase);
  const stem = ext ? declaredBase.slice(0, -ext.length) : declaredBase;
  const sameFile =
    scannedBase === declaredBase ||
    scannedBase.startsWith(`${declaredBase}.`) ||
    (ext !== '' && scannedBase.startsWith(`${stem}-`) && scannedBase.includes(ext));
  if (!sameFile) return false;
  const declaredDir = posix.dirname(declared);
  const scannedDir = posix.dirname(scanned);
  if (scannedDir === '.') return true;
  return sharedTail(declaredDir, scannedDir) >= 1;
}
