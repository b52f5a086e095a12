/** The terminal report (pure): per-area table, overall line, top blockers, roadmap, waivers, inventory line. */
import { Chalk } from 'chalk';
import type { Finding, ScanResult } from '../model/result.js';
import { AREA_TITLES, SEVERITIES, STAGE_TITLES, compareStrings, stageIndex } from '../model/vocabulary.js';
import type { Stage } from '../model/vocabulary.js';

export interface GateLine {
  /** e.g. `--fail-under 40` */
  label: string;
  ok: boolean;
}

export interface TextOptions {
  color: boolean;
  gate?: GateLine[];
  /** How many blockers to list (default 10). */
  maxBlockers?: number;
}

const MARK: Record<Finding['outcome'], string> = {
  pass: '✔',
  fail: '✘',
  'no-evidence': '?',
  error: '!',
  'not-applicable': '-',
  waived: '~',
};

function stageBar(stage: Stage): string {
  const n = stageIndex(stage) + 1;
  return '■'.repeat(n) + '□'.repeat(4 - n);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function location(f: Finding): string {
  const loc = f.locations[0];
  return loc ? `${loc.path}:${loc.line}` : '';
}

export function isBlocking(f: Finding): boolean {
  return f.outcome === 'fail' || f.outcome === 'no-evidence' || f.outcome === 'error';
}

export function rankBlockers(findings: readonly Finding[]): Finding[] {
  return findings
    .filter(isBlocking)
    .sort(
      (a, b) =>
        stageIndex(a.stage) - stageIndex(b.stage) ||
        SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
        (a.outcome === 'fail' ? 0 : 1) - (b.outcome === 'fail' ? 0 : 1) ||
        compareStrings(a.ruleId, b.ruleId) ||
        compareStrings(a.subject, b.subject),
    );
}

export function inventoryLine(result: ScanResult): string {
  const inv = result.inventory;
  const count = (s: string): number => inv.filter((e) => e.status === s).length;
  const errors = inv.filter((e) => e.status === 'error');
  const errorText = errors.length === 0 ? '' : `: ${errors.slice(0, 3).map((e) => `${e.path}${e.reason?.match(/^\d+:\d+/) ? ':' : ' '}${e.reason ?? ''}`).join('; ')}${errors.length > 3 ? `; +${errors.length - 3} more` : ''}`;
  return `Inventory: ${inv.length} files · ${count('assessed')} assessed · ${count('skipped')} skipped · ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}${errorText}`;
}

/**
 * The waivers section: counts of config waivers and inline suppressions, then one warning line per
 * expired waiver and per suppression without a reason. Empty when the run had neither.
 */
export function waiverLines(result: ScanResult, c: { yellow(text: string): string; dim(text: string): string; bold(text: string): string }): string[] {
  const waivers = result.waivers ?? [];
  const suppressions = result.suppressions ?? [];
  if (waivers.length === 0 && suppressions.length === 0) return [];
  const count = <T extends { status: string }>(list: readonly T[], status: T['status']): number => list.filter((w) => w.status === status).length;
  const parts: string[] = [];
  if (waivers.length > 0) parts.push(`${count(waivers, 'active')} active · ${count(waivers, 'expired')} expired · ${count(waivers, 'unused')} unused`);
  if (suppressions.length > 0) {
    parts.push(`inline: ${count(suppressions, 'applied')} applied · ${count(suppressions, 'no-reason')} without reason · ${count(suppressions, 'unused')} unused`);
  }
  const waivedFindings = result.findings.filter((f) => f.outcome === 'waived').length;
  const out = [`  ${c.bold('Waivers')}  ${parts.join(' · ')} · ${waivedFindings} ${waivedFindings === 1 ? 'finding' : 'findings'} waived`];
  for (const w of waivers) {
    if (w.status !== 'expired') continue;
    const scope = [w.subject !== undefined ? `subject ${w.subject}` : '', w.path !== undefined ? `path ${w.path}` : ''].filter(Boolean).join(', ');
    out.push(
      `  ${c.yellow('! expired')}    ${w.rule}${scope ? ` (${scope})` : ''}  expired ${w.expires ?? ''}, no longer applied: ${w.reason}${w.owner !== undefined ? ` (owner ${w.owner})` : ''}  ${c.dim(`${w.at.path}:${w.at.line}`)}`,
    );
  }
  for (const s of suppressions) {
    if (s.status !== 'no-reason') continue;
    out.push(`  ${c.yellow('! no reason')}  ${s.rule}  ztmm:ignore without a reason is not applied  ${c.dim(`${s.path}:${s.line}`)}`);
  }
  return out;
}

export function formatText(result: ScanResult, options: TextOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const stageColor = (stage: Stage, text: string): string =>
    stage === 'optimal' ? c.green(text) : stage === 'advanced' ? c.cyan(text) : stage === 'initial' ? c.yellow(text) : c.red(text);
  const out: string[] = [];
  const inv = result.inventory;
  const assessed = inv.filter((e) => e.status === 'assessed').length;
  const skipped = inv.filter((e) => e.status === 'skipped').length;
  const errored = inv.filter((e) => e.status === 'error').length;
  out.push(
    `${c.bold(`ztmm ${result.tool.version}`)} · profile ${result.summary.profile} · ${inv.length} files (${assessed} assessed, ${skipped} skipped, ${errored} ${errored === 1 ? 'error' : 'errors'})`,
  );
  out.push('');
  out.push(c.dim(`  ${pad('Pillar / capability', 22)}${pad('Stage', 17)}${pad('Score', 7)}Next stage needs`));
  const byId = new Map(result.findings.map((f) => [f.ruleId, f]));
  for (const area of result.pillars) {
    const title = pad(AREA_TITLES[area.id], 22);
    const stageText = stageColor(area.stage, pad(`${stageBar(area.stage)} ${STAGE_TITLES[area.stage]}`, 17));
    const score = pad(String(area.score).padStart(3), 7);
    let needs = '';
    if (area.next) {
      const first = area.next.blockers[0];
      const more = area.next.blockers.length > 1 ? ` (+${area.next.blockers.length - 1} more)` : '';
      needs = first
        ? `${first} ${byId.get(first)?.title ?? ''}${more}`
        : area.evidence === 0
          ? c.dim(area.kind === 'pillar' ? 'no log source for this pillar in the scanned inputs' : 'no log source in the scanned inputs')
          : c.dim(`no rule yet evidences ${STAGE_TITLES[area.next.stage]}`);
    } else needs = c.green('top stage reached');
    out.push(`  ${title}${stageText}${score}${needs}`);
  }
  out.push('');
  const gate = options.gate ?? [];
  const gateText = gate.length === 0 ? '' : `      gate: ${gate.map((g) => `${g.label} ${g.ok ? c.green('✔') : c.red('✘')}`).join('  ')}`;
  out.push(`  ${c.bold('Overall')}  ${stageColor(result.summary.stage, STAGE_TITLES[result.summary.stage])} · ${result.summary.score}/100${gateText}`);
  const counts = result.summary.counts;
  out.push(
    c.dim(
      `  ${counts.pass} pass · ${counts.fail} fail · ${counts['no-evidence']} no evidence · ${counts.error} error · ${counts.waived} waived · ${counts['not-applicable']} not applicable`,
    ),
  );

  const blockers = rankBlockers(result.findings).slice(0, options.maxBlockers ?? 10);
  if (blockers.length > 0) {
    out.push('');
    out.push(`  ${c.bold('Top blockers')}`);
    const idWidth = Math.max(...blockers.map((b) => b.ruleId.length)) + 2;
    for (const f of blockers) {
      const mark = f.outcome === 'fail' ? c.red(MARK[f.outcome]) : c.yellow(MARK[f.outcome]);
      out.push(`  ${mark} ${pad(f.ruleId, idWidth)}${f.message}  ${c.dim(location(f))}`);
    }
  }

  const roadmap = result.pillars.filter((a) => a.next && a.next.blockers.length > 0);
  if (roadmap.length > 0) {
    out.push('');
    out.push(`  ${c.bold('Roadmap')}`);
    for (const area of roadmap) {
      if (!area.next) continue;
      out.push(`  ${pad(AREA_TITLES[area.id], 14)}→ ${pad(STAGE_TITLES[area.next.stage], 10)}${area.next.blockers.join(', ')}`);
    }
  }
  const waivers = waiverLines(result, c);
  if (waivers.length > 0) out.push('', ...waivers);
  out.push('');
  out.push(`  ${inventoryLine(result)}`);
  return `${out.join('\n')}\n`;
}
