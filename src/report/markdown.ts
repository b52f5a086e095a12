/**
 * The Markdown report (pure): GitHub-flavoured Markdown for a pull-request comment or
 * $GITHUB_STEP_SUMMARY. Title with the overall stage and the gate, a table of the eight areas, a
 * pillar × dimension matrix, the roadmap to each area's next stage with remediation, a Mermaid
 * diagram of the estate, findings by area, and the inventory.
 *
 * A PR comment holds 65,536 characters, so the report is planned to fit `maxChars`: first in
 * full; then condensed (blocking findings folded, passing ones counted per rule, files counted per
 * status and reason); then with the longest lists cut, findings before inventory errors: every
 * rule that blocks a stage keeps a line (`×50`, the others counted on it) before any gets a second.
 * Whenever anything is left out, a note under the title says what, and where the full data is.
 *
 * Text from scanned files and rule packs is escaped so it renders as written and cannot break a
 * table, open a link, inject HTML, or mention a GitHub user; paths sit in code spans. Rule packs'
 * own `code` spans stay code.
 */
import type { LogSource } from '../model/estate.js';
import type { Finding, InventoryEntry, RuleInfo, ScanResult } from '../model/result.js';
import { AREAS, AREA_TITLES, DIMENSIONS, DIMENSION_TITLES, OUTCOME_MARKS, STAGE_TITLES, compareLocations, compareStrings, stageIndex } from '../model/vocabulary.js';
import type { Area, Location, Outcome, Stage } from '../model/vocabulary.js';
import { estateGraph } from './estate-graph.js';
import type { EstateGraph, GraphNode, GraphNodeKind } from './estate-graph.js';
import { locationHref, locationText } from './links.js';
import { drawing } from './markdown-diagram.js';
import { foldLines, roundRobin } from './markdown-fold.js';
import { clip, count, htmlText, linkTarget, mdCode, mdProse, mdText, plural } from './markdown-text.js';
import { isBlocking, rankBlockers } from './text.js';
import type { GateLine } from './text.js';

/** Below GitHub's 65,536-character comment limit, with room for a bot's own header. */
export const MARKDOWN_LIMIT = 65_000;

export interface MarkdownOptions {
  /** Prefix for file links, e.g. `https://github.com/OWNER/REPO/blob/SHA/`; links are repository-relative without it. */
  linkBase?: string;
  gate?: GateLine[];
  /** Upper bound on the length of the report (default MARKDOWN_LIMIT). */
  maxChars?: number;
}

// ---------------------------------------------------------------------------------------------
// Building blocks


const OUTCOME_WORDS: Record<Outcome, string> = {
  pass: 'pass',
  fail: 'fail',
  'no-evidence': 'no evidence',
  error: 'error',
  'not-applicable': 'not applicable',
  waived: 'waived',
};

/** Outcomes in the order a reader needs them: what blocks a stage first. */
const OUTCOME_ORDER: readonly Outcome[] = ['fail', 'no-evidence', 'error', 'pass', 'waived', 'not-applicable'];


const FULL_REPORTS = 'The JSON, SARIF and HTML reports have everything.';

function stageBar(stage: Stage): string {
  const n = stageIndex(stage) + 1;
  return '■'.repeat(n) + '□'.repeat(4 - n);
}

