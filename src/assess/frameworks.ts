/**
 * Compliance frameworks (--framework): requirement lists, and maturity levels where the framework
 * has them, shipped as frameworks/<id>.yaml and validated against schema/framework.schema.json.
 * Which rule evidences which requirement is written in the rules' references; a framework file
 * only names and orders the requirements.
 */
import { ZtmmError } from '../errors.js';
import { listIds, parseShipped, readShipped } from './shipped-data.js';
import type { ShippedDocument } from './shipped-data.js';

export interface FrameworkRequirement {
  /** The id rules name in references: `10.2.2`, `time-standard`, `AU-3`. */
  id: string;
  title: string;
  /** The level it belongs to (EL1, IG2), or null when the framework has no levels. */
  level: string | null;
  /** Scope, sources, and what the sources could not confirm. */
  note: string | null;
}

export interface FrameworkLevel {
  id: string;
  title: string;
  /** Levels below this one whose requirements it also needs, closed over (EL3: EL1 and EL2). */
  includes: string[];
  note: string | null;
}

export interface Framework {
  id: string;
  title: string;
  /** Citation of the text the file was written from. */
  source: string;
  /** In report order. */
  requirements: FrameworkRequirement[];
  /** Lowest first; empty when the framework has no levels. */
  levels: FrameworkLevel[];
  /** The level reported when the lowest level is not met (EL0), or null. */
  floor: string | null;
}

const SCHEMA = 'framework.schema.json';

/** Shipped framework ids, in name order. */
export function listFrameworks(): string[] {
  return listIds('frameworks');
}

/** The shipped framework `id`; an unknown id is a usage error listing the known ones. */
export function loadFramework(id: string): Framework {
  const known = listFrameworks();
  // Checked against the folder listing first, so `id` can never name a path outside it.
  if (!known.includes(id)) throw new ZtmmError('E_USAGE', `unknown framework "${id}" (${known.join(', ')})`);
  return toFramework(readShipped('frameworks', id, SCHEMA));
}

/** Parses and validates the text of frameworks/<id>.yaml (loadFramework without the disk). */
export function parseFramework(id: string, text: string): Framework {
  return toFramework(parseShipped('frameworks', id, text, SCHEMA));
}

interface RawFramework {
  id: string;
  title: string;
  source: string;
  requirements: { id: string; title: string; level?: string; note?: string }[];
  levels?: { id: string; title: string; includes: string[]; note?: string }[];
  floor?: string;
}

/** The checks the schema cannot express: unique ids, and level names that resolve. */
function toFramework(doc: ShippedDocument): Framework {
  const data = doc.data as RawFramework;
  const rawLevels = data.levels ?? [];
  const levels: FrameworkLevel[] = [];
  const closure = new Map<string, string[]>();
  rawLevels.forEach((level, i) => {
    if (closure.has(level.id)) doc.fail(['levels', i, 'id'], `repeats level "${level.id}"`);
    const below = new Set<string>();
    level.includes.forEach((name, j) => {
      // Only levels declared above: the order is the ladder, and no cycle can form.
      const included = closure.get(name);
      if (!included) doc.fail(['levels', i, 'includes', j], `names no level declared before "${level.id}"`);
      else for (const id of [...included, name]) below.add(id);
    });
    const includes = rawLevels.slice(0, i).map((l) => l.id).filter((id) => below.has(id));
    closure.set(level.id, includes);
    levels.push({ id: level.id, title: level.title, includes, note: level.note ?? null });
  });
  if (data.floor !== undefined) {
    if (levels.length === 0) doc.fail(['floor'], 'needs levels');
    if (closure.has(data.floor)) doc.fail(['floor'], `"${data.floor}" is a level; the floor is what is reported below the lowest one`);
  }
  const seen = new Set<string>();
  const requirements = data.requirements.map((req, i): FrameworkRequirement => {
    if (seen.has(req.id)) doc.fail(['requirements', i, 'id'], `repeats requirement "${req.id}"`);
    seen.add(req.id);
    if (req.level !== undefined && !closure.has(req.level)) doc.fail(['requirements', i, 'level'], `names no level of this framework`);
    // With levels, every requirement must sit on one, or it would silently count for no level.
    if (req.level === undefined && levels.length > 0) doc.fail(['requirements', i], 'needs a "level"');
    return { id: req.id, title: req.title, level: req.level ?? null, note: req.note ?? null };
  });
  // A level with nothing to meet would be met by an empty scan: absence of evidence is not compliance.
  rawLevels.forEach((level, i) => {
    if (!requirements.some((r) => r.level === level.id)) doc.fail(['levels', i], `no requirement has level "${level.id}"`);
  });
  return { id: data.id, title: data.title, source: data.source, requirements, levels, floor: data.floor ?? null };
}
