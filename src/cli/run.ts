/**
 * The command line: run(argv, io) → exit code. The only module that knows about flags and exit
 * codes; it never calls process.exit. Exit codes: 0 the gate holds (or none was given), 1 the
 * gate fails, 2 usage, configuration, rule-pack or unreadable-root errors.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { checkGate, mergeMinStages, parseFailUnder, parseMinStage } from '../engine/gate.js';
import type { MinStage } from '../engine/gate.js';
import { ZtmmError, isZtmmError } from '../errors.js';
import { toolVersion } from '../package-root.js';
import { formatJson } from '../report/json.js';
import { formatText } from '../report/text.js';
import { loadRules } from '../rules/load-packs.js';
import type { Rule } from '../rules/types.js';
import { scan } from '../scan.js';
import type { CliIo } from './io.js';
import { findRule, formatRule, formatRuleList } from './rules-commands.js';

export const EXIT_OK = 0;
export const EXIT_GATE_FAILED = 1;
export const EXIT_ERROR = 2;

interface ScanFlags {
  format: 'text' | 'json';
  output?: string;
  rules: string[];
  only: string[];
  skip: string[];
  failUnder: string[];
  minStage: string[];
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
  full?: boolean;
  jobs: string;
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
    .addHelpText('after', '\nExamples:\n  $ ztmm scan .\n  $ ztmm scan infra/ k8s/ --format json --output ztmm.json\n  $ ztmm rules list\n  $ ztmm rules show RET-001\n');

  program
    .command('scan')
    .description('scan files and folders and report the ZTMM stage of each pillar')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--rules <dir>', 'load extra rule packs from a folder or file (repeatable)', collect, [])
    .option('--only <ids>', 'evaluate only these rule ids or slugs (comma-separated; repeatable)', collect, [])
    .option('--skip <ids>', 'skip these rule ids or slugs (comma-separated; repeatable)', collect, [])
    .option('--fail-under <n>', 'exit 1 when the overall score is below n (0-100)', collect, [])
    .option('--min-stage <spec>', 'exit 1 below a stage: STAGE for overall, or PILLAR=STAGE[,PILLAR=STAGE] (repeatable)', collect, [])
    .option('--full', 'read every byte of large log files instead of a sample (head, evenly spaced blocks, tail)')
    .option('-j, --jobs <n>', 'worker threads for reading logs: files and blocks of large files are spread over them', '1')
    .option('--no-color', 'no colours (also when NO_COLOR is set)')
    .option('-q, --quiet', 'print nothing but errors; the exit code tells the result')
    .option('--debug', 'print stack traces for errors')
    .addHelpText(
      'after',
      '\nExamples:\n  $ ztmm scan fixtures/demo\n  $ ztmm scan . --fail-under 60 --min-stage identity=advanced,data=initial\n  $ ztmm scan k8s/ -f json -o ztmm.json --skip FMT-004\n\nExit codes: 0 gate holds (or none given), 1 gate fails, 2 usage, rule-pack or unreadable-root error.\n',
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      debug = flags.debug === true;
      if (flags.failUnder.length > 1) throw new ZtmmError('E_USAGE', '--fail-under is given more than once');
      const failUnder = flags.failUnder[0] === undefined ? null : parseFailUnder(flags.failUnder[0]);
      const minStage: MinStage | null = flags.minStage.length === 0 ? null : mergeMinStages(flags.minStage.map(parseMinStage));
      const rules = selectRules(loadRules({ extra: flags.rules.map((d) => resolve(io.cwd, d)) }), idList(flags.only), idList(flags.skip));
      const jobs = parseJobs(flags.jobs);
      const { result, problems } = await scan({ roots: paths, rules, cwd: io.cwd, full: flags.full === true, jobs });
      if (!flags.quiet) for (const problem of problems) io.stderr(`ztmm: warning: ${problem}\n`);
      const gate = checkGate(result, { failUnder, minStage });
      const color = flags.color && !flags.output && io.stdoutIsTTY && !io.env.NO_COLOR;
      const report = flags.format === 'json' ? formatJson(result) : formatText(result, { color, gate });
      if (flags.output) writeOutput(resolve(io.cwd, flags.output), flags.output, report);
      else if (!flags.quiet) io.stdout(report);
      exitCode = gate.every((g) => g.ok) ? EXIT_OK : EXIT_GATE_FAILED;
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
