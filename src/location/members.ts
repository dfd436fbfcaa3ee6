/**
 * What the bucket and the file system of a `FileLocation` must have: templates name them, policies their
 * ARNs and objects (in the bucket's region, with its KMS key), and their nodes tell them apart.
 */
export const BUCKET_MEMBERS = ['bucketName', 'bucketArn', 'arnForObjects', 'env', 'node'];
export const FILE_SYSTEM_MEMBERS = ['fileSystemId', 'fileSystemArn', 'node'];
