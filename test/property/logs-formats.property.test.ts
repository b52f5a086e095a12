/**
 * Properties of the log line readers: every format parser (JSON lines, JSON documents, syslog,
 * CEF, LEEF, access logs, logfmt, auditd, text) and the pipe header, format detection, timestamp
 * classification, unwrapping, secret detection and redaction, and field lookup. Arbitrary lines and
 * mutated real lines never throw; a bad line is a null or a one-line parse error; events keep
 * their documented shape; nothing pollutes a prototype; each call stays within the time bound.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { FORCED_FORMATS, detectFormat, detectLineFormat, parseAnyLine, resolveFormat } from '../../src/logs/detect-format.js';
import { SCHEMA_IDS, detectSchema, fieldReader, fieldValue, fieldValues, valueAtPath } from '../../src/logs/field-aliases.js';
import { createAccessLogParser, looksLikeAccessLog, parseAccessLine } from '../../src/logs/formats/access-log.js';
import { createAuditdParser, looksLikeAuditd } from '../../src/logs/formats/auditd.js';
import { createCefParser, parseCef } from '../../src/logs/formats/cef.js';
import { createJsonDocumentParser, looksLikeJsonDocument } from '../../src/logs/formats/json-document.js';
import type { DocumentOutcome } from '../../src/logs/formats/json-document.js';
import { createJsonlParser, looksLikeJsonLines, parseJsonLine } from '../../src/logs/formats/jsonl.js';
import { createLeefParser, parseLeef } from '../../src/logs/formats/leef.js';
import { createLogfmtParser, looksLikeLogfmt, parseLogfmt } from '../../src/logs/formats/logfmt.js';
import { readPipeHeader } from '../../src/logs/formats/pipe-header.js';
import { authFromSyslog, createSyslogParser, looksLikeSyslog, parseSyslogLine } from '../../src/logs/formats/syslog.js';
import { createTextParser } from '../../src/logs/formats/text.js';
import { LOG_FORMATS } from '../../src/logs/formats/types.js';
import type { LineParser, ParseOutcome, ParsedEvent } from '../../src/logs/formats/types.js';
import { SECRET_KINDS, findSecrets, redact, redactedExcerpt } from '../../src/logs/secrets.js';
import { classifyTimestamp, classifyTimestampGeneral } from '../../src/logs/timestamps.js';
import { unwrapEvent } from '../../src/logs/unwrap.js';
import { SEMANTIC_FIELDS } from '../../src/model/estate.js';
import {
  CANARIES,
  CANARY_LINES,
  KEY,
  SCALAR,
  anyText,
  assertNoPollution,
  assertOneLine,
  containsCanary,
  define,
  fixtureTexts,
  jsonish,
  mutatedText,
  prototypeKeys,
  runs,
  sampleLines,
  timed,
} from './support.js';

const baseline = prototypeKeys();
after(() => assertNoPollution(baseline));

/** Lines from the fixtures' logs and from the format tests: every format, with its awkward corners. */
const LINES = [
  ...sampleLines(fixtureTexts(/(\.log(\.\d+)?|\.jsonl|\.ndjson|\/messages|access_log)$/)),
  'CEF:0|Acme|Gatekeeper|2.4.1|4001|Login blocked|7|src=192.0.2.10 dst=198.51.100.7 spt=51234 suser=alice',
  'CEF:1|Ven\\|dor|C:\\\\Prod|1\\.0|sig|Name with \\| pipe|High|cs1=a\\=b c\\\\d line1\\nline2\\r end cs2=x\\ty',
  '<134>Mar  4 10:11:12 fw01 CEF:0|Acme|FW|9|deny|Denied|3|src=10.1.1.1 cmd=run --opt=1 x\\=y duser=bob',
  'LEEF:1.0|Acme|Mailgate|4.2 SP1|2210|src=192.0.2.5\tdst=203.0.113.9\tsev=5\tusrName=j.doe\tcat=anomaly',
  'LEEF:2.0|Acme|Flow|1.0|41|^|src=10.0.1.8^dst=10.0.0.5^sev=5^msg=a b c',
  'LEEF:2.0|V|P|1|E|0x5E|a=1^b=2',
  'LEEF:2.0|V|P|1|E|||a=1|b=2',
  'Jan 10 08:00:00 qradar-src LEEF:1.0|V|P|1|E|usrName=eve#011src=1.1.1.1',
  '<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][x@1 a="\\"q\\]"] \uFEFF\'su root\' failed for lonvick on /dev/pts/8',
  '<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It\'s time to make the do-nuts.',
  'Mar 14 06:22:04 web-1 sshd[1020]: Accepted publickey for deploy from 198.51.100.7 port 50022 ssh2',
  'Mar 14 06:22:05 web-1 sshd[1021]: Failed password for invalid user admin from 203.0.113.4 port 4242 ssh2',
  'Mar 14 06:22:06 web-1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/cat /etc/shadow',
  '2024-03-05T10:00:00.123456+01:00 host su[88]: pam_unix(su:session): session opened for user root by alice(uid=1000)',
  'time=2024-03-05T10:00:00Z level=info user.name=alice msg="user logged in" src_ip=10.0.0.1',
  'a=1 msg="she said \\"hi\\" \\\\ done\\n" path="C:\\\\tmp" u="\\u00e9t\\u00E9" odd="\\q"',
  'www.example.com:443 10.0.0.1 - - [05/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "ua" "10.0.0.9" rt=0.012',
  '2001:db8::42 - bob [05/Mar/2024:10:00:00 +0000] "GET /a\\"b HTTP/1.1" 200 10',
  'type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=59 success=yes exit=0 auid=1000 uid=0 comm="cat" exe="/usr/bin/cat" key="exec"',
  'type=EXECVE msg=audit(1700000000.123:42): argc=2 a0="cat" a1=2F746D702F6120622E747874',
  'type=PROCTITLE msg=audit(1700000000.123:42): proctitle=636174002F746D702F6120622E747874',
  "type=USER_CMD msg=audit(1700000001.000:7): pid=1 uid=1000 auid=1000 ses=3 msg='cwd=\"/home/u\" cmd=6C73202D6C61 terminal=pts/0 res=success'\u001dUID=\"root\" AUID=\"alice\"",
  'type=EOE msg=audit(1700000000.123:42): ',
  '{"log":"{\\"user\\":\\"bob\\",\\"action\\":\\"login\\"}\\n","stream":"stdout","time":"2024-01-01T00:00:00Z"}',
  '{"category":"kube-audit","properties":{"log":{"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"get"}},"time":"2024-01-01T00:00:00Z"}',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"ts":1705312800}',
];

