/**
 * S3 buckets as log stores: a subject of kind `aws-s3-bucket` with what protects and bounds the
 * objects, and a `CloudStore` the linker joins audit streams to.
 *
 * Defaults (AWS provider 5.x, S3): Object Lock off; versioning off (Object Lock turns it on);
 * the four public access block flags on for a bucket without a block of its own (S3 default for
 * new buckets since April 2023; off when left out of a declared block); no server access logging; objects encrypted with
 * SSE-S3 (AES256) since January 2023, which is not a customer-managed key; no lifecycle rule, so
 * objects are kept until deleted.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, CloudStore, IacValue } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import type { Location } from '../../model/vocabulary.js';
import { boolOf, isObject, listOf, numberOf, stringOf } from '../values.js';
import { arg, isCloudFormation, isSet, own, upper } from './arguments.js';
import { FactSheet, locate } from '../fact-sheet.js';
import { cloudFormationRules, configurationRules, inlineRules, retentionOf } from './s3-lifecycle.js';
import type { LifecycleRule } from './s3-lifecycle.js';
import { bucketKeys } from './s3-parts.js';
import type { BucketParts } from './s3-parts.js';
import { deniesDelete } from './s3-policy.js';
import { and, or } from './tri.js';
import type { Tri } from './tri.js';

export interface BucketRead {
  subject: Subject;
  store: CloudStore;
}

const FLAGS = [
  ['blockPublicAcls', 'block_public_acls', 'BlockPublicAcls'],
  ['blockPublicPolicy', 'block_public_policy', 'BlockPublicPolicy'],
  ['ignorePublicAcls', 'ignore_public_acls', 'IgnorePublicAcls'],
  ['restrictPublicBuckets', 'restrict_public_buckets', 'RestrictPublicBuckets'],
] as const;

/**
 * `receives`: the audit streams (systems) whose destination is this bucket, so rules can single
 * out log buckets.
 */
