/**
 * Sets of syslog messages by facility and severity, shared by the rsyslog and syslog-ng readers to
 * route events: one byte of severity bits per facility (bit n = severity n, 0 = emerg). A filter
 * that can be evaluated is a mask; one that cannot is a pair of bounds (`must` ⊆ matched ⊆ `may`).
 */

/** Facility names in code order (RFC 5424 table 1 with the names rsyslog prints for 12-15). */
export const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp', 'audit', 'alert', 'clock',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
] as const;

export const SEVERITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

const FACILITY_CODES: ReadonlyMap<string, number> = new Map<string, number>([
  ...FACILITIES.map((name, code): [string, number] => [name, code]),
  // Aliases both daemons accept (sysklogd heritage).
  ['security', 4],
  ['cron2', 15],
]);

const SEVERITY_CODES: ReadonlyMap<string, number> = new Map<string, number>([
  ...SEVERITIES.map((name, code): [string, number] => [name, code]),
  ['panic', 0],
  ['error', 3],
  ['warn', 4],
]);

/** 24 numbers of 8 severity bits. Plain arrays: small typed arrays each hold a buffer and tax the GC. */
export type Mask = number[];

const ALL_SEVERITIES = 0xff;

const EMPTY: readonly number[] = FACILITIES.map(() => 0);
const FULL: readonly number[] = FACILITIES.map(() => ALL_SEVERITIES);

export function emptyMask(): Mask {
  return EMPTY.slice();
}

export function fullMask(): Mask {
  return FULL.slice();
}

// Plain loops: these run once per filter and input, on configs of any length.
export function andMask(a: Mask, b: Mask): Mask {
  const out = emptyMask();
  for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) & (b[i] as number);
  return out;
}

export function orMask(a: Mask, b: Mask): Mask {
  const out = emptyMask();
  for (let i = 0; i < out.length; i++) out[i] = (a[i] as number) | (b[i] as number);
  return out;
}

export function notMask(a: Mask): Mask {
  const out = emptyMask();
  for (let i = 0; i < out.length; i++) out[i] = ~(a[i] as number) & ALL_SEVERITIES;
  return out;
}

export function isEmptyMask(a: Mask): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

export function facilityCode(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (/^\d{1,2}$/.test(lower)) {
    const code = Number(lower);
    return code < FACILITIES.length ? code : undefined;
  }
  return FACILITY_CODES.get(lower);
}

export function severityCode(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (/^\d$/.test(lower)) {
    const code = Number(lower);
    return code < SEVERITIES.length ? code : undefined;
  }
  return SEVERITY_CODES.get(lower);
}

/** Messages of the given facilities with the given severity bits (all severities by default). */
export function facilityMask(codes: readonly number[], severityBits = ALL_SEVERITIES): Mask {
  const mask = emptyMask();
  for (const code of codes) mask[code] = severityBits;
  return mask;
}

/** Messages of every facility with the given severity bits. */
export function severityMask(bits: number): Mask {
  return emptyMask().fill(bits & ALL_SEVERITIES);
}

export function severityRange(a: number, b: number): number {
  let bits = 0;
  for (let s = Math.min(a, b); s <= Math.max(a, b); s++) bits |= 1 << s;
  return bits;
}

/** The facilities a mask carries, in code order; null when it carries every facility. */
export function facilitiesOf(mask: Mask): string[] | null {
  const names = FACILITIES.filter((_, i) => (mask[i] as number) !== 0);
  return names.length === FACILITIES.length ? null : names;
}

/**
 * A traditional selector (`*.info;mail.none;authpriv.none`), evaluated part by part from left to
 * right as rsyslog's `cflineProcessTradPRIFilter` does: `none` clears, `*` sets all, `=p` one
 * severity, `p` that severity and more urgent ones, `!` inverts the effect on the listed facilities.
 * `mark` (rsyslog's internal mark messages) is not a syslog facility and selects nothing here.
 */
export function parseSelector(selector: string): { mask: Mask; error: string | null } {
  const mask = emptyMask();
  for (const part of selector.split(';')) {
    if (part.trim() === '') continue;
    const dot = part.lastIndexOf('.');
    if (dot <= 0) return { mask, error: `selector part without "facility.priority"` };
    const facilities = part.slice(0, dot).split(',').map((f) => f.trim().toLowerCase());
    let pri = part.slice(dot + 1).trim().toLowerCase();
    const ignore = pri.startsWith('!');
    if (ignore) pri = pri.slice(1);
    const single = pri.startsWith('=');
    if (single) pri = pri.slice(1);
    const code = pri === '*' || pri === 'none' ? pri : severityCode(pri);
    if (code === undefined) return { mask, error: `unknown priority in a selector` };
    const codes: number[] = [];
    for (const facility of facilities) {
      if (facility === '*') codes.push(...FACILITIES.map((_, i) => i));
      else if (facility === 'mark') continue;
      else {
        const fac = facilityCode(facility);
        if (fac === undefined) return { mask, error: `unknown facility in a selector` };
        codes.push(fac);
      }
    }
    for (const fac of codes) mask[fac] = applyPriority(mask[fac] as number, code, ignore, single);
  }
  return { mask, error: null };
}

function applyPriority(current: number, code: number | '*' | 'none', ignore: boolean, single: boolean): number {
  if (code === 'none') return 0;
  if (code === '*') return ignore ? 0 : ALL_SEVERITIES;
  const bits = single ? 1 << code : severityRange(0, code);
  return ignore ? current & ~bits : current | bits;
}

/** A condition on messages: those it surely matches and those it may match. */
export interface Cond {
  must: Mask;
  may: Mask;
  /** True when part of the condition could not be evaluated (the bounds are then not equal). */
  opaque: boolean;
}

export function exactCond(mask: Mask): Cond {
  return { must: mask, may: mask, opaque: false };
}

export function opaqueCond(): Cond {
  return { must: emptyMask(), may: fullMask(), opaque: true };
}

export function andCond(a: Cond, b: Cond): Cond {
  return { must: andMask(a.must, b.must), may: andMask(a.may, b.may), opaque: a.opaque || b.opaque };
}

export function orCond(a: Cond, b: Cond): Cond {
  return { must: orMask(a.must, b.must), may: orMask(a.may, b.may), opaque: a.opaque || b.opaque };
}

export function notCond(a: Cond): Cond {
  return { must: notMask(a.may), may: notMask(a.must), opaque: a.opaque };
}
