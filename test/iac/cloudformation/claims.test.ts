/**
 * Which files the CloudFormation adapter claims: templates (YAML with short tags, JSON, the
 * `.template` extension, SAM), and none of the other YAML and JSON files a repository holds.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLOUDFORMATION_ADAPTER } from '../../../src/adapters/cloudformation.js';
import { TEXT_ADAPTERS } from '../../../src/adapters/registry.js';

const claims = (path: string, text: string): boolean => CLOUDFORMATION_ADAPTER.claims(path, text);

describe('CloudFormation claims', () => {
  test('templates with AWSTemplateFormatVersion (YAML, JSON, .template)', () => {
    assert.equal(claims('cfn/trail.yaml', "---\n# comment\nAWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"), true);
    assert.equal(claims('cfn/trail.yml', '"AWSTemplateFormatVersion": "2010-09-09"\n'), true);
    assert.equal(claims('cfn/trail.json', '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {}\n}\n'), true);
    assert.equal(claims('cfn/trail.template', '{"AWSTemplateFormatVersion":"2010-09-09"}'), true);
    assert.equal(claims('cfn/trail.yaml', "\uFEFFAWSTemplateFormatVersion: '2010-09-09'\n"), true);
  });

  test('templates without the version: top-level Resources with AWS:: types', () => {
    assert.equal(claims('template.yaml', "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: 'AWS::Serverless::Function'\n"), true);
    assert.equal(claims('t.json', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}'), true);
  });

  test('other files are not claimed', () => {
    const k8s = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfn\ndata:\n  template.yaml: |\n    AWSTemplateFormatVersion: "2010-09-09"\n';
    const otel = 'receivers:\n  otlp:\n    protocols:\n      grpc: {}\nexporters:\n  awscloudwatchlogs:\n    log_group_name: x\nservice:\n  pipelines:\n    logs: {receivers: [otlp], exporters: [awscloudwatchlogs]}\n';
    const fluentBit = 'service:\n  flush: 1\npipeline:\n  inputs:\n    - name: tail\n      path: /var/log/*.log\n';
    const compose = 'services:\n  web:\n    image: nginx\n    logging:\n      driver: awslogs\n';
    const packageJson = '{\n  "name": "x",\n  "version": "1.0.0",\n  "dependencies": {"aws-cdk-lib": "2"}\n}\n';
    const plan = '{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{"resources":[{"type":"aws_cloudtrail"}]}}}';
    const serverless = 'service: api\nprovider:\n  name: aws\nresources:\n  Resources:\n    Bucket:\n      Type: AWS::S3::Bucket\n';
    const quoted = '{"data": "{\\"AWSTemplateFormatVersion\\": \\"2010-09-09\\"}"}';
    const cloudtrailLog = '{"Records":[{"eventSource":"cloudformation.amazonaws.com","resources":[{"type":"AWS::S3::Bucket"}]}]}';
    for (const [path, text] of [
      ['k8s/configmap.yaml', k8s],
      ['otel/config.yaml', otel],
      ['fluent-bit.yaml', fluentBit],
      ['docker-compose.yml', compose],
      ['package.json', packageJson],
      ['plan.json', plan],
      ['serverless.yml', serverless],
      ['data.json', quoted],
      ['cloudtrail.json', cloudtrailLog],
      ['notes.txt', "AWSTemplateFormatVersion: '2010-09-09'\n"],
    ] as const) {
      assert.equal(claims(path, text), false, path);
    }
  });

  test('registered before the scan parses YAML: no earlier text adapter claims a template', () => {
    const template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n";
    assert.equal(TEXT_ADAPTERS.find((a) => a.claims('stack.yaml', template))?.kind, 'cloudformation');
  });
});
