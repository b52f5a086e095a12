import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findSecrets, findSecretsExhaustive } from '../../src/logs/secrets.js';

// `findSecrets` runs a detector only when a cheap gate says it can find something;
// `findSecretsExhaustive` runs every detector: it is the definition. These tests hold the gated
// version to it on lines built from the triggers of every detector, near misses, separators,
// unicode and noise, and check that ordinary log lines cost nothing and find nothing.

const SEED = 42;

/** Key names and other case-insensitive triggers; each is used in a random mix of cases. */
const KEY_WORDS = [
  'password', 'passwd', 'pass', 'pwd', 'passphrase', 'newPassword', 'DB_PASSWORD', 'secret', 'client_secret',
  'clientSecret', 'client-secret', 'token', 'access_token', 'accessToken', 'refresh_token', 'session_token',
  'auth_token', 'csrf_token', 'page_token', 'next_token', 'token_type', 'tokens', 'X-Amz-Security-Token',
  'api_key', 'apikey', 'api-key', 'apiKey', 'x-api-key', 'private_key', 'privatekey', 'private-key',
  'privateKey', 'aws_secret_access_key', 'secret_key', 'secretKey', 'SecretAccessKey', 'AwsSecretAccessKey',
  'secret-access-key', 'bearer', 'Bearer ', 'Bearer\t', 'authorization', 'Authorization: Basic ',
  'Proxy-Authorization: basic ', 'authorization=basic ', '"Authorization":"Basic ', 'basic ', 'basic\t',
  'bypass', 'passed', 'compass', 'key', 'keys', 'monkey', 'keyword', 'earer ', 'asic ', 'toke', 'secre', 'passw',
  'bearerx', 'pw', 'wd', 'kind', 'k8s',
];

/** Separators and quoting that may follow a key name. */
const SEPARATORS = [
  '=', ':', '=>', '":', '":"', '\\":', '\\":\\"', "':", "': '", ' = ', ' : ', '\t=', '\t:', ': ', '=\\"', '="',
  "='", ' ', '\t', '"', "'", '\\', '\\"', '', '==', ':=', ' =>', '" :',
];

/** Case-sensitive fixed-format triggers, complete or cut short. */
const LITERALS = [
  'AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'ANPA', 'ANVA', 'AIPA', 'AKIB', 'akia', 'AIza', 'AIz', 'aiza', 'eyJ',
  'eyj', 'yJ', '.eyJ', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'ghx_', 'gh_', 'github_pat_', 'github_pa',
  'xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-', 'xoxq-', 'xox', 'XOXB-', '-----BEGIN RSA PRIVATE KEY-----',
  '-----BEGIN PRIVATE KEY-----', '-----BEGIN ENCRYPTED PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----',
  '-----BEGIN PGP PRIVATE KEY BLOCK-----', '-----END RSA PRIVATE KEY-----', '-----END PRIVATE KEY-----',
  '-----BEGIN CERTIFICATE-----', '----BEGIN ', 'BEGIN ', '-----BEGIN', '://', ':/', '//', '@', 'postgres://',
  'postgresql://u:p@h/db', 'mysql://app:pw@db:3306/x', 'mongodb+srv://a:b@c.example', 'redis://:pw@cache',
  'rediss://u:pw@h', 'amqps://u:p@mq', 'jdbc:mysql://u:p@h/db', 'jdbc:sqlserver:x://u:p@h', 'sftp://u:p@h',
  'https://user:pa@ss@host/x', 'http://example.com/a@b', 'https://host/path?u=a@b', 'ftp://anonymous@host',
  'https://u:${PASS}@h/', 'https://u:***@h/', 'mailto:user@example.com',
];

const DIGIT_RUNS = [
  '4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '4111 1111 1111 1112', '378282246310005',
  '3782 822463 10005', '3782-822463-10005', '30569309025904', '3056 930902 5904', '6011000990139424',
  '6011 0009 9013 9424 123', '5555555555554444', '2223000048400011', '3530111333300000', '4222222222222',
  '1735689600000', '0.4111111111111111', '4111111111111111.5', '4111 1111-1111 1111', '1234 5678', '1234-5678',
  '12345678', '123456789012', '1234567890123', '2026-11-01T00:00:03.703Z', '10.1.2.3', '0x4111111111111111',
];