const line = fc.oneof({ weight: 3, arbitrary: mutatedText(LINES, 4) }, { weight: 2, arbitrary: anyText(300) }, { weight: 1, arbitrary: fc.constantFrom(...LINES) });

const PARSERS: readonly (readonly [string, () => LineParser])[] = [
  ['jsonl', createJsonlParser],
  ['syslog', createSyslogParser],
  ['cef', createCefParser],
  ['leef', createLeefParser],
  ['access-log', createAccessLogParser],
  ['logfmt', createLogfmtParser],
  ['auditd', createAuditdParser],
  ['text', createTextParser],
];

function checkEvent(event: ParsedEvent, label: string): void {
  assert.ok(typeof event.record === 'object' && event.record !== null && !Array.isArray(event.record), `${label}: record`);
  assert.ok(event.schema === null || typeof event.schema === 'string');
  assert.ok((LOG_FORMATS as readonly string[]).includes(event.format), `${label}: format ${event.format}`);
  assert.ok(Number.isInteger(event.line) && event.line >= 1);
}

function checkOutcome(outcome: ParseOutcome, lineNumber: number, label: string): void {
  if (outcome.kind === 'error') {
    assert.equal(outcome.line, lineNumber);
    assertOneLine(outcome.message, label);
    assert.ok(!containsCanary(outcome.message), `${label}: the error quotes the line`);
    return;
  }
  assert.equal(outcome.kind, 'events');
  for (const event of outcome.events) checkEvent(event, label);
}

function isRecordOrNull(value: unknown): boolean {
  return value === null || (typeof value === 'object' && !Array.isArray(value));
}

