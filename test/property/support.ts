/**
 * Shared pieces of the property tests (issue 8): a fixed seed, the time bound of one parse,
 * prototype-pollution checks, secret-looking canaries, real samples from the fixtures and the
 * mutations applied to them (flipped and inserted characters, truncation, duplicated lines, NUL,
 * CR, lone surrogates, invalid UTF-8, deep nesting, huge numbers, `__proto__` keys, gzip).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { ZtmmError } from '../../src/errors.js';
import type { ConfigRead } from '../../src/model/pipeline.js';

/** The repository root (compiled tests live in build/test/property/). */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Every property runs from this seed, so a run is deterministic and a failure reproducible. */
export const SEED = 42;

export function runs(numRuns: number): { seed: number; numRuns: number; includeErrorInReport: boolean } {
  return { seed: SEED, numRuns, includeErrorInReport: true };
}

/** Inputs are kept at or below this size; one parse of such an input must finish within PARSE_BUDGET_MS. */
export const MAX_INPUT_CHARS = 64 * 1024;
export const PARSE_BUDGET_MS = 2000;

/** Runs one parse and asserts it finished within the budget. */
export function timed<T>(label: string, run: () => T): T {
  const start = performance.now();
  const out = run();
  const ms = performance.now() - start;
  assert.ok(ms < PARSE_BUDGET_MS, `${label} took ${ms.toFixed(0)} ms (budget ${PARSE_BUDGET_MS} ms)`);
  return out;
}

