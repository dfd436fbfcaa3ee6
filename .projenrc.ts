import { awscdk, javascript, JsonFile } from 'projen';

/**
 * The lowest aws-cdk-lib release that has both `CfnHostKey` (AWS::Transfer::HostKey)
 * and the bundled CloudFormation schema validation with the
 * `@aws-cdk/core:validateAgainstDefaultRules` flag. Checked against the published
 * packages: 2.262.0, 2.265.0 and 2.267.0 have the validation but no `CfnHostKey`.
 */
const CDK_VERSION = '2.268.0';

/** Runs a TypeScript script or example app, with `cdk-transfer-family` resolved to src/ (scripts/register-package.js). */
const TS_NODE = 'ts-node --transpile-only --project test/tsconfig.json -r ./scripts/register-package.js';

/** Environment every task that synthesizes runs with: no AWS, no metadata probes, no telemetry. */
const OFFLINE_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
};

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-transfer-family',
  description:
    'AWS CDK L2 constructs for AWS Transfer Family (SFTP, FTPS, FTP, AS2 servers, users, workflows) and encrypted Step Functions, validated at synth time.',
  author: 'cdk-transfer-family maintainers',
  authorAddress: 'maintainers@users.noreply.h-seed-6eb4926c.example',
  repositoryUrl: 'https://github.com/cdk-transfer-family/cdk-transfer-family.git',
  keywords: ['aws-cdk', 'cdk', 'transfer-family', 'sftp', 'ftps', 'as2', 'step-functions'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdkVersion: CDK_VERSION,
  jsiiVersion: '~6.0.0',
  constructsVersion: '10.5.1',
  // Bindings for every jsii language. Nothing is published (no release, no GitHub workflows): the
  // registries are not reachable from here, so `npx projen pacmak` proves the bindings by generating them.
  publishToPypi: { distName: 'cdk-transfer-family', module: 'cdk_transfer_family' },
  publishToMaven: {
    javaPackage: 'io.github.cdktransferfamily',
    mavenGroupId: 'io.github.cdk-transfer-family',
    mavenArtifactId: 'cdk-transfer-family',
  },
  publishToNuget: { dotNetNamespace: 'CdkTransferFamily', packageId: 'CdkTransferFamily' },
  publishToGo: { moduleName: 'github.com/cdk-transfer-family/cdk-transfer-family-go', packageName: 'cdktransferfamily' },
  github: false,
  release: false,
  sampleCode: false,
  // The TransferFamilyChecks rule pack extends cdk-nag's NagPack: cdk-nag is part of the public API.
  peerDeps: ['cdk-nag@^3.0.2'],
  devDeps: [
    'asl-validator@^4.0.0',
    'fast-check@^4.10.0',
    'aws-cdk@^2.1148.0',
    // unit tests of the state machine bridge function, which runs on Lambda's bundled SDK v3
    'aws-sdk-client-mock@^4.1.0',
    '@aws-sdk/client-sfn@^3',
    '@aws-sdk/client-transfer@^3',
    // The access suite's IAM evaluator. AGPL-3.0: a devDependency for tests only, never a dependency of the
    // published package. Pinned: the suite relies on how its core engine takes KMS encryption context keys.
    '@cloud-copilot/iam-simulate@0.1.173',
  ],
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'bench', 'projenrc', '.projenrc.ts'],
  },
  tsconfig: {
    compilerOptions: {
      // No source maps in the published lib/ (aws-cdk-lib ships none either). Inline maps with their sources
      // doubled lib/ to 2.6 MB, and under ts-node (how most CDK apps run) the source-map support decodes
      // them whenever aws-cdk-lib records a creation stack trace through the library: about 0.4 s CPU at
      // 2,000 users (`npm run bench`, bench/README.md).
      inlineSourceMap: false,
      inlineSources: false,
    },
  },
  tsconfigDev: {
    compilerOptions: {
      // Examples and tests import the library by its package name, exactly as users do.
      paths: { 'cdk-transfer-family': ['../src/index.ts'] },
    },
    include: ['**/*.ts', '../examples/**/*.ts', '../scripts/**/*.ts', '../bench/**/*.ts'],
  },
  jestOptions: {
    passWithNoTests: false,
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // jest's own JSON results feed the `N passed, N failed` line of .ci/run.
    // Two workers on the two cores of CI and developers' machines (jest takes one by default there).
    extraCliOptions: ['--json', '--outputFile=test-reports/jest-results.json', '--maxWorkers=2'],
    jestConfig: {
      moduleNameMapper: { '^cdk-transfer-family$': '<rootDir>/src/index.ts' },
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Scratch copies of the package (ad hoc experiments under tmp/) would give jest two packages of one name.
      modulePathIgnorePatterns: ['<rootDir>/tmp/'],
      collectCoverage: false,
    },
  },
  gitignore: ['/cdk.out/', '/.cdk.staging/', '/tmp/'],
});

