import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnServer } from 'aws-cdk-lib/aws-transfer';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { Construct } from 'constructs';
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

/** What an identity provider contributes to its server, from `IdentityProvider.bind()`. */
export interface IdentityProviderConfig {
  /** The CloudFormation `IdentityProviderType`. */
  readonly identityProviderType: string;
  /**
   * The CloudFormation `IdentityProviderDetails`.
   *
   * @default - none (service-managed users)
   */
  readonly identityProviderDetails?: CfnServer.IdentityProviderDetailsProperty;
}

/**
 * Who authenticates the users of a server. Changing a server's provider to one of another type replaces the
 * server in CloudFormation (`IdentityProviderType` is create-only): see `TransferServerProps.identityProvider`.
 */
export abstract class IdentityProvider {
  /** Users are created in the service (`TransferUser`, `server.addUser`) with SSH keys. SFTP only. */
  public static serviceManaged(): IdentityProvider {
    return new ServiceManagedIdentityProvider();
  }

  /** A REST API that answers authentication requests. */
  public static apiGateway(options: ApiGatewayIdentityProviderOptions): IdentityProvider {
    const where = 'IdentityProvider.apiGateway()';
    requireObject(where, 'options', options);
    const invocationRole = requireMembers(where, 'options.invocationRole', options.invocationRole, 'an iam.IRole', ['roleArn']);
    requireString(where, 'options.invocationRole.roleArn', invocationRole.roleArn);
    return new ApiGatewayIdentityProvider({
      url: requireString(where, 'options.url', options.url),
      invocationRole,
      sftpAuthenticationMethods: sftpMethods(where, options.sftpAuthenticationMethods),
    });
  }

  /** Users and groups of an AWS Managed Microsoft AD or AD Connector directory. */
  public static directory(options: DirectoryIdentityProviderOptions): IdentityProvider {
    const where = 'IdentityProvider.directory()';
    requireObject(where, 'options', options);
    return new DirectoryIdentityProvider(requireString(where, 'options.directoryId', options.directoryId));
  }

  /** A Lambda function that answers authentication requests. The service is allowed to invoke it. */
  public static lambda(fn: lambda.IFunction, options: LambdaIdentityProviderOptions = {}): IdentityProvider {
    const where = 'IdentityProvider.lambda()';
    const lambdaFunction = requireMembers(where, 'fn', fn, 'a lambda.IFunction', ['functionArn', 'addPermission']);
    if (typeof lambdaFunction.addPermission !== 'function') invalid(where, 'fn', 'a lambda.IFunction', fn);
    requireString(where, 'fn.functionArn', lambdaFunction.functionArn);
    requireObject(where, 'options', options);
    return new LambdaIdentityProvider(lambdaFunction, sftpMethods(where, options.sftpAuthenticationMethods));
  }

  /** The CloudFormation `IdentityProviderType`. */
  public abstract readonly identityProviderType: string;
  /** Whether the provider is a custom one (API Gateway or Lambda), which can set SFTP authentication methods. */
  public abstract readonly isCustom: boolean;

  /**
   * Grant what the provider needs to serve `server` (made in `scope`, the server) and return what it
   * contributes to the server.
   */
  public abstract bind(scope: Construct, server: transferRefs.IServerRef): IdentityProviderConfig;
}

/** `IdentityProvider.serviceManaged()`. */
class ServiceManagedIdentityProvider extends IdentityProvider {
  public readonly identityProviderType = 'SERVICE_MANAGED';
  public readonly isCustom = false;

  public bind(_scope: Construct, _server: transferRefs.IServerRef): IdentityProviderConfig {
    return { identityProviderType: this.identityProviderType };
  }
}

/** `IdentityProvider.apiGateway()`. */
class ApiGatewayIdentityProvider extends IdentityProvider {
  public readonly identityProviderType = 'API_GATEWAY';
  public readonly isCustom = true;

  constructor(private readonly options: ApiGatewayIdentityProviderOptions) {
    super();
  }

  public bind(_scope: Construct, _server: transferRefs.IServerRef): IdentityProviderConfig {
    // The invocation role is the user's: its trust and `execute-api:Invoke` permission are theirs to give.
    return {
      identityProviderType: this.identityProviderType,
      identityProviderDetails: {
        url: this.options.url,
        invocationRole: this.options.invocationRole.roleArn,
        sftpAuthenticationMethods: this.options.sftpAuthenticationMethods,
      },
    };
  }
}

/** `IdentityProvider.directory()`. */
class DirectoryIdentityProvider extends IdentityProvider {
  public readonly identityProviderType = 'AWS_DIRECTORY_SERVICE';
  public readonly isCustom = false;

  constructor(private readonly directoryId: string) {
    super();
  }

  public bind(_scope: Construct, _server: transferRefs.IServerRef): IdentityProviderConfig {
    return { identityProviderType: this.identityProviderType, identityProviderDetails: { directoryId: this.directoryId } };
  }
}

/** `IdentityProvider.lambda()`: the service may invoke the function, for this server only. */
class LambdaIdentityProvider extends IdentityProvider {
  public readonly identityProviderType = 'AWS_LAMBDA';
  public readonly isCustom = true;

  constructor(private readonly fn: lambda.IFunction, private readonly sftpAuthenticationMethods?: SftpAuthenticationMethods) {
    super();
  }

  public bind(scope: Construct, server: transferRefs.IServerRef): IdentityProviderConfig {
    this.fn.addPermission(`TransferServer${scope.node.addr}`, {
      principal: new iam.ServicePrincipal('transfer.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceArn: server.serverRef.serverArn,
      sourceAccount: Stack.of(scope).account,
    });
    return {
      identityProviderType: this.identityProviderType,
      identityProviderDetails: { function: this.fn.functionArn, sftpAuthenticationMethods: this.sftpAuthenticationMethods },
    };
  }
}

function sftpMethods(where: string, value: unknown): SftpAuthenticationMethods | undefined {
  return optionalEnum(where, 'options.sftpAuthenticationMethods', value, Object.values(SftpAuthenticationMethods));
}
