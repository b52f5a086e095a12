/**
 * The pipeline: discover → recognize & parse → extract → link → evaluate → score. IO happens
 * here and in the readers it calls; everything after reading is pure. Never throws for a bad
 * scanned file: it lands in the inventory with its reason and in `problems`.
 */
import { relative, resolve, sep } from 'node:path';
import type { AuditPolicyDoc } from './adapters/k8s-audit-policy.js';
import type { KubeApiserver } from './adapters/kube-apiserver.js';
import { crosswalk } from './assess/crosswalk.js';
import type { Framework } from './assess/frameworks.js';
import { applySuppressions, noReasonProblem } from './assess/suppressions.js';
import type { InlineSuppression } from './assess/suppressions.js';
import { applyWaivers } from './assess/waivers.js';
import type { DeclaredSource, Waiver } from './config/types.js';
import { MAX_STRUCTURED_BYTES } from './discover/classify.js';
import { createIncludeContext } from './discover/include-resolver.js';
import { readScannedFile } from './discover/read-scanned-file.js';
import type { ReadOptions } from './discover/read-scanned-file.js';
import { repositoryBase } from './discover/repository-base.js';
import { walkRoots } from './discover/walk.js';
import type { UserAliases } from './logs/field-aliases.js';
import { createBlockPool } from './logs/worker-pool.js';
import { evaluateRules } from './engine/evaluate.js';
import { sortFindings, toFinding } from './engine/findings.js';
import { countOutcomes, evidenceByArea, overall, scoreAreas } from './engine/score.js';
import { link } from './estate/link.js';
import type { SampleInput } from './estate/link.js';
import type { ConfigRead, Unknown } from './model/pipeline.js';
import { redactSecrets } from './logs/secrets.js';
import type { InventoryEntry, ScanResult } from './model/result.js';
import { compareStrings } from './model/vocabulary.js';
import { ZtmmError } from './errors.js';
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
  /** Structured files larger than this are skipped, the limit named (--max-file-size; default 8 MiB). */
  maxFileBytes?: number;
  /** Log lines longer than this are parse errors, counted in the inventory (--max-line-length; default 1 MiB). */
  maxLineBytes?: number;
  /** Stop reading a log file after this many events (--max-events; default: no limit). */
  maxEvents?: number;
  /** Why a file is left out (config include/exclude), or null to read it. */
  filter?: (path: string) => string | null;
  /** Extra field names per semantic field (config `aliases`), tried before the built-in ones. */
  aliases?: UserAliases;
  /** Log sources declared in the config (`sources`): matching files are read as their logs. */
  declaredSources?: readonly DeclaredSource[];
  /** Frameworks to crosswalk the findings with (--framework, the profile's own). */
  frameworks?: readonly Framework[];
  /** Waivers from the config (`waivers`), applied after inline suppressions. */
  waivers?: readonly Waiver[];
  /** The date waiver expiry is judged at, YYYY-MM-DD (default: the current UTC date). */
  today?: string;
  /** The config file the waivers come from (absolute); reports show it from the scan base. */
  configFile?: string;
  /** Called after each file is read, with how many of how many are done (for a progress line). */
  onProgress?: (done: number, total: number) => void;
  /**
   * `.tfvars` files to apply (--var-file), absolute or from `cwd`, in order: each applies to the
   * Terraform root module in its own folder, as `terraform -var-file` does. Each must be a scanned file.
   */
  varFiles?: readonly string[];
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
  const inventory: InventoryEntry[] = walk.passedOver.map((p) => ({ path: p.path, status: p.status ?? 'skipped', reason: p.reason }));
  const filter = options.filter;
  const files = filter
    ? walk.files.filter((f) => {
        const reason = filter(f.path);
        if (reason !== null) inventory.push({ path: f.path, status: 'skipped', reason });
        return reason === null;
      })
    : walk.files;
  const problems: string[] = walk.passedOver.filter((p) => p.status === 'error').map((p) => `${p.path}: ${p.reason}`);
  const errors = new Map<string, string>();
  const policies: AuditPolicyDoc[] = [];
  const apiservers: KubeApiserver[] = [];
  const configs: ConfigRead[] = [];
  const samples: SampleInput[] = [];
  const suppressions: InlineSuppression[] = [];

  // Read in parallel, merge in file order: the result does not depend on which read ends first.
  const pool = (options.jobs ?? 1) > 1 ? createBlockPool(options.jobs ?? 1) : undefined;
  const readOptions: ReadOptions = { full: options.full === true };
  if (pool) readOptions.pool = pool;
  if (options.maxFileBytes !== undefined) readOptions.maxFileBytes = options.maxFileBytes;
  if (options.maxLineBytes !== undefined) readOptions.maxLineBytes = options.maxLineBytes;
  if (options.maxEvents !== undefined) readOptions.maxEvents = options.maxEvents;
  if (options.aliases) readOptions.aliases = options.aliases;
  if (options.declaredSources) readOptions.declaredSources = options.declaredSources;
  readOptions.includes = createIncludeContext(files, options.maxFileBytes ?? MAX_STRUCTURED_BYTES);
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
    configs.push(...outcome.configs);
    suppressions.push(...outcome.suppressions);
  }

  const linked = link({ apiservers, policies, configs, samples, errors, files: files.map((f) => f.path), varFiles: varFilePaths(options, files) });
  noteCloudConstructs(inventory, linked.notes);
  for (const p of linked.problems) problems.push(`${p.at.path}:${p.at.line}:${p.at.column}: ${p.message}`);
  const results = evaluateRules(options.rules, linked.subjects);
  // Inline suppressions, then config waivers; waived findings stay in the result and count as pass.
  const inline = applySuppressions(sortFindings(results.map(toFinding)), suppressions);
  for (const s of inline.statuses) if (s.status === 'no-reason') problems.push(noReasonProblem(s));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  // Reports name the config file from the scan base, like every other path, so they do not
  // depend on the working directory.
  const configPath = options.configFile ? relative(walk.base, options.configFile).split(sep).join('/') : '.ztmm.yaml';
  const waived = applyWaivers(inline.findings, options.waivers ?? [], { today, configPath });
  const findings = waived.findings;
  for (const w of waived.statuses) if (w.status === 'expired') problems.push(`${w.at.path}:${w.at.line}:${w.at.column}: waiver for ${w.rule} expired on ${w.expires ?? ''} and no longer applies`);
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
    waivers: waived.statuses,
    suppressions: inline.statuses,
    crosswalks: [],
  };
  const infos = result.rules;
  result.crosswalks = (options.frameworks ?? []).map((f) => crosswalk(f, findings, infos));
  return { result, problems };
}

