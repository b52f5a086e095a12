/** The public Node API of ztmm. */
export { run } from './cli/run.js';
export type { CliIo } from './cli/io.js';
export { scan } from './scan.js';
export type { ScanOptions, ScanOutcome } from './scan.js';
export { loadRules, compilePack } from './rules/load-packs.js';
export type { Rule, Condition, Reference } from './rules/types.js';
export { formatText } from './report/text.js';
export { formatJson } from './report/json.js';
export { checkGate, parseMinStage } from './engine/gate.js';
export { ladderStage, weightedScore, scoreAreas, overall, STAGE_WEIGHT, SEVERITY_WEIGHT } from './engine/score.js';
export { ZtmmError } from './errors.js';
export type { ScanResult, Finding, AreaResult, InventoryEntry } from './model/result.js';
export type { LogSource, Sink, Route, Detection, SampleStats, Estate } from './model/estate.js';
export * from './model/vocabulary.js';