function table(header: readonly string[], align: readonly ('left' | 'right')[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const rule = `|${align.map((a) => (a === 'right' ? '---:' : ':---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function details(summary: string, body: string): string {
  // The blank lines let GitHub render the Markdown inside the HTML block.
  return `<details><summary>${htmlText(summary)}</summary>\n\n${body}\n\n</details>`;
}

/** How many of each outcome, in reading order: `✘ 3 fail · ✔ 20 pass`. */
function outcomeTally(findings: readonly Finding[]): string {
  const n = new Map<Outcome, number>();
  for (const f of findings) n.set(f.outcome, (n.get(f.outcome) ?? 0) + 1);
  return OUTCOME_ORDER.filter((o) => n.has(o))
    .map((o) => `${OUTCOME_MARKS[o]} ${count(n.get(o) ?? 0)} ${OUTCOME_WORDS[o]}`)
    .join(' · ');
}

// ---------------------------------------------------------------------------------------------
// What every rendering shares: sorted once, so plans only choose how much to show.

interface Context {
  result: ScanResult;
  linkBase: string;
  gate: readonly GateLine[];
  maxChars: number;
  rules: Map<string, RuleInfo>;
  /** Blocking findings, most urgent first (rankBlockers, ties broken by a total order). */
  blocking: Finding[];
  /** Everything else: pass, waived, not applicable. */
  passing: Finding[];
  /** Blocking findings per rule id, in the same order. */
  blockingByRule: Map<string, Finding[]>;
  /** Blocking findings in the order they earn a line of their own when not all can (see foldKey). */
  lineOrder: Finding[];
  /** How many lines it takes to name each rule once in each area (the first lineKeys of lineOrder). */
  lineKeys: number;
  /** How many lines it takes to name each blocking rule once, in some area (the first ruleKeys of lineOrder). */
  ruleKeys: number;
  /** Findings per area they are listed under (null: none), in the same orders. */
  groups: Map<Area | null, { blocking: Finding[]; passing: Finding[] }>;
  graph: EstateGraph;
  /** Where each graph node is declared, for links. */
  nodeLocations: Map<string, Location>;
  inventory: InventoryEntry[];
  errors: InventoryEntry[];
}

function compareFindings(a: Finding, b: Finding): number {
  const la = a.locations[0];
  const lb = b.locations[0];
  return (
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.subject, b.subject) ||
    (la && lb ? compareLocations(la, lb) : (la ? 1 : 0) - (lb ? 1 : 0)) ||
    OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome) ||
    compareStrings(a.message, b.message) ||
    compareStrings(a.pillars.join(','), b.pillars.join(','))
  );
}

function prepare(result: ScanResult, options: MarkdownOptions): Context {
  // A total order first, so that the (stable) ranking gives the same text for the same findings
  // in any input order.
  const ordered = [...result.findings].sort(compareFindings);
  const passing = ordered
    .filter((f) => !isBlocking(f))
    .sort((a, b) => OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome));
  const rules = new Map<string, RuleInfo>();
  for (const rule of [...result.rules].sort((a, b) => compareStrings(a.id, b.id))) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  const graph = estateGraph(result);
  const declared = new Map<string, Location>();
  for (const source of result.estate.sources) declared.set(`source:${source.id}`, source.declaredAt);
  for (const sample of result.estate.samples) declared.set(`source:${sample.id}`, { path: sample.path, line: 1, column: 1 });
  for (const sink of result.estate.sinks) declared.set(`store:${sink.id}`, sink.declaredAt);
  const nodeLocations = new Map<string, Location>();
  for (const node of graph.nodes) {
    const at = declared.get(`${node.kind}:${node.ref}`);
    if (at) nodeLocations.set(node.key, at);
  }
  const blocking = rankBlockers(ordered);
  const blockingByRule = new Map<string, Finding[]>();
  for (const f of blocking) {
    const list = blockingByRule.get(f.ruleId);
    if (list) list.push(f);
    else blockingByRule.set(f.ruleId, [f]);
  }
  // Lines are per area, so each area's findings of a rule take turns with every other's.
  const lineKey = (f: Finding): string => `${homeArea(f)}\u0000${foldKey(f)}`;
  // Each rule's first line comes before any rule's second, so a short report still names every rule.
  const turns = roundRobin(blocking, lineKey);
  const seenRules = new Set<string>();
  const firsts = turns.filter((f) => !seenRules.has(f.ruleId) && seenRules.add(f.ruleId));
  const firstSet = new Set(firsts);
  const lineOrder = [...firsts, ...turns.filter((f) => !firstSet.has(f))];
  const lineKeys = new Set(blocking.map(lineKey)).size;
  const ruleKeys = seenRules.size;
  const groups = new Map<Area | null, { blocking: Finding[]; passing: Finding[] }>([...AREAS, null].map((a) => [a, { blocking: [], passing: [] }]));
  for (const f of blocking) groups.get(homeArea(f))?.blocking.push(f);
  for (const f of passing) groups.get(homeArea(f))?.passing.push(f);
  const inventory = [...result.inventory].sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.status, b.status) || compareStrings(a.reason ?? '', b.reason ?? ''));
  return {
    result,
    linkBase: options.linkBase ?? '',
    gate: options.gate ?? [],
    maxChars: options.maxChars ?? MARKDOWN_LIMIT,
    rules,
    blocking,
    passing,
    blockingByRule,
    lineOrder,
    lineKeys,
    ruleKeys,
    groups,
    graph,
    nodeLocations,
    inventory,
    errors: inventory.filter((e) => e.status === 'error'),
  };
}

function link(ctx: Context, location: Location): string {
  return `[${mdCode(clip(locationText(location), 200))}](${linkTarget(locationHref(ctx.result, location, ctx.linkBase))})`;
}

function links(ctx: Context, locations: readonly Location[], max: number): string {
  const shown = locations.slice(0, max).map((l) => link(ctx, l));
  if (locations.length > max) shown.push(`+${count(locations.length - max)} more`);
  return shown.join(', ');
}

function ruleTitle(ctx: Context, id: string): string {
  return ctx.rules.get(id)?.title ?? ctx.result.findings.find((f) => f.ruleId === id)?.title ?? '';
}

/** Findings folded into one line when not all are listed: one rule, one outcome (in one area). */
function foldKey(f: Finding): string {
  return `${f.ruleId}\u0000${f.outcome}`;
}

/** The first area of a finding in report order: where it is listed. */
function homeArea(f: Finding): Area | null {
  let best: Area | null = null;
  for (const p of f.pillars) if (best === null || AREAS.indexOf(p) < AREAS.indexOf(best)) best = p;
  return best;
}

// ---------------------------------------------------------------------------------------------
// The plan: how much of each part to show.

interface Plan {
  /** Blocking findings folded per area, passing ones counted per rule, files counted per reason. */
  condensed: boolean;
  /** How many blocking findings get a line of their own, in ctx.lineOrder; the others are counted on their rule's line. */
  findings: number;
  /** How many unreadable files are listed. */
  errors: number;
  /** Roadmap names the rules without remediation. */
  briefRoadmap: boolean;
  /** Longest Mermaid text; larger estates are drawn with fewer nodes of each kind. */
  diagramBudget: number;
  /** How many log sources get a row in the source table (0: counted only). */
  sourceRows: number;
}

/** Statements of what a rendering left out, gathered for the note under the title. */
type Cuts = string[];

// ---------------------------------------------------------------------------------------------
// Sections

function header(ctx: Context): string[] {
  const { result } = ctx;
  const { summary } = result;
  const inv = result.inventory;
  const n = (s: InventoryEntry['status']): number => inv.filter((e) => e.status === s).length;
  const blocks = [
    `## ztmm ${mdText(result.tool.version)} · profile ${mdText(summary.profile)} · ${STAGE_TITLES[summary.stage]} ${stageBar(summary.stage)} · ${summary.score}/100`,
  ];
  const c = summary.counts;
  blocks.push(
    `${plural(inv.length, 'file')} (${count(n('assessed'))} assessed, ${count(n('skipped'))} skipped, ${plural(n('error'), 'error')}) · ` +
      `${count(c.pass)} pass · ${count(c.fail)} fail · ${count(c['no-evidence'])} no evidence · ${count(c.error)} error · ${count(c.waived)} waived · ${count(c['not-applicable'])} not applicable`,
  );
  if (ctx.gate.length > 0) {
    const holds = ctx.gate.every((g) => g.ok);
    blocks.push(`**Gate ${holds ? '✔ holds' : '✘ fails'}:** ${ctx.gate.map((g) => `${g.ok ? '✔' : '✘'} ${mdCode(g.label)}`).join(' · ')}`);
  }
  return blocks;
}

