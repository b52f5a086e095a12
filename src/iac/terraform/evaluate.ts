/**
 * Evaluates the Terraform modules of a scan into `CloudResource`s. A module is a directory; every
 * directory that no other scanned directory calls as a local module (`source = "./x"`) is a root,
 * evaluated with its variables' defaults and its auto-loaded `.tfvars`, and with the local modules
 * it calls (recursively, once per `count` / `for_each` instance). What is not knowable statically
 * stays `Unresolved` with the reason.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue, TerraformFileData } from '../../model/cloud.js';
import type { Unknown } from '../../model/pipeline.js';
import type { Location } from '../../model/vocabulary.js';
import { entriesOf, evalExpr, evalJson, newBudget, parseCached } from './evaluate-expression.js';
import { ParseError } from './expression.js';
import { convertToType } from './types.js';
import type { Bindings, Budget, Scope } from './evaluate-expression.js';
import { baseName, bodiesOf, dirOf, isIgnoredFile, keysOf, localSource, locationOf, locationsUnder, readModule } from './module-config.js';
import type { Declared, ModuleConfig, RawBody, ResourceDecl } from './module-config.js';
import { Entity, Failure, combine, data, finish, hasOwn, put, settled, withRefs } from './value.js';
import type { V, VObject } from './value.js';

export interface TerraformEvaluation {
  resources: CloudResource[];
  /** Constructs not understood or not knowable (a remote module, a variable without a value). */
  unknowns: Unknown[];
  problems: { at: Location; message: string }[];
}

/** Modules nested deeper than this are not evaluated (a module that calls itself through a path). */
const MAX_MODULE_DEPTH = 12;
/** A resource or module with more instances than this is one resource whose existence is unknown. */
const MAX_INSTANCES = 1000;
/** At most this many resources come out of one scan. */
const MAX_RESOURCES = 100_000;

/** Meta-arguments of a resource block: not resource values. */
const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'dynamic']);
/** Arguments of a module block that are not input variables. */
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

interface Run {
  stack: string;
  configs: Map<string, ModuleConfig>;
  budget: Budget;
  resources: CloudResource[];
  unknowns: Unknown[];
  problems: { at: Location; message: string }[];
  instances: number;
}

/** One iteration of `count` / `for_each`: what `count.index`, `each.key` and `each.value` are. */
type Iteration = { count: V } | { each: { key: V; value: V } } | null;

type InstanceKey = { text: string; iteration: Iteration };

/**
 * Evaluates every root module among the Terraform files of a scan (every directory with `.tf`
 * files that no other scanned module calls as a local module), with the local modules they call.
 */
