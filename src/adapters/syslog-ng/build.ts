/**
 * From parsed syslog-ng statements to one pipeline: each source driver is an input, each
 * destination driver an output, and `log` statements give the edges. A log path carries the
 * messages of its sources through its filters (facility() and level() are evaluated, with and,
 * or, not and filter() references; other filters and parsers may drop anything, so the edges
 * under them are kept), into its destinations, nested log paths, junctions and if/elif/else
 * branches; `flags(final)` keeps what a path matched from later paths, `flags(fallback)` paths get
 * only what no other path matched, `flags(catchall)` paths take every source.
 */
import type { Pipeline, PipelineEdge, PipelineInput, PipelineOutput } from '../../model/pipeline.js';
import { compareStrings } from '../../model/vocabulary.js';
import type { Location } from '../../model/vocabulary.js';
import { fileStart, quoteShort } from '../rsyslog/positions.js';
import {
  andCond,
  andMask,
  emptyMask,
  exactCond,
  facilitiesOf,
  facilityCode,
  facilityMask,
  isEmptyMask,
  notCond,
  notMask,
  opaqueCond,
  orCond,
  orMask,
  severityCode,
  severityMask,
  severityRange,
} from '../rsyslog/syslog-mask.js';
import type { Cond, Mask } from '../rsyslog/syslog-mask.js';
import { destinationOutput, sourceInput } from './drivers.js';
import type { Findings, SourceInput } from './drivers.js';
import { optionName, positional, positionals } from './parse.js';
import type { NgNode, NgStatement, NgTop } from './parse.js';

type Call = Extract<NgNode, { kind: 'call' }>;

type Elem =
  | { kind: 'filter'; cond: Cond }
  | { kind: 'parser' }
  | { kind: 'dest'; outputs: string[] }
  | { kind: 'log'; path: LogPath }
  | { kind: 'junction'; channels: LogPath[] }
  | { kind: 'if'; branches: { cond: Cond; body: LogPath }[]; otherwise: LogPath | null };

interface LogPath {
  /** Ids of the inputs whose messages enter (top-level paths). */
  inputs: string[];
  catchall: boolean;
  final: boolean;
  fallback: boolean;
  elems: Elem[];
}

interface Reach {
  may: Mask;
  must: Mask;
}

/** Filter references nested deeper than this are not followed. */
const MAX_FILTER_DEPTH = 32;
const MAX_EXPR_DEPTH = 100;

export function buildSyslogNgPipeline(path: string, top: readonly NgTop[], findings: Findings): Pipeline {
  const fragment = !top.some((item) => 'kind' in item && item.name === 'version' && item.at.path === path);
  const builder = new NgBuilder(path, findings, fragment);
  builder.collect(top);
  return builder.finish();
}

interface Input extends SourceInput {
  id: string;
}

class NgBuilder {
  private readonly inputs: Input[] = [];
  private readonly outputs: PipelineOutput[] = [];
  private readonly sources = new Map<string, string[]>();
  private readonly destinations = new Map<string, string[]>();
  private readonly filters = new Map<string, { nodes: NgNode[]; at: Location }>();
  private readonly named = new Map<string, Set<string>>([
    ['parser', new Set()],
    ['rewrite', new Set()],
  ]);
  private readonly logStatements: { block: Extract<NgNode, { kind: 'block' }>; at: Location }[] = [];
  private readonly usedIds = new Set<string>();
  private readonly noted = new Set<string>();
  private inlineCount = 0;

  constructor(
    private readonly path: string,
    private readonly findings: Findings,
    private readonly fragment: boolean,
  ) {}