export function readBucket(joined: BucketParts, receives: readonly string[]): BucketRead {
  const { bucket, parts } = joined;
  const cfn = isCloudFormation(bucket);
  const sheet = new FactSheet(bucket);
  const name = arg(bucket, 'bucket', 'BucketName');
  sheet.set('name', stringOf(name.value), name.attr);
  sheet.set('auditDestinationOf', [...receives], bucket.at);
  sheet.set('trailBucket', receives.includes('aws-cloudtrail'), bucket.at);

  // Object Lock.
  const lock = objectLock(joined);
  sheet.set('objectLock.enabled', lock.enabled, lock.enabledAt);
  sheet.set('objectLock.defaultRetention', lock.defaultRetention, lock.ruleAt);
  sheet.set('objectLock.mode', lock.mode, lock.ruleAt);
  sheet.set('objectLock.days', lock.days, lock.daysAt);

  // Versioning (Object Lock turns it on and it cannot be suspended).
  const versioning = versioningOf(joined);
  const versioned = or(versioning.enabled, lock.enabled);
  sheet.set('versioning', or(versioning.enabled, lock.enabled === true), versioning.at);
  sheet.set('mfaDelete', versioning.mfaDelete, versioning.at);

  // Server access logging.
  let logging: Tri = false;
  let loggingAt = bucket.at;
  if (cfn) {
    const configured = arg(bucket, 'logging', 'LoggingConfiguration');
    logging = configured.value === undefined || configured.value === null ? false : isUnresolved(configured.value) ? configured.value : true;
    loggingAt = locate(bucket, configured.attr);
  } else {
    const inline = listOf(own(bucket.values, 'logging'));
    if (isUnresolved(inline) || inline.length > 0) {
      logging = isUnresolved(inline) ? inline : isSet(valueOf(inline[0], 'target_bucket'));
      loggingAt = locate(bucket, 'logging.target_bucket');
    }
    for (const part of parts.logging) {
      logging = or(logging, and(exists(part), isSet(own(part.values, 'target_bucket'))));
      if (logging === true) loggingAt = locate(part, 'target_bucket');
    }
  }
  sheet.set('accessLogging', logging, loggingAt);

  // Public access block: the bucket's own, or the account's.
  const block = publicAccess(joined);
  for (const [fact] of FLAGS) sheet.set(`publicAccessBlock.${fact}`, block.flags[fact], block.at);
  sheet.set('publicAccessBlocked', block.all, block.at);
  sheet.set('publicAccessBlockExplicit', block.explicit, block.at);
  // All four flags on in a block the code declares (the bucket's or the account's): evidence that
  // does not depend on when the bucket was created.
  sheet.set('publicAccessBlockDeclared', block.declared, block.at);

  // A policy that denies deleting objects.
  let denies: Tri = false;
  let policyAt = bucket.at;
  const policies: { value: IacValue | undefined; at: Location; part: CloudResource | null }[] = [];
  if (!cfn) policies.push({ value: own(bucket.values, 'policy'), at: locate(bucket, 'policy'), part: null });
  for (const part of parts.policy) policies.push({ value: own(part.values, 'policy'), at: locate(part, 'policy'), part });
  for (const part of parts.cfnPolicy) policies.push({ value: own(part.values, 'PolicyDocument'), at: locate(part, 'PolicyDocument'), part });
  for (const policy of policies) {
    const verdict = deniesDelete(policy.value);
    if (verdict === null) continue;
    denies = or(denies, policy.part ? and(exists(policy.part), verdict) : verdict);
    policyAt = policy.at;
    if (denies === true) break;
  }
  sheet.set('denyDeletePolicy', denies, policyAt);

  // Lifecycle → retention.
  const rules: LifecycleRule[] = [];
  const unknownRules: Unresolved[] = [];
  const collect = (read: LifecycleRule[] | Unresolved): void => {
    if (isUnresolved(read)) unknownRules.push(read);
    else rules.push(...read);
  };
  if (cfn) collect(cloudFormationRules(bucket));
  else {
    collect(inlineRules(bucket));
    for (const part of parts.lifecycle) collect(configurationRules(part));
  }
  const retention = retentionOf(rules, unknownRules, bucket.at, versioned);
  sheet.set('lifecycle.expirationDays', retention.expirationDays, retention.at);
  sheet.set('lifecycle.retentionDays', retention.retentionDays, retention.at);
  sheet.set('lifecycle.unbounded', retention.unbounded, retention.at);
  sheet.set('lifecycle.transitionDays', retention.hotDays, retention.hotAt);
  sheet.set('lifecycle.noncurrentExpirationDays', retention.noncurrentDays, retention.at);
  sheet.set('lifecycle.filteredRules', retention.filteredRules.length, retention.at);

  // Write-once: Object Lock with a default retention long enough for the objects' life.
  const covers = lockCoversRetention(lock, retention.expirationDays);
  sheet.set('objectLock.coversRetention', covers, lock.daysAt);
  const immutable = and(lock.enabled, lock.defaultRetention, covers);
  const immutableAt = lock.enabled === false ? lock.enabledAt : lock.daysAt;
  sheet.set('immutable', immutable, immutableAt);

  // Encryption with a KMS key.
  const encryption = kmsEncryption(joined);
  sheet.set('kmsEncrypted', encryption.kms, encryption.at);

  const subject = sheet.subject('aws-s3-bucket', ['data'], { unknownWhenMaybeAbsent: true });
  const store: CloudStore = {
    address: bucket.address,
    stack: bucket.stack,
    path: bucket.path,
    kind: 'object-store',
    keys: bucketKeys(bucket),
    retentionDays: known(retention.retentionDays),
    unbounded: known(retention.unbounded),
    hotDays: known(retention.hotDays),
    immutable: known(immutable),
    encrypted: known(encryption.kms),
    declaredAt: bucket.at,
    locations: {
      retentionDays: retention.at,
      unbounded: retention.at,
      hotDays: retention.hotAt,
      immutable: immutableAt,
      encrypted: encryption.at,
    },
    unknown: {},
  };
  for (const [key, value] of [
    ['retentionDays', retention.retentionDays],
    ['unbounded', retention.unbounded],
    ['hotDays', retention.hotDays],
    ['immutable', immutable],
    ['encrypted', encryption.kms],
  ] as const) {
    if (isUnresolved(value)) store.unknown[key] = value.reason;
  }
  if (bucket.exists !== true) store.unknown.exists = bucket.exists.reason;
  return { subject, store };
}

interface LockRead {
  enabled: Tri;
  defaultRetention: Tri;
  mode: string | null | Unresolved;
  days: number | null | Unresolved;
  enabledAt: Location;
  ruleAt: Location;
  /** The default retention's days (or years) line. */
  daysAt: Location;
}