for (const p of ['/examples/', '/scripts/', '/bench/', '/.ci/', '/cdk.json', '/cdk.out/', '/tmp/', '/test-reports/']) {
  project.npmignore?.exclude(p);
}

// jsii and jsii-pacmak print a Node 20 end-of-life banner on every run otherwise.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// eslint's project service takes the nearest tsconfig.json: give examples/ and scripts/ the test one.
for (const dir of ['examples', 'scripts', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] },
  });
}

// eslint's import resolver must see the test tsconfig's path mapping of the package name.
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/resolver.typescript.project', ['./tsconfig.json', './test/tsconfig.json']);
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/resolver.typescript.noWarnOnMultipleProjects', true);

// ts-jest runs with isolatedModules and does not type-check; tsc does, tests and examples included.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');
// The built-in CloudFormation schema check costs ~1 s per test file: off in unit tests,
// turned on explicitly (and strict) by the conformance suite.
project.testTask.env('CDK_VALIDATION', 'false');
for (const [k, v] of Object.entries(OFFLINE_ENV)) {
  project.testTask.env(k, v);
}

// The library's main job: synthesize every example app into CloudFormation.
project.addTask('synth:examples', {
  description: 'Synthesize every app in examples/ into cdk.out/<example>/ (no AWS credentials or network needed)',
  env: OFFLINE_ENV,
  exec: `${TS_NODE} scripts/synth-examples.ts`,
  receiveArgs: true,
});
project.addScripts({ synth: 'projen synth:examples' });

// What the library costs at synth time against hand-written L1 (issue 7). Not part of the tests:
// performance claims live in the benchmark and its committed results, never in a timed test.
// The library is measured as apps install it, compiled: the task compiles it first.
const bench = project.addTask('bench', {
  description: 'What the library costs at synth time against hand-written L1 templates (N = 250, 1000, 2000 users); writes the results section of bench/README.md',
  env: { ...OFFLINE_ENV, CDK_VALIDATION: 'false' },
});
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only --project test/tsconfig.json bench/run.ts', { receiveArgs: true });
project.addScripts({ bench: 'projen bench' });

// The other jsii languages: their bindings are generated, not built (`--code-only` needs none of their
// toolchains), and any warning of jsii-pacmak fails the task. .ci/run runs it before the tests.
const pacmak = project.addTask('pacmak', {
  description: 'Compile, then generate the Python, Java, .NET and Go bindings into tmp/pacmak/ (jsii-pacmak --code-only); fails on any warning',
  env: OFFLINE_ENV,
});
pacmak.spawn(project.compileTask);
pacmak.exec('ts-node --transpile-only --project test/tsconfig.json scripts/pacmak.ts', { receiveArgs: true });

// `npx projen build` packages JavaScript only: packaging the other languages (package:python, package:java,
// package:dotnet, package:go, which projen adds for each publishing target) needs their toolchains, which
// are not installed here. Run those tasks one by one where they are.
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);

// lib/ is not in git: a package packed from a fresh clone before `npx projen compile` would ship without
// code. `npm pack` and `npm publish` (and jsii-pacmak, which packs) refuse then, and when lib/ is older than src/.
project.addScripts({ prepack: 'node scripts/check-lib.js' });
// jsii writes lib/ over what is there: a module moved or removed in src/ would stay in lib/ and ship.
project.compileTask.prependExec('node -e "require(\'fs\').rmSync(\'lib\', { recursive: true, force: true })"');

// README's quick-start block and performance summary are generated from the code and the benchmark's results.
project.addTask('readme', {
  description: 'Regenerate the generated sections of README.md (quick start, performance summary)',
  exec: `${TS_NODE} scripts/readme.ts`,
});

// docs/rules.md, every rule of the constructs and of the TransferFamilyChecks cdk-nag pack, is generated from their tables.
project.addTask('rules-doc', {
  description: 'Regenerate docs/rules.md (every rule of the constructs and of the TransferFamilyChecks pack)',
  exec: `${TS_NODE} scripts/rules-doc.ts`,
});

project.synth();
