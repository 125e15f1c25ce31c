/**
 * Vitest configuration of the mutation run (`npm run mutation`, stryker.config.mjs): only the
 * fast specs that exercise the mutated split/merge and tree code — the documented cases, the
 * kernel tree tests, the port's API tests, the driver, the contract properties and the findings
 * replays. Not the C backend specs, not the campaign or walk specs: they are slow, and the C
 * side is not what is mutated.
 */
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

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: MUTATION_SPECS,
    setupFiles: ['bench/mutation/fcSeed.setup.ts'],
  },
});
