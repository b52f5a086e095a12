/**
 * Log shippers and test harnesses often wrap the real event in a string field: Docker's json-file
 * driver (`{"log": "{...}", "stream": ..., "time": ...}`), Elastic pipeline fixtures
 * (`{"message": "{...}"}`), Azure diagnostic exports of AKS audit events
 * (`{"category": "kube-audit", "properties": {"log": {...}}}`). When such a field holds a JSON
 * object (or a string of one), that object is the event; the wrapper's timestamp is kept when the
 * inner event has none.
 */
import { isRecord } from '../util/is-record.js';

const WRAPPER_FIELDS: readonly (readonly string[])[] = [['message'], ['log'], ['properties', 'log']];
/** Keys a wrapper may carry besides the wrapped event; anything else means the record is an event itself. */
const WRAPPER_ONLY: ReadonlySet<string> = new Set([
  'message',
  'log',
  'stream',
  'time',
  '@timestamp',
  'timestamp',
  'properties',
  'category',
  'operationName',
  'resourceId',
  'Cloud',
  'Environment',
  'UnderlayClass',
  'UnderlayRegion',
  'ccpNamespace',
  'attrs',
  'serviceBuild',
]);


function at(record: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = record;
  for (const key of path) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** The wrapped event, or the record itself. */
export function unwrapEvent(record: Record<string, unknown>): Record<string, unknown> {
  // Most records are events themselves: their first key already says so.
  for (const key in record) if (!WRAPPER_ONLY.has(key)) return record;
  for (const path of WRAPPER_FIELDS) {
    const value = at(record, path);
    let inner: unknown = value;
    if (typeof value === 'string') {
      const text = value.trim();
      if (!text.startsWith('{') || !text.endsWith('}')) continue;
      try {
        inner = JSON.parse(text);
      } catch {
        continue;
      }
    }
    // Exporters also nest the event as an object (Azure's AKS audit export does, under properties.log).
    if (!isRecord(inner)) continue;
    const outerTime = record['@timestamp'] ?? record.time ?? record.timestamp;
    if (outerTime !== undefined && inner['@timestamp'] === undefined && inner.time === undefined && inner.timestamp === undefined) {
      return { ...inner, '@wrapperTimestamp': outerTime };
    }
    return inner;
  }
  return record;
}
