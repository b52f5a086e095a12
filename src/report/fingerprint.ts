/**
 * A finding's identity across runs, for tools that track results over time (SARIF
 * partialFingerprints, and any report that wants to match today's finding to yesterday's).
 *
 * It hashes what the finding is about (rule, subject, file) and nothing that moves when the file
 * is edited or the wording improves: no line, no column, no message, no measured value. So an
 * alert survives a line move above it, and a ratio going from 40% to 41% is still the same
 * problem.
 */
import { createHash } from 'node:crypto';
import type { Finding, ScanResult } from '../model/result.js';
import { repositoryPath } from './links.js';

/** Bump the version when the inputs change, so old and new fingerprints never collide by chance. */
export const FINGERPRINT_KEY = 'ztmm/v1';

export interface FingerprintParts {
  ruleId: string;
  subject: string;
  /** The file (or folder) the finding points at, as a repository path; never a line. */
  path: string;
}

/** 32 hex digits (128 bits) of SHA-256: plenty against accidental collisions, short in a report. */
export function fingerprint(parts: FingerprintParts): string {
  // A JSON array keeps the fields apart: ('a b', 'c') and ('a', 'b c') hash differently.
  const input = JSON.stringify([FINGERPRINT_KEY, parts.ruleId, parts.subject, parts.path]);
  return createHash('sha256').update(input, 'utf8').digest('hex').slice(0, 32);
}

/**
 * A subject named after a file (`sample:PATH`, `source:SYSTEM:PATH#OBJECT`) carries a path
 * relative to the scan base, which moves when a user scans a parent or a sibling folder too; from
 * the repository root it does not. Other subjects (`Pod/ns/name`) are returned as they are.
 */
export function subjectInRepository(result: Pick<ScanResult, 'repositoryBase'>, subject: string): string {
  if (subject.startsWith('sample:')) return `sample:${repositoryPath(result, subject.slice('sample:'.length))}`;
  const source = /^(source:[^:]+:)([^#]+)(#.*)?$/.exec(subject);
  if (source) return `${source[1] ?? ''}${repositoryPath(result, source[2] ?? '')}${source[3] ?? ''}`;
  return subject;
}

/** The fingerprint of a finding: rule, subject and first file, all from the repository root. */
export function findingFingerprint(result: Pick<ScanResult, 'repositoryBase'>, finding: Finding): string {
  const first = finding.locations[0];
  const base = result.repositoryBase;
  const path = first ? repositoryPath(result, first.path) : base ? `${base}/` : './';
  return fingerprint({ ruleId: finding.ruleId, subject: subjectInRepository(result, finding.subject), path });
}