function objectLock(joined: BucketParts): LockRead {
  const { bucket, parts } = joined;
  const read: LockRead = { enabled: false, defaultRetention: false, mode: null, days: null, enabledAt: bucket.at, ruleAt: bucket.at, daysAt: bucket.at };
  const useRule = (rule: IacValue | undefined, names: RetentionNames, at: Location, gate: Tri, daysAt: Location): void => {
    const retention = defaultRetention(rule, names);
    if (retention === null) return;
    read.defaultRetention = or(read.defaultRetention, and(gate, retention.present));
    read.mode = retention.mode;
    read.days = retention.days;
    read.ruleAt = at;
    read.daysAt = daysAt;
  };
  if (isCloudFormation(bucket)) {
    const flag = boolOf(own(bucket.values, 'ObjectLockEnabled'));
    const configuration = own(bucket.values, 'ObjectLockConfiguration');
    const configured = upper(own(configuration, 'ObjectLockEnabled'));
    read.enabled = or(flag ?? false, isUnresolved(configured) ? configured : configured === 'ENABLED');
    read.enabledAt = locate(bucket, flag !== null ? 'ObjectLockEnabled' : 'ObjectLockConfiguration.ObjectLockEnabled');
    useRule(own(configuration, 'Rule'), CFN_RETENTION, locate(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention.Mode'), true, locate(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention.Days', 'ObjectLockConfiguration.Rule.DefaultRetention.Years'));
    return read;
  }
  // Provider 4.x+: `object_lock_enabled` on the bucket; 3.x: `object_lock_configuration { object_lock_enabled = "Enabled" }`.
  const flag = boolOf(own(bucket.values, 'object_lock_enabled'));
  if (flag !== null) {
    read.enabled = flag;
    read.enabledAt = locate(bucket, 'object_lock_enabled');
  }
  const inline = firstBlock(own(bucket.values, 'object_lock_configuration'));
  if (inline !== null) {
    const configured = isUnresolved(inline) ? inline : upper(own(inline, 'object_lock_enabled'));
    read.enabled = or(read.enabled, isUnresolved(configured) ? configured : configured === 'ENABLED');
    if (read.enabled !== false) read.enabledAt = locate(bucket, 'object_lock_configuration.object_lock_enabled');
    if (!isUnresolved(inline)) useRule(own(inline, 'rule'), TF_RETENTION, locate(bucket, 'object_lock_configuration.rule.default_retention.mode'), true, locate(bucket, 'object_lock_configuration.rule.default_retention.days', 'object_lock_configuration.rule.default_retention.years'));
  }
  for (const part of parts.lock) {
    // The configuration resource can only exist on a bucket created with Object Lock.
    read.enabled = or(read.enabled, exists(part));
    read.enabledAt = part.at;
    useRule(own(part.values, 'rule'), TF_RETENTION, locate(part, 'rule.default_retention.mode'), exists(part), locate(part, 'rule.default_retention.days', 'rule.default_retention.years'));
  }
  return read;
}

interface RetentionNames {
  defaultRetention: string;
  mode: string;
  days: string;
  years: string;
}
const TF_RETENTION: RetentionNames = { defaultRetention: 'default_retention', mode: 'mode', days: 'days', years: 'years' };
const CFN_RETENTION: RetentionNames = { defaultRetention: 'DefaultRetention', mode: 'Mode', days: 'Days', years: 'Years' };

/** A default retention rule: mode (COMPLIANCE, GOVERNANCE) and days (years count 365 days). */
function defaultRetention(rule: IacValue | undefined, names: RetentionNames): { present: Tri; mode: string | null | Unresolved; days: number | null | Unresolved } | null {
  const block = firstBlock(rule);
  if (block === null) return null;
  if (isUnresolved(block)) return { present: block, mode: block, days: block };
  const retention = firstBlock(own(block, names.defaultRetention));
  if (retention === null) return null;
  if (isUnresolved(retention)) return { present: retention, mode: retention, days: retention };
  const mode = upper(own(retention, names.mode));
  const days = numberOf(own(retention, names.days));
  const years = numberOf(own(retention, names.years));
  const total = days !== null ? days : isUnresolved(years) ? years : years === null ? null : years * 365;
  const present: Tri = isUnresolved(mode) ? mode : isUnresolved(total) ? total : (mode === 'COMPLIANCE' || mode === 'GOVERNANCE') && total !== null && total > 0;
  return { present, mode, days: total };
}

