/** The project configuration (.ztmm.yaml) after validation: see schema/config.schema.json. */
import type { SemanticField } from '../model/estate.js';
import type { Area, Location, Severity, Stage } from '../model/vocabulary.js';

export interface Waiver {
  rule: string;
  subject?: string;
  path?: string;
  reason: string;
  owner?: string;
  /** YYYY-MM-DD, inclusive (UTC). */
  expires?: string;
  /** Where the waiver is written, for reports (`.ztmm.yaml:12:5`). */
  declaredAt: Location;
}

export interface DeclaredSource {
  path: string;
  system: string;
  pillars: Area[];
  format?: string;
}

export interface GateConfig {
  failUnder?: number;
  minStage?: { overall?: Stage } & Partial<Record<Area, Stage>>;
  maxDrop?: number;
}

export interface ZtmmConfig {
  /** Absolute path of the file, or null when there is none. */
  file: string | null;
  /** The file as reports show it (relative to the working directory when inside it). */
  shown: string | null;
  profile?: string;
  include: string[];
  exclude: string[];
  /** Absolute folders or files of extra packs. */
  rules: string[];
  params: Record<string, Record<string, unknown>>;
  severity: Record<string, Severity>;
  disable: string[];
  sources: DeclaredSource[];
  aliases: Partial<Record<SemanticField, string[]>>;
  gate: GateConfig;
  waivers: Waiver[];
  /** Location of a key path in the file, for errors that come after validation. */
  locate(path: readonly (string | number)[]): Location;
}

export const EMPTY_CONFIG: ZtmmConfig = {
  file: null,
  shown: null,
  include: [],
  exclude: [],
  rules: [],
  params: {},
  severity: {},
  disable: [],
  sources: [],
  aliases: {},
  gate: {},
  waivers: [],
  locate: () => ({ path: '', line: 1, column: 1 }),
};
