/**
 * KMS keys (`aws_kms_key`, `AWS::KMS::Key`) → subject `aws-kms-key`: whether automatic rotation is on (CIS AWS 3.6). Rotation applies to symmetric encryption keys
 * only, so `symmetric` says whether the rule applies.
 *
 * Defaults (AWS provider 5.x, KMS): `enable_key_rotation` false; `customer_master_key_spec` /
 * `KeySpec` `SYMMETRIC_DEFAULT`; `key_usage` `ENCRYPT_DECRYPT`; `is_enabled` / `Enabled` true.
 */
import { isUnresolved } from '../../model/cloud.js';
import type { CloudResource } from '../../model/cloud.js';
import type { Subject } from '../../model/subject.js';
import { boolOf } from '../values.js';
import { arg, upper } from './arguments.js';
import { FactSheet } from '../fact-sheet.js';
import { withDefault } from './tri.js';

export const KMS_KEY_TYPES = ['aws_kms_key', 'AWS::KMS::Key'];

export function readKmsKey(key: CloudResource): Subject {
  const sheet = new FactSheet(key);
  const rotation = arg(key, 'enable_key_rotation', 'EnableKeyRotation');
  sheet.set('rotation', withDefault(boolOf(rotation.value), false), rotation.attr);
  const enabled = arg(key, 'is_enabled', 'Enabled');
  sheet.set('enabled', withDefault(boolOf(enabled.value), true), enabled.attr);

  const spec = arg(key, 'customer_master_key_spec', 'KeySpec');
  const usage = arg(key, 'key_usage', 'KeyUsage');
  const specValue = upper(spec.value) ?? 'SYMMETRIC_DEFAULT';
  const usageValue = upper(usage.value) ?? 'ENCRYPT_DECRYPT';
  const symmetric = isUnresolved(specValue) ? specValue : isUnresolved(usageValue) ? usageValue : specValue === 'SYMMETRIC_DEFAULT' && usageValue === 'ENCRYPT_DECRYPT';
  sheet.set('symmetric', symmetric, spec.attr);
  sheet.set('keySpec', specValue, spec.attr);
  return sheet.subject('aws-kms-key', ['data'], { unknownWhenMaybeAbsent: true });
}
