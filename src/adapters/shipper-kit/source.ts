/**
 * A parsed shipper configuration, whatever it was written in (YAML, JSON, TOML, a string inside a
 * Kubernetes manifest): plain data plus a map from any path inside it back to a line and column.
 */
import type { DocPath } from '../../documents/yaml-document.js';
import type { Location } from '../../model/vocabulary.js';

export interface ConfigSource {
  /** Posix path of the scanned file (for an embedded config: the manifest). */
  readonly path: string;
  readonly data: unknown;
  /** Location of the node at `path`, or of its closest existing ancestor. */
  locate(path: DocPath): Location;
}

/** The part of a source below `base` (`spec.config` of an operator resource), as a source of its own. */
export function below(source: ConfigSource, base: DocPath, data: unknown): ConfigSource {
  return { path: source.path, data, locate: (path) => source.locate([...base, ...path]) };
}
