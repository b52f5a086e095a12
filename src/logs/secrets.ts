/**
 * Finds secrets and payment-card numbers in one line of log text, and redacts them.
 *
 * The line is raw text (a JSON line, a logfmt line, a syslog message, an access-log line, a URL):
 * the detectors do not parse it, so they also see secrets nested in escaped JSON inside a message.
 * Offsets are JavaScript string indices (UTF-16 code units) into that line and cover the secret
 * VALUE only, never the key name that announced it.
 *
 * Design rules, because this runs on every sampled line:
 * - every detector sits behind a gate, a necessary condition of it finding anything that is
 *   cheap to test (see "Gates"), so a line without any trigger costs a few native skipping scans
 *   and allocates nothing (not even the result: see `findSecrets`); the gates never change a
 *   result (`findSecretsExhaustive`, without them, is the definition);
 * - every regex is linear: no nested quantifiers, character classes that exclude their own
 *   terminators, and lookbehinds that pin where a match may start;
 * - values are delimited by small hand-written scanners rather than regexes, so quoting and
 *   escaping are handled exactly once.
 *
 * Detection favours few false positives, but a value that is detected is always redacted whole
 * (when two detections overlap, the redacted range is their union), so a report never shows part
 * of a secret.
 *
 * One line at a time: the base64 body of a PEM private key on the lines after its BEGIN marker is
 * not recognised (the marker line itself is redacted to its end).
 */

export const SECRET_KINDS = [
  'password',
  'bearer-token',
  'jwt',
  'aws-access-key-id',
  'aws-secret-access-key',
  'gcp-api-key',
  'github-token',
  'slack-token',
  'private-key',
  'card-number',
  'connection-string',
] as const;

export type SecretKind = (typeof SECRET_KINDS)[number];

/** One secret in a line: `[start, end)` are offsets of the secret value (not of its key name). */
export interface SecretHit {
  kind: SecretKind;
  start: number;
  end: number;
}

/**
 * When two detections overlap, the more specific kind names the merged hit. Formats with a fixed,
 * vendor-documented shape rank above shapes that many things share (a JWT inside a bearer header,
 * a GitHub token as a `token=` value, a card number as a `password=` value).
 */
const SPECIFICITY: Readonly<Record<SecretKind, number>> = {
  'private-key': 11,
  'aws-access-key-id': 10,
  'github-token': 9,
  'slack-token': 9,
  'gcp-api-key': 9,
  'aws-secret-access-key': 8,
  jwt: 7,
  'card-number': 6,
  'connection-string': 5,
  'bearer-token': 4,
  password: 3,
};

/** Returned for every line without a hit, so the common case allocates nothing. Frozen: copy before mutating. */
const NO_HITS: SecretHit[] = Object.freeze([]) as unknown as SecretHit[];

// ---------------------------------------------------------------------------------------------
// Character classes (char codes), used by the value scanners.

const BACKSLASH = 0x5c;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * The characters that end the authority of a URL where a password may be (whitespace, `/`, `?`,
 * `#`, quotes, `<`, `>`, a backslash): `findConnectionStrings` and its gate stop there.
 */
const ENDS_AUTHORITY = new Uint8Array(128);
for (const c of [0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c, 0x2f, 0x3f, 0x23, DQUOTE, SQUOTE, 0x3c, 0x3e, BACKSLASH]) {
  ENDS_AUTHORITY[c] = 1;
}

function endsAuthority(c: number): boolean {
  return c < 128 && ENDS_AUTHORITY[c] === 1;
}

// ---------------------------------------------------------------------------------------------
// password: a value announced by a credential key name.

/**
 * Basis: the key names that frameworks and APIs use for credentials (form fields `password` /
 * `passwd` / `pwd` / `pass`, SSH and PGP `passphrase`, OAuth 2.0 `client_secret`, `access_token`
 * and `refresh_token` (RFC 6749), `api_key`, `private_key`, AWS STS `SessionToken` /
 * `X-Amz-Security-Token`), in snake, kebab and camel case, followed by `=` (key=value, logfmt, URL
 * query, CLI flags), `=>` (Ruby hashes, as in Rails parameter logs) or `:` (JSON, Python reprs,
 * Go `%+v`).
 *
 * The regex finds the name; `keyAccepted` then looks at the rest of the key around it: anything
 * ending in `password`/`passwd`/`passphrase` counts (`DB_PASSWORD`, `newPassword`,
 * `--db-password`); the other names must be the whole key, or follow a `-` (`x-api-key`,
 * `--token`), or be one of the compounds above, so `csrf_token`, `page_token`, `next_token`,
 * `bypass` and `token_type` are not taken.
 */
