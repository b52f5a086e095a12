/**
 * The command line: run(argv, io) → exit code. The only module that knows about flags and exit
 * codes; it never calls process.exit. Exit codes: 0 the gate holds (or none was given), 1 the
 * gate fails, 2 usage, configuration, rule-pack or unreadable-root errors.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { checkGate, mergeMinStages, parseFailUnder, parseMinStage } from '../engine/gate.js';
import type { GateOptions, MinStage } from '../engine/gate.js';
import { ZtmmError, isZtmmError } from '../errors.js';
import { toolVersion } from '../package-root.js';
import type { ScanResult } from '../model/result.js';
import { MACHINE_FORMATS, REPORT_FORMATS } from '../report/formats.js';
import { renderReport } from '../report/render.js';
import { loadRules } from '../rules/load-packs.js';
import type { Rule } from '../rules/types.js';
import { scan } from '../scan.js';
import { listFrameworks } from '../assess/frameworks.js';
import { listProfiles } from '../assess/profiles.js';
import { isCalendarDate } from '../assess/waivers.js';
import { setupAssessment } from './assessment-setup.js';
import { printable } from '../util/printable.js';
import { useColor } from './color.js';
import type { CliIo } from './io.js';
import { loadResult } from './load-result.js';
import { planOutputs } from './output-plan.js';
import type { OutputEvent, PlannedOutput } from './output-plan.js';
import { SILENT_PROGRESS, terminalProgress } from './progress.js';
import { findRule, formatRule, formatRuleList } from './rules-commands.js';
import { applyBaseline, baselineGate, loadBaseline } from './baseline.js';
import { runDiff } from './diff-command.js';
import type { DiffFlags } from './diff-command.js';
import { runInit } from './init-command.js';

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_ERROR = 2;


interface ReportFlags {
  failUnder: string[];
  minStage: string[];
  linkBase?: string;
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
}

interface ScanFlags extends ReportFlags {
  profile?: string;
  config?: string;
  framework: string[];
  rules: string[];
  only: string[];
  skip: string[];
  full?: boolean;
  jobs: string;
  today?: string;
  baseline?: string;
  maxDrop?: string;
  maxFileSize?: string;
  maxLineLength?: string;
  maxEvents?: string;
  varFile: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--only A,B --only C` → [A, B, C]. */
function idList(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Applies --only/--skip; unknown ids are a usage error so typos do not silently pass a gate. */
export function selectRules(rules: readonly Rule[], only: string[], skip: string[]): Rule[] {
  const known = new Set(rules.flatMap((r) => [r.id.toLowerCase(), r.slug]));
  for (const id of [...only, ...skip]) {
    if (!known.has(id.toLowerCase()) && !known.has(id)) throw new ZtmmError('E_USAGE', `unknown rule id "${id}" in --only/--skip (see ztmm rules list)`);
  }
  const matches = (r: Rule, ids: string[]): boolean => ids.some((id) => id.toLowerCase() === r.id.toLowerCase() || id === r.slug);
  return rules.filter((r) => (only.length === 0 || matches(r, only)) && !matches(r, skip));
}

function parseJobs(text: string): number {
  if (!/^\d{1,2}$/.test(text.trim()) || Number(text) < 1 || Number(text) > 64) throw new ZtmmError('E_USAGE', `--jobs takes a whole number from 1 to 64, not "${text}"`);
  return Number(text);
}

/** The largest value the size limits take: 1 GiB. */
const MAX_LIMIT_BYTES = 1024 ** 3;
const UNIT_BYTES: Readonly<Record<string, number>> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * A size for a limit flag: bytes (`1048576`), or a number with a binary unit `k`, `m` or `g`
 * (`512k`, `16m`, `1.5m`, `1g`; `kb`, `KiB`, `MB`, `MiB`... too), from 1 byte to 1 GiB.
 */
export function parseSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(?:([kmg])(?:i?b)?|b)?$/i.exec(text.trim());
  const unit = m?.[2]?.toLowerCase();
  const number = m?.[1] ?? '';
  // Bytes are whole; a fraction needs a unit (1.5m).
  const bytes = m && (unit !== undefined || !number.includes('.')) ? Math.floor(Number(number) * (unit === undefined ? 1 : (UNIT_BYTES[unit] ?? 1))) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > MAX_LIMIT_BYTES) {
    throw new ZtmmError('E_USAGE', `${flag} takes a size from 1 byte to 1g, in bytes or with k, m or g (512k, 16m, 1g), not "${text}"`);
  }
  return bytes;
}

