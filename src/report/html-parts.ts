/** Small HTML fragments shared by the sections of the HTML report: stage badges and file links. */
import type { ScanResult } from '../model/result.js';
import { OUTCOME_MARKS, STAGE_TITLES } from '../model/vocabulary.js';
import type { Location, Outcome, Stage } from '../model/vocabulary.js';
import { esc, escBreakable } from './html-escape.js';
import { locationHref, locationText } from './links.js';

export const OUTCOME_TITLES: Record<Outcome, string> = {
  pass: 'pass',
  fail: 'fail',
  'no-evidence': 'no evidence',
  'not-applicable': 'not applicable',
  error: 'error',
  waived: 'waived',
};


export function stageBadge(stage: Stage): string {
  return `<span class="badge stage-${stage}">${STAGE_TITLES[stage]}</span>`;
}

export function outcomeBadge(outcome: Outcome): string {
  return `<span class="badge outcome-${outcome}"><span aria-hidden="true">${OUTCOME_MARKS[outcome]} </span>${OUTCOME_TITLES[outcome]}</span>`;
}

/** A `path:line` link (locationHref keeps a path that begins with `//` on this host). */
export function locationLink(result: Pick<ScanResult, 'repositoryBase'>, location: Location, linkBase: string): string {
  const href = locationHref(result, location, linkBase);
  return `<a class="loc" href="${esc(href)}">${escBreakable(locationText(location))}</a>`;
}

/** Up to `max` links, then how many more. */
export function locationLinks(result: Pick<ScanResult, 'repositoryBase'>, locations: readonly Location[], linkBase: string, max = 3): string {
  const shown = locations.slice(0, max).map((l) => locationLink(result, l, linkBase));
  if (locations.length > max) shown.push(`<span class="muted">+${locations.length - max} more</span>`);
  return shown.join('<br>');
}
