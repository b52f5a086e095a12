/**
 * Static evaluation of a CloudFormation template's values: parameters with their defaults,
 * mappings, conditions and the intrinsic functions whose result can be known before deployment.
 * What only deployment can tell (a pseudo parameter, a resource's physical id or attribute, an
 * import, a macro) becomes `Unresolved`, with the addresses of the resources it names in `refs`
 * so that links (`S3BucketName: !Ref LogBucket`) can still be followed.
 *
 * The evaluator walks YAML nodes, not plain data, so that each property keeps its position.
 * Bounded: a step budget and a depth limit stop alias bombs and self-referring conditions.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { IacValue } from '../../model/cloud.js';
import type { Location } from '../../model/vocabulary.js';
import { refsOf } from '../values.js';
import { SHORT_TAGS, isIntrinsicKey } from './intrinsics.js';

/** `AWS::NoValue`: the property (or list item) it is given to is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Evaluated = IacValue | typeof NO_VALUE;

/**
 * Node evaluations per resource (its condition and its properties); beyond it values are
 * Unresolved (alias bombs). Per resource, so that one heavy resource does not starve the others.
 */
const MAX_STEPS = 500_000;
/** Node evaluations per template, whatever the number of resources: the work stays bounded. */
const MAX_TEMPLATE_STEPS = 5_000_000;
/** Nesting of evaluation (aliases can nest what they name again). */
const MAX_DEPTH = 200;

/**
 * Pseudo parameters (AWS CloudFormation User Guide, "Pseudo parameters reference"): all are
 * known only when the stack is deployed, except `AWS::NoValue`.
 */
const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

export interface TemplateScope {
  /** Parameter name → its declaration (a mapping with `Type`, `Default`, ...). */
  parameters: ReadonlyMap<string, Node | null>;
  /** The `Mappings` section. */
  mappings: Node | null;
  /** Condition name → its expression. */
  conditions: ReadonlyMap<string, Node | null>;
  /** Logical id → resource address (`AWS::S3::Bucket/LogBucket`). */
  resources: ReadonlyMap<string, string>;
}

/** An intrinsic function ztmm does not know, or a tag it does not know, with where it is written. */
export interface UnknownConstruct {
  construct: string;
  reason: string;
  at: Location;
}

