/**
 * Step Functions execution logging: `aws_sfn_state_machine.logging_configuration` (`level` ALL,
 * ERROR, FATAL or OFF, default OFF; `include_execution_data`, default false; `log_destination`, a
 * log group ARN ending `:*`) and CloudFormation `LoggingConfiguration` (`Level`,
 * `IncludeExecutionData`, `Destinations[].CloudWatchLogsLogGroup.LogGroupArn`).
 */
import { isUnresolved } from '../../../model/cloud.js';
import type { CloudResource } from '../../../model/cloud.js';
import { ofType } from '../../resolve.js';
import { boolOf, stringOf, valueAt } from '../../values.js';
import { locate } from '../../fact-sheet.js';
import { finish, serviceSheet } from './output.js';
import type { Destination, ServiceOutput } from './output.js';
import { allBlocks } from './read.js';

export function readStepFunctions(resources: readonly CloudResource[], out: ServiceOutput): void {
  for (const resource of ofType(resources, 'aws_sfn_state_machine', 'AWS::StepFunctions::StateMachine')) {
    const cfn = resource.source === 'cloudformation';
    const sheet = serviceSheet(resource, 'step-functions');
    const base = cfn ? 'LoggingConfiguration' : 'logging_configuration';
    const levelPath = `${base}.${cfn ? 'Level' : 'level'}`;
    const dataPath = `${base}.${cfn ? 'IncludeExecutionData' : 'include_execution_data'}`;
    const levelAt = locate(resource, levelPath);
    // AWS provider 5.x and CloudFormation: level defaults to OFF, include_execution_data to false.
    const levelRead = stringOf(valueAt(resource.values, levelPath));
    const level = sheet.set('level', levelRead === null ? 'OFF' : isUnresolved(levelRead) ? levelRead : levelRead.toUpperCase(), levelAt);
    const data = boolOf(valueAt(resource.values, dataPath));
    sheet.set('includeExecutionData', data === null ? false : data, locate(resource, dataPath));
    sheet.put('logTypes', level === null || level === 'OFF' ? [] : [level], levelAt);
    if (level === null) sheet.unknownFact('logTypes', sheet.unknown['level'] ?? 'the level is not known', levelAt);

    const destinations: Destination[] = [];
    if (cfn) {
      const list = allBlocks(valueAt(resource.values, 'LoggingConfiguration.Destinations'));
      if (!isUnresolved(list)) {
        for (const d of list) {
          const arn = valueAt(d, 'CloudWatchLogsLogGroup.LogGroupArn');
          if (arn !== undefined && arn !== null) destinations.push({ value: arn, at: locate(resource, 'LoggingConfiguration.Destinations.CloudWatchLogsLogGroup.LogGroupArn', 'LoggingConfiguration.Destinations') });
        }
      }
    } else {
      const arn = valueAt(resource.values, 'logging_configuration.log_destination');
      if (arn !== undefined && arn !== null) destinations.push({ value: arn, at: locate(resource, 'logging_configuration.log_destination') });
    }
    const typeAttr = cfn ? 'StateMachineType' : 'type';
    const type = stringOf(resource.values[typeAttr]);
    sheet.set('stateMachineType', type === null ? 'STANDARD' : type, locate(resource, typeAttr));
    finish(out, sheet, {
      service: 'step-functions',
      enabled: level === null ? null : level !== 'OFF',
      enabledAt: levelAt,
      destinationKind: 'cloudwatch-logs',
      destinations,
    });
  }
}
