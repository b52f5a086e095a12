/**
 * The aws-services extractor (issue 3): audit and access logs of AWS services — EKS control
 * plane, RDS/Aurora/DocumentDB/Neptune log exports and engine audit parameters, Redshift audit
 * logging, OpenSearch audit logs, MSK broker logs, API Gateway stages, load balancers, CloudFront,
 * WAF, Network Firewall and Step Functions. One `aws-service-logging` subject per resource (and
 * one `aws-db-parameters` subject per parameter or option group), and a stream for each service
 * whose logging is on, whose destinations name the buckets and log groups it writes to. The
 * stores themselves are the aws-core extractor's.
 */
import { emptyExtraction } from '../../model/cloud.js';
import type { CloudExtraction, CloudExtractor, CloudResource } from '../../model/cloud.js';
import { compareStrings } from '../../model/vocabulary.js';
import { readApiGateway } from './services/api-gateway.js';
import { readCloudFront } from './services/cloudfront.js';
import { readDatabases } from './services/databases.js';
import type { UsedBy } from './services/databases.js';
import { groupSubjects, readOptionGroups, readParameterGroups } from './services/db-parameters.js';
import { readEks } from './services/eks.js';
import { readLoadBalancers } from './services/load-balancers.js';
import { readMsk } from './services/msk.js';
import { readNetworkFirewall } from './services/network-firewall.js';
import { readOpenSearch } from './services/opensearch.js';
import { emptyOutput } from './services/output.js';
import { readRedshift } from './services/redshift.js';
import { readStepFunctions } from './services/step-functions.js';
import { readWaf } from './services/waf.js';

export function extractServices(resources: readonly CloudResource[]): CloudExtraction {
  const out = emptyOutput();
  const groups = readParameterGroups(resources);
  const options = readOptionGroups(resources);
  const usedBy: UsedBy = new Map();
  readEks(resources, out);
  readDatabases(resources, groups, options, usedBy, out);
  readRedshift(resources, groups, usedBy, out);
  readOpenSearch(resources, out);
  readMsk(resources, out);
  readApiGateway(resources, out);
  readLoadBalancers(resources, out);
  readCloudFront(resources, out);
  readWaf(resources, out);
  readNetworkFirewall(resources, out);
  readStepFunctions(resources, out);
  out.subjects.push(...groupSubjects(groups, options, usedBy));
  const extraction = emptyExtraction();
  extraction.subjects = out.subjects.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.id, b.id));
  extraction.streams = out.streams.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.address, b.address));
  extraction.unknowns = out.unknowns;
  return extraction;
}

export const AWS_SERVICES: CloudExtractor = {
  provider: 'aws',
  name: 'aws-services',
  extract: (resources) => {
    try {
      return extractServices(resources);
    } catch {
      // Never throw on any input: a reader that trips on a shape it did not expect yields nothing.
      return emptyExtraction();
    }
  },
};
