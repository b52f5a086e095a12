/**
 * Secrets found in logs never reach a report unredacted: canary secrets, random on every run, are
 * planted in logs of several formats; every output format of a scan must report them and must
 * not contain any of them.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ScanResult } from '../../src/model/result.js';
import { runCli, spawnCli, writeTree } from '../helpers.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function random(length: number, alphabet = ALNUM): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

test('canary secrets are reported and never printed', async () => {
  const awsKeyId = `AKIA${random(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`;
  const awsSecret = random(40);
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: random(12), iat: 1764547200 })).toString('base64url');
  const jwt = `${header}.${payload}.${random(43)}`;
  const password = `${random(10)}!${random(6)}`;
  const dbPassword = random(18);
  const canaries = [awsSecret, jwt, payload, password, dbPassword, awsKeyId.slice(4)];

  const json = (i: number, extra: Record<string, unknown>): string =>
    JSON.stringify({ '@timestamp': `2026-11-20T10:00:${String(i).padStart(2, '0')}.000Z`, 'ecs.version': '8.11', 'event.action': 'config-load', 'user.name': 'svc', ...extra });
  const root = writeTree({
    'app/service.log': [
      json(1, { message: `loaded credentials aws_access_key_id=${awsKeyId} aws_secret_access_key=${awsSecret}` }),
      json(2, { 'http.request.headers': { authorization: `Bearer ${jwt}` } }),
      json(3, { message: 'nothing to see' }),
      json(4, { db: `postgres://app:${dbPassword}@db.internal:5432/payments` }),
    ].join('\n'),
    'host/auth.log': `Nov 20 10:00:01 web-1 sshd[311]: Accepted password for deploy from 198.51.100.7 port 50022 ssh2\nNov 20 10:00:02 web-1 app[77]: login attempt user=deploy password=${password}\n`,
    'proxy/access.log': `192.0.2.1 - - [20/Nov/2026:10:00:03 +0000] "GET /callback?code=1&access_token=${jwt} HTTP/1.1" 200 12 "-" "curl/8.5"\n`,
    'worker/events.logfmt.log': `ts=2026-11-20T10:00:04Z level=info msg="connecting" api_key=${awsSecret}\n`,
  });

  const outputs: string[] = [];
  for (const format of ['text', 'json']) {
    const run = await runCli(['scan', root, '--format', format]);
    outputs.push(run.stdout, run.stderr);
  }
  const spawned = spawnCli(['scan', root, '-f', 'json', '-o', join(root, 'report.json')]);
  outputs.push(spawned.stdout, spawned.stderr, readFileSync(join(root, 'report.json'), 'utf8'));
  for (const output of outputs) {
    for (const canary of canaries) assert.ok(!output.includes(canary), `a secret leaked into the output: ${canary.slice(0, 4)}…`);
  }

  const result = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as ScanResult;
  const byPath = new Map(result.estate.samples.map((s) => [s.path, s.secrets]));
  assert.ok((byPath.get('app/service.log')?.byKind['aws-secret-access-key'] ?? 0) >= 1);
  assert.ok((byPath.get('app/service.log')?.byKind.jwt ?? 0) >= 1);
  assert.ok((byPath.get('app/service.log')?.byKind['connection-string'] ?? 0) >= 1);
  assert.ok((byPath.get('host/auth.log')?.byKind.password ?? 0) >= 1);
  assert.ok((byPath.get('proxy/access.log')?.credentials ?? 0) >= 1);
  assert.ok((byPath.get('worker/events.logfmt.log')?.credentials ?? 0) >= 1);
  // The redacted excerpts say what was found where.
  assert.ok(result.estate.samples.some((s) => s.secrets.examples.some((e) => e.excerpt.includes('[REDACTED:'))));
  // And the rule that forbids credentials in logs fails for each of them.
  const met005 = result.findings.filter((f) => f.ruleId === 'MET-005' && f.outcome === 'fail').map((f) => f.subject).sort();
  assert.deepEqual(met005, ['sample:app/service.log', 'sample:host/auth.log', 'sample:proxy/access.log', 'sample:worker/events.logfmt.log']);
});
