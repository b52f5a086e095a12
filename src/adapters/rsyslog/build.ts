/**
 * From parsed rsyslog statements to one pipeline: module loads and inputs, actions (with the
 * legacy `$Action...` settings in force where each is written), rulesets, and the edges that say
 * which input's messages reach which action. Routing follows rsyslog's sequential semantics per
 * ruleset: each filter narrows the facilities and severities that reach its actions, `stop` and
 * `~` end processing for what their filter matched, a synchronous `call` runs the called ruleset
 * in place. Conditions that cannot be evaluated keep every edge under them.
 */
import type { InputChannel, Pipeline, PipelineEdge, PipelineInput, PipelineOutput } from '../../model/pipeline.js';
import { compareStrings } from '../../model/vocabulary.js';
import type { Location } from '../../model/vocabulary.js';
import { parseSyslogPort } from './endpoints.js';
import { actionEffect, legacyActionEffect, queueDurability } from './outputs.js';
import type { ActionEffect, Durability, Globals, LegacySend, Setting } from './outputs.js';
import type { RsObject, RsParam, RsStatement, RsUnknown } from './parse.js';
import { stringParam } from './parse.js';
import { fileStart, quoteShort } from './positions.js';
import { andMask, emptyMask, facilitiesOf, facilityCode, facilityMask, fullMask, isEmptyMask, notMask, orMask, severityCode, severityRange } from './syslog-mask.js';
import type { Cond, Mask } from './syslog-mask.js';

const DEFAULT_RULESET = 'RSYSLOG_DefaultRuleset';
/** Calls nested deeper than this are not followed (rsyslog would loop). */
const MAX_CALL_DEPTH = 32;

type Flow =
  | { kind: 'action'; output: string }
  | { kind: 'stop' }
  | { kind: 'if'; cond: Cond; then: Flow[]; else: Flow[] }
  | { kind: 'call'; name: string; async: boolean; at: Location };

interface Ruleset {
  flows: Flow[];
  /** A ruleset with its own queue runs called messages asynchronously: its `stop` does not end the caller's processing. */
  async: boolean;
}

interface PendingInput {
  plugin: string;
  channel: InputChannel;
  name: string | null;
  paths: string[];
  port: number | null;
  at: Location;
  ruleset: string | null;
  /** The facilities and severities the input's messages carry. */
  mask: Mask;
  /** imuxsock's system socket, dropped when `SysSock.Use="off"` or `$OmitLocalLogging on`. */
  systemSocket: boolean;
}

/** Input modules that read events as soon as they are loaded (no `input()` needed). */
const MODULE_INPUTS: ReadonlyMap<string, InputChannel> = new Map<string, InputChannel>([
  ['imuxsock', 'syslog-local'],
  ['imjournal', 'journald'],
  ['imklog', 'syslog-local'],
  ['imkmsg', 'syslog-local'],
]);

/** Channels of `input(type=...)` modules. */
const INPUT_CHANNELS: ReadonlyMap<string, InputChannel> = new Map<string, InputChannel>([
  ['imfile', 'file'],
  ['imtcp', 'syslog-listener'],
  ['imptcp', 'syslog-listener'],
  ['imudp', 'syslog-listener'],
  ['imrelp', 'syslog-listener'],
  ['imgssapi', 'syslog-listener'],
  ['imdtls', 'syslog-listener'],
  ['imuxsock', 'syslog-local'],
  ['imhttp', 'forward-listener'],
  ['imdocker', 'containers'],
  ['imkafka', 'other'],
  ['imczmq', 'other'],
  ['imzmq3', 'other'],
  ['imhiredis', 'other'],
  ['imbatchreport', 'other'],
  ['impcap', 'other'],
  ['improg', 'other'],
  ['imtuxedoulog', 'other'],
  ['imsolaris', 'syslog-local'],
  ['im3195', 'syslog-listener'],
]);

/** Modules whose loading creates no input and changes no routing. */
const QUIET_MODULES = /^(immark|impstats|imdiag|om[a-z0-9]+|mm[a-z0-9]+|pm[a-z0-9]+|fm[a-z0-9]+|lm[a-z0-9_]+|builtin:.*)$/;