export function evaluateTerraform(files: readonly TerraformFileData[]): TerraformEvaluation {
  const out: TerraformEvaluation = { resources: [], unknowns: [], problems: [] };
  try {
    const byDir = new Map<string, TerraformFileData[]>();
    const varsByDir = new Map<string, TerraformFileData[]>();
    for (const file of [...files].sort((a, b) => compare(a.path, b.path))) {
      const target = file.role === 'config' ? byDir : file.role === 'vars' ? varsByDir : null;
      // Terraform skips editor and hidden files (`.x.tf`, `x.tf~`, `#x.tf#`) when it loads a module.
      if (!target || (file.role === 'config' && isIgnoredFile(baseName(file.path)))) continue;
      const dir = dirOf(file.path);
      const list = target.get(dir) ?? [];
      list.push(file);
      target.set(dir, list);
    }
    const configs = new Map<string, ModuleConfig>();
    for (const dir of [...byDir.keys()].sort(compare)) {
      const config = readModule(dir, byDir.get(dir) ?? []);
      configs.set(dir, config);
      // Duplicate declarations and overrides without a base: once per directory, not per instance.
      out.unknowns.push(...config.unknowns);
    }
    const called = new Set<string>();
    for (const config of configs.values()) {
      for (const call of config.calls) {
        const source = call.body['source'];
        const target = typeof source === 'string' ? localSource(config.dir, source) : null;
        if (target !== null && target !== config.dir && configs.has(target)) called.add(target);
      }
    }
    const budget = newBudget();
    for (const dir of [...configs.keys()].sort(compare)) {
      if (called.has(dir)) continue;
      const config = configs.get(dir) as ModuleConfig;
      const run: Run = { stack: dir, configs, budget, resources: out.resources, unknowns: out.unknowns, problems: out.problems, instances: 0 };
      const root = new Instance(run, config, '', null, true, 0, [dir]);
      root.useRootVariables(varsByDir.get(dir) ?? []);
      root.emit();
    }
  } catch (error) {
    out.problems.push({ at: { path: files[0]?.path ?? '', line: 1, column: 1 }, message: `Terraform evaluation stopped: ${error instanceof Error ? error.message : String(error)}` });
  }
  out.resources.sort((a, b) => compare(a.stack, b.stack) || compare(a.address, b.address));
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyText(key: IacValue): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** The caller's side of a module instance: how its variables get their values. */
interface Caller {
  instance: Instance;
  call: Declared;
  iteration: Iteration;
  address: string;
}

/** One instance of a module: the root, or one `count` / `for_each` instance of a module call. */
class Instance {
  private readonly locals = new Map<string, V | 'pending'>();
  private readonly variables = new Map<string, V | 'pending'>();
  private readonly resourceValues = new Map<string, VObject | 'pending'>();
  private readonly moduleEntities = new Map<string, V>();
  private readonly children = new Map<string, Instance>();
  private rootVars: Map<string, { value: V; at: Location }> | null = null;
  readonly scope: Scope;

  constructor(
    readonly run: Run,
    readonly config: ModuleConfig,
    /** `module.a.` / `module.a[0].module.b.`; empty for the root. */
    readonly prefix: string,
    readonly caller: Caller | null,
    /** True, or why this instance may not exist (its module's `count` is unknown). */
    readonly exists: true | Unresolved,
    readonly depth: number,
    readonly dirs: readonly string[],
  ) {
    this.scope = this.scopeFor(null);
  }

  useRootVariables(varsFiles: readonly TerraformFileData[]): void {
    // Terraform loads terraform.tfvars(.json) first, then *.auto.tfvars(.json) in lexical order,
    // then each -var-file in the order given; later wins.
    const ordered = [...varsFiles].sort((a, b) => rank(a) - rank(b) || compare(baseName(a.path), baseName(b.path)));
    const values = new Map<string, { value: V; at: Location }>();
    const empty = this.emptyScope();
    for (const file of ordered) {
      const body = file.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) continue;
      const json = file.path.endsWith('.json');
      for (const name of keysOf(body as RawBody)) {
        const raw = (body as RawBody)[name];
        values.set(name, { value: json ? literal(raw) : evalJson(raw, empty), at: locationOf(file, name) });
      }
    }
    this.rootVars = values;
    for (const [name, decl] of this.config.variables) {
      if (!values.has(name) && !hasOwn(decl.body, 'default')) {
        this.run.unknowns.push({ construct: `var.${name}`, reason: `var.${name} has no value (no default, no terraform.tfvars)`, at: locationOf(decl.file, `variable.${name}`) });
      }
    }
  }

  private emptyScope(): Scope {
    return { root: (name) => new Unresolved(`${name} cannot be referred to here`), budget: this.run.budget };
  }

  // --- scope ------------------------------------------------------------------------------------

  scopeFor(iteration: Iteration): Scope {
    return {
      budget: this.run.budget,
      root: (name) => this.root(name, iteration),
    };
  }

  private root(name: string, iteration: Iteration): V {
    switch (name) {
      case 'var':
        return new Entity('var', [], (n) => this.variable(n));
      case 'local':
        return new Entity('local', [], (n) => this.local(n));
      case 'module':
        return new Entity('module', [], (n) => this.moduleEntity(n));
      case 'data':
        return new Entity('data', [], (type) => new Entity(`data.${type}`, [], (n) => this.dataSource(type, n)));
      case 'path':
        return new Entity('path', [], (n) => {
          if (n === 'module') return this.config.dir;
          if (n === 'root') return this.run.stack;
          return new Unresolved(`path.${n} depends on where Terraform runs`);
        });
      case 'terraform':
        return new Entity('terraform', [], (n) => new Unresolved(`terraform.${n} is chosen when Terraform runs`));
      case 'self':
        return new Unresolved('self is only known when Terraform applies');
      case 'count':
        if (iteration && 'count' in iteration) return { index: iteration.count };
        return new Failure('count.index outside a resource with count');
      case 'each':
        if (iteration && 'each' in iteration) return { key: iteration.each.key, value: iteration.each.value };
        return new Failure('each outside a resource with for_each');
      default:
        return new Entity(name, [], (n) => this.resourceEntity(name, n));
    }
  }

  private variable(name: string): V {
    const memo = this.variables.get(name);
    if (memo === 'pending') return new Failure(`var.${name} refers to itself`);
    if (memo !== undefined) return memo;
    this.variables.set(name, 'pending');
    const value = this.typed(name, this.computeVariable(name));
    this.variables.set(name, value);
    return value;
  }

  /** The value converted to the variable's `type` (optional attributes filled in), when the type is understood. */
  private typed(name: string, value: V): V {
    const decl = this.config.variables.get(name);
    const raw = decl?.body['type'];
    if (typeof raw !== 'string') return value;
    const type = parseCached(raw.startsWith('${') ? raw : `\${${raw}}`, this.run.budget);
    if (type instanceof ParseError) return value;
    const empty = this.emptyScope();
    return convertToType(value, type, (expr) => evalExpr(expr, empty, new Map(), 0));
  }

  private computeVariable(name: string): V {
    const decl = this.config.variables.get(name);
    if (this.caller) {
      const passed = this.caller.call.body;
      if (!MODULE_META.has(name) && hasOwn(passed, name)) {
        const value = evalJson(passed[name], this.caller.instance.scopeFor(this.caller.iteration));
        return value === null && decl ? this.nullSet(decl) : value;
      }
      if (!decl) return new Unresolved(`var.${name} is not declared in ${this.config.dir}`);
      if (hasOwn(decl.body, 'default')) return this.defaultOf(decl);
      return new Unresolved(`var.${name} has no value (${this.caller.address} passes none, no default)`);
    }
    const set = this.rootVars?.get(name);
    if (set) return set.value === null && decl ? this.nullSet(decl) : set.value;
    if (!decl) return new Unresolved(`var.${name} is not declared in the scanned files`);
    if (hasOwn(decl.body, 'default')) return this.defaultOf(decl);
    return new Unresolved(`var.${name} has no value (no default, no terraform.tfvars)`);
  }

  /**
   * A variable set to null: null, unless it is declared `nullable = false`, where Terraform uses
   * its default instead (and rejects the null when there is none).
   */
  private nullSet(decl: Declared): V {
    if (!hasOwn(decl.body, 'nullable') || evalJson(decl.body['nullable'], this.emptyScope()) !== false) return null;
    if (hasOwn(decl.body, 'default')) return this.defaultOf(decl);
    return new Unresolved(`var.${decl.name} is set to null, which nullable = false forbids, and has no default`);
  }

  private defaultOf(decl: Declared): V {
    const raw = decl.body['default'];
    // A `.tf.json` default is a literal value, not a template; an HCL default is a constant
    // expression. An override file may have set the default in the other syntax.
    const file = decl.from?.get('default') ?? decl.file;
    return file.path.endsWith('.json') ? literal(raw) : evalJson(raw, this.emptyScope());
  }

  private local(name: string): V {
    const memo = this.locals.get(name);
    if (memo === 'pending') return new Failure(`local.${name} refers to itself`);
    if (memo !== undefined) return memo;
    const decl = this.config.locals.get(name);
    if (!decl) return new Unresolved(`local.${name} is not declared in the scanned files`);
    this.locals.set(name, 'pending');
    const value = evalJson(decl.raw, this.scope);
    this.locals.set(name, value);
    return value;
  }

  private dataSource(type: string, name: string): V {
    const address = `${this.prefix}data.${type}.${name}`;
    const reason = `data source ${address}`;
    const entity: Entity = new Entity(address, [], () => new Unresolved(reason), () => entity, () => new Unresolved(reason));
    return entity;
  }

  // --- resources --------------------------------------------------------------------------------

  private declOf(type: string, name: string): ResourceDecl | undefined {
    return this.config.resources.find((r) => r.type === type && r.name === name);
  }

  private resourceEntity(type: string, name: string): V {
    const decl = this.declOf(type, name);
    const base = `${this.prefix}${type}.${name}`;
    // Still a reference to a resource: its value is unknown, but it names something (a key, a
    // log group), so an argument set to it is set.
    if (!decl) return new Unresolved(`${base} is not declared in the scanned files`, [base]);
    const mode = hasOwn(decl.body, 'count') ? 'count' : hasOwn(decl.body, 'for_each') ? 'for_each' : null;
    if (mode === null) return this.instanceEntity(decl, base, null);
    const keys = this.instanceKeys(decl.body, this.scope);
    const group = (): V => {
      if (isUnresolved(keys)) return withRefs(keys, [base]);
      if (mode === 'count') return keys.map((k) => this.instanceEntity(decl, `${base}${k.text}`, k.iteration));
      const map: VObject = {};
      for (const k of keys) if (k.iteration && 'each' in k.iteration) put(map, String(k.iteration.each.key), this.instanceEntity(decl, `${base}${k.text}`, k.iteration));
      return map;
    };
    return new Entity(
      base,
      [base],
      (attr) => new Unresolved(`computed: ${base}.${attr}`, [base]),
      (key) => {
        if (isUnresolved(keys)) return new Unresolved(keys.reason, [...new Set([...keys.refs, base])].sort());
        const text = keyText(mode === 'count' && typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key);
        const found = keys.find((k) => k.text === text);
        if (!found) return new Failure(`${base}${text} is not an instance`);
        return this.instanceEntity(decl, `${base}${text}`, found.iteration);
      },
      group,
    );
  }

  private instanceEntity(decl: ResourceDecl, address: string, iteration: Iteration): Entity {
    return new Entity(address, [address], (attr) => {
      const values = this.valuesOf(decl, address, iteration);
      if (values === 'pending') return new Unresolved(`computed: ${address}.${attr}`, [address]);
      if (hasOwn(values, attr)) {
        const value = values[attr] as V;
        return isUnresolved(value) ? withRefs(value, [address]) : value;
      }
      return new Unresolved(`computed: ${address}.${attr}`, [address]);
    });
  }

  /** A resource instance's evaluated body (memoised; 'pending' while it is being evaluated). */
  private valuesOf(decl: ResourceDecl, address: string, iteration: Iteration): VObject | 'pending' {
    const memo = this.resourceValues.get(address);
    if (memo !== undefined) return memo;
    this.resourceValues.set(address, 'pending');
    const values = evalBlock(decl.body, this.scopeFor(iteration), new Map(), 0, RESOURCE_META);
    this.resourceValues.set(address, values);
    return values;
  }

  /** The instances of a block with `count` or `for_each`, or why they are unknown. */
  private instanceKeys(body: RawBody, scope: Scope): InstanceKey[] | Unresolved {
    if (hasOwn(body, 'count')) {
      const count = data(evalJson(body['count'], scope), this.run.budget);
      if (isUnresolved(count)) return count;
      const n = typeof count === 'number' ? count : typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : NaN;
      if (!Number.isInteger(n) || n < 0) return new Unresolved(`count is not a whole number: ${JSON.stringify(count)}`);
      if (n > MAX_INSTANCES) return new Unresolved(`count ${n} is more instances than ztmm expands (${MAX_INSTANCES})`);
      return Array.from({ length: n }, (_, i) => ({ text: `[${i}]`, iteration: { count: i } }));
    }
    const forEach = evalJson(body['for_each'], scope);
    const flat = data(forEach, this.run.budget);
    if (isUnresolved(flat)) return flat;
    if (Array.isArray(flat)) {
      // A set of strings: each key and value is the string.
      const keys: string[] = [];
      for (const item of flat) {
        if (isUnresolved(item)) return item;
        if (typeof item !== 'string') return new Unresolved('for_each over a set that is not of strings');
        if (!keys.includes(item)) keys.push(item);
        if (keys.length > MAX_INSTANCES) return new Unresolved(`for_each has more instances than ztmm expands (${MAX_INSTANCES})`);
      }
      return keys.sort(compare).map((k) => ({ text: keyText(k), iteration: { each: { key: k, value: k } } }));
    }
    const entries = entriesOf(forEach);
    if (isUnresolved(entries)) return entries;
    if (flat === null || typeof flat !== 'object') return new Unresolved('for_each is not a map or a set');
    if (entries.length > MAX_INSTANCES) return new Unresolved(`for_each has more instances than ztmm expands (${MAX_INSTANCES})`);
    return entries.map(([k, v]) => ({ text: keyText(String(k)), iteration: { each: { key: k, value: v } } }));
  }

  // --- modules ----------------------------------------------------------------------------------

  private moduleEntity(name: string): V {
    const memo = this.moduleEntities.get(name);
    if (memo !== undefined) return memo;
    const value = this.computeModuleEntity(name);
    this.moduleEntities.set(name, value);
    return value;
  }

  /** Why a module call is not evaluated (remote, not scanned, too deep), or its directory. */
  private target(call: Declared): { dir: string } | { reason: string } {
    const address = `${this.prefix}module.${call.name}`;
    const source = call.body['source'];
    if (typeof source !== 'string') return { reason: `${address} has no literal source` };
    const dir = localSource(this.config.dir, source);
    if (dir === null) {
      if (source.startsWith('./') || source.startsWith('../')) return { reason: `${address} calls a local module outside the scanned tree (${source})` };
      return { reason: `${address} is a remote module (${source}): its resources and outputs are not known` };
    }
    if (!this.run.configs.has(dir)) return { reason: `${address} calls a local module that is not in the scan (${source})` };
    if (this.dirs.includes(dir) || this.depth >= MAX_MODULE_DEPTH) return { reason: `${address} calls a module that calls itself (${source})` };
    return { dir };
  }

  private computeModuleEntity(name: string): V {
    const call = this.config.calls.find((c) => c.name === name);
    const address = `${this.prefix}module.${name}`;
    if (!call) return new Unresolved(`module.${name} is not declared in the scanned files`);
    const target = this.target(call);
    if ('reason' in target) {
      const unknown: Entity = new Entity(address, [], () => new Unresolved(target.reason), () => unknown, () => new Unresolved(target.reason));
      return unknown;
    }
    const mode = hasOwn(call.body, 'count') ? 'count' : hasOwn(call.body, 'for_each') ? 'for_each' : null;
    if (mode === null) return this.childEntity(call, target.dir, address, null, true);
    const keys = this.instanceKeys(call.body, this.scope);
    if (isUnresolved(keys)) {
      const child: Entity = new Entity(address, [], () => keys, () => child, () => keys);
      return child;
    }
    const group = (): V => {
      if (mode === 'count') return keys.map((k) => this.childEntity(call, target.dir, `${address}${k.text}`, k.iteration, true));
      const map: VObject = {};
      for (const k of keys) if (k.iteration && 'each' in k.iteration) put(map, String(k.iteration.each.key), this.childEntity(call, target.dir, `${address}${k.text}`, k.iteration, true));
      return map;
    };
    return new Entity(
      address,
      [],
      (attr) => new Failure(`${address} has count or for_each: name an instance to read ${attr}`),
      (key) => {
        const text = keyText(mode === 'count' && typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key);
        const found = keys.find((k) => k.text === text);
        if (!found) return new Failure(`${address}${text} is not an instance`);
        return this.childEntity(call, target.dir, `${address}${text}`, found.iteration, true);
      },
      group,
    );
  }

  private child(call: Declared, dir: string, address: string, iteration: Iteration, exists: true | Unresolved): Instance {
    const known = this.children.get(address);
    if (known) return known;
    const config = this.run.configs.get(dir) as ModuleConfig;
    const combined = this.exists === true ? exists : exists === true ? this.exists : combine([this.exists, exists]);
    const instance = new Instance(this.run, config, `${address}.`, { instance: this, call, iteration, address }, combined, this.depth + 1, [...this.dirs, dir]);
    this.children.set(address, instance);
    return instance;
  }

  private childEntity(call: Declared, dir: string, address: string, iteration: Iteration, exists: true | Unresolved): Entity {
    const instance = this.child(call, dir, address, iteration, exists);
    // As a value (`values(module.logs)`, `for o in module.logs`) a module instance is the object
    // of its outputs, so what an output refers to (a resource, with its refs) comes through.
    return new Entity(address, [address], (output) => instance.output(output), null, () => instance.outputs());
  }

  /** Every output, by name (the module instance as an object). */
  outputs(): VObject {
    const out: VObject = {};
    for (const name of [...this.config.outputs.keys()].sort(compare)) put(out, name, this.output(name));
    return out;
  }

  output(name: string): V {
    const decl = this.config.outputs.get(name);
    if (!decl) return new Failure(`${this.prefix.slice(0, -1)} has no output "${name}"`);
    return evalJson(decl.body['value'], this.scope);
  }

  // --- resources out ----------------------------------------------------------------------------

  /** Emits this instance's resources and those of the modules it calls. */
  emit(): void {
    for (const decl of this.config.resources) this.emitResource(decl);
    for (const call of this.config.calls) this.emitCall(call);
  }

  private emitResource(decl: ResourceDecl): void {
    const base = `${this.prefix}${decl.type}.${decl.name}`;
    const hasCount = hasOwn(decl.body, 'count') || hasOwn(decl.body, 'for_each');
    if (!hasCount) {
      this.push(decl, base, null, this.exists);
      return;
    }
    const keys = this.instanceKeys(decl.body, this.scope);
    if (isUnresolved(keys)) {
      const why = settled(keys);
      this.push(decl, base, null, this.exists === true ? why : combine([this.exists, why]));
      return;
    }
    for (const key of keys) this.push(decl, `${base}${key.text}`, key.iteration, this.exists);
  }

  private push(decl: ResourceDecl, address: string, iteration: Iteration, exists: true | Unresolved): void {
    if (this.run.resources.length >= MAX_RESOURCES) return;
    const evaluated = this.valuesOf(decl, address, iteration);
    // Attribute by attribute, so that one value too large to copy leaves the others known.
    const values: Record<string, IacValue> = {};
    if (evaluated !== 'pending') for (const key of Object.keys(evaluated)) put(values, key, finish(evaluated[key] as V, this.run.budget));
    const header = `resource.${decl.type}.${decl.name}`;
    const locations = locationsUnder(decl.file, header);
    this.run.resources.push({
      address,
      type: decl.type,
      name: decl.name,
      source: 'terraform',
      stack: this.run.stack,
      path: decl.file.path,
      values,
      at: locationOf(decl.file, header),
      locations,
      exists: exists === true ? true : settled(exists),
    });
  }

  private emitCall(call: Declared): void {
    const address = `${this.prefix}module.${call.name}`;
    const target = this.target(call);
    const at = locationOf(call.file, `module.${call.name}`);
    if ('reason' in target) {
      this.run.unknowns.push({ construct: address, reason: target.reason, at });
      return;
    }
    const mode = hasOwn(call.body, 'count') || hasOwn(call.body, 'for_each');
    if (!mode) {
      this.grow(this.child(call, target.dir, address, null, true));
      return;
    }
    const keys = this.instanceKeys(call.body, this.scope);
    if (isUnresolved(keys)) {
      this.grow(this.child(call, target.dir, address, null, settled(keys)));
      return;
    }
    for (const key of keys) this.grow(this.child(call, target.dir, `${address}${key.text}`, key.iteration, true));
  }

  private grow(child: Instance): void {
    this.run.instances += 1;
    if (this.run.instances > 5000) return;
    child.emit();
  }
}

