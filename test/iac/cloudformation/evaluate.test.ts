/**
 * CloudFormation templates → CloudResources: every short intrinsic tag and its long form,
 * parameters, pseudo parameters, mappings, conditions (on resources and in `Fn::If`), addresses,
 * references and the line of every property.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCloudFormation } from '../../../src/adapters/cloudformation.js';
import { Unresolved } from '../../../src/model/cloud.js';
import type { CloudResource, IacValue } from '../../../src/model/cloud.js';
import type { ConfigRead } from '../../../src/model/pipeline.js';

function read(text: string, path = 'stacks/logging.yaml'): ConfigRead {
  return readCloudFormation({ path, text });
}

function resources(text: string, path = 'stacks/logging.yaml'): CloudResource[] {
  const r = read(text, path);
  assert.equal(r.fatal, false, JSON.stringify(r.problems));
  assert.equal(r.cloud?.format, 'resources');
  return r.cloud?.format === 'resources' ? r.cloud.resources : [];
}

function only(text: string, id: string): CloudResource {
  const found = resources(text).find((r) => r.name === id);
  assert.ok(found, `no resource ${id}`);
  return found;
}

const un = (reason: string, refs: string[] = []): Unresolved => new Unresolved(reason, refs);

/** Values with Unresolved compared by reason and refs. */
function plain(value: IacValue | undefined): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

const TRAIL = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Retention:
    Type: Number
    Default: 400
  Env:
    Type: String
    AllowedValues: [prod, dev]
    Default: prod
  KmsKey:
    Type: String
  Zones:
    Type: CommaDelimitedList
    Default: 'a,b,c'
  SsmName:
    Type: 'AWS::SSM::Parameter::Value<String>'
    Default: /org/trail/name
Mappings:
  RetentionByEnv:
    prod:
      Days: 3653
    dev:
      Days: 30
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  HasKey: !Not [!Equals [!Ref KmsKey, '']]
  ProdAndKey: !And [!Condition IsProd, !Condition HasKey]
  ProdOrKey: !Or [!Condition IsProd, !Condition HasKey]
  InRegion: !Equals [!Ref 'AWS::Region', eu-west-1]
