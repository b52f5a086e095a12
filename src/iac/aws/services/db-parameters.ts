/**
 * Database parameter groups and option groups whose settings turn engine audit logging on, and the
 * link from an instance or cluster to the group it uses.
 *
 * Read: `aws_db_parameter_group`, `aws_rds_cluster_parameter_group`,
 * `aws_docdb_cluster_parameter_group`, `aws_neptune_cluster_parameter_group`,
 * `aws_redshift_parameter_group` (`parameter { name value }` blocks) and their CloudFormation
 * equivalents (`Parameters` as a map; Redshift's as `[{ ParameterName, ParameterValue }]`);
 * `aws_db_option_group` / `AWS::RDS::OptionGroup` for the MariaDB audit plugin of RDS MySQL and MariaDB.
 *
 * A parameter a group does not set keeps the engine default, the same as in the default group
 * (`default.postgres16`): PostgreSQL `shared_preload_libraries` without pgaudit, `pgaudit.log`
 * none, `log_connections` and `log_disconnections` off; Aurora MySQL `server_audit_logging` 0;
 * DocumentDB `audit_logs` disabled; Neptune `neptune_enable_audit_log` 0; Redshift
 * `enable_user_activity_logging` false.
 */
import { isUnresolved, Unresolved } from '../../../model/cloud.js';
import type { CloudResource, IacValue } from '../../../model/cloud.js';
import type { Subject } from '../../../model/subject.js';
import type { Location } from '../../../model/vocabulary.js';
import { ofType, targetsOf } from '../../resolve.js';
import { stringOf } from '../../values.js';
import type { Read } from '../../values.js';
import { familyOfGroupFamily } from './engines.js';
import type { EngineFamily } from './engines.js';
import { FactSheet, locate } from '../../fact-sheet.js';
import { allBlocks, isOn, keyValues, own } from './read.js';

export type GroupLevel = 'instance' | 'cluster' | 'docdb' | 'neptune' | 'redshift';

interface Setting {
  value: Read<string>;
  at: Location;
}

export interface ParameterGroup {
  resource: CloudResource;
  level: GroupLevel;
  name: Read<string>;
  family: Read<string>;
  /** By lower-cased parameter name; Unresolved when the parameters are a dynamic block not known statically. */
  settings: Map<string, Setting> | Unresolved;
}

export interface OptionGroup {
  resource: CloudResource;
  name: Read<string>;
  /** Option names, upper-cased; Unresolved when not known statically. */
  options: Set<string> | Unresolved;
  optionsAt: Location;
}

interface GroupShape {
  level: GroupLevel;
  cfn: boolean;
  nameAttr: string;
  familyAttr: string;
}

const GROUP_SHAPES: Record<string, GroupShape> = {
  aws_db_parameter_group: { level: 'instance', cfn: false, nameAttr: 'name', familyAttr: 'family' },
  aws_rds_cluster_parameter_group: { level: 'cluster', cfn: false, nameAttr: 'name', familyAttr: 'family' },
  aws_docdb_cluster_parameter_group: { level: 'docdb', cfn: false, nameAttr: 'name', familyAttr: 'family' },
  aws_neptune_cluster_parameter_group: { level: 'neptune', cfn: false, nameAttr: 'name', familyAttr: 'family' },
  aws_redshift_parameter_group: { level: 'redshift', cfn: false, nameAttr: 'name', familyAttr: 'family' },
  'AWS::RDS::DBParameterGroup': { level: 'instance', cfn: true, nameAttr: 'DBParameterGroupName', familyAttr: 'Family' },
  'AWS::RDS::DBClusterParameterGroup': { level: 'cluster', cfn: true, nameAttr: 'DBClusterParameterGroupName', familyAttr: 'Family' },
  'AWS::DocDB::DBClusterParameterGroup': { level: 'docdb', cfn: true, nameAttr: 'Name', familyAttr: 'Family' },
  'AWS::Neptune::DBClusterParameterGroup': { level: 'neptune', cfn: true, nameAttr: 'Name', familyAttr: 'Family' },
  'AWS::Redshift::ClusterParameterGroup': { level: 'redshift', cfn: true, nameAttr: 'ParameterGroupName', familyAttr: 'ParameterGroupFamily' },
};

