/**
 * Every shipper and host config of ../shared/corpus, scanned together as ztmm scans a tree: each
 * is read by its adapter (none is an error), constructs not understood are named with a line and
 * a reason, and whether each shipper sends anything off the host agrees with what the corpus
 * README says of the file (labels written by the corpus's curator, not read off ztmm's output).
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import type { ScanResult } from '../src/model/result.js';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** Inventory kind per file, from the corpus README's "what it is" column. */
const KINDS: Record<string, string> = {
  'hosts/auditd/10-base-config.rules': 'audit-rules',
  'hosts/auditd/10-no-audit.rules': 'audit-rules',
  'hosts/auditd/30-pci-dss-v31.rules': 'audit-rules',
  'hosts/auditd/99-finalize.rules': 'audit-rules',
  'hosts/auditd/au-remote.conf': 'audisp-plugin',
  'hosts/auditd/audisp-remote.conf': 'audisp-remote',
  'hosts/auditd/auditd.conf': 'auditd-conf',
  'hosts/auditd/syslog.conf': 'audisp-plugin',
  'hosts/logrotate/gke/allvarlogs.logrotate.extracted.conf': 'logrotate',
  'hosts/logrotate/upstream/btmp': 'logrotate',
  'hosts/logrotate/upstream/logrotate.conf': 'logrotate',
  'hosts/logrotate/upstream/wtmp': 'logrotate',
  'hosts/openssh/sshd_config': 'sshd',
  'hosts/systemd/journald.conf': 'journald',
  'shippers/fluent-bit/fluent-bit.conf': 'fluent-bit',
  'shippers/fluent-bit/fluent-bit.yaml': 'fluent-bit',
  'shippers/fluent-bit/fluent-bit_loki_out-structured_metadata_map.yaml': 'fluent-bit',
  'shippers/fluent-bit/out_file.conf': 'fluent-bit',
  'shippers/fluent-bit/parsers.conf': 'fluent-bit',
  'shippers/otel-collector/contrib-fault-tolerant/otel-col-config.yaml': 'otel-collector',
  'shippers/otel-collector/otel-config.yaml': 'otel-collector',
  'shippers/rsyslog/30-send-loki-http.conf': 'rsyslog',
  'shippers/rsyslog/50-default.conf': 'rsyslog',
  'shippers/rsyslog/rsyslog-forward-minimal.conf': 'rsyslog',
  'shippers/rsyslog/rsyslog.conf': 'rsyslog',
  'shippers/rsyslog/rsyslog.logrotate': 'logrotate',
  'shippers/rsyslog/ubuntu-rsyslog.conf': 'rsyslog',
  'shippers/vector/config_2.toml': 'vector',
  'shippers/vector/configmap.yaml': 'vector',
  'shippers/vector/file_to_cloudwatch_metrics.yaml': 'vector',
  'shippers/vector/stdio.yaml': 'vector',
  'shippers/vector/vector.yaml': 'vector',
};

/**
 * Does the shipper send logs off the host? From the README: "stdout only (no remote destination)",
 * "loki output (remote host loki)", "local files only", "omhttp to Loki (remote)", "omfwd TCP
 * 10514 ... (remote, plaintext TCP)", "(no remote)", "-> console". Vector's file_to_cloudwatch_metrics
 * sends metrics, not logs; OTel's fault-tolerant example sends to 0.0.0.0, which is this host.
 */
const OFF_HOST: Record<string, boolean> = {
  'shippers/fluent-bit/fluent-bit.conf': false,
  'shippers/fluent-bit/fluent-bit.yaml': false,
  'shippers/fluent-bit/fluent-bit_loki_out-structured_metadata_map.yaml': true,
  'shippers/fluent-bit/out_file.conf': false,
  'shippers/otel-collector/otel-config.yaml': false,
  'shippers/rsyslog/30-send-loki-http.conf': true,
  'shippers/rsyslog/50-default.conf': false,
  'shippers/rsyslog/rsyslog-forward-minimal.conf': true,
  'shippers/rsyslog/rsyslog.conf': false,
  'shippers/rsyslog/ubuntu-rsyslog.conf': false,
  'shippers/vector/config_2.toml': false,
  'shippers/vector/stdio.yaml': false,
  'shippers/vector/vector.yaml': false,
};

describe('the shipper and host configs of the shared corpus, scanned together', () => {
  let result: ScanResult;
  let problems: string[];
  before(async () => {
    ({ result, problems } = await scan({ roots: [`${CORPUS}shippers`, `${CORPUS}hosts`], rules: loadRules(), cwd: CORPUS }));
  });

  test('every config is read by the adapter of its kind; none is an error', () => {
    const kinds = Object.fromEntries(result.inventory.map((e) => [e.path, e.status === 'assessed' ? e.kind : `${e.status}: ${e.reason ?? ''}`]));
    for (const [path, kind] of Object.entries(KINDS)) assert.equal(kinds[path], kind, path);
    assert.deepEqual(result.inventory.filter((e) => e.status === 'error'), []);
    // The one file left: the body of a single OTLP exporter, not a collector configuration.
    assert.equal(kinds['shippers/otel-collector/config.yaml'], 'skipped: not recognised (no known document kind)');
    assert.deepEqual(problems, []);
  });

  test('constructs not understood are named with their line and why: includes that point outside the corpus', () => {
    const notes = result.inventory.filter((e) => e.reason?.startsWith('not understood'));
    assert.ok(notes.length > 0);
    for (const e of notes) assert.match(e.reason ?? '', /^not understood: .+ \(line \d+\): .+/, e.path);
    assert.match(notes.find((e) => e.path === 'shippers/rsyslog/rsyslog.conf')?.reason ?? '', /\/etc\/rsyslog\.d\/\*\.conf: not in the scanned inputs/);
  });

  test('whether each shipper sends logs off its host agrees with the corpus README', () => {
    // INT-101 applies to every output that leaves the host, whatever its inputs (demo generators too).
    const remoteOutputs = new Set(result.findings.filter((f) => f.ruleId === 'INT-101' && f.outcome !== 'not-applicable').map((f) => f.subject.replace(/^shipper-output:([^#]*)#.*$/, '$1')));
    for (const [path, offHost] of Object.entries(OFF_HOST)) assert.equal(remoteOutputs.has(path), offHost, path);
  });

  test('the sources the host configs declare: auditd and sshd, linked to no shipper of theirs', () => {
    const systems = result.estate.sources.map((s) => s.system).sort();
    assert.ok(systems.includes('auditd'), systems.join(', '));
    assert.ok(systems.includes('sshd'), systems.join(', '));
  });
});
