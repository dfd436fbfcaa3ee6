/** What a principal needs to read files in S3 (versions included). */
export const S3_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'];
/** What a principal needs to read, write, overwrite and delete files in S3. */
export const S3_WRITE_ACTIONS = [...S3_READ_ACTIONS, 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'];
/** Reading an EFS file system. */
export const EFS_READ_ACTIONS = ['elasticfilesystem:ClientMount'];
/** Reading and writing an EFS file system (no root access). */
export const EFS_WRITE_ACTIONS = [...EFS_READ_ACTIONS, 'elasticfilesystem:ClientWrite'];
/** KMS actions S3 needs with SSE-KMS to read: it decrypts the object's data key. */
export const KMS_READ_ACTIONS = ['kms:Decrypt'];
/** KMS actions S3 needs with SSE-KMS to write: a new data key (decrypted again for multipart uploads). */
export const KMS_WRITE_ACTIONS = [...KMS_READ_ACTIONS, 'kms:GenerateDataKey'];