export async function timedAsync<T>(label: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const out = await run();
  const ms = performance.now() - start;
  assert.ok(ms < PARSE_BUDGET_MS, `${label} took ${ms.toFixed(0)} ms (budget ${PARSE_BUDGET_MS} ms)`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Prototype pollution

const PROTOTYPES: readonly object[] = [Object.prototype, Array.prototype, String.prototype, Function.prototype, Number.prototype];

/** The own keys of the built-in prototypes, to compare before and after the runs. */
export function prototypeKeys(): string[] {
  return PROTOTYPES.map((proto) => Reflect.ownKeys(proto).map(String).sort().join(','));
}

export function assertNoPollution(before: readonly string[]): void {
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype.polluted was set');
  assert.equal(([] as unknown as Record<string, unknown>)['polluted'], undefined, 'Array.prototype.polluted was set');
  assert.deepEqual(prototypeKeys(), before, 'a built-in prototype gained or lost keys');
}

// ---------------------------------------------------------------------------------------------
// Canaries and error shape

/** A GitHub token shape and a password: secret-looking values no message may quote. */
export const CANARY_TOKEN = 'ghp_4gaSMyqces2QkkwcsCK4S8SEIAmmGQiwcS8k';
export const CANARY_PASSWORD = 'Cn4ry-pw-7Lx2qZ9';
export const CANARIES: readonly string[] = [CANARY_TOKEN, CANARY_PASSWORD];

/** Where a canary is planted in a line of text (config values, comments, log fields). */
export const CANARY_LINES: readonly string[] = [
  `# token: ${CANARY_TOKEN}`,
  `password=${CANARY_PASSWORD}`,
  `token=${CANARY_TOKEN}`,
  `Authorization: Bearer ${CANARY_TOKEN}`,
  `{"password": "${CANARY_PASSWORD}", "token": "${CANARY_TOKEN}"}`,
  `msg="login" password="${CANARY_PASSWORD}"`,
];

export function containsCanary(text: string): boolean {
  return CANARIES.some((canary) => text.includes(canary));
}

export function describeThrown(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message.split('\n')[0] ?? ''}` : String(error);
}

export function assertOneLine(message: string, label: string): void {
  assert.ok(!/[\r\n\u2028\u2029]/.test(message), `${label}: message is not one line: ${JSON.stringify(message.slice(0, 200))}`);
}

/** The thrown error is a ZtmmError with a one-line message that quotes no canary. */
export function assertZtmmError(error: unknown, label: string): asserts error is ZtmmError {
  assert.ok(error instanceof ZtmmError, `${label}: expected a ZtmmError, got ${describeThrown(error)}`);
  assertOneLine(error.message, label);
  assert.ok(!containsCanary(error.message), `${label}: the message quotes a secret: ${error.message.slice(0, 200)}`);
}

/** Runs a loader that may only throw ZtmmError; returns its value or the error. */
export function onlyZtmmError<T>(label: string, run: () => T): { value: T } | { error: ZtmmError } {
  try {
    return { value: run() };
  } catch (error) {
    assertZtmmError(error, label);
    return { error };
  }
}

// ---------------------------------------------------------------------------------------------
// Real samples

export interface Sample {
  /** Posix path relative to the repository root. */
  path: string;
  text: string;
}

let fixtureCache: Sample[] | undefined;

/** Every text file under fixtures/ (the first MAX_INPUT_CHARS characters of each). */
export function fixtureFiles(): Sample[] {
  if (fixtureCache) return fixtureCache;
  const out: Sample[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ path: relative(REPO, full).split(sep).join('/'), text: readFileSync(full, 'utf8').slice(0, MAX_INPUT_CHARS) });
    }
  };
  walk(join(REPO, 'fixtures'));
  fixtureCache = out;
  return out;
}

export function fixtureTexts(match: RegExp): string[] {
  const texts = fixtureFiles()
    .filter((f) => match.test(f.path))
    .map((f) => f.text);
  assert.ok(texts.length > 0, `no fixture matches ${String(match)}`);
  return texts;
}

/**
 * The shape every ConfigRead has: its lists, `fatal` only with a problem, and problems and
 * unknowns at 1-based positions (in `path`, no further than line `lines`).
 */
export function assertReadShape(read: ConfigRead, path: string, lines: number, label: string): void {
  assert.equal(typeof read.kind, 'string', label);
  assert.equal(typeof read.fatal, 'boolean', label);
  for (const list of [read.subjects, read.sources, read.pipelines, read.policies, read.attachments, read.rotations, read.unknowns, read.problems, read.includes]) {
    assert.ok(Array.isArray(list), label);
  }
  if (read.fatal) assert.ok(read.problems.length > 0, `${label}: fatal without a problem`);
  for (const entry of [...read.problems, ...read.unknowns]) {
    assert.ok(Number.isInteger(entry.at.line) && entry.at.line >= 1, `${label}: line ${entry.at.line}`);
    assert.ok(Number.isInteger(entry.at.column) && entry.at.column >= 1, `${label}: column ${entry.at.column}`);
    if (entry.at.path === path) assert.ok(entry.at.line <= lines, `${label}: line ${entry.at.line} beyond ${lines}`);
  }
}

export function repoText(path: string): string {
  return readFileSync(join(REPO, path), 'utf8');
}

/** Distinct non-blank lines of the texts, at most `max` of them, spread over the texts. */
export function sampleLines(texts: readonly string[], perText = 12): string[] {
  const lines = new Set<string>();
  for (const text of texts) {
    const own = text.split('\n').filter((l) => l.trim() !== '');
    const step = Math.max(1, Math.floor(own.length / perText));
    for (let i = 0; i < own.length && i / step < perText; i += step) lines.add((own[i] ?? '').slice(0, 4096));
  }
  return [...lines];
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Characters and fragments that break parsers: control characters, quotes, brackets, prototype keys, huge numbers, other formats' starts. */
export const SPECIALS: readonly string[] = [
  '\u0000', '\r', '\r\n', '\n', '\t', '\u000b', '\u001d', '\u001b[31m', '\uFEFF', '\uD800', '\uDC00', '\uFFFD', '\u2028', '\u202e', '\u00e9', '\u{1F600}',
  '\\', '"', "'", '`', '{', '}', '[', ']', '(', ')', '<', '>', ':', ': ', '- ', '? ', '#', '|', '||', '=', '&', '*', '!', '%', '@', ',', ';', ' ', '  ', '-',
  '__proto__', 'constructor', 'prototype', '"__proto__": {"polluted": true}, ', '__proto__: {polluted: true}\n', '__proto__=polluted ', '{"__proto__":{"polluted":1}}',
  '9'.repeat(400), '1e400', '-1e-400', '0x1F', '0o17', '1_000', 'NaN', '.inf', '-0', '9007199254740993',
  '&a [*a]', '*a', '&a ', '!!binary ', '!!js/function ', '!<tag:x> ', '<<: *a', '---\n', '...\n', '%YAML 1.2\n', '%TAG ! x\n',
  'CEF:0|', 'LEEF:2.0|', '<134>', '<34>1 ', 'Mar  4 10:11:12 ', 'type=SYSCALL msg=audit(1.1:1): ', 'node=x ', 'msg=\'', '\\x09', '#011',
  'password=', 'Bearer ', 'eyJ', 'AKIA', 'ghp_', 'xoxb-', '-----BEGIN ', '://', '\\u0000', '\\ud800', '%00', '\\"', '\\\\',
  'ztmm:ignore ', '# ztmm:ignore COV-001 because\n', '2024-01-15T10:00:00.000Z', '1705312800', '/Date(1705312800000)/',
];

/** Random text: any UTF-16 (lone surrogates included), ASCII, or runs of the special fragments. */
export function anyText(maxLength = 300): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme-ascii', maxLength }),
    fc.array(fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ unit: 'grapheme-ascii', maxLength: 4 })), { maxLength: Math.max(1, Math.floor(maxLength / 4)) }).map((parts) => parts.join('')),
  );
}