/** At most this many cloud constructs not understood are named in one inventory entry. */
const CLOUD_NOTES_LISTED = 5;

/**
 * Adds what evaluating cloud modules could not know (a remote module, a dynamic block) to the
 * inventory entry of the file it is written in, as the adapters do for their own constructs.
 */
function noteCloudConstructs(inventory: InventoryEntry[], notes: readonly Unknown[]): void {
  const byPath = new Map<string, Unknown[]>();
  for (const note of notes) byPath.set(note.at.path, [...(byPath.get(note.at.path) ?? []), note]);
  for (const entry of inventory) {
    const list = byPath.get(entry.path);
    if (!list || entry.status !== 'assessed') continue;
    const listed = list.slice(0, CLOUD_NOTES_LISTED).map((u) => `${u.construct} (line ${u.at.line}): ${u.reason}`);
    const more = list.length > CLOUD_NOTES_LISTED ? `; and ${list.length - CLOUD_NOTES_LISTED} more` : '';
    const text = redactSecrets(`not understood: ${listed.join('; ')}${more}`);
    entry.reason = entry.reason ? `${entry.reason}; ${text}` : text;
  }
}

/** The report paths of the --var-file files; one that is not a scanned file is a usage error. */
function varFilePaths(options: ScanOptions, files: readonly { path: string; absolute: string }[]): string[] {
  return (options.varFiles ?? []).map((given) => {
    const absolute = resolve(options.cwd, given);
    const found = files.find((f) => resolve(f.absolute) === absolute);
    if (!found) throw new ZtmmError('E_USAGE', `--var-file ${given}: not a file under the scanned paths`);
    if (!/\.tfvars(\.json)?$/i.test(found.path)) throw new ZtmmError('E_USAGE', `--var-file ${given}: not a .tfvars or .tfvars.json file`);
    return found.path;
  });
}