const UNICODE = [
  'é', 'ß', 'ſ', '\u212a', 'ı', 'İ', 'Å', 'ﬀ', '😀', '\ud800', '\udc00', '\u2028', '\u00a0', '\u200e', '\u0000',
  '\u00e9t\u00e9', 'Ｔｏｋｅｎ', 'ΣΕΚΡΕΤ', '\u0130', '\ufeff',
];

const PUNCTUATION = ['{', '}', '[', ']', '"', ':', ',', '\\', '\\"', '\\n', '\\u0026', '&', ';', '?', '#', '<', '>', '/', '.', '-', '_', '+', '='];

/** `s` with the case of each ASCII letter chosen by the bits of `mask`. */
function withCase(s: string, mask: number): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    out += ((mask >>> (i % 31)) & 1) === 1 ? ch.toUpperCase() : ch.toLowerCase();
  }
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE64 = ALNUM + '+/';
const BASE64URL = ALNUM + '-_';
const TOKEN_CHARS = ALNUM + '._~+/-';

function charsFrom(alphabet: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...alphabet.split('')), minLength, maxLength });
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const keyWord = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...KEY_WORDS), fc.nat()).map(([w, mask]) => withCase(w, mask)) },
  { weight: 1, arbitrary: fc.constantFrom(...KEY_WORDS) },
);

const value = fc.oneof(
  charsFrom(ALNUM, 1, 24),
  charsFrom(BASE64, 40, 40),
  charsFrom(TOKEN_CHARS, 10, 30),
  fc.constantFrom('', '***', 'null', '[REDACTED]', '${DB_PASS}', '/home/bob', '~/x', '12', 'x y', '{', '"quoted"'),
);

const jwt = fc
  .tuple(fc.constantFrom('HS256', 'none', 'RS256'), charsFrom(ALNUM, 1, 8), charsFrom(BASE64URL, 0, 43), fc.boolean())
  .map(([alg, sub, sig, withAlg]) => `${b64url(withAlg ? { alg, typ: 'JWT' } : { typ: 'JWT' })}.${b64url({ sub })}.${sig}`);

const fixedFormat = fc.oneof(
  fc.tuple(fc.constantFrom('AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'ANPA', 'ANVA', 'AIPA'), charsFrom(UPPER_DIGITS, 14, 18)).map(([p, s]) => p + s),
  charsFrom(BASE64URL, 33, 37).map((s) => `AIza${s}`),
  jwt,
  fc.tuple(fc.constantFrom('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'), charsFrom(ALNUM, 34, 40)).map(([p, s]) => p + s),
  charsFrom(ALNUM + '_', 20, 30).map((s) => `github_pat_${s}`),
  fc.tuple(fc.constantFrom('xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'), charsFrom(ALNUM + '-', 8, 30)).map(([p, s]) => p + s),
  charsFrom(BASE64, 4, 40).map((s) => `Authorization: Basic ${s}`),
  charsFrom(TOKEN_CHARS, 10, 50).map((s) => `Bearer ${s}`),
  fc.tuple(fc.constantFrom('postgres', 'mysql', 'mongodb+srv', 'redis', 'amqp', 'https', 'jdbc:postgresql', 'ftp'), charsFrom(ALNUM, 0, 6), charsFrom(ALNUM + '@:%', 0, 12))
    .map(([scheme, user, pw]) => `${scheme}://${user}:${pw}@db.internal:5432/x`),
);

const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(keyWord, fc.constantFrom(...SEPARATORS), value).map(([k, s, v]) => k + s + v) },
  { weight: 3, arbitrary: keyWord },
  { weight: 3, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 3, arbitrary: fc.constantFrom(...LITERALS) },
  { weight: 3, arbitrary: fixedFormat },
  { weight: 2, arbitrary: fc.constantFrom(...DIGIT_RUNS) },
  { weight: 2, arbitrary: charsFrom('0123456789', 1, 20) },
  { weight: 1, arbitrary: charsFrom('0123456789 -', 4, 24) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 2, arbitrary: charsFrom('pPaAsSwWoOrRdDeEcCtTkKnNyYiIbBhHzZ -_:="\'\\', 1, 16) },
);