export type Mutation =
  | { op: 'flip'; at: number; char: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate-line'; at: number; times: number }
  | { op: 'swap-lines'; a: number; b: number }
  | { op: 'nest'; at: number; open: string; close: string; depth: number }
  | { op: 'repeat-slice'; at: number; length: number; times: number };

const NESTINGS: readonly (readonly [string, string])[] = [
  ['[', ']'],
  ['{', '}'],
  ['{"a":', '}'],
  ['a:\n', ''],
  ['- ', ''],
  ['[{"k":[', ']}]'],
  ['(', ')'],
  ['"', '"'],
];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), char: fc.oneof(fc.constantFrom(...SPECIALS.filter((s) => s.length <= 2)), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ unit: 'binary', maxLength: 8 })) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat(), times: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.tuple(fc.nat(), fc.constantFrom(...NESTINGS), fc.integer({ min: 1, max: 400 })).map(([at, [open, close], depth]): Mutation => ({ op: 'nest', at, open, close, depth })),
  fc.record({ op: fc.constant('repeat-slice' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 32 }), times: fc.integer({ min: 2, max: 200 }) }),
);

export function applyMutation(text: string, m: Mutation): string {
  const pos = (at: number): number => at % (text.length + 1);
  switch (m.op) {
    case 'flip': {
      const at = pos(m.at);
      return text.slice(0, at) + m.char + text.slice(at + 1);
    }
    case 'insert': {
      const at = pos(m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      const at = pos(m.at);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'duplicate-line':
    case 'swap-lines': {
      const lines = text.split('\n');
      if (m.op === 'duplicate-line') {
        const at = m.at % lines.length;
        lines.splice(at, 0, ...Array<string>(m.times).fill(lines[at] ?? ''));
      } else {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      }
      return lines.join('\n');
    }
    case 'nest': {
      const at = pos(m.at);
      return text.slice(0, at) + m.open.repeat(m.depth) + text.slice(at) + m.close.repeat(m.depth);
    }
    case 'repeat-slice': {
      const at = pos(m.at);
      const slice = text.slice(at, at + m.length);
      return text.slice(0, at) + slice.repeat(m.times) + text.slice(at);
    }
  }
}

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) out = applyMutation(out, m).slice(0, MAX_INPUT_CHARS);
  return out;
}

