/**
 * The differential patch check runs: on a patch that is right, the patched C and the port with
 * the fix agree on every trace it generates.
 */
import { describe, expect, it } from 'vitest';
import { checkPatch } from '../../../properties/findings/checkPatch.ts';
import { seedExists } from '../../backends/c/seed.ts';

describe.skipIf(!seedExists)('checkPatch', () => {
  it('finds the GPUVM-005 patch identical to the port with its fix on a short run', async () => {
    const result = await checkPatch('GPUVM-005', 500);
    expect(result.divergence).toBeNull();
    expect(result.traces).toBeGreaterThan(0);
    expect(result.requests).toBeGreaterThan(result.traces);
  });
});
