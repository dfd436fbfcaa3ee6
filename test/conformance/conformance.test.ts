import * as fs from 'fs';
import * as path from 'path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as transfer from 'aws-cdk-lib/aws-transfer';
import * as fc from 'fast-check';
import { checkConformance, ConformanceResult } from './harness';
import { EXTRA_SCENARIOS } from './scenarios';
import { EXAMPLES } from '../../examples/scenarios';
import { buildCombination, combination, documentedVerdict } from '../support/server-combinations';
import { buildWorkflow, validWorkflow } from '../support/workflow-steps';
import { TransferServer } from 'cdk-transfer-family';

// Strict synthesis of a scenario takes a few seconds (schema engine, cdk-nag).
jest.setTimeout(120_000);

function expectClean(result: ConformanceResult) {
  expect({
    synthErrors: result.synthErrors,
    schemaFindings: result.schemaFindings,
    nagErrors: result.nagErrors,
    aslErrors: result.aslErrors,
  }).toEqual({ synthErrors: [], schemaFindings: [], nagErrors: [], aslErrors: [] });
}

describe('conformance: every example app and listed scenario', () => {
  test('the example list names every folder of examples/ that has an app.ts', () => {
    const dir = path.join(__dirname, '..', '..', 'examples');
    const folders = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'app.ts'))).sort();
    expect(EXAMPLES.map((e) => e.name).sort()).toEqual(folders);
  });

  test.each([...EXAMPLES, ...EXTRA_SCENARIOS].map((s) => [s.name, s] as const))('%s synthesizes clean', (_name, scenario) => {
    const result = checkConformance(scenario);
    expectClean(result);
    expect(Object.keys(result.templates).length).toBeGreaterThan(0);
  });
});

describe('conformance: TransferServer combinations', () => {
  test('every combination the documents accept passes the strict schema check', () => {
    fc.assert(fc.property(combination.filter(documentedVerdict), (c) => {
      const result = checkConformance({ name: 'combination', build: (app) => { buildCombination(app, c); } });
      expect({ synthErrors: result.synthErrors, schemaFindings: result.schemaFindings }).toEqual({ synthErrors: [], schemaFindings: [] });
    }), { numRuns: 10 });
  });
});

describe('conformance: the suite fails when it should', () => {
  const compliantBucket = (stack: Stack) =>
    new s3.Bucket(stack, 'Bucket', { enforceSSL: true, serverAccessLogsPrefix: 'logs/' });

  test('a schema violation (pattern) is an error finding', () => {
    const result = checkConformance({
      name: 'broken-schema',
      build: (app) => {
        const stack = new Stack(app, 'Broken');
        new transfer.CfnServer(stack, 'Server', { securityPolicyName: 'NotAPolicy' });
      },
    });
    expect(result.schemaFindings).toEqual([expect.stringMatching(/^error F3031 at Broken\/Server: SecurityPolicyName: 'NotAPolicy' does not match pattern/)]);
  });

  test('a schema enum violation, reported as a warning by aws-cdk-lib, is still a finding', () => {
    const result = checkConformance({
      name: 'broken-enum',
      build: (app) => {
        const stack = new Stack(app, 'Broken');
        new transfer.CfnServer(stack, 'Server', { protocols: ['SCP'] });
      },
    });
    expect(result.schemaFindings).toEqual([expect.stringMatching(/^warning W3030 .*'SCP' is not one of/)]);
  });

  test('a cdk-nag error is reported, and a suppression with a reason removes it', () => {
    const broken = checkConformance({
      name: 'broken-nag',
      build: (app) => {
        const stack = new Stack(app, 'Broken');
        new s3.Bucket(stack, 'Bucket'); // no SSL enforcement, no access logs
      },
    });
    expect(broken.nagErrors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^error AwsSolutions-S10 at Broken\/Bucket\/Resource/),
      expect.stringMatching(/^error AwsSolutions-S1 at Broken\/Bucket\/Resource/),
    ]));

    const suppressed = checkConformance({
      name: 'suppressed-nag',
      build: (app) => {
        const stack = new Stack(app, 'Ok');
        const bucket = new s3.Bucket(stack, 'Bucket', { enforceSSL: true });
        Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'this test bucket is the access-log target itself' });
      },
    });
    expect(suppressed.nagErrors).toEqual([]);
  });

  test('the library acknowledges only its own log-stream wildcard: another wildcard on the role is still reported', () => {
    const result = checkConformance({
      name: 'extra-wildcard',
      build: (app) => {
        const stack = new Stack(app, 'Broken');
        const server = new TransferServer(stack, 'Server');
        server.loggingRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }));
      },
    });
    expect(result.nagErrors).toEqual([expect.stringMatching(/^error AwsSolutions-IAM5\[Resource::arn:aws:s3:::bucket\/\*\] at Broken\/Server\/LoggingRole/)]);
  });

  test('an invalid state machine definition is reported by asl-validator', () => {
    const result = checkConformance({
      name: 'broken-asl',
      build: (app) => {
        const stack = new Stack(app, 'Broken');
        compliantBucket(stack);
        new sfn.CfnStateMachine(stack, 'Machine', {
          roleArn: 'arn:aws:iam::111111111111:role/machine',
          definitionString: JSON.stringify({ StartAt: 'Missing', States: { Only: { Type: 'Pass', End: true } } }),
        });
      },
    });
    expect(result.stateMachines).toBe(1);
    expect(result.aslErrors).toEqual([expect.stringMatching(/MISSING_TRANSITION_TARGET/)]);
  });

  test('a construct validation error fails the scenario', () => {
    const result = checkConformance({
      name: 'broken-construct',
      build: (app) => {
        const stack = new Stack(app, 'Broken');
        stack.node.addValidation({ validate: () => ['something is wrong'] });
      },
    });
    expect(result.synthErrors).toEqual([expect.stringMatching(/something is wrong/)]);
  });
});

describe('conformance: Workflow step lists', () => {
  test('random valid step lists pass the strict schema check', () => {
    fc.assert(fc.property(validWorkflow, (desc) => {
      const result = checkConformance({ name: 'workflow', build: (app) => { buildWorkflow(app, desc); } });
      expect({ synthErrors: result.synthErrors, schemaFindings: result.schemaFindings }).toEqual({ synthErrors: [], schemaFindings: [] });
    }), { numRuns: 15 });
  });

  test('a workflow acknowledges only its own wildcards: another wildcard on its execution role is still reported', () => {
    const result = checkConformance({
      name: 'workflow-extra-wildcard',
      build: (app) => {
        const { workflow } = buildWorkflow(app, {
          steps: [{ kind: 'copy', source: '${previous.file}', to: 'archive', key: 'in/${transfer:UserName}/' }],
          exceptionSteps: [],
        });
        workflow.executionRole!.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::other/*'] }));
      },
    });
    expect(result.nagErrors.filter((e) => e.includes('AwsSolutions-IAM5'))).toEqual([
      expect.stringMatching(/^error AwsSolutions-IAM5\[Resource::arn:aws:s3:::other\/\*\] at Random\/Workflow\/ExecutionRole/),
    ]);
  });
});
