export * from './protocol';
export * from './security-policy';
export * from './endpoint';
export * from './identity-provider';
export * from './host-key';
export * from './server-ref';
export * from './server';
