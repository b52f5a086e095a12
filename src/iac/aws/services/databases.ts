/**
 * RDS instances, RDS/Aurora clusters, DocumentDB and Neptune clusters: which logs they export to
 * CloudWatch Logs (`enabled_cloudwatch_logs_exports`, Neptune `enable_cloudwatch_logs_exports`,
 * CloudFormation `EnableCloudwatchLogsExports`) against the engine's audit log type, and whether
 * the engine's own audit is on in the parameter group (or option group) the database uses.
 *
 * Exported logs go to log groups named by convention: `/aws/rds/instance/<id>/<type>`,
 * `/aws/rds/cluster/<id>/<type>`, `/aws/docdb/<id>/<type>`, `/aws/neptune/<id>/<type>`; those of
 * the audit-relevant types are the stream's destinations (all exported ones when none is).
 */
import type { CloudResource } from '../../../model/cloud.js';
import type { Location } from '../../../model/vocabulary.js';
import { ofType } from '../../resolve.js';
import { stringOf, stringsOf } from '../../values.js';
import { AUDIT_LOG_TYPES, familyOfEngine } from './engines.js';
import type { EngineFamily } from './engines.js';
import { auditFromOptions, auditFromParameters, chooseGroup, lookupOf, putAudit } from './db-parameters.js';
import type { GroupChoice, GroupLevel, OptionGroup, ParameterGroup } from './db-parameters.js';
import { locate } from '../../fact-sheet.js';
import type { FactSheet } from '../../fact-sheet.js';
import { finish, putLogTypes, serviceSheet } from './output.js';
import type { Destination, Service, ServiceOutput } from './output.js';

interface DbShape {
  cfn: boolean;
  level: GroupLevel;
  engineAttr: string | null;
  /** The engine when the resource has no engine argument (DocumentDB, Neptune). */
  fixedEngine?: string;
  idAttr: string;
  exportsAttr: string;
  groupAttr: string;
  optionAttr?: string;
  logGroup: (id: string, type: string) => string;
}

const instanceGroup = (id: string, type: string): string => `/aws/rds/instance/${id}/${type}`;
const clusterGroup = (id: string, type: string): string => `/aws/rds/cluster/${id}/${type}`;
const docdbGroup = (id: string, type: string): string => `/aws/docdb/${id}/${type}`;
const neptuneGroup = (id: string, type: string): string => `/aws/neptune/${id}/${type}`;

const SHAPES: Record<string, DbShape> = {
  aws_db_instance: { cfn: false, level: 'instance', engineAttr: 'engine', idAttr: 'identifier', exportsAttr: 'enabled_cloudwatch_logs_exports', groupAttr: 'parameter_group_name', optionAttr: 'option_group_name', logGroup: instanceGroup },
  aws_rds_cluster: { cfn: false, level: 'cluster', engineAttr: 'engine', idAttr: 'cluster_identifier', exportsAttr: 'enabled_cloudwatch_logs_exports', groupAttr: 'db_cluster_parameter_group_name', logGroup: clusterGroup },
  aws_docdb_cluster: { cfn: false, level: 'docdb', engineAttr: null, fixedEngine: 'docdb', idAttr: 'cluster_identifier', exportsAttr: 'enabled_cloudwatch_logs_exports', groupAttr: 'db_cluster_parameter_group_name', logGroup: docdbGroup },
  aws_neptune_cluster: { cfn: false, level: 'neptune', engineAttr: null, fixedEngine: 'neptune', idAttr: 'cluster_identifier', exportsAttr: 'enable_cloudwatch_logs_exports', groupAttr: 'neptune_cluster_parameter_group_name', logGroup: neptuneGroup },
  'AWS::RDS::DBInstance': { cfn: true, level: 'instance', engineAttr: 'Engine', idAttr: 'DBInstanceIdentifier', exportsAttr: 'EnableCloudwatchLogsExports', groupAttr: 'DBParameterGroupName', optionAttr: 'OptionGroupName', logGroup: instanceGroup },
  'AWS::RDS::DBCluster': { cfn: true, level: 'cluster', engineAttr: 'Engine', idAttr: 'DBClusterIdentifier', exportsAttr: 'EnableCloudwatchLogsExports', groupAttr: 'DBClusterParameterGroupName', logGroup: clusterGroup },
  'AWS::DocDB::DBCluster': { cfn: true, level: 'docdb', engineAttr: null, fixedEngine: 'docdb', idAttr: 'DBClusterIdentifier', exportsAttr: 'EnableCloudwatchLogsExports', groupAttr: 'DBClusterParameterGroupName', logGroup: docdbGroup },
  'AWS::Neptune::DBCluster': { cfn: true, level: 'neptune', engineAttr: null, fixedEngine: 'neptune', idAttr: 'DBClusterIdentifier', exportsAttr: 'EnableCloudwatchLogsExports', groupAttr: 'DBClusterParameterGroupName', logGroup: neptuneGroup },
};