const CREDENTIAL_KEY_RE =
  /(pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|private[_-]?key)(\\?["'])?([ \t]*)(=>|[=:])([ \t]*)/gi;

const TOKEN_COMPOUND_RE = /(?:access|refresh|auth|session|security)[_-]?$/i;
const SECRET_COMPOUND_RE = /client[_-]?$/i;

function isKeyChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d
  );
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** Whether the key name found at `nameStart` is a credential key, given what precedes it in the key. */
function keyAccepted(line: string, nameStart: number, name: string): boolean {
  if (name === 'password' || name === 'passwd' || name === 'passphrase') return true;
  let runStart = nameStart;
  while (runStart > 0 && isKeyChar(line.charCodeAt(runStart - 1))) runStart--;
  if (runStart === nameStart) return true;
  let prefix = line.slice(runStart, nameStart);
  if (name === 'token') prefix = prefix.replace(TOKEN_COMPOUND_RE, '');
  else if (name === 'secret') prefix = prefix.replace(SECRET_COMPOUND_RE, '');
  return prefix === '' || prefix.endsWith('-');
}

/**
 * Basis: RFC 7617 (HTTP Basic): `Authorization: Basic base64(user:password)` carries the password
 * in reversible form (so does `Proxy-Authorization`). Reported as `password`. Requires the header
 * name, so prose about "basic auth" is not matched.
 */
const BASIC_AUTH_RE =
  /(?<![A-Za-z0-9_])authorization(?:\\?["'])?[ \t]*[:=][ \t]*(?:\\?["'])?basic[ \t]+([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/gi;

/** Values that say "there is no secret here": masks, nulls and our own redaction markers. */
const PLACEHOLDER_RE =
  /^(?:\**|x{3,}|-|null|nil|none|undefined|\(null\)|<hidden>|<redacted>|redacted|\[(?:redacted|filtered|hidden)(?::[a-z-]*)?\]|\$\{.*|\{\{.*)$/i;

const HAS_ALNUM_RE = /[\p{L}\p{N}]/u;

function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_RE.test(value);
}

/** The scanners return where a value starts and leave its (exclusive) end here, to allocate nothing. */
let scanEnd = 0;

/**
 * Scans a value quoted with `quote` starting after the opening quote at `from`. A backslash escapes
 * the next character. An unterminated value runs to the end of the line (a truncated line must
 * not leak the rest of the secret). Sets `scanEnd`; returns the value start.
 */
function scanQuoted(line: string, from: number, quote: number): number {
  const n = line.length;
  let i = from;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (c === quote) break;
    i++;
  }
  scanEnd = Math.min(i, n);
  return from;
}

/**
 * Scans a string value that is itself inside an escaped JSON string, e.g. the `hunter2` of
 * `"msg":"{\"password\":\"hunter2\"}"`: outer escapes are decoded pairwise (`\\` is a backslash,
 * `\"` a quote) and the inner string ends at an unescaped inner quote. A bare `"` ends the outer
 * string, so the value too.
 */
function scanEscapedQuoted(line: string, from: number): number {
  const n = line.length;
  let i = from;
  let innerEscape = false;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === DQUOTE) break;
    if (c === BACKSLASH && i + 1 < n) {
      const d = line.charCodeAt(i + 1);
      if (innerEscape) innerEscape = false;
      else if (d === BACKSLASH) innerEscape = true;
      else if (d === DQUOTE) break;
      i += 2;
      continue;
    }
    innerEscape = false;
    i++;
  }
  scanEnd = Math.min(i, n);
  return from;
}

/**
 * Scans an unquoted value: it ends at whitespace, a quote, `&` (URL query), `,` and `;` (lists,
 * connection-string properties), or at a JSON escape that ends the surrounding string or starts a
 * new line (`\"`, `\n`, `\r`, `\t`, `\u0026` as Go writes `&`). An escaped backslash is kept.
 */
function scanUnquoted(line: string, from: number): number {
  const n = line.length;
  let i = from;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (isSpace(c) || c === DQUOTE || c === SQUOTE || c === 0x26 || c === 0x2c || c === 0x3b) break;
    if (c === BACKSLASH && i + 1 < n) {
      const d = line.charCodeAt(i + 1);
      // " n r t u
      if (d === DQUOTE || d === 0x6e || d === 0x72 || d === 0x74 || d === 0x75) break;
      i += 2;
      continue;
    }
    i++;
  }
  scanEnd = Math.min(i, n);
  return from;
}

function findCredentialValues(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = CREDENTIAL_KEY_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const key = (m[1] ?? '').toLowerCase();
    if (!keyAccepted(line, m.index, key)) continue;
    const passwordFamily = key === 'password' || key === 'passwd' || key === 'passphrase';
    const keyQuoted = m[2] !== undefined;
    const separator = m[4];
    // logfmt `password= next=1`: an empty value (but `password = x` has a value).
    if (separator === '=' && m[3] === '' && m[5] !== '') continue;
    const at = re.lastIndex;
    const n = line.length;
    if (at >= n) break;
    const c = line.charCodeAt(at);
    let start: number;
    let quoted = true;
    if (c === DQUOTE || c === SQUOTE) {
      start = scanQuoted(line, at + 1, c);
    } else if (c === BACKSLASH && line.charCodeAt(at + 1) === DQUOTE) {
      start = scanEscapedQuoted(line, at + 2);
    } else {
      quoted = false;
      // Ruby's inspect quotes string values: an unquoted `=>` value is nil, a number, or code.
      if (separator === '=>') continue;
      // `"key": value` with an unquoted value is a JSON number, null, boolean or object: no secret.
      // `key: value` in prose ("invalid token: expired") is not either; only Go's `%+v`
      // (`Password:hunter2`, no space) is taken, and only for password names.
      if (separator === ':') {
        const spaced = at > 0 && isSpace(line.charCodeAt(at - 1));
        if (keyQuoted || !passwordFamily || spaced) continue;
      }
      start = scanUnquoted(line, at);
    }
    const end = scanEnd;
    if (end > start) re.lastIndex = Math.max(re.lastIndex, end);
    if (end <= start) continue;
    const value = line.slice(start, end);
    // A mask or placeholder, or no letter or digit at all (`token = {`, `token === x` in code).
    if (isPlaceholder(value) || !HAS_ALNUM_RE.test(value)) continue;
    // `pass=12 fail=0` is a test summary, `PWD=/home/bob` the shell's working directory.
    if (!quoted && key === 'pass' && /^[0-9]+$/.test(value)) continue;
    if (key === 'pwd' && (value.startsWith('/') || value.startsWith('~'))) continue;
    hits = push(hits, 'password', start, end);
  }
  re.lastIndex = 0;
  return hits;
}

