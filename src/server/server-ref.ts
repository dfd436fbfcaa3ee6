import { IResource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { aws_transfer as transferRefs } from 'aws-cdk-lib/interfaces';
import { Domain } from './protocol';
import type { FileLocation } from '../location/file-location';
import type { HomeDirectory } from '../user/home-directory';

// A server and its users name each other (`server.addUser()` returns a user, `user.server` is its server):
// their interfaces live together in this one module, which imports no construct, so that neither the
// server's module nor the user's imports the other's.

/** A Transfer Family server, owned or imported; aws-cdk-lib's constructs take it as an `IServerRef`. */
export interface ITransferServer extends IResource, ec2.IConnectable, transferRefs.IServerRef {
  /**
   * The server id, `s-` and 17 hexadecimal digits.
   *
   * @attribute
   */
  readonly serverId: string;
  /**
   * The server ARN.
   *
   * @attribute
   */
  readonly serverArn: string;
  /**
   * The server's identity provider type (SERVICE_MANAGED, API_GATEWAY, AWS_DIRECTORY_SERVICE, AWS_LAMBDA),
   * when known. Users can only be created on SERVICE_MANAGED servers.
   */
  readonly identityProviderType?: string;
  /** The server's storage domain, when known. */
  readonly domain?: Domain;
  /**
   * Where the server's users keep their files, as registered by the users of this library
   * (`TransferUser`, `server.addUser`) or by `addHomeLocation`. Workflows attached to the server
   * read, tag and delete uploaded files there. Complete once the app is synthesized.
   */
  readonly homeLocations: FileLocation[];

  /** Register a place users of this server keep files (users do this themselves). */
  addHomeLocation(location: FileLocation): void;

  /** Add a user (the server must use service-managed identities). */
  addUser(id: string, options: TransferUserOptions): ITransferUser;

  /** A metric of this server in the `AWS/Transfer` namespace. */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Bytes uploaded to the server (Sum over 5 minutes). */
  metricBytesIn(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Bytes downloaded from the server (Sum over 5 minutes). */
  metricBytesOut(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Files uploaded to the server (Sum over 5 minutes). */
  metricFilesIn(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Files downloaded from the server (Sum over 5 minutes). */
  metricFilesOut(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Upload workflow executions started (Sum over 5 minutes). */
  metricOnUploadExecutionsStarted(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Upload workflow executions that succeeded (Sum over 5 minutes). */
  metricOnUploadExecutionsSucceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Upload workflow executions that failed (Sum over 5 minutes). */
  metricOnUploadExecutionsFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Partial-upload workflow executions started (Sum over 5 minutes). */
  metricOnPartialUploadExecutionsStarted(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Partial-upload workflow executions that succeeded (Sum over 5 minutes). */
  metricOnPartialUploadExecutionsSucceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** Partial-upload workflow executions that failed (Sum over 5 minutes). */
  metricOnPartialUploadExecutionsFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** AS2 messages received (Sum over 5 minutes). */
  metricInboundMessage(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  /** AS2 messages that failed to be received (Sum over 5 minutes). */
  metricInboundFailedMessage(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** The POSIX identity an EFS user reads and writes files with. */
export interface PosixProfile {
  /** User id, 0 to 4294967295. */
  readonly uid: number;
  /** Primary group id, 0 to 4294967295. */
  readonly gid: number;
  /**
   * Secondary group ids (at most 16).
   *
   * @default - none
   */
  readonly secondaryGids?: number[];
}

/** A user of a service-managed server, owned or imported; aws-cdk-lib's constructs take it as an `IUserRef`. */
export interface ITransferUser extends IResource, transferRefs.IUserRef {
  /**
   * The user name.
   *
   * @attribute
   */
  readonly userName: string;
  /**
   * The user ARN, `arn:<partition>:transfer:<region>:<account>:user/<server-id>/<user-name>`.
   *
   * @attribute
   */
  readonly userArn: string;
  /** The server the user belongs to. */
  readonly server: ITransferServer;
}

/** Options of a user, for `server.addUser()`. */
export interface TransferUserOptions {
  /** The user name: 3 to 100 letters, digits, `_`, `-`, `.` and `@`, not starting with `-`, `.` or `@`. Unique on the server. */
  readonly userName: string;
  /** Where the user lands and what it can see. */
  readonly homeDirectory: HomeDirectory;
  /**
   * OpenSSH public keys (`ssh-ed25519 AAAA… comment`): ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp256/384/521, at most 50.
   *
   * @default - none; add later with `addSshPublicKey`
   */
  readonly sshPublicKeys?: string[];
  /**
   * The POSIX identity for EFS homes (required there; ignored on S3).
   *
   * @default - none
   */
  readonly posixProfile?: PosixProfile;
  /**
   * The role the service assumes for this user. Left as it is: the construct adds no permission to it. On
   * S3, the user's session policy (the home's, unless you pass `sessionPolicy`) still narrows it.
   *
   * @default - a role shared by the server's users whose homes are in the same storage; a role of this user
   * alone, holding exactly its home's permissions, when those do not fit the 2048 characters of a session
   * policy (a home key of more than about 500 characters, or many mappings)
   */
  readonly role?: iam.IRole;
  /**
   * A session policy that narrows the role for this user (S3 only, at most 2048 characters of JSON). With
   * `readOnly`, a statement that denies every write is added to it.
   *
   * @default - one that allows listing, reading (and unless `readOnly`, writing) only inside the user's home,
   * and using the home buckets' customer managed KMS keys through S3 for those files; none when that does not
   * fit 2048 characters and no `role` is given (the user's own role then holds those permissions)
   */
  readonly sessionPolicy?: iam.PolicyDocument;
  /**
   * The user can list and read its home but not write to it, whatever `role` or `sessionPolicy` allow
   * (on EFS, where session policies do not apply, together with the shared role only).
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

