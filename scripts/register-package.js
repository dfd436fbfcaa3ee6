// Lets example apps and scripts run under ts-node import this library by its package name,
// exactly as users write it, resolved to the TypeScript sources in src/.
const Module = require('module');
const path = require('path');

const entry = path.join(__dirname, '..', 'src', 'index.ts');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'cdk-transfer-family' ? entry : request, ...rest);
};
