/**
 * Resolves `cdk-transfer-family` to this repository's TypeScript sources (src/index.ts), so that the
 * benchmark imports the library by its package name, as users do. Imported first by the worker.
 */
import * as Module from 'module';
import * as path from 'path';

const entry = path.join(__dirname, '..', 'src', 'index.ts');
// The CommonJS loader itself (the namespace object `import *` gives has getters only).
const loader = (Module as unknown as { Module: unknown }).Module as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return resolve.call(this, request === 'cdk-transfer-family' ? entry : request, ...rest);
};
