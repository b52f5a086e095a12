/**
 * What an access log format carries (pure): the fields a rule asks about (time and its format,
 * client address, user, status, request id, which server wrote the line) and whether each line is
 * a JSON object. nginx formats are lists of `$variables`, Apache formats `%` directives; both are
 * reduced to the same `AccessFields`.
 */

/**
 * How the time of a request is written: ISO 8601 with a zone offset, ISO 8601 without one, epoch
 * seconds (or ms/us), the Common Log Format `[10/Oct/2000:13:55:36 -0700]`, another layout, or
 * `none` when the format writes no time at all.
 */
export type TimeFormat = 'iso8601' | 'iso8601-no-offset' | 'epoch' | 'clf' | 'other' | 'none';

export interface AccessFields {
  timeFormat: TimeFormat;
  client: boolean;
  user: boolean;
  status: boolean;
  request: boolean;
  requestId: boolean;
  /** The virtual host or server that handled the request (which server wrote the line). */
  host: boolean;
  userAgent: boolean;
  duration: boolean;
}

/** Best first: a format that writes several times is judged by its best one. */
const TIME_RANK: readonly TimeFormat[] = ['iso8601', 'epoch', 'iso8601-no-offset', 'clf', 'other', 'none'];

export function bestTime(formats: readonly TimeFormat[]): TimeFormat {
  for (const candidate of TIME_RANK) if (formats.includes(candidate)) return candidate;
  return 'none';
}

export function emptyFields(): AccessFields {
  return { timeFormat: 'none', client: false, user: false, status: false, request: false, requestId: false, host: false, userAgent: false, duration: false };
}

/** What an access-log fact says of its format's fields; each null when the format is not known. */
export interface LoggedFields {
  timeFormat: TimeFormat | null;
  client: boolean | null;
  user: boolean | null;
  status: boolean | null;
  requestId: boolean | null;
  host: boolean | null;
}

