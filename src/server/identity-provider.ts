import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SftpAuthenticationMethods } from './protocol';
import { invalid, optionalEnum, requireMembers, requireObject, requireString } from '../private/input';

/** Options of a Lambda identity provider. */
export interface LambdaIdentityProviderOptions {
  /**
   * How SFTP users authenticate (SFTP only).
   *
   * @default - the service default, PUBLIC_KEY_OR_PASSWORD
   */
  readonly sftpAuthenticationMethods?: SftpAuthenticationMethods;
}

/** Options of an API Gateway identity provider. */
export interface ApiGatewayIdentityProviderOptions {
  /** The invoke URL of the API stage, e.g. `https://abc123.execute-api.us-east-1.amazonaws.com/prod`. */
  readonly url: string;
  /** The role the service assumes to call the API (needs `execute-api:Invoke` on it). */
  readonly invocationRole: iam.IRole;
  /**
   * How SFTP users authenticate (SFTP only).
   *
   * @default - the service default, PUBLIC_KEY_OR_PASSWORD
   */
  readonly sftpAuthenticationMethods?: SftpAuthenticationMethods;
}

/** Options of an AWS Directory Service identity provider. */
export interface DirectoryIdentityProviderOptions {
  /** The directory id, `d-` and 10 hexadecimal digits. */
  readonly directoryId: string;
}

/** Who authenticates the users of a server. Cannot change after creation. */
export class IdentityProvider {
  /** Users are created in the service (`TransferUser`, `server.addUser`) with SSH keys. SFTP only. */
  public static serviceManaged(): IdentityProvider {
    return new IdentityProvider('SERVICE_MANAGED');
  }

  /** A REST API that answers authentication requests. */
  public static apiGateway(options: ApiGatewayIdentityProviderOptions): IdentityProvider {
    const where = 'IdentityProvider.apiGateway()';
    requireObject(where, 'options', options);
    const invocationRole = requireMembers(where, 'options.invocationRole', options.invocationRole, 'an iam.IRole', ['roleArn']);
    requireString(where, 'options.invocationRole.roleArn', invocationRole.roleArn);
    return new IdentityProvider('API_GATEWAY', {
      url: requireString(where, 'options.url', options.url),
      invocationRole,
      sftpAuthenticationMethods: sftpMethods(where, options.sftpAuthenticationMethods),
    });
  }

  /** Users and groups of an AWS Managed Microsoft AD or AD Connector directory. */
  public static directory(options: DirectoryIdentityProviderOptions): IdentityProvider {
    const where = 'IdentityProvider.directory()';
    requireObject(where, 'options', options);
    return new IdentityProvider('AWS_DIRECTORY_SERVICE', { directoryId: requireString(where, 'options.directoryId', options.directoryId) });
  }

  /** A Lambda function that answers authentication requests. The service is allowed to invoke it. */
  public static lambda(fn: lambda.IFunction, options: LambdaIdentityProviderOptions = {}): IdentityProvider {
    const where = 'IdentityProvider.lambda()';
    const lambdaFunction = requireMembers(where, 'fn', fn, 'a lambda.IFunction', ['functionArn', 'addPermission']);
    if (typeof lambdaFunction.addPermission !== 'function') invalid(where, 'fn', 'a lambda.IFunction', fn);
    requireString(where, 'fn.functionArn', lambdaFunction.functionArn);
    requireObject(where, 'options', options);
    return new IdentityProvider('AWS_LAMBDA', { lambdaFunction, sftpAuthenticationMethods: sftpMethods(where, options.sftpAuthenticationMethods) });
  }

  /** The CloudFormation `IdentityProviderType`. */
  public readonly identityProviderType: string;
  /** The directory id (directory provider). */
  public readonly directoryId?: string;
  /** The API URL (API Gateway provider). */
  public readonly url?: string;
  /** The invocation role (API Gateway provider). */
  public readonly invocationRole?: iam.IRole;
  /** The function (Lambda provider). */
  public readonly lambdaFunction?: lambda.IFunction;
  /** SFTP authentication methods (API Gateway and Lambda providers). */
  public readonly sftpAuthenticationMethods?: SftpAuthenticationMethods;

  private constructor(type: string, details: IdentityProviderDetails = {}) {
    this.identityProviderType = type;
    this.directoryId = details.directoryId;
    this.url = details.url;
    this.invocationRole = details.invocationRole;
    this.lambdaFunction = details.lambdaFunction;
    this.sftpAuthenticationMethods = details.sftpAuthenticationMethods;
  }

  /** Whether the provider is a custom one (API Gateway or Lambda), which can set SFTP authentication methods. */
  public get isCustom(): boolean {
    return this.identityProviderType === 'API_GATEWAY' || this.identityProviderType === 'AWS_LAMBDA';
  }
}

function sftpMethods(where: string, value: unknown): SftpAuthenticationMethods | undefined {
  return optionalEnum(where, 'options.sftpAuthenticationMethods', value, Object.values(SftpAuthenticationMethods));
}

interface IdentityProviderDetails {
  readonly directoryId?: string;
  readonly url?: string;
  readonly invocationRole?: iam.IRole;
  readonly lambdaFunction?: lambda.IFunction;
  readonly sftpAuthenticationMethods?: SftpAuthenticationMethods;
}