function nextNeeds(ctx: Context, area: ScanResult['pillars'][number]): string {
  if (!area.next) return 'top stage reached';
  const to = `→ **${STAGE_TITLES[area.next.stage]}**`;
  const { blockers } = area.next;
  if (blockers.length === 0) {
    if (area.evidence === 0) return `${to}: ${area.kind === 'pillar' ? 'no log source for this pillar in the scanned inputs' : 'no log source in the scanned inputs'}`;
    return `${to}: no rule yet evidences ${STAGE_TITLES[area.next.stage]}`;
  }
  const named = blockers.slice(0, 3).map((id) => `**${mdText(id)}** ${mdProse(clip(ruleTitle(ctx, id), 160), 'cell')}`);
  if (blockers.length > 3) named.push(`+${count(blockers.length - 3)} more`);
  return `${to}: ${named.join('; ')}`;
}

function areasOrdered(ctx: Context): ScanResult['pillars'] {
  return [...ctx.result.pillars].sort((a, b) => AREAS.indexOf(a.id) - AREAS.indexOf(b.id));
}

function areaTable(ctx: Context): string[] {
  const rows = areasOrdered(ctx).map((area) => [
    area.kind === 'capability' ? `${AREA_TITLES[area.id]} _(capability)_` : AREA_TITLES[area.id],
    `${stageBar(area.stage)} ${STAGE_TITLES[area.stage]}`,
    String(area.score),
    String(area.evidence),
    nextNeeds(ctx, area),
  ]);
  return [
    '### Pillars and capabilities',
    table(['Pillar / capability', 'Stage', 'Score', 'Evidence', 'Next stage needs'], ['left', 'left', 'right', 'right', 'left'], rows),
    '_Evidence_: log sources and samples in the scanned inputs that speak for the area (for a capability, all of them). An area with none stays Traditional.',
  ];
}

