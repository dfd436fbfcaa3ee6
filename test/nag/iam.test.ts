import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { packFindings, ruleNames } from './pack';

const TRUST = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { Service: 'transfer.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: { 'aws:SourceArn': 'arn:aws:transfer:eu-west-1:111111111111:user/*' } },
  }],
};
const UNCONDITIONED = { ...TRUST, Statement: [{ ...TRUST.Statement[0], Condition: undefined }] };
const SCOPED = [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::landing/home/alice/*' }];

function judge(props: { trust?: object; statements?: object[]; managedPolicyArns?: string[]; attached?: object[] }) {
  return packFindings((app) => {
    const stack = new Stack(app, 'Stack');
    const role = new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: props.trust ?? TRUST,
      policies: props.statements && [{ policyName: 'access', policyDocument: { Version: '2012-10-17', Statement: props.statements } }],
      managedPolicyArns: props.managedPolicyArns,
    });
    if (props.attached) {
      new iam.CfnPolicy(stack, 'Attached', { policyName: 'attached', roles: [role.ref], policyDocument: { Version: '2012-10-17', Statement: props.attached } });
    }
  });
}

describe('TF-IAM-1 (iam/transfer-trust-confused-deputy)', () => {
  test('non-compliant L1: transfer.amazonaws.com trusted without a condition', () => {
    const found = judge({ trust: UNCONDITIONED, statements: SCOPED });
    expect(found.map((f) => [f.ruleName, f.severity, f.paths])).toEqual([['TF-IAM-1', 'warning', ['Stack/Role']]]);
  });
  test('compliant L1: aws:SourceAccount and aws:SourceArn conditions', () => {
    expect(judge({ statements: SCOPED })).toEqual([]);
  });
  test('a role other services assume is not judged', () => {
    const lambda = { ...UNCONDITIONED, Statement: [{ ...UNCONDITIONED.Statement[0], Principal: { Service: 'lambda.amazonaws.com' } }] };
    expect(judge({ trust: lambda, statements: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })).toEqual([]);
  });
});

describe('TF-IAM-2 (iam/transfer-role-s3-wildcard)', () => {
  test('non-compliant L1: s3:* in an inline policy', () => {
    expect(ruleNames(judge({ statements: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::landing/*' }] }))).toEqual(['TF-IAM-2']);
  });
  test('non-compliant L1: * in an attached AWS::IAM::Policy', () => {
    expect(ruleNames(judge({ attached: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }))).toEqual(['TF-IAM-2']);
  });
  test('non-compliant L1: AmazonS3FullAccess', () => {
    expect(ruleNames(judge({ managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'] }))).toEqual(['TF-IAM-2']);
  });
  test('compliant L1: the actions transfers need', () => {
    expect(judge({ statements: SCOPED })).toEqual([]);
  });
});

describe('TF-IAM-3 (iam/transfer-role-bucket-wide-write)', () => {
  test('non-compliant L1: s3:PutObject on a whole bucket', () => {
    const found = judge({ statements: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::landing/*' }] });
    expect(ruleNames(found)).toEqual(['TF-IAM-3']);
  });
  test('non-compliant L1: s3:Put* on a bucket named by reference', () => {
    const found = judge({ attached: [{ Effect: 'Allow', Action: 's3:Put*', Resource: { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Bucket' }, '/*']] } }] });
    expect(ruleNames(found)).toEqual(['TF-IAM-3']);
  });
  test('compliant L1: s3:PutObject under a prefix', () => {
    expect(judge({ statements: SCOPED })).toEqual([]);
  });
  test('compliant L1: reading a whole bucket', () => {
    expect(judge({ statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::landing/*' }] })).toEqual([]);
  });
});
