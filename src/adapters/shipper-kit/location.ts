/** Locations in a config file: a 1-based line and column, and the file's start where unset facts are placed. */
import type { Location } from '../../model/vocabulary.js';

export function at(path: string, line: number, column = 1): Location {
  return { path, line, column };
}

/** The start of a file, where facts that a file leaves unset are located. */
export function fileStart(path: string): Location {
  return at(path, 1, 1);
}
