/** A file transfer protocol a server accepts. */
export enum Protocol {
  /** SSH File Transfer Protocol, port 22. */
  SFTP = 'SFTP',
  /** File Transfer Protocol over TLS, port 21 (VPC endpoint, custom identity provider and certificate required). */
  FTPS = 'FTPS',
  /** Unencrypted File Transfer Protocol, port 21 (VPC endpoint and custom identity provider required). */
  FTP = 'FTP',
  /** Applicability Statement 2 over HTTP, port 5080 (VPC endpoint and S3 domain required). */
  AS2 = 'AS2',
}

/** The storage service a server reads and writes. Cannot change after creation. */
export enum Domain {
  /** Amazon S3 buckets. */
  S3 = 'S3',
  /** Amazon EFS file systems (POSIX identities). */
  EFS = 'EFS',
}

/** IP versions of the server endpoint. */
export enum IpAddressType {
  /** IPv4 only. */
  IPV4 = 'IPV4',
  /** IPv4 and IPv6 (cannot be combined with Elastic IPs). */
  DUALSTACK = 'DUALSTACK',
}

/** Whether FTPS clients must resume TLS sessions (FTPS only). */
export enum TlsSessionResumptionMode {
  /** The server neither asks for nor accepts resumed sessions. */
  DISABLED = 'DISABLED',
  /** The server accepts resumed sessions but does not require them. */
  ENABLED = 'ENABLED',
  /** Clients must resume the control session's TLS session for data connections (the service default). */
  ENFORCED = 'ENFORCED',
}

/** How the server answers SETSTAT requests (which S3 cannot honour). */
export enum SetStatOption {
  /** SETSTAT requests fail on S3 (the service default). */
  DEFAULT = 'DEFAULT',
  /** SETSTAT requests are accepted and ignored, which some clients need. */
  ENABLE_NO_OP = 'ENABLE_NO_OP',
}

/** How SFTP users authenticate against a custom identity provider (API Gateway or Lambda). */
export enum SftpAuthenticationMethods {
  /** Password only. */
  PASSWORD = 'PASSWORD',
  /** SSH key only. */
  PUBLIC_KEY = 'PUBLIC_KEY',
  /** Either an SSH key or a password (the service default). */
  PUBLIC_KEY_OR_PASSWORD = 'PUBLIC_KEY_OR_PASSWORD',
  /** Both an SSH key and a password. */
  PUBLIC_KEY_AND_PASSWORD = 'PUBLIC_KEY_AND_PASSWORD',
}
