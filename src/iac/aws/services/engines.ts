/**
 * Database engines: which family an engine name belongs to, which exported log type carries the
 * engine's audit records, and which setting turns that audit on.
 *
 * Audit-relevant log types (RDS, Aurora, DocumentDB, Neptune and Redshift user guides, "publishing
 * logs to CloudWatch Logs"): PostgreSQL writes pgaudit and connection records to the `postgresql`
 * log; MySQL, MariaDB and Aurora MySQL to `audit` (the MariaDB audit plugin / advanced auditing);
 * Oracle unified or standard audit to `audit`; SQL Server login failures to `error`; DocumentDB
 * and Neptune to `audit`; Redshift audit logging is three logs (connection, user, user activity).
 */
export type EngineFamily = 'postgres' | 'mysql' | 'oracle' | 'sqlserver' | 'db2' | 'docdb' | 'neptune' | 'redshift' | 'other';

export function familyOfEngine(engine: string): EngineFamily {
  const e = engine.trim().toLowerCase();
  if (e === 'postgres' || e === 'aurora-postgresql') return 'postgres';
  if (e === 'mysql' || e === 'mariadb' || e === 'aurora' || e === 'aurora-mysql') return 'mysql';
  if (e.startsWith('oracle') || e.startsWith('custom-oracle')) return 'oracle';
  if (e.startsWith('sqlserver') || e.startsWith('custom-sqlserver')) return 'sqlserver';
  if (e.startsWith('db2')) return 'db2';
  if (e === 'docdb') return 'docdb';
  if (e === 'neptune') return 'neptune';
  return 'other';
}

/** The engine family of a parameter group family (`postgres16`, `aurora-mysql8.0`, `docdb5.0`, `neptune1.3`, `redshift-1.0`). */
export function familyOfGroupFamily(family: string): EngineFamily {
  const f = family.trim().toLowerCase();
  if (/^(aurora-)?postgres/.test(f)) return 'postgres';
  if (/^(aurora-mysql|aurora\d|mysql|mariadb)/.test(f)) return 'mysql';
  if (f.startsWith('oracle')) return 'oracle';
  if (f.startsWith('sqlserver')) return 'sqlserver';
  if (f.startsWith('db2')) return 'db2';
  if (f.startsWith('docdb')) return 'docdb';
  if (f.startsWith('neptune')) return 'neptune';
  if (f.startsWith('redshift')) return 'redshift';
  return 'other';
}

export const AUDIT_LOG_TYPES: Record<EngineFamily, string[] | null> = {
  postgres: ['postgresql'],
  mysql: ['audit'],
  oracle: ['audit'],
  sqlserver: ['error'],
  db2: null,
  docdb: ['audit'],
  neptune: ['audit'],
  redshift: ['connectionlog', 'userlog', 'useractivitylog'],
  other: null,
};