/** Legacy listener directives: `$InputTCPServerRun 514` → imtcp, and the directive that binds its ruleset. */
const LEGACY_LISTENERS: ReadonlyMap<string, { plugin: string; bind: string }> = new Map([
  ['inputtcpserverrun', { plugin: 'imtcp', bind: 'inputtcpserverbindruleset' }],
  ['inputptcpserverrun', { plugin: 'imptcp', bind: 'inputptcpserverbindruleset' }],
  ['udpserverrun', { plugin: 'imudp', bind: 'inputudpserverbindruleset' }],
  ['inputudpserverrun', { plugin: 'imudp', bind: 'inputudpserverbindruleset' }],
  ['inputrelpserverrun', { plugin: 'imrelp', bind: 'inputrelpserverbindruleset' }],
  ['inputgssserverrun', { plugin: 'imgssapi', bind: 'inputgssserverbindruleset' }],
]);

/**
 * Legacy directives that change neither inputs, outputs nor routing: file ownership and modes,
 * privileges, message formatting, rate limits, queue sizing, TLS certificate files, listener
 * options ztmm has no field for. They are read without a note.
 */
const QUIET_DIRECTIVES: readonly RegExp[] = [
  /^(workdirectory|template|umask|preservefqdn|localhostname|maxmessagesize|createdirs|failonchownfailure|abortonuncleanconfig|optimizeforuniprocessor|moddir|generateconfiggraph|errormessagestostderr|dropmsgswithmaliciousdnsptrrecords|allowedsender|controlcharacterescapeprefix|markmessageperiod|dynafilecachesize|maxopenfiles)$/,
  /^debugprint/,
  /^(file|dir)(owner|group|ownernum|groupnum|createmode)$/,
  /^privdropto(user|group)(id)?$/,
  /^escape(controlcharacter|8bitcharacters)/,
  /^repeatedmsg/,
  // Queue sizing, retries and timing; file, forward and journal options; listener options without a field (their TLS).
  /^(mainmsgqueue|actionqueue|actionresume|actionexec|actionfile|actionforward|actiongss|actionwriteallmarkmessages|actionname|omfile|ompipe|omusrmsg|ommail|omrelp|omfwd)/,
  /^(imjournal|imuxsock|imklog|imfile|imtcp|imudp|imptcp|imrelp|systemlog|klog|inputunixlisten|inputtcp|inputptcp|inputudp|udpserver|inputrelp|inputgss|inputfile)/,
  // Certificate files of the default driver, and legacy forwarding options that change no TLS or routing.
  /^(defaultnetstreamdriver|actionsendstreamdriverpermittedpeer|actionsendtcprebindinterval|actionsendudprebindinterval|actionsendresendlastmsgonreconnect)/,
];

export interface BuildOutcome {
  pipeline: Pipeline;
}

export function buildPipeline(path: string, statements: readonly RsStatement[], unknowns: RsUnknown[]): BuildOutcome {
  const builder = new Builder(path, unknowns);
  builder.walk(statements, builder.rulesetNamed(DEFAULT_RULESET).flows, true);
  return { pipeline: builder.finish() };
}

class Builder {
  private readonly rulesets = new Map<string, Ruleset>();
  private currentRuleset = DEFAULT_RULESET;
  private readonly modules = new Map<string, RsObject | null>();
  private readonly inputs: PendingInput[] = [];
  private readonly outputs: { id: string; finish: (g: Globals) => PipelineOutput }[] = [];
  private readonly globals: Globals = { defaultDriver: null };
  private omitLocalLogging: Setting | null = null;
  private permitNonKernel: Setting | null = null;
  private legacySend: LegacySend = { driver: null, mode: null, authMode: null };
  private legacyQueue: { type: Setting | null; fileName: Setting | null } = { type: null, fileName: null };
  private legacyBinds = new Map<string, string>();
  private legacyFile: { file: Setting | null; facility: Setting | null; severity: Setting | null } = { file: null, facility: null, severity: null };
  private omrulesetName: string | null = null;
  private readonly usedIds = new Set<string>();
  private readonly idCounts = new Map<string, number>();
  private readonly noted = new Set<string>();

  constructor(
    private readonly path: string,
    private readonly unknowns: RsUnknown[],
  ) {}