/** Records which database uses which group, for the groups' `usedBy` fact. */
export type UsedBy = Map<string, string[]>;

export function noteUse(usedBy: UsedBy, group: CloudResource, db: CloudResource): void {
  const list = usedBy.get(group.address) ?? [];
  if (!list.includes(db.address)) list.push(db.address);
  usedBy.set(group.address, list);
}

export function readDatabases(
  resources: readonly CloudResource[],
  groups: readonly ParameterGroup[],
  options: readonly OptionGroup[],
  usedBy: UsedBy,
  out: ServiceOutput,
): void {
  for (const resource of ofType(resources, ...Object.keys(SHAPES))) {
    const shape = SHAPES[resource.type] as DbShape;
    // An Aurora member instance in CloudFormation: its cluster exports the logs and holds the parameters.
    if (resource.type === 'AWS::RDS::DBInstance' && resource.values['DBClusterIdentifier'] !== undefined) continue;

    const engineAt = shape.engineAttr ? locate(resource, shape.engineAttr) : resource.at;
    const engineRead = shape.engineAttr ? stringOf(resource.values[shape.engineAttr]) : (shape.fixedEngine ?? null);
    const service = serviceOf(resource.type, typeof engineRead === 'string' ? engineRead : null);
    const sheet = serviceSheet(resource, service);
    const engine = sheet.set('engine', engineRead, engineAt);
    if (engine === null && sheet.unknown['engine'] === undefined) {
      // aws_db_instance needs an engine unless it restores a snapshot or replicates another instance.
      sheet.unknownFact('engine', 'no engine is set (a replica or snapshot restore takes the source engine)', engineAt);
    }
    const family: EngineFamily | null = engine === null ? null : familyOfEngine(engine);
    if (family === null) sheet.unknownFact('engineFamily', sheet.unknown['engine'] ?? 'the engine is not known', engineAt);
    else sheet.put('engineFamily', family, engineAt);

    const exportsAt = locate(resource, shape.exportsAttr);
    // AWS provider 5.x and CloudFormation: nothing is exported unless listed.
    const logTypes = sheet.set('logTypes', stringsOf(resource.values[shape.exportsAttr]), exportsAt);
    const required = family === null ? null : AUDIT_LOG_TYPES[family];
    if (family !== null && required === null) sheet.put('requiredLogTypes', [], resource.at);
    putLogTypes(sheet, logTypes, required, exportsAt);
    if (required === null) sheet.unknownFact('auditLogTypesComplete', family === null ? (sheet.unknown['engine'] ?? 'the engine is not known') : `no audit log type is known for engine ${engine ?? ''}`, exportsAt);

    // Engine audit: the parameter group (or, for RDS MySQL and MariaDB, the option group).
    const groupAt = locate(resource, shape.groupAttr);
    if (family === null) {
      sheet.unknownFact('engineAudit.enabled', sheet.unknown['engine'] ?? 'the engine is not known', engineAt);
    } else if (shape.level === 'instance' && family === 'mysql' && shape.optionAttr) {
      const optionAt = locate(resource, shape.optionAttr);
      const choice = chooseGroup(resource, resource.values[shape.optionAttr], options, 'option group');
      if (choice.kind === 'unknown') {
        sheet.put('engineAudit.mechanism', 'MARIADB_AUDIT_PLUGIN', optionAt);
        sheet.put('engineAudit.applies', true, optionAt);
        sheet.unknownFact('engineAudit.enabled', choice.reason, optionAt);
      } else {
        if (choice.kind === 'group') noteUse(usedBy, choice.group.resource, resource);
        putAudit(sheet, 'engineAudit', auditFromOptions(choice.kind === 'group' ? choice.group : null, optionAt));
        sheet.put('engineAudit.group', choice.kind === 'group' ? choice.group.resource.address : 'default', optionAt);
      }
    } else {
      const candidates = groups.filter((g) => g.level === shape.level);
      const choice = chooseGroup(resource, resource.values[shape.groupAttr], candidates, 'parameter group');
      putGroupAudit(sheet, family, choice, groupAt, resource, usedBy);
    }

    const idValue = stringOf(resource.values[shape.idAttr]);
    const id = sheet.set('identifier', idValue, locate(resource, shape.idAttr));
    const destinations: Destination[] = [];
    if (typeof id === 'string' && logTypes !== null) {
      const audit = new Set((required ?? []).map((t) => t.toLowerCase()));
      const chosen = logTypes.filter((t) => audit.has(t.toLowerCase()));
      for (const type of chosen.length > 0 ? chosen : logTypes) destinations.push({ value: shape.logGroup(id, type), at: exportsAt });
    }
    finish(out, sheet, {
      service,
      enabled: logTypes === null ? null : logTypes.length > 0,
      enabledAt: exportsAt,
      destinationKind: 'cloudwatch-logs',
      destinations,
    });
  }
}

