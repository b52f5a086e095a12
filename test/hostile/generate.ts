/**
 * Builds the hostile tree a scan must survive, at test time, in a temp folder: the committed
 * corpus (test/hostile/corpus/, small files) copied with fresh canary secrets planted in it, plus
 * what must not or cannot be committed: two 100 MB single-line files, NUL and random bytes
 * (seeded), gzip that is cut, corrupt or a bomb, symbolic links (a loop, a cycle, links out of the
 * root), a FIFO, files and folders nobody may read, and file names with a newline, control
 * characters, non-ASCII and bytes that are not UTF-8.
 *
 * Every entry created is listed with the path the report must show for it, so a test can check
 * that each one is inventoried. Entries can be created in reverse order, so that a test can
 * check that the file-system order does not change the report.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The canaries planted in the tree: `@@CANARY_<NAME>@@` in a committed file becomes the value. */
export const CANARY_NAMES = ['PASSWORD', 'AWS_KEY_ID', 'AWS_SECRET', 'GITHUB', 'JWT', 'DB', 'PLAIN'] as const;
export type CanaryName = (typeof CANARY_NAMES)[number];
export type Canaries = Readonly<Record<CanaryName, string>>;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function random(length: number, alphabet = ALNUM): string {
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

/** Fresh random canaries (each run plants new ones, so no report can hold one by chance). */
export function makeCanaries(): Canaries {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: random(12), iat: 1764547200 })).toString('base64url');
  return {
    PASSWORD: `${random(10)}!${random(6)}`,
    AWS_KEY_ID: random(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
    AWS_SECRET: random(40),
    GITHUB: random(36),
    JWT: `${header}.${payload}.${random(43)}`,
    DB: random(18),
    // Plain text where a file's content must never be shown: unrecognised files, syntax errors.
    PLAIN: `zc${random(22)}`,
  };
}

/**
 * The strings that must never appear in a report: every canary, and the random parts of the JWT
 * on their own (its header is the same for every HS256 token, so it is not one).
 */
export function canaryNeedles(canaries: Canaries): { name: string; value: string }[] {
  const needles: { name: string; value: string }[] = CANARY_NAMES.map((name) => ({ name, value: canaries[name] }));
  const [, payload, signature] = canaries.JWT.split('.');
  if (payload) needles.push({ name: 'JWT payload', value: payload });
  if (signature) needles.push({ name: 'JWT signature', value: signature });
  return needles;
}

export interface HostileEntry {
  /** The path the report must show for the entry, from the scan root (a folder ends with `/`). */
  path: string;
  /** What the entry exercises. */
  what: string;
  /** A symbolic link: never followed, so never assessed. */
  link?: true;
}

export interface HostileTree {
  /** The folder to scan. */
  root: string;
  /** The temp folder that holds the root and what links point to outside it; remove this. */
  base: string;
  entries: HostileEntry[];
  /** Inputs that could not be created here (mkfifo missing, say), each with why. */
  notes: string[];
}

export interface GenerateOptions {
  /** The committed corpus (test/hostile/corpus). */
  corpus: string;
  canaries: Canaries;
  /** Create the entries in the listed order or reversed: the report must not differ. */
  order?: 'listed' | 'reversed';
  /** Size of each large single-line file (default 100 MB). */
  bigBytes?: number;
}

