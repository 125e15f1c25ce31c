/**
 * A sanitizer build's leak report told apart (fuzz/leaks.ts): the registered finding whose fix
 * stops the faithful port leaking exactly as many allocations as C reports, or nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registeredLeakOf } from '../../fuzz/leaks.ts';
import { SEED_ERA } from '../../src/era/era.ts';
import { V6_18_ERA } from '../../src/era/presets.ts';
import { parseTrace } from '../../src/trace/parse.ts';

const requestsOf = (text: string) => parseTrace(text).map((p) => p.request);
const GPUVM_001 = requestsOf(readFileSync(new URL('../../properties/findings/GPUVM-001.trace', import.meta.url), 'utf8'));
const leakReport = (allocations: number) => ({ index: 12, left: undefined, right: `CRASH leak: 16 bytes in ${allocations} allocations` });

describe('registeredLeakOf', () => {
  it('names GPUVM-001 for the leak of its trace, in the seed and a later era', () => {
    expect(registeredLeakOf(leakReport(1), GPUVM_001, SEED_ERA)).toBe('GPUVM-001');
    expect(registeredLeakOf(leakReport(1), GPUVM_001, V6_18_ERA)).toBe('GPUVM-001');
  });

  it('names nothing when C leaks another count, the port leaks nothing, or the line is not a leak report at the end', () => {
    expect(registeredLeakOf(leakReport(2), GPUVM_001, SEED_ERA)).toBeNull();
    const noFault = GPUVM_001.filter((r) => r.kind !== 'fail_alloc');
    expect(registeredLeakOf(leakReport(1), noFault, SEED_ERA)).toBeNull();
    expect(registeredLeakOf({ ...leakReport(1), left: 'ALLOCS live=1' }, GPUVM_001, SEED_ERA)).toBeNull();
    expect(registeredLeakOf({ index: 12, left: undefined, right: 'CRASH SIGSEGV' }, GPUVM_001, SEED_ERA)).toBeNull();
  });
});