/** A real sample with up to `max` mutations applied. */
export function mutatedText(samples: readonly string[], max = 5): fc.Arbitrary<string> {
  assert.ok(samples.length > 0, 'no samples to mutate');
  return fc.tuple(fc.constantFrom(...samples), fc.array(mutation, { maxLength: max })).map(([sample, mutations]) => mutate(sample, mutations));
}

/** Plants a canary line at a line boundary of the text. */
export function withCanary(): fc.Arbitrary<(text: string) => string> {
  return fc.tuple(fc.nat(), fc.constantFrom(...CANARY_LINES)).map(([at, line]) => (text: string): string => {
    const lines = text.split('\n');
    lines.splice(at % (lines.length + 1), 0, line);
    return lines.join('\n');
  });
}

// Bytes (files)

export type ByteMutation = { op: 'flip'; at: number; bit: number } | { op: 'insert'; at: number; bytes: readonly number[] } | { op: 'truncate'; at: number };

/** Invalid or awkward UTF-8: a lone continuation byte, overlongs, a UTF-16 surrogate, cut sequences, NUL, CR, a BOM. */
const BAD_BYTES: readonly (readonly number[])[] = [[0xff], [0x80], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x00], [0x0d], [0x0d, 0x0a], [0xef, 0xbb, 0xbf], [0x1f, 0x8b]];

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.constantFrom(...BAD_BYTES), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 })) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutateBytes(bytes: Buffer, mutations: readonly ByteMutation[]): Buffer {
  let out = bytes;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.op === 'flip') {
      if (out.length === 0) continue;
      const copy = Buffer.from(out);
      const i = m.at % copy.length;
      copy[i] = (copy[i] ?? 0) ^ (1 << m.bit);
      out = copy;
    } else if (m.op === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
    else out = out.subarray(0, at);
  }
  return out;
}

export type Packing = 'plain' | 'gzip' | 'gzip-damaged' | 'gzip-magic';

/**
 * File contents: a mutated real sample (or random bytes) as UTF-8 with byte mutations, then as is,
 * gzipped, gzipped and damaged (bits flipped, cut), or behind the gzip magic bytes only.
 */
export function fileBytes(samples: readonly string[]): fc.Arbitrary<{ bytes: Buffer; packing: Packing }> {
  const content = fc.oneof(
    { weight: 3, arbitrary: mutatedText(samples).map((t) => Buffer.from(t, 'utf8')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)) },
  );
  return fc
    .tuple(content, fc.array(byteMutation, { maxLength: 4 }), fc.constantFrom<Packing>('plain', 'plain', 'gzip', 'gzip-damaged', 'gzip-magic'), fc.array(byteMutation, { minLength: 1, maxLength: 3 }))
    .map(([raw, mutations, packing, damage]) => {
      const bytes = mutateBytes(raw, mutations);
      if (packing === 'plain') return { bytes, packing };
      if (packing === 'gzip-magic') return { bytes: Buffer.concat([Buffer.from([0x1f, 0x8b]), bytes]), packing };
      const gz = gzipSync(bytes);
      // Damage past the 2 magic bytes, so the file still looks compressed.
      const damaged = packing === 'gzip' ? gz : Buffer.concat([gz.subarray(0, 2), mutateBytes(gz.subarray(2), damage)]);
      return { bytes: damaged, packing };
    });
}

// Structured values

/** Keys that matter to parsers and prototypes, besides random ones. */
export const KEY = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'length', '0', '', 'a.b', 'polluted', 'key\nwith a newline', 'a\r\nb', 'x\u2028y', '\u001b[2J') },
);

/** Scalars that break code: huge and special numbers, long and control-character strings. */
export const SCALAR: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, '', ' ', '\u0000', '\uD800', 'x'.repeat(5000), '9'.repeat(400), '__proto__', CANARY_TOKEN),
  fc.double(),
  fc.integer(),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Own data property, even for `__proto__` (as JSON.parse and the YAML parser make them). */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON-like values with awkward keys and scalars, nested up to `maxDepth`. */