/**
 * The default retention keeps every object locked for as long as the bucket keeps it: at least the
 * bucket's expiration days when it expires objects, a year when it never does (objects kept
 * forever cannot be locked forever; a year is the usual minimum audit retention), unknown when
 * the expiration is unknown. The mode (COMPLIANCE, GOVERNANCE) stays a fact of its own.
 */
const NEVER_EXPIRES_LOCK_DAYS = 365;

function lockCoversRetention(lock: LockRead, expirationDays: number | null | Unresolved): Tri {
  if (lock.defaultRetention === false) return false;
  const days = lock.days;
  if (isUnresolved(days)) return days;
  if (days === null) return false;
  if (isUnresolved(expirationDays)) return new Unresolved(`the bucket's expiration is not known (${expirationDays.reason}), so whether ${days} days of Object Lock cover it is not known`);
  return days >= (expirationDays ?? NEVER_EXPIRES_LOCK_DAYS);
}

function versioningOf(joined: BucketParts): { enabled: Tri; mfaDelete: Tri; at: Location } {
  const { bucket, parts } = joined;
  if (isCloudFormation(bucket)) {
    const status = upper(own(own(bucket.values, 'VersioningConfiguration'), 'Status'));
    return { enabled: isUnresolved(status) ? status : status === 'ENABLED', mfaDelete: false, at: locate(bucket, 'VersioningConfiguration.Status') };
  }
  let enabled: Tri = false;
  let mfaDelete: Tri = false;
  let at = bucket.at;
  const inline = firstBlock(own(bucket.values, 'versioning'));
  if (inline !== null) {
    enabled = isUnresolved(inline) ? inline : boolOf(own(inline, 'enabled')) ?? false;
    mfaDelete = isUnresolved(inline) ? inline : boolOf(own(inline, 'mfa_delete')) ?? false;
    at = locate(bucket, 'versioning.enabled');
  }
  for (const part of parts.versioning) {
    const configuration = firstBlock(own(part.values, 'versioning_configuration'));
    const status = configuration === null ? null : isUnresolved(configuration) ? configuration : upper(own(configuration, 'status'));
    const mfa = configuration === null || isUnresolved(configuration) ? configuration : upper(own(configuration, 'mfa_delete'));
    enabled = or(enabled, and(exists(part), isUnresolved(status) ? status : status === 'ENABLED'));
    mfaDelete = or(mfaDelete, and(exists(part), isUnresolved(mfa) ? mfa : mfa === 'ENABLED'));
    at = locate(part, 'versioning_configuration.status');
  }
  return { enabled, mfaDelete, at };
}

/**
 * The bucket's public access block: its own (`aws_s3_bucket_public_access_block`,
 * `PublicAccessBlockConfiguration`) and the account's (`aws_s3_account_public_access_block`), a
 * flag being on when either sets it. A flag left out of a declared block is false (provider 5.x
 * and the PutPublicAccessBlock API). A bucket without a block of its own is blocked by default:
 * since April 2023 S3 turns all four flags on for every new bucket, whether Terraform or
 * CloudFormation creates it ("Amazon S3 will automatically enable S3 Block Public Access ... for
 * all new buckets", AWS What's New, December 2022).
 */
