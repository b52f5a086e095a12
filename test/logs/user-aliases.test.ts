import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { aliasesKey, fieldReader } from '../../src/logs/field-aliases.js';
import type { UserAliases } from '../../src/logs/field-aliases.js';
import { readLog } from '../../src/logs/read-log.js';
import { createBlockPool } from '../../src/logs/worker-pool.js';
import { writeTree } from '../helpers.js';

const ALIASES: UserAliases = { actor: ['who.name'], correlationId: ['x_corr'] };

/** Application JSON whose actor and correlation id sit under names no built-in alias knows. */
function appLine(i: number): string {
  const t = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return JSON.stringify({ ts: t, who: { name: `user-${i % 5}` }, x_corr: `c-${i}`, msg: 'did a thing', pad: 'x'.repeat(60) });
}

function lines(count: number, line: (i: number) => string): string {
  return `${Array.from({ length: count }, (_, i) => line(i)).join('\n')}\n`;
}

const COUNT = 4000;
const root = writeTree({
  'app.log': lines(20, appLine),
  // Large enough to be cut into several blocks with the small split and sample sizes below.
  'big.log': lines(COUNT, appLine),
  // ECS with a user.name on every event and the user's own actor field beside it.
  'ecs.log': lines(6, (i) => JSON.stringify({ '@timestamp': '2026-01-01T00:00:00Z', 'ecs.version': '8.11', user: { name: 'service' }, who: { name: `person-${i}` } })),
  // The same application field written flattened, as some shippers do.
  'flat.log': lines(4, (i) => JSON.stringify({ ts: '2026-01-01T00:00:00Z', 'who.name': `u${i}` })),
  // Outcomes under a name of the user's: plain JSON is classified with it too.
  'outcome.log': lines(4, (i) => JSON.stringify({ ts: '2026-01-01T00:00:00Z', action: 'user.login', res: { state: i % 2 === 0 ? 'failure' : 'success' } })),
});

describe('user aliases: extra field names, tried before the built-in ones', () => {
  test('without aliases the fields are not found; with them every event carries them', async () => {
    const plain = await readLog(join(root, 'app.log'));
    assert.equal(plain.schema, 'generic-json');
    assert.equal(plain.fields.actor, 0);
    assert.equal(plain.fields.correlationId, 0);
    assert.equal(plain.actors.distinct, 0);

    const aliased = await readLog(join(root, 'app.log'), { aliases: ALIASES });
    assert.equal(aliased.fields.actor, 1);
    assert.equal(aliased.fields.correlationId, 1);
    assert.equal(aliased.actors.distinct, 5);
    assert.equal(aliased.correlation.withId, 20);
    assert.equal(aliased.correlation.ids.length, 20);
    // Fields the aliases do not name read as before.
    assert.equal(aliased.fields.timestamp, plain.fields.timestamp);
    assert.equal(aliased.fields.timestamp, 1);
  });

  test('a known schema is read at the user names first, then at its own fields', async () => {
    const plain = await readLog(join(root, 'ecs.log'));
    assert.equal(plain.schema, 'ecs');
    assert.equal(plain.actors.distinct, 1, 'user.name: one service account');
    const aliased = await readLog(join(root, 'ecs.log'), { aliases: { actor: ['who.name'] } });
    assert.equal(aliased.fields.actor, 1);
    assert.equal(aliased.actors.distinct, 6, 'who.name is tried before user.name');
  });

  test('dotted names match nested objects and flattened keys', async () => {
    const s = await readLog(join(root, 'flat.log'), { aliases: { actor: ['who.name'] } });
    assert.equal(s.fields.actor, 1);
    assert.equal(s.actors.distinct, 4);
  });

  test("plain JSON's outcome is also classified at the user's outcome names", async () => {
    const plain = await readLog(join(root, 'outcome.log'));
    assert.deepEqual(plain.outcomes, { success: 0, failure: 0, unknown: 4 });
    const aliased = await readLog(join(root, 'outcome.log'), { aliases: { outcome: ['res.state'] } });
    assert.equal(aliased.fields.outcome, 1);
    assert.deepEqual(aliased.outcomes, { success: 2, failure: 2, unknown: 0 });
    assert.equal(aliased.categories.authentication.events, 4);
    assert.equal(aliased.categories.authentication.outcomeKnown, 1);
  });

  test('readers are compiled once per set of aliases and ignore empty lists', () => {
    assert.equal(fieldReader({ actor: ['who.name'] }), fieldReader({ actor: ['who.name'] }));
    assert.equal(fieldReader({}), fieldReader());
    assert.equal(fieldReader({ actor: [] }), fieldReader());
    assert.equal(aliasesKey({ actor: [] }), '');
    assert.notEqual(fieldReader({ actor: ['a'] }), fieldReader({ actor: ['b'] }));
  });

  test('on two worker threads, a file split into blocks reads the aliases as one read here does', async () => {
    const here = await readLog(join(root, 'big.log'), { full: true, aliases: ALIASES });
    assert.equal(here.events, COUNT);
    assert.equal(here.fields.actor, 1);
    assert.equal(here.fields.correlationId, 1);
    const pool = createBlockPool(2);
    try {
      const without = await readLog(join(root, 'big.log'), { full: true, pool, minSplitBytes: 64 * 1024 });
      assert.equal(without.fields.actor, 0);
      assert.equal(without.fields.correlationId, 0);

      const split = await readLog(join(root, 'big.log'), { full: true, pool, minSplitBytes: 64 * 1024, aliases: ALIASES });
      assert.equal(split.sampling.sampled, false);
      assert.equal(split.events, COUNT);
      assert.equal(split.fields.actor, 1);
      assert.equal(split.fields.correlationId, 1);
      for (const key of ['lines', 'events', 'fields', 'actors', 'correlation', 'outcomes', 'categories', 'timestamps'] as const) {
        assert.deepEqual(split[key], here[key], key);
      }

      // Sampled blocks, read on the workers.
      const sampled = await readLog(join(root, 'big.log'), { pool, sampleBytes: 128 * 1024, aliases: ALIASES });
      assert.equal(sampled.sampling.sampled, true);
      assert.ok(sampled.events > 0 && sampled.events < COUNT, `${sampled.events} events`);
      assert.equal(sampled.fields.actor, 1);
      assert.equal(sampled.fields.correlationId, 1);
      const sampledHere = await readLog(join(root, 'big.log'), { sampleBytes: 128 * 1024, aliases: ALIASES });
      assert.deepEqual(sampled, sampledHere);

      // A small file, read whole by one worker.
      const whole = await readLog(join(root, 'app.log'), { pool, aliases: ALIASES });
      assert.equal(whole.fields.actor, 1);
      assert.equal(whole.fields.correlationId, 1);
    } finally {
      await pool.close();
    }
  });
});