function findBasicAuth(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = BASIC_AUTH_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const value = m[1] ?? '';
    const end = m.index + m[0].length;
    hits = push(hits, 'password', end - value.length, end);
  }
  re.lastIndex = 0;
  return hits;
}

// ---------------------------------------------------------------------------------------------
// bearer-token

/**
 * Basis: RFC 6750 §2.1: `Authorization: Bearer <b64token>`, b64token = 1*( ALPHA / DIGIT / "-" /
 * "." / "_" / "~" / "+" / "/" ) *"="; the scheme name is case-insensitive (RFC 7235). At least 16
 * token characters, and not words (letters and hyphens, capitals only at word starts), so prose
 * ("Bearer authentication-mechanisms") does not match while real tokens (random, so mixed) do.
 */
const BEARER_RE = /(?<![A-Za-z0-9_])bearer[ \t]+([A-Za-z0-9._~+/-]{16,}=*)/gi;

/** Letters and hyphens only, with capitals only at the start of a word: prose, not a token. */
function looksLikeWords(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue;
    if (c === 0x2d) continue;
    if (c >= 0x41 && c <= 0x5a && (i === 0 || token.charCodeAt(i - 1) === 0x2d)) continue;
    return false;
  }
  return true;
}

function findBearer(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = BEARER_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const token = m[1] ?? '';
    if (looksLikeWords(token)) continue;
    const end = m.index + m[0].length;
    hits = push(hits, 'bearer-token', end - token.length, end);
  }
  re.lastIndex = 0;
  return hits;
}

// ---------------------------------------------------------------------------------------------
// jwt

/**
 * Basis: RFC 7519 / RFC 7515 compact serialisation: three base64url segments joined by dots. The
 * header and the claims are JSON objects, so both segments start with `eyJ` (base64 of `{"`); the
 * signature is empty for `alg: none`. The decoded header must contain `"alg"` (a JWS header
 * parameter that RFC 7515 §4.1.1 makes mandatory), which rules out other dotted base64 that merely
 * starts with `eyJ`.
 */
const JWT_RE = /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]*)\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

function findJwts(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = JWT_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const header = Buffer.from(m[1] ?? '', 'base64url').toString('utf8');
    if (!header.startsWith('{') || !header.includes('"alg"')) continue;
    hits = push(hits, 'jwt', m.index, m.index + m[0].length);
  }
  re.lastIndex = 0;
  return hits;
}

// ---------------------------------------------------------------------------------------------
// aws-access-key-id, aws-secret-access-key

/**
 * Basis: AWS IAM "Unique identifier prefixes": AKIA (access key), ASIA (temporary STS access key),
 * AGPA (group), AIDA (user), AROA (role), ANPA (managed policy), ANVA (policy version), AIPA (EC2
 * instance profile), followed by 16 upper-case letters and digits (20 characters in all). Must not
 * touch other letters or digits (a longer identifier is something else).
 */
const AWS_KEY_ID_RE = /(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;

const AWS_KEY_ID_PREFIX_RE = /^(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)/;

/**
 * Basis: an AWS secret access key is 40 characters of base64 alphabet without padding (AWS CLI
 * and SDK documentation). Such strings are too common to flag alone (a 40-character hex SHA-1 also
 * fits), so only values following the names AWS tools use are taken: `aws_secret_access_key`
 * (credentials file, env var), `SecretAccessKey` (API/JSON), `secret_key` / `secretKey`, in
 * key=value, JSON and YAML-ish `key: value` form.
 */
const AWS_SECRET_RE =
  /secret[_-]?(?:access[_-]?)?key(?:\\?["'])?[ \t]*[:=][ \t]*(?:\\?["'])?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;

function findAws(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = AWS_KEY_ID_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    hits = push(hits, 'aws-access-key-id', m.index, m.index + m[0].length);
  }
  re.lastIndex = 0;
  return hits;
}

function findAwsSecrets(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = AWS_SECRET_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    // The name starts the key, or follows a separator, or follows `aws` (`AwsSecretAccessKey`).
    const p = m.index;
    if (p > 0 && isAlnum(line.charCodeAt(p - 1))) {
      const aws = p >= 3 && line.slice(p - 3, p).toLowerCase() === 'aws';
      if (!aws || (p > 3 && isAlnum(line.charCodeAt(p - 4)))) continue;
    }
    const end = m.index + m[0].length;
    hits = push(hits, 'aws-secret-access-key', end - 40, end);
  }
  re.lastIndex = 0;
  return hits;
}

// ---------------------------------------------------------------------------------------------
// gcp-api-key, github-token, slack-token

/** Basis: Google API keys are `AIza` followed by 35 characters of `[0-9A-Za-z_-]` (39 in all). */
const GCP_KEY_RE = /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g;

/**
 * Basis: GitHub "About authentication": token prefixes ghp_ (personal), gho_ (OAuth), ghu_
 * (user-to-server), ghs_ (server-to-server), ghr_ (refresh), followed by 36+ base62 characters;
 * fine-grained personal tokens start with `github_pat_`.
 */
const GITHUB_RE = /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})(?![A-Za-z0-9_])/g;

