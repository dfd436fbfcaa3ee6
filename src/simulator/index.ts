export * from './access';
export * from './custom-step';
export * from './evaluators';
export { SimulatedPgp } from './pgp';
export * from './results';
export * from './run';
export * from './simulator';