describe('line parsers', () => {
  test('every parser reads any line: events or a one-line error, never a throw', () => {
    fc.assert(
      fc.property(line, fc.integer({ min: 1, max: 1_000_000 }), (text, lineNumber) => {
        for (const [name, create] of PARSERS) {
          const parser = create();
          checkOutcome(timed(`${name} push`, () => parser.push(text, lineNumber)), lineNumber, name);
          for (const event of parser.end()) checkEvent(event, `${name} end`);
        }
        timed('stateless readers', () => {
          assert.ok(isRecordOrNull(parseCef(text)));
          assert.ok(isRecordOrNull(parseLeef(text)));
          assert.ok(isRecordOrNull(parseLogfmt(text)));
          const syslog = parseSyslogLine(text);
          assert.ok(syslog === null || (isRecordOrNull(syslog.record) && (syslog.format === 'syslog-5424' || syslog.format === 'syslog-3164')));
          const access = parseAccessLine(text);
          assert.ok(access === null || typeof access.record.status === 'number');
          const json = parseJsonLine(text);
          assert.ok('record' in json || ('error' in json && typeof json.error === 'string'));
          for (const looks of [looksLikeAuditd(text), looksLikeLogfmt(text), looksLikeJsonLines(text), looksLikeJsonDocument(text)]) assert.equal(typeof looks, 'boolean');
          assert.ok([null, 'syslog-5424', 'syslog-3164'].includes(looksLikeSyslog(text)));
          assert.ok([null, 'access-combined', 'access-common'].includes(looksLikeAccessLog(text)));
          const auth = authFromSyslog('sshd', text);
          assert.ok(auth === null || typeof auth === 'object');
        });
      }),
      runs(500),
    );
  });

  test('auditd joins any sequence of records without throwing; every record line is accounted for', () => {
    const auditLines = LINES.filter((l) => l.includes('msg=audit('));
    fc.assert(
      fc.property(fc.array(fc.oneof(mutatedText(auditLines, 3), fc.constantFrom(...auditLines), anyText(60)), { maxLength: 40 }), (lines) => {
        const parser = createAuditdParser();
        let events = 0;
        timed('auditd sequence', () => {
          lines.forEach((text, i) => {
            const outcome = parser.push(text, i + 1);
            checkOutcome(outcome, i + 1, 'auditd');
            if (outcome.kind === 'events') events += outcome.events.length;
          });
          const rest = parser.end();
          rest.forEach((e) => checkEvent(e, 'auditd end'));
          events += rest.length;
        });
        assert.ok(events <= lines.length, `${events} events from ${lines.length} lines`);
        assert.deepEqual(parser.end(), [], 'end() empties the parser');
      }),
      runs(300),
    );
  });

  test('the pipe header reads any text from any position', () => {
    fc.assert(
      fc.property(line, fc.nat({ max: 400 }), fc.integer({ min: 0, max: 9 }), (text, from, count) => {
        const header = timed('readPipeHeader', () => readPipeHeader(text, from, count));
        if (header === null) return;
        assert.equal(header.fields.length, count);
        assert.ok(header.end >= Math.min(from, text.length) && header.end <= Math.max(from, text.length));
      }),
      runs(300),
    );
  });
});

describe('JSON documents', () => {
  const record = jsonish(3).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
  const documentText = fc.oneof(
    fc.array(record, { maxLength: 6 }).map((events) => JSON.stringify(events, null, 2)),
    fc.tuple(fc.constantFrom('Records', 'events', 'items', 'logs', 'hits', 'data'), fc.array(record, { maxLength: 6 })).map(([key, events]) => JSON.stringify({ [key]: events })),
    fc.array(record, { minLength: 1, maxLength: 4 }).map((events) => events.map((e) => JSON.stringify(e, null, 1)).join('\n')),
  );
  const text = fc.oneof({ weight: 2, arbitrary: documentText }, { weight: 2, arbitrary: documentText.chain((t) => mutatedText([t], 4)) }, { weight: 1, arbitrary: anyText(400) });

  function readAll(chunks: readonly string[]): DocumentOutcome[] {
    const parser = createJsonDocumentParser();
    const out: DocumentOutcome[] = [];
    for (const chunk of chunks) out.push(...parser.push(chunk));
    out.push(...parser.end());
    return out;
  }

  test('any document reads the same whatever its chunking; outcomes are events or one-line errors', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (doc, cuts) => {
        const whole = timed('json-document (whole)', () => readAll([doc]));
        const points = [...new Set(cuts.map((c) => c % (doc.length + 1)))].sort((a, b) => a - b);
        const chunks = [...points, doc.length].map((end, i) => doc.slice(i === 0 ? 0 : points[i - 1], end));
        const chunked = timed('json-document (chunked)', () => readAll(chunks));
        assert.deepEqual(chunked, whole);
        for (const outcome of whole) {
          if (outcome.kind === 'error') assertOneLine(outcome.message, 'json-document');
          else checkEvent(outcome.event, 'json-document');
        }
      }),
      runs(300),
    );
  });
});