export function loggedFields(fields: AccessFields | null): LoggedFields {
  return {
    timeFormat: fields?.timeFormat ?? null,
    client: fields?.client ?? null,
    user: fields?.user ?? null,
    status: fields?.status ?? null,
    requestId: fields?.requestId ?? null,
    host: fields?.host ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// nginx: variables of ngx_http_log_module and ngx_http_core_module

const NGINX_TIME: Record<string, TimeFormat> = {
  // `$time_iso8601`: local time in ISO 8601 with the offset, e.g. 2024-01-15T10:00:00+00:00.
  time_iso8601: 'iso8601',
  // `$msec`: seconds since the epoch with millisecond resolution.
  msec: 'epoch',
  // `$time_local`: the Common Log Format time, e.g. 15/Jan/2024:10:00:00 +0000.
  time_local: 'clf',
};

const NGINX_FIELD: Record<string, keyof Omit<AccessFields, 'timeFormat'>> = {
  remote_addr: 'client',
  realip_remote_addr: 'client',
  http_x_forwarded_for: 'client',
  proxy_add_x_forwarded_for: 'client',
  http_x_real_ip: 'client',
  remote_user: 'user',
  status: 'status',
  request: 'request',
  request_uri: 'request',
  uri: 'request',
  document_uri: 'request',
  request_method: 'request',
  request_id: 'requestId',
  http_x_request_id: 'requestId',
  http_x_correlation_id: 'requestId',
  http_request_id: 'requestId',
  http_traceparent: 'requestId',
  sent_http_x_request_id: 'requestId',
  upstream_http_x_request_id: 'requestId',
  otel_trace_id: 'requestId',
  host: 'host',
  http_host: 'host',
  server_name: 'host',
  hostname: 'host',
  server_addr: 'host',
  http_user_agent: 'userAgent',
  request_time: 'duration',
  upstream_response_time: 'duration',
};

/** Variable names in an nginx string: `$name` and `${name}`. */
export function nginxVariables(template: string): string[] {
  const out: string[] = [];
  const pattern = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
  for (const m of template.matchAll(pattern)) out.push((m[1] ?? m[2] ?? '').toLowerCase());
  return out;
}

export function nginxFields(template: string): AccessFields {
  const fields = emptyFields();
  const times: TimeFormat[] = [];
  for (const name of nginxVariables(template)) {
    const time = NGINX_TIME[name];
    if (time) times.push(time);
    const field = NGINX_FIELD[name];
    if (field) fields[field] = true;
  }
  fields.timeFormat = bestTime(times);
  return fields;
}

/**
 * Whether an nginx template is a JSON object once its variables are filled in: each variable is
 * replaced by `0`, which is valid both inside a JSON string and as a bare number.
 */
export function nginxTemplateIsJson(template: string): boolean {
  return isJsonObject(template.replace(/\$(?:\{[A-Za-z0-9_]+\}|[A-Za-z0-9_]+)/g, '0'));
}

function isJsonObject(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}') || trimmed.length > 65536) return false;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Apache httpd: mod_log_config format strings

export interface ApacheDirective {
  /** The directive letter(s): `h`, `t`, `s`, `^ti`, ... */
  letter: string;
  /** The `{...}` argument, when given. */
  param: string | null;
  /** `>` or `<` (final or original request), when given. */
  which: '<' | '>' | null;
}

/**
 * Splits a mod_log_config format into its `%` directives: `%[!status,...][<>]{param}X` (the
 * status condition and the redirect marker may come in either order), `%%` is a literal percent.
 */
export function apacheDirectives(format: string): { directives: ApacheDirective[]; literal: string } {
  const directives: ApacheDirective[] = [];
  let literal = '';
  let i = 0;
  while (i < format.length) {
    const ch = format[i] as string;
    if (ch !== '%') {
      literal += ch;
      i += 1;
      continue;
    }
    if (format[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    let j = i + 1;
    let which: '<' | '>' | null = null;
    let param: string | null = null;
    // Modifiers: status conditions (`!200,304`), `<`/`>`, and one `{...}` in any order.
    for (;;) {
      const c = format[j];
      if (c === '<' || c === '>') {
        which = c;
        j += 1;
      } else if (c === '!' || c === ',' || (c !== undefined && c >= '0' && c <= '9')) {
        j += 1;
      } else if (c === '{' && param === null) {
        const close = format.indexOf('}', j + 1);
        if (close === -1) {
          j = format.length;
          break;
        }
        param = format.slice(j + 1, close);
        j = close + 1;
      } else break;
    }
    const letter = format[j] === '^' ? format.slice(j, j + 3) : (format[j] ?? '');
    directives.push({ letter, param, which });
    literal += '0';
    i = j + letter.length;
    if (letter === '') i = Math.max(i, j + 1);
  }
  return { directives, literal };
}

const APACHE_REQUEST_ID_HEADERS = new Set(['x-request-id', 'request-id', 'x-correlation-id', 'traceparent', 'x-amzn-trace-id', 'x-b3-traceid']);
const APACHE_REQUEST_ID_ENV = new Set(['unique_id', 'request_id', 'http_x_request_id']);

/** The time format of a `%{...}t` argument (strftime, or sec/msec/usec, with begin:/end:). */
export function apacheTimeFormat(param: string | null): TimeFormat {
  if (param === null) return 'clf';
  const spec = param.replace(/^(begin|end):/, '');
  if (spec === 'sec' || spec === 'msec' || spec === 'usec') return 'epoch';
  if (spec === 'msec_frac' || spec === 'usec_frac') return 'other';
  return strftimeFormat(spec);
}

/** Classifies a strftime layout: ISO 8601 date `T` time, with `%z` or not; `%s` is epoch. */
export function strftimeFormat(spec: string): TimeFormat {
  const s = spec.replace(/%F/g, '%Y-%m-%d').replace(/%T/g, '%H:%M:%S');
  if (/^%s$/.test(s.trim())) return 'epoch';
  if (/%Y-%m-%dT%H:%M(:%S)?/.test(s)) return /%z/.test(s) || /%H:%M(:%S)?(\.\d*)?Z/.test(s) ? 'iso8601' : 'iso8601-no-offset';
  if (/%d\/%b\/%Y:%H:%M:%S %z/.test(s)) return 'clf';
  return 'other';
}

export function apacheFields(format: string): AccessFields {
  const fields = emptyFields();
  const times: TimeFormat[] = [];
  for (const d of apacheDirectives(format).directives) {
    const param = d.param?.toLowerCase() ?? null;
    switch (d.letter) {
      case 't':
        times.push(apacheTimeFormat(d.param));
        break;
      case 'h':
      case 'a':
        fields.client = true;
        break;
      case 'u':
        fields.user = true;
        break;
      case 's':
        fields.status = true;
        break;
      case 'r':
      case 'm':
      case 'U':
        fields.request = true;
        break;
      case 'L':
        fields.requestId = true;
        break;
      case 'v':
      case 'V':
      case 'A':
        fields.host = true;
        break;
      case 'D':
      case 'T':
        fields.duration = true;
        break;
      case 'e':
        if (param !== null && APACHE_REQUEST_ID_ENV.has(param)) fields.requestId = true;
        break;
      case 'i':
        if (param === null) break;
        if (APACHE_REQUEST_ID_HEADERS.has(param)) fields.requestId = true;
        else if (param === 'x-forwarded-for' || param === 'x-real-ip') fields.client = true;
        else if (param === 'user-agent') fields.userAgent = true;
        else if (param === 'host') fields.host = true;
        break;
      default:
        break;
    }
  }
  // A layout split over several directives (`%{%Y-%m-%dT%H:%M:%S}t.%{msec_frac}t%{%z}t`) is one time.
  const zoned = apacheDirectives(format).directives.some((d) => d.letter === 't' && d.param !== null && /%z/.test(d.param));
  fields.timeFormat = bestTime(times.map((t) => (t === 'iso8601-no-offset' && zoned ? 'iso8601' : t)));
  return fields;
}

/** Whether an Apache format writes a JSON object once its directives are filled in (each by `0`). */
export function apacheFormatIsJson(format: string): boolean {
  return isJsonObject(apacheDirectives(format).literal);
}
