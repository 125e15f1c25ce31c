// @ts-check
/**
 * Mutation testing of the split/merge and tree code (`npm run mutation`): StrykerJS with the
 * vitest runner (vitest.mutation.config.ts: the fast, relevant specs at fixed seeds) and the
 * TypeScript checker (mutants that do not compile are discarded, not counted). Reports go to
 * reports/mutation/ (mutation.html, mutation.json); bench/mutation/survivors.md explains the
 * survivors.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // `related: false`: per-test coverage picks each mutant's tests; the runner's related-file
  // lookup is not needed on top of it (and found no test at all under vitest 5).
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'src/gpuvm/smMap.ts',
    'src/gpuvm/smUnmap.ts',
    'src/gpuvm/opsCreate.ts',
    'src/gpuvm/range.ts',
    'src/gpuvm/find.ts',
    'src/kernel/intervalTree.ts',
    'src/kernel/rbtree.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  ignorePatterns: ['.cache', 'dist', '.scratch', 'reports', 'native'],
  // Reruns test only the mutants whose code or covering tests changed since the last report.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  timeoutMS: 10000,
  thresholds: { high: 90, low: 75, break: null },
};
