import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyTimestamp } from '../../src/logs/timestamps.js';

type Expected = 'utc' | 'offset' | 'no-zone' | 'invalid';

const EXPECTED: Record<Expected, { parseable: boolean; withZone: boolean; utc: boolean }> = {
  utc: { parseable: true, withZone: true, utc: true },
  offset: { parseable: true, withZone: true, utc: false },
  'no-zone': { parseable: true, withZone: false, utc: false },
  invalid: { parseable: false, withZone: false, utc: false },
};

const TABLE: ReadonlyArray<readonly [unknown, Expected]> = [
  // RFC 3339 / ISO 8601
  ['2025-03-04T06:22:18.819232Z', 'utc'],
  ['2024-11-19T00:49:55.293368631Z', 'utc'],
  ['2019-10-18T09:45:48.0729893Z', 'utc'],
  ['2014-07-16T15:49:27Z', 'utc'],
  ['2014-07-16t15:49:27z', 'utc'],
  ['2014-07-16 15:49:27Z', 'utc'],
  ['2014-07-16T15:49Z', 'utc'],
  ['2014-07-16T15:49:27,5Z', 'utc'],
  ['2014-07-16T15:49:27+00:00', 'utc'],
  ['2014-07-16T15:49:27-00:00', 'utc'],
  ['2014-07-16T15:49:27+0000', 'utc'],
  ['2019-10-18T04:45:48.0729893-05:00', 'offset'],
  ['2019-10-18T04:45:48+0530', 'offset'],
  ['2019-10-18T04:45:48+05', 'offset'],
  ['2019-10-18T04:45:48', 'no-zone'],
  ['2019-10-18 04:45:48.123', 'no-zone'],
  ['  2014-07-16T15:49:27Z  ', 'utc'],
  ['2016-12-31T23:59:60Z', 'utc'], // leap second
  ['2024-02-29T00:00:00Z', 'utc'], // leap year
  ['2023-02-29T00:00:00Z', 'invalid'],
  ['2000-02-29T00:00:00Z', 'utc'],
  ['1900-02-29T00:00:00Z', 'invalid'],
  ['2024-04-31T00:00:00Z', 'invalid'],
  ['2024-13-01T00:00:00Z', 'invalid'],
  ['2024-00-10T00:00:00Z', 'invalid'],
  ['2024-01-00T00:00:00Z', 'invalid'],
  ['2024-01-01T24:00:00Z', 'invalid'],
  ['2024-01-01T10:60:00Z', 'invalid'],
  ['2022-10-24T21:16:62.827288935Z', 'invalid'], // seconds 62 (as in the 1Password sample)
  ['2024-01-01T10:00:00+25:00', 'invalid'],
  ['2024-01-01T10:00:00+05:60', 'invalid'],
  ['2024-01-01', 'invalid'], // a date is not a timestamp
  ['2024-01-01T', 'invalid'],
  ['2024-1-1T10:00:00Z', 'invalid'],
  ['2024-01-01T10:00:00 Z', 'invalid'],
  // epoch numbers
  [1583364251067, 'utc'], // ms (GitHub created_at)
  [1638303588, 'utc'], // s
  [1638303588.5, 'utc'],
  [1638303588000000, 'utc'], // µs
  [1638303588000000000, 'utc'], // ns
  [946684800, 'utc'], // 2000-01-01
  [946684799, 'invalid'], // just before 2000
  [4102444799, 'utc'], // last second before 2100
  [4102444800, 'invalid'],
  [0, 'invalid'],
  [-1638303588, 'invalid'],
  [2024, 'invalid'],
  [Number.NaN, 'invalid'],
  [Number.POSITIVE_INFINITY, 'invalid'],
  // epoch strings
  ['1638303588', 'utc'],
  ['1638303588000000000', 'utc'],
  ['1583364251067', 'utc'],
  ['1638303588.123', 'utc'],
  ['20240101', 'invalid'],
  ['-1638303588', 'invalid'],
  // access log
  ['10/Oct/2000:13:55:36 -0700', 'offset'],
  ['[25/Oct/2016:14:49:33 +0200]', 'offset'],
  ['25/Oct/2016:14:49:33 +0000', 'utc'],
  ['25/Oct/2016:14:49:33', 'no-zone'],
  ['31/Nov/2016:14:49:33 +0200', 'invalid'],
  ['10/Foo/2000:13:55:36 -0700', 'invalid'],
  ['10/Oct/2000:25:55:36 -0700', 'invalid'],
  // RFC 3164
  ['Oct 11 22:14:15', 'no-zone'],
  ['Oct  1 22:14:15', 'no-zone'],
  ['Feb 29 01:02:03', 'no-zone'],
  ['Feb 30 01:02:03', 'invalid'],
  ['Oct 32 22:14:15', 'invalid'],
  ['Oct 11 22:61:15', 'invalid'],
  ['Okt 11 22:14:15', 'invalid'],
  // RFC 1123 / 2822
  ['Tue, 10 Oct 2000 13:55:36 GMT', 'utc'],
  ['10 Oct 2000 13:55:36 +0200', 'offset'],
  ['Tue, 10 Oct 2000 13:55:36 +0000', 'utc'],
  ['Tue, 31 Apr 2000 13:55:36 GMT', 'invalid'],
  // not timestamps
  ['', 'invalid'],
  ['   ', 'invalid'],
  ['yesterday', 'invalid'],
  ['2024-01-01T10:00:00Z trailing', 'invalid'],
  [null, 'invalid'],
  [undefined, 'invalid'],
  [true, 'invalid'],
  [{ seconds: 1638303588 }, 'invalid'],
  [['2014-07-16T15:49:27Z'], 'invalid'],
];

