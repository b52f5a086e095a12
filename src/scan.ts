/**
 * The pipeline: discover → recognize & parse → extract → link → evaluate → score. IO happens
 * here and in the readers it calls; everything after reading is pure. Never throws for a bad
 * scanned file: it lands in the inventory with its reason and in `problems`.
 */
import { openSync, readSync, closeSync, readFileSync, statSync } from 'node:fs';
import { isAuditPolicyDocument, readAuditPolicy } from './adapters/k8s-audit-policy.js';
import type { AuditPolicyDoc } from './adapters/k8s-audit-policy.js';
import { isKubeApiserverDocument, readKubeApiservers } from './adapters/kube-apiserver.js';
import type { KubeApiserver } from './adapters/kube-apiserver.js';
import { SNIFF_BYTES, classifyFile } from './discover/classify.js';
import { walkRoots } from './discover/walk.js';
import { parseStructured } from './documents/yaml-document.js';
import { evaluateRules } from './engine/evaluate.js';
import { sortFindings, toFinding } from './engine/findings.js';
import { countOutcomes, evidenceByArea, overall, scoreAreas } from './engine/score.js';
import { link } from './estate/link.js';
import type { SampleInput } from './estate/link.js';
import { readJsonLines } from './logs/read-jsonl.js';
import type { InventoryEntry, ScanResult } from './model/result.js';
import { compareStrings } from './model/vocabulary.js';
import { toolVersion } from './package-root.js';
import type { Rule } from './rules/types.js';

export interface ScanOptions {
  roots: readonly string[];
  rules: readonly Rule[];
  cwd: string;
  profile?: string;
}

export interface ScanOutcome {
  result: ScanResult;
  /** One line per file that could not be read or parsed: `path:line:col: message`. */
  problems: string[];
}

function readHead(absolute: string): { bytes: Buffer; size: number } {
  const size = statSync(absolute).size;
  const fd = openSync(absolute, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, read), size };
  } finally {
    closeSync(fd);
  }
}

function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' ? 'permission denied' : code ? `cannot read (${code})` : `cannot read (${(error as Error).message})`;
}

export async function scan(options: ScanOptions): Promise<ScanOutcome> {
  const walk = await walkRoots(options.roots, options.cwd);
  const files = walk.files;
  const inventory: InventoryEntry[] = walk.passedOver.map((p) => ({ path: p.path, status: 'skipped', reason: p.reason }));
  const problems: string[] = [];
  const errors = new Map<string, string>();
  const policies: AuditPolicyDoc[] = [];
  const apiservers: KubeApiserver[] = [];
  const samples: SampleInput[] = [];

  for (const file of files) {
    let head;
    try {
      head = readHead(file.absolute);
    } catch (error) {
      const reason = errnoReason(error);
      inventory.push({ path: file.path, status: 'error', reason });
      errors.set(file.path, reason);
      problems.push(`${file.path}: ${reason}`);
      continue;
    }
    const decision = classifyFile(file.path, head);
    if (decision.read === 'skip') {
      inventory.push({ path: file.path, status: 'skipped', reason: decision.reason });
      continue;
    }
    if (decision.read === 'log') {
      try {
        const summary = await readJsonLines(file.absolute);
        if (summary.lines === 0) {
          inventory.push({ path: file.path, status: 'skipped', reason: 'empty log file' });
          continue;
        }
        if (summary.events === 0) {
          // Not one JSON record: a format this version does not read (syslog, access logs, auditd...).
          // Judging it as "unstructured" would be a guess, so it is skipped with the reason.
          inventory.push({ path: file.path, status: 'skipped', reason: 'log format not read by this version (no JSON records)' });
          continue;
        }
        samples.push({ path: file.path, summary });
        inventory.push({ path: file.path, status: 'assessed', kind: 'log:jsonl' });
      } catch (error) {
        const reason = errnoReason(error);
        inventory.push({ path: file.path, status: 'error', reason });
        errors.set(file.path, reason);
        problems.push(`${file.path}: ${reason}`);
      }
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file.absolute, 'utf8');
    } catch (error) {
      const reason = errnoReason(error);
      inventory.push({ path: file.path, status: 'error', reason });
      errors.set(file.path, reason);
      problems.push(`${file.path}: ${reason}`);
      continue;
    }
    const parsed = parseStructured(file.path, text);
    const firstError = parsed.errors[0];
    if (firstError) {
      const reason = `${firstError.line}:${firstError.column}: ${firstError.message}`;
      inventory.push({ path: file.path, status: 'error', reason });
      errors.set(file.path, reason);
      problems.push(`${file.path}:${reason}`);
      continue;
    }
    const kinds = new Set<string>();
    for (const doc of parsed.documents) {
      if (isAuditPolicyDocument(doc.data)) {
        const policy = readAuditPolicy(doc);
        policies.push(policy);
        kinds.add('k8s-audit-policy');
        for (const problem of policy.problems) problems.push(`${problem.at.path}:${problem.at.line}:${problem.at.column}: ${problem.message}`);
      } else if (isKubeApiserverDocument(doc.data)) {
        apiservers.push(...readKubeApiservers(doc));
        kinds.add('kube-apiserver');
      }
    }
    if (kinds.size > 0) inventory.push({ path: file.path, status: 'assessed', kind: [...kinds].sort(compareStrings).join('+') });
    else inventory.push({ path: file.path, status: 'skipped', reason: 'not recognised (no known document kind)' });
  }

  const linked = link({ apiservers, policies, samples, errors, files: files.map((f) => f.path) });
  const results = evaluateRules(options.rules, linked.subjects);
  const findings = sortFindings(results.map(toFinding));
  const pillars = scoreAreas(findings, evidenceByArea(linked.estate));
  const total = overall(pillars);
  const result: ScanResult = {
    schemaVersion: '1',
    tool: { name: 'ztmm', version: toolVersion() },
    summary: { score: total.score, stage: total.stage, profile: options.profile ?? 'ztmm', counts: countOutcomes(findings) },
    pillars,
    findings,
    estate: linked.estate,
    inventory: inventory.sort((a, b) => compareStrings(a.path, b.path)),
  };
  return { result, problems };
}