/** What each committed file exercises; a file not named here is described by its folder. */
const CORPUS: Readonly<Record<string, string>> = {
  'iac/cloudformation-cycle.json': 'CloudFormation (JSON) whose Ref, Fn::GetAtt, DependsOn and Conditions form cycles',
  'iac/cloudformation-cycle.yaml': 'CloudFormation (YAML) with !Ref/!GetAtt/!Sub tags in cycles, a self-aliasing anchor, a canary default',
  'iac/cycle.tf': 'Terraform HCL with locals, resources and a module referring to each other in cycles, a canary default',
  'iac/cycle.tf.json': 'Terraform JSON with self-referencing interpolations',
  'json/deep-array.json': 'JSON arrays nested 10,000 deep',
  'json/deep-mixed.json': 'an audit Policy whose rules nest 3,000 deep',
  'json/deep-object.json': 'JSON objects nested 10,000 deep',
  'json/duplicate-keys.json': '500 repeats of apiVersion/kind switching between Policy and Pod, duplicate keys in a rule',
  'json/huge-number-events.json': 'CloudTrail Records with 1e999999, 123456789012345678901234567890, 2^64 and -0 as times and ids',
  'json/huge-numbers.json': 'an audit Policy with levels and stages of 1e999999 and 30-digit numbers',
  'json/proto-events.json': 'CloudTrail Records with __proto__, constructor.prototype, toString and hasOwnProperty keys at several depths',
  'json/proto-keys.json': 'an audit Policy with __proto__, constructor and prototype keys at the root, in rules and in resources',
  'json/syntax-error-canary.json': 'truncated JSON holding a canary: the syntax error must not quote it',
  'k8s/audit-policy-hostile.yaml': 'an audit Policy with wrong types, unknown levels, NUL and bidi characters, 1,000 generated rules, four documents',
  'k8s/kube-apiserver-hostile.yaml': 'a kube-apiserver pod whose flags point at /dev/zero, /dev/stdin, /proc and outside the root, with numbers beyond range, empty and repeated flags, 2,000 authorizers, odd command shapes, three documents',
  'logs/access-hostile.log': 'access log lines with impossible dates and status codes, a 20 kB request, a token in a URL, empty fields',
  'logs/auditd-hostile.log': 'auditd records with 20-digit serials, 1e999999 times, 20,000 fields, cut records',
  'logs/canaries-syslog.log': 'syslog lines with a password and an AWS secret',
  'logs/canaries.log': 'JSON lines with an AWS key pair, a JWT bearer, a GitHub token, a connection string and a password',
  'logs/cef-hostile.log': 'CEF and LEEF with escaped pipes, 10,000 extensions, a 20 kB value, cut headers, a password',
  'logs/cr-only.log': 'JSON lines separated by lone CRs only',
  'logs/crlf.log': 'JSON lines with CRLF endings and a password',
  'logs/header-only.log.gz': 'gzip cut inside its header',
  'logs/huge-numbers.log': 'JSON lines whose timestamps are 1e999999, 30-digit and beyond-Date-range numbers and strings',
  'logs/invalid-utf8.log': 'lines with invalid UTF-8: lone continuation bytes, overlong forms, surrogates, a sequence cut at the end',
  'logs/k8s-audit-hostile.log': 'Kubernetes audit events with wrong types, impossible times, a 20 kB user name, a password in a request object',
  'logs/mixed-line-endings.log': 'JSON lines ending in LF, CRLF and lone CR in turn, with a GitHub token',
  'logs/proto-keys.log': 'JSON, Docker-wrapped and logfmt lines with __proto__, constructor and prototype keys',
  'logs/truncated.log.gz': 'a gzip of 20,000 JSON lines cut at 60%',
  'logs/utf16be-bom.log': 'JSON lines in UTF-16 BE with a BOM',
  'logs/utf16le-bom.log': 'JSON lines in UTF-16 LE with a BOM',
  'logs/utf8-bom.log': 'JSON lines after a UTF-8 BOM',
  'yaml/alias-cycle.yaml': 'an audit Policy whose anchors contain their own aliases: cyclic data',
  'yaml/billion-laughs.yaml': 'a billion-laughs alias bomb (9 levels of 9 aliases) inside an audit Policy',
  'yaml/crlf.yaml': 'an audit Policy with CRLF endings',
  'yaml/deep-flow-mapping.yaml': 'YAML flow mappings nested 10,000 deep',
  'yaml/deep-flow-sequence.yaml': 'YAML flow sequences nested 10,000 deep',
  'yaml/invalid-utf8.yaml': 'an audit Policy with invalid UTF-8 in comments, names and levels',
  'yaml/many-documents.yaml': '4,000 empty, null and scalar documents around one audit Policy',
  'yaml/merge-key-bomb.yaml': '40 levels of YAML merge keys, each merging the level before twice',
  'yaml/mixed-line-endings.yaml': 'an audit Policy with LF, CRLF and lone CR endings in turn',
  'yaml/syntax-error-canary.yaml': 'an unclosed flow sequence holding a canary: the error must not quote it',
  'yaml/tags.yaml': 'an audit Policy with tags other loaders execute (!!python/object/apply, !!js/function) and !!binary, !!timestamp, !!set, !!omap, !!pairs values',
  'yaml/bad-tagged-scalars.yaml': 'scalars that cannot be what their tag says (!!timestamp 99999999-99-99, !!int 1e999999, !!bool maybe)',
  'yaml/undefined-alias-canary.yaml': 'an alias to a missing anchor named by a canary',
  'yaml/utf16be-bom.yaml': 'an audit Policy in UTF-16 BE with a BOM',
  'yaml/utf16le-bom.yaml': 'an audit Policy in UTF-16 LE with a BOM',
  'yaml/utf8-bom.yaml': 'an audit Policy after a UTF-8 BOM',
};

