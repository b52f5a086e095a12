/** The terminal report (pure): per-area table, overall line, top blockers, roadmap, inventory line. */
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
  out.push('');
  out.push(`  ${inventoryLine(result)}`);
  return `${out.join('\n')}\n`;
}