/** Basis: Slack token types: xoxb (bot), xoxa/xoxp (user), xoxr (refresh), xoxs (session), then `-` and parts. */
const SLACK_RE = /(?<![A-Za-z0-9_-])xox[baprs]-[A-Za-z0-9-]{10,}/g;

function findByRegex(line: string, re: RegExp, kind: SecretKind, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    hits = push(hits, kind, m.index, m.index + m[0].length);
  }
  re.lastIndex = 0;
  return hits;
}

// ---------------------------------------------------------------------------------------------
// private-key

/**
 * Basis: RFC 7468 textual encodings: `-----BEGIN PRIVATE KEY-----` (PKCS #8), `ENCRYPTED PRIVATE
 * KEY`, `RSA`/`EC`/`DSA`/`OPENSSH PRIVATE KEY`, and OpenPGP's `PGP PRIVATE KEY BLOCK` (RFC 4880).
 * Redacted from the BEGIN marker to the matching END marker, or to the end of the line when the
 * key continues on the next lines.
 */
const PRIVATE_KEY_RE = /-----BEGIN ([A-Z ]{0,40})PRIVATE KEY( BLOCK)?-----/g;

function findPrivateKeys(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = PRIVATE_KEY_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const endMarker = `-----END ${m[1] ?? ''}PRIVATE KEY${m[2] ?? ''}-----`;
    const at = line.indexOf(endMarker, re.lastIndex);
    const end = at < 0 ? line.length : at + endMarker.length;
    hits = push(hits, 'private-key', m.index, end);
    re.lastIndex = end;
  }
  re.lastIndex = 0;
  return hits;
}

// ---------------------------------------------------------------------------------------------
// card-number

/**
 * Candidates: 13 to 19 digits in one run, or in the groupings card numbers are printed in with one
 * consistent separator (a space or a dash): 4-4-4-1..4 with an optional fifth group of up to 3
 * (16 to 19 digits), and 4-6-4/5 (Diners 14, Amex 15). Not touching letters, digits or `_` (so not
 * part of a longer number, a hex hash or an identifier) and not a decimal fraction (`0.4111...`).
 */
const CARD_RE =
  /(?<![0-9A-Za-z_]|[0-9]\.)[0-9]{4}(?:[0-9]{9,15}|([ -])[0-9]{4}\1[0-9]{4}\1[0-9]{1,4}(?:\1[0-9]{1,3})?|([ -])[0-9]{6}\2[0-9]{4,5})(?![0-9A-Za-z_]|\.[0-9])/g;

/** Epoch milliseconds of 2000-01-01 and 2100-01-01: a 13-digit run in between is a timestamp. */
const EPOCH_MS_2000 = 946_684_800_000;
const EPOCH_MS_2100 = 4_102_444_800_000;

/** Luhn (ISO/IEC 7812-1 Annex B) over the digits of `s`, skipping separators. */
function luhnValid(s: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) continue;
    let d = c - 0x30;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Basis: issuer identification numbers and lengths published by the networks: Visa 4 (13, 16,
 * 19); Mastercard 51-55 and 2221-2720 (16); American Express 34, 37 (15); Discover 6011 and 65
 * (16-19); JCB 35 (16-19); Diners Club 30, 36, 38 (14-19).
 */
function knownIssuer(digits: string): boolean {
  const len = digits.length;
  const d1 = digits.charCodeAt(0) - 0x30;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (d1 === 4) return len === 13 || len === 16 || len === 19;
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return len === 16;
  if (two === 34 || two === 37) return len === 15;
  if (four === 6011 || two === 65) return len >= 16;
  if (two === 35) return len >= 16;
  if (two === 30 || two === 36 || two === 38) return len >= 14;
  return false;
}

function findCards(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = CARD_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const text = m[0];
    const grouped = m[1] !== undefined || m[2] !== undefined;
    const digits = grouped ? text.replace(/[ -]/g, '') : text;
    if (digits.length < 13 || digits.length > 19) continue;
    if (!grouped && digits.length === 13) {
      const value = Number(digits);
      if (value >= EPOCH_MS_2000 && value <= EPOCH_MS_2100) continue;
    }
    if (!knownIssuer(digits) || !luhnValid(digits)) continue;
    hits = push(hits, 'card-number', m.index, m.index + text.length);
  }
  re.lastIndex = 0;
  return hits;
}

