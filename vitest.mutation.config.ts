/**
 * Vitest configuration of the mutation run (`npm run mutation`, stryker.config.mjs): only the
 * fast specs that exercise the mutated split/merge and tree code — the documented cases, the
 * kernel tree tests, the port's API tests, the driver, the contract properties and the findings
 * replays. Not the C backend specs, not the campaign or walk specs: they are slow, and the C
 * side is not what is mutated.
 *
 * Importing the main config applies its Map.groupBy polyfill (needed by vitest 5 on Node 20).
 */
import type { Plugin } from 'vite';
import type { TestProject } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

export const MUTATION_SPECS = [
  'test/docCases/**/*.spec.ts',
  'test/kernel/**/*.spec.ts',
  'test/gpuvm/**/*.spec.ts',
  'test/driver/**/*.spec.ts',
  'test/properties/contract.spec.ts',
  'test/properties/findings.spec.ts',
];

/**
 * Widens a test-name filter written for the "suite test" names of vitest < 5 so that it also
 * matches vitest 5's "suite > test": every space may also be ` > `.
 */
export function widenTestNamePattern(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.replaceAll(' ', '(?: | > )'), pattern.flags);
}

/**
 * Stryker's vitest runner (9.6) picks the tests of a mutant by setting
 * `project.config.testNamePattern` to the names it recorded, joined with spaces ("suite test");
 * vitest 5 matches the pattern against "suite > test", so no test inside a `describe` would run
 * and every mutant would "survive" having run nothing. This plugin turns the property into an
 * accessor that widens whatever pattern is set.
 */
export function strykerTestNames(): Plugin {
  return {
    name: 'gpuvm-check:stryker-test-names',
    configureVitest({ project }: { project: TestProject }) {
      const config = project.config as { testNamePattern?: RegExp | undefined };
      let pattern = config.testNamePattern;
      Object.defineProperty(config, 'testNamePattern', {
        configurable: true,
        enumerable: true,
        get: () => pattern,
        set: (value: RegExp | undefined) => {
          pattern = value instanceof RegExp ? widenTestNamePattern(value) : value;
        },
      });
    },
  };
}

export default defineConfig({
  ...base,
  plugins: [strykerTestNames()],
  test: {
    ...base.test,
    include: MUTATION_SPECS,
    setupFiles: ['bench/mutation/fcSeed.setup.ts'],
  },
});