/** A small seeded generator (mulberry32): the same "random" bytes on every run. */
function seededBytes(seed: number, length: number): Buffer {
  let state = seed >>> 0;
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** Replaces `@@CANARY_<NAME>@@` in bytes, leaving every other byte as it was (latin1 round trip). */
export function plant(bytes: Buffer, canaries: Canaries): Buffer {
  const text = bytes.toString('latin1');
  if (!text.includes('@@CANARY_')) return bytes;
  return Buffer.from(
    text.replace(/@@CANARY_([A-Z_]+?)@@/g, (token, name: string) => ((CANARY_NAMES as readonly string[]).includes(name) ? canaries[name as CanaryName] : token)),
    'latin1',
  );
}

function listCorpus(folder: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listCorpus(join(folder, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

interface Planned extends HostileEntry {
  /** Creates the entry; returns why it could not be, for an entry this system cannot hold. */
  create(root: string): string | undefined | void;
}

/** Modes are set explicitly: an unprivileged scan must be able to read all but what is meant not to be. */
function ensureDir(root: string, folder: string): void {
  const parts = relative(root, folder).split(sep).filter((p) => p !== '');
  let at = root;
  for (const part of parts) {
    at = join(at, part);
    try {
      mkdirSync(at);
      chmodSync(at, 0o755);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function writeFile(root: string, path: string, data: string | Buffer, mode = 0o644): void {
  const full = join(root, path);
  ensureDir(root, dirname(full));
  writeFileSync(full, data);
  chmodSync(full, mode);
}

interface LargeFile {
  head: string;
  /** Repeated (in 1 MiB writes) until the file is nearly `bytes` long. */
  piece: string;
  /** One byte that fills the gap before the tail. */
  pad: string;
  tail: string;
}

/** A file of exactly `bytes` bytes, one line unless its parts hold newlines: head, pieces, padding, tail. */
function writeLarge(root: string, path: string, bytes: number, parts: LargeFile): void {
  const full = join(root, path);
  ensureDir(root, dirname(full));
  const fd = openSync(full, 'w', 0o644);
  try {
    let written = writeSync(fd, parts.head);
    const chunk = Buffer.from(parts.piece.repeat(Math.max(1, Math.floor((1024 * 1024) / Buffer.byteLength(parts.piece)))));
    const end = bytes - Buffer.byteLength(parts.tail);
    while (written + chunk.length <= end) written += writeSync(fd, chunk);
    written += writeSync(fd, Buffer.alloc(Math.max(0, end - written), parts.pad));
    writeSync(fd, parts.tail);
  } finally {
    closeSync(fd);
  }
  chmodSync(full, 0o644);
}

function link(root: string, path: string, target: string): void {
  const full = join(root, path);
  ensureDir(root, dirname(full));
  symlinkSync(target, full);
}

let bombCache: Buffer | undefined;
/** 128 MiB of NUL bytes, gzipped (about 128 kB): made once per process. */
function gzipBomb(): Buffer {
  bombCache ??= gzipSync(Buffer.alloc(128 * 1024 * 1024), { level: 9 });
  return bombCache;
}

function jsonLine(i: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ '@timestamp': `2026-03-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`, 'ecs.version': '8.11', 'event.action': 'login', 'user.name': `u${i}`, ...extra });
}

function plan(options: GenerateOptions, base: string, notes: string[]): Planned[] {
  const { canaries } = options;
  const big = options.bigBytes ?? 100 * 1000 * 1000;
  const entries: Planned[] = [];
  const add = (path: string, what: string, create: Planned['create'], extra: { link?: true } = {}): void => {
    entries.push({ path, what, create, ...extra });
  };

  // The committed corpus, canaries planted.
  for (const rel of listCorpus(options.corpus)) {
    const what = CORPUS[rel] ?? `committed hostile file (${rel.split('/')[0] ?? ''})`;
    add(rel, what, (root) => writeFile(root, rel, plant(readFileSync(join(options.corpus, rel)), canaries)));
  }

  // Large single-line files.
  add('big/huge-line.log', `one line of ${big} bytes, no newline, a password at its head and a GitHub token at its tail`, (root) =>
    writeLarge(root, 'big/huge-line.log', big, {
      head: `{"@timestamp":"2026-03-01T10:00:00Z","message":"login password=${canaries.PASSWORD} `,
      piece: 'a',
      pad: 'a',
      tail: ` token=ghp_${canaries.GITHUB}"}`,
    }),
  );
  const record = (i: number, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ eventVersion: '1.08', eventTime: '2026-03-01T10:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::123456789012:user/u${i % 7}` }, requestParameters: { bucketName: 'audit', key: `k${i}` }, ...extra });
  add('big/huge-document.json', `a CloudTrail document of ${big} bytes on one line, a password in its first record and an AWS secret in its last`, (root) =>
    writeLarge(root, 'big/huge-document.json', big, {
      head: `{"Records":[${record(0, { requestParameters: { password: canaries.PASSWORD } })},`,
      piece: `${record(1)},`,
      // JSON allows spaces between elements.
      pad: ' ',
      tail: `${record(2, { responseElements: { aws_secret_access_key: canaries.AWS_SECRET } })}]}`,
    }),
  );
  add('big/deep-block.yaml', 'block-style YAML nested 3,000 deep (4.5 MB, under the config size limit)', (root) =>
    writeFile(root, 'big/deep-block.yaml', `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k:\n`).join('')}${' '.repeat(3001)}level: None\n`),
  );
  add('big/gzip-bomb.log.gz', 'a gzip bomb: 128 kB that inflate to 128 MiB of NUL bytes on one line', (root) => writeFile(root, 'big/gzip-bomb.log.gz', gzipBomb()));

  // NUL bytes and random binary (seeded).
  add('binary/nul.log', '1 MiB of NUL bytes named as a log', (root) => writeFile(root, 'binary/nul.log', Buffer.alloc(1024 * 1024)));
  add('binary/nul.yaml', '64 KiB of NUL bytes named as YAML', (root) => writeFile(root, 'binary/nul.yaml', Buffer.alloc(64 * 1024)));
  add('binary/nul-after-head.log', '70 kB of JSON lines (past the sniffed head), then 1 MiB of NUL bytes', (root) => {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 70_000; i++) {
      const line = jsonLine(i);
      lines.push(line);
      size += line.length + 1;
    }
    writeFile(root, 'binary/nul-after-head.log', Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.alloc(1024 * 1024), Buffer.from(`\n${jsonLine(9999)}\n`)]));
  });
  for (const [i, name] of ['random.bin', 'random.log', 'random.yaml', 'random.json', 'random.jsonl'].entries()) {
    add(`binary/${name}`, `256 KiB of seeded random bytes named ${name.slice(name.indexOf('.'))}`, (root) => writeFile(root, `binary/${name}`, seededBytes(0x5eed + i, 256 * 1024)));
  }
  add('binary/random-text.log', '256 KiB of seeded random bytes without NUL (so not sniffed as binary), named as a log', (root) =>
    writeFile(root, 'binary/random-text.log', Buffer.from(seededBytes(0xbeef, 256 * 1024).map((b) => (b === 0 ? 0x41 : b)))),
  );
  add('binary/random-no-magic.log.gz', 'random bytes named .log.gz without the gzip magic', (root) => writeFile(root, 'binary/random-no-magic.log.gz', seededBytes(0xface, 64 * 1024)));
  add('binary/random-after-magic.log.gz', 'the gzip magic bytes followed by random bytes', (root) =>
    writeFile(root, 'binary/random-after-magic.log.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03]), seededBytes(0xcafe, 64 * 1024)])),
  );
  for (const name of ['empty.log', 'empty.yaml', 'empty.json', 'empty.log.gz']) add(`binary/${name}`, `an empty file named ${name}`, (root) => writeFile(root, `binary/${name}`, ''));

  // Damaged gzip with canaries.
  const canaryLines = Array.from({ length: 3000 }, (_, i) =>
    jsonLine(i, i % 100 === 0 ? { message: `retry with password=${canaries.PASSWORD} and aws_secret_access_key=${canaries.AWS_SECRET}` } : { message: `event ${i}` }),
  ).join('\n');
  const gz = gzipSync(canaryLines);
  add('gz/truncated-canaries.log.gz', 'a gzip of JSON lines with passwords and AWS secrets, cut at 60%', (root) => writeFile(root, 'gz/truncated-canaries.log.gz', gz.subarray(0, Math.floor(gz.length * 0.6))));
  add('gz/members-then-garbage.log.gz', 'two gzip members, then bytes that are not gzip', (root) =>
    writeFile(root, 'gz/members-then-garbage.log.gz', Buffer.concat([gzipSync(`${jsonLine(1)}\n`), gzipSync(`${jsonLine(2)}\n`), Buffer.from('not gzip at all\n')])),
  );
  const flipped = Buffer.from(gz);
  for (let i = 0; i < 32; i++) {
    const at = Math.floor(flipped.length / 2) + i;
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
  }
  add('gz/corrupt-canaries.log.gz', 'a gzip of JSON lines with canaries, 32 bytes flipped in the middle', (root) => writeFile(root, 'gz/corrupt-canaries.log.gz', flipped));

  // Symbolic links: never followed.
  const outside = join(base, 'outside', 'secret.log');
  add('links/loop', 'a symbolic link to its own folder (a loop)', (root) => link(root, 'links/loop', '.'), { link: true });
  add('links/ping', 'a symbolic link to links/pong, which links back (a cycle)', (root) => link(root, 'links/ping', 'pong'), { link: true });
  add('links/pong', 'a symbolic link to links/ping (the other half of the cycle)', (root) => link(root, 'links/pong', 'ping'), { link: true });
  add('links/outside-absolute.log', 'a symbolic link to a file with a password outside the scan root (absolute)', (root) => link(root, 'links/outside-absolute.log', outside), { link: true });
  add('links/outside-relative.log', 'a symbolic link to the same file outside the root through ../', (root) => link(root, 'links/outside-relative.log', '../../outside/secret.log'), { link: true });
  add('links/filesystem-root', 'a symbolic link to /', (root) => link(root, 'links/filesystem-root', '/'), { link: true });
  add('links/dangling.log', 'a symbolic link to nothing', (root) => link(root, 'links/dangling.log', 'does-not-exist.log'), { link: true });
  add('links/to-fifo.log', 'a symbolic link to the FIFO', (root) => link(root, 'links/to-fifo.log', '../special/fifo.log'), { link: true });
  add('links/to-dev-zero.log', 'a symbolic link to /dev/zero', (root) => link(root, 'links/to-dev-zero.log', '/dev/zero'), { link: true });

  // A FIFO: opening it would block forever.
  // Without operands mkfifo prints its usage and fails; only a missing command is an error here.
  const fifo = spawnSync('mkfifo', [], { encoding: 'utf8' });
  if (fifo.error) notes.push(`mkfifo is not available (${fifo.error.message}): no FIFO in the tree`);
  else {
    add('special/fifo.log', 'a FIFO named as a log (opening it would block)', (root) => {
      ensureDir(root, join(root, 'special'));
      const made = spawnSync('mkfifo', ['-m', '0644', join(root, 'special', 'fifo.log')], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
    });
  }

  // What nobody may read (the scan runs unprivileged, see hostile.test.ts).
  add('perms/unreadable.log', 'a log file with mode 000', (root) => writeFile(root, 'perms/unreadable.log', `${jsonLine(1, { message: `password=${canaries.PASSWORD}` })}\n`, 0o000));
  add('perms/unreadable.yaml', 'an audit Policy with mode 000', (root) => writeFile(root, 'perms/unreadable.yaml', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n', 0o000));
  add('perms/closed/', 'a folder with mode 000 holding a log', (root) => {
    writeFile(root, 'perms/closed/inside.log', `${jsonLine(1)}\n`);
    chmodSync(join(root, 'perms', 'closed'), 0o000);
  });
  add('perms/search-only/', 'a folder with mode 311: entered but not listed', (root) => {
    writeFile(root, 'perms/search-only/inside.log', `${jsonLine(1)}\n`);
    chmodSync(join(root, 'perms', 'search-only'), 0o311);
  });
  add('perms/list-only/', 'a folder with mode 444: listed but not entered', (root) => {
    writeFile(root, 'perms/list-only/inside.log', `${jsonLine(1)}\n`);
    chmodSync(join(root, 'perms', 'list-only'), 0o444);
  });
  // Its file is listed, so it is an entry of its own (that cannot be opened).
  add('perms/list-only/inside.log', 'a file in the folder that is listed but not entered', () => undefined);

  // File names.
  const named = (name: string, what: string, content: string | Buffer = `${jsonLine(1)}\n${jsonLine(2)}\n`): void =>
    add(`names/${name}`, what, (root) => writeFile(root, `names/${name}`, content));
  named('ré\nsumé.log', 'a file name with a newline and non-ASCII letters');
  named('日本語.yaml', 'a CJK file name (an audit Policy)', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
  named('emoji-🚀.log', 'an emoji (astral plane) in a file name');
  named('esc-\u001b[31mred\u0007.log', 'ANSI escape and BEL control characters in a file name');
  named('tab\there.log', 'a tab in a file name');
  named('-rf --help.log', 'a file name that looks like options');
  named(' spaced .log', 'leading and trailing spaces in a file name');
  named('$(touch pwned)`id`.log', 'shell syntax in a file name');
  named('quote"and\'.yaml', 'quotes in a file name (an audit Policy)', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Request\n');
  named('back\\slash.log', 'a backslash in a file name');
  named('<script>alert(1)</script>.log', 'HTML in a file name');
  named('amp&lt;.log', 'an HTML entity in a file name');
  named('\u00e9-nfc.log', 'é precomposed (NFC)');
  named('e\u0301-nfd.log', 'é decomposed (NFD)');
  named('\u202eevil.gol', 'a right-to-left override in a file name');
  named('.hidden.log', 'a hidden file');
  named(`${'long'.repeat(60)}.log`, 'a 244-byte file name');
  // Bytes that are not UTF-8 in a name: Node names the file with U+FFFD and cannot open it by that
  // name. File systems that require UTF-8 names (APFS) refuse it: the entry is then left out.
  const badName = Buffer.concat([Buffer.from('bad-'), Buffer.from([0xff, 0xfe]), Buffer.from('.log')]);
  add(`names/${badName.toString('utf8')}`, 'a file name with bytes that are not UTF-8', (root) => {
    ensureDir(root, join(root, 'names'));
    const full = Buffer.concat([Buffer.from(join(root, 'names') + sep), badName]);
    try {
      writeFileSync(full, `${jsonLine(1)}\n`);
    } catch (error) {
      return `a file name that is not UTF-8 cannot be created here (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    }
    chmodSync(full, 0o644);
    return undefined;
  });
  add('names/deep/' + Array.from({ length: 120 }, () => 'd').join('/') + '/bottom.log', 'a log 120 folders deep', (root) =>
    writeFile(root, 'names/deep/' + Array.from({ length: 120 }, () => 'd').join('/') + '/bottom.log', `${jsonLine(1)}\n`),
  );

  // A .gitignore that leaves out some logs: they are listed as ignored, not dropped.
  add('ignored/.gitignore', 'a .gitignore in the tree (ignores *.log but keep.log)', (root) => writeFile(root, 'ignored/.gitignore', '*.log\n!keep.log\n'));
  add('ignored/dropped.log', 'a log left out by the .gitignore', (root) => writeFile(root, 'ignored/dropped.log', `${jsonLine(1)}\n`));
  add('ignored/keep.log', 'a log the .gitignore re-includes', (root) => writeFile(root, 'ignored/keep.log', `${jsonLine(1)}\n`));
  return entries;
}

/** Creates the hostile tree in a fresh temp folder. */
export function generateHostileTree(options: GenerateOptions): HostileTree {
  const base = mkdtempSync(join(tmpdir(), 'ztmm-hostile-'));
  // mkdtemp makes 0700 folders: an unprivileged scan must reach the tree.
  chmodSync(base, 0o755);
  const root = join(base, 'root');
  mkdirSync(root);
  chmodSync(root, 0o755);
  const notes: string[] = [];
  // The target of the links out of the root: a log with a password that the scan must not read.
  writeFile(base, 'outside/secret.log', `${jsonLine(1, { message: `password=${options.canaries.PASSWORD}` })}\n`);
  const planned = plan(options, base, notes);
  const order = options.order === 'reversed' ? [...planned].reverse() : planned;
  const missing = new Set<Planned>();
  for (const entry of order) {
    const why = entry.create(root);
    if (typeof why === 'string') {
      missing.add(entry);
      notes.push(why);
    }
  }
  return {
    root,
    base,
    entries: planned.filter((e) => !missing.has(e)).map(({ path, what, link: isLink }) => (isLink ? { path, what, link: true as const } : { path, what })),
    notes,
  };
}

/** Removes the tree, restoring the permissions that would stop the removal. */
export function removeHostileTree(tree: HostileTree): void {
  for (const folder of ['closed', 'search-only', 'list-only']) {
    try {
      chmodSync(join(tree.root, 'perms', folder), 0o755);
    } catch {
      // not created
    }
  }
  rmSync(tree.base, { recursive: true, force: true });
}