/** --max-events: a whole number of events, at least 1. */
export function parseMaxEvents(text: string): number {
  const n = /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new ZtmmError('E_USAGE', `--max-events takes a whole number of events, at least 1, not "${text}"`);
  return n;
}

/** The read limits given on the command line, checked (usage errors name the flag). */
function readLimits(flags: ScanFlags): { maxFileBytes?: number; maxLineBytes?: number; maxEvents?: number } {
  return {
    ...(flags.maxFileSize !== undefined ? { maxFileBytes: parseSize(flags.maxFileSize, '--max-file-size') } : {}),
    ...(flags.maxLineLength !== undefined ? { maxLineBytes: parseSize(flags.maxLineLength, '--max-line-length') } : {}),
    ...(flags.maxEvents !== undefined ? { maxEvents: parseMaxEvents(flags.maxEvents) } : {}),
  };
}

function gateOptions(flags: ReportFlags): GateOptions {
  if (flags.failUnder.length > 1) throw new ZtmmError('E_USAGE', '--fail-under is given more than once');
  const failUnder = flags.failUnder[0] === undefined ? null : parseFailUnder(flags.failUnder[0]);
  const minStage: MinStage | null = flags.minStage.length === 0 ? null : mergeMinStages(flags.minStage.map(parseMinStage));
  return { failUnder, minStage };
}

