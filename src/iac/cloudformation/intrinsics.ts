/**
 * CloudFormation's short intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`, ...) and the long forms they
 * stand for. A plain YAML parse rejects (or warns about) these tags, so the template parser
 * registers each one for scalars, sequences and mappings; the evaluator then reads a tagged node
 * as the one-key mapping `{ 'Fn::Sub': ... }` it abbreviates.
 */
import type { CollectionTag, ScalarTag } from 'yaml';

/** Short tag → long form (the key of the one-key mapping). */
export const SHORT_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!Sub', 'Fn::Sub'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!If', 'Fn::If'],
  ['!Join', 'Fn::Join'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!Equals', 'Fn::Equals'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!Not', 'Fn::Not'],
  ['!Base64', 'Fn::Base64'],
  ['!Cidr', 'Fn::Cidr'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!Transform', 'Fn::Transform'],
  // AWS::LanguageExtensions transform.
  ['!Length', 'Fn::Length'],
  ['!ToJsonString', 'Fn::ToJsonString'],
]);

/**
 * The tags registered with the YAML composer. Each keeps the node as parsed (tag and range
 * included): the evaluator works on nodes, so positions survive.
 */
export const CFN_CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = [...SHORT_TAGS.keys()].flatMap((tag): (ScalarTag | CollectionTag)[] => [
  { tag, resolve: (text: string): string => text },
  { tag, collection: 'seq', resolve: (node) => node },
  { tag, collection: 'map', resolve: (node) => node },
]);

/** True for the long-form keys of intrinsic functions (`Ref`, `Fn::*`). */
export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}
