/**
 * File references in reports. Result paths are relative to the scan base; code scanning and
 * repository links need them from the repository root, which the result records as
 * `repositoryBase` (null outside a Git work tree, when paths stay as they are).
 */
import type { ScanResult } from '../model/result.js';
import type { Location } from '../model/vocabulary.js';

/** A result path as a posix path from the repository root when known. */
export function repositoryPath(result: Pick<ScanResult, 'repositoryBase'>, path: string): string {
  const base = result.repositoryBase;
  return base ? `${base}/${path}` : path;
}

/**
 * A link target for a location: `linkBase` (for example
 * `https://github.com/OWNER/REPO/blob/SHA/`), the repository path, and GitHub's `#L<line>` anchor.
 * Without a base the target is repository-relative. Path segments are percent-encoded.
 */
export function locationHref(result: Pick<ScanResult, 'repositoryBase'>, location: Location, linkBase = ''): string {
  let path = encodeUriPath(repositoryPath(result, location.path));
  // Scanned paths are relative; one read back from an edited result could start with `//`, which
  // a browser would follow to another host.
  if (path.startsWith('/')) path = `.${path}`;
  const base = linkBase === '' || linkBase.endsWith('/') ? linkBase : `${linkBase}/`;
  return `${base}${path}#L${location.line}`;
}

/**
 * A posix path as a URI path: each segment percent-encoded. A lone UTF-16 surrogate (possible in
 * a result file edited by hand, never from a scan) becomes U+FFFD, where encodeURIComponent would
 * throw.
 */
export function encodeUriPath(path: string): string {
  return path
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}

/** `path:line` as shown to a reader. */
export function locationText(location: Location): string {
  return `${location.path}:${location.line}`;
}
