/**
 * The log store adapters against real files. The shared corpus (../shared/corpus) holds no
 * Elasticsearch, OpenSearch, Loki or Splunk server configuration, so what it can show is that
 * the store adapters leave every file written by others alone: shipper configs that name Loki or
 * OpenSearch as outputs, Kubernetes manifests, host configs, logs and infrastructure code. The
 * positive side is a real scan of store configs written after the vendors' documentation
 * examples (fixtures/rules/RET-401/pass and neighbours), asserting inventory kinds and facts read
 * off those files by eye.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { ADAPTERS as ILM } from '../src/adapters/elasticsearch-ilm.js';
import { ADAPTERS as LOKI } from '../src/adapters/loki.js';
import { ADAPTERS as ISM } from '../src/adapters/opensearch-ism.js';
import { ADAPTERS as SPLUNK } from '../src/adapters/splunk-indexes.js';
import { parseStructured } from '../src/documents/yaml-document.js';
import { loadRules } from '../src/rules/load-packs.js';
import { scan } from '../src/scan.js';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

describe('the shared corpus: no store adapter claims a file written by others', () => {
  const files = filesUnder(CORPUS);

  test('the corpus is there', () => {
    assert.ok(files.length > 50, `${files.length} corpus files`);
  });

  test('indexes.conf reader: no corpus file by name', () => {
    const claimed = files.filter((f) => SPLUNK.text.some((a) => a.claims(relative(CORPUS, f).split(sep).join('/'), readFileSync(f, 'utf8').slice(0, 65536))));
    assert.deepEqual(claimed, []);
  });

  test('ILM, index template, ISM and Loki readers: no YAML/JSON document of the corpus', () => {
    const structured = files.filter((f) => /\.(ya?ml|json)$/i.test(f));
    assert.ok(structured.some((f) => f.endsWith('fluent-bit_loki_out-structured_metadata_map.yaml')), 'the Fluent Bit → Loki shipper config is among them');
    const claimed: string[] = [];
    for (const file of structured) {
      const path = relative(CORPUS, file).split(sep).join('/');
      for (const doc of parseStructured(path, readFileSync(file, 'utf8')).documents) {
        for (const adapter of [...ILM.documents, ...ISM.documents, ...LOKI.documents]) {
          if (adapter.claims(path, doc.data)) claimed.push(`${path}: ${adapter.kind}`);
        }
      }
    }
    assert.deepEqual(claimed, []);
  });
});

describe('a real scan of store configs (written after the vendors’ documentation examples)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ztmm-stores-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  cpSync(join(REPO, 'fixtures/rules/RET-401/pass'), root, { recursive: true });
  cpSync(join(REPO, 'fixtures/rules/INT-403/pass/opensearch'), join(root, 'opensearch'), { recursive: true });
  cpSync(join(REPO, 'fixtures/rules/RET-402/fail/etc/loki/loki.yaml'), join(root, 'dev/loki/local-config.yaml'));
  const { result } = await scan({ roots: [root], rules: loadRules(), cwd: root });
  const finding = (ruleId: string, subject: string) => result.findings.find((f) => f.ruleId === ruleId && f.subject === subject);

  test('every store file is assessed with its kind', () => {
    assert.deepEqual(
      result.inventory.map((e) => [e.path, e.status, e.kind]),
      [
        ['dev/loki/local-config.yaml', 'assessed', 'loki'],
        ['elasticsearch/ilm/audit-logs.json', 'assessed', 'elasticsearch-ilm'],
        ['etc/loki/loki.yaml', 'assessed', 'loki'],
        ['opensearch/ism/k8s-audit.json', 'assessed', 'opensearch-ism'],
        ['opt/splunk/etc/apps/org_all_indexes/local/indexes.conf', 'assessed', 'splunk-indexes'],
      ],
    );
  });

  test('retention as read by eye: ILM 400 d, ISM 400 d, Loki 400 d (9600h) and forever, Splunk 400 d and 2 years', () => {
    assert.equal(finding('RET-401', 'log-store:elasticsearch:audit-logs')?.outcome, 'pass');
    assert.equal(finding('RET-401', 'log-store:opensearch:k8s-audit')?.outcome, 'pass');
    assert.equal(finding('RET-401', 'log-store:splunk:k8s_audit')?.outcome, 'pass');
    assert.equal(finding('RET-401', 'log-store:splunk:linux_audit')?.outcome, 'pass');
    const forever = result.findings.filter((f) => f.ruleId === 'RET-402' && f.subject === 'log-store:loki:loki');
    assert.deepEqual(forever.map((f) => [f.outcome, f.locations[0]?.path, f.locations[0]?.line]).sort(), [
      ['fail', 'dev/loki/local-config.yaml', 31],
      ['pass', 'etc/loki/loki.yaml', 41],
    ]);
  });

  test('read-only after rollover: ILM warm readonly at 7 d and ISM read_only at 1 d pass INT-403; Loki and Splunk are not judged', () => {
    assert.equal(finding('INT-403', 'log-store:elasticsearch:audit-logs')?.outcome, 'pass');
    assert.equal(finding('INT-403', 'log-store:opensearch:k8s-audit')?.outcome, 'pass');
    assert.equal(finding('INT-403', 'log-store:splunk:k8s_audit')?.outcome, 'not-applicable');
  });
});
