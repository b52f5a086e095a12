/**
 * Which VPCs are covered by an audit stream attached to them: flow logs (`vpc_id`, or
 * CloudFormation `ResourceId` with `ResourceType: VPC`) and Route 53 resolver query logging
 * associations (`resource_id`). A VPC is covered when a stream names it by reference; a stream in
 * the same stack whose VPC argument is unknown (a variable without a value) might cover any VPC of
 * the stack, so it makes an otherwise uncovered VPC unknown rather than uncovered.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import type { Location } from '../../model/vocabulary.js';
import { refsOf } from '../values.js';
import { targetsOf } from '../resolve.js';
import { and, or } from './tri.js';
import type { Tri } from './tri.js';

export interface Attachment {
  /** The flow log or association. */
  resource: CloudResource;
  /** The VPC argument as written. */
  vpc: IacValue | undefined;
  /** Whether the stream counts when it is attached (a flow log of ALL or REJECT traffic). */
  counts: Tri;
  at: Location;
}

export interface Coverage {
  covered: Tri;
  at: Location | null;
  by: string[];
}

export function coverageOf(vpc: CloudResource, vpcs: readonly CloudResource[], attachments: readonly Attachment[]): Coverage {
  let covered: Tri = false;
  let at: Location | null = null;
  const by: string[] = [];
  for (const attachment of attachments) {
    const { resource, vpc: value } = attachment;
    if (value === undefined || value === null || resource.stack !== vpc.stack) continue;
    const present: Tri = resource.exists === true ? true : new Unresolved(`${resource.address}: ${resource.exists.reason}`);
    let names: Tri;
    if (targetsOf(resource, value, vpcs, () => []).includes(vpc)) names = true;
    else if (isUnresolved(value) && refsOf(value).length === 0) names = new Unresolved(`${resource.address} is attached to a VPC that is not known statically: ${value.reason}`);
    else names = false;
    const contribution = and(names, present, attachment.counts);
    if (contribution === false) continue;
    covered = or(covered, contribution);
    if (contribution === true) {
      by.push(resource.address);
      at ??= attachment.at;
    }
  }
  return { covered, at, by: by.sort() };
}
