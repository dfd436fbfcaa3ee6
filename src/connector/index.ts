export { ConnectorBase } from './connector-base';
export type { ConnectorAttributes, IConnector } from './connector-base';
export * from './egress';
export * from './sftp-connector';
export * from './as2-connector';
