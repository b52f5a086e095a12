/** Inline `ztmm:ignore` comments: where they are, what they cover, and how they waive (pure). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applySuppressions, findSuppressions, noReasonProblem } from '../../src/assess/suppressions.js';
import type { InlineSuppression } from '../../src/assess/suppressions.js';
import type { Finding } from '../../src/model/result.js';
import type { Outcome } from '../../src/model/vocabulary.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const ranges = (found: InlineSuppression[]): [string, number, number, number][] => found.map((s) => [s.rule, s.line, s.from, s.to]);

describe('findSuppressions', () => {
  test('no comment, no suppression; a mention outside a comment is not one', () => {
    assert.deepEqual(findSuppressions('a.yaml', 'kind: Policy\n'), []);
    assert.deepEqual(findSuppressions('a.yaml', 'note: "see ztmm:ignore COV-006 docs"\n'), []);
    assert.deepEqual(findSuppressions('a.tf', 'url = "http://ztmm:ignore"\n'), []);
  });

  test('YAML: a comment on its own line covers the next list item and everything indented under it', () => {
    const text = lines(
      'rules:', //                                         1
      '  # Silenced during an upgrade.', //                 2
      '  # ztmm:ignore COV-006 restored in OPS-42', //      3
      '', //                                                4
      '  - level: None', //                                 5
      '    resources:', //                                  6
      '      - group: rbac.authorization.k8s.io', //        7
      '  # Workload changes.', //                           8
      '  - level: RequestResponse', //                      9
      '    verbs: ["create"]', //                           10
    );
    const found = findSuppressions('etc/audit-policy.yaml', text);
    assert.deepEqual(found, [{ rule: 'COV-006', path: 'etc/audit-policy.yaml', line: 3, column: 3, reason: 'restored in OPS-42', from: 5, to: 7 }]);
  });

  test('YAML: a key with a nested mapping covers its children; blank and comment lines inside do not end the block', () => {
    const text = lines(
      'spec:', //                       1
      '  # ztmm:ignore RET-001 short-lived lab cluster', // 2
      '  containers:', //               3
      '  - name: kube-apiserver', //    4  (a sequence at the key's own indent)
      '', //                            5
      '    # the command', //           6
      '    command:', //                7
      '    - kube-apiserver', //        8
      '  volumes: []', //               9
    );
    assert.deepEqual(ranges(findSuppressions('pod.yaml', text)), [['RET-001', 2, 3, 8]]);
  });

  test('YAML: a scalar key covers its own line only', () => {
    const text = lines('a:', '  # ztmm:ignore X-1 because', '  b: 1', '  c: 2');
    assert.deepEqual(ranges(findSuppressions('x.yml', text)), [['X-1', 2, 3, 3]]);
  });

  test('a trailing comment covers its own line only', () => {
    const text = lines('rules:', '  - level: None # ztmm:ignore COV-006 known gap', '    resources: []');
    const [s] = findSuppressions('p.yaml', text);
    assert.deepEqual(s, { rule: 'COV-006', path: 'p.yaml', line: 2, column: 17, reason: 'known gap', from: 2, to: 2 });
  });

  test('several ids, comma-separated (spaces allowed), share the reason and the range', () => {
    const text = lines('# ztmm:ignore COV-006,FMT-004 , MET-002 tracked in JIRA-7, see wiki', 'key: value');
    const found = findSuppressions('a.yaml', text);
    assert.deepEqual(
      found.map((s) => [s.rule, s.reason, s.from, s.to]),
      [
        ['COV-006', 'tracked in JIRA-7, see wiki', 2, 2],
        ['FMT-004', 'tracked in JIRA-7, see wiki', 2, 2],
        ['MET-002', 'tracked in JIRA-7, see wiki', 2, 2],
      ],
    );
  });

  test('no reason is null; a separator alone is no reason; a leading separator is dropped', () => {
    const text = lines('# ztmm:ignore COV-006', 'a: 1', '# ztmm:ignore COV-007   --  ', 'b: 2', '# ztmm:ignore COV-008 -- lab only', 'c: 3');
    assert.deepEqual(
      findSuppressions('a.yaml', text).map((s) => [s.rule, s.reason]),
      [
        ['COV-006', null],
        ['COV-007', null],
        ['COV-008', 'lab only'],
      ],
    );
  });

  test('a comment with no rule id is not a suppression', () => {
    assert.deepEqual(findSuppressions('a.yaml', lines('# ztmm:ignore', 'a: 1')), []);
  });

  test('HCL: a line ending in { is covered through its matching }, nested blocks and strings with braces included', () => {
    const text = lines(
      '// ztmm:ignore CEN-001 shipped by the org trail', // 1
      'resource "aws_cloudtrail" "main" {', //             2
      '  name = "main-${var.env}"', //                     3
      '  event_selector {', //                             4
      '    read_write_type = "All" # a "}" in a comment', // 5
      '  }', //                                            6
      '  tags = { note = "}" }', //                        7
      '}', //                                              8
      'resource "aws_s3_bucket" "logs" {', //              9
      '}', //                                              10
    );
    assert.deepEqual(ranges(findSuppressions('main.tf', text)), [['CEN-001', 1, 2, 8]]);
  });

  test('HCL: # comments and trailing // comments work too', () => {
    const text = lines('# ztmm:ignore RET-002 archived elsewhere', 'retention_in_days = 7', 'x = 1 // ztmm:ignore FMT-001 legacy');
    assert.deepEqual(ranges(findSuppressions('vars.hcl', text)), [
      ['RET-002', 1, 2, 2],
      ['FMT-001', 3, 3, 3],
    ]);
  });

  test('INI: ; comments; a [section] header is covered with its section', () => {
    const text = lines(
      '; ztmm:ignore AUD-001 reviewed by security', // 1
      '[auditd]', //                                   2
      'log_file = /var/log/audit/audit.log', //        3
      '', //                                           4
      'max_log_file = 8', //                           5
      '[other]', //                                    6
      'x = 1', //                                      7
    );
    assert.deepEqual(ranges(findSuppressions('auditd.conf', text)), [['AUD-001', 1, 2, 5]]);
  });

  test('conf: indentation blocks, and nginx-style braces', () => {
    const conf = lines('# ztmm:ignore NET-001 internal only', 'server', '    listen 80', '    root /srv', 'other 1');
    assert.deepEqual(ranges(findSuppressions('app.conf', conf)), [['NET-001', 1, 2, 4]]);
    const nginx = lines('http {', '  # ztmm:ignore NET-002 proxy logs elsewhere', '  server {', '    access_log off;', '  }', '  gzip on;', '}');
    assert.deepEqual(ranges(findSuppressions('nginx.conf', nginx)), [['NET-002', 2, 3, 5]]);
  });

  test('CRLF line ends are handled; a comment at the end of the file covers nothing', () => {
    const text = 'a: 1\r\n# ztmm:ignore X-1 because\r\nb:\r\n  c: 2\r\n# ztmm:ignore X-2 dangling\r\n';
    const found = findSuppressions('a.yaml', text);
    assert.deepEqual(ranges(found), [
      ['X-1', 2, 3, 4],
      ['X-2', 5, 6, 5],
    ]);
    assert.equal(found[0]?.reason, 'because');
  });
});

function finding(ruleId: string, outcome: Outcome, path: string, line: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    slug: `slug-${ruleId.toLowerCase()}`,
    title: `Rule ${ruleId}`,
    outcome,
    severity: 'medium',
    dimension: 'coverage',
    pillars: ['identity'],
    stage: 'advanced',
    subject: `${path}#${line}`,
    message: `${ruleId} ${outcome} at ${line}`,
    data: {},
    locations: [{ path, line, column: 5 }],
    references: [],
    ...over,
  };
}

function suppression(rule: string, from: number, to: number, reason: string | null = 'accepted', path = 'p.yaml'): InlineSuppression {
  return { rule, path, line: from - 1, column: 3, reason, from, to };
}

describe('applySuppressions', () => {
  test('waives a blocking finding inside the range: source inline, at the comment, original outcome and message kept', () => {
    const { findings, statuses } = applySuppressions([finding('COV-006', 'fail', 'p.yaml', 31)], [suppression('COV-006', 30, 32)]);
    assert.equal(findings[0]?.outcome, 'waived');
    assert.equal(findings[0]?.message, 'COV-006 fail at 31');
    assert.deepEqual(findings[0]?.waiver, { source: 'inline', reason: 'accepted', at: { path: 'p.yaml', line: 29, column: 3 }, outcome: 'fail' });
    assert.deepEqual(statuses, [{ rule: 'COV-006', path: 'p.yaml', line: 29, reason: 'accepted', status: 'applied', findings: 1 }]);
  });

  test('outside the range, another file, another rule, or a passing finding: not waived, status unused', () => {
    const { findings, statuses } = applySuppressions(
      [
        finding('COV-006', 'fail', 'p.yaml', 33),
        finding('COV-006', 'fail', 'q.yaml', 31),
        finding('FMT-004', 'fail', 'p.yaml', 31),
        finding('COV-006', 'pass', 'p.yaml', 31),
        finding('COV-006', 'not-applicable', 'p.yaml', 31),
      ],
      [suppression('COV-006', 30, 32)],
    );
    assert.deepEqual(
      findings.map((f) => f.outcome),
      ['fail', 'fail', 'fail', 'pass', 'not-applicable'],
    );
    assert.equal(statuses[0]?.status, 'unused');
  });

  test('any location of the finding may be inside; rule by id in any case or by slug', () => {
    const two = finding('COV-006', 'no-evidence', 'other.yaml', 1, {
      locations: [
        { path: 'other.yaml', line: 1, column: 1 },
        { path: 'p.yaml', line: 30, column: 1 },
      ],
    });
    const { findings, statuses } = applySuppressions([two, finding('FMT-004', 'error', 'p.yaml', 30)], [suppression('cov-006', 30, 30), suppression('slug-fmt-004', 30, 30)]);
    assert.deepEqual(
      findings.map((f) => [f.outcome, f.waiver?.outcome]),
      [
        ['waived', 'no-evidence'],
        ['waived', 'error'],
      ],
    );
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['applied', 'applied'],
    );
  });

  test('a suppression without a reason is not applied and reported as no-reason', () => {
    const { findings, statuses } = applySuppressions([finding('COV-006', 'fail', 'p.yaml', 31)], [suppression('COV-006', 30, 32, null)]);
    assert.equal(findings[0]?.outcome, 'fail');
    assert.equal(findings[0]?.waiver, undefined);
    assert.deepEqual(statuses, [{ rule: 'COV-006', path: 'p.yaml', line: 29, reason: null, status: 'no-reason', findings: 0 }]);
    assert.equal(noReasonProblem(statuses[0] ?? { path: '', line: 0, rule: '' }), 'p.yaml:29: ztmm:ignore COV-006 needs a reason');
  });

  test('statuses are in file and line order; the first covering suppression waives, a second is unused', () => {
    const { findings, statuses } = applySuppressions(
      [finding('COV-006', 'fail', 'p.yaml', 31), finding('COV-006', 'fail', 'p.yaml', 32)],
      [suppression('COV-006', 31, 31, 'inner'), suppression('COV-006', 30, 32, 'outer'), suppression('X-1', 5, 5, 'r', 'a.yaml')],
    );
    assert.deepEqual(
      findings.map((f) => f.waiver?.reason),
      ['outer', 'outer'],
    );
    assert.deepEqual(
      statuses.map((s) => [s.path, s.line, s.reason, s.status, s.findings]),
      [
        ['a.yaml', 4, 'r', 'unused', 0],
        ['p.yaml', 29, 'outer', 'applied', 2],
        ['p.yaml', 30, 'inner', 'unused', 0],
      ],
    );
  });

  test('end to end over a parsed file: a comment above a policy rule waives the finding on that rule', () => {
    const text = lines('rules:', '  # ztmm:ignore COV-006 tracked in OPS-42', '  - level: None', '    resources:', '      - group: rbac.authorization.k8s.io');
    const { findings } = applySuppressions([finding('COV-006', 'fail', 'policy.yaml', 3)], findSuppressions('policy.yaml', text));
    assert.equal(findings[0]?.waiver?.reason, 'tracked in OPS-42');
    assert.deepEqual(findings[0]?.waiver?.at, { path: 'policy.yaml', line: 2, column: 3 });
  });
});
