/**
 * EKS control-plane logs: `aws_eks_cluster.enabled_cluster_log_types` and CloudFormation
 * `AWS::EKS::Cluster` `Logging.ClusterLogging.EnabledTypes[].Type`. The audit-relevant set is api,
 * audit and authenticator (who called the API server, what it decided, how callers authenticated).
 * EKS always writes to the log group `/aws/eks/<cluster name>/cluster`, which is the destination.
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource } from '../../../model/cloud.js';
import { ofType } from '../../resolve.js';
import { stringOf, stringsOf, valueAt } from '../../values.js';
import type { Read } from '../../values.js';
import { locate } from '../../fact-sheet.js';
import { finish, putLogTypes, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import { allBlocks, own } from './read.js';

export const EKS_AUDIT_LOG_TYPES = ['api', 'audit', 'authenticator'];

export function readEks(resources: readonly CloudResource[], out: ServiceOutput): void {
  for (const resource of ofType(resources, 'aws_eks_cluster', 'AWS::EKS::Cluster')) {
    const cfn = resource.source === 'cloudformation';
    const sheet = serviceSheet(resource, 'eks');
    const typesAt = cfn ? locate(resource, 'Logging.ClusterLogging.EnabledTypes') : locate(resource, 'enabled_cluster_log_types');
    // AWS provider 5.x and CloudFormation: no control-plane log type is exported unless listed.
    const types = cfn ? cfnTypes(resource) : stringsOf(resource.values['enabled_cluster_log_types']);
    const logTypes = sheet.set('logTypes', types, typesAt);
    putLogTypes(sheet, logTypes, EKS_AUDIT_LOG_TYPES, typesAt);

    const nameAt = locate(resource, cfn ? 'Name' : 'name');
    const name = sheet.set('clusterName', stringOf(resource.values[cfn ? 'Name' : 'name']), nameAt);
    const destinations: Destination[] = [];
    if (typeof name === 'string') destinations.push({ value: `/aws/eks/${name}/cluster`, at: typesAt });
    finish(out, sheet, {
      service: 'eks',
      enabled: logTypes === null ? null : logTypes.length > 0,
      enabledAt: typesAt,
      destinationKind: 'cloudwatch-logs',
      destinations,
    });
  }
}

function cfnTypes(resource: CloudResource): Read<string[]> {
  const types = allBlocks(valueAt(resource.values, 'Logging.ClusterLogging.EnabledTypes'));
  if (isUnresolved(types)) return types;
  const out: string[] = [];
  for (const block of types) {
    const type = stringOf(own(block, 'Type'));
    if (isUnresolved(type)) return type;
    if (type !== null) out.push(type);
  }
  return out;
}
