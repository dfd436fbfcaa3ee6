import { Scenario } from './harness';

/**
 * Scenarios the conformance suite synthesizes besides the example apps: combinations
 * worth proving against the schema and cdk-nag that no example shows.
 */
export const EXTRA_SCENARIOS: Scenario[] = [];