export function readParameterGroups(resources: readonly CloudResource[]): ParameterGroup[] {
  return ofType(resources, ...Object.keys(GROUP_SHAPES)).map((resource) => {
    const shape = GROUP_SHAPES[resource.type] as GroupShape;
    return {
      resource,
      level: shape.level,
      name: stringOf(resource.values[shape.nameAttr]),
      family: stringOf(resource.values[shape.familyAttr]),
      settings: shape.cfn ? cfnSettings(resource) : terraformSettings(resource),
    };
  });
}

function terraformSettings(resource: CloudResource): Map<string, Setting> | Unresolved {
  const blocks = allBlocks(resource.values['parameter']);
  if (isUnresolved(blocks)) return blocks;
  const out = new Map<string, Setting>();
  // The front end keys locations without block indices, so one line stands for every parameter block.
  const at = locate(resource, 'parameter.value', 'parameter');
  for (const block of blocks) {
    const name = stringOf(own(block, 'name'));
    if (isUnresolved(name)) return name;
    if (name !== null) out.set(name.toLowerCase(), { value: stringOf(own(block, 'value')), at });
  }
  return out;
}

function cfnSettings(resource: CloudResource): Map<string, Setting> | Unresolved {
  const redshift = resource.type === 'AWS::Redshift::ClusterParameterGroup';
  const raw = resource.values['Parameters'];
  const pairs = redshift ? keyValues(raw, 'ParameterName', 'ParameterValue') : keyValues(raw, '', '');
  if (isUnresolved(pairs)) return pairs;
  const out = new Map<string, Setting>();
  const written = new Map<string, string>();
  if (!redshift && raw && typeof raw === 'object' && !Array.isArray(raw) && !isUnresolved(raw)) for (const key of Object.keys(raw)) written.set(key.toLowerCase(), key);
  for (const [name, value] of pairs) {
    const original = written.get(name) ?? name;
    out.set(name, { value: stringOf(value), at: locate(resource, `Parameters.${original}`, 'Parameters') });
  }
  return out;
}

export function readOptionGroups(resources: readonly CloudResource[]): OptionGroup[] {
  return ofType(resources, 'aws_db_option_group', 'AWS::RDS::OptionGroup').map((resource) => {
    const cfn = resource.source === 'cloudformation';
    const blocks = allBlocks(resource.values[cfn ? 'OptionConfigurations' : 'option']);
    let options: Set<string> | Unresolved = new Set<string>();
    if (isUnresolved(blocks)) options = blocks;
    else {
      for (const block of blocks) {
        const name = stringOf(own(block, cfn ? 'OptionName' : 'option_name'));
        if (isUnresolved(name)) {
          options = name;
          break;
        }
        if (name !== null) options.add(name.toUpperCase());
      }
    }
    return {
      resource,
      name: stringOf(resource.values[cfn ? 'OptionGroupName' : 'name']),
      options,
      optionsAt: locate(resource, cfn ? 'OptionConfigurations.OptionName' : 'option.option_name', cfn ? 'OptionConfigurations' : 'option'),
    };
  });
}

/** What a database's audit setting is, read from its group (or the engine defaults). */
export interface EngineAudit {
  /** The setting that turns audit on for this engine, or null when ztmm knows none (Oracle, SQL Server). */
  mechanism: string | null;
  enabled: Read<boolean>;
  at: Location;
  /** PostgreSQL only. */
  pgaudit?: Read<boolean>;
  pgauditLog?: Read<string>;
  logConnections?: Read<boolean>;
  logDisconnections?: Read<boolean>;
  pgAt?: { pgaudit: Location; pgauditLog: Location; logConnections: Location; logDisconnections: Location };
}

const DEFAULTS: Record<string, string> = {
  shared_preload_libraries: '',
  'pgaudit.log': 'none',
  log_connections: 'off',
  log_disconnections: 'off',
  server_audit_logging: '0',
  audit_logs: 'disabled',
  neptune_enable_audit_log: '0',
  enable_user_activity_logging: 'false',
};

