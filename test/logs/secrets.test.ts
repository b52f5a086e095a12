import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import { SECRET_KINDS, findSecrets, redact, redactedExcerpt } from '../../src/logs/secrets.js';
import type { SecretHit, SecretKind } from '../../src/logs/secrets.js';

// Every secret below is made up at run time, so no expectation can be satisfied by a hard-coded
// value. The only fixed credentials are AWS's documented examples (AKIAIOSFODNN7EXAMPLE,
// wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) and the networks' public test card numbers.

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const BASE62 = UPPER + LOWER + DIGITS;

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)] ?? '';
  return out;
}

/** A random base62 value with at least one upper-case letter, lower-case letter and digit. */
function canary(length = 20): string {
  for (;;) {
    const v = randomFrom(BASE62, length);
    if (/[A-Z]/.test(v) && /[a-z]/.test(v) && /[0-9]/.test(v)) return v;
  }
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function makeJwt(alg = 'HS256', signature: string = randomFrom(BASE62 + '-_', 43)): string {
  return `${b64url({ alg, typ: 'JWT' })}.${b64url({ sub: canary(8), iat: randomInt(1e9) })}.${signature}`;
}

function luhnCheckDigit(body: string): number {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let d = Number(body[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** A random Luhn-valid number of `length` digits starting with `prefix`. */
function cardNumber(prefix: string, length: number): string {
  const body = prefix + randomFrom(DIGITS, length - prefix.length - 1);
  return body + String(luhnCheckDigit(body));
}

/** The same number with its check digit broken. */
function breakLuhn(pan: string): string {
  const last = Number(pan[pan.length - 1]);
  return pan.slice(0, -1) + String((last + 1) % 10);
}

function group(pan: string, sizes: readonly number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(pan.slice(at, at + size));
    at += size;
  }
  return parts.join(sep);
}

/** The hits of a line as `[kind, value]` pairs. */
function found(line: string): Array<[SecretKind, string]> {
  return findSecrets(line).map((h) => [h.kind, line.slice(h.start, h.end)]);
}

function assertNone(line: string): void {
  assert.deepEqual(found(line), [], `expected no secret in ${JSON.stringify(line)}`);
}

interface Positive {
  name: string;
  line: string;
  kind: SecretKind;
  /** The exact secret value the hit must cover. */
  value: string;
}

function p(name: string, line: string, kind: SecretKind, value: string): Positive {
  return { name, line, kind, value };
}

function positives(): Positive[] {
  const out: Positive[] = [];
  // password
  for (const key of ['password', 'passwd', 'pwd', 'pass', 'secret', 'client_secret', 'api_key', 'apikey', 'apiKey',
    'token', 'access_token', 'refresh_token', 'private_key', 'PASSWORD', 'Password', 'clientSecret', 'accessToken',
    'passphrase', 'session_token']) {
    const v = canary();
    out.push(p(`JSON "${key}"`, `{"ts":"2026-01-01T00:00:00Z","level":"info","user":"bob","${key}":"${v}","status":401}`, 'password', v));
    const w = canary();
    out.push(p(`key=value ${key}`, `ts=2026-01-01T00:00:00Z level=warn user=bob ${key}=${w} status=401`, 'password', w));
  }
  {
    const v = canary();
    out.push(p('JSON with spaces', `{ "password" : "${v}" }`, 'password', v));
    const a = canary();
    out.push(p('quoted logfmt value with a space', `msg="login failed" password="${a} x" ok=false`, 'password', `${a} x`));
    const b = canary();
    out.push(p('Python repr', `{'user': 'bob', 'password': '${b}'}`, 'password', b));
    const c = canary();
    out.push(p('syslog', `<38>Jan  5 10:00:00 host sshd[123]: debug: auth attempt user=root passwd=${c}`, 'password', c));
    const d = canary();
    out.push(p('URL query', `10.0.0.1 - - [05/Jan/2026:10:00:00 +0000] "GET /cb?code=x&access_token=${d}&state=1 HTTP/1.1" 200 12`, 'password', d));
    const e = canary();
    out.push(p('URL query at the end of a JSON string', `{"uri":"/login?user=bob&pwd=${e}"}`, 'password', e));
    const f = canary();
    out.push(p('Go JSON escapes & as \\u0026', `{"url":"/cb?token=${f}\\u0026x=1"}`, 'password', f));
    const g = canary();
    out.push(p('Go %+v struct', `creating client {User:bob Password:${g} Port:5432}`, 'password', g));
    const h = canary();
    out.push(p('escaped JSON inside a message', JSON.stringify({ msg: `request body ${JSON.stringify({ username: 'bob', password: h })}` }), 'password', h));
    const i = canary();
    out.push(p('prefixed env var', `env DB_PASSWORD=${i} MYSQL_USER=app`, 'password', i));
    const j = canary();
    out.push(p('camelCase compound', `{"newPassword":"${j}"}`, 'password', j));
    const k = canary();
    out.push(p('CLI flag', `exec: /usr/bin/app --db-password=${k} --port 80`, 'password', k));
    const l = canary();
    out.push(p('kebab header name', `{"headers":{"x-api-key":"${l}"}}`, 'password', l));
    const m = canary();
    out.push(p('presigned URL', `GET https://bucket.s3.amazonaws.com/o?X-Amz-Security-Token=${m}&X-Amz-Expires=60`, 'password', m));
    const n = canary();
    out.push(p('truncated line', `{"user":"bob","password":"${n}`, 'password', n));
    const o = canary();
    const r = canary();
    out.push(p('Ruby hash (Rails params)', `Parameters: {"user"=>"bob", "password"=>"${r}"}`, 'password', r));
    const sp = canary();
    out.push(p('spaces around =', `password = ${sp}`, 'password', sp));
    out.push(p('Java toString', `User{name=bob, password=${o}}`, 'password', `${o}}`));
    const basic = Buffer.from(`bob:${canary()}`).toString('base64');
    out.push(p('HTTP Basic', `Authorization: Basic ${basic}`, 'password', basic));
    const basic2 = Buffer.from(`svc:${canary()}`).toString('base64');
    out.push(p('HTTP Basic in JSON headers', `{"headers":{"Authorization":"Basic ${basic2}"}}`, 'password', basic2));
  }
  // bearer-token
  {
    const a = canary(32);
    out.push(p('Authorization header', `Authorization: Bearer ${a}`, 'bearer-token', a));
    const b = canary(24);
    out.push(p('JSON header', `{"headers":{"authorization":"Bearer ${b}"}}`, 'bearer-token', b));
    const c = `${canary(16)}-._~+/${canary(8)}==`;
    out.push(p('b64token alphabet and padding', `curl -H 'Authorization: bearer ${c}' https://api`, 'bearer-token', c));
    const d = canary(16);
    out.push(p('bare Bearer in a message', `upstream rejected Bearer ${d} (expired)`, 'bearer-token', d));
  }
  // jwt
  {
    const a = makeJwt();
    out.push(p('JWT in JSON', `{"id_token":"${a}","exp":1767225600}`, 'jwt', a));
    const b = makeJwt('none', '');
    out.push(p('alg none, empty signature', `jwt=${b} next`, 'jwt', b));
    const c = makeJwt('RS256');
    out.push(p('JWT in a URL', `GET /ws?auth=${c} HTTP/1.1`, 'jwt', c));
  }
  // aws-access-key-id
  {
    out.push(p('documented example', 'using AKIAIOSFODNN7EXAMPLE for s3', 'aws-access-key-id', 'AKIAIOSFODNN7EXAMPLE'));
    for (const prefix of ['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'ANPA', 'ANVA', 'AIPA']) {
      const id = prefix + randomFrom(UPPER + DIGITS, 16);
      out.push(p(`${prefix} in CloudTrail JSON`, `{"userIdentity":{"type":"IAMUser","accessKeyId":"${id}"}}`, 'aws-access-key-id', id));
    }
  }
  // aws-secret-access-key
  {
    const s = () => randomFrom(BASE62 + '/+', 40);
    const a = s();
    out.push(p('credentials file', `aws_secret_access_key = ${a}`, 'aws-secret-access-key', a));
    const b = s();
    out.push(p('env var', `export AWS_SECRET_ACCESS_KEY=${b}`, 'aws-secret-access-key', b));
    const c = s();
    out.push(p('API JSON', `{"Credentials":{"AccessKeyId":"ASIAXXXXEXAMPLE","SecretAccessKey":"${c}"}}`, 'aws-secret-access-key', c));
    const d = s();
    out.push(p('YAML-ish', `  secret_key: ${d}`, 'aws-secret-access-key', d));
    out.push(p('documented example', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws-secret-access-key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'));
    const e = s();
    out.push(p('camel case with aws', `{"awsSecretAccessKey":"${e}"}`, 'aws-secret-access-key', e));
  }
  // gcp-api-key
  {
    const a = 'AIza' + randomFrom(BASE62 + '_-', 35);
    out.push(p('in a URL', `GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${a} 200`, 'gcp-api-key', a));
    const b = 'AIza' + randomFrom(BASE62, 35);
    out.push(p('in JSON', `{"apiKeyValue":"${b}"}`, 'gcp-api-key', b));
  }
  // github-token
  for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']) {
    const t = prefix + randomFrom(BASE62, 36);
    out.push(p(`${prefix} token`, `git clone failed for token ${t}: 401`, 'github-token', t));
  }
  {
    const t = `github_pat_${randomFrom(BASE62, 22)}_${randomFrom(BASE62, 59)}`;
    out.push(p('fine-grained PAT', `{"gh":"${t}"}`, 'github-token', t));
  }
  // slack-token
  for (const prefix of ['xoxb', 'xoxp', 'xoxa', 'xoxr', 'xoxs']) {
    const t = `${prefix}-${randomFrom(DIGITS, 12)}-${randomFrom(DIGITS, 12)}-${randomFrom(BASE62, 24)}`;
    out.push(p(`${prefix} token`, `slack client init token ${t} ok`, 'slack-token', t));
  }
  // private-key
  {
    const body = randomFrom(BASE62 + '+/', 64);
    const key = `-----BEGIN RSA PRIVATE KEY-----\\n${body}\\n-----END RSA PRIVATE KEY-----`;
    out.push(p('whole key in escaped JSON', `{"key":"${key}","id":7}`, 'private-key', key));
    const start = `-----BEGIN OPENSSH PRIVATE KEY-----`;
    const rest = randomFrom(BASE62, 30);
    out.push(p('BEGIN line, key continues', `config dump: ${start} ${rest}`, 'private-key', `${start} ${rest}`));
    const pkcs8 = `-----BEGIN PRIVATE KEY-----${randomFrom(BASE62, 40)}-----END PRIVATE KEY-----`;
    out.push(p('PKCS #8', `k=${pkcs8} done`, 'private-key', pkcs8));
    const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----${randomFrom(BASE62, 40)}-----END PGP PRIVATE KEY BLOCK-----`;
    out.push(p('PGP', `${pgp} trailing`, 'private-key', pgp));
  }
  // card-number
  {
    const visa = cardNumber('4', 16);
    out.push(p('Visa, contiguous, JSON string', `{"card":"${visa}","amount":12.5}`, 'card-number', visa));
    const visaSp = group(cardNumber('4', 16), [4, 4, 4, 4], ' ');
    out.push(p('Visa, spaces', `payment with card ${visaSp} declined`, 'card-number', visaSp));
    const visaDash = group(cardNumber('4', 16), [4, 4, 4, 4], '-');
    out.push(p('Visa, dashes', `pan=${visaDash} result=ok`, 'card-number', visaDash));
    const visa19 = group(cardNumber('4', 19), [4, 4, 4, 4, 3], ' ');
    out.push(p('Visa 19 digits grouped', `card ${visa19}`, 'card-number', visa19));
    out.push(p('Visa 13 digits (public test number)', 'card=4222222222222 ok', 'card-number', '4222222222222'));
    const mc = cardNumber(String(51 + randomInt(5)), 16);
    out.push(p('Mastercard 51-55, JSON number', `{"pan":${mc}}`, 'card-number', mc));
    const mc2 = cardNumber(String(2221 + randomInt(500)), 16);
    out.push(p('Mastercard 2-series', `card=${mc2}`, 'card-number', mc2));
    const amex = group(cardNumber(randomInt(2) === 0 ? '34' : '37', 15), [4, 6, 5], ' ');
    out.push(p('Amex 4-6-5', `amex ${amex} charged`, 'card-number', amex));
    const disc = cardNumber('6011', 16);
    out.push(p('Discover 6011', `card:${disc}`, 'card-number', disc));
    const disc65 = cardNumber('65', 16);
    out.push(p('Discover 65', `card ${disc65}.`, 'card-number', disc65));
    const jcb = cardNumber('35', 16);
    out.push(p('JCB', `card ${jcb}`, 'card-number', jcb));
    const diners = group(cardNumber(['30', '36', '38'][randomInt(3)] ?? '36', 14), [4, 6, 4], '-');
    out.push(p('Diners 4-6-4', `card ${diners}`, 'card-number', diners));
  }
  // connection-string
  for (const scheme of ['postgres', 'postgresql', 'mysql', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps',
    'mssql', 'sqlserver', 'jdbc:postgresql', 'jdbc:mysql', 'ftp', 'sftp', 'https', 'http']) {
    const pw = canary(16);
    out.push(p(`${scheme} URL`, `connecting to ${scheme}://app_user:${pw}@db.internal:5432/orders?sslmode=require`, 'connection-string', pw));
  }
  {
    const pw = canary(12);
    out.push(p('redis with empty user', `{"redis_url":"redis://:${pw}@cache:6379/0"}`, 'connection-string', pw));
    const at = `${canary(6)}@${canary(6)}`;
    out.push(p('unencoded @ in the password', `dsn=postgres://app:${at}@db:5432/x`, 'connection-string', at));
    const enc = `${canary(6)}%40${canary(6)}`;
    out.push(p('percent-encoded password', `mongodb://root:${enc}@mongo-0,mongo-1/admin`, 'connection-string', enc));
  }
  return out;
}

const POSITIVES = positives();

describe('findSecrets: positives', () => {
  it('covers every kind', () => {
    const kinds = new Set(POSITIVES.map((x) => x.kind));
    assert.deepEqual([...kinds].sort(), [...SECRET_KINDS].sort());
  });
  for (const x of POSITIVES) {
    it(`${x.kind}: ${x.name}`, () => {
      assert.deepEqual(found(x.line), [[x.kind, x.value]], JSON.stringify(x.line));
    });
  }
});

describe('findSecrets: near misses', () => {
  const cases: Array<[string, string]> = [
    // password
    ['masked with asterisks', 'user=bob password=*** status=401'],
    ['masked, all asterisks, JSON', '{"password":"********"}'],
    ['[REDACTED]', '{"password":"[REDACTED]","token":"[redacted]"}'],
    ['[FILTERED]', 'Parameters: {"password"=>"[FILTERED]"}'],
    ['null / - / <hidden>', 'password=null passwd=- pwd=<hidden> secret=NULL'],
    ['JSON null, number, object', '{"password": null, "token": 12345, "secret": {"name": "db-creds"}}'],
    ['empty values', 'password= token="" {"secret":""}'],
    ['our own marker', 'password=[REDACTED:password] token=[REDACTED:jwt]'],
    ['shell PWD', 'env PWD=/home/bob OLDPWD=/tmp SHELL=/bin/bash'],
    ['test summary pass=12', 'tests: pass=12 fail=0 skip=1'],
    ['non-credential token keys', 'csrf_token=a1b2c3 page_token=x9y8 next_token=q1 token_type=Bearer'],
    ['key name as a prefix', '{"password_changed_at":"2026-01-01T00:00:00Z","passwordless":"enabled","tokenizer":"bpe"}'],
    ['word containing pass', 'bypass=true compass=north passage=3'],
    ['prose with a colon', '{"msg":"reset password: ok","error":"invalid token: expired"}'],
    ['k8s audit names', '{"objectRef":{"resource":"secrets","name":"db-password"},"type":"kubernetes.io/service-account-token"}'],
    ['code, not a value', 'if (token === other) { const f = token => { password = {} } }'],
    ['template placeholder', 'password=${DB_PASSWORD} token={{ .Values.token }}'],
    // bearer-token
    ['Bearer with a short token', 'Authorization: Bearer abc123'],
    ['bearer in prose', 'clients use bearer authentication-mechanisms for this'],
    ['Bearer before capitalised words', 'expected Bearer Authentication-Required-Header here'],
    ['Bearer redacted', 'Authorization: Bearer [REDACTED]'],
    // jwt
    ['one base64 JSON segment', 'data=eyJmb28iOiJiYXIifQ== done'],
    ['two segments only', `t=${b64url({ alg: 'HS256' })}.${b64url({ sub: 'x' })} done`],
    ['three segments, header without alg', `t=${b64url({ foo: 'bar' })}.${b64url({ sub: 'x' })}.sig`],
    ['payload not JSON', `t=${b64url({ alg: 'HS256' })}.${Buffer.from('hello world').toString('base64url')}.sig`],
    ['random base64', `blob=${Buffer.from(canary(60)).toString('base64')}`],
    // aws-access-key-id
    ['AKIAEXAMPLE too short', 'key AKIAEXAMPLE here'],
    ['too long', 'id AKIAIOSFODNN7EXAMPLEX end'],
    ['inside a longer word', 'idxAKIAIOSFODNN7EXAMPLE end'],
    ['lower case', 'akiaiosfodnn7example'],
    ['unknown prefix', 'ABIAIOSFODNN7EXAMPLE AKIBIOSFODNN7EXAMPLE'],
    // aws-secret-access-key (and nothing else)
    ['40 hex without a key name', `commit ${randomFrom('0123456789abcdef', 40)} merged`],
    ['40 base64 chars under an unrelated key', `{"etag":"${randomFrom(BASE62 + '/+', 40)}"}`],
    ['39 chars', `aws_secret_access_key=${randomFrom(BASE62, 39)}`],
    ['41 chars', `aws_secret_access_key=${randomFrom(BASE62, 41)}`],
    // gcp-api-key
    ['AIza too short', `key AIza${randomFrom(BASE62, 34)} end`],
    ['AIza too long', `key AIza${randomFrom(BASE62, 36)} end`],
    // github-token
    ['ghp_ too short', `t ghp_${randomFrom(BASE62, 35)} end`],
    ['unknown gh prefix', `t ghx_${randomFrom(BASE62, 36)} end`],
    ['github_pat_ too short', `t github_pat_${randomFrom(BASE62, 10)} end`],
    // slack-token
    ['xoxb too short', 'xoxb-123 done'],
    ['unknown xox type', `xoxz-${randomFrom(DIGITS, 12)}-abc`],
    // private-key
    ['certificate', '-----BEGIN CERTIFICATE-----MIIB-----END CERTIFICATE-----'],
    ['public key', '-----BEGIN PUBLIC KEY-----MIIB-----END PUBLIC KEY-----'],
    ['marker without dashes', 'loading BEGIN RSA PRIVATE KEY section'],
    // card-number
    ['Luhn failure', `card ${breakLuhn(cardNumber('4', 16))}`],
    ['unknown IIN (Luhn-valid)', `id ${cardNumber('9', 16)} and ${cardNumber('1', 16)} and ${cardNumber('7', 16)}`],
    ['Amex prefix with Visa length', `n=${cardNumber('34', 16)}`],
    ['epoch millis', `{"ts":${Date.now()},"t2":1700000000000,"t3":${Date.UTC(2033, 0, 1)}}`],
    ['Luhn-valid epoch millis starting with 1', `ts=${cardNumber('17', 13)}`],
    ['Luhn-valid 13-digit epoch millis of 2099', `ts=${cardNumber('40', 13)}`],
    ['part of a longer digit run (20 digits)', `n=${cardNumber('4', 16)}1234 m=9876${cardNumber('4', 16)}`],
    ['inside a hex hash', `sha=deadbeef${cardNumber('4', 16)}cafe`],
    ['decimal fraction', `ratio=0.${cardNumber('4', 16)}`],
    ['mixed separators', `card ${group(cardNumber('4', 16), [4, 4], ' ')}-${'1111'}`],
    ['UUID', 'request_id=550e8400-e29b-41d4-a716-446655440000'],
    ['ordinary numbers', 'bytes=123456 took 4111 ms status=200 port 5432 pid 41111'],
    ['phone number', 'call +1 555-123-4567 or +44 7911 123456'],
    ['epoch nanos', `{"ts":${BigInt(Date.now()) * 1_000_000n}}`],
    // connection-string
    ['URL without password', 'postgres://app@db:5432/x'],
    ['empty password', 'redis://app:@cache:6379'],
    ['masked password', 'postgres://app:****@db:5432/x mysql://root:[REDACTED]@db/x'],
    ['host and port', 'GET http://host:8080/health https://example.com:443/a@b'],
    ['IPv6 literal', 'http://[::1]:8080/x'],
  ];
  for (const [name, line] of cases) {
    it(name, () => assertNone(line));
  }

  it('finds nothing in short or empty lines, and returns an empty array', () => {
    assert.deepEqual(findSecrets(''), []);
    assert.deepEqual(findSecrets('pwd=x'), []);
    assert.ok(Array.isArray(findSecrets('nothing to see here')));
  });

  it('finds nothing in ordinary JSON logs and Kubernetes audit events', () => {
    const lines = [
      '{"time":"2026-11-01T00:00:00.137Z","level":"info","msg":"request completed","request_id":"3f2a9c1e-4b7d-4e21-a9f0-1c2d3e4f5a6b","method":"GET","path":"/api/v2/orders/123456/items","status":200,"duration_ms":12.5,"remote_ip":"10.1.2.3","user":"user-12@example.com"}',
      '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a-00000001","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/secrets?limit=500","verb":"list","user":{"username":"system:serviceaccount:kube-system:token-cleaner"},"annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding"}}',
      '<86>Jan  5 10:00:00 host sshd[4242]: Accepted publickey for bob from 10.0.0.9 port 50022 ssh2: RSA SHA256:7k1bWcGZr0bF3f1mBq0pY2x8cQ9V6nV0m2nRz1H7f8Q',
      '10.0.0.1 - - [05/Jan/2026:10:00:00 +0000] "GET /index.html?page=2&sort=asc HTTP/1.1" 200 5120 "https://example.com/" "Mozilla/5.0"',
      'type=USER_AUTH msg=audit(1767225600.123:4242): pid=4242 uid=0 auid=1000 ses=3 msg=\'op=PAM:authentication grantors=pam_unix acct="bob" exe="/usr/bin/sudo" res=success\'',
    ];
    for (const line of lines) assertNone(line);
  });
});

describe('findSecrets: overlaps and ordering', () => {
  it('a JWT as a bearer token is one jwt hit', () => {
    const jwt = makeJwt();
    assert.deepEqual(found(`Authorization: Bearer ${jwt}`), [['jwt', jwt]]);
  });

  it('a fixed-format token under a credential key keeps the specific kind', () => {
    const gh = 'ghp_' + randomFrom(BASE62, 36);
    assert.deepEqual(found(`token=${gh}`), [['github-token', gh]]);
    const gcp = 'AIza' + randomFrom(BASE62, 35);
    assert.deepEqual(found(`{"api_key":"${gcp}"}`), [['gcp-api-key', gcp]]);
    const jwt = makeJwt();
    assert.deepEqual(found(`{"access_token":"${jwt}"}`), [['jwt', jwt]]);
    const id = 'AKIA' + randomFrom(UPPER + DIGITS, 16);
    assert.deepEqual(found(`password=${id}`), [['aws-access-key-id', id]]);
  });

  it('a token inside a connection string keeps the token kind', () => {
    const gh = 'ghs_' + randomFrom(BASE62, 36);
    assert.deepEqual(found(`git fetch https://x-access-token:${gh}@github.com/org/repo.git`), [['github-token', gh]]);
  });

  it('a wider detection around a narrower one is merged into their union', () => {
    const v = canary(24);
    const line = `{"token":"Bearer ${v}","ok":true}`;
    assert.deepEqual(found(line), [['bearer-token', `Bearer ${v}`]]);
    const pw = canary(12);
    const line2 = `password=postgres://app:${pw}@db/x`;
    assert.deepEqual(found(line2), [['connection-string', `postgres://app:${pw}@db/x`]]);
  });

  it('returns hits sorted by start and non-overlapping, for many secrets in one line', () => {
    const parts = POSITIVES.slice(0, 60).map((x) => x.line);
    const line = parts.join(' | ');
    const hits = findSecrets(line);
    assert.ok(hits.length >= 40, `found ${hits.length}`);
    for (let i = 1; i < hits.length; i++) {
      const prev = hits[i - 1];
      const cur = hits[i];
      assert.ok(prev !== undefined && cur !== undefined && prev.end <= cur.start, `hit ${i} overlaps or is out of order`);
    }
  });
});

describe('redact', () => {
  for (const x of POSITIVES) {
    it(`${x.kind}: ${x.name}`, () => {
      const hits = findSecrets(x.line);
      const out = redact(x.line, hits);
      const hit = hits[0];
      assert.ok(hit !== undefined);
      if (x.kind === 'aws-access-key-id') {
        assert.ok(!out.includes(x.value.slice(4)), out);
        assert.equal(out, x.line.slice(0, hit.start) + x.value.slice(0, 4) + '[REDACTED:aws-access-key-id]' + x.line.slice(hit.end));
      } else {
        assert.equal(out, x.line.slice(0, hit.start) + `[REDACTED:${x.kind}]` + x.line.slice(hit.end));
      }
      assert.ok(!out.includes(x.value), out);
      // Redacted output is stable: nothing left to find.
      assert.deepEqual(findSecrets(out), []);
    });
  }

  it('keeps the line when there are no hits', () => {
    const line = 'level=info msg="nothing here"';
    assert.equal(redact(line, []), line);
  });

  it('keeps only the 4-character type prefix of an AWS key id, and nothing of other kinds', () => {
    assert.equal(redact('k=AKIAIOSFODNN7EXAMPLE', findSecrets('k=AKIAIOSFODNN7EXAMPLE')), 'k=AKIA[REDACTED:aws-access-key-id]');
    const gh = 'ghp_' + randomFrom(BASE62, 36);
    assert.equal(redact(`t ${gh}`, findSecrets(`t ${gh}`)), 't [REDACTED:github-token]');
  });

  it('handles unsorted, overlapping and out-of-range hits without leaking', () => {
    const a = canary(10);
    const b = canary(10);
    const line = `x=${a}${b} y`;
    const hits: SecretHit[] = [
      { kind: 'password', start: 2 + 5, end: 2 + 20 },
      { kind: 'password', start: 2, end: 2 + 10 },
      { kind: 'jwt', start: 100, end: 200 },
    ];
    const out = redact(line, hits);
    assert.equal(out, 'x=[REDACTED:password] y');
  });

  it('redacts every secret of a line with many', () => {
    const parts = POSITIVES.map((x) => x.line);
    const line = parts.join(' ; ');
    const out = redact(line, findSecrets(line));
    for (const x of POSITIVES) {
      const secret = x.kind === 'aws-access-key-id' ? x.value.slice(4) : x.value;
      assert.ok(!out.includes(secret), `${x.kind} ${x.name} leaked`);
    }
  });
});

describe('redactedExcerpt', () => {
  const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

  it('shows context on both sides, trimmed to whole words, with the secret redacted', () => {
    const v = canary();
    const left = words(30);
    const right = words(30).replace(/word/g, 'term');
    const line = `${left} password=${v} ${right}`;
    const hits = findSecrets(line);
    const hit = hits[0];
    assert.ok(hit !== undefined);
    const ex = redactedExcerpt(line, hit);
    assert.ok(!ex.includes(v));
    assert.ok(ex.startsWith('…') && ex.endsWith('…'), ex);
    assert.ok(ex.includes('password=[REDACTED:password]'), ex);
    const body = ex.slice(1, -1);
    const [before = '', after = ''] = body.split('[REDACTED:password]');
    assert.ok(before.length <= 60 && before.length >= 40, `left context ${before.length}`);
    assert.ok(after.length <= 60 && after.length >= 40, `right context ${after.length}`);
    // Whole words only: every word shown is a word of the line.
    for (const w of body.split(' ')) {
      if (w.includes('[REDACTED')) continue;
      assert.ok(w === '' || line.split(' ').includes(w), `cut word ${JSON.stringify(w)}`);
    }
  });

  it('needs no ellipsis when the whole line fits', () => {
    const v = canary();
    const line = `user=bob password=${v} ok`;
    const hit = findSecrets(line)[0];
    assert.ok(hit !== undefined);
    assert.equal(redactedExcerpt(line, hit), 'user=bob password=[REDACTED:password] ok');
  });

  it('redacts every other secret in the window', () => {
    const near = canary();
    const target = canary();
    const line = `${words(20)} password=${target} token=${near} ${words(20)}`;
    const hit = findSecrets(line).find((h) => line.slice(h.start, h.end) === target);
    assert.ok(hit !== undefined);
    const ex = redactedExcerpt(line, hit, 30);
    assert.ok(!ex.includes(near) && !ex.includes(target), ex);
    assert.ok(ex.includes('password=[REDACTED:password] token=[REDACTED:password]'), ex);
  });

  it('takes a secret cut by either window edge in whole, redacted', () => {
    const target = canary();
    const left = randomFrom(BASE62 + '/+', 40);
    const right = randomFrom(BASE62 + '/+', 40);
    // No word boundary near the edges: the window (width 30) starts inside `left` and ends inside `right`.
    const line = `head aws_secret_access_key=${left}"password":"${target}"aws_secret_access_key=${right}|tail`;
    const hit = findSecrets(line).find((h) => line.slice(h.start, h.end) === target);
    assert.ok(hit !== undefined);
    const ex = redactedExcerpt(line, hit, 30);
    for (const secret of [left, target, right]) {
      for (let i = 0; i + 6 <= secret.length; i++) {
        assert.ok(!ex.includes(secret.slice(i, i + 6)), `part of a secret shown: ${ex}`);
      }
    }
    assert.equal(
      ex,
      '…[REDACTED:aws-secret-access-key]"password":"[REDACTED:password]"aws_secret_access_key=[REDACTED:aws-secret-access-key]…',
    );
  });

  it('redacts a caller-supplied hit that findSecrets does not know', () => {
    const name = canary(12);
    const line = `user=${name} action=login`;
    const ex = redactedExcerpt(line, { kind: 'password', start: 5, end: 5 + name.length });
    assert.equal(ex, 'user=[REDACTED:password] action=login');
  });

  it('escapes newlines and control characters', () => {
    const v = canary();
    const line = `first\nsecond\r\tthird \u001b[31mred\u001b[0m \u202eevil password=${v} end\u0000`;
    const hit = findSecrets(line)[0];
    assert.ok(hit !== undefined);
    const ex = redactedExcerpt(line, hit);
    assert.ok(!/[\u0000-\u001f\u007f\u202e]/.test(ex), JSON.stringify(ex));
    assert.ok(ex.includes('first\\nsecond\\r\\tthird \\u001b[31mred'), ex);
    assert.ok(ex.includes('\\u202eevil'), ex);
    assert.ok(ex.endsWith('end\\u0000'), ex);
    assert.ok(!ex.includes(v));
  });

  it('keeps the AWS key id prefix only, and honours a width of 0', () => {
    const line = `${words(20)} AKIAIOSFODNN7EXAMPLE ${words(20)}`;
    const hit = findSecrets(line)[0];
    assert.ok(hit !== undefined);
    assert.equal(redactedExcerpt(line, hit, 0), '…AKIA[REDACTED:aws-access-key-id]…');
  });

  it('never shows a secret, for every positive line at several widths', () => {
    for (const x of POSITIVES) {
      const line = `${words(15)} ${x.line} ${words(15)}`;
      for (const hit of findSecrets(line)) {
        for (const width of [0, 5, 17, 60, 1000]) {
          const ex = redactedExcerpt(line, hit, width);
          const secret = x.kind === 'aws-access-key-id' ? x.value.slice(4) : x.value;
          assert.ok(!ex.includes(secret), `${x.kind} ${x.name} leaked at width ${width}: ${ex}`);
        }
      }
    }
  });
});

describe('findSecrets: linear time on adversarial lines', () => {
  const n = 200_000;
  const cases: Array<[string, string]> = [
    ['hyphenated key run', `${'a-'.repeat(n / 2)}token=x`],
    ['repeated key=', 'password='.repeat(n / 9)],
    ['repeated JSON key', '"password":"'.repeat(n / 12)],
    ['repeated escaped JSON key', '\\"password\\":\\"'.repeat(n / 16)],
    ['repeated eyJ segments', 'eyJa.'.repeat(n / 5)],
    ['eyJ without dots', 'eyJ'.repeat(n / 3)],
    ['digits separated by spaces', '1 '.repeat(n / 2)],
    ['long digit run', '4'.repeat(n)],
    ['repeated scheme and user', 'http://a:'.repeat(n / 9)],
    ['repeated BEGIN markers', '-----BEGIN PRIVATE KEY-----'.repeat(n / 27)],
    ['repeated Bearer with spaces', `Bearer${' '.repeat(100)}`.repeat(n / 106)],
    ['repeated secret_key', 'secret_key: '.repeat(n / 12)],
    ['AKIA runs', 'AKIA'.repeat(n / 4)],
  ];
  for (const [name, line] of cases) {
    it(name, () => {
      const t0 = process.hrtime.bigint();
      const hits = findSecrets(line);
      if (hits.length > 0) redactedExcerpt(line, hits[0] ?? { kind: 'password', start: 0, end: 0 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      assert.ok(ms < 1000, `${ms.toFixed(0)} ms for ${line.length} characters`);
    });
  }
});