/** Sets an own property, `__proto__` included, without touching any prototype. */
export function setOwn(target: Record<string, IacValue>, key: string, value: IacValue): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function has(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/** An Unresolved value that carries the refs found in the given values. */
function unresolved(reason: string, ...from: (Evaluated | undefined)[]): Unresolved {
  const refs = new Set<string>();
  for (const value of from) if (value !== NO_VALUE) for (const ref of refsOf(value)) refs.add(ref);
  return new Unresolved(reason, [...refs].sort());
}

function firstUnresolved(values: readonly Evaluated[]): Unresolved | undefined {
  return values.find((v): v is Unresolved => isUnresolved(v));
}

/** The text of a scalar value as CloudFormation compares and joins it. */
function textOf(value: Evaluated): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * What kind of value stood where another was needed. Never the value itself: it may be a
 * parameter default marked NoEcho, and reasons end up in reports.
 */
function describe(value: Evaluated): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (isUnresolved(value)) return value.reason;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

export class TemplateEvaluator {
  /** Steps taken for the current resource, and for the whole template. */
  private steps = 0;
  private totalSteps = 0;
  private readonly conditionMemo = new Map<string, boolean | Unresolved>();
  private readonly conditionBusy = new Set<string>();
  /** Where property paths are written, for the resource being evaluated (first occurrence wins). */
  private sink: Record<string, Location> | null = null;
  private readonly aliases = new Map<Node, Node | null>();
  /** Collections being evaluated (the current path from the root), to stop self-containing aliases. */
  private readonly active = new Set<Node>();
  readonly unknowns: UnknownConstruct[] = [];

  constructor(
    private readonly scope: TemplateScope,
    private readonly document: Document.Parsed | null,
    private readonly counter: LineCounter,
    private readonly path: string,
  ) {}

  /** Where a node starts (1-based). */
  locate(node: Node | null | undefined): Location {
    const pos = this.counter.linePos(node?.range?.[0] ?? 0);
    return { path: this.path, line: pos.line, column: pos.col };
  }

  /** Starts the step budget of a resource afresh (the template-wide bound still holds). */
  startResource(): void {
    this.steps = 0;
  }

  /**
   * Evaluates a resource's `Properties`, recording where each property path is written into
   * `locations` (dotted, without `Properties.` and without list indices).
   */
  properties(node: Node | null, locations: Record<string, Location>): Evaluated {
    this.sink = locations;
    try {
      return this.value(node, '', 0);
    } finally {
      this.sink = null;
    }
  }

  /** A condition by name: true, false, or why it cannot be known. */
  condition(name: string): boolean | Unresolved {
    const memo = this.conditionMemo.get(name);
    if (memo !== undefined) return memo;
    if (!this.scope.conditions.has(name)) return new Unresolved(`condition ${name} is not declared`);
    if (this.conditionBusy.has(name)) return new Unresolved(`condition ${name} refers to itself`);
    this.conditionBusy.add(name);
    let result: boolean | Unresolved;
    try {
      result = this.conditionValue(this.scope.conditions.get(name) ?? null, 0);
    } finally {
      this.conditionBusy.delete(name);
    }
    this.conditionMemo.set(name, result);
    return result;
  }

  /** Follows aliases (bounded); null when one does not resolve. */
  private deref(node: Node | null | undefined): Node | null {
    let current: Node | null = node ?? null;
    for (let hops = 0; current && isAlias(current); hops++) {
      if (hops > 16 || !this.document) return null;
      // Resolving an alias searches the document: each alias node is resolved once.
      const alias = current;
      let target = this.aliases.get(alias);
      if (target === undefined) {
        try {
          target = (alias.resolve(this.document) as Node | undefined) ?? null;
        } catch {
          target = null;
        }
        this.aliases.set(alias, target);
      }
      current = target;
    }
    return current;
  }

  private record(path: string | null, node: Node | null | undefined): void {
    if (this.sink === null || path === null || path === '' || has(this.sink, path)) return;
    // Defined, not assigned: a `__proto__` property path must not replace the record's prototype.
    if (node) Object.defineProperty(this.sink, path, { value: this.locate(node), enumerable: true, writable: true, configurable: true });
  }

  private budget(depth: number): Unresolved | null {
    this.steps++;
    this.totalSteps++;
    const over = this.overBudget();
    if (over) return over;
    if (depth > MAX_DEPTH) return new Unresolved('nesting too deep to evaluate');
    return null;
  }

  /** Why evaluation stops, once the resource's or the template's steps are spent. */
  private overBudget(): Unresolved | null {
    if (this.steps > MAX_STEPS) return new Unresolved('resource too large to evaluate statically');
    if (this.totalSteps > MAX_TEMPLATE_STEPS) return new Unresolved('template too large to evaluate statically');
    return null;
  }

  /**
   * The value of a node. `path` is the property path it sits at (null where its position is not a
   * property's, such as inside a function's arguments); `skipTag` evaluates a short-tagged node's
   * content as the argument of its function.
   */
  value(raw: Node | null | undefined, path: string | null, depth: number, skipTag = false): Evaluated {
    const stop = this.budget(depth);
    if (stop) return stop;
    const node = this.deref(raw);
    if (node === null) return raw ? new Unresolved('an alias that does not resolve') : null;
    // An anchored collection that holds an alias of itself would expand forever.
    if (this.active.has(node)) return new Unresolved('an alias that contains itself');
    const tag = skipTag ? undefined : node.tag;
    if (tag !== undefined && tag.startsWith('!')) {
      const long = SHORT_TAGS.get(tag);
      if (long !== undefined) return this.intrinsic(long, node, true, path, depth);
      this.unknowns.push({ construct: tag, reason: 'not a CloudFormation intrinsic function', at: this.locate(node) });
      return new Unresolved(`unknown tag ${tag}`);
    }
    if (isScalar(node)) return scalarValue(node.value);
    if (isSeq(node)) {
      const out: IacValue[] = [];
      this.active.add(node);
      for (const item of node.items) {
        const v = this.value(item as Node, path, depth + 1);
        if (v !== NO_VALUE) out.push(v);
      }
      this.active.delete(node);
      // A list cut short by the budget is not the list written: the whole of it is unknown. The
      // properties themselves (path '') stay a mapping, so that properties read in full are kept.
      return (path !== '' && this.overBudget()) || out;
    }
    if (isMap(node)) {
      const only = node.items.length === 1 ? node.items[0] : undefined;
      const onlyKey = only && isScalar(only.key) ? only.key.value : undefined;
      if (only && typeof onlyKey === 'string' && isIntrinsicKey(onlyKey)) return this.intrinsic(onlyKey, (only.value as Node | null) ?? null, false, path, depth);
      const out: Record<string, IacValue> = {};
      this.active.add(node);
      for (const pair of node.items) {
        const keyNode = this.deref(pair.key as Node | null);
        if (!keyNode || !isScalar(keyNode)) continue;
        const key = String(keyNode.value);
        const childPath = path === null ? null : path === '' ? key : `${path}.${key}`;
        this.record(childPath, keyNode);
        const v = this.value(pair.value as Node | null, childPath, depth + 1);
        if (v !== NO_VALUE) setOwn(out, key, v);
      }
      this.active.delete(node);
      return (path !== '' && this.overBudget()) || out;
    }
    return null;
  }

  /** The items of a list argument, or null when the argument is not a list. */
  private items(node: Node | null): Node[] | null {
    const target = this.deref(node);
    return target && isSeq(target) ? (target.items as Node[]) : null;
  }

  private intrinsic(name: string, arg: Node | null, tagged: boolean, path: string | null, depth: number): Evaluated {
    const argValue = (): Evaluated => this.value(arg, null, depth + 1, tagged);
    const args = (): Node[] | null => this.items(arg);
    switch (name) {
      case 'Ref':
        return this.ref(argValue());
      case 'Condition': {
        const condName = argValue();
        return typeof condName === 'string' ? this.condition(condName) : unresolved('Condition without a name', condName);
      }
      case 'Fn::GetAtt':
        return this.getAtt(arg, tagged, depth);
      case 'Fn::Sub':
        return this.sub(arg, tagged, depth);
      case 'Fn::If':
        return this.fnIf(args(), path, depth);
      case 'Fn::Join':
        return this.join(args(), depth);
      case 'Fn::Select':
        return this.select(args(), depth);
      case 'Fn::Split':
        return this.split(args(), depth);
      case 'Fn::FindInMap':
        return this.findInMap(args(), depth);
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return this.conditionFunction(name, args(), depth);
      case 'Fn::Base64': {
        const v = argValue();
        const text = textOf(v);
        if (text !== null) return Buffer.from(text, 'utf8').toString('base64');
        return isUnresolved(v) ? unresolved(`Fn::Base64: ${v.reason}`, v) : unresolved(`Fn::Base64 of ${describe(v)}`);
      }
      case 'Fn::Cidr':
        return unresolved('Fn::Cidr is not evaluated', argValue());
      case 'Fn::GetAZs':
        return unresolved('Fn::GetAZs: the Availability Zones are known at deploy time', argValue());
      case 'Fn::ImportValue': {
        const v = argValue();
        const text = textOf(v);
        return unresolved(text !== null ? `Fn::ImportValue ${text}: exported by another stack` : 'Fn::ImportValue: exported by another stack', v);
      }
      case 'Fn::Transform': {
        const v = argValue();
        const macro = v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnresolved(v) && has(v, 'Name') ? textOf(v['Name'] ?? null) : null;
        return unresolved(`Fn::Transform${macro ? ` ${macro}` : ''}: a macro runs at deploy time`, v);
      }
      case 'Fn::Length': {
        const v = argValue();
        if (Array.isArray(v)) return v.length;
        return isUnresolved(v) ? unresolved(`Fn::Length: ${v.reason}`, v) : unresolved(`Fn::Length of ${describe(v)}`);
      }
      case 'Fn::ToJsonString': {
        const v = argValue();
        if (v === NO_VALUE) return '';
        if (containsUnresolved(v, 0)) return unresolved('Fn::ToJsonString of values not known statically', v);
        return JSON.stringify(v);
      }
      default: {
        const at = arg ? this.locate(arg) : { path: this.path, line: 1, column: 1 };
        this.unknowns.push({ construct: name, reason: 'intrinsic function not evaluated', at });
        return unresolved(`unknown intrinsic function ${name}`, argValue());
      }
    }
  }

  private ref(target: Evaluated): Evaluated {
    if (typeof target !== 'string') return unresolved(`Ref of ${describe(target)}`, target);
    if (target === 'AWS::NoValue') return NO_VALUE;
    if (PSEUDO_PARAMETERS.has(target)) return new Unresolved(`${target} is known at deploy time`);
    if (this.scope.parameters.has(target)) return this.parameter(target);
    const address = this.scope.resources.get(target);
    if (address !== undefined) return new Unresolved(`Ref ${target}`, [address]);
    return new Unresolved(`Ref ${target}: no such parameter or resource`);
  }

  /** A parameter's value: its default (the value used when the deployer gives none). */
  private parameter(name: string): Evaluated {
    const decl = this.deref(this.scope.parameters.get(name) ?? null);
    if (!decl || !isMap(decl)) return new Unresolved(`parameter ${name} has no default`);
    const field = (key: string): Node | null => {
      const pair = decl.items.find((p) => isScalar(p.key) && p.key.value === key);
      return (pair?.value as Node | null | undefined) ?? null;
    };
    const typeNode = this.deref(field('Type'));
    const type = typeNode && isScalar(typeNode) ? String(typeNode.value) : 'String';
    const defaultNode = field('Default');
    if (defaultNode === null) return new Unresolved(`parameter ${name} has no default`);
    // Defaults are literals: evaluated without a property path.
    const value = this.value(defaultNode, null, 1);
    if (type.startsWith('AWS::SSM::Parameter::Value<')) return new Unresolved(`parameter ${name} is read from SSM Parameter Store at deploy time`);
    if ((type === 'CommaDelimitedList' || type.startsWith('List<')) && typeof value === 'string') {
      // "CommaDelimitedList": the default "a,b" is the list ["a", "b"].
      return value === '' ? [] : value.split(',').map((part) => part.trim());
    }
    return value;
  }

  private getAtt(arg: Node | null, tagged: boolean, depth: number): Evaluated {
    let resource: string | null = null;
    let attribute: string | null = null;
    const list = this.items(arg);
    if (list) {
      const [first, ...rest] = list.map((n) => this.value(n, null, depth + 1));
      resource = typeof first === 'string' ? first : null;
      const names = rest.map(textOf);
      attribute = names.every((n): n is string => n !== null) ? names.join('.') : null;
    } else {
      const text = this.value(arg, null, depth + 1, tagged);
      if (typeof text === 'string') {
        const dot = text.indexOf('.');
        resource = dot === -1 ? text : text.slice(0, dot);
        attribute = dot === -1 ? null : text.slice(dot + 1);
      }
    }
    if (resource === null) return new Unresolved('Fn::GetAtt without a resource name');
    const address = this.scope.resources.get(resource);
    const label = `GetAtt ${resource}${attribute !== null ? `.${attribute}` : ''}`;
    return address !== undefined ? new Unresolved(label, [address]) : new Unresolved(`${label}: no such resource`);
  }

  /** `Fn::Sub`: a string when every `${...}` is known; else Unresolved with the resources it names. */
  private sub(arg: Node | null, tagged: boolean, depth: number): Evaluated {
    let template: Evaluated;
    const variables: Record<string, Evaluated> = Object.create(null) as Record<string, Evaluated>;
    const list = this.items(arg);
    if (list) {
      template = this.value(list[0] ?? null, null, depth + 1);
      const vars = this.deref(list[1] ?? null);
      if (vars && isMap(vars)) {
        for (const pair of vars.items) {
          if (isScalar(pair.key)) variables[String(pair.key.value)] = this.value(pair.value as Node | null, null, depth + 1);
        }
      }
    } else {
      template = this.value(arg, null, depth + 1, tagged);
    }
    if (typeof template !== 'string') return unresolved(`Fn::Sub of ${describe(template)}`, template);
    let out = '';
    const unknown: Unresolved[] = [];
    const pattern = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let match = pattern.exec(template); match !== null; match = pattern.exec(template)) {
      out += template.slice(last, match.index);
      last = match.index + match[0].length;
      const name = (match[1] ?? '').trim();
      // `${!Literal}` is written out as `${Literal}`.
      if (name.startsWith('!')) {
        out += `\${${name.slice(1)}}`;
        continue;
      }
      let part: Evaluated;
      if (name in variables) part = variables[name] ?? null;
      else if (this.scope.resources.has(name.split('.')[0] ?? '') && name.includes('.')) {
        const dot = name.indexOf('.');
        part = new Unresolved(`GetAtt ${name}`, [this.scope.resources.get(name.slice(0, dot)) ?? '']);
      } else part = this.ref(name);
      const text = textOf(part);
      if (text !== null) out += text;
      else unknown.push(isUnresolved(part) ? part : new Unresolved(`\${${name}} is ${describe(part)}`));
    }
    out += template.slice(last);
    if (unknown.length === 0) return out;
    const reasons = [...new Set(unknown.map((u) => u.reason))];
    return unresolved(`Fn::Sub: ${reasons.join('; ')}`, ...unknown);
  }

  private fnIf(list: Node[] | null, path: string | null, depth: number): Evaluated {
    if (!list || list.length !== 3) return new Unresolved('Fn::If needs a condition and two values');
    const name = this.value(list[0], null, depth + 1);
    const chosen = typeof name === 'string' ? this.condition(name) : unresolved('Fn::If without a condition name', name);
    if (chosen === true) return this.value(list[1], path, depth + 1);
    if (chosen === false) return this.value(list[2], path, depth + 1);
    // Either branch may be taken: only the condition's refs are kept (as the Terraform front end
    // does), so that a link never follows a branch that may not be chosen — a trail joined to a
    // bucket it may not use would lend it that bucket's retention and lock.
    const label = typeof name === 'string' ? `condition ${name} is not known` : 'Fn::If condition is not known';
    return new Unresolved(`${label}: ${chosen.reason}`, chosen.refs);
  }

  /**
   * The property names a `Properties` node may set, when its value cannot be evaluated: the keys
   * of a mapping, or of both branches of an `Fn::If` at the top; null when they cannot be known
   * (a macro, an alias that does not resolve).
   */
  propertyNames(raw: Node | null): string[] | null {
    const node = this.deref(raw);
    if (!node) return null;
    const keysOf = (map: Node | null): string[] | null => {
      const target = this.deref(map);
      if (!target || !isMap(target)) return null;
      const keys: string[] = [];
      for (const pair of target.items) {
        const key = this.deref(pair.key as Node | null);
        if (key && isScalar(key)) keys.push(String(key.value));
      }
      return keys;
    };
    let ifArgs: Node | null = null;
    if (node.tag === '!If') ifArgs = node;
    else if (isMap(node) && node.items.length === 1 && isScalar(node.items[0]?.key) && node.items[0]?.key.value === 'Fn::If') ifArgs = (node.items[0]?.value as Node | null) ?? null;
    else if (node.tag === undefined || !node.tag.startsWith('!')) {
      const keys = keysOf(node);
      if (keys && !(keys.length === 1 && isIntrinsicKey(keys[0] ?? ''))) return keys;
      return null;
    } else return null;
    const branches = this.items(ifArgs);
    if (!branches || branches.length !== 3) return null;
    const a = keysOf(branches[1] ?? null);
    const b = keysOf(branches[2] ?? null);
    if (!a || !b) return null;
    return [...new Set([...a, ...b])];
  }

  private join(list: Node[] | null, depth: number): Evaluated {
    if (!list || list.length !== 2) return new Unresolved('Fn::Join needs a delimiter and a list');
    const delimiter = this.value(list[0], null, depth + 1);
    const values = this.value(list[1], null, depth + 1);
    if (typeof delimiter !== 'string') return unresolved(`Fn::Join delimiter ${describe(delimiter)}`, delimiter, values);
    if (isUnresolved(values)) return unresolved(`Fn::Join: ${values.reason}`, values);
    if (!Array.isArray(values)) return unresolved(`Fn::Join of ${describe(values)}`);
    const parts = values.map(textOf);
    if (parts.every((p): p is string => p !== null)) return parts.join(delimiter);
    const bad = firstUnresolved(values);
    return unresolved(`Fn::Join: ${bad ? bad.reason : 'a part is not a string'}`, values);
  }

  private select(list: Node[] | null, depth: number): Evaluated {
    if (!list || list.length !== 2) return new Unresolved('Fn::Select needs an index and a list');
    const index = this.value(list[0], null, depth + 1);
    const values = this.value(list[1], null, depth + 1);
    const at = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index.trim()) ? Number(index) : null;
    if (at === null) return unresolved(`Fn::Select index ${describe(index)}`, index, values);
    if (isUnresolved(values)) return unresolved(`Fn::Select: ${values.reason}`, values);
    if (!Array.isArray(values)) return unresolved(`Fn::Select of ${describe(values)}`);
    if (!Number.isInteger(at) || at < 0 || at >= values.length) return unresolved(`Fn::Select index ${at} out of range`, values);
    return values[at] ?? null;
  }

  private split(list: Node[] | null, depth: number): Evaluated {
    if (!list || list.length !== 2) return new Unresolved('Fn::Split needs a delimiter and a string');
    const delimiter = this.value(list[0], null, depth + 1);
    const source = this.value(list[1], null, depth + 1);
    if (typeof delimiter !== 'string' || delimiter === '') return unresolved(`Fn::Split delimiter ${describe(delimiter)}`, delimiter, source);
    if (isUnresolved(source)) return unresolved(`Fn::Split: ${source.reason}`, source);
    if (typeof source !== 'string') return unresolved(`Fn::Split of ${describe(source)}`);
    return source.split(delimiter);
  }

  private findInMap(list: Node[] | null, depth: number): Evaluated {
    if (!list || list.length < 3 || list.length > 4) return new Unresolved('Fn::FindInMap needs a map name and two keys');
    const keys = list.slice(0, 3).map((n) => this.value(n, null, depth + 1));
    const names = keys.map(textOf);
    // AWS::LanguageExtensions: a fourth argument `{ DefaultValue: x }` when a key is missing.
    const fallback = (): Evaluated | undefined => {
      const options = this.deref(list[3] ?? null);
      if (!options || !isMap(options)) return undefined;
      const pair = options.items.find((p) => isScalar(p.key) && p.key.value === 'DefaultValue');
      return pair ? this.value(pair.value as Node | null, null, depth + 1) : undefined;
    };
    if (!names.every((n): n is string => n !== null)) {
      const bad = firstUnresolved(keys);
      return unresolved(`Fn::FindInMap key: ${bad ? bad.reason : 'not a string'}`, ...keys);
    }
    const [mapName, top, second] = names as [string, string, string];
    let node: Node | null = this.deref(this.scope.mappings);
    for (const key of [mapName, top, second]) {
      if (!node || !isMap(node)) break;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      node = pair ? this.deref(pair.value as Node | null) : null;
      if (!pair) break;
    }
    if (node !== null && !isMap(node)) return this.value(node, null, depth + 1);
    const other = fallback();
    if (other !== undefined) return other;
    return new Unresolved(`Fn::FindInMap: mapping ${mapName} has no such keys`);
  }

  private conditionFunction(name: string, list: Node[] | null, depth: number): boolean | Unresolved {
    if (!list) return new Unresolved(`${name} needs a list`);
    if (name === 'Fn::Equals') {
      if (list.length !== 2) return new Unresolved('Fn::Equals needs two values');
      const a = this.value(list[0], null, depth + 1);
      const b = this.value(list[1], null, depth + 1);
      if (isUnresolved(a) || isUnresolved(b)) {
        const reason = isUnresolved(a) ? a.reason : (b as Unresolved).reason;
        return unresolved(reason, a, b);
      }
      return sameValue(a, b);
    }
    const values = list.map((n) => this.conditionValue(n, depth + 1));
    if (name === 'Fn::Not') {
      if (values.length !== 1) return new Unresolved('Fn::Not needs one condition');
      const only = values[0] ?? new Unresolved('Fn::Not needs one condition');
      return isUnresolved(only) ? only : !only;
    }
    // Three-valued: a false in Fn::And (a true in Fn::Or) decides whatever the others are.
    const decisive = name === 'Fn::Or';
    if (values.includes(decisive)) return decisive;
    const open = firstUnresolved(values);
    return open ? unresolved(open.reason, ...values) : !decisive;
  }

  /** A condition expression: a condition function, a `Condition` reference, or a literal boolean. */
  private conditionValue(raw: Node | null, depth: number): boolean | Unresolved {
    const node = this.deref(raw);
    // `{ Condition: Name }` names another condition (in properties it is data, as an IAM
    // statement's `Condition` block, so it is read as a reference only here).
    if (node && isMap(node) && node.items.length === 1) {
      const only = node.items[0];
      if (only && isScalar(only.key) && only.key.value === 'Condition') {
        const target = this.value(only.value as Node | null, null, depth + 1);
        return typeof target === 'string' ? this.condition(target) : unresolved('Condition without a name', target);
      }
    }
    const v = this.value(node, null, depth);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    if (isUnresolved(v)) return v;
    return new Unresolved(`not a condition: ${describe(v)}`);
  }
}

function containsUnresolved(value: IacValue, depth: number): boolean {
  if (depth > 64) return false;
  if (isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some((v) => containsUnresolved(v, depth + 1));
  if (value !== null && typeof value === 'object') return Object.keys(value).some((k) => containsUnresolved(value[k] ?? null, depth + 1));
  return false;
}

/** `Fn::Equals`: CloudFormation compares the values as strings (a Number default 14 equals '14'). */
function sameValue(a: Evaluated, b: Evaluated): boolean {
  const ta = textOf(a);
  const tb = textOf(b);
  if (ta !== null || tb !== null) return ta === tb;
  return JSON.stringify(a === NO_VALUE ? null : a) === JSON.stringify(b === NO_VALUE ? null : b);
}

function scalarValue(value: unknown): IacValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}
