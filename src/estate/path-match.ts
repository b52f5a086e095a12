/**
 * Matches a path as a host or container sees it (`/var/log/kubernetes/audit.log`) with files of
 * the scanned tree (`nodes/cp1/var/log/kubernetes/audit.log`) by trailing path segments (pure).
 */
import { posix } from 'node:path';

const SEGMENT_CACHE_LIMIT = 100_000;
const segmentCache = new Map<string, string[]>();

/** Path segments, memoised: linking compares the same few thousand paths many times over. */
function segments(path: string): string[] {
  let cached = segmentCache.get(path);
  if (!cached) {
    if (segmentCache.size >= SEGMENT_CACHE_LIMIT) segmentCache.clear();
    cached = path.split('/').filter(Boolean);
    segmentCache.set(path, cached);
  }
  return cached;
}

/** How many trailing segments two paths share (0 when the file names differ). */
export function sharedTail(declared: string, scanned: string): number {
  const a = segments(declared);
  const b = segments(scanned);
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

export type MatchResult = { kind: 'found'; path: string } | { kind: 'none' } | { kind: 'ambiguous'; paths: string[] };

/** How many leading folders two relative paths share (`node-1/etc/a`, `node-1/var/b` → 1). */
export function sharedHead(a: string, b: string): number {
  const x = segments(a);
  const y = segments(b);
  const limit = Math.min(x.length, y.length) - 1;
  let n = 0;
  while (n < limit && x[n] === y[n]) n++;
  return n;
}

/**
 * Of several equally good candidates, the one that sits closest to `near` (the file that declared
 * the path: in an export of many nodes, the policy in the same node's folder). Null when still tied.
 */
export function nearest<T>(candidates: readonly T[], pathOf: (c: T) => string, near: string): T | null {
  let best = -1;
  let winners: T[] = [];
  for (const c of candidates) {
    const score = sharedHead(pathOf(c), near);
    if (score > best) {
      best = score;
      winners = [c];
    } else if (score === best) winners.push(c);
  }
  return winners.length === 1 ? (winners[0] as T) : null;
}

/**
 * The scanned file that best matches any of the declared paths; among equal matches the one
 * nearest to `near`; remaining ties are ambiguous, never guessed.
 */
export function bestFileMatch(declared: readonly string[], scanned: readonly string[], near?: string): MatchResult {
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
  if (winners.length > 1 && near !== undefined) {
    const closest = nearest(winners, (w) => w, near);
    if (closest !== null) return { kind: 'found', path: closest };
  }
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
  // As far as both go: `node1/var/log/kubernetes/audit` and `kubernetes/audit` are the apiserver's
  // `/var/log/kubernetes/audit`; `bastion-1/var/log/audit` is another host's auditd folder.
  const depth = Math.min(segments(declaredDir).length, segments(scannedDir).length);
  return sharedTail(declaredDir, scannedDir) >= Math.max(1, depth);
}