Resources:
  TrailBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'trail-\${Env}-logs'
      LifecycleConfiguration:
        Rules:
          - Id: keep
            Status: Enabled
            ExpirationInDays: !FindInMap [RetentionByEnv, !Ref Env, Days]
          - Id: other
            ExpirationInDays: 1
      ObjectLockEnabled: !If [IsProd, true, !Ref 'AWS::NoValue']
      Tags:
        - Key: region
          Value: !Ref 'AWS::Region'
        - !If [IsDev, {Key: dev, Value: 'yes'}, !Ref 'AWS::NoValue']
  Trail:
    Type: AWS::CloudTrail::Trail
    Condition: IsProd
    Properties:
      IsLogging: true
      S3BucketName: !Ref TrailBucket
      KMSKeyId: !If [HasKey, !Ref KmsKey, !GetAtt TrailKey.Arn]
      CloudWatchLogsLogGroupArn: !GetAtt [TrailLogs, Arn]
      TrailName: !Join ['-', [trail, !Ref Env, !Select [1, !Ref Zones]]]
      S3KeyPrefix: !Select [0, !Split ['/', 'audit/trail/x']]
  TrailKey:
    Type: AWS::KMS::Key
    Condition: HasKey
  TrailLogs:
    Type: AWS::Logs::LogGroup
    Condition: IsDev
    Properties:
      RetentionInDays: !Ref Retention
  RegionalLogs:
    Type: AWS::Logs::LogGroup
    Condition: InRegion
    Properties:
      LogGroupName: !Sub
        - '/\${Prefix}/\${AWS::StackName}/\${!Literal}'
        - Prefix: !Ref SsmName
      KmsKeyId: !ImportValue shared-key-arn
      DataProtectionPolicy: !Base64 'hello'
      Cidr: !Cidr ['10.0.0.0/16', 6, 5]
      Zone: !Select [0, !GetAZs '']
      Policy: !Transform {Name: 'AWS::Include', Parameters: {Location: s3://x}}
      Length: !Length [a, b]
      Json: !ToJsonString {a: 1}
`;

describe('CloudFormation: resources, addresses and existence', () => {
  test('addresses are Type/logical id; resources whose condition is false are left out', () => {
    assert.deepEqual(
      resources(TRAIL).map((r) => [r.address, r.type, r.name, r.source, r.stack, r.path, r.at.line, r.at.column]),
      [
        ['AWS::S3::Bucket/TrailBucket', 'AWS::S3::Bucket', 'TrailBucket', 'cloudformation', 'stacks/logging.yaml', 'stacks/logging.yaml', 32, 3],
        ['AWS::CloudTrail::Trail/Trail', 'AWS::CloudTrail::Trail', 'Trail', 'cloudformation', 'stacks/logging.yaml', 'stacks/logging.yaml', 48, 3],
        ['AWS::KMS::Key/TrailKey', 'AWS::KMS::Key', 'TrailKey', 'cloudformation', 'stacks/logging.yaml', 'stacks/logging.yaml', 58, 3],
        // TrailLogs: Condition IsDev is false (Env defaults to prod).
        ['AWS::Logs::LogGroup/RegionalLogs', 'AWS::Logs::LogGroup', 'RegionalLogs', 'cloudformation', 'stacks/logging.yaml', 'stacks/logging.yaml', 66, 3],
      ],
    );
  });

  test('a true condition exists; one on a parameter without default or a pseudo parameter is unknown', () => {
    assert.equal(only(TRAIL, 'Trail').exists, true);
    assert.deepEqual(only(TRAIL, 'TrailKey').exists, un('condition HasKey: parameter KmsKey has no default'));
    assert.deepEqual(only(TRAIL, 'RegionalLogs').exists, un('condition InRegion: AWS::Region is known at deploy time'));
    assert.deepEqual(only(TRAIL, 'TrailKey').values, {});
  });
});

describe('CloudFormation: intrinsic functions', () => {
  test('Sub, FindInMap, If with AWS::NoValue, pseudo parameters, lists', () => {
    assert.deepEqual(plain(only(TRAIL, 'TrailBucket').values), {
      BucketName: 'trail-prod-logs',
      LifecycleConfiguration: {
        Rules: [
          { Id: 'keep', Status: 'Enabled', ExpirationInDays: 3653 },
          { Id: 'other', ExpirationInDays: 1 },
        ],
      },
      ObjectLockEnabled: true,
      // The second tag is removed (IsDev is false → AWS::NoValue).
      Tags: [{ Key: 'region', Value: { reason: 'AWS::Region is known at deploy time', refs: [] } }],
    });
  });

  test('Ref and GetAtt of resources are Unresolved with the address; If on an unknown condition keeps neither branch’s refs', () => {
    const trail = only(TRAIL, 'Trail').values;
    assert.deepEqual(trail['S3BucketName'], un('Ref TrailBucket', ['AWS::S3::Bucket/TrailBucket']));
    assert.deepEqual(trail['CloudWatchLogsLogGroupArn'], un('GetAtt TrailLogs.Arn', ['AWS::Logs::LogGroup/TrailLogs']));
    // The key may not be TrailKey: a link must not follow a branch that may not be chosen.
    assert.deepEqual(trail['KMSKeyId'], un('condition HasKey is not known: parameter KmsKey has no default'));
    assert.equal(trail['IsLogging'], true);
  });

  test('Join, Select, Split over parameters (CommaDelimitedList defaults are lists)', () => {
    const trail = only(TRAIL, 'Trail').values;
    assert.equal(trail['TrailName'], 'trail-prod-b');
    assert.equal(trail['S3KeyPrefix'], 'audit');
  });

  test('Sub with a variable map, ${!Literal}, SSM parameters, ImportValue, Base64, Cidr, GetAZs, Transform, Length, ToJsonString', () => {
    const logs = only(TRAIL, 'RegionalLogs').values;
    assert.deepEqual(logs['LogGroupName'], un('Fn::Sub: parameter SsmName is read from SSM Parameter Store at deploy time; AWS::StackName is known at deploy time'));
    assert.deepEqual(logs['KmsKeyId'], un('Fn::ImportValue shared-key-arn: exported by another stack'));
    assert.equal(logs['DataProtectionPolicy'], 'aGVsbG8=');
    assert.deepEqual(logs['Cidr'], un('Fn::Cidr is not evaluated'));
    assert.deepEqual(logs['Zone'], un('Fn::Select: Fn::GetAZs: the Availability Zones are known at deploy time'));
    assert.deepEqual(logs['Policy'], un('Fn::Transform AWS::Include: a macro runs at deploy time'));
    assert.equal(logs['Length'], 2);
    assert.equal(logs['Json'], '{"a":1}');
  });

  test('Sub with every name known is a string; ${!Literal} is written out', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Prefix: {Type: String, Default: audit}
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub ['/\${Prefix}/\${Name}/\${!Literal}', {Name: trail}]
      Other: !Sub '\${Prefix}-\${Logs.Arn}'
`;
    const values = only(text, 'Logs').values;
    assert.equal(values['LogGroupName'], '/audit/trail/${Literal}');
    assert.deepEqual(values['Other'], un('Fn::Sub: GetAtt Logs.Arn', ['AWS::Logs::LogGroup/Logs']));
  });

  test('long forms (JSON) evaluate like the short tags', () => {
    const json = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": { "Days": { "Type": "Number", "Default": "90" } },
  "Conditions": { "Long": { "Fn::Equals": [ { "Ref": "Days" }, "90" ] } },
  "Resources": {
    "Bucket": { "Type": "AWS::S3::Bucket" },
    "Logs": {
      "Type": "AWS::Logs::LogGroup",
      "Condition": "Long",
      "Properties": {
        "RetentionInDays": { "Ref": "Days" },
        "LogGroupName": { "Fn::Join": [ "/", [ "a", { "Fn::Select": [ "1", [ "x", "b" ] ] } ] ] },
        "Arn": { "Fn::GetAtt": [ "Bucket", "Arn" ] },
        "Pick": { "Fn::If": [ "Long", { "Fn::Sub": "\${Days}d" }, "no" ] },
        "Odd": { "Fn::Unknown": [ 1 ] }
      }
    }
  }
}
`;
    const r = read(json, 'cfn/logs.template');
    assert.equal(r.fatal, false);
    const logs = r.cloud?.format === 'resources' ? r.cloud.resources.find((x) => x.name === 'Logs') : undefined;
    assert.ok(logs);
    assert.equal(logs.exists, true);
    assert.deepEqual(plain(logs.values), {
      RetentionInDays: '90',
      LogGroupName: 'a/b',
      Arn: { reason: 'GetAtt Bucket.Arn', refs: ['AWS::S3::Bucket/Bucket'] },
      Pick: '90d',
      Odd: { reason: 'unknown intrinsic function Fn::Unknown', refs: [] },
    });
    assert.deepEqual(
      [logs.at.line, logs.locations['RetentionInDays']?.line, logs.locations['Pick']?.line, logs.locations['RetentionInDays']?.column],
      [7, 11, 14, 9],
    );
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['Fn::Unknown', 15]]);
  });

  test('unknown short tags are Unresolved and listed', () => {
    const r = read(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Magic x
`);
    const b = r.cloud?.format === 'resources' ? r.cloud.resources[0] : undefined;
    assert.deepEqual(b?.values['BucketName'], un('unknown tag !Magic'));
    assert.deepEqual(r.unknowns.map((u) => [u.construct, u.at.line]), [['!Magic', 6]]);
  });

  test('conditions: And/Or three-valued, Not, Condition, self-reference', () => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Unknown: {Type: String}
Conditions:
  Yes: !Equals [a, a]
  No: !Equals [a, b]
  Open: !Equals [!Ref Unknown, x]
  AndFalse: !And [!Condition Open, !Condition No]
  OrTrue: !Or [!Condition Open, {Condition: Yes}]
  AndOpen: !And [!Condition Open, !Condition Yes]
  Loop: !Not [!Condition Loop]
Resources:
  A: {Type: 'AWS::SNS::Topic', Condition: AndFalse}
  B: {Type: 'AWS::SNS::Topic', Condition: OrTrue}
  C: {Type: 'AWS::SNS::Topic', Condition: AndOpen}
  D: {Type: 'AWS::SNS::Topic', Condition: Loop}
  E: {Type: 'AWS::SNS::Topic', Condition: Missing}
`;
    assert.deepEqual(
      resources(text).map((r) => [r.name, plain(r.exists as IacValue)]),
      [
        ['B', true],
        ['C', { reason: 'condition AndOpen: parameter Unknown has no default', refs: [] }],
        ['D', { reason: 'condition Loop: condition Loop refers to itself', refs: [] }],
        ['E', { reason: 'condition Missing: condition Missing is not declared', refs: [] }],
      ],
    );
  });
});

describe('CloudFormation: locations', () => {
  test('property paths without Properties., first occurrence in lists, with 1-based lines and columns', () => {
    const bucket = only(TRAIL, 'TrailBucket');
    const at = (key: string): [number, number] | undefined => {
      const l = bucket.locations[key];
      return l ? [l.line, l.column] : undefined;
    };
    assert.deepEqual(at('BucketName'), [35, 7]);
    assert.deepEqual(at('LifecycleConfiguration'), [36, 7]);
    assert.deepEqual(at('LifecycleConfiguration.Rules'), [37, 9]);
    assert.deepEqual(at('LifecycleConfiguration.Rules.ExpirationInDays'), [40, 13]);
    assert.deepEqual(at('LifecycleConfiguration.Rules.Status'), [39, 13]);
    assert.deepEqual(at('ObjectLockEnabled'), [43, 7]);
    assert.deepEqual(at('Tags.Key'), [45, 11]);
    assert.equal(bucket.locations['Properties.BucketName'], undefined);
    assert.equal(bucket.locations['BucketName']?.path, 'stacks/logging.yaml');
    const trail = only(TRAIL, 'Trail');
    assert.equal(trail.locations['S3BucketName']?.line, 53);
  });
});

describe('CloudFormation: malformed and hostile input', () => {
  test('a YAML syntax error is a fatal problem with line and column', () => {
    const r = read(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties: [unclosed
`);
    assert.equal(r.fatal, true);
    assert.equal(r.cloud, undefined);
    assert.deepEqual(r.problems[0]?.at, { path: 'stacks/logging.yaml', line: 6, column: 1 });
    assert.match(r.problems[0]?.message ?? '', /YAML\/JSON syntax/);
  });

  test('a template that is not a mapping is fatal; one without Resources is read with a problem', () => {
    assert.equal(read('- AWSTemplateFormatVersion\n').fatal, true);
    const none = read("AWSTemplateFormatVersion: '2010-09-09'\nDescription: nothing\n");
    assert.equal(none.fatal, false);
    assert.deepEqual(none.problems.map((p) => p.message), ['template has no Resources section']);
    assert.deepEqual(none.cloud, { format: 'resources', resources: [] });
  });

  test('a resource without Type is a problem; the others are read', () => {
    const r = read("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Properties: {}\n  B:\n    Type: AWS::SNS::Topic\n");
    assert.deepEqual(r.problems.map((p) => [p.message, p.at.line]), [['resource A has no Type', 3]]);
    assert.deepEqual(r.cloud?.format === 'resources' ? r.cloud.resources.map((x) => x.address) : [], ['AWS::SNS::Topic/B']);
  });

  test('__proto__ keys stay own properties; nothing is polluted', () => {
    const bucket = only(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      __proto__: {polluted: true}
      Tags: [{Key: constructor, Value: x}]
`, 'B');
    const values = bucket.values;
    assert.equal(Object.getPrototypeOf(bucket.locations), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(bucket.locations, '__proto__')?.value?.line, 6);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.ok(Object.prototype.hasOwnProperty.call(values, '__proto__'));
    assert.deepEqual(plain(Object.getOwnPropertyDescriptor(values, '__proto__')?.value as IacValue), { polluted: true });
  });

  test('aliases that expand exponentially and deep nesting end in Unresolved or a problem, not a hang', () => {
    const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:', '  B:', '    Type: AWS::S3::Bucket', '    Properties:', '      a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`      a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    const start = performance.now();
    const r = read(lines.join('\n') + '\n');
    assert.ok(performance.now() - start < 2000);
    assert.equal(r.fatal, false);
    const deep = read(`AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${'['.repeat(300)}${']'.repeat(300)}\n`);
    assert.equal(deep.fatal, true);
    assert.equal(deep.problems[0]?.message, 'nesting too deep');
  });

  test('an anchor that holds an alias of itself, and a condition that names itself, are Unresolved', () => {
    const trail = only(`AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  C: {Condition: C}
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: !If [C, true, false]
      EventSelectors: &sel
        - ReadWriteType: All
          DataResources: *sel
`, 'Trail');
    assert.deepEqual(plain(trail.values), {
      IsLogging: { reason: 'condition C is not known: condition C refers to itself', refs: [] },
      EventSelectors: [{ ReadWriteType: 'All', DataResources: { reason: 'an alias that contains itself', refs: [] } }],
    });
  });

  test('reasons never quote parameter values (a NoEcho default)', () => {
    const values = only(`AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Secret: {Type: String, NoEcho: true, Default: hunter2-secret}
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      A: !Select [!Ref Secret, [x]]
      B: !Join [!Ref Secret, !Ref Secret]
      C: !Base64 [!Ref Secret]
`, 'B').values;
    assert.doesNotMatch(JSON.stringify(values), /hunter2/);
    assert.deepEqual(values['A'], un('Fn::Select index a string'));
  });

  test('inline Lambda code is a string, never run', () => {
    const fn = only(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code:
        ZipFile: |
          process.exit(1)
`, 'Fn');
    assert.deepEqual(fn.values, { Code: { ZipFile: 'process.exit(1)\n' } });
  });

  test('serverless and custom resources are kept', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12}
  Retention:
    Type: Custom::Retention
    Properties: {Days: 7}
`;
    assert.deepEqual(resources(text).map((r) => r.address), ['AWS::Serverless::Function/Api', 'Custom::Retention/Retention']);
  });
});

