/**
 * Assessment profiles (--profile): presets of rule parameters, the default CI gate and the
 * frameworks to show, shipped as profiles/<id>.yaml and validated against
 * schema/profile.schema.json. A profile is data only; what a framework requires lives in the rule
 * packs' references and frameworks/, never here.
 */
import { ZtmmError } from '../errors.js';
import type { Area, Stage } from '../model/vocabulary.js';
import type { ParamOverrides } from '../rules/load-packs.js';
import { listIds, parseShipped, readShipped } from './shipped-data.js';
import type { ShippedDocument } from './shipped-data.js';

/** The profile a run uses when none is named. */
export const DEFAULT_PROFILE = 'ztmm';

export interface ProfileGate {
  failUnder?: number;
  minStage?: { overall?: Stage } & Partial<Record<Area, Stage>>;
}

export interface Profile {
  id: string;
  title: string;
  description: string;
  /** Rule parameters by rule id, over the packs' defaults (loadRules({ params })). */
  params: ParamOverrides;
  /** The gate to apply when neither the command line nor the config sets one. */
  gate: ProfileGate;
  /** Framework ids whose crosswalk the profile shows by default. */
  frameworks: string[];
}

const SCHEMA = 'profile.schema.json';

/** Shipped profile ids: the default first, then the others in name order. */
export function listProfiles(): string[] {
  const ids = listIds('profiles');
  return ids.includes(DEFAULT_PROFILE) ? [DEFAULT_PROFILE, ...ids.filter((id) => id !== DEFAULT_PROFILE)] : ids;
}

/** The shipped profile `id`; an unknown id is a usage error listing the known ones. */
export function loadProfile(id: string): Profile {
  const known = listProfiles();
  // Checked against the folder listing first, so `id` can never name a path outside it.
  if (!known.includes(id)) throw new ZtmmError('E_USAGE', `unknown profile "${id}" (${known.join(', ')})`);
  return toProfile(readShipped('profiles', id, SCHEMA));
}

/** Parses and validates the text of profiles/<id>.yaml (loadProfile without the disk). */
export function parseProfile(id: string, text: string): Profile {
  return toProfile(parseShipped('profiles', id, text, SCHEMA));
}

function toProfile(doc: ShippedDocument): Profile {
  // The schema has checked every shape below; only the links to other files are left.
  const data = doc.data as Profile;
  const frameworks = listIds('frameworks');
  data.frameworks.forEach((name, i) => {
    if (!frameworks.includes(name)) doc.fail(['frameworks', i], `names no shipped framework (${frameworks.join(', ')})`);
  });
  return {
    id: data.id,
    title: data.title,
    description: data.description,
    params: data.params,
    gate: data.gate,
    frameworks: [...data.frameworks],
  };
}
