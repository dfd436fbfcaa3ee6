export * from './file-location';