  rulesetNamed(name: string): Ruleset {
    let rs = this.rulesets.get(name);
    if (rs === undefined) {
      rs = { flows: [], async: false };
      this.rulesets.set(name, rs);
    }
    return rs;
  }

  private note(construct: string, reason: string, at: Location): void {
    const key = `${at.path}:${at.line}:${at.column}:${construct}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.unknowns.push({ construct, reason, at });
  }

  private newId(plugin: string, name: string | null): string {
    if (name !== null && name.trim() !== '' && !this.usedIds.has(name)) {
      this.usedIds.add(name);
      return name;
    }
    const base = name !== null && name.trim() !== '' ? name : plugin;
    let n = this.idCounts.get(base) ?? 0;
    let id: string;
    do {
      n++;
      id = `${base}#${n}`;
    } while (this.usedIds.has(id));
    this.idCounts.set(base, n);
    this.usedIds.add(id);
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  /** Converts statements into flows appended to `flows`; top-level statements follow `$RuleSet`. */
  walk(statements: readonly RsStatement[], flows: Flow[], topLevel: boolean): void {
    for (const stmt of statements) {
      const target = topLevel ? this.rulesetNamed(this.currentRuleset).flows : flows;
      switch (stmt.kind) {
        case 'directive':
          this.directive(stmt.name, stmt.value, stmt.at);
          break;
        case 'object':
          this.object(stmt.obj);
          break;
        case 'action': {
          const durability = queueDurability(setting(stmt.obj.params.get('queue.type')), setting(stmt.obj.params.get('queue.filename')));
          // Legacy queue settings are reset by every action, but only legacy actions use them.
          this.legacyQueue = { type: null, fileName: null };
          this.addEffect(actionEffect(stmt.obj, durability, this.actionContext()), target, stmt.obj.at);
          break;
        }
        case 'legacy-action': {
          const durability: Durability = queueDurability(this.legacyQueue.type, this.legacyQueue.fileName);
          this.legacyQueue = { type: null, fileName: null };
          this.addEffect(legacyActionEffect(stmt.text, stmt.at, durability, this.legacySend, this.actionContext(), this.omrulesetName), target, stmt.at);
          break;
        }
        case 'stop':
          target.push({ kind: 'stop' });
          break;
        case 'call':
          target.push({ kind: 'call', name: stmt.name, async: false, at: stmt.at });
          break;
        case 'call-indirect':
          this.note('call_indirect', 'the ruleset is computed per message: where it routes events is not followed', stmt.at);
          break;
        case 'ruleset':
          this.ruleset(stmt.obj, stmt.body);
          break;
        case 'if': {
          if (stmt.cond.opaque) this.note(conditionName(stmt.text), 'condition not evaluated: the edges under it are kept as if it matched', stmt.at);
          const then: Flow[] = [];
          const otherwise: Flow[] = [];
          this.walk(stmt.then, then, false);
          this.walk(stmt.else, otherwise, false);
          target.push({ kind: 'if', cond: stmt.cond, then, else: otherwise });
          break;
        }
      }
    }
  }

  private actionContext(): { unknowns: RsUnknown[]; newId: (plugin: string, name: string | null) => string } {
    return { unknowns: this.unknowns, newId: (plugin, name) => this.newId(plugin, name) };
  }

  private addEffect(effect: ActionEffect, flows: Flow[], at: Location): void {
    switch (effect.kind) {
      case 'output':
        this.outputs.push({ id: effect.id, finish: effect.finish });
        flows.push({ kind: 'action', output: effect.id });
        break;
      case 'stop':
        flows.push({ kind: 'stop' });
        break;
      case 'call':
        flows.push({ kind: 'call', name: effect.name, async: true, at });
        break;
      case 'pass':
        break;
    }
  }

  private ruleset(obj: RsObject, body: readonly RsStatement[]): void {
    const name = stringParam(obj.params.get('name'));
    if (name === null) {
      this.note('ruleset()', 'no name is written: nothing can bind to it', obj.at);
      this.walk(body, [], false);
      return;
    }
    const rs = this.rulesetNamed(name);
    const queue = stringParam(obj.params.get('queue.type'));
    if (queue !== null && queue.toLowerCase() !== 'direct') rs.async = true;
    this.walk(body, rs.flows, false);
  }

