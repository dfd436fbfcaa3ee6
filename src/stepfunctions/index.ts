export * from './state-machine';
export * from './activity';
export * from './step-callback';
