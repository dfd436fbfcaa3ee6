export * from './location';
export * from './server';
export * from './user';
export * from './access';
export * from './workflow';
export * from './stepfunctions';
export * from './simulator';
export * from './nag/transfer-family-checks';
