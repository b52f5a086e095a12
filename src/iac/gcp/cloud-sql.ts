/**
 * Cloud SQL audit settings (`google_sql_database_instance`): the database flags that make the
 * engine log sessions and statements (CIS GCP Foundations 2.0 section 6.2 for PostgreSQL). Flags
 * not written keep Cloud SQL's defaults: log_connections and log_disconnections off,
 * cloudsql.enable_pgaudit off, log_min_error_statement ERROR, log_min_messages WARNING,
 * log_error_verbosity DEFAULT, log_statement none; MySQL's cloudsql_mysql_audit OFF.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStream, Unresolved } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { blocksOf, stringOf } from '../values.js';
import type { Read } from '../values.js';
import { FactSheet } from '../fact-sheet.js';

/** PostgreSQL severities, least to most severe (log_min_error_statement / log_min_messages). */
const SEVERITIES = ['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'info', 'notice', 'warning', 'error', 'log', 'fatal', 'panic'];

export function readSqlInstance(resource: CloudResource): { subject: Subject; stream: CloudStream | null } | null {
  if (resource.type !== 'google_sql_database_instance') return null;
  const sheet = new FactSheet(resource);
  const version = stringOf(resource.values['database_version']);
  sheet.set('databaseVersion', version, 'database_version');
  const engine: Read<string> = isUnresolved(version) || version === null ? version : engineOf(version);
  sheet.set('engine', engine, 'database_version');

  const flags = readFlags(resource);
  const flagAttr = 'settings.database_flags';
  sheet.set('flags', flags, flagAttr);
  const flag = (name: string, fallback: string): string | Unresolved => (isUnresolved(flags) ? flags : Object.prototype.hasOwnProperty.call(flags, name) ? (flags[name] as string) : fallback);
  const on = (name: string): boolean | Unresolved => {
    const v = flag(name, 'off');
    return isUnresolved(v) ? v : ['on', 'true', '1', 'yes'].includes(v.trim().toLowerCase());
  };

  let auditing: boolean | Unresolved = false;
  if (engine === 'postgres') {
    const connections = on('log_connections');
    const disconnections = on('log_disconnections');
    sheet.set('logConnections', connections, flagAttr);
    sheet.set('logDisconnections', disconnections, flagAttr);
    const pgaudit = on('cloudsql.enable_pgaudit');
    sheet.set('pgaudit', pgaudit, flagAttr);
    // pgaudit.log defaults to none: the extension is loaded but logs no statement class.
    const classes = flag('pgaudit.log', 'none');
    sheet.set('pgauditLog', classes, flagAttr);
    const logging: Read<boolean> = isUnresolved(classes) ? classes : classes.trim() !== '' && classes.trim().toLowerCase() !== 'none';
    sheet.set('pgauditLogging', isUnresolved(pgaudit) ? pgaudit : pgaudit === false ? false : logging, flagAttr);
    const minError = flag('log_min_error_statement', 'error');
    sheet.set('logMinErrorStatement', minError, flagAttr);
    sheet.set('logMinErrorStatementRank', rank(minError), flagAttr);
    sheet.set('errorRank', SEVERITIES.indexOf('error'));
    sheet.set('logMinMessages', flag('log_min_messages', 'warning'), flagAttr);
    sheet.set('logErrorVerbosity', flag('log_error_verbosity', 'default'), flagAttr);
    sheet.set('logStatement', flag('log_statement', 'none'), flagAttr);
    auditing = connections === true || pgaudit === true;
  } else if (engine === 'mysql') {
    const audit = on('cloudsql_mysql_audit');
    sheet.set('mysqlAudit', audit, flagAttr);
    auditing = audit;
  }

  const subject = sheet.subject('gcp-sql-instance', ['data', 'applications']);
  // Database logs go to Cloud Logging in the instance's project (no destination is written).
  const stream: CloudStream | null =
    auditing === true
      ? { address: resource.address, stack: resource.stack, path: resource.path, system: 'gcp-cloudsql-audit', pillars: ['data', 'applications'], destinations: [], declaredAt: resource.at, destinationLocations: [] }
      : null;
  return { subject, stream };
}

function engineOf(version: string): string {
  const upper = version.trim().toUpperCase();
  if (upper.startsWith('POSTGRES')) return 'postgres';
  if (upper.startsWith('MYSQL')) return 'mysql';
  if (upper.startsWith('SQLSERVER')) return 'sqlserver';
  return 'other';
}

/** The flags written, by name (lower-cased values kept as written); Unresolved when one is not knowable. */
function readFlags(resource: CloudResource): Record<string, string> | Unresolved {
  const settings = blocksOf(resource.values['settings']);
  if (isUnresolved(settings)) return settings;
  const blocks = blocksOf(settings[0]?.['database_flags']);
  if (isUnresolved(blocks)) return blocks;
  const flags: Record<string, string> = {};
  for (const block of blocks) {
    const name = stringOf(block['name']);
    const value = stringOf(block['value']);
    if (isUnresolved(name)) return name;
    if (isUnresolved(value)) return value;
    if (name === null) continue;
    // Defined, not assigned: a flag named `__proto__` stays an ordinary key.
    Object.defineProperty(flags, name.trim().toLowerCase(), { value: (value ?? '').trim(), enumerable: true, writable: true, configurable: true });
  }
  return flags;
}

function rank(value: string | Unresolved): Read<number> {
  if (isUnresolved(value)) return value;
  const index = SEVERITIES.indexOf(value.trim().toLowerCase());
  return index < 0 ? null : index;
}