function writeOutput(absolute: string, shown: string, report: string): void {
  try {
    writeFileSync(absolute, report);
  } catch (error) {
    throw new ZtmmError('E_OUTPUT', `${shown}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  let debug = argv.includes('--debug');
  const program = new Command();
  program
    .name('ztmm')
    .description('Assess audit logging against the CISA Zero Trust Maturity Model v2.0.')
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExamples:\n  $ ztmm scan .\n  $ ztmm scan infra/ k8s/ --format json --output ztmm.json\n  $ ztmm report ztmm.json -f html -o ztmm.html\n  $ ztmm rules list\n  $ ztmm rules show RET-001\n');

  // -f and -o are recorded in command-line order, so each -o can pair with the -f before it.
  const outputEvents: OutputEvent[] = [];
  const formatOption = (): Option =>
    new Option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')} (repeatable; see --output)`).argParser((value: string) => {
      outputEvents.push({ kind: 'format', value });
      return value;
    });
  const outputOption = (): Option =>
    new Option('-o, --output <file>', 'write the report of the -f before it to a file (repeatable; without -f the extension names the format)').argParser((value: string) => {
      outputEvents.push({ kind: 'output', value });
      return value;
    });

  /** Renders every planned report, writes the files, prints the one for stdout; returns the exit code. */
  const emit = (result: ScanResult, plan: PlannedOutput[], flags: ReportFlags, gateOptions: GateOptions): number => {
    const gate = [...checkGate(result, gateOptions), ...baselineGate(result)];
    for (const output of plan) {
      const color = output.format === 'text' && useColor({ flag: flags.color, env: io.env, toTerminal: output.path === null && io.stdoutIsTTY, toFile: output.path !== null });
      const context = flags.linkBase === undefined ? { color, gate } : { color, gate, linkBase: flags.linkBase };
      const report = renderReport(output.format, result, context);
      if (output.path !== null) writeOutput(resolve(io.cwd, output.path), output.path, report);
      else if (!flags.quiet) io.stdout(report);
    }
    return gate.every((g) => g.ok) ? EXIT_OK : EXIT_GATE_FAILED;
  };

  program
    .command('scan')
    .description('scan files and folders and report the ZTMM stage of each pillar')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .addOption(formatOption())
    .addOption(outputOption())
    .addOption(new Option('--profile <name>', 'assessment profile: rule parameters, gate defaults, framework crosswalks (default ztmm)').choices(listProfiles()))
    .option('--config <file>', 'the config file (default: .ztmm.yaml found from the first path upward)')
    .option('--framework <name>', `also crosswalk the run with a framework: ${listFrameworks().join(', ')} (repeatable)`, collect, [])
    .option('--rules <dir>', 'load extra rule packs from a folder or file (repeatable)', collect, [])
    .option('--only <ids>', 'evaluate only these rule ids or slugs (comma-separated; repeatable)', collect, [])
    .option('--skip <ids>', 'skip these rule ids or slugs (comma-separated; repeatable)', collect, [])
    .option('--fail-under <n>', 'exit 1 when the overall score is below n (0-100)', collect, [])
    .option('--min-stage <spec>', 'exit 1 below a stage: STAGE for overall, or PILLAR=STAGE[,PILLAR=STAGE] (repeatable)', collect, [])
    .option('--var-file <file>', 'apply a .tfvars file to the Terraform root module in its folder, as terraform -var-file does (repeatable, in order)', collect, [])
    .option('--link-base <url>', 'prefix for file links in Markdown and HTML, e.g. https://github.com/OWNER/REPO/blob/SHA/')
    .option('--full', 'read every byte of large log files instead of a sample (head, evenly spaced blocks, tail)')
    .option('-j, --jobs <n>', 'worker threads for reading logs: files and blocks of large files are spread over them', '1')
    .option('--max-file-size <size>', 'skip config and other structured files larger than this, e.g. 512k, 16m, 1g (default 8m)')
    .option('--max-line-length <bytes>', 'log lines longer than this are not parsed but counted as parse errors, e.g. 64k (default 1m)')
    .option('--max-events <n>', 'stop reading each log file after n events (default: no limit; large files are sampled anyway)')
    .option('--today <YYYY-MM-DD>', 'evaluate waiver expiry as of this date (default: today, UTC)')
    .option('--baseline <file>', 'compare with a saved JSON result and exit 1 only on regressions: a stage drop, a score drop above --max-drop, a new failing finding')
    .option('--max-drop <n>', 'with --baseline: score points the overall score may fall (default: gate.maxDrop of the config, else 0)')
    .option('--no-color', 'no colours (see also NO_COLOR, FORCE_COLOR)')
    .option('-q, --quiet', 'print nothing but errors, and no progress line; the exit code tells the result')
    .option('--debug', 'print stack traces for errors')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ztmm scan fixtures/demo\n  $ ztmm scan . --fail-under 60 --min-stage identity=advanced,data=initial\n  $ ztmm scan k8s/ -f json -o ztmm.json --skip FMT-004\n  $ ztmm scan . -f sarif -o ztmm.sarif -f markdown -o summary.md -f text\n\nExit codes: 0 gate holds (or none given), 1 gate fails, 2 usage, rule-pack or unreadable-root error.\n',
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      debug = flags.debug === true;
      const plan = planOutputs(outputEvents, (p) => resolve(io.cwd, p));
      const setup = setupAssessment(paths, flags, io.cwd);
      const rules = selectRules(setup.rules, idList(flags.only), idList(flags.skip));
      const jobs = parseJobs(flags.jobs);
      const limits = readLimits(flags);
      const baseline = loadBaseline(flags, setup.config, io.cwd);
      if (flags.today !== undefined && !isCalendarDate(flags.today)) throw new ZtmmError('E_USAGE', `--today takes a date as YYYY-MM-DD, not "${flags.today}"`);
      const today = flags.today ?? (io.now ? new Date(io.now()).toISOString().slice(0, 10) : undefined);
      // A progress line only on a terminal, and never beside a machine-readable report on stdout.
      const machineOnStdout = plan.some((p) => p.path === null && MACHINE_FORMATS.includes(p.format));
      const progress =
        !flags.quiet && io.stderrIsTTY === true && !machineOnStdout ? terminalProgress({ write: io.stderr, now: io.now ?? Date.now }) : SILENT_PROGRESS;
      let outcome;
      try {
        outcome = await scan({
          roots: paths,
          rules,
          cwd: io.cwd,
          full: flags.full === true,
          jobs,
          ...limits,
          profile: setup.profile.id,
          frameworks: setup.frameworks,
          aliases: setup.config.aliases,
          declaredSources: setup.config.sources,
          varFiles: flags.varFile,
          waivers: setup.config.waivers,
          ...(setup.config.file !== null ? { configFile: setup.config.file } : {}),
          ...(today !== undefined ? { today } : {}),
          ...(setup.filter ? { filter: setup.filter } : {}),
          onProgress: (done, total) => progress.update(done, total),
        });
      } finally {
        progress.finish();
      }
      if (!flags.quiet) for (const problem of outcome.problems) io.stderr(`ztmm: warning: ${printable(problem)}\n`);
      applyBaseline(outcome.result, baseline);
      // With --baseline, only explicit --fail-under/--min-stage gate beside the regressions.
      exitCode = emit(outcome.result, plan, flags, baseline ? gateOptions(flags) : setup.gate);
    });

  program
    .command('report')
    .description('render a saved JSON result (ztmm scan -f json) in other formats, without scanning again')
    .argument('<result>', 'a JSON result written by ztmm scan -f json')
    .addOption(formatOption())
    .addOption(outputOption())
    .option('--fail-under <n>', 'exit 1 when the overall score is below n (0-100)', collect, [])
    .option('--min-stage <spec>', 'exit 1 below a stage: STAGE for overall, or PILLAR=STAGE[,PILLAR=STAGE] (repeatable)', collect, [])
    .option('--link-base <url>', 'prefix for file links in Markdown and HTML')
    .option('--no-color', 'no colours (see also NO_COLOR, FORCE_COLOR)')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--debug', 'print stack traces for errors')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ztmm report ztmm.json -f html -o ztmm.html\n  $ ztmm report ztmm.json -f sarif -o ztmm.sarif -f markdown\n\nExit codes: as for scan; 2 also when the file is not a ztmm JSON result.\n',
    )
    .action((file: string, flags: ReportFlags) => {
      debug = flags.debug === true;
      const plan = planOutputs(outputEvents, (p) => resolve(io.cwd, p));
      const gate = gateOptions(flags);
      exitCode = emit(loadResult(resolve(io.cwd, file), file), plan, flags, gate);
    });

  program
    .command('diff')
    .description('compare two saved JSON results: stage, score and finding changes; exit 1 on a regression')
    .argument('<before>', 'the earlier result (ztmm scan -f json)')
    .argument('<after>', 'the later result')
    .option('-f, --format <format>', 'text (default), json or markdown')
    .option('-o, --output <file>', 'write the comparison to a file (without -f the extension names the format)')
    .option('--max-drop <n>', 'score points the overall score may fall before it is a regression (default 0)')
    .option('--no-color', 'no colours (see also NO_COLOR, FORCE_COLOR)')
    .option('--debug', 'print stack traces for errors')
    .addHelpText('after', '\nExamples:\n  $ ztmm diff before.json after.json\n  $ ztmm diff before.json after.json -f markdown -o diff.md --max-drop 2\n\nExit codes: 0 no regression, 1 a regression, 2 an input that is not a ztmm result or a usage error.\n')
    .action((before: string, after: string, flags: DiffFlags & { debug?: boolean }) => {
      debug = flags.debug === true;
      exitCode = runDiff(before, after, flags, io);
    });

  program
    .command('init')
    .description('write a commented .ztmm.yaml for a folder from what a scan finds there (never overwrites one)')
    .argument('[path]', 'the folder to scan and write .ztmm.yaml in', '.')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--debug', 'print stack traces for errors')
    .addHelpText('after', '\nExamples:\n  $ ztmm init\n  $ ztmm init infra/\n\nExit codes: 0 written, 2 a config already there, a folder that cannot be read or a file that cannot be written.\n')
    .action(async (path: string, flags: { quiet?: boolean; debug?: boolean }) => {
      debug = flags.debug === true;
      exitCode = await runInit(path, io, flags.quiet === true ? { quiet: true } : {});
    });

  const rules = program
    .command('rules')
    .description('list and explain the rules')
    .addHelpText('after', '\nExamples:\n  $ ztmm rules list\n  $ ztmm rules show RET-001\n  $ ztmm rules list --rules ./my-packs\n');
  rules
    .command('list')
    .description('list every rule: id, slug, dimension, pillars, stage, severity')
    .option('--rules <dir>', 'also load rule packs from a folder or file (repeatable)', collect, [])
    .addHelpText('after', '\nExamples:\n  $ ztmm rules list\n  $ ztmm rules list --rules ./my-packs\n')
    .action((flags: { rules: string[] }) => {
      io.stdout(formatRuleList(loadRules({ extra: flags.rules.map((d) => resolve(io.cwd, d)) })));
    });
  rules
    .command('show')
    .description('show one rule in full: rationale, remediation, references')
    .argument('<id>', 'rule id (RET-001) or slug')
    .option('--rules <dir>', 'also load rule packs from a folder or file (repeatable)', collect, [])
    .addHelpText('after', '\nExamples:\n  $ ztmm rules show RET-001\n  $ ztmm rules show apiserver-audit-log-maxage\n')
    .action((id: string, flags: { rules: string[] }) => {
      io.stdout(formatRule(findRule(loadRules({ extra: flags.rules.map((d) => resolve(io.cwd, d)) }), id)));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return EXIT_OK;
      return EXIT_ERROR;
    }
    if (isZtmmError(error)) {
      io.stderr(`ztmm: ${error.message}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return EXIT_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`ztmm: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}
