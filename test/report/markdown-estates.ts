/**
 * Estates that press the Markdown report's limits (a test helper): many copies of the demo, as a
 * fleet of alike hosts would scan, and a fully meshed estate with more edges than Mermaid draws.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countOutcomes, evidenceByArea, overall, scoreAreas } from '../../src/engine/score.js';
import type { LogSource, Route, Sink } from '../../src/model/estate.js';
import type { InventoryEntry, ScanResult } from '../../src/model/result.js';
import { loadRules } from '../../src/rules/load-packs.js';
import { scan } from '../../src/scan.js';
import { DEMO } from '../helpers.js';

/** A scan of `n` copies of fixtures/demo, in folders host00, host01, … of a temporary tree. */
export async function demoCopies(n: number): Promise<ScanResult> {
  const root = mkdtempSync(join(tmpdir(), 'ztmm-fleet-'));
  try {
    for (let i = 0; i < n; i++) cpSync(DEMO, join(root, `host${String(i).padStart(2, '0')}`), { recursive: true });
    return (await scan({ roots: [root], rules: loadRules({ extra: [] }), cwd: root })).result;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Every source routed through every shipper config to every remote store: sources × shippers +
 * shippers × stores edges. Names and retentions differ, so no two nodes look alike and merging
 * cannot shrink it.
 */
export function meshedEstate(sourceCount: number, shipperCount: number, storeCount: number): ScanResult {
  const at = (path: string) => ({ path, line: 1, column: 1 });
  const sources: LogSource[] = Array.from({ length: sourceCount }, (_, i) => ({
    id: `source-${i}`,
    system: `app-${i}`,
    pillars: ['applications'],
    paths: [],
    declaredAt: at(`etc/app-${i}.yaml`),
    centralized: null,
    retentionDays: null,
    immutable: null,
  }));
  const sinks: Sink[] = Array.from({ length: storeCount }, (_, i) => ({
    id: `store-${i}`,
    kind: 'webhook',
    remote: true,
    tls: true,
    retentionDays: 400 + i,
    unbounded: false,
    immutable: null,
    declaredAt: at(`etc/store-${i}.conf`),
  }));
  // Shipper configs are scanned files: one node each, whatever the sources they carry.
  const inventory: InventoryEntry[] = Array.from({ length: shipperCount }, (_, i) => ({ path: `etc/shipper-${i}.conf`, status: 'assessed', kind: 'fluent-bit' }));
  const routes: Route[] = [];
  for (const source of sources) {
    for (const shipper of inventory) {
      for (const sink of sinks) routes.push({ id: `${source.id}>${shipper.path}>${sink.id}`, from: source.id, to: sink.id, via: shipper.path, tls: true, durable: null });
    }
  }
  const estate: ScanResult['estate'] = { sources, sinks, routes, detections: [], samples: [] };
  const pillars = scoreAreas([], evidenceByArea(estate));
  const { stage, score } = overall(pillars);
  return {
    schemaVersion: '1',
    tool: { name: 'ztmm', version: '9.9.9' },
    repositoryBase: null,
    summary: { score, stage, profile: 'ztmm', counts: countOutcomes([]) },
    pillars,
    findings: [],
    estate,
    inventory,
    rules: [],
  };
}
