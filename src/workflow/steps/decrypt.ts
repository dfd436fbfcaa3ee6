import { Stack, ArnFormat } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { CfnWorkflow } from 'aws-cdk-lib/aws-transfer';
import { API, StepConfig, StepPermissions, stepRules } from './base';
import { DestinationStep } from './destination';
import { DecryptStepOptions } from './options';
import { EFS_READ_ACTIONS, KMS_READ_ACTIONS } from '../../private/iam-actions';
import { optionalMembers } from '../../private/input';

/** DECRYPT: decrypts a PGP-encrypted file to S3 or EFS. */
export class DecryptStep extends DestinationStep {
  /** The key of the PGP private key secrets, when customer managed. */
  public readonly pgpKeySecretsKey?: kms.IKey;

  constructor(options: DecryptStepOptions) {
    const where = 'WorkflowStep.decrypt()';
    super('DECRYPT', 'decrypt', where, options);
    this.pgpKeySecretsKey = optionalMembers(where, 'pgpKeySecretsKey', options.pgpKeySecretsKey, 'a kms.IKey', ['keyArn']);
  }

  /** @internal */
  public _bind(): StepConfig {
    return {
      actsOnFile: true,
      render: (name) => this.render(name),
      identity: () => this.destinationIdentity(),
      grant: (permissions) => {
        permissions.onInput(['s3:GetObject', 's3:GetObjectVersion'], EFS_READ_ACTIONS, KMS_READ_ACTIONS);
        this.grantDestination(permissions, ['s3:PutObject']);
        this.grantSecrets(permissions);
      },
    };
  }

  private render(name: string): CfnWorkflow.WorkflowStepProperty {
    const s3 = this._s3Destination();
    const efs = this._efsDestination();
    return {
      type: 'DECRYPT',
      decryptStepDetails: {
        name,
        sourceFileLocation: this.source,
        type: 'PGP',
        // Never absent after `WorkflowStep.decrypt()`'s checks; `workflow/decrypt-destination` says so if it is.
        destinationFileLocation: s3 ? { s3FileLocation: s3 } : efs ? { efsFileLocation: efs } : undefined!,
        overwriteExisting: this.overwriteValue(),
      },
    };
  }

  /** The PGP private keys of the users of each attached server, and their KMS key through Secrets Manager. */
  private grantSecrets(permissions: StepPermissions): void {
    for (const server of permissions.servers) {
      const secrets = Stack.of(server).formatArn({
        service: 'secretsmanager', resource: 'secret', resourceName: `aws/transfer/${server.serverId}/*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      permissions.allow(secrets, ['secretsmanager:GetSecretValue'],
        'The decrypt step reads the PGP private key of the user who uploaded the file: the secret aws/transfer/<server-id>/<user-name> '
        + '(or @pgp-default) of this server; user names and the random suffix Secrets Manager adds are known only at run time.');
      permissions.allowKey(this.pgpKeySecretsKey, `secretsmanager.${server.env.region}.amazonaws.com`, ['kms:Decrypt']);
    }
  }
}

/** The rules only decrypt steps can break. */
export const DECRYPT_RULES = stepRules(['DECRYPT'], [
  {
    id: 'workflow/decrypt-destination',
    severity: 'error',
    summary: 'A decrypt step has a destination.',
    reason: 'The service requires DestinationFileLocation for DECRYPT (type PGP)',
    source: `${API}/API_DecryptStepDetails.html`,
    fix: 'pass `destination: FileLocation.s3(bucket, key)` or `FileLocation.efs(fileSystem, path)` to `WorkflowStep.decrypt()`',
    check: (e) => (e.subject.s3Destination === undefined && e.subject.efsDestination === undefined ? [`${e.label} has no destination`] : []),
  },
]);
