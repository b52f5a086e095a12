/**
 * The pipeline: discover → recognize & parse → extract → link → evaluate → score. IO happens
 * here and in the readers it calls; everything after reading is pure. Never throws for a bad
 * scanned file: it lands in the inventory with its reason and in `problems`.
 */
import type { AuditPolicyDoc } from './adapters/k8s-audit-policy.js';
import type { KubeApiserver } from './adapters/kube-apiserver.js';
import { readScannedFile } from './discover/read-scanned-file.js';
import { repositoryBase } from './discover/repository-base.js';
import { walkRoots } from './discover/walk.js';
import { createBlockPool } from './logs/worker-pool.js';
import { evaluateRules } from './engine/evaluate.js';
import { sortFindings, toFinding } from './engine/findings.js';
import { countOutcomes, evidenceByArea, overall, scoreAreas } from './engine/score.js';
import { link } from './estate/link.js';
import type { SampleInput } from './estate/link.js';
import type { InventoryEntry, ScanResult } from './model/result.js';
import { compareStrings } from './model/vocabulary.js';
import { toolVersion } from './package-root.js';
import { ruleInfos } from './rules/rule-info.js';
import type { Rule } from './rules/types.js';

export interface ScanOptions {
  roots: readonly string[];
  rules: readonly Rule[];
  cwd: string;
  profile?: string;
  /** Read whole log files instead of sampling large ones (--full). */
  full?: boolean;
  /** Worker threads for reading logs (--jobs); 1 reads in this thread. */
  jobs?: number;
  /** Called after each file is read, with how many of how many are done (for a progress line). */
  onProgress?: (done: number, total: number) => void;
}

export interface ScanOutcome {
  result: ScanResult;
  /** One line per file that could not be read or parsed: `path:line:col: message`. */
  problems: string[];
}

/** Files read at once: logs are streamed, so this bounds open files and memory, not just time. */
const READ_CONCURRENCY = 8;

/** Maps in parallel, at most `limit` at a time, keeping the input order in the output. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
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

  // Read in parallel, merge in file order: the result does not depend on which read ends first.
  const pool = (options.jobs ?? 1) > 1 ? createBlockPool(options.jobs ?? 1) : undefined;
  const readOptions = pool ? { full: options.full === true, pool } : { full: options.full === true };
  let outcomes;
  try {
    let done = 0;
    outcomes = await mapLimited(files, READ_CONCURRENCY, async (file) => {
      const outcome = await readScannedFile(file, readOptions);
      options.onProgress?.(++done, files.length);
      return outcome;
    });
  } finally {
    await pool?.close();
  }
  for (const outcome of outcomes) {
    inventory.push(outcome.entry);
    problems.push(...outcome.problems);
    if (outcome.entry.status === 'error') errors.set(outcome.entry.path, outcome.entry.reason ?? 'error');
    if (outcome.sample) samples.push(outcome.sample);
    policies.push(...outcome.policies);
    apiservers.push(...outcome.apiservers);
  }

  const linked = link({ apiservers, policies, samples, errors, files: files.map((f) => f.path) });
  const results = evaluateRules(options.rules, linked.subjects);
  const findings = sortFindings(results.map(toFinding));
  const pillars = scoreAreas(findings, evidenceByArea(linked.estate));
  const total = overall(pillars);
  const result: ScanResult = {
    schemaVersion: '1',
    tool: { name: 'ztmm', version: toolVersion() },
    repositoryBase: repositoryBase(walk.base),
    summary: { score: total.score, stage: total.stage, profile: options.profile ?? 'ztmm', counts: countOutcomes(findings) },
    pillars,
    findings,
    estate: linked.estate,
    inventory: inventory.sort((a, b) => compareStrings(a.path, b.path)),
    rules: ruleInfos(options.rules),
  };
  return { result, problems };
}