function publicAccess(joined: BucketParts): { flags: Record<string, Tri>; all: Tri; explicit: Tri; declared: Tri; at: Location } {
  const { bucket, parts, accountPublicAccess } = joined;
  const cfn = isCloudFormation(bucket);
  const cfnBlock = cfn ? ownBlock(bucket) : undefined;
  const explicit: Tri = or(cfnBlock !== undefined, ...parts.publicAccess.map(exists));
  // No block of its own: S3's default for new buckets. A block that may not be created (count on
  // a variable) leaves the flags it turns off unknown, through `exists`.
  const byDefault = parts.publicAccess.length === 0 && cfnBlock === undefined;
  const flags: Record<string, Tri> = { blockPublicAcls: byDefault, blockPublicPolicy: byDefault, ignorePublicAcls: byDefault, restrictPublicBuckets: byDefault };
  // What the code itself declares (the bucket's block and the account's), without S3's default.
  const declaredFlags: Record<string, Tri> = { blockPublicAcls: false, blockPublicPolicy: false, ignorePublicAcls: false, restrictPublicBuckets: false };
  let at = bucket.at;
  /** Applies one block; returns the first flag it leaves off (to point a finding at). */
  const apply = (values: IacValue | undefined, gate: Tri, cloudFormation: boolean): string | null => {
    let off: string | null = null;
    for (const [fact, terraformName, cloudFormationName] of FLAGS) {
      const name = cloudFormation ? cloudFormationName : terraformName;
      const value = boolOf(own(values, name));
      if (value !== true) off ??= name;
      flags[fact] = or(flags[fact] as Tri, and(gate, value ?? false));
      declaredFlags[fact] = or(declaredFlags[fact] as Tri, and(gate, value ?? false));
    }
    return off;
  };
  if (cfn && cfnBlock !== undefined) {
    if (isUnresolved(cfnBlock)) for (const [fact] of FLAGS) flags[fact] = declaredFlags[fact] = cfnBlock;
    const off = isUnresolved(cfnBlock) ? null : apply(cfnBlock, true, true);
    at = locate(bucket, off ? `PublicAccessBlockConfiguration.${off}` : 'PublicAccessBlockConfiguration');
  }
  for (const part of [...parts.publicAccess, ...accountPublicAccess]) {
    const off = apply(part.values as IacValue, exists(part), false);
    if (parts.publicAccess.includes(part) || at === bucket.at) at = off ? locate(part, off) : part.at;
  }
  const all = and(...Object.values(flags));
  return { flags, all, explicit, declared: and(...Object.values(declaredFlags)), at };
}

function ownBlock(bucket: CloudResource): IacValue | undefined {
  const configuration = own(bucket.values, 'PublicAccessBlockConfiguration');
  return configuration === null ? undefined : configuration;
}

function kmsEncryption(joined: BucketParts): { kms: Tri; at: Location } {
  const { bucket, parts } = joined;
  const algorithmIsKms = (value: IacValue | undefined): Tri => {
    const algorithm = stringOf(value);
    if (isUnresolved(algorithm)) return algorithm;
    return algorithm !== null && algorithm.toLowerCase().startsWith('aws:kms');
  };
  if (isCloudFormation(bucket)) {
    const configurations = listOf(own(own(bucket.values, 'BucketEncryption'), 'ServerSideEncryptionConfiguration'));
    if (isUnresolved(configurations)) return { kms: configurations, at: locate(bucket, 'BucketEncryption') };
    let kms: Tri = false;
    for (const configuration of configurations) kms = or(kms, algorithmIsKms(own(own(configuration, 'ServerSideEncryptionByDefault'), 'SSEAlgorithm')));
    return { kms, at: locate(bucket, 'BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm') };
  }
  let kms: Tri = false;
  let at = bucket.at;
  const fromRules = (rules: IacValue | undefined): Tri => {
    const list = listOf(rules);
    if (isUnresolved(list)) return list;
    let found: Tri = false;
    for (const rule of list) found = or(found, algorithmIsKms(valueOf(firstBlock(own(rule, 'apply_server_side_encryption_by_default')), 'sse_algorithm')));
    return found;
  };
  const inline = firstBlock(own(bucket.values, 'server_side_encryption_configuration'));
  if (inline !== null) {
    kms = isUnresolved(inline) ? inline : fromRules(own(inline, 'rule'));
    at = locate(bucket, 'server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm');
  }
  for (const part of parts.encryption) {
    kms = or(kms, and(exists(part), fromRules(own(part.values, 'rule'))));
    at = locate(part, 'rule.apply_server_side_encryption_by_default.sse_algorithm');
  }
  return { kms, at };
}

/** A joined resource exists, or why that is unknown. */
function exists(part: CloudResource): Tri {
  return part.exists === true ? true : new Unresolved(`${part.address}: ${part.exists.reason}`);
}

function firstBlock(value: IacValue | undefined): Record<string, IacValue> | Unresolved | null {
  if (value === undefined || value === null) return null;
  if (isUnresolved(value)) return value;
  const list = Array.isArray(value) ? value : [value];
  const first = list[0];
  if (first === undefined) return null;
  if (isUnresolved(first)) return first;
  return isObject(first) ? first : null;
}

function valueOf(block: IacValue | Record<string, IacValue> | Unresolved | null | undefined, key: string): IacValue | undefined {
  if (block === null || block === undefined) return undefined;
  if (isUnresolved(block)) return block;
  return own(block as IacValue, key);
}

function known<T>(value: T | null | Unresolved): T | null {
  return isUnresolved(value) ? null : value;
}