  // ---------------------------------------------------------------------------------------------
  // Legacy directives

  private directive(name: string, value: string, at: Location): void {
    const s: Setting = { value, at };
    const word = value.split(/\s+/)[0] ?? '';
    const listener = LEGACY_LISTENERS.get(name);
    if (listener !== undefined) {
      this.addListener(listener.plugin, null, value, at, this.legacyBinds.get(listener.bind) ?? null);
      return;
    }
    switch (name) {
      case 'modload':
        this.loadModule(word, null, at);
        return;
      case 'ruleset':
        this.currentRuleset = word === '' ? DEFAULT_RULESET : word;
        this.rulesetNamed(this.currentRuleset);
        return;
      case 'defaultnetstreamdriver':
        this.globals.defaultDriver = { value: word, at };
        return;
      case 'actionsendstreamdriver':
        this.legacySend = { ...this.legacySend, driver: { value: word, at } };
        return;
      case 'actionsendstreamdrivermode':
        this.legacySend = { ...this.legacySend, mode: { value: word, at } };
        return;
      case 'actionsendstreamdriverauthmode':
        this.legacySend = { ...this.legacySend, authMode: { value: word, at } };
        return;
      case 'actionqueuetype':
        this.legacyQueue.type = { value: word, at };
        return;
      case 'actionqueuefilename':
        this.legacyQueue.fileName = { value: word, at };
        return;
      case 'resetconfigvariables':
        this.legacySend = { driver: null, mode: null, authMode: null };
        this.legacyQueue = { type: null, fileName: null };
        this.legacyBinds = new Map();
        this.legacyFile = { file: null, facility: null, severity: null };
        return;
      case 'omitlocallogging':
        this.omitLocalLogging = s;
        return;
      case 'klogpermitnonkernelfacility':
        this.permitNonKernel = s;
        return;
      case 'actionomrulesetrulesetname':
        this.omrulesetName = word;
        return;
      case 'inputfilename':
        this.legacyFile.file = s;
        return;
      case 'inputfilefacility':
        this.legacyFile.facility = s;
        return;
      case 'inputfileseverity':
        this.legacyFile.severity = s;
        return;
      case 'inputrunfilemonitor':
        this.addLegacyFile(at);
        return;
    }
    if (name.endsWith('bindruleset')) {
      this.legacyBinds.set(name, word);
      return;
    }
    if (QUIET_DIRECTIVES.some((re) => re.test(name))) return;
    this.note(`$${quoteShort(name, 40)}`, 'legacy directive not modelled', at);
  }

  private addLegacyFile(at: Location): void {
    const file = this.legacyFile.file;
    if (file === null) {
      this.note('$InputRunFileMonitor', 'no $InputFileName precedes it', at);
      return;
    }
    this.inputs.push({
      plugin: 'imfile',
      channel: 'file',
      name: null,
      paths: [file.value],
      port: null,
      at: file.at,
      ruleset: this.legacyBinds.get('inputfilebindruleset') ?? null,
      mask: this.fileMask(this.legacyFile.facility, this.legacyFile.severity),
      systemSocket: false,
    });
    this.legacyFile = { file: null, facility: null, severity: null };
  }

  // ---------------------------------------------------------------------------------------------
  // Objects

  private object(obj: RsObject): void {
    switch (obj.type) {
      case 'module': {
        const load = stringParam(obj.params.get('load'));
        if (load === null) this.note('module()', 'no load= is written', obj.at);
        else this.loadModule(load, obj, obj.at);
        return;
      }
      case 'input':
        this.input(obj);
        return;
      case 'global': {
        const driver = setting(obj.params.get('defaultnetstreamdriver'));
        if (driver !== null) this.globals.defaultDriver = driver;
        return;
      }
      case 'main_queue':
      case 'template':
      case 'parser':
      case 'lookup_table':
      case 'dyn_stats':
      case 'percentile_stats':
      case 'timezone':
      case 'ratelimit':
      case 'property':
      case 'constant':
        return;
      default:
        this.note(`${quoteShort(obj.type, 30)}(...)`, 'object not modelled', obj.at);
    }
  }