// ---------------------------------------------------------------------------------------------
// connection-string

/**
 * Basis: RFC 3986 userinfo (`scheme://user:password@host`), as used by the connection URIs of
 * PostgreSQL, MySQL, MongoDB (incl. `mongodb+srv`), Redis (`redis://:password@host` has an empty
 * user), AMQP, SQL Server, JDBC (`jdbc:<driver>://`), FTP/SFTP and HTTP(S). The match stops at the
 * colon after the user; the password is then read up to the last `@` before the authority ends
 * (`/`, `?`, `#`, whitespace, a quote), so an unencoded `@` in a password is still covered.
 */
const CONNECTION_RE =
  /(?<![A-Za-z0-9+.-])(?:jdbc:[a-z0-9]+(?::[a-z0-9]+)?:\/\/|(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|s?ftp|https?):\/\/)[^\s:/?#@"'<>\\]*:/gi;

function findConnectionStrings(line: string, hits: SecretHit[] | undefined): SecretHit[] | undefined {
  const re = CONNECTION_RE;
  re.lastIndex = 0;
  const n = line.length;
  while (re.exec(line) !== null) {
    const start = re.lastIndex;
    let lastAt = -1;
    let i = start;
    for (; i < n; i++) {
      const c = line.charCodeAt(i);
      if (endsAuthority(c)) break;
      if (c === 0x40) lastAt = i;
    }
    if (lastAt <= start) continue;
    if (isPlaceholder(line.slice(start, lastAt))) continue;
    hits = push(hits, 'connection-string', start, lastAt);
    re.lastIndex = lastAt + 1;
  }
  re.lastIndex = 0;
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Gates: which detectors can possibly find something in a line.
//
// Most lines carry no secret, so what a line without one costs is what counts. Each detector has a
// gate, a NECESSARY condition of it finding anything (a literal its regex must match, often with
// the character that must follow it), and runs only when its gate passes: skipping it can never
// change the result (`findSecretsExhaustive`, which runs every detector, is the definition, and a
// property test holds `findSecrets` to it).
//
// The gates cost a few native, skipping scans of the line, no allocation and no JavaScript loop
// over its characters (a `charCodeAt` loop costs several times more than all of them together):
// - `String#indexOf` of a character that is rare in log text (`k`, `w`, `A`, `J`, `h`, `@`..., in
//   both cases for the case-insensitive key names), then a few `charCodeAt` around each occurrence
//   to check the trigger it may belong to;
// - one case-insensitive regex for the key names made of common letters only (`pass`, `secret`,
//   `bearer`, `basic`), and one for card digits: runs of literals that the regex engine skips
//   through. One regex for all the key names would cost about four times as much: the engine skips
//   only past characters that none of the names contains, and together they contain most letters.

const G_CREDENTIAL = 1 << 0;
const G_BASIC_AUTH = 1 << 1;
const G_BEARER = 1 << 2;
const G_AWS_SECRET = 1 << 3;
const G_AWS_KEY_ID = 1 << 4;
const G_CARD = 1 << 5;
const G_JWT = 1 << 6;
const G_GCP = 1 << 7;
const G_GITHUB = 1 << 8;
const G_SLACK = 1 << 9;
const G_PRIVATE_KEY = 1 << 10;
const G_CONNECTION = 1 << 11;
const G_ALL = (1 << 12) - 1;

/**
 * The gate of the key-based detectors whose key names are made of common letters only, in one
 * regex: `CREDENTIAL_KEY_RE` for the names `pass...` and `secret` (with the separator that must
 * follow them), `AWS_SECRET_RE` (`secret...key`), `BEARER_RE` (`bearer` and a blank) and
 * `BASIC_AUTH_RE` (`basic` and a blank). `bearer` and `basic` are looked for as `earer` and
 * `asic`, made of the letters of `pass` and `secret` (but one), which keeps the regex nearly as
 * cheap as for `pass` and `secret` alone (measured: `bearer` and `basic` would double its cost).
 * A match sets all four gates.
 */
const KEY_NAME_GATE =
  /pass(?:word|wd|phrase)?(?:\\?["'])?[ \t]*[=:]|secret(?:(?:\\?["'])?[ \t]*[=:]|[_-]?(?:access[_-]?)?key)|earer[ \t]|asic[ \t]/i;

/**
 * `CARD_RE` without its lookarounds: 13 digits in a run, or four digits, a separator and four more.
 * (Spelt out: the engine skips through `\d\d\d\d`, not through `\d{4}`.)
 */
const CARD_GATE = /\d\d\d\d(?:\d\d\d\d\d\d\d\d\d|[ -]\d\d\d\d)/;

/** `c` lower-cased if it is an ASCII letter (other values come out changed, but never as a letter). */
function lower(c: number): number {
  return c | 0x20;
}

/**
 * Whether `CREDENTIAL_KEY_RE` can match its separator at `at`, right after a key name:
 * `(\\?["'])?[ \t]*(=>|[=:])`.
 */
function separatorAt(line: string, at: number): boolean {
  let i = at;
  let c = line.charCodeAt(i);
  if (c === BACKSLASH) {
    const d = line.charCodeAt(i + 1);
    if (d === DQUOTE || d === SQUOTE) i += 2;
  } else if (c === DQUOTE || c === SQUOTE) {
    i++;
  }
  c = line.charCodeAt(i);
  while (c === 0x20 || c === 0x09) c = line.charCodeAt(++i);
  return c === 0x3d || c === 0x3a;
}

/** Whether lower-cased `line` has `word` (lower-case ASCII) at `at`. */
function wordAt(line: string, at: number, word: string): boolean {
  if (at < 0 || at + word.length > line.length) return false;
  for (let j = 0; j < word.length; j++) {
    if (lower(line.charCodeAt(at + j)) !== word.charCodeAt(j)) return false;
  }
  return true;
}

/**
 * Whether the `k` or `K` at `k` ends a credential key name of `CREDENTIAL_KEY_RE` that is followed
 * by a separator: `token`, `api[_-]?key` or `private[_-]?key`.
 */
function credentialKeyAtK(line: string, k: number): boolean {
  // Both names go on with an `e`: most other `k`s are rejected by one comparison.
  if (lower(line.charCodeAt(k + 1)) !== 0x65) return false;
  if (wordAt(line, k - 2, 'token')) return separatorAt(line, k + 3);
  if (!wordAt(line, k, 'key') || !separatorAt(line, k + 3)) return false;
  const c = line.charCodeAt(k - 1);
  const end = c === 0x5f || c === 0x2d ? k - 1 : k;
  return wordAt(line, end - 3, 'api') || wordAt(line, end - 7, 'private');
}

/** Whether the `w` or `W` at `w` is the middle of `pwd` followed by a separator. */
function credentialKeyAtW(line: string, w: number): boolean {
  return wordAt(line, w - 1, 'pwd') && separatorAt(line, w + 2);
}

/** Whether the `h` at `h` is that of a GitHub token prefix: `gh[pousr]_` or `github_pat_`. */
function githubPrefixAtH(line: string, h: number): boolean {
  if (h >= 1 && line.charCodeAt(h - 1) === 0x67) {
    const c = line.charCodeAt(h + 1);
    return (c === 0x70 || c === 0x6f || c === 0x75 || c === 0x73 || c === 0x72) && line.charCodeAt(h + 2) === 0x5f;
  }
  return h >= 3 && line.startsWith('github_pat_', h - 3);
}

/** The gates of an AWS key id prefix and of `AIza` at the `A` at `a`. */
function gatesAtA(line: string, a: number): number {
  const c1 = line.charCodeAt(a + 1);
  const c2 = line.charCodeAt(a + 2);
  const c3 = line.charCodeAt(a + 3);
  // AIza
  if (c1 === 0x49 && c2 === 0x7a && c3 === 0x61) return G_GCP;
  // AKIA ASIA AGPA AIDA AROA ANPA ANVA AIPA
  if (c3 !== 0x41) return 0;
  if ((c1 === 0x4b || c1 === 0x53) && c2 === 0x49) return G_AWS_KEY_ID;
  if ((c1 === 0x47 || c1 === 0x4e || c1 === 0x49) && c2 === 0x50) return G_AWS_KEY_ID;
  if ((c1 === 0x49 && c2 === 0x44) || (c1 === 0x52 && c2 === 0x4f) || (c1 === 0x4e && c2 === 0x56)) return G_AWS_KEY_ID;
  return 0;
}

/**
 * The detectors that can possibly find something in `line` (a bit set of `G_*`). Each bit is a
 * necessary condition of its detector finding a hit:
 * - password (`CREDENTIAL_KEY_RE`): a key name followed by its separator, found at the `k` of
 *   `token` / `key`, the `w` of `pwd`, or by `KEY_NAME_GATE` for the `pass...` and `secret` names;
 * - password (`BASIC_AUTH_RE`), bearer-token, aws-secret-access-key: `KEY_NAME_GATE`;
 * - aws-access-key-id, gcp-api-key: the 4-character prefixes (at an `A`);
 * - jwt: `eyJ` (at a `J`); github-token: `gh[pousr]_` or `github_pat_` (at the `h`); slack-token:
 *   `xox[baprs]-`;
 * - private-key: `-----BEGIN ` (at a `B`);
 * - connection-string: `://` and, after it in the same authority, an `@`;
 * - card-number: `CARD_GATE`.
 */
function possibleDetectors(line: string): number {
  let gates = 0;
  let i: number;
  if (KEY_NAME_GATE.test(line)) gates |= G_CREDENTIAL | G_AWS_SECRET | G_BEARER | G_BASIC_AUTH;
  if (CARD_GATE.test(line)) gates |= G_CARD;

  for (i = line.indexOf('k'); i >= 0 && (gates & G_CREDENTIAL) === 0; i = line.indexOf('k', i + 1)) {
    if (credentialKeyAtK(line, i)) gates |= G_CREDENTIAL;
  }
  for (i = line.indexOf('K'); i >= 0 && (gates & G_CREDENTIAL) === 0; i = line.indexOf('K', i + 1)) {
    if (credentialKeyAtK(line, i)) gates |= G_CREDENTIAL;
  }
  for (i = line.indexOf('w'); i >= 0 && (gates & G_CREDENTIAL) === 0; i = line.indexOf('w', i + 1)) {
    if (credentialKeyAtW(line, i)) gates |= G_CREDENTIAL;
  }
  for (i = line.indexOf('W'); i >= 0 && (gates & G_CREDENTIAL) === 0; i = line.indexOf('W', i + 1)) {
    if (credentialKeyAtW(line, i)) gates |= G_CREDENTIAL;
  }

  for (i = line.indexOf('B'); i >= 0; i = line.indexOf('B', i + 1)) {
    if (i >= 5 && line.startsWith('-----BEGIN ', i - 5)) {
      gates |= G_PRIVATE_KEY;
      break;
    }
  }
  for (i = line.indexOf('A'); i >= 0; i = line.indexOf('A', i + 1)) gates |= gatesAtA(line, i);
  for (i = line.indexOf('J'); i >= 0; i = line.indexOf('J', i + 1)) {
    if (i >= 2 && line.charCodeAt(i - 2) === 0x65 && line.charCodeAt(i - 1) === 0x79) {
      gates |= G_JWT;
      break;
    }
  }
  for (i = line.indexOf('h'); i >= 0; i = line.indexOf('h', i + 1)) {
    if (githubPrefixAtH(line, i)) {
      gates |= G_GITHUB;
      break;
    }
  }
  for (i = line.indexOf('xox'); i >= 0; i = line.indexOf('xox', i + 1)) {
    const c = line.charCodeAt(i + 3);
    const baprs = c === 0x62 || c === 0x61 || c === 0x70 || c === 0x72 || c === 0x73;
    if (baprs && line.charCodeAt(i + 4) === 0x2d) {
      gates |= G_SLACK;
      break;
    }
  }
  if (connectionAuthorityBeforeAt(line)) gates |= G_CONNECTION;
  return gates;
}

/**
 * The gate of `findConnectionStrings`: an `@` whose authority (the characters before it, back to
 * the first one that ends an authority) starts right after `://`. A hit needs one: the `@` that
 * ends the password, with the regex's `scheme://user:` and the password before it, none of which
 * ends an authority. Linear: the scan back from an `@` stops at the previous `@`, whose authority
 * it shares.
 */
function connectionAuthorityBeforeAt(line: string): boolean {
  let previous = -1;
  for (let at = line.indexOf('@'); at >= 0; at = line.indexOf('@', at + 1)) {
    let j = at - 1;
    while (j > previous && !endsAuthority(line.charCodeAt(j))) j--;
    if (j > previous && j >= 2 && line.charCodeAt(j) === 0x2f && line.charCodeAt(j - 1) === 0x2f && line.charCodeAt(j - 2) === 0x3a) {
      return true;
    }
    previous = at;
  }
  return false;
}

/** Runs the detectors in `gates`, always in the same order, and merges their hits. */
function runDetectors(line: string, gates: number): SecretHit[] {
  let hits: SecretHit[] | undefined;
  if ((gates & G_CREDENTIAL) !== 0) hits = findCredentialValues(line, hits);
  if ((gates & G_BASIC_AUTH) !== 0) hits = findBasicAuth(line, hits);
  if ((gates & G_BEARER) !== 0) hits = findBearer(line, hits);
  if ((gates & G_AWS_SECRET) !== 0) hits = findAwsSecrets(line, hits);
  if ((gates & G_AWS_KEY_ID) !== 0) hits = findAws(line, hits);
  if ((gates & G_CARD) !== 0) hits = findCards(line, hits);
  if ((gates & G_JWT) !== 0) hits = findJwts(line, hits);
  if ((gates & G_GCP) !== 0) hits = findByRegex(line, GCP_KEY_RE, 'gcp-api-key', hits);
  if ((gates & G_GITHUB) !== 0) hits = findByRegex(line, GITHUB_RE, 'github-token', hits);
  if ((gates & G_SLACK) !== 0) hits = findByRegex(line, SLACK_RE, 'slack-token', hits);
  if ((gates & G_PRIVATE_KEY) !== 0) hits = findPrivateKeys(line, hits);
  if ((gates & G_CONNECTION) !== 0) hits = findConnectionStrings(line, hits);
  if (hits === undefined) return NO_HITS;
  return normalize(hits, line.length);
}

// ---------------------------------------------------------------------------------------------
// Public API

function push(hits: SecretHit[] | undefined, kind: SecretKind, start: number, end: number): SecretHit[] {
  const list = hits ?? [];
  list.push({ kind, start, end });
  return list;
}

/**
 * Sorts hits by start and merges overlapping ones into their union, named by the more specific
 * kind, so the result is non-overlapping and covers every detected character.
 */
function normalize(hits: readonly SecretHit[], length: number): SecretHit[] {
  const sorted: SecretHit[] = [];
  for (const h of hits) {
    const start = Math.max(0, Math.min(length, Math.floor(h.start)));
    const end = Math.max(0, Math.min(length, Math.floor(h.end)));
    if (end > start) sorted.push({ kind: h.kind, start, end });
  }
  sorted.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretHit[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && h.start < last.end) {
      const kind = SPECIFICITY[h.kind] > SPECIFICITY[last.kind] ? h.kind : last.kind;
      out[out.length - 1] = { kind, start: last.start, end: Math.max(last.end, h.end) };
    } else {
      out.push(h);
    }
  }
  return out;
}

/**
 * Finds the secrets in one line. Hits are sorted by start and do not overlap; when two detections
 * overlap they are merged into one hit spanning both, named by the more specific kind. A line with
 * no hit returns a shared, frozen empty array (no allocation): copy it before mutating.
 * Lines shorter than 8 characters are not searched.
 */
export function findSecrets(line: string): SecretHit[] {
  if (line.length < 8) return NO_HITS;
  const gates = possibleDetectors(line);
  if (gates === 0) return NO_HITS;
  return runDetectors(line, gates);
}

/**
 * What `findSecrets` returns, computed by running every detector on the line, without the gates
 * that let `findSecrets` skip the ones that cannot find anything: the definition `findSecrets` is
 * tested against. Slower; not for use on log lines.
 */
export function findSecretsExhaustive(line: string): SecretHit[] {
  if (line.length < 8) return NO_HITS;
  return runDetectors(line, G_ALL);
}

/** The replacement for one hit; an AWS key id keeps its public 4-character type prefix. */
function replacement(line: string, hit: SecretHit): string {
  const marker = `[REDACTED:${hit.kind}]`;
  if (hit.kind === 'aws-access-key-id' && hit.end - hit.start > 4) {
    const prefix = line.slice(hit.start, hit.start + 4);
    if (AWS_KEY_ID_PREFIX_RE.test(prefix)) return prefix + marker;
  }
  return marker;
}

/**
 * Replaces each secret value with `[REDACTED:<kind>]` (an AWS access key id keeps its first four
 * characters, e.g. `AKIA[REDACTED:aws-access-key-id]`). Hits may come in any order and overlap:
 * they are merged first, so every covered character is replaced.
 */
export function redact(line: string, hits: readonly SecretHit[]): string {
  if (hits.length === 0) return line;
  const merged = normalize(hits, line.length);
  let out = '';
  let pos = 0;
  for (const h of merged) {
    out += line.slice(pos, h.start) + replacement(line, h);
    pos = h.end;
  }
  return out + line.slice(pos);
}

/**
 * `text` with every secret `findSecrets` finds in it redacted, or `text` itself when there is none:
 * for messages that may quote an input (a problem found in a scanned file) before they are shown.
 */
export function redactSecrets(text: string): string {
  const hits = findSecrets(text);
  return hits.length === 0 ? text : redact(text, hits);
}

/**
 * Control characters, the Unicode line/paragraph separators, bidirectional overrides and isolates
 * (which can reorder what a terminal shows) and lone surrogates.
 */
const UNSAFE_CHARS_RE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

function escapeChar(ch: string): string {
  switch (ch) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

function escapeText(text: string): string {
  return text.replace(UNSAFE_CHARS_RE, escapeChar);
}

/** Word boundaries for trimming an excerpt: whitespace and the separators of JSON, logfmt and URLs. */
function isBoundary(c: number): boolean {
  return isSpace(c) || c === 0x2c || c === 0x3b || c === 0x26;
}

/**
 * A short excerpt of `line` around `hit`: up to `width` characters on each side (default 60),
 * trimmed to word boundaries where possible, marked with `…` where cut. Every secret in the
 * excerpt is redacted (those `findSecrets` finds in the line as well as `hit`), a secret cut by the
 * window edge is taken in whole (and redacted), and control characters are escaped, so the result
 * is one safe line that never contains a secret value.
 */
export function redactedExcerpt(line: string, hit: SecretHit, width = 60): string {
  const n = line.length;
  const w = Number.isFinite(width) ? Math.max(0, Math.floor(width)) : 60;
  const all = normalize([...findSecrets(line), hit], n);
  const hs = Math.max(0, Math.min(n, Math.floor(hit.start)));
  const he = Math.max(hs, Math.min(n, Math.floor(hit.end)));

  let from = Math.max(0, hs - w);
  let to = Math.min(n, he + w);
  if (from > 0) {
    for (let i = from; i < hs; i++) {
      if (isBoundary(line.charCodeAt(i))) {
        from = i + 1;
        break;
      }
    }
  }
  if (to < n) {
    for (let i = to - 1; i >= he; i--) {
      if (isBoundary(line.charCodeAt(i))) {
        to = i;
        break;
      }
    }
  }
  // Never split a surrogate pair at the edges.
  if (from > 0 && from < n) {
    const c = line.charCodeAt(from);
    if (c >= 0xdc00 && c <= 0xdfff) from++;
  }
  if (to > 0 && to < n) {
    const c = line.charCodeAt(to - 1);
    if (c >= 0xd800 && c <= 0xdbff) to--;
  }
  // A secret cut by either edge is taken in whole, so it is redacted rather than shown in part.
  for (const h of all) {
    if (h.start < from && h.end > from) from = h.start;
    if (h.start < to && h.end > to) to = h.end;
  }

  let out = from > 0 ? '…' : '';
  let pos = from;
  for (const h of all) {
    if (h.end <= from || h.start >= to) continue;
    out += escapeText(line.slice(pos, h.start)) + replacement(line, h);
    pos = h.end;
  }
  out += escapeText(line.slice(pos, to));
  if (to < n) out += '…';
  return out;
}
