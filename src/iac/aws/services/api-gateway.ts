/**
 * API Gateway stages: access logs (`access_log_settings { destination_arn, format }`,
 * CloudFormation `AccessLogSetting` / `AccessLogSettings`) and execution logs (REST APIs:
 * `aws_api_gateway_method_settings.settings.logging_level` for the stage, CloudFormation
 * `MethodSettings[].LoggingLevel`; HTTP and WebSocket APIs: `default_route_settings.logging_level`).
 * Access logs go to the CloudWatch log group or Firehose stream the destination ARN names.
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource, IacValue } from '../../../model/cloud.js';
import type { Location } from '../../../model/vocabulary.js';
import { ofType } from '../../resolve.js';
import { refsOf, stringOf, valueAt } from '../../values.js';
import { formatFacts } from './access-log-format.js';
import { locate } from '../../fact-sheet.js';
import type { FactSheet } from '../../fact-sheet.js';
import { finish, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import { allBlocks, destinationKindOf, own } from './read.js';

interface StageShape {
  cfn: boolean;
  version: 'rest' | 'http';
  accessBlock: string;
  destinationAttr: string;
  formatAttr: string;
  nameAttr: string;
}

const SHAPES: Record<string, StageShape> = {
  aws_api_gateway_stage: { cfn: false, version: 'rest', accessBlock: 'access_log_settings', destinationAttr: 'destination_arn', formatAttr: 'format', nameAttr: 'stage_name' },
  aws_apigatewayv2_stage: { cfn: false, version: 'http', accessBlock: 'access_log_settings', destinationAttr: 'destination_arn', formatAttr: 'format', nameAttr: 'name' },
  'AWS::ApiGateway::Stage': { cfn: true, version: 'rest', accessBlock: 'AccessLogSetting', destinationAttr: 'DestinationArn', formatAttr: 'Format', nameAttr: 'StageName' },
  'AWS::ApiGatewayV2::Stage': { cfn: true, version: 'http', accessBlock: 'AccessLogSettings', destinationAttr: 'DestinationArn', formatAttr: 'Format', nameAttr: 'StageName' },
};

const LEVELS = ['OFF', 'ERROR', 'INFO'];

export function readApiGateway(resources: readonly CloudResource[], out: ServiceOutput): void {
  const methodSettings = ofType(resources, 'aws_api_gateway_method_settings');
  for (const resource of ofType(resources, ...Object.keys(SHAPES))) {
    const shape = SHAPES[resource.type] as StageShape;
    const sheet = serviceSheet(resource, 'apigateway');
    sheet.put('apiType', shape.version, resource.at);
    sheet.set('stageName', stringOf(resource.values[shape.nameAttr]), locate(resource, shape.nameAttr));

    const destPath = `${shape.accessBlock}.${shape.destinationAttr}`;
    const formatPath = `${shape.accessBlock}.${shape.formatAttr}`;
    const destination = valueAt(resource.values, destPath);
    const destAt = locate(resource, destPath);
    const access = destination === undefined || destination === null ? false : true;
    sheet.put('accessLogs', access, destAt);
    const destinations: Destination[] = access ? [{ value: destination as IacValue, at: destAt }] : [];
    if (access) {
      const kind = destinationKindOf(destination);
      sheet.set('destinationKind', kind, destAt);
      putFormat(sheet, valueAt(resource.values, formatPath), locate(resource, formatPath));
    }

    const execution = executionLevel(resource, shape, methodSettings);
    sheet.set('executionLoggingLevel', execution.level, execution.at);
    const logTypes = [...(access ? ['access'] : []), ...(typeof execution.level === 'string' && execution.level !== 'OFF' ? ['execution'] : [])];
    sheet.put('logTypes', logTypes, access ? destAt : execution.at);
    finish(out, sheet, {
      service: 'apigateway',
      enabled: access ? true : isUnresolved(execution.level) ? null : logTypes.length > 0,
      enabledAt: access ? destAt : execution.at,
      destinations,
    });
  }
}

function putFormat(sheet: FactSheet, value: IacValue | undefined, at: Location): void {
  const text = stringOf(value);
  const names = ['format.kind', 'format.structured', 'format.fields', 'format.requestId', 'format.sourceIp', 'format.identity', 'format.status'];
  if (text === null || isUnresolved(text)) {
    const why = text === null ? 'no access log format is set' : text.reason;
    for (const name of names) sheet.unknownFact(name, why, at);
    return;
  }
  const facts = formatFacts(text);
  sheet.put('format.kind', facts.kind, at);
  sheet.put('format.structured', facts.structured, at);
  sheet.put('format.fields', facts.fields, at);
  sheet.put('format.requestId', facts.requestId, at);
  sheet.put('format.sourceIp', facts.sourceIp, at);
  sheet.put('format.identity', facts.identity, at);
  sheet.put('format.status', facts.status, at);
}

/** The most detailed execution logging level set for the stage; OFF (the default) when none is. */
function executionLevel(stage: CloudResource, shape: StageShape, methodSettings: readonly CloudResource[]): { level: string | ReturnType<typeof stringOf>; at: Location } {
  const levels: { level: string; at: Location }[] = [];
  if (shape.cfn && shape.version === 'rest') {
    const list = allBlocks(stage.values['MethodSettings']);
    if (isUnresolved(list)) return { level: list, at: locate(stage, 'MethodSettings') };
    for (const m of list) {
      const level = stringOf(own(m, 'LoggingLevel'));
      if (isUnresolved(level)) return { level, at: locate(stage, 'MethodSettings.LoggingLevel', 'MethodSettings') };
      if (level !== null) levels.push({ level: level.toUpperCase(), at: locate(stage, 'MethodSettings.LoggingLevel', 'MethodSettings') });
    }
  } else if (shape.version === 'http') {
    const path = shape.cfn ? 'DefaultRouteSettings.LoggingLevel' : 'default_route_settings.logging_level';
    const level = stringOf(valueAt(stage.values, path));
    if (isUnresolved(level)) return { level, at: locate(stage, path) };
    if (level !== null) levels.push({ level: level.toUpperCase(), at: locate(stage, path) });
  } else {
    for (const settings of methodSettings.filter((m) => forStage(m, stage))) {
      const level = stringOf(valueAt(settings.values, 'settings.logging_level'));
      const at = locate(settings, 'settings.logging_level', 'settings');
      if (isUnresolved(level)) return { level, at };
      if (level !== null) levels.push({ level: level.toUpperCase(), at });
    }
  }
  levels.sort((a, b) => LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level));
  return levels[0] ?? { level: 'OFF', at: stage.at };
}

/** A method settings resource belongs to a stage when it names the stage and the same REST API. */
function forStage(settings: CloudResource, stage: CloudResource): boolean {
  if (settings.stack !== stage.stack) return false;
  const name = settings.values['stage_name'];
  const byRef = refsOf(name).some((r) => r === stage.address || stage.address.startsWith(`${r}[`));
  const byName = typeof name === 'string' && name === stage.values['stage_name'];
  if (!byRef && !byName) return false;
  const api = settings.values['rest_api_id'];
  const stageApi = stage.values['rest_api_id'];
  if (byRef) return true;
  const apiRefs = refsOf(api);
  if (apiRefs.length > 0) return apiRefs.join() === refsOf(stageApi).join();
  return typeof api === 'string' && api === stageApi;
}
