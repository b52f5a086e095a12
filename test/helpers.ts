/** Shared test helpers: repository paths, the CLI in-process and as a child process, temp trees. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../src/cli/run.js';

/** The repository root (compiled tests live in build/test/). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(REPO, 'bin', 'ztmm.js');
export const DEMO = join(REPO, 'fixtures', 'demo');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the real binary (needs `npm run build`), colour off. */
export function spawnCli(args: readonly string[], cwd: string = REPO): CliRun {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

/** Calls run() in-process with captured output. */
export async function runCli(args: readonly string[], cwd: string = REPO): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env: { NO_COLOR: '1' },
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** Writes a tree of files under a fresh temp folder and returns its path. */
export function writeTree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'ztmm-test-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** A kubeadm-style kube-apiserver static pod: the binary at line 11, flags from line 12, then `extra`. */
export function staticPodManifest(flags: readonly string[], extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.30.0
    command:
    - kube-apiserver
${flags.map((f) => `    - ${f}`).join('\n')}
${extra}`;
}
