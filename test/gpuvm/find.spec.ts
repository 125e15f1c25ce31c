/**
 * The lookups' corrections for ranges that wrap: GPUVM-009 (past 2^64) changes nothing else, in
 * particular not the empty range of GPUVM-005 nor a range ending exactly at 2^64.
 */
import { describe, expect, it } from 'vitest';
import { runRequests } from '../../src/driver/runTrace.ts';
import { parseTrace } from '../../src/trace/parse.ts';

/** The last line the port prints for `lookup` after mapping [0x2000, 0x3000) and [0x5000, 0x6000). */
function lookup(line: string, fixes: readonly string[]): string {
  const trace = `init 0 0x10000 0 0\nmap 0x2000 0x1000 1 0\nmap 0x5000 0x1000 1 0\n${line}\n`;
  return runRequests(parseTrace(trace).map((p) => p.request), { fixes: new Set(fixes) }).at(-1)!;
}

describe('drm_gpuva_find_first over a range past 2^64 (GPUVM-009)', () => {
  it('misses the VAs above addr on the seed and finds the first one with the fix', () => {
    expect(lookup('find_first 0x1000 0xffffffffffffffff', [])).toBe('NONE');
    expect(lookup('find_first 0x1000 0xffffffffffffffff', ['GPUVM-009'])).toBe('VA 0x2000 0x1000 1 0x0');
    expect(lookup('find_first 0x3000 0xfffffffffffff001', ['GPUVM-009'])).toBe('VA 0x5000 0x1000 1 0x0');
    expect(lookup('empty 0x1000 0xffffffffffffffff', ['GPUVM-009'])).toBe('EMPTY 0');
  });

  it('leaves a range ending exactly at 2^64 and the empty range (GPUVM-005) as they were', () => {
    for (const line of ['find_first 0x1000 0xfffffffffffff000', 'find_first 0x2800 0', 'empty 0x2800 0', 'find 0x2000 0xffffffffffffffff']) {
      expect(lookup(line, ['GPUVM-009']), line).toBe(lookup(line, []));
    }
    expect(lookup('find_first 0x2800 0', ['GPUVM-005', 'GPUVM-009'])).toBe('NONE');
  });
});