function matrix(ctx: Context): string[] {
  const rows = areasOrdered(ctx).map((area) => [
    AREA_TITLES[area.id],
    ...DIMENSIONS.map((d) => {
      const cell = area.dimensions[d];
      return cell ? `${STAGE_TITLES[cell.stage]} · ${cell.score}` : '—';
    }),
  ]);
  return [
    '### Stage by dimension',
    table(['Pillar / capability', ...DIMENSIONS.map((d) => DIMENSION_TITLES[d])], ['left', ...DIMENSIONS.map(() => 'left' as const)], rows),
    'Each cell is the stage and score the area reaches on the findings of that dimension alone; — means no finding.',
  ];
}

function roadmap(ctx: Context, plan: Plan, cuts: Cuts): string[] {
  const blocks = ['### Roadmap to the next stage'];
  const explained = new Set<string>();
  const perArea = plan.condensed ? 5 : Infinity;
  let unnamed = 0;
  const quiet: string[] = [];
  for (const area of areasOrdered(ctx)) {
    if (!area.next) continue;
    const { blockers, stage } = area.next;
    if (blockers.length === 0) {
      quiet.push(`- **${AREA_TITLES[area.id]} → ${STAGE_TITLES[stage]}**: ${area.evidence === 0 ? 'no log source for it in the scanned inputs; scan the configs and logs that record it' : `no rule yet evidences ${STAGE_TITLES[stage]}`}.`);
      continue;
    }
    blocks.push(`#### ${AREA_TITLES[area.id]} → ${STAGE_TITLES[stage]}`);
    const items: string[] = [];
    for (const id of blockers.slice(0, perArea)) {
      const where = (ctx.blockingByRule.get(id) ?? []).filter((f) => f.pillars.includes(area.id)).flatMap((f) => f.locations.slice(0, 1));
      const at = where.length > 0 ? ` · ${links(ctx, where, plan.condensed ? 1 : 3)}` : '';
      items.push(`- **${mdText(id)}** ${mdProse(clip(ruleTitle(ctx, id), 200))}${at}`);
      const remediation = ctx.rules.get(id)?.remediation;
      if (plan.briefRoadmap || !remediation) continue;
      if (plan.condensed && explained.has(id)) items.push(`  - Fix: as for ${mdText(id)} above.`);
      else items.push(`  - Fix: ${mdProse(clip(remediation.replace(/\s+/g, ' ').trim(), 800))}`);
      explained.add(id);
    }
    if (blockers.length > perArea) {
      items.push(`- … ${plural(blockers.length - perArea, 'more rule')} (size limit)`);
      unnamed += blockers.length - perArea;
    }
    blocks.push(items.join('\n'));
  }
  if (quiet.length > 0) blocks.push(quiet.join('\n'));
  if (blocks.length === 1) blocks.push('Every pillar and capability is at the top stage.');
  if (unnamed > 0) cuts.push(`the roadmap names ${perArea} rules per area (${plural(unnamed, 'more rule')} not named)`);
  if (plan.briefRoadmap) cuts.push('the roadmap names rules without their remediation');
  return blocks;
}

const KIND_PLURALS: Record<GraphNodeKind, string> = { source: 'sources', shipper: 'shippers', store: 'stores' };