function rank(file: TerraformFileData): number {
  if (file.varFile !== undefined) return 2 + file.varFile;
  const name = baseName(file.path);
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' ? 0 : 1;
}

/** A literal JSON value (a `.tfvars.json` value, a `.tf.json` default): strings are not templates. */
function literal(raw: unknown, depth = 0): V {
  if (depth > 64) return new Unresolved('value nested too deep');
  if (raw === null || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) return raw.map((item) => literal(item, depth + 1));
  if (typeof raw === 'object') {
    const out: VObject = {};
    for (const key of Object.keys(raw)) put(out, key, literal((raw as RawBody)[key], depth + 1));
    return out;
  }
  return null;
}

/**
 * A block body evaluated: attributes, nested blocks (lists of objects) evaluated the same way,
 * `dynamic` blocks expanded where their `for_each` is known (else the block is Unresolved).
 */
export function evalBlock(body: RawBody, scope: Scope, bindings: Bindings, depth: number, skip: ReadonlySet<string> = NO_SKIP): VObject {
  const out: VObject = {};
  if (depth > 64) return out;
  for (const key of keysOf(body)) {
    if (skip.has(key) || key === 'dynamic') continue;
    const raw = body[key];
    if (Array.isArray(raw) && raw.length > 0 && raw.every((b) => typeof b === 'object' && b !== null && !Array.isArray(b))) {
      put(out, key, raw.map((b) => evalBlock(b as RawBody, scope, bindings, depth + 1)));
    } else put(out, key, evalJson(raw, scope, bindings));
  }
  if (hasOwn(body, 'dynamic')) {
    for (const level of bodiesOf(body['dynamic'])) {
      for (const label of keysOf(level)) {
        for (const decl of bodiesOf(level[label])) expandDynamic(out, label, decl, scope, bindings, depth);
      }
    }
  }
  return out;
}

