/**
 * Load balancer access logs to S3.
 * - `aws_lb` / `aws_alb`: `access_logs { bucket, prefix, enabled }`; `enabled` defaults to false in
 *   AWS provider 5.x "even when bucket is specified"; `load_balancer_type` defaults to application.
 * - `aws_elb` (Classic): `access_logs { bucket, enabled }`, `enabled` defaulting to true.
 * - `AWS::ElasticLoadBalancingV2::LoadBalancer`: `LoadBalancerAttributes` keys
 *   `access_logs.s3.enabled` and `access_logs.s3.bucket` (`Type` defaults to application).
 * - `AWS::ElasticLoadBalancing::LoadBalancer`: `AccessLoggingPolicy { Enabled, S3BucketName }`.
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource, IacValue } from '../../../model/cloud.js';
import type { Location } from '../../../model/vocabulary.js';
import { ofType } from '../../resolve.js';
import { boolOf, stringOf, valueAt } from '../../values.js';
import type { Read } from '../../values.js';
import { locate } from '../../fact-sheet.js';
import { finish, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import { keyValues } from './read.js';

interface Reading {
  type: Read<string>;
  typeAt: Location;
  enabled: Read<boolean>;
  enabledAt: Location;
  bucket: IacValue | undefined;
  bucketAt: Location;
}

export function readLoadBalancers(resources: readonly CloudResource[], out: ServiceOutput): void {
  for (const resource of ofType(resources, 'aws_lb', 'aws_alb', 'aws_elb', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer')) {
    const sheet = serviceSheet(resource, 'elb');
    const r = reading(resource);
    sheet.set('loadBalancerType', r.type, r.typeAt);
    const enabled = sheet.set('accessLogs', r.enabled, r.enabledAt);
    sheet.put('logTypes', enabled === true ? ['access'] : [], r.enabledAt);
    if (enabled === null) sheet.unknownFact('logTypes', sheet.unknown['accessLogs'] ?? 'not known', r.enabledAt);
    const destinations: Destination[] = enabled === true && r.bucket !== undefined && r.bucket !== null ? [{ value: r.bucket, at: r.bucketAt }] : [];
    finish(out, sheet, { service: 'elb', enabled, enabledAt: r.enabledAt, destinationKind: 's3', destinations });
  }
}

function reading(resource: CloudResource): Reading {
  switch (resource.type) {
    case 'aws_elb': {
      const on = boolOf(valueAt(resource.values, 'access_logs.enabled'));
      const block = valueAt(resource.values, 'access_logs');
      return {
        type: 'classic',
        typeAt: resource.at,
        // AWS provider 5.x: a Classic ELB access_logs block is enabled unless enabled = false.
        enabled: block === undefined || block === null ? false : isUnresolved(block) ? block : on === null ? true : on,
        enabledAt: locate(resource, 'access_logs.enabled', 'access_logs'),
        bucket: valueAt(resource.values, 'access_logs.bucket'),
        bucketAt: locate(resource, 'access_logs.bucket', 'access_logs'),
      };
    }
    case 'AWS::ElasticLoadBalancing::LoadBalancer': {
      const on = boolOf(valueAt(resource.values, 'AccessLoggingPolicy.Enabled'));
      return {
        type: 'classic',
        typeAt: resource.at,
        enabled: on === null ? false : on,
        enabledAt: locate(resource, 'AccessLoggingPolicy.Enabled', 'AccessLoggingPolicy'),
        bucket: valueAt(resource.values, 'AccessLoggingPolicy.S3BucketName'),
        bucketAt: locate(resource, 'AccessLoggingPolicy.S3BucketName', 'AccessLoggingPolicy'),
      };
    }
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      const type = stringOf(resource.values['Type']);
      const attributes = keyValues(resource.values['LoadBalancerAttributes'], 'Key', 'Value');
      const at = locate(resource, 'LoadBalancerAttributes.Value', 'LoadBalancerAttributes');
      const enabled: Read<boolean> = isUnresolved(attributes) ? attributes : boolOf(attributes.get('access_logs.s3.enabled'));
      return {
        type: type === null ? 'application' : type,
        typeAt: locate(resource, 'Type'),
        // Elastic Load Balancing: access_logs.s3.enabled defaults to false.
        enabled: enabled === null ? false : enabled,
        enabledAt: at,
        bucket: isUnresolved(attributes) ? undefined : attributes.get('access_logs.s3.bucket'),
        bucketAt: at,
      };
    }
    default: {
      const on = boolOf(valueAt(resource.values, 'access_logs.enabled'));
      const type = stringOf(resource.values['load_balancer_type']);
      return {
        type: type === null ? 'application' : type,
        typeAt: locate(resource, 'load_balancer_type'),
        enabled: on === null ? false : on,
        enabledAt: locate(resource, 'access_logs.enabled', 'access_logs'),
        bucket: valueAt(resource.values, 'access_logs.bucket'),
        bucketAt: locate(resource, 'access_logs.bucket', 'access_logs'),
      };
    }
  }
}
