/**
 * The host a scanned file belongs to (pure). An export of many machines keeps each one's files
 * under its own folder (`nodes/web-1/etc/rsyslog.conf`, `nodes/web-1/var/log/messages`): the
 * host root is the folder that holds the file's `etc/`, `var/`, `opt/`, ... A config and a log
 * path link only on the same host.
 */

/** Top-level folders of a Unix file system: the segment before the first of them ends the host root. */
const FS_TOP = new Set(['etc', 'var', 'opt', 'usr', 'srv', 'home', 'run', 'root', 'tmp']);

/** `nodes/web-1/etc/rsyslog.conf` → `nodes/web-1`; `etc/x.conf` → ``; `config/x.conf` → null (no host layout). */
export function hostRootOf(path: string): string | null {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (FS_TOP.has(parts[i] as string)) return parts.slice(0, i).join('/');
  }
  return null;
}

/** A host path (`/etc/rsyslog.d/*.conf`) as a scan path under a host root. */
export function underHostRoot(root: string, absolute: string): string {
  const rel = absolute.replace(/^\/+/, '');
  return root === '' ? rel : `${root}/${rel}`;
}