describe('CloudFormation: properties that cannot be evaluated are never read as unset', () => {
  /** An alias chain 4 wide and `deep` deep in `Metadata`, used under `Tags` of the first resource. */
  function heavyFirst(deep: number, later: string): string {
    const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:', '  Heavy:', '    Type: AWS::S3::Bucket', '    Metadata:', '      a0: &a0 [x, x, x, x]'];
    for (let i = 1; i < deep; i++) lines.push(`      a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    lines.push('    Properties:', '      BucketName: heavy', `      Tags: *a${deep - 1}`);
    return `${lines.join('\n')}\n${later}`;
  }

  test('one heavy resource does not starve the next: the step budget is per resource', () => {
    const text = heavyFirst(
      29,
      `  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      EnableLogFileValidation: true
      KMSKeyId: alias/trail
      S3BucketName: !Ref Heavy
`,
    );
    const start = performance.now();
    const all = resources(text);
    assert.ok(performance.now() - start < 5000);
    const heavy = all.find((r) => r.name === 'Heavy');
    const trail = all.find((r) => r.name === 'Trail');
    // A property evaluated to Unresolved at the top level is kept as such; the others are read.
    assert.equal(heavy?.values['BucketName'], 'heavy');
    assert.deepEqual(heavy?.values['Tags'], un('resource too large to evaluate statically'));
    assert.equal(heavy?.exists, true);
    assert.deepEqual(plain(trail?.values), {
      IsLogging: true,
      EnableLogFileValidation: true,
      KMSKeyId: 'alias/trail',
      S3BucketName: { reason: 'Ref Heavy', refs: ['AWS::S3::Bucket/Heavy'] },
    });
    assert.equal(trail?.exists, true);
  });

  test('properties beyond the template-wide bound are Unresolved with the reason, each one written, never {}', () => {
    // 12 heavy resources exhaust the template-wide bound; the trail after them cannot be read.
    let later = '';
    for (let i = 0; i < 11; i++) later += `  More${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: *a19\n`;
    later += `  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true\n      KMSKeyId: alias/trail\n`;
    const all = resources(heavyFirst(20, later));
    const trail = all.find((r) => r.name === 'Trail');
    const why = un('template too large to evaluate statically');
    assert.deepEqual(trail?.values, { IsLogging: why, KMSKeyId: why });
    assert.equal(trail?.exists, true);
    // EnableLogFileValidation is not written: not set, whatever the budget.
    assert.equal(Object.prototype.hasOwnProperty.call(trail?.values ?? {}, 'EnableLogFileValidation'), false);
  });

  test('Properties as an If on an unknown condition: every property either branch writes is Unresolved', () => {
    const trail = only(`AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Key: {Type: String}
Conditions:
  HasKey: !Not [!Equals [!Ref Key, '']]
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties: !If
      - HasKey
      - {IsLogging: true, KMSKeyId: !Ref Key}
      - {IsLogging: true, S3BucketName: !Ref Bucket}
  Bucket:
    Type: AWS::S3::Bucket
`, 'Trail');
    const why = un('condition HasKey is not known: parameter Key has no default');
    assert.deepEqual(trail.values, { IsLogging: why, KMSKeyId: why, S3BucketName: why });
    assert.equal(trail.exists, true);
  });

  test('Properties that name no knowable property (a macro) leave every fact unknown, through exists', () => {
    const r = read(`AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      Fn::Transform: {Name: 'AWS::Include', Parameters: {Location: 's3://x/trail.yaml'}}
`);
    const trail = r.cloud?.format === 'resources' ? r.cloud.resources[0] : undefined;
    assert.deepEqual(trail?.values, {});
    assert.deepEqual(trail?.exists, un('the properties of Trail cannot be evaluated: Fn::Transform AWS::Include: a macro runs at deploy time'));
    assert.deepEqual(
      r.unknowns.map((u) => [u.construct, u.reason, u.at.line]),
      [['Trail.Properties', 'Fn::Transform AWS::Include: a macro runs at deploy time', 6]],
    );
  });
});