describe('classifyTimestamp', () => {
  for (const [value, expected] of TABLE) {
    const label = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
    it(`${label} is ${expected}`, () => {
      const { parseable, withZone, utc } = classifyTimestamp(value);
      assert.deepEqual({ parseable, withZone, utc }, EXPECTED[expected]);
    });
  }

  it('returns a fresh object each time', () => {
    const first = classifyTimestamp('2014-07-16T15:49:27Z');
    first.utc = false;
    assert.equal(classifyTimestamp('2014-07-16T15:49:27Z').utc, true);
  });
});

describe('other spellings of instants', () => {
  it('PostgreSQL jsonlog, Go default, .NET JSON dates, journald microseconds', () => {
    const pg = classifyTimestamp('2024-01-15 10:00:00.123 UTC');
    assert.deepEqual([pg.parseable, pg.utc, pg.epochMs], [true, true, Date.UTC(2024, 0, 15, 10, 0, 0, 123)]);
    const go = classifyTimestamp('2024-01-15 10:00:00.5 +0100 CET');
    assert.deepEqual([go.parseable, go.withZone, go.utc, go.epochMs], [true, true, false, Date.UTC(2024, 0, 15, 9, 0, 0, 500)]);
    const net = classifyTimestamp('/Date(1705312800000)/');
    assert.deepEqual([net.utc, net.epochMs], [true, 1705312800000]);
    const journald = classifyTimestamp('1705312800123456');
    assert.deepEqual([journald.utc, journald.precision], [true, 6]);
    assert.equal(classifyTimestamp('2024-01-15 10:00:00 XYZW1').parseable, false);
  });
});

describe('the fast RFC 3339 path agrees with the general parser', () => {
  it('on thousands of generated timestamps, valid and not', async () => {
    const { classifyTimestampGeneral } = await import('../../src/logs/timestamps.js');
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    for (let i = 0; i < 5000; i++) {
      const date = `${pad(1990 + rand(120), 4)}-${pad(rand(14))}-${pad(rand(33))}`;
      const time = `${pad(rand(26))}:${pad(rand(61))}:${pad(rand(62))}`;
      const fraction = ['', '.1', '.123', '.123456', '.123456789', ',5', '.'][rand(7)];
      const zone = ['', 'Z', 'z', '+00:00', '-05:30', '+0200', '+02', '-24:00', '+05:3', 'Zx'][rand(10)];
      const sep = ['T', ' ', 't', '_'][rand(4)];
      const text = `${date}${sep}${time}${fraction}${zone}`;
      assert.deepEqual(classifyTimestamp(text), classifyTimestampGeneral(text), text);
    }
  });
});
