/**
 * How one resource names another: by reference (`bucket = aws_s3_bucket.logs.id`, `!Ref LogBucket`,
 * which resolves within the same stack) or by a literal name, ARN or id (which matches across the
 * whole scan, since bucket names and ARNs are global).
 */
import { isUnresolved } from '../model/cloud.js';
import type { CloudResource, IacValue } from '../model/cloud.js';
import { refsOf } from './values.js';

/**
 * A literal name in the form stores are keyed by: without `arn:aws:s3:::` (in any partition:
 * `arn:aws-us-gov:s3:::`, `arn:aws-cn:s3:::`; a bucket ARN is its
 * name), the `arn:aws:logs:…:log-group:` prefix (a log group ARN is its name), a trailing `:*`, `/*`,
 * or a `/prefix/` after a bucket name, and lower-cased where the cloud is case-insensitive
 * (Azure resource ids).
 */
export function normaliseKey(text: string): string {
  let key = text.trim();
  const s3Arn = /^arn:aws[\w-]*:s3:::/.exec(key);
  if (s3Arn) key = key.slice(s3Arn[0].length).split('/')[0] ?? '';
  else if (key.startsWith('s3://')) key = key.slice('s3://'.length).split('/')[0] ?? '';
  else if (/^arn:aws[\w-]*:logs:[^:]*:[^:]*:log-group:/.test(key)) key = key.replace(/^arn:aws[\w-]*:logs:[^:]*:[^:]*:log-group:/, '');
  else if (key.startsWith('gs://')) key = key.slice('gs://'.length).split('/')[0] ?? '';
  key = key.replace(/:\*$/, '').replace(/\/\*$/, '');
  if (key.startsWith('/subscriptions/')) key = key.toLowerCase();
  return key;
}

/** Resources a value points at: same-stack references first, else literal keys anywhere. */
export function targetsOf<T extends { address: string; stack: string }>(
  from: { stack: string },
  value: IacValue | undefined,
  candidates: readonly T[],
  keysOf: (candidate: T) => readonly string[],
): T[] {
  if (value === undefined || value === null) return [];
  const refs = refsOf(value);
  if (refs.length > 0) {
    // A reference with an instance key names that instance; one without names every instance.
    const wanted = new Set(refs);
    return candidates.filter((c) => c.stack === from.stack && (wanted.has(c.address) || wanted.has(baseAddress(c.address))));
  }
  if (isUnresolved(value) || typeof value !== 'string') return [];
  const key = normaliseKey(value);
  if (key === '') return [];
  return candidates.filter((c) => keysOf(c).some((k) => normaliseKey(k) === key));
}

/** An address without its instance key: `aws_s3_bucket.logs[0]` → `aws_s3_bucket.logs`. */
export function baseAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/**
 * The resource type an address names: `module.a.aws_s3_bucket.logs[0]` → `aws_s3_bucket`,
 * `data.azurerm_subscription.current` → `data.azurerm_subscription`, `AWS::S3::Bucket/Logs` →
 * `AWS::S3::Bucket`; '' when the address names none.
 */
export function typeOfAddress(address: string): string {
  if (address.includes('::')) return address.split('/')[0] ?? '';
  let rest = address;
  for (;;) {
    const module = /^module\.[A-Za-z0-9_-]+(\[(?:"[^"]*"|[^\]]*)\])?\./.exec(rest);
    if (!module) break;
    rest = rest.slice(module[0].length);
  }
  const parts = rest.split('.');
  if (parts[0] === 'data') return parts.length >= 3 ? `data.${parts[1] ?? ''}` : '';
  return parts.length >= 2 ? (parts[0] ?? '') : '';
}

/** Resources of the given types, in scan order. */
export function ofType(resources: readonly CloudResource[], ...types: string[]): CloudResource[] {
  const wanted = new Set(types);
  return resources.filter((r) => wanted.has(r.type));
}
