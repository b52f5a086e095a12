/** The shared vocabulary of DESIGN.md: pillars, capabilities, stages, dimensions, outcomes. */

export const PILLARS = ['identity', 'devices', 'networks', 'applications', 'data'] as const;
export const CAPABILITIES = ['visibility', 'automation', 'governance'] as const;
/** Report order: the five pillars, then the three cross-cutting capabilities. */
export const AREAS = [...PILLARS, ...CAPABILITIES] as const;

export type Pillar = (typeof PILLARS)[number];
export type Capability = (typeof CAPABILITIES)[number];
export type Area = (typeof AREAS)[number];

export const AREA_TITLES: Record<Area, string> = {
  identity: 'Identity',
  devices: 'Devices',
  networks: 'Networks',
  applications: 'Applications',
  data: 'Data',
  visibility: 'Visibility',
  automation: 'Automation',
  governance: 'Governance',
};

export const STAGES = ['traditional', 'initial', 'advanced', 'optimal'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_TITLES: Record<Stage, string> = {
  traditional: 'Traditional',
  initial: 'Initial',
  advanced: 'Advanced',
  optimal: 'Optimal',
};

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** Parses a stage name from user input; `optimized` is accepted as an alias of `optimal`. */
export function parseStage(text: string): Stage | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'optimized') return 'optimal';
  return (STAGES as readonly string[]).includes(lower) ? (lower as Stage) : undefined;
}

export function isArea(text: string): text is Area {
  return (AREAS as readonly string[]).includes(text);
}

export const DIMENSIONS = [
  'coverage',
  'centralization',
  'format',
  'retention',
  'metadata',
  'integrity',
  'realtime',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_TITLES: Record<Dimension, string> = {
  coverage: 'Coverage',
  centralization: 'Centralization',
  format: 'Format',
  retention: 'Retention',
  metadata: 'Metadata',
  integrity: 'Integrity',
  realtime: 'Real time',
};

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const OUTCOMES = ['pass', 'fail', 'no-evidence', 'not-applicable', 'error', 'waived'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Marks that say the outcome without colour, the same in every report. */
export const OUTCOME_MARKS: Record<Outcome, string> = {
  pass: '✔',
  fail: '✘',
  'no-evidence': '?',
  error: '!',
  'not-applicable': '–',
  waived: '~',
};

/** A 1-based position in a file, with a posix path relative to the scan root. */
export interface Location {
  path: string;
  line: number;
  column: number;
}

export function compareLocations(a: Location, b: Location): number {
  return compareStrings(a.path, b.path) || a.line - b.line || a.column - b.column;
}

/** Locale-independent string order, so output is byte-identical everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
