export * from './certificate';
export * from './profile';
export * from './agreement';
