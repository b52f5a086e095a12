/**
 * What a scan assesses, from the command line, the config file and the profile, in that order of
 * precedence: which rules with which parameters and severities, which files, which gate, which
 * framework crosswalks. IO only to read the config, the profile and the packs.
 */
import { resolve } from 'node:path';
import { loadFramework } from '../assess/frameworks.js';
import type { Framework } from '../assess/frameworks.js';
import { DEFAULT_PROFILE, loadProfile } from '../assess/profiles.js';
import type { Profile } from '../assess/profiles.js';
import { loadConfig } from '../config/load-config.js';
import { pathFilter } from '../config/path-filter.js';
import type { PathFilter } from '../config/path-filter.js';
import type { ZtmmConfig } from '../config/types.js';
import { mergeMinStages, parseFailUnder, parseMinStage } from '../engine/gate.js';
import type { GateOptions, MinStage } from '../engine/gate.js';
import { ZtmmError } from '../errors.js';
import { AREAS } from '../model/vocabulary.js';
import type { Area, Stage } from '../model/vocabulary.js';
import { loadRules, unknownParams } from '../rules/load-packs.js';
import type { ParamOverrides } from '../rules/load-packs.js';
import { tailorRules } from '../rules/tailor.js';
import type { Rule } from '../rules/types.js';

export interface SetupFlags {
  config?: string;
  profile?: string;
  rules: string[];
  failUnder: string[];
  minStage: string[];
  framework: string[];
}

export interface Setup {
  config: ZtmmConfig;
  profile: Profile;
  /** Rules with the profile's and config's parameters, severities and disables applied. */
  rules: Rule[];
  gate: GateOptions;
  frameworks: Framework[];
  filter: PathFilter | undefined;
}

/** `{ overall: advanced, identity: optimal }` (config and profile) as the gate's MinStage. */
export function minStageOf(spec: ({ overall?: Stage } & Partial<Record<Area, Stage>>) | undefined): MinStage | null {
  if (!spec) return null;
  const areas: Partial<Record<Area, Stage>> = {};
  for (const area of AREAS) {
    const stage = spec[area];
    if (stage) areas[area] = stage;
  }
  return { overall: spec.overall ?? null, areas };
}

/** Profile parameters, then the config's on top, rule by rule. */
function mergeParams(profile: ParamOverrides, config: ParamOverrides): ParamOverrides {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const [id, values] of [...Object.entries(profile), ...Object.entries(config)]) merged[id] = { ...merged[id], ...values };
  return merged;
}

export function setupAssessment(paths: readonly string[], flags: SetupFlags, cwd: string): Setup {
  const config = loadConfig({ ...(flags.config !== undefined ? { explicit: flags.config } : {}), root: resolve(cwd, paths[0] ?? '.'), cwd });
  const profile = loadProfile(flags.profile ?? config.profile ?? DEFAULT_PROFILE);
  const extra = [...config.rules, ...flags.rules.map((d) => resolve(cwd, d))];
  // A config parameter for a rule or parameter that does not exist is a typo: refuse it where it is.
  const plain = loadRules({ extra });
  for (const [id, name] of unknownParams(plain, config.params)) {
    const at = config.locate(name === null ? ['params', id] : ['params', id, name]);
    throw new ZtmmError('E_CONFIG', `${at.path}:${at.line}:${at.column}: params: ${name === null ? `unknown rule "${id}"` : `${id} has no parameter "${name}"`}`);
  }
  const params = mergeParams(profile.params, config.params);
  const rules = tailorRules(Object.keys(params).length > 0 ? loadRules({ extra, params }) : plain, {
    severity: config.severity,
    disable: config.disable,
    locate: config.locate,
  });

  if (flags.failUnder.length > 1) throw new ZtmmError('E_USAGE', '--fail-under is given more than once');
  const failUnder = flags.failUnder[0] !== undefined ? parseFailUnder(flags.failUnder[0]) : (config.gate.failUnder ?? profile.gate.failUnder ?? null);
  const minStage = flags.minStage.length > 0 ? mergeMinStages(flags.minStage.map(parseMinStage)) : (minStageOf(config.gate.minStage) ?? minStageOf(profile.gate.minStage));

  const frameworkIds = [...new Set([...profile.frameworks, ...flags.framework.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean)])];
  const frameworks = frameworkIds.map(loadFramework);
  const filter = config.include.length > 0 || config.exclude.length > 0 ? pathFilter(config.include, config.exclude) : undefined;
  return { config, profile, rules, gate: { failUnder, minStage }, frameworks, filter };
}