const logLine = fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(''));

describe('findSecrets gates', () => {
  it('gives exactly what every detector run without a gate gives (property, seed 42)', () => {
    let withHits = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(logLine, (line) => {
        const expected = findSecretsExhaustive(line);
        assert.deepEqual(findSecrets(line), expected);
        if (expected.length > 0) withHits++;
        for (const hit of expected) kinds.add(hit.kind);
      }),
      { seed: SEED, numRuns: 2000 },
    );
    // The lines exercise the detectors, not only the no-hit path.
    assert.ok(withHits > 500, `only ${withHits} of 2000 lines had a hit`);
    assert.equal(kinds.size, 11, `kinds found: ${[...kinds].join(', ')}`);
  });

  it('gives exactly what every detector gives on one trigger with its surroundings (property, seed 42)', () => {
    const around = fc.oneof(fc.constantFrom('', ' ', '"', "'", 'x', '_', '-', '.', '\\', '=', '@', '/', '1', 'é'), charsFrom(ALNUM + ' "\'=:_-', 0, 4));
    fc.assert(
      fc.property(around, fc.oneof(fragment, fixedFormat, fc.constantFrom(...LITERALS, ...DIGIT_RUNS)), around, (before, trigger, after) => {
        const line = before + trigger + after;
        assert.deepEqual(findSecrets(line), findSecretsExhaustive(line));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('finds a fine-grained GitHub token on a line with no other "gh" (the old gate missed it)', () => {
    const token = `github_pat_${'A1b2C3d4E5f6G7h8I9j0K1'}_${'x'.repeat(59)}`;
    const line = `{"msg":"deploy","credential":"${token}"}`;
    const hits = findSecrets(line);
    assert.deepEqual(
      hits.map((h) => [h.kind, line.slice(h.start, h.end)]),
      [['github-token', token]],
    );
  });

  it('gives exactly the same on hand-picked edge cases', () => {
    const lines = [
      'TOKEN=abcdefgh1', 'ToKeN:abcdefgh1', 'x token=abc12345', 'toKEN\\":\\"abc12345\\"', '"token" : "abc12345"',
      'API_KEY=abcdefgh', 'apiKey: "abcdefgh"', '"x-api-key":"abcdefgh"', 'PRIVATE-KEY=abcdefgh', 'privateKey=abc12345',
      'PWD=/home/bob', 'pWd=hunter22', 'DB_PWD=hunter22', 'PassWord:hunter22', 'PASSPHRASE = "a b c d"',
      'SECRET_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AwsSecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'BEARER abcdefghijklmnop1234', 'bearer\tAbCdEfGhIjKlMnOp12', 'AUTHORIZATION: BASIC Ym9iOmh1bnRlcjI=',
      'authorization=basic\tYm9iOmh1bnRlcjI=', 'key AKIAIOSFODNN7EXAMPLE end', 'AIzaSyA-1234567890abcdefghijklmnopqrstu',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'xoxb-1234567890-abcdef', '-----BEGIN RSA PRIVATE KEY-----MIIE',
      'dsn=postgres://app:s3cr3t@db:5432/x', 'see https://example.com/a and mail bob@example.com',
      'url=https://u:p@h/ and user@host', 'card 4111 1111 1111 1111 ok', 'ts 1735689600000 and 4111111111111111',
      '\u017fecret=abcdefgh1', 'to\u212aen=abcdefgh1', 'pass\u0131word=abc', 'toke', 'token', 'token=', 'pwd=abc',
      '@@@@://@@@', 'a://b:c@d@e@f', '://:@', 'xx@yy://zz:ww@vv', '-----BEGIN ', 'eyJ', 'eyJ.eyJ.', 'AIza', 'AKIA',
    ];
    for (const line of lines) assert.deepEqual(findSecrets(line), findSecretsExhaustive(line), JSON.stringify(line));
  });

  it('finds nothing, in both versions, in a few hundred ordinary log lines', () => {
    const lines = ordinaryLines(400);
    for (const line of lines) {
      assert.deepEqual(findSecretsExhaustive(line), [], `exhaustive: ${line}`);
      assert.deepEqual(findSecrets(line), [], `gated: ${line}`);
    }
  });
});

/** Ordinary log lines without secrets: Kubernetes audit events, app JSON, logfmt, syslog, access logs. */
function ordinaryLines(count: number): string[] {
  let s = 7;
  const rand = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const hex = (n: number): string => Array.from({ length: n }, () => 'abcdef'.charAt(int(6))).join('');
  const ts = (i: number): string => new Date(Date.UTC(2026, 10, 1) + i * 137).toISOString();
  const ip = (): string => `10.${int(255)}.${int(255)}.${int(255)}`;
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    switch (i % 6) {
      case 0:
        out.push(
          `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a-${hex(5)}","stage":"ResponseComplete",` +
            `"requestURI":"/api/v1/namespaces/ns-${i % 50}/${pick(['pods', 'secrets', 'configmaps', 'serviceaccounts/default/token'])}",` +
            `"verb":"${pick(['get', 'list', 'watch', 'create'])}","user":{"username":"user-${int(500)}@example.com","groups":["system:authenticated"]},` +
            `"sourceIPs":["${ip()}"],"objectRef":{"resource":"pods","namespace":"ns-${i % 50}","apiVersion":"v1"},` +
            `"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"${ts(i)}","stageTimestamp":"${ts(i)}"}`,
        );
        break;
      case 1:
        out.push(
          `{"kind":"Event","level":"Request","auditID":"${hex(8)}-${hex(4)}-${hex(4)}","verb":"create","user":{"username":"system:serviceaccount:kube-system:replicaset-controller"},` +
            `"objectRef":{"resource":"tokenreviews","apiGroup":"authentication.k8s.io"},"annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding"}}`,
        );
        break;
      case 2:
        out.push(
          JSON.stringify({
            time: ts(i), level: pick(['info', 'warn', 'error']), msg: pick(['request completed', 'cache miss', 'user signed in', 'password reset email sent', 'token refreshed']),
            request_id: `${hex(8)}-${hex(4)}`, method: pick(['GET', 'POST']), path: `/api/v2/orders/${int(1e6)}/items`, status: pick([200, 404]),
            duration_ms: int(5000) / 10, remote_ip: ip(), user_agent: 'Mozilla/5.0 (X11; Linux x86_64) curl/8.5.0', user: `user-${int(500)}@example.com`,
          }),
        );
        break;
      case 3:
        out.push(`ts=${ts(i)} level=info msg="login ok" user=bob session_id=${hex(12)} duration=${int(900)}ms keys=3 bypass=false token_type=Bearer`);
        break;
      case 4:
        out.push(
          `<38>Jan ${1 + (i % 28)} 10:00:0${i % 10} host-${i % 20} ${pick(['sshd', 'sudo', 'cron'])}[${1000 + int(30000)}]: ` +
            pick(['Accepted publickey for deploy from 10.0.4.17 port 51234 ssh2', 'Failed password for invalid user admin from 192.168.1.50 port 22 ssh2', 'pam_unix(cron:session): session opened for user root(uid=0)', 'deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx']),
        );
        break;
      default:
        out.push(
          `${ip()} - - [01/Nov/2026:00:${String(i % 60).padStart(2, '0')}:00 +0000] "GET /api/v2/orders/${int(1e6)}/items?page=${i % 9}&sort=asc HTTP/1.1" ${pick([200, 404])} ${int(50000)} ` +
            '"https://shop.example.com/cart" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"',
        );
    }
  }
  return out;
}