const NO_SKIP: ReadonlySet<string> = new Set();

function expandDynamic(out: VObject, label: string, decl: RawBody, scope: Scope, bindings: Bindings, depth: number): void {
  const iteratorRaw = decl['iterator'];
  // `iterator = name` is a bare name, which Terraform JSON syntax writes as `${name}`.
  const iterator = typeof iteratorRaw === 'string' ? iteratorRaw.replace(/^\$\{\s*/, '').replace(/\s*\}$/, '') : label;
  const content = bodiesOf(decl['content'])[0] ?? {};
  const entries = entriesOf(evalJson(decl['for_each'], scope, bindings));
  const existing = hasOwn(out, label) ? out[label] : undefined;
  if (isUnresolved(entries)) {
    const why = new Unresolved(`dynamic "${label}" blocks: ${entries.reason}`, entries.refs);
    put(out, label, why);
    return;
  }
  if (isUnresolved(existing as V)) return;
  const blocks: V[] = Array.isArray(existing) ? [...existing] : [];
  for (const [key, value] of entries) {
    const inner = new Map(bindings);
    inner.set(iterator, { key, value });
    blocks.push(evalBlock(content, scope, inner, depth + 1));
  }
  if (blocks.length > 0 || existing !== undefined) put(out, label, blocks);
}