function estateSection(ctx: Context, plan: Plan, cuts: Cuts): string[] {
  const { graph } = ctx;
  const blocks = ['### Where audit events go'];
  if (graph.nodes.length === 0) {
    blocks.push('No log sources, shippers or stores were found in the scanned inputs, so there is nothing to draw: nothing shows where audit events are written or sent.');
    return blocks;
  }
  const { text, omitted, merged } = drawing(graph, plan.diagramBudget);
  blocks.push(`\`\`\`mermaid\n${text}\n\`\`\``);
  blocks.push(
    `Legend: sources → shippers → stores. ⚠ on red: a source that reaches no central store; dashed border: a log sample that no scanned config produces or ships; ⚠ on yellow: a store that keeps logs under ${graph.minRetentionDays} days; red dotted edge “no TLS”: a route that leaves the host without TLS${merged ? '; ×n: n alike nodes (same name, kind and connections) drawn as one' : ''}.`,
  );
  const left = (Object.keys(omitted) as GraphNodeKind[]).filter((k) => omitted[k] > 0);
  if (left.length > 0) {
    const total = (k: GraphNodeKind): number => graph.nodes.filter((n) => n.kind === k).length;
    const what = left.map((k) => `${count(total(k) - omitted[k])} of ${count(total(k))} ${KIND_PLURALS[k]}`).join(', ');
    blocks.push(`_The diagram shows ${what}: a path to each central store and the marked sources first, to stay readable and within the size limit._`);
    cuts.push(`the diagram shows ${what}`);
  }

  // The same marks as a list with links: the diagram cannot link, and may not render at all.
  const byKey = new Map(graph.nodes.map((n) => [n.key, n]));
  const where = (node: GraphNode): string => {
    const at = ctx.nodeLocations.get(node.key);
    return at ? ` ${link(ctx, at)}` : '';
  };
  const named = (node: GraphNode): string => {
    const at = ctx.nodeLocations.get(node.key);
    // A log sample's label is its path: the link alone names it, once.
    return at && at.path === node.label ? link(ctx, at) : `${mdCode(clip(node.label, 120))}${where(node)}`;
  };
  const perKind = plan.condensed ? 10 : Infinity;
  const rows: [string, string[]][] = [
    ['Reaches no central store', graph.nodes.filter((n) => n.unrouted).map(named)],
    [
      'Leaves the host without TLS',
      graph.edges
        .filter((e) => e.plaintext)
        .map((e) => {
          const from = byKey.get(e.from);
          const to = byKey.get(e.to);
          return from && to ? `${mdCode(clip(from.label, 80))} → ${mdCode(clip(to.label, 80))}${where(to)}` : '';
        })
        .filter((t) => t !== ''),
    ],
    [`Keeps logs under ${graph.minRetentionDays} days`, graph.nodes.filter((n) => n.shortRetention).map((n) => `${mdCode(clip(n.label, 80))} ${mdText(clip(n.detail, 120))}${where(n)}`)],
  ];
  const items: string[] = [];
  let unlisted = 0;
  for (const [title, entries] of rows) {
    if (entries.length === 0) continue;
    const shown = entries.slice(0, perKind);
    const more = entries.length - shown.length;
    unlisted += more;
    items.push(`- ⚠ **${title}** (${count(entries.length)}): ${shown.join(', ')}${more > 0 ? `, +${count(more)} more` : ''}`);
  }
  if (items.length > 0) blocks.push(items.join('\n'));
  if (unlisted > 0) cuts.push(`${plural(unlisted, 'marked node')} of the estate not listed by name`);
  blocks.push(...sourceTable(ctx, plan, cuts));
  return blocks;
}

function yesNo(value: boolean | null | undefined, yes: string, no: string): string {
  return value === true ? yes : value === false ? no : 'unknown';
}

function days(value: number | null | undefined): string {
  return value === null || value === undefined ? 'unknown' : `${count(value)} days`;
}

/** Where a source fact was decided, as a link, when the estate says. */
function evidenceLink(ctx: Context, source: LogSource, fact: string): string {
  const at = source.evidence?.[fact];
  return at ? ` ${link(ctx, at)}` : '';
}

/**
 * Each log source and where its events end: centralized or local only, TLS and buffering of
 * every remote hop, retention on the host and in the central store, each with the line that
 * decided it.
 */
