export * from './workflow';
export * from './steps';
