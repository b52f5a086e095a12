/** A minimal valid ScanResult around given findings, for formatter tests: every area Traditional. */
import type { Finding, InventoryEntry, RuleInfo, ScanResult } from '../../src/model/result.js';
import { AREAS, CAPABILITIES } from '../../src/model/vocabulary.js';

export function syntheticResult(findings: Finding[], rules: RuleInfo[] = [], repositoryBase: string | null = 'infra', inventory: InventoryEntry[] = []): ScanResult {
  return {
    schemaVersion: '1',
    tool: { name: 'ztmm', version: '1.2.3' },
    repositoryBase,
    summary: { score: 40, stage: 'traditional', profile: 'ztmm', counts: { pass: 0, fail: 0, 'no-evidence': 0, 'not-applicable': 0, error: 0, waived: 0 } },
    pillars: AREAS.map((id) => ({
      id,
      kind: (CAPABILITIES as readonly string[]).includes(id) ? ('capability' as const) : ('pillar' as const),
      stage: 'traditional' as const,
      score: 0,
      next: { stage: 'initial' as const, blockers: [] },
      dimensions: {},
      evidence: 0,
    })),
    findings,
    estate: { sources: [], sinks: [], routes: [], detections: [], samples: [] },
    inventory,
    rules,
  };
}