export function jsonish(maxDepth = 4): fc.Arbitrary<unknown> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { maxDepth, withCrossShrink: true },
      SCALAR,
      fc.array(tie('value'), { maxLength: 5 }),
      fc.array(fc.tuple(KEY, tie('value')), { maxLength: 5 }).map((entries) => {
        const out: Record<string, unknown> = {};
        for (const [key, v] of entries) define(out, key, v);
        return out;
      }),
    ),
  }));
  return fc.oneof(value, fc.jsonValue({ maxDepth }));
}

// ---------------------------------------------------------------------------------------------
// Structural edits of JSON values (a valid result, a valid rule pack)

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One change to a JSON value: at the node `target` picks (any node of the document, uniformly). */
export interface Edit {
  target: number;
  /** `add-key-to-map` adds to an object of counts (`formats`, `schemas`), whose keys the schema leaves open. */
  action: 'replace' | 'delete' | 'add-key' | 'add-key-to-map' | 'duplicate';
  key: string;
  value: unknown;
}

export const edit: fc.Arbitrary<Edit> = fc.record({
  target: fc.nat(),
  action: fc.constantFrom('replace', 'replace', 'delete', 'add-key', 'add-key-to-map', 'duplicate'),
  key: fc.oneof(KEY, fc.constantFrom('key\nwith a newline', 'a\r\nb', 'x\u2028y', '/~0~1', '\u001b[2J')),
  value: fc.oneof(SCALAR, jsonish(2), fc.constantFrom(CANARY_TOKEN, `password=${CANARY_PASSWORD}`)),
});

/** Paths of every node of a JSON value, the root included. */
export function nodePaths(value: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) nodePaths(v, [...path, k], out);
  return out;
}

/** Paths of the objects whose values are all numbers: maps of counts. */
export function mapPaths(value: Json): (string | number)[][] {
  return nodePaths(value).filter((path) => {
    let node: Json = value;
    for (const step of path) node = (node as Record<string, Json>)[step] ?? null;
    return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length > 0 && Object.values(node).every((v) => typeof v === 'number');
  });
}

export function applyEdit(root: Json, paths: readonly (string | number)[][], maps: readonly (string | number)[][], e: Edit): Json {
  const copy = JSON.parse(JSON.stringify(root)) as Json;
  let parent: Json = null;
  let at: string | number | null = null;
  let node: Json = copy;
  const targets = e.action === 'add-key-to-map' && maps.length > 0 ? maps : paths;
  // Earlier edits may have removed part of the path: it is followed as far as it goes.
  for (const step of targets[e.target % targets.length] ?? []) {
    if (Array.isArray(node) && typeof step === 'number' && step < node.length) [parent, at, node] = [node, step, node[step] ?? null];
    else if (typeof node === 'object' && node !== null && !Array.isArray(node) && typeof step === 'string' && Object.hasOwn(node, step)) {
      const object: { [key: string]: Json } = node;
      [parent, at, node] = [object, step, object[step] ?? null];
    } else break;
  }
  // A result's version is quoted when it is not "1": it is not replaced by a secret-looking value.
  const value = (at === 'schemaVersion' && parent === copy ? 2 : e.value) as Json;
  if ((e.action === 'add-key' || e.action === 'add-key-to-map') && typeof node === 'object' && node !== null && !Array.isArray(node)) define(node, e.key, value);
  else if (parent === null || at === null) return e.action === 'replace' ? value : copy;
  else if (Array.isArray(parent) && typeof at === 'number') {
    if (e.action === 'delete') parent.splice(at, 1);
    else if (e.action === 'duplicate') parent.splice(at, 0, node);
    else parent[at] = value;
  } else if (typeof parent === 'object' && !Array.isArray(parent) && typeof at === 'string') {
    if (e.action === 'delete') delete parent[at];
    else parent[at] = e.action === 'duplicate' ? [node, node] : value;
  }
  return copy;
}