  private note(construct: string, reason: string, at: Location): void {
    const key = `${at.path}:${at.line}:${at.column}:${construct}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.findings.unknowns.push({ construct, reason, at });
  }

  /**
   * A reference to an object this file does not define. A fragment (no `@version:`, as the
   * conf.d files the main config includes) names the main config's objects: not reported there.
   */
  private noteUndefined(construct: string, what: string, at: Location): void {
    if (this.fragment) return;
    this.note(construct, `the ${what} is not defined in this file or its includes`, at);
  }

  private uniqueId(base: string): string {
    let id = base;
    for (let n = 2; this.usedIds.has(id); n++) id = `${base}#${n}`;
    this.usedIds.add(id);
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // Definitions

  /** Reads every definition first: log statements may name objects defined after them. */
  collect(top: readonly NgTop[]): void {
    for (const item of top) {
      if ('kind' in item) continue;
      this.definition(item);
    }
  }

  private definition(stmt: NgStatement): void {
    const [first, second, third] = stmt.nodes;
    if (first === undefined) return;
    const type = first.kind === 'word' ? optionName(first.value) : first.kind === 'call' ? optionName(first.name) : '';
    if (type === 'log' && second?.kind === 'block') {
      this.logStatements.push({ block: second, at: stmt.at });
      return;
    }
    if (type === 'options' || type === 'template' || type === 'template-function') return;
    if (type === 'block') {
      this.note(`block ${quoteShort(second?.kind === 'word' ? second.value : '', 30)}`, 'user-defined blocks are not expanded: drivers they define are not understood', stmt.at);
      return;
    }
    const name = second?.kind === 'word' || second?.kind === 'string' ? second.value : null;
    if (name === null || third?.kind !== 'block') {
      if (['source', 'destination', 'filter', 'parser', 'rewrite'].includes(type)) this.findings.problems.push({ at: stmt.at, message: `${type} needs a name and a { ... } block` });
      else this.note(quoteShort(type === '' ? 'statement' : type, 30), 'statement not modelled', stmt.at);
      return;
    }
    switch (type) {
      case 'source':
        this.sources.set(name, this.sourceDrivers(name, third.body));
        return;
      case 'destination':
        this.destinations.set(name, this.destinationDrivers(name, third.body));
        return;
      case 'filter':
        this.filters.set(name, { nodes: third.body[0]?.nodes ?? [], at: stmt.at });
        if (third.body.length > 1) this.findings.problems.push({ at: third.body[1]?.at ?? stmt.at, message: 'a filter holds one expression' });
        return;
      case 'parser':
      case 'rewrite':
        this.named.get(type)?.add(name);
        return;
      default:
        this.note(`${quoteShort(type, 30)} ${quoteShort(name, 30)}`, 'statement not modelled', stmt.at);
    }
  }

  private driverCalls(body: readonly NgStatement[], what: string): Call[] {
    const calls: Call[] = [];
    for (const stmt of body) {
      const node = stmt.nodes[0];
      if (node?.kind === 'call' && stmt.nodes.length === 1) calls.push(node);
      else if (node !== undefined) this.findings.problems.push({ at: stmt.at, message: `expected a ${what} driver such as name(...)` });
    }
    return calls;
  }

  private sourceDrivers(name: string, body: readonly NgStatement[]): string[] {
    const calls = this.driverCalls(body, 'source');
    return calls.map((call, i) => {
      const id = this.uniqueId(calls.length === 1 ? name : `${name}#${i + 1}`);
      this.inputs.push({ id, ...sourceInput(call, this.findings) });
      return id;
    });
  }

  private destinationDrivers(name: string, body: readonly NgStatement[]): string[] {
    const calls = this.driverCalls(body, 'destination');
    return calls.map((call, i) => {
      const id = this.uniqueId(calls.length === 1 ? name : `${name}#${i + 1}`);
      this.outputs.push(destinationOutput(call, { id, at: call.at }, this.findings));
      return id;
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Filters

  private filterCond(nodes: readonly NgNode[], stack: readonly string[], depth = 0): Cond {
    if (depth > MAX_EXPR_DEPTH || nodes.length === 0) return opaqueCond();
    let i = 0;
    const isOp = (node: NgNode | undefined, op: string): boolean => node?.kind === 'word' && node.value.toLowerCase() === op;
    const parseOr = (): Cond => {
      let left = parseAnd();
      while (isOp(nodes[i], 'or')) {
        i++;
        left = orCond(left, parseAnd());
      }
      return left;
    };
    const parseAnd = (): Cond => {
      let left = parseNot();
      while (isOp(nodes[i], 'and')) {
        i++;
        left = andCond(left, parseNot());
      }
      return left;
    };
    const parseNot = (): Cond => {
      let negate = false;
      while (isOp(nodes[i], 'not')) {
        negate = !negate;
        i++;
      }
      const atom = parseAtom();
      return negate ? notCond(atom) : atom;
    };
    const parseAtom = (): Cond => {
      const node = nodes[i];
      if (node === undefined) return opaqueCond();
      if (node.kind === 'group') {
        i++;
        return this.filterCond(node.items, stack, depth + 1);
      }
      if (node.kind === 'call') {
        i++;
        return this.filterFunction(node, stack, depth);
      }
      // A comparison such as `"${HOST}" eq "web-1"`: up to the next and/or.
      while (i < nodes.length && !isOp(nodes[i], 'and') && !isOp(nodes[i], 'or')) i++;
      return opaqueCond();
    };
    const cond = parseOr();
    return i < nodes.length ? opaqueCond() : cond;
  }

  private filterFunction(call: Call, stack: readonly string[], depth: number): Cond {
    const name = optionName(call.name);
    // `level(crit .. emerg)` and `facility(auth, authpriv)`: ranges may be spaced, lists comma- or space-separated.
    const args = positionals(call)
      .join(' ')
      .replace(/\s*\.\.\s*/g, '..')
      .split(/[\s,]+/);
    switch (name) {
      case 'facility': {
        const codes: number[] = [];
        for (const arg of args.map((a) => a.trim()).filter((a) => a !== '')) {
          const range = rangeOf(arg, facilityCode);
          if (range === null) return opaqueCond();
          codes.push(...range);
        }
        return codes.length === 0 ? opaqueCond() : exactCond(facilityMask(codes));
      }
      case 'level':
      case 'priority': {
        let bits = 0;
        for (const arg of args.map((a) => a.trim()).filter((a) => a !== '')) {
          const range = rangeOf(arg, severityCode);
          if (range === null) return opaqueCond();
          for (const code of range) bits |= severityRange(code, code);
        }
        return bits === 0 ? opaqueCond() : exactCond(severityMask(bits));
      }
      case 'filter': {
        const ref = positional(call)?.value ?? '';
        const def = this.filters.get(ref);
        if (def === undefined) {
          this.noteUndefined(`filter(${quoteShort(ref, 40)})`, 'filter', call.at);
          return opaqueCond();
        }
        if (stack.includes(ref) || stack.length >= MAX_FILTER_DEPTH) return opaqueCond();
        return this.filterCond(def.nodes, [...stack, ref], depth + 1);
      }
      default:
        return opaqueCond();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Log paths

  private logPath(body: readonly NgStatement[], topLevel: boolean): LogPath {
    const path: LogPath = { inputs: [], catchall: false, final: false, fallback: false, elems: [] };
    for (const stmt of body) this.logElement(stmt, path, topLevel);
    return path;
  }

  private logElement(stmt: NgStatement, path: LogPath, topLevel: boolean): void {
    const [first, second] = stmt.nodes;
    if (first === undefined) return;
    if (first.kind === 'call') {
      const kind = optionName(first.name);
      if (kind === 'if') {
        this.ifChain(stmt, path);
        return;
      }
      const ref = positional(first)?.value ?? '';
      switch (kind) {
        case 'source': {
          const ids = this.sources.get(ref);
          if (ids === undefined) this.noteUndefined(`source(${quoteShort(ref, 40)})`, 'source', first.at);
          else if (!topLevel) this.note(`source(${quoteShort(ref, 40)})`, 'a source inside a nested log path is not modelled', first.at);
          else path.inputs.push(...ids);
          return;
        }
        case 'destination': {
          const ids = this.destinations.get(ref);
          if (ids === undefined) this.noteUndefined(`destination(${quoteShort(ref, 40)})`, 'destination', first.at);
          else path.elems.push({ kind: 'dest', outputs: ids });
          return;
        }
        case 'filter': {
          const cond = this.filterFunction(first, [], 0);
          if (cond.opaque && this.filters.has(ref)) this.noteCondition(ref, first.at);
          path.elems.push({ kind: 'filter', cond });
          return;
        }
        case 'parser':
          path.elems.push({ kind: 'parser' });
          return;
        case 'rewrite':
          return;
        case 'flags':
          for (const flag of positionals(first).flatMap((f) => f.split(',')).map((f) => optionName(f.trim()))) {
            if (flag === 'final') path.final = true;
            else if (flag === 'fallback') path.fallback = true;
            else if (flag === 'catchall' || flag === 'catch-all') path.catchall = true;
          }
          return;
      }
    }
    if (first.kind === 'word' && second?.kind === 'block') {
      const kind = optionName(first.value);
      switch (kind) {
        case 'source': {
          if (!topLevel) {
            this.note('source { ... }', 'a source inside a nested log path is not modelled', first.at);
            return;
          }
          path.inputs.push(...this.sourceDrivers(`inline-source#${++this.inlineCount}`, second.body));
          return;
        }
        case 'destination':
          path.elems.push({ kind: 'dest', outputs: this.destinationDrivers(`inline-destination#${++this.inlineCount}`, second.body) });
          return;
        case 'filter': {
          const cond = this.filterCond(second.body[0]?.nodes ?? [], []);
          if (cond.opaque) this.noteCondition('{ ... }', first.at);
          path.elems.push({ kind: 'filter', cond });
          return;
        }
        case 'parser':
          path.elems.push({ kind: 'parser' });
          return;
        case 'rewrite':
          return;
        case 'log':
          path.elems.push({ kind: 'log', path: this.logPath(second.body, false) });
          return;
        case 'junction':
          path.elems.push({ kind: 'junction', channels: second.body.flatMap((s) => this.channel(s)) });
          return;
        case 'channel':
          path.elems.push({ kind: 'junction', channels: [this.logPath(second.body, false)] });
          return;
      }
    }
    this.note(quoteShort(first.kind === 'word' ? first.value : first.kind === 'call' ? `${first.name}()` : first.kind, 40), 'log path element not modelled', stmt.at);
  }

  private channel(stmt: NgStatement): LogPath[] {
    const [first, second] = stmt.nodes;
    if (first?.kind === 'word' && optionName(first.value) === 'channel' && second?.kind === 'block') return [this.logPath(second.body, false)];
    this.findings.problems.push({ at: stmt.at, message: 'a junction holds channel { ... } blocks' });
    return [];
  }

  /** `if (expr) { ... } elif (expr) { ... } else { ... };` */
  private ifChain(stmt: NgStatement, path: LogPath): void {
    const branches: { cond: Cond; body: LogPath }[] = [];
    let otherwise: LogPath | null = null;
    const nodes = stmt.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as NgNode;
      const next = nodes[i + 1];
      if (node.kind === 'call' && (optionName(node.name) === 'if' || optionName(node.name) === 'elif') && next?.kind === 'block') {
        const cond = this.filterCond(node.args, []);
        if (cond.opaque) this.noteCondition(`${node.name} (...)`, node.at);
        branches.push({ cond, body: this.logPath(next.body, false) });
        i++;
      } else if (node.kind === 'word' && optionName(node.value) === 'else' && next?.kind === 'block') {
        otherwise = this.logPath(next.body, false);
        i++;
      } else {
        this.findings.problems.push({ at: node.at, message: 'unexpected element in if/elif/else' });
        return;
      }
    }
    path.elems.push({ kind: 'if', branches, otherwise });
  }

  private noteCondition(what: string, at: Location): void {
    this.note(`filter ${quoteShort(what, 50)}`, 'condition not evaluated: the edges under it are kept as if it matched', at);
  }

  // ---------------------------------------------------------------------------------------------
  // Routing

  finish(): Pipeline {
    const paths = this.logStatements.map((s) => this.logPath(s.block.body, true));
    const edges: PipelineEdge[] = [];
    for (const input of this.inputs) {
      const reached = new Map<string, Mask>();
      this.routeInput(input, paths, reached);
      for (const [output, mask] of reached) if (!isEmptyMask(mask)) edges.push({ input: input.id, output, facilities: facilitiesOf(mask) });
    }
    edges.sort((a, b) => compareStrings(a.input, b.input) || compareStrings(a.output, b.output));
    const inputs: PipelineInput[] = this.inputs.map((i) => ({ id: i.id, plugin: i.plugin, channel: i.channel, paths: i.paths, exclude: [], port: i.port, at: i.at }));
    return { id: `syslog-ng:${this.path}`, shipper: 'syslog-ng', path: this.path, declaredAt: fileStart(this.path), inputs, outputs: this.outputs, edges };
  }

  private routeInput(input: Input, paths: readonly LogPath[], reached: Map<string, Mask>): void {
    const receives = (p: LogPath): boolean => p.catchall || p.inputs.includes(input.id);
    let avail: Reach = { may: input.mask, must: input.mask };
    let matched: Reach = { may: emptyMask(), must: emptyMask() };
    for (const path of paths) {
      if (path.fallback || !receives(path)) continue;
      const end = this.elems(path.elems, avail, reached);
      matched = union(matched, end);
      if (path.final) avail = without(avail, end);
    }
    for (const path of paths) {
      if (!path.fallback || !receives(path)) continue;
      this.elems(path.elems, without({ may: input.mask, must: input.mask }, matched), reached);
    }
  }

  /** Sibling paths (nested logs, junction channels): each gets what earlier `final` siblings left; returns the union of their ends. */
  private siblings(paths: readonly LogPath[], start: Reach, reached: Map<string, Mask>): Reach {
    let avail = start;
    let out: Reach = { may: emptyMask(), must: emptyMask() };
    for (const path of paths) {
      const end = this.elems(path.elems, avail, reached);
      out = union(out, end);
      if (path.final) avail = without(avail, end);
    }
    return out;
  }

  private elems(elems: readonly Elem[], start: Reach, reached: Map<string, Mask>): Reach {
    let reach = start;
    let nestedAvail: Reach | null = null;
    for (const elem of elems) {
      if (isEmptyMask(reach.may)) return reach;
      if (elem.kind !== 'log') nestedAvail = null;
      switch (elem.kind) {
        case 'filter':
          reach = { may: andMask(reach.may, elem.cond.may), must: andMask(reach.must, elem.cond.must) };
          break;
        case 'parser':
          // A parser drops what it cannot parse: nothing is sure to pass it.
          reach = { may: reach.may, must: emptyMask() };
          break;
        case 'dest':
          for (const output of elem.outputs) {
            const before = reached.get(output);
            reached.set(output, before === undefined ? reach.may : orMask(before, reach.may));
          }
          break;
        case 'log': {
          const avail: Reach = nestedAvail ?? reach;
          const end = this.elems(elem.path.elems, avail, reached);
          nestedAvail = elem.path.final ? without(avail, end) : avail;
          break;
        }
        case 'junction':
          reach = this.siblings(elem.channels, reach, reached);
          break;
        case 'if': {
          let rest = reach;
          let out: Reach = { may: emptyMask(), must: emptyMask() };
          for (const branch of elem.branches) {
            const into: Reach = { may: andMask(rest.may, branch.cond.may), must: andMask(rest.must, branch.cond.must) };
            out = union(out, this.elems(branch.body.elems, into, reached));
            rest = { may: andMask(rest.may, notMask(branch.cond.must)), must: andMask(rest.must, notMask(branch.cond.may)) };
          }
          out = union(out, elem.otherwise === null ? rest : this.elems(elem.otherwise.elems, rest, reached));
          reach = out;
          break;
        }
      }
    }
    return reach;
  }
}

function union(a: Reach, b: Reach): Reach {
  return { may: orMask(a.may, b.may), must: orMask(a.must, b.must) };
}

/** What is left of `a` once `b` is taken out (surely-taken messages leave for sure, maybe-taken ones maybe). */
function without(a: Reach, b: Reach): Reach {
  return { may: andMask(a.may, notMask(b.must)), must: andMask(a.must, notMask(b.may)) };
}

/** `auth`, `4`, or a range `local0..local7` / `info..emerg` (either order), as codes. */
function rangeOf(text: string, code: (name: string) => number | undefined): number[] | null {
  const [from, to, ...rest] = text.split('..');
  if (rest.length > 0 || from === undefined) return null;
  const a = code(from.trim());
  if (a === undefined) return null;
  if (to === undefined) return [a];
  const b = code(to.trim());
  if (b === undefined) return null;
  const out: number[] = [];
  for (let c = Math.min(a, b); c <= Math.max(a, b); c++) out.push(c);
  return out;
}
