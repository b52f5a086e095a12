/**
 * CloudWatch Logs metric filters with alarms (`aws_cloudwatch_log_metric_filter` +
 * `aws_cloudwatch_metric_alarm`; `AWS::Logs::MetricFilter` + `AWS::CloudWatch::Alarm`): the CIS
 * AWS 4.x pattern. An alarm watches a filter when its metric name equals the filter's metric
 * name (`metric_transformation { name }`, `MetricTransformations[].MetricName`), in the same
 * namespace when both namespaces are known: written literally, or as a reference to the filter's
 * `metric_transformation[0].name`. A reference to the filter's `.name` / `.id` (`!Ref` in
 * CloudFormation) is the filter's name, not its metric's: it watches the filter only when the two
 * names are the same.
 */
import { Unresolved, isUnresolved } from '../../model/cloud.js';
import type { CloudResource, IacValue } from '../../model/cloud.js';
import type { Detection } from '../../model/estate.js';
import type { Location } from '../../model/vocabulary.js';
import { ofType, targetsOf } from '../resolve.js';
import { isObject, listOf, stringOf } from '../values.js';
import { arg, isCloudFormation, own } from './arguments.js';
import { concernsOf } from './cis-concerns.js';
import { locate } from '../fact-sheet.js';
import { and, or } from './tri.js';
import type { Tri } from './tri.js';

export const FILTER_TYPES = ['aws_cloudwatch_log_metric_filter', 'AWS::Logs::MetricFilter'];
const ALARM_TYPES = ['aws_cloudwatch_metric_alarm', 'AWS::CloudWatch::Alarm'];

export interface FilterRead {
  filter: CloudResource;
  /** Concerns the pattern watches, or why the pattern is unknown. */
  concerns: string[] | Unresolved;
  /** An alarm watches the filter's metric (and the filter exists). */
  alarmed: Tri;
  /** The alarm has an action (an SNS topic to tell someone). */
  notifies: Tri;
  logGroup: IacValue | undefined;
  patternAt: Location;
  alarmAt: Location | null;
}

export function readMetricFilters(resources: readonly CloudResource[]): { filters: FilterRead[]; detections: Detection[] } {
  const filters = ofType(resources, ...FILTER_TYPES);
  const alarms = ofType(resources, ...ALARM_TYPES);
  const reads: FilterRead[] = [];
  const detections: Detection[] = [];
  for (const filter of filters) {
    const pattern = arg(filter, 'pattern', 'FilterPattern');
    const text = stringOf(pattern.value);
    const concerns = isUnresolved(text) ? text : text === null ? [] : concernsOf(text);
    const metric = metricOf(filter);
    let alarmed: Tri = false;
    let notifies: Tri = false;
    let alarmAt: Location | null = null;
    for (const alarm of alarms) {
      const watches = watchesMetric(alarm, filter, metric, filters);
      if (watches === false) continue;
      const present: Tri = alarm.exists === true ? true : new Unresolved(`${alarm.address}: ${alarm.exists.reason}`);
      const actions = listOf(arg(alarm, 'alarm_actions', 'AlarmActions').value);
      const hasActions: Tri = isUnresolved(actions) ? actions : actions.length > 0;
      alarmed = or(alarmed, and(watches, present));
      notifies = or(notifies, and(watches, present, hasActions));
      if (watches === true) alarmAt ??= alarm.at;
    }
    const filterPresent: Tri = filter.exists === true ? true : new Unresolved(`${filter.address}: ${filter.exists.reason}`);
    alarmed = and(filterPresent, alarmed);
    notifies = and(filterPresent, notifies);
    const read: FilterRead = {
      filter,
      concerns,
      alarmed,
      notifies,
      logGroup: arg(filter, 'log_group_name', 'LogGroupName').value,
      patternAt: locate(filter, pattern.attr),
      alarmAt,
    };
    reads.push(read);
    if (alarmed === true) {
      detections.push({ id: filter.address, kind: 'metric-alarm', covers: isUnresolved(concerns) ? [] : concerns, declaredAt: filter.at });
    }
  }
  return { filters: reads, detections };
}

interface Metric {
  name: string | null | Unresolved;
  namespace: string | null | Unresolved;
}

function metricOf(filter: CloudResource): Metric {
  if (isCloudFormation(filter)) {
    const list = listOf(own(filter.values, 'MetricTransformations'));
    const first = isUnresolved(list) ? list : list[0];
    if (isUnresolved(first)) return { name: first, namespace: first };
    if (!isObject(first)) return { name: null, namespace: null };
    return { name: stringOf(own(first, 'MetricName')), namespace: stringOf(own(first, 'MetricNamespace')) };
  }
  const list = listOf(own(filter.values, 'metric_transformation'));
  const first = isUnresolved(list) ? list : list[0];
  if (isUnresolved(first)) return { name: first, namespace: first };
  if (!isObject(first)) return { name: null, namespace: null };
  return { name: stringOf(own(first, 'name')), namespace: stringOf(own(first, 'namespace')) };
}

function watchesMetric(alarm: CloudResource, filter: CloudResource, metric: Metric, filters: readonly CloudResource[]): Tri {
  const name = arg(alarm, 'metric_name', 'MetricName').value;
  const namespace = stringOf(arg(alarm, 'namespace', 'Namespace').value);
  if (name === undefined || name === null) return false;
  if (isUnresolved(name) && name.refs.length > 0) {
    if (!targetsOf(alarm, name, filters, () => []).includes(filter)) return false;
    return referencedMetric(alarm, name, filter, metric, namespace);
  }
  const alarmMetric = stringOf(name);
  if (isUnresolved(alarmMetric)) return alarm.stack === filter.stack ? new Unresolved(`the metric ${alarm.address} watches is not known: ${alarmMetric.reason}`) : false;
  if (alarmMetric === null || isUnresolved(metric.name) || metric.name === null) {
    return isUnresolved(metric.name) && alarm.stack === filter.stack ? new Unresolved(`the metric of ${filter.address} is not known: ${metric.name.reason}`) : false;
  }
  if (alarmMetric !== metric.name) return false;
  if (typeof namespace === 'string' && typeof metric.namespace === 'string') return namespace === metric.namespace;
  // Same metric name, namespace unknown on one side: an alarm in the same stack is taken to watch it.
  return alarm.stack === filter.stack;
}

/** An alarm whose metric name is a reference to `filter`: which of the filter's names it is. */
function referencedMetric(alarm: CloudResource, name: Unresolved, filter: CloudResource, metric: Metric, namespace: string | null | Unresolved): Tri {
  const sameNamespace = typeof namespace === 'string' && typeof metric.namespace === 'string' ? namespace === metric.namespace : true;
  // `aws_cloudwatch_log_metric_filter.x.metric_transformation[0].name` is the metric itself.
  if (/\.metric_transformation\b/.test(name.reason)) return sameNamespace;
  // Otherwise the filter's own name (`.name`, `.id`, `!Ref`): the metric only if they are equal.
  const filterName = stringOf(arg(filter, 'name', 'FilterName').value);
  if (typeof filterName === 'string' && typeof metric.name === 'string') return filterName === metric.name && sameNamespace;
  const why = isUnresolved(filterName) ? filterName.reason : isUnresolved(metric.name) ? metric.name.reason : 'the filter or its metric has no name written';
  return new Unresolved(`${alarm.address} watches the metric named after ${filter.address}'s name, which may not be its metric's name: ${why}`);
}
