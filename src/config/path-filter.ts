/**
 * The config's include and exclude globs (pure). They match report paths (posix, relative to the
 * scan base); a file left out is still inventoried, as skipped, with the glob that left it out.
 */
import picomatch from 'picomatch';

export type PathFilter = (path: string) => string | null;

export function pathFilter(include: readonly string[], exclude: readonly string[]): PathFilter {
  const options = { dot: true };
  const includes = include.map((glob) => ({ glob, test: picomatch(glob, options) }));
  const excludes = exclude.map((glob) => ({ glob, test: picomatch(glob, options) }));
  return (path) => {
    if (includes.length > 0 && !includes.some((i) => i.test(path))) return 'not in the config include globs';
    const hit = excludes.find((e) => e.test(path));
    return hit ? `excluded by the config (${hit.glob})` : null;
  };
}