  private loadModule(raw: string, obj: RsObject | null, at: Location): void {
    const name = raw.trim().toLowerCase().replace(/^.*\//, '').replace(/\.so$/, '');
    if (name === '' || this.modules.has(name)) return;
    this.modules.set(name, obj);
    const channel = MODULE_INPUTS.get(name);
    if (channel !== undefined) {
      const ruleset = obj === null ? null : (stringParam(obj.params.get('ruleset')) ?? (name === 'imuxsock' ? stringParam(obj.params.get('syssock.ruleset')) : null));
      this.inputs.push({ plugin: name, channel, name: null, paths: [], port: null, at, ruleset, mask: fullMask(), systemSocket: name === 'imuxsock' });
      return;
    }
    if (QUIET_MODULES.test(name) || INPUT_CHANNELS.has(name)) return;
    this.note(`module ${quoteShort(name, 40)}`, 'module not modelled', at);
  }

  private input(obj: RsObject): void {
    const type = (stringParam(obj.params.get('type')) ?? '').trim().toLowerCase();
    if (type === '') {
      this.note('input()', 'no type= is written', obj.at);
      return;
    }
    const ruleset = stringParam(obj.params.get('ruleset'));
    const name = stringParam(obj.params.get('name'));
    const channel = INPUT_CHANNELS.get(type) ?? MODULE_INPUTS.get(type);
    if (channel === undefined) {
      this.note(`input(type="${quoteShort(type, 30)}")`, 'input module not modelled', obj.at);
      this.inputs.push({ plugin: type, channel: 'other', name, paths: [], port: null, at: obj.at, ruleset, mask: fullMask(), systemSocket: false });
      return;
    }
    if (type === 'imfile') {
      const file = stringParam(obj.params.get('file'));
      if (file === null) this.note('input(type="imfile")', 'no file= is written', obj.at);
      this.inputs.push({
        plugin: type,
        channel,
        name,
        paths: file === null ? [] : [file],
        port: null,
        at: obj.at,
        ruleset,
        mask: this.fileMask(setting(obj.params.get('facility')), setting(obj.params.get('severity'))),
        systemSocket: false,
      });
      return;
    }
    if (channel === 'syslog-listener' || channel === 'forward-listener') {
      const port = obj.params.get('port');
      const ports = port === undefined || port.value === null ? [null] : typeof port.value === 'string' ? [port.value] : port.value;
      for (const p of ports.length === 0 ? [null] : ports) this.addListener(type, name, p, obj.at, ruleset);
      return;
    }
    this.inputs.push({ plugin: type, channel, name, paths: [], port: null, at: obj.at, ruleset, mask: fullMask(), systemSocket: false });
  }

  private addListener(plugin: string, name: string | null, port: string | null, at: Location, ruleset: string | null): void {
    this.inputs.push({ plugin, channel: INPUT_CHANNELS.get(plugin) ?? 'syslog-listener', name, paths: [], port: parseSyslogPort(port?.split(/\s+/)[0]), at, ruleset, mask: fullMask(), systemSocket: false });
  }

  /** imfile messages carry one facility and severity: local0 and notice unless written (imfile docs, rsyslog v8). */
  private fileMask(facility: Setting | null, severity: Setting | null): Mask {
    const fac = facility === null ? 16 : facilityCode(facility.value.trim());
    const sev = severity === null ? 5 : severityCode(severity.value.trim());
    if (fac === undefined || sev === undefined) {
      this.note('imfile facility/severity', 'not a syslog facility or severity: the input may carry any', (facility ?? severity)?.at ?? fileStart(this.path));
      return fullMask();
    }
    return facilityMask([fac], severityRange(sev, sev));
  }

  // ---------------------------------------------------------------------------------------------
  // Result

  finish(): Pipeline {
    const pending = this.inputs.filter((input) => !(input.systemSocket && this.systemSocketOff()));
    const klogAll = this.permitNonKernelOn();
    const inputIds = this.inputIds(pending);
    const inputs: PipelineInput[] = pending.map((p, i) => ({ id: inputIds[i] as string, plugin: p.plugin, channel: p.channel, paths: p.paths, exclude: [], port: p.port, at: p.at }));
    const edges: PipelineEdge[] = [];
    pending.forEach((p, i) => {
      const mask = p.plugin === 'imklog' && !klogAll ? facilityMask([0]) : p.mask;
      for (const [output, reached] of this.route(p, mask)) {
        edges.push({ input: inputIds[i] as string, output, facilities: facilitiesOf(reached) });
      }
    });
    edges.sort((a, b) => compareStrings(a.input, b.input) || compareStrings(a.output, b.output));
    return {
      id: `rsyslog:${this.path}`,
      shipper: 'rsyslog',
      path: this.path,
      declaredAt: fileStart(this.path),
      inputs,
      outputs: this.outputs.map((o) => o.finish(this.globals)),
      edges,
    };
  }

  private systemSocketOff(): boolean {
    const module = this.modules.get('imuxsock');
    const use = module ? stringParam(module.params.get('syssock.use')) : null;
    if (use !== null) return isOff(use);
    return this.omitLocalLogging !== null && !isOff(this.omitLocalLogging.value);
  }

  private permitNonKernelOn(): boolean {
    const module = this.modules.get('imklog');
    const permit = module ? stringParam(module.params.get('permitnonkernelfacility')) : null;
    if (permit !== null) return !isOff(permit);
    return this.permitNonKernel !== null && !isOff(this.permitNonKernel.value);
  }

  private inputIds(inputs: readonly PendingInput[]): string[] {
    const used = new Set<string>();
    const counts = new Map<string, number>();
    return inputs.map((input) => {
      if (input.name !== null && input.name.trim() !== '' && !used.has(input.name)) {
        used.add(input.name);
        return input.name;
      }
      const base = input.plugin;
      let n = counts.get(base) ?? 0;
      let id: string;
      do {
        n++;
        id = `${base}#${n}`;
      } while (used.has(id));
      counts.set(base, n);
      used.add(id);
      return id;
    });
  }

  /** The outputs an input's messages reach, with the facilities and severities that get there. */
  private route(input: PendingInput, mask: Mask): Map<string, Mask> {
    const reached = new Map<string, Mask>();
    const name = input.ruleset ?? DEFAULT_RULESET;
    const rs = this.rulesets.get(name);
    if (rs === undefined) {
      this.note(`ruleset ${quoteShort(name, 40)}`, 'bound to an input but not defined in this file or its includes: its edges are unknown', input.at);
      return reached;
    }
    this.flow(rs.flows, mask, reached, [name]);
    return reached;
  }

  /** Runs flows for the messages in `reach`; returns those that go on after them. */
  private flow(flows: readonly Flow[], start: Mask, reached: Map<string, Mask>, stack: string[]): Mask {
    let reach = start;
    for (const f of flows) {
      if (isEmptyMask(reach)) return reach;
      switch (f.kind) {
        case 'action': {
          const before = reached.get(f.output);
          reached.set(f.output, before === undefined ? reach : orMask(before, reach));
          break;
        }
        case 'stop':
          return emptyMask();
        case 'if': {
          const then = this.flow(f.then, andMask(reach, f.cond.may), reached, stack);
          const otherwise = this.flow(f.else, andMask(reach, notMask(f.cond.must)), reached, stack);
          reach = orMask(then, otherwise);
          break;
        }
        case 'call': {
          const rs = this.rulesets.get(f.name);
          if (rs === undefined) {
            this.note(`call ${quoteShort(f.name, 40)}`, 'the ruleset is not defined in this file or its includes', f.at);
            break;
          }
          if (stack.includes(f.name) || stack.length >= MAX_CALL_DEPTH) {
            this.note(`call ${quoteShort(f.name, 40)}`, 'calls itself (directly or through other rulesets): not followed again', f.at);
            break;
          }
          const after = this.flow(rs.flows, reach, reached, [...stack, f.name]);
          if (!f.async && !rs.async) reach = after;
          break;
        }
      }
    }
    return reach;
  }
}

function setting(param: RsParam | undefined): Setting | null {
  if (param === undefined || typeof param.value !== 'string') return null;
  return { value: param.value, at: param.at };
}

function isOff(value: string): boolean {
  return ['off', 'no', '0', 'false'].includes(value.trim().toLowerCase());
}

function conditionName(text: string): string {
  if (text === 'foreach') return 'foreach';
  if (text.startsWith(':')) return `property filter ${quoteShort(text, 50)}`;
  return `if ${quoteShort(text, 50)}`;
}