describe('format detection', () => {
  const head = fc.oneof(fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n')), mutatedText(fixtureTexts(/(\.log|\.jsonl|\.ndjson|\/messages|access_log)$/).map((t) => t.slice(0, 8192)), 4));
  test('detectFormat, resolveFormat and parseAnyLine take any head and any line', () => {
    fc.assert(
      fc.property(head, line, (h, l) => {
        timed('detection', () => {
          assert.ok((LOG_FORMATS as readonly string[]).includes(detectFormat(h)));
          for (const forced of FORCED_FORMATS) assert.ok((LOG_FORMATS as readonly string[]).includes(resolveFormat(h, forced)));
          assert.ok((LOG_FORMATS as readonly string[]).includes(detectLineFormat(l)));
          const event = parseAnyLine(l, 7);
          if (event !== null) {
            checkEvent(event, 'parseAnyLine');
            assert.equal(event.line, 7);
          }
        });
      }),
      runs(300),
    );
  });
});

describe('timestamps', () => {
  const d = (n: number, max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
  const rfc3339 = fc
    .tuple(d(4, 9999), d(2, 19), d(2, 39), fc.constantFrom('T', 't', ' ', '_'), d(2, 29), d(2, 69), d(2, 69), fc.option(fc.tuple(fc.constantFrom('.', ','), fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), maxLength: 12 })), { nil: null }), fc.constantFrom('', 'Z', 'z', '+00:00', '-00:00', '+05:30', '-0800', '+01', '+24:00', '+05:61', 'ZZ', ' UTC'))
    .map(([y, mo, da, sep, h, mi, s, fraction, zone]) => `${y}-${mo}-${da}${sep}${h}:${mi}:${s}${fraction ? fraction[0] + fraction[1] : ''}${zone}`);
  const value = fc.oneof(rfc3339, mutatedText(['2024-01-15T10:00:00.123Z', '10/Oct/2000:13:55:36 -0700', 'Oct 11 22:14:15', 'Tue, 10 Oct 2000 13:55:36 GMT', '1705312800', '1705312800123', '/Date(1705312800000)/', '2024-01-15 10:00:00.123 +0000 UTC'], 3), anyText(80), SCALAR, fc.double(), jsonish(1));

  test('classifyTimestamp takes any value; the fast path agrees with the general parser for years 1000-9999', () => {
    fc.assert(
      fc.property(value, (v) => {
        const fast = timed('classifyTimestamp', () => classifyTimestamp(v));
        assert.equal(typeof fast.parseable, 'boolean');
        if (fast.parseable) assert.ok(fast.epochMs === null || Number.isFinite(fast.epochMs), `epochMs ${String(fast.epochMs)}`);
        else assert.deepEqual([fast.withZone, fast.utc, fast.epochMs, fast.precision], [false, false, null, null]);
        // Date.UTC reads years 0-99 as 1900-1999; the fast path does not: years before 1000 are left out.
        if (typeof v === 'string' && !/^\s*0\d{3}/.test(v)) assert.deepEqual(fast, classifyTimestampGeneral(v), JSON.stringify(v));
      }),
      runs(400),
    );
  });
});

