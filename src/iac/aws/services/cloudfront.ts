/**
 * CloudFront standard (access) logs: `aws_cloudfront_distribution.logging_config { bucket,
 * include_cookies, prefix }` and CloudFormation `DistributionConfig.Logging { Bucket }`. The bucket
 * is written as its domain name (`logs.s3.amazonaws.com`), so the name is taken from it for the
 * link. Real-time logs: a `realtime_log_config_arn` on the default cache behaviour.
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource, IacValue } from '../../../model/cloud.js';
import { ofType } from '../../resolve.js';
import { boolOf, valueAt } from '../../values.js';
import { locate } from '../../fact-sheet.js';
import { finish, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';

export function readCloudFront(resources: readonly CloudResource[], out: ServiceOutput): void {
  for (const resource of ofType(resources, 'aws_cloudfront_distribution', 'AWS::CloudFront::Distribution')) {
    const cfn = resource.source === 'cloudformation';
    const sheet = serviceSheet(resource, 'cloudfront');
    const block = cfn ? 'DistributionConfig.Logging' : 'logging_config';
    const bucketPath = `${block}.${cfn ? 'Bucket' : 'bucket'}`;
    const config = valueAt(resource.values, block);
    const bucket = valueAt(resource.values, bucketPath);
    const at = locate(resource, bucketPath);
    let enabled: boolean | null;
    if (isUnresolved(config)) {
      sheet.unknownFact('accessLogs', config.reason, at);
      enabled = null;
    } else {
      enabled = bucket !== undefined && bucket !== null;
      sheet.put('accessLogs', enabled, at);
    }
    const cookiesPath = `${block}.${cfn ? 'IncludeCookies' : 'include_cookies'}`;
    if (enabled) sheet.set('includeCookies', boolOf(valueAt(resource.values, cookiesPath)) ?? false, locate(resource, cookiesPath));
    const realtimePath = cfn ? 'DistributionConfig.DefaultCacheBehavior.RealtimeLogConfigArn' : 'default_cache_behavior.realtime_log_config_arn';
    const realtime = valueAt(resource.values, realtimePath);
    sheet.put('realtimeLogs', realtime !== undefined && realtime !== null, locate(resource, realtimePath));
    sheet.put('logTypes', [...(enabled ? ['access'] : []), ...(realtime !== undefined && realtime !== null ? ['realtime'] : [])], at);
    const destinations: Destination[] = enabled ? [{ value: bucketName(bucket as IacValue), at }] : [];
    finish(out, sheet, { service: 'cloudfront', enabled, enabledAt: at, destinationKind: 's3', destinations });
  }
}

/** `logs.s3.amazonaws.com` or `logs.s3.eu-west-1.amazonaws.com` → `logs`; references stay as written. */
function bucketName(value: IacValue): IacValue {
  if (typeof value !== 'string') return value;
  return value.replace(/\.s3(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?\/?$/, '');
}