type Lookup = (name: string) => Setting;

/** A lookup over a group's settings (defaults for what it does not set), or over the defaults only. */
export function lookupOf(settings: Map<string, Setting> | null, fallbackAt: Location): Lookup {
  return (name) => settings?.get(name) ?? { value: DEFAULTS[name] ?? null, at: fallbackAt };
}

/** PostgreSQL 18 made log_connections a list of aspects; any aspect listed logs connections. */
function connectionsOn(value: string): boolean {
  const v = value.trim().toLowerCase();
  return !['', 'off', '0', 'false', 'no'].includes(v);
}

function map<T>(value: Read<string>, fn: (text: string) => T): Read<T> {
  if (value === null || isUnresolved(value)) return value;
  return fn(value);
}

export function auditFromParameters(family: EngineFamily, lookup: Lookup, fallbackAt: Location): EngineAudit {
  switch (family) {
    case 'postgres': {
      const libs = lookup('shared_preload_libraries');
      const log = lookup('pgaudit.log');
      const conn = lookup('log_connections');
      const disc = lookup('log_disconnections');
      const pgaudit = map(libs.value, (v) => v.split(',').some((lib) => lib.trim().toLowerCase() === 'pgaudit'));
      const pgauditLog = log.value;
      const logging = map(pgauditLog, (v) => !['', 'none'].includes(v.trim().toLowerCase()));
      let enabled: Read<boolean>;
      if (pgaudit === false || logging === false) enabled = false;
      else if (isUnresolved(pgaudit)) enabled = pgaudit;
      else if (isUnresolved(logging)) enabled = logging;
      else enabled = pgaudit === true && logging === true;
      return {
        mechanism: 'pgaudit',
        enabled,
        at: pgaudit === false ? libs.at : log.at,
        pgaudit,
        pgauditLog,
        logConnections: map(conn.value, connectionsOn),
        logDisconnections: map(disc.value, isOn),
        pgAt: { pgaudit: libs.at, pgauditLog: log.at, logConnections: conn.at, logDisconnections: disc.at },
      };
    }
    case 'mysql': {
      const s = lookup('server_audit_logging');
      return { mechanism: 'server_audit_logging', enabled: map(s.value, isOn), at: s.at };
    }
    case 'docdb': {
      const s = lookup('audit_logs');
      return { mechanism: 'audit_logs', enabled: map(s.value, (v) => !['disabled', 'none', ''].includes(v.trim().toLowerCase())), at: s.at };
    }
    case 'neptune': {
      const s = lookup('neptune_enable_audit_log');
      return { mechanism: 'neptune_enable_audit_log', enabled: map(s.value, isOn), at: s.at };
    }
    case 'redshift': {
      const s = lookup('enable_user_activity_logging');
      return { mechanism: 'enable_user_activity_logging', enabled: map(s.value, isOn), at: s.at };
    }
    default:
      return { mechanism: null, enabled: null, at: fallbackAt };
  }
}

/** Which group a database names: the engine's default group, a declared group, or unknown (with why). */
export type GroupChoice<G> = { kind: 'default' } | { kind: 'group'; group: G } | { kind: 'unknown'; reason: string };

export function chooseGroup<G extends { resource: CloudResource; name: Read<string> }>(
  db: CloudResource,
  value: IacValue | undefined,
  candidates: readonly G[],
  label: string,
): GroupChoice<G> {
  if (value === undefined || value === null) return { kind: 'default' };
  const matched = targetsOf(
    db,
    value,
    candidates.map((g) => ({ address: g.resource.address, stack: g.resource.stack, group: g })),
    (c) => (typeof c.group.name === 'string' ? [c.group.name] : []),
  );
  const first = matched[0];
  if (first) return { kind: 'group', group: first.group };
  if (typeof value === 'string' && /^default[.:]/.test(value)) return { kind: 'default' };
  if (isUnresolved(value)) return { kind: 'unknown', reason: value.refs.length > 0 ? `the ${label} ${value.refs.join(', ')} is not among the scanned resources` : value.reason };
  return { kind: 'unknown', reason: `the ${label} "${String(stringOf(value as IacValue) ?? '')}" is not declared in the scanned code` };
}

