/**
 * The SARIF 2.1.0 report (pure), shaped for GitHub code scanning: one run, one reporting
 * descriptor per rule, one result per finding that needs attention.
 *
 * Which findings become results:
 * - fail, no-evidence and error block a stage, so each is a result. GitHub ignores `result.kind`
 *   and turns every result into an alert, and SARIF §3.27.10 allows a level other than `none`
 *   only with kind `fail`, so all three keep the default kind (`fail`) and differ by level:
 *   fail and error take the rule's severity (an unevaluated rule may hide a real failure);
 *   no-evidence is a `note`, because the inputs did not show the control, not that it is missing.
 *   `properties.outcome` keeps the exact outcome.
 * - waived findings are results with an accepted external suppression (the waiver lives outside
 *   the scanned files), so viewers hide them but the decision stays on record.
 * - pass and not-applicable are not results: GitHub would show them as open alerts.
 *
 * Paths are repository paths (see links.ts) under `%SRCROOT%`, whose absolute location is left
 * out on purpose: the same estate gives byte-identical SARIF wherever it is checked out.
 */
import type { Location as SarifLocation, Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Finding, RuleInfo, ScanResult } from '../model/result.js';
import { AREAS } from '../model/vocabulary.js';
import type { Outcome, Severity } from '../model/vocabulary.js';
import type { Reference } from '../rules/types.js';
import { FINGERPRINT_KEY, findingFingerprint } from './fingerprint.js';
import { encodeUriPath, repositoryPath } from './links.js';

const SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVEL: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/**
 * GitHub's `security-severity` (a CVSS-like score as a string) decides the Critical / High /
 * Medium / Low label of an alert: above 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below low.
 * Each value sits inside its band, away from the edges.
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

const REPORTED: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'no-evidence', 'error', 'waived']);

/** `apiserver-audit-log-on-node` → `ApiserverAuditLogOnNode`: GitHub shows the name next to the id. */
export function pascalCase(slug: string): string {
  return slug
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** A repository path as a URI reference: each segment percent-encoded, the slashes kept. */
/**
 * Where a finding without a location points: the scanned folder itself. GitHub rejects a result
 * with no location, and a finding without one is about the estate as a whole (say, no log source
 * for a pillar), so the folder that was scanned is its honest place. A trailing slash marks a
 * folder in a URI; `./` stands for the base itself when the scan base is the work tree root ('')
 * or outside any work tree (null).
 */
export function rootUri(result: Pick<ScanResult, 'repositoryBase'>): string {
  const base = result.repositoryBase;
  return base ? `${encodeUriPath(base)}/` : './';
}

function referenceText(ref: Reference): string {
  return `${ref.framework} ${ref.id}${ref.note ? `: ${ref.note}` : ''}`;
}

/** Concrete areas for tags: `subject` (the judged source's pillars) is no area of its own. */
function areaTags(pillars: readonly string[]): string[] {
  return AREAS.filter((area) => pillars.includes(area));
}

function descriptor(rule: RuleInfo): ReportingDescriptor {
  const references = rule.references.map(referenceText);
  const rationale = rule.rationale || rule.title;
  const text = [
    rationale,
    ...(rule.remediation ? ['', `Remediation: ${rule.remediation}`] : []),
    ...(references.length > 0 ? ['', 'References:', ...references.map((r) => `- ${r}`)] : []),
  ].join('\n');
  const markdown = [
    rationale,
    ...(rule.remediation ? ['', `**Remediation:** ${rule.remediation}`] : []),
    ...(references.length > 0 ? ['', '**References**', '', ...references.map((r) => `- ${r}`)] : []),
  ].join('\n');
  return {
    id: rule.id,
    name: pascalCase(rule.slug) || rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rationale },
    help: { text, markdown },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      // GitHub lists a rule with `security-severity` as a security alert; the `security` tag is
      // how CodeQL marks those too, so both are set.
      tags: ['security', 'ztmm', 'zero-trust', 'audit-logging', rule.dimension, rule.stage, ...areaTags(rule.pillars)],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      slug: rule.slug,
      pillars: [...rule.pillars],
      stage: rule.stage,
      dimension: rule.dimension,
      severity: rule.severity,
    },
  };
}

