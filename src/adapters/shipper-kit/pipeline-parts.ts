/** Building blocks shared by the shipper readers: empty outputs, sorting, reachability. */
import type { SinkKind } from '../../model/estate.js';
import type { Pipeline, PipelineEdge, PipelineInput, PipelineOutput } from '../../model/pipeline.js';
import { compareStrings } from '../../model/vocabulary.js';
import type { Location } from '../../model/vocabulary.js';

/** An output with nothing known yet: every fact null until the reader establishes it. */
export function blankOutput(id: string, plugin: string, sinkKind: SinkKind, at: Location): PipelineOutput {
  return { id, plugin, sinkKind, remote: null, endpoint: null, port: null, protocol: null, tls: null, tlsVerify: null, durable: null, index: null, path: null, at, locations: {} };
}

export function blankInput(id: string, plugin: string, at: Location): PipelineInput {
  return { id, plugin, channel: 'other', paths: [], exclude: [], port: null, at };
}

/** A pipeline with its parts in a stable order (inputs and outputs by id, edges by input then output). */
export function sortedPipeline(pipeline: Pipeline): Pipeline {
  const unique = new Map<string, PipelineEdge>();
  for (const edge of pipeline.edges) unique.set(`${edge.input}\u0000${edge.output}`, edge);
  return {
    ...pipeline,
    inputs: [...pipeline.inputs].sort((a, b) => compareStrings(a.id, b.id)),
    outputs: [...pipeline.outputs].sort((a, b) => compareStrings(a.id, b.id)),
    edges: [...unique.values()].sort((a, b) => compareStrings(a.input, b.input) || compareStrings(a.output, b.output)),
  };
}

/** Component names and patterns longer than this never match (a hostile file cannot make matching slow). */
const MAX_GLOB_LENGTH = 512;

/**
 * Whether a component name matches a glob (`app_*`, `*`): `*` any run, `?` one character,
 * everything else literal. Two pointers with one backtrack point: O(name × pattern) at worst,
 * and both are bounded.
 */
export function globMatches(pattern: string, name: string): boolean {
  if (pattern.length > MAX_GLOB_LENGTH || name.length > MAX_GLOB_LENGTH) return false;
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star !== -1) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** At most this many edges per pipeline (a hostile file could ask for billions); the rest are listed as not understood. */
export const MAX_EDGES = 100_000;

export const EMPTY: ReadonlySet<string> = new Set();

/** The union of sets; one non-empty set is returned as it is (sets are never changed once made). */
export function union(sets: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  // The same set often arrives many times (transforms sharing what reaches them): count it once.
  const distinct = [...new Set(sets.filter((x) => x.size > 0))];
  if (distinct.length <= 1) return distinct[0] ?? EMPTY;
  const out = new Set<string>();
  for (const set of distinct) for (const id of set) out.add(id);
  return out;
}
