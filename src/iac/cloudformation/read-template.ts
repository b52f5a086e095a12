/**
 * A CloudFormation template → `CloudResource`s: each resource of `Resources` that exists (its
 * condition is not known false), with its `Properties` evaluated statically and the position of
 * each property. The template is its own stack: `Ref` and `Fn::GetAtt` resolve within it.
 */
import { isMap, isScalar } from 'yaml';
import type { Node, Pair, YAMLMap } from 'yaml';
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import type { Unknown } from '../../model/pipeline.js';
import type { Location } from '../../model/vocabulary.js';
import { TemplateEvaluator, setOwn } from './evaluate.js';
import type { TemplateScope } from './evaluate.js';
import { parseTemplate } from './parse-template.js';

export interface TemplateRead {
  resources: CloudResource[];
  problems: { at: Location; message: string }[];
  unknowns: Unknown[];
  /** True when nothing could be read (a syntax error, not a mapping). */
  fatal: boolean;
}

/** The address rules name: `AWS::CloudTrail::Trail/Trail` (type / logical id). */
export function cfnAddress(type: string, logicalId: string): string {
  return `${type}/${logicalId}`;
}

function section(root: YAMLMap, name: string): Pair | undefined {
  return root.items.find((pair) => isScalar(pair.key) && pair.key.value === name);
}

function entries(node: Node | null | undefined): { key: string; keyNode: Node; value: Node | null }[] {
  if (!node || !isMap(node)) return [];
  const out: { key: string; keyNode: Node; value: Node | null }[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    out.push({ key: String(pair.key.value), keyNode: pair.key, value: (pair.value as Node | null) ?? null });
  }
  return out;
}

function field(node: Node | null, name: string): Node | null {
  if (!node || !isMap(node)) return null;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === name);
  return (pair?.value as Node | null | undefined) ?? null;
}

export function readTemplate(path: string, text: string): TemplateRead {
  const parsed = parseTemplate(text);
  const top: Location = { path, line: 1, column: 1 };
  if (parsed.errors.length > 0) {
    return { resources: [], problems: parsed.errors.map((e) => ({ at: { path, line: e.line, column: e.column }, message: e.message })), unknowns: [], fatal: true };
  }
  const root = parsed.root;
  if (!root || !isMap(root)) {
    return { resources: [], problems: [{ at: top, message: 'not a CloudFormation template: the document is not a mapping' }], unknowns: [], fatal: true };
  }
  const parameters = new Map<string, Node | null>(entries(section(root, 'Parameters')?.value as Node | null).map((e) => [e.key, e.value]));
  const conditions = new Map<string, Node | null>(entries(section(root, 'Conditions')?.value as Node | null).map((e) => [e.key, e.value]));
  const resourcesPair = section(root, 'Resources');
  const problems: TemplateRead['problems'] = [];
  const unknowns: Unknown[] = [];

  // Logical id → address first: a Ref may name a resource declared further down.
  const declared: { id: string; type: string; keyNode: Node; node: Node | null }[] = [];
  const addresses = new Map<string, string>();
  for (const entry of entries(resourcesPair?.value as Node | null)) {
    if (entry.key.startsWith('Fn::ForEach::')) {
      unknowns.push({ construct: entry.key, reason: 'AWS::LanguageExtensions loops are not expanded', at: locate(parsed.counter, path, entry.keyNode) });
      continue;
    }
    const typeNode = field(entry.value, 'Type');
    if (!typeNode || !isScalar(typeNode) || typeof typeNode.value !== 'string' || typeNode.value === '') {
      problems.push({ at: locate(parsed.counter, path, entry.keyNode), message: `resource ${entry.key} has no Type` });
      continue;
    }
    if (addresses.has(entry.key)) {
      problems.push({ at: locate(parsed.counter, path, entry.keyNode), message: `resource ${entry.key} is declared twice (the first is read)` });
      continue;
    }
    addresses.set(entry.key, cfnAddress(typeNode.value, entry.key));
    declared.push({ id: entry.key, type: typeNode.value, keyNode: entry.keyNode, node: entry.value });
  }
  if (!resourcesPair) problems.push({ at: top, message: 'template has no Resources section' });

  const scope: TemplateScope = { parameters, conditions, mappings: (section(root, 'Mappings')?.value as Node | null) ?? null, resources: addresses };
  const evaluator = new TemplateEvaluator(scope, parsed.document, parsed.counter, path);
  const resources: CloudResource[] = [];
  for (const item of declared) {
    evaluator.startResource();
    let exists = existence(evaluator, item.node);
    if (exists === false) continue;
    const locations: Record<string, Location> = {};
    const propertiesNode = field(item.node, 'Properties');
    const evaluated = propertiesNode ? evaluator.properties(propertiesNode, locations) : {};
    let values: Record<string, IacValue> = {};
    if (evaluated !== null && typeof evaluated === 'object' && !Array.isArray(evaluated) && !isUnresolved(evaluated)) values = evaluated;
    else if (isUnresolved(evaluated)) {
      unknowns.push({ construct: `${item.id}.Properties`, reason: evaluated.reason, at: evaluator.locate(propertiesNode) });
      // Never `{}`: that would read as "nothing set" (no KMS key, no validation), a guess. Each
      // property that may be written is Unresolved with the reason; one not written is not set.
      const names = evaluator.propertyNames(propertiesNode);
      if (names !== null) for (const name of names) setOwn(values, name, evaluated);
      else {
        // Which properties are set cannot be known (a macro, an alias that does not resolve):
        // the resource's facts must all be unknown, which the contract says through `exists`.
        const why = `the properties of ${item.id} cannot be evaluated: ${evaluated.reason}`;
        exists = exists === true ? new Unresolved(why, evaluated.refs) : new Unresolved(`${exists.reason}; ${why}`, [...new Set([...exists.refs, ...evaluated.refs])].sort());
      }
    }
    resources.push({
      address: cfnAddress(item.type, item.id),
      type: item.type,
      name: item.id,
      source: 'cloudformation',
      stack: path,
      path,
      values,
      at: evaluator.locate(item.keyNode),
      locations,
      exists,
    });
  }
  for (const u of evaluator.unknowns) unknowns.push({ construct: u.construct, reason: u.reason, at: u.at });
  return { resources, problems, unknowns, fatal: false };
}

/** A resource's `Condition`: true (none, or true), false (left out), or why it is unknown. */
function existence(evaluator: TemplateEvaluator, node: Node | null): true | false | Unresolved {
  const conditionNode = field(node, 'Condition');
  if (conditionNode === null) return true;
  const name = isScalar(conditionNode) ? conditionNode.value : null;
  if (typeof name !== 'string') return new Unresolved('the resource Condition is not a condition name');
  const value = evaluator.condition(name);
  if (value === true || value === false) return value;
  return new Unresolved(`condition ${name}: ${value.reason}`, value.refs);
}

function locate(counter: { linePos(offset: number): { line: number; col: number } }, path: string, node: Node): Location {
  const pos = counter.linePos(node.range?.[0] ?? 0);
  return { path, line: pos.line, column: pos.col };
}
