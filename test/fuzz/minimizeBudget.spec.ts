/**
 * The minimizer's bounds: a stop condition ends it between two predicate calls with a trace
 * that still fails, and long traces are cut to their failing prefix by bisection before ddmin.
 */
import { describe, expect, it } from 'vitest';
import { minimizeTraceDetailed } from '../../fuzz/minimize.ts';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';

const PAGE = 0x1000n;

/** init, then `n` distinct maps; "fails" when the map at page `culprit` is in. */
function trace(n: number): Request[] {
  return [request('init', 0n, BigInt(n + 1) * PAGE, 0n, 0n), ...Array.from({ length: n }, (_, i) => request('map', BigInt(i) * PAGE, PAGE, 1, 0n))];
}
const hasMapAt = (page: number) => (cand: Request[]) => cand.some((r) => r.kind === 'map' && r.args[0] === BigInt(page) * PAGE);

describe('minimization bounds', () => {
  it('stops when told, between predicate calls, keeping a failing trace and saying it is incomplete', async () => {
    let calls = 0;
    const result = await minimizeTraceDetailed(trace(400), (cand) => {
      calls++;
      return hasMapAt(300)(cand);
    }, { stop: () => calls >= 5 });
    expect(result.complete).toBe(false);
    expect(result.tests).toBe(5);
    expect(hasMapAt(300)(result.requests)).toBe(true);
  });

  it('stopped before the first call, returns the input as it is, incomplete', async () => {
    const input = trace(50);
    const result = await minimizeTraceDetailed(input, hasMapAt(10), { stop: () => true });
    expect(result).toEqual({ requests: input, tests: 0, complete: false });
  });

  it('bisects a long trace to its failing prefix first: a 20 000-request trace fails at request 101 and costs few calls', async () => {
    const progress: number[] = [];
    const result = await minimizeTraceDetailed(trace(20_000), hasMapAt(100), { onProgress: (_tests, best) => progress.push(best) });
    expect(result.complete).toBe(true);
    expect(result.requests.map((r) => r.kind)).toEqual(['init', 'map']);
    expect(hasMapAt(100)(result.requests)).toBe(true);
    // log2(20000) ~ 15 calls find the prefix of 101; ddmin and single removals on 100 requests follow.
    expect(result.tests).toBeLessThan(400);
    expect(progress.at(-1)).toBe(2);
  });
});