function sourceTable(ctx: Context, plan: Plan, cuts: Cuts): string[] {
  const sources = [...ctx.result.estate.sources].sort((a, b) => compareStrings(a.id, b.id));
  if (sources.length === 0) return [];
  const limit = plan.sourceRows;
  if (limit === 0) {
    const central = sources.filter((s) => s.centralized === true).length;
    cuts.push('the source table is left out');
    return [`#### Log sources`, `${plural(sources.length, 'log source')}, ${count(central)} centralized; each with its routes, TLS and retention in the JSON result.`];
  }
  const rows = sources.slice(0, limit).map((s) => {
    const remote = s.centralized === true;
    const cells = [
      `${mdCode(clip(s.system, 60))} ${link(ctx, s.declaredAt)}`,
      `${remote ? 'yes' : s.centralized === false ? 'local only' : 'unknown'}${evidenceLink(ctx, s, 'centralized')}`,
      remote ? `${s.tls === true ? (s.tlsVerify === true ? 'verified TLS' : s.tlsVerify === false ? 'TLS, not verified' : 'TLS') : yesNo(s.tls, 'TLS', 'no TLS')}${evidenceLink(ctx, s, 'tls')}` : '–',
      remote ? `${yesNo(s.durable, 'on disk', 'in memory')}${evidenceLink(ctx, s, 'durable')}` : '–',
      `${days(s.localRetentionDays)}${evidenceLink(ctx, s, 'localRetentionDays')}`,
      remote ? `${s.centralUnbounded === true ? 'until deleted' : days(s.centralRetentionDays)}${evidenceLink(ctx, s, 'centralRetentionDays')}` : '–',
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const table = ['| Source | Centralized | Every remote hop | Buffer | Kept on the host | Kept centrally |', '|---|---|---|---|---|---|', ...rows].join('\n');
  const more = sources.length - Math.min(limit, sources.length);
  if (more > 0) cuts.push(`the source table lists ${count(limit)} of ${count(sources.length)} sources`);
  return ['#### Log sources', table, ...(more > 0 ? [`_+${plural(more, 'more source')}, in the JSON result._`] : [])];
}

/** One finding; folded (`more` > 0), it stands for as many more of its rule, and names its first place only. */
function findingLine(ctx: Context, f: Finding, home: Area | null, more = 0): string {
  const times = more > 0 ? ` ×${count(more + 1)}` : '';
  const parts = [`${OUTCOME_MARKS[f.outcome]} **${mdText(f.ruleId)}**${times} ${mdText(clip(f.message, 600))} _(${mdText(f.severity)}, ${STAGE_TITLES[f.stage]})_`];
  const first = f.locations[0];
  if (more > 0) parts.push(`${first ? `${link(ctx, first)}, ` : ''}+${count(more)} more`);
  else if (f.locations.length > 0) parts.push(links(ctx, f.locations, 3));
  if (f.subject !== '') parts.push(mdCode(clip(f.subject, 200)));
  const also = f.pillars.filter((p) => p !== home);
  if (also.length > 0) parts.push(`also ${also.map((p) => AREA_TITLES[p]).join(', ')}`);
  const waived = f.waiver ? ` — waived: ${mdText(clip(f.waiver.reason, 300))} (was ${OUTCOME_WORDS[f.waiver.outcome]})` : '';
  return `- ${parts.join(' · ')}${waived}`;
}

/** `CEN-001 ×3, COV-001, …`: findings per rule, for a condensed report. */
function ruleTally(findings: readonly Finding[]): string {
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  const ids = [...byRule.keys()].sort(compareStrings);
  const shown = ids.slice(0, 40).map((id) => {
    const n = byRule.get(id) ?? 0;
    return n > 1 ? `${mdText(id)} ×${count(n)}` : mdText(id);
  });
  if (ids.length > 40) shown.push(`+${plural(ids.length - 40, 'more rule')}`);
  return shown.join(', ');
}

function findingsSection(ctx: Context, plan: Plan, cuts: Cuts): string[] {
  const blocks = [
    '### Findings',
    'Each finding is listed once, under the first pillar or capability it concerns (pillars before capabilities); _also_ names the others. What blocks a stage comes first, most urgent first.',
  ];
  if (ctx.result.findings.length === 0) {
    blocks.push('No rule produced a finding.');
    return blocks;
  }
  const listed = new Set(ctx.lineOrder.slice(0, plan.findings));
  let unnamed = 0;
  for (const [group, { blocking, passing }] of ctx.groups) {
    if (blocking.length + passing.length === 0) continue;
    blocks.push(`#### ${group === null ? 'Not tied to a pillar' : AREA_TITLES[group]} · ${outcomeTally([...blocking, ...passing])}`);
    const { lines: entries, unlisted } = foldLines(blocking, listed, foldKey);
    const lines = entries.map(({ item, more }) => findingLine(ctx, item, group, more));
    if (unlisted.length > 0) lines.push(`- … ${plural(unlisted.length, 'more finding')} that block a stage, not listed here (size limit): ${ruleTally(unlisted)}`);
    unnamed += unlisted.length;
    if (blocking.length > 0) {
      const body = lines.join('\n');
      blocks.push(plan.condensed ? details(`${outcomeTally(blocking)}${entries.length < blocking.length ? ` (${count(entries.length)} listed one by one)` : ''}`, body) : body);
    }
    if (passing.length > 0) {
      if (plan.condensed) {
        const byOutcome = OUTCOME_ORDER.map((o) => passing.filter((f) => f.outcome === o)).filter((list) => list.length > 0);
        blocks.push(byOutcome.map((list) => `- ${outcomeTally(list)}: ${ruleTally(list)}`).join('\n'));
      } else blocks.push(details(outcomeTally(passing), passing.map((f) => findingLine(ctx, f, group)).join('\n')));
    }
  }
  const all = ctx.blocking.length;
  const counted = all - listed.size - unnamed;
  if (counted + unnamed > 0) {
    const are = (n: number): string => (n === 1 ? 'is' : 'are');
    const rest = [counted > 0 ? `${count(counted)} ${are(counted)} counted on the line of their rule (×n)` : '', unnamed > 0 ? `${count(unnamed)} ${are(unnamed)} only counted per rule` : ''].filter((t) => t !== '');
    blocks.push(`_To stay within the size limit, ${count(listed.size)} of ${count(all)} findings that block a stage are listed one by one; of the others, ${rest.join(', and ')}. ${FULL_REPORTS}_`);
    cuts.push(`findings that block a stage are folded per rule: ${count(listed.size)} of ${count(all)} are listed one by one, ${rest.join(', ')}`);
  }
  return blocks;
}

function inventoryEntryText(e: InventoryEntry): string {
  const what = e.status === 'assessed' ? `assessed${e.kind ? ` as ${e.kind}` : ''}` : `${e.status}${e.reason ? `: ${e.reason}` : ''}`;
  return mdText(clip(what, 300));
}

/** Where an unreadable file's problem is: `line:col: message` reasons point into it. */
function errorLocation(e: InventoryEntry): Location {
  const at = /^(\d+):(\d+)/.exec(e.reason ?? '');
  return { path: e.path, line: at ? Number(at[1]) : 1, column: at ? Number(at[2]) : 1 };
}

function inventorySection(ctx: Context, plan: Plan, cuts: Cuts): string[] {
  const inv = ctx.inventory;
  const n = (s: InventoryEntry['status']): number => inv.filter((e) => e.status === s).length;
  const blocks = ['### Inventory', `${plural(inv.length, 'file')}: ${count(n('assessed'))} assessed · ${count(n('skipped'))} skipped · ${plural(ctx.errors.length, 'error')}`];
  if (ctx.errors.length > 0) {
    const shown = ctx.errors.slice(0, plan.errors);
    const lines = shown.map((e) => `- ! ${link(ctx, errorLocation(e))} ${mdText(clip(e.reason ?? 'unreadable', 300))}`);
    const more = ctx.errors.length - shown.length;
    if (more > 0) {
      lines.push(`- … ${plural(more, 'more file')} that could not be read, not listed (size limit). ${FULL_REPORTS}`);
      cuts.push(`${count(shown.length)} of ${count(ctx.errors.length)} files that could not be read are listed`);
    }
    const heading = `**Could not be read** (the scan went on without them): ${plural(ctx.errors.length, 'file')}`;
    // Condensed, the list is folded: it is the inventory's one per-file list left.
    blocks.push(plan.condensed ? `${heading}\n\n${details(`! ${plural(ctx.errors.length, 'file')} could not be read${more > 0 ? ` (${count(shown.length)} listed)` : ''}`, lines.join('\n'))}` : `${heading}\n\n${lines.join('\n')}`);
  }
  if (inv.length === 0) return blocks;
  if (!plan.condensed) {
    blocks.push(details(`All ${plural(inv.length, 'file')}`, inv.map((e) => `- ${mdCode(clip(e.path, 300))} ${inventoryEntryText(e)}`).join('\n')));
    return blocks;
  }
  // Condensed: files counted per status and kind or reason, the commonest first.
  const groups = new Map<string, number>();
  for (const e of inv) {
    if (e.status === 'error') continue;
    const key = inventoryEntryText(e);
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const sorted = [...groups].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]));
  const lines = sorted.slice(0, 30).map(([what, k]) => `- ${count(k)} ${what}`);
  if (sorted.length > 30) lines.push(`- … ${plural(sorted.reduce((s, [, k], i) => (i >= 30 ? s + k : s), 0), 'file')} for ${plural(sorted.length - 30, 'other reason')}`);
  if (lines.length > 0) blocks.push(details('Assessed and skipped files by kind and reason', lines.join('\n')));
  return blocks;
}

function render(ctx: Context, plan: Plan): string {
  const cuts: Cuts = [];
  const body = [
    ...areaTable(ctx),
    ...matrix(ctx),
    ...roadmap(ctx, plan, cuts),
    ...estateSection(ctx, plan, cuts),
    ...findingsSection(ctx, plan, cuts),
    ...inventorySection(ctx, plan, cuts),
    '---',
    `<sub>ztmm ${htmlText(ctx.result.tool.version)} · CISA Zero Trust Maturity Model v2.0 · ${FULL_REPORTS}</sub>`,
  ];
  if (plan.condensed) cuts.unshift('details are folded, passing findings are counted per rule and files per kind and reason');
  const note = cuts.length === 0 ? [] : [`> [!NOTE]\n> **Shortened to fit ${count(ctx.maxChars)} characters:** ${cuts.join('; ')}. ${FULL_REPORTS}`];
  return `${[...header(ctx), ...note, ...body].join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Fitting

/** Blocking findings with a line of their own, at least, before the inventory's error list is cut (and always one per rule). */
const FINDINGS_FLOOR = 25;
/** Unreadable files listed once that list has to be cut, so the room goes to findings. */
const ERRORS_WHEN_CUT = 100;

/** The largest n in [lo, hi] whose rendering fits, given that lo's does (binary search). */
function largestFitting(lo: number, hi: number, renderN: (n: number) => string, max: number): { n: number; text: string } {
  let best = { n: lo, text: renderN(lo) };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const text = renderN(mid);
    if (text.length <= max) {
      lo = mid;
      best = { n: mid, text };
    } else hi = mid - 1;
  }
  return best;
}

/**
 * Last resort when even the barest plan is too long (a tiny maxChars, or rule packs with huge
 * texts): cut at a line, close what is open, and say so.
 */
function hardCut(text: string, max: number): string {
  const tail = `\n\n_Report cut at ${count(max)} characters. ${FULL_REPORTS}_\n`;
  const closersFor = (kept: string): string => {
    const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
    return '\n\n</details>'.repeat(Math.max(0, open));
  };
  let end = text.lastIndexOf('\n', Math.max(0, max - tail.length));
  while (end > 0) {
    let kept = text.slice(0, end);
    // Half a diagram would not render at all: cut before its fence instead.
    if ((kept.match(/^```/gm) ?? []).length % 2 === 1) kept = kept.slice(0, kept.lastIndexOf('\n```'));
    const out = `${kept}${closersFor(kept)}${tail}`;
    if (out.length <= max) return out;
    end = text.lastIndexOf('\n', end - 1);
  }
  return clip(tail.trim(), max);
}