describe('unwrapping, secrets and fields', () => {
  const inner = jsonish(3).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v));
  const wrapped = fc.tuple(inner, fc.constantFrom('message', 'log', 'properties.log'), fc.boolean(), fc.option(SCALAR, { nil: undefined })).map(([event, field, asString, time]) => {
    const value = asString ? JSON.stringify(event) : event;
    const out: Record<string, unknown> = field === 'properties.log' ? { properties: { log: value }, category: 'kube-audit' } : { [field]: value, stream: 'stdout' };
    if (time !== undefined) define(out, 'time', time);
    return out;
  });

  test('unwrapEvent returns an object for any record and never pollutes', () => {
    fc.assert(
      fc.property(fc.oneof(wrapped, inner), (record) => {
        const out = timed('unwrapEvent', () => unwrapEvent(record));
        assert.ok(typeof out === 'object' && out !== null && !Array.isArray(out));
        assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
      }),
      runs(300),
    );
  });

  const secretLine = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(line, fc.constantFrom(...CANARY_LINES), line).map(([a, canary, b]) => `${a} ${canary} ${b}`) },
    { weight: 2, arbitrary: line },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('password=', 'Bearer ', 'eyJ', 'AKIA', 'ghp_', 'xoxb-', '-----BEGIN ', '://u:', '4111 1111 ', 'aws_secret_access_key=', 'Authorization: Basic ', '"token":"', 'a', ' '), fc.integer({ min: 100, max: 6000 }))
        .map(([fragment, times]) => fragment.repeat(times).slice(0, 64 * 1024)),
    },
  );

  test('findSecrets and redaction: sorted disjoint hits, planted secrets redacted, excerpts one line', () => {
    fc.assert(
      fc.property(secretLine, (text) => {
        const hits = timed(`findSecrets (${text.length} chars)`, () => findSecrets(text));
        let end = 0;
        for (const hit of hits) {
          assert.ok((SECRET_KINDS as readonly string[]).includes(hit.kind));
          assert.ok(hit.start >= end && hit.end > hit.start && hit.end <= text.length, `hit ${hit.start}-${hit.end} after ${end}`);
          end = hit.end;
        }
        const redacted = timed('redact', () => redact(text, hits));
        for (const canary of CANARIES) if (text.includes(` ${canary} `) || text.includes(`=${canary} `)) assert.ok(!redacted.includes(canary), `planted ${canary.slice(0, 4)}… not redacted`);
        for (const hit of hits.slice(0, 5)) {
          const excerpt = timed('redactedExcerpt', () => redactedExcerpt(text, hit));
          assertOneLine(excerpt, 'excerpt');
          assert.ok(!containsCanary(excerpt), 'an excerpt shows a planted secret');
        }
      }),
      runs(400),
    );
  });

  const segment = fc.oneof(KEY, fc.constantFrom('user', 'name', 'user.name', 'protoPayload', '@type', 'ecs', 'version'));
  const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join('.'));
  const record = fc.oneof(inner, wrapped, fc.constantFrom<Record<string, unknown>>({ 'user.name': 'a', user: { name: 'b' } }, { protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog' } }));

  test('valueAtPath, detectSchema and field readers take any record and path; nothing is read from a prototype', () => {
    fc.assert(
      fc.property(record, path, fc.constantFrom(...SCHEMA_IDS, 'unknown', '__proto__', 'toString'), fc.array(path, { maxLength: 3 }), (rec, p, schema, aliases) => {
        timed('field lookup', () => {
          valueAtPath(rec, p);
          assert.equal(valueAtPath({}, p), undefined, `valueAtPath({}, ${JSON.stringify(p)}) reads an inherited property`);
          assert.ok((SCHEMA_IDS as readonly string[]).includes(detectSchema(rec)));
          assert.equal(fieldValues(rec, schema).length, SEMANTIC_FIELDS.length);
          for (const field of SEMANTIC_FIELDS) fieldValue(rec, schema, field);
          fieldReader({ actor: aliases, target: [p] }).values(rec, schema);
          assert.deepEqual(fieldValues({}, schema).filter((v) => v !== undefined && v !== 'success'), [], 'an empty record has no field values');
        });
      }),
      runs(400),
    );
  });

  test('valueAtPath on long dotted paths stays within the time bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('a', 'user', ''), (segments, name) => {
        const p = Array<string>(segments).fill(name).join('.');
        const rec: Record<string, unknown> = { a: { a: { a: 1 } }, user: 'x', '': { '': 2 } };
        timed(`valueAtPath (${segments} segments)`, () => valueAtPath(rec, p));
      }),
      runs(30),
    );
  });
});
