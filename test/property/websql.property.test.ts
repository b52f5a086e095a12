/**
 * Properties of the PostgreSQL, nginx and Apache httpd readers: on arbitrary text and on mutated
 * real configs (the rule fixtures and the estates) they never throw, always return a well-formed
 * ConfigRead (problems and unknowns with 1-based positions inside the file, facts that are plain
 * data), never pollute prototypes, never claim YAML/JSON names, and finish within the time bound.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { claimsApache, readApache } from '../../src/adapters/apache.js';
import type { ReadContext } from '../../src/adapters/config-adapter.js';
import { NO_INCLUDES } from '../../src/adapters/config-adapter.js';
import { claimsNginx, readNginx } from '../../src/adapters/nginx.js';
import { claimsPostgresql, readPostgresql } from '../../src/adapters/postgresql.js';
import { parseApache } from '../../src/adapters/web/apache-directives.js';
import { parseNginx } from '../../src/adapters/web/nginx-tokens.js';
import { parsePgConf } from '../../src/adapters/web/postgresql-conf.js';
import type { ConfigRead } from '../../src/model/pipeline.js';
import { anyText, assertNoPollution, assertReadShape, fixtureTexts as samples, mutatedText, prototypeKeys, runs, timed } from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

const NGINX = samples(/nginx\.conf$/);
const APACHE = samples(/(httpd|apache2)\/.*\.conf$/);
const POSTGRES = samples(/postgresql\.conf$/);

/** A context whose includes return the same (mutated) text again, to exercise include handling. */
function echoContext(text: string): ReadContext {
  let served = 0;
  return {
    include: () => {
      served += 1;
      return served > 20 ? { files: [], reason: 'enough' } : { files: [{ path: `inc/${served}.conf`, text }], reason: null };
    },
  };
}

function assertWellFormed(read: ConfigRead, path: string, text: string, label: string): void {
  const lines = text.split('\n').length;
  assertReadShape(read, path, lines, label);
  for (const subject of read.subjects) {
    assert.equal(subject.path, path, label);
    // Facts are plain data: they survive a JSON round trip unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(subject.facts)), subject.facts, `${label}: facts are not plain data`);
    for (const location of Object.values(subject.locations)) assert.ok(location.line >= 1 && location.column >= 1, label);
  }
  for (const source of read.sources) assert.ok(source.id.startsWith(`${source.system}:${path}`), label);
}

const READERS = [
  { name: 'nginx', path: 'etc/nginx/nginx.conf', read: readNginx, real: NGINX },
  { name: 'apache', path: 'etc/httpd/conf/httpd.conf', read: readApache, real: APACHE },
  { name: 'apache fragment', path: 'etc/httpd/conf.d/site.conf', read: readApache, real: APACHE },
  { name: 'postgresql', path: 'etc/postgresql/16/main/postgresql.conf', read: readPostgresql, real: POSTGRES },
  { name: 'postgresql fragment', path: 'etc/postgresql/16/main/conf.d/x.conf', read: readPostgresql, real: POSTGRES },
] as const;

describe('web server and PostgreSQL readers never throw and stay well-formed', () => {
  for (const reader of READERS) {
    test(`${reader.name}: arbitrary text`, () => {
      fc.assert(
        fc.property(anyText(2000), (text) => {
          const read = timed(reader.name, () => reader.read({ path: reader.path, text }, NO_INCLUDES));
          assertWellFormed(read, reader.path, text, reader.name);
        }),
        runs(300),
      );
    });
    test(`${reader.name}: mutated real configs, includes echoing the text`, () => {
      fc.assert(
        fc.property(mutatedText(reader.real, 6), fc.boolean(), (text, echo) => {
          const context = echo ? echoContext(text) : NO_INCLUDES;
          const read = timed(reader.name, () => reader.read({ path: reader.path, text }, context));
          assertWellFormed(read, reader.path, text, reader.name);
        }),
        runs(300),
      );
    });
  }
  test('the grammars alone: positions are 1-based and inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(1000), mutatedText([...NGINX, ...APACHE, ...POSTGRES], 4)), (text) => {
        const lines = text.split('\n').length;
        for (const problems of [parseNginx(text, 'x').problems, parseApache(text, 'x').problems, parsePgConf(text).problems]) {
          for (const p of problems) assert.ok(p.line >= 1 && p.line <= lines && p.column >= 1, JSON.stringify(p));
        }
      }),
      runs(400),
    );
  });
  test('claims never throw and never take YAML or JSON names', () => {
    fc.assert(
      fc.property(anyText(400), fc.constantFrom('a.yaml', 'k8s/x.yml', 'x.json', 'etc/nginx/a.json'), (head, path) => {
        assert.equal(claimsNginx(path, head), false);
        assert.equal(claimsApache(path, head), false);
        assert.equal(claimsPostgresql(path, head), false);
      }),
      runs(300),
    );
  });
});