function putGroupAudit(
  sheet: FactSheet,
  family: EngineFamily,
  choice: GroupChoice<ParameterGroup>,
  groupAt: Location,
  db: CloudResource,
  usedBy: UsedBy,
): void {
  if (choice.kind === 'unknown') {
    const audit = auditFromParameters(family, lookupOf(null, groupAt), groupAt);
    sheet.put('engineAudit.mechanism', audit.mechanism, groupAt);
    sheet.put('engineAudit.applies', audit.mechanism !== null, groupAt);
    for (const fact of ['enabled', 'pgaudit', 'pgauditLog', 'logConnections', 'logDisconnections']) {
      if (fact === 'enabled' || family === 'postgres') sheet.unknownFact(`engineAudit.${fact}`, choice.reason, groupAt);
    }
    return;
  }
  if (choice.kind === 'default') {
    putAudit(sheet, 'engineAudit', auditFromParameters(family, lookupOf(null, groupAt), groupAt));
    sheet.put('engineAudit.group', 'default', groupAt);
    return;
  }
  const group = choice.group;
  noteUse(usedBy, group.resource, db);
  sheet.put('engineAudit.group', group.resource.address, groupAt);
  if (typeof group.settings === 'object' && group.settings instanceof Map) {
    // A parameter the group does not set is pointed at the group, where it would be added.
    putAudit(sheet, 'engineAudit', auditFromParameters(family, lookupOf(group.settings, group.resource.at), group.resource.at));
  } else {
    sheet.put('engineAudit.applies', true, group.resource.at);
    sheet.unknownFact('engineAudit.enabled', group.settings.reason, group.resource.at);
  }
}

function serviceOf(type: string, engine: string | null): Service {
  if (type === 'aws_docdb_cluster' || type === 'AWS::DocDB::DBCluster') return 'docdb';
  if (type === 'aws_neptune_cluster' || type === 'AWS::Neptune::DBCluster') return 'neptune';
  if (type === 'aws_db_instance' || type === 'AWS::RDS::DBInstance') return 'rds';
  // A cluster is Aurora unless it is a Multi-AZ DB cluster of plain MySQL or PostgreSQL.
  return engine !== null && (engine === 'mysql' || engine === 'postgres') ? 'rds' : 'aurora';
}