/** Whether an option group turns on the MariaDB audit plugin (RDS MySQL and MariaDB). */
export function auditFromOptions(group: OptionGroup | null, fallbackAt: Location): EngineAudit {
  if (group === null) return { mechanism: 'MARIADB_AUDIT_PLUGIN', enabled: false, at: fallbackAt };
  const options = group.options;
  if (isUnresolved(options)) return { mechanism: 'MARIADB_AUDIT_PLUGIN', enabled: options, at: group.optionsAt };
  const on = options.has('MARIADB_AUDIT_PLUGIN');
  return { mechanism: 'MARIADB_AUDIT_PLUGIN', enabled: on, at: on ? group.optionsAt : group.resource.at };
}

/** Puts an audit reading on a fact sheet under `prefix` (`engineAudit`). */
export function putAudit(sheet: FactSheet, prefix: string, audit: EngineAudit): void {
  sheet.put(`${prefix}.mechanism`, audit.mechanism, audit.at);
  sheet.put(`${prefix}.applies`, audit.mechanism !== null, audit.at);
  if (audit.mechanism !== null) sheet.set(`${prefix}.enabled`, audit.enabled, audit.at);
  if (audit.pgAt) {
    sheet.set(`${prefix}.pgaudit`, audit.pgaudit ?? null, audit.pgAt.pgaudit);
    sheet.set(`${prefix}.pgauditLog`, audit.pgauditLog ?? null, audit.pgAt.pgauditLog);
    sheet.set(`${prefix}.logConnections`, audit.logConnections ?? null, audit.pgAt.logConnections);
    sheet.set(`${prefix}.logDisconnections`, audit.logDisconnections ?? null, audit.pgAt.logDisconnections);
  }
}

/** One `aws-db-parameters` subject per parameter or option group, with the databases that use it. */
export function groupSubjects(groups: readonly ParameterGroup[], options: readonly OptionGroup[], usedBy: ReadonlyMap<string, string[]>): Subject[] {
  const subjects: Subject[] = [];
  for (const group of groups) {
    const sheet = new FactSheet(group.resource);
    const { resource } = group;
    const cfn = resource.source === 'cloudformation';
    const shape = GROUP_SHAPES[resource.type] as GroupShape;
    sheet.put('groupKind', 'parameter-group', resource.at);
    sheet.put('level', group.level, resource.at);
    sheet.set('name', group.name, locate(resource, shape.nameAttr));
    const family = sheet.set('family', group.family, locate(resource, shape.familyAttr));
    const engineFamily: EngineFamily | null = family === null ? null : familyOfGroupFamily(family);
    if (engineFamily === null) sheet.unknownFact('engineFamily', sheet.unknown['family'] ?? 'the group has no family', resource.at);
    else sheet.put('engineFamily', engineFamily, locate(resource, shape.familyAttr));
    sheet.put('usedBy', [...(usedBy.get(resource.address) ?? [])].sort(), resource.at);
    const settingsAt = locate(resource, cfn ? 'Parameters' : 'parameter');
    if (isUnresolved(group.settings)) {
      sheet.unknownFact('audit', group.settings.reason, settingsAt);
    } else if (engineFamily !== null) {
      putAudit(sheet, 'audit', auditFromParameters(engineFamily, lookupOf(group.settings, resource.at), resource.at));
    }
    subjects.push(sheet.subject('aws-db-parameters', ['data']));
  }
  for (const group of options) {
    const sheet = new FactSheet(group.resource);
    sheet.put('groupKind', 'option-group', group.resource.at);
    sheet.set('name', group.name, locate(group.resource, group.resource.source === 'cloudformation' ? 'OptionGroupName' : 'name'));
    sheet.put('usedBy', [...(usedBy.get(group.resource.address) ?? [])].sort(), group.resource.at);
    putAudit(sheet, 'audit', auditFromOptions(group, group.resource.at));
    subjects.push(sheet.subject('aws-db-parameters', ['data']));
  }
  return subjects;
}