/** A rule that is in the findings but not in `result.rules` (an older or hand-made result). */
function ruleFromFinding(f: Finding): RuleInfo {
  return {
    id: f.ruleId,
    slug: f.slug,
    title: f.title,
    dimension: f.dimension,
    pillars: [...f.pillars],
    stage: f.stage,
    severity: f.severity,
    rationale: '',
    remediation: '',
    references: f.references,
  };
}

/** `result.rules` in their order, then rules only the findings name, in id order. */
function collectRules(result: ScanResult): RuleInfo[] {
  const known = new Set(result.rules.map((r) => r.id));
  const extra = new Map<string, RuleInfo>();
  for (const f of result.findings) {
    if (!known.has(f.ruleId) && !extra.has(f.ruleId)) extra.set(f.ruleId, ruleFromFinding(f));
  }
  const sortedExtra = [...extra.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...result.rules, ...sortedExtra];
}

function locations(result: ScanResult, f: Finding): SarifLocation[] {
  if (f.locations.length === 0) {
    return [{ physicalLocation: { artifactLocation: { uri: rootUri(result), uriBaseId: SRCROOT } } }];
  }
  return f.locations.map((loc) => {
    const artifactLocation = { uri: encodeUriPath(repositoryPath(result, loc.path)), uriBaseId: SRCROOT };
    // The schema wants lines and columns from 1; a position the scanner could not pin down
    // (0) leaves the region out rather than invent one.
    if (!(loc.line >= 1)) return { physicalLocation: { artifactLocation } };
    const region = loc.column >= 1 ? { startLine: loc.line, startColumn: loc.column } : { startLine: loc.line };
    return { physicalLocation: { artifactLocation, region } };
  });
}

function toResult(result: ScanResult, f: Finding, ruleIndex: number): Result {
  const sarif: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.outcome === 'no-evidence' ? 'note' : LEVEL[f.severity],
    message: { text: f.message },
    locations: locations(result, f),
    partialFingerprints: {
      [FINGERPRINT_KEY]: findingFingerprint(result, f),
    },
    properties: {
      outcome: f.outcome,
      subject: f.subject,
      pillars: [...f.pillars],
      stage: f.stage,
      dimension: f.dimension,
      severity: f.severity,
    },
  };
  if (f.outcome === 'waived') {
    // A config waiver lives outside the file (external); a ztmm:ignore comment inside it (inSource).
    const waiver = f.waiver;
    sarif.suppressions = [
      {
        kind: waiver?.source === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        ...(waiver ? { justification: waiver.expires ? `${waiver.reason} (until ${waiver.expires})` : waiver.reason } : {}),
      },
    ];
  }
  return sarif;
}

export function formatSarif(result: ScanResult): string {
  const rules = collectRules(result);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = result.findings
    .filter((f) => REPORTED.has(f.outcome))
    .map((f) => toResult(result, f, index.get(f.ruleId) ?? -1));
  // Files the scan could not read: not findings about the estate, but a reader should know.
  const notifications = result.inventory
    .filter((entry) => entry.status === 'error')
    .map((entry) => ({
      level: 'error' as const,
      message: { text: `${entry.path}: ${entry.reason ?? 'could not be read'}` },
      locations: [
        { physicalLocation: { artifactLocation: { uri: encodeUriPath(repositoryPath(result, entry.path)), uriBaseId: SRCROOT } } },
      ],
    }));
  const run: Run = {
    tool: {
      driver: {
        name: 'ztmm',
        version: result.tool.version,
        semanticVersion: result.tool.version,
        rules: rules.map(descriptor),
      },
    },
    invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
    originalUriBaseIds: {
      [SRCROOT]: {
        description: {
          text:
            result.repositoryBase === null
              ? 'The folder the scanned paths are relative to (the scan base; not in a Git work tree).'
              : 'The root of the Git work tree that holds the scanned files.',
        },
      },
    },
    // Columns come from JavaScript string offsets (the YAML parser's line counter).
    columnKind: 'utf16CodeUnits',
    results,
    properties: {
      profile: result.summary.profile,
      stage: result.summary.stage,
      score: result.summary.score,
      counts: { ...result.summary.counts },
      pillars: result.pillars.map((area) => ({ id: area.id, kind: area.kind, stage: area.stage, score: area.score })),
    },
  };
  const log: Log = { $schema: SCHEMA_URI, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
