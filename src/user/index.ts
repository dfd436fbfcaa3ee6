export * from './home-directory';
export * from './user';