export function formatMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const ctx = prepare(result, options);
  const max = ctx.maxChars;
  const fits = (text: string): boolean => text.length <= max;
  const all = ctx.blocking.length;
  const errors = ctx.errors.length;

  const full: Plan = { condensed: false, findings: all, errors, briefRoadmap: false, diagramBudget: 20_000, sourceRows: Infinity };
  const fullText = render(ctx, full);
  if (fits(fullText)) return fullText;

  const condensed: Plan = { ...full, condensed: true, diagramBudget: 12_000, sourceRows: 25 };
  const condensedText = render(ctx, condensed);
  if (fits(condensedText)) return condensedText;

  // Findings are folded first, down to one line per rule (in each area) or the most urgent few;
  // then the inventory's error list, to a hundred so that the room goes back to findings; only
  // when all findings fit again does the error list grow.
  const floor = Math.min(all, Math.max(FINDINGS_FLOOR, ctx.lineKeys));
  const withFindings = (n: number, shownErrors: number): string => render(ctx, { ...condensed, findings: n, errors: shownErrors });
  if (fits(withFindings(floor, errors))) return largestFitting(floor, all, (n) => withFindings(n, errors), max).text;
  const cap = Math.min(errors, ERRORS_WHEN_CUT);
  if (fits(withFindings(floor, cap))) {
    const best = largestFitting(floor, all, (n) => withFindings(n, cap), max);
    return best.n < all ? best.text : largestFitting(cap, errors, (e) => withFindings(all, e), max).text;
  }
  if (fits(withFindings(floor, 0))) return largestFitting(0, cap, (e) => withFindings(floor, e), max).text;

  // A small budget: the roadmap without remediation, a smaller diagram, and what room is left
  // goes to findings.
  const brief = (findings: number, diagramBudget: number): string => render(ctx, { ...condensed, findings, errors: 0, briefRoadmap: true, diagramBudget, sourceRows: 0 });
  // Every blocking rule keeps one line (in one area) before the diagram keeps its size.
  const ruleFloor = Math.min(all, Math.max(FINDINGS_FLOOR, ctx.ruleKeys));
  for (const diagram of [5_000, 2_000]) {
    if (fits(brief(ruleFloor, diagram))) return largestFitting(ruleFloor, all, (n) => brief(n, diagram), max).text;
  }
  if (fits(brief(0, 5_000))) return largestFitting(0, all, (n) => brief(n, 5_000), max).text;
  const bare = brief(0, 2_000);
  return fits(bare) ? bare : hardCut(bare, max);
}
