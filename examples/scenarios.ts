import { App } from 'aws-cdk-lib';
import * as quickStart from './quick-start/stack';

/**
 * Every example app, by folder name. The conformance suite synthesizes each one
 * strictly, and checks that this list names every folder of `examples/` that has an `app.ts`.
 */
export const EXAMPLES: ReadonlyArray<{ readonly name: string; readonly build: (app: App) => void }> = [
  { name: 'quick-start', build: quickStart.build },
];
