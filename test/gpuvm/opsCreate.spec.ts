/**
 * drm_gpuvm_prefetch_ops_create's correction (GPUVM-008) covers every range reaching 2^64: one
 * ending there and one running past it, where the walk's bound and its first lookup both wrap.
 */
import { describe, expect, it } from 'vitest';
import { runRequests } from '../../src/driver/runTrace.ts';
import { parseTrace } from '../../src/trace/parse.ts';

/** The PREFETCH lines of `prefetch` after mapping [0, 0x3000) and [0x5000, 0x6000). */
function prefetched(line: string, fixes: readonly string[]): string[] {
  const trace = `init 0 0x10000 0 0\nmap 0 0x3000 1 0\nmap 0x5000 0x1000 1 0\n${line}\n`;
  return runRequests(parseTrace(trace).map((p) => p.request), { fixes: new Set(fixes) }).filter((l) => l.startsWith('PREFETCH'));
}

describe('drm_gpuvm_prefetch_ops_create over a range past 2^64 (GPUVM-008)', () => {
  const all = ['PREFETCH 0x0 0x3000 1 0x0', 'PREFETCH 0x5000 0x1000 1 0x0'];

  it('stops at the VA spanning addr on the seed, even with the lookup fixed (GPUVM-009)', () => {
    expect(prefetched('prefetch 0x2000 0xfffffffffffff000', [])).toEqual([all[0]]);
    expect(prefetched('prefetch 0x2000 0xfffffffffffff000', ['GPUVM-009'])).toEqual([all[0]]);
  });

  it('prefetches every VA of the range with the fix alone, past 2^64 or ending there', () => {
    expect(prefetched('prefetch 0x2000 0xfffffffffffff000', ['GPUVM-008'])).toEqual(all);
    expect(prefetched('prefetch 0x1000 0xffffffffffffffff', ['GPUVM-008'])).toEqual(all);
    expect(prefetched('prefetch 0x2000 0xffffffffffffe000', ['GPUVM-008'])).toEqual(all);
  });
});
