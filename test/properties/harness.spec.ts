/**
 * runChecked against a port with planted defects: an `insert` that fails with -EEXIST but drops
 * the VA it collided with, which the transcript does not show (only the state checks can see it,
 * and runChecked takes the state before a request only at full checks of requests the model
 * expects to fail), and an `insert` that crashes.
 */
import { describe, expect, it, vi } from 'vitest';
import { CheckedRunFailure, runChecked } from '../../properties/harness.ts';
import { EEXIST } from '../../src/kernel/errno.ts';
import { request } from '../../src/trace/request.ts';

vi.mock('../../src/gpuvm/va.ts', async (importOriginal) => {
  const va = await importOriginal<typeof import('../../src/gpuvm/va.ts')>();
  const { drmGpuvaFindFirst } = await import('../../src/gpuvm/find.ts');
  return {
    ...va,
    drmGpuvaInsert: (...args: Parameters<typeof va.drmGpuvaInsert>): number => {
      const [gpuvm, v] = args;
      if (v.va.addr === CRASH_AT) throw new TypeError('planted crash');
      const ret = va.drmGpuvaInsert(gpuvm, v);
      const hit = ret === -EEXIST ? drmGpuvaFindFirst(gpuvm, v.va.addr, v.va.range) : null;
      if (hit && hit !== gpuvm.kernelAllocNode) {
        va.drmGpuvaRemove(hit);
        va.drmGpuvaUnlink(hit);
      }
      return ret;
    },
  };
});

/** An insert at this address makes the mocked port throw. */
const CRASH_AT = 0xff000n; // above every insert of the other traces

const TRACE = [
  request('init', 0n, 0x10000n, 0n, 0n),
  request('insert', 0x1000n, 0x1000n, 1, 0n),
  request('insert', 0x1800n, 0x1000n, 2, 0n), // collides: -EEXIST, and the defect drops the first VA
  request('find', 0x4000n, 0x1000n),
  request('find', 0x5000n, 0x1000n),
];

function failureOf(fullCheckEvery: number): CheckedRunFailure {
  try {
    runChecked(TRACE, { fullCheckEvery });
  } catch (error) {
    if (error instanceof CheckedRunFailure) return error;
    throw error;
  }
  throw new Error('runChecked passed a port that changes the state on a failed request');
}

describe('runChecked state checks', () => {
  it('names the failed request that changed the state when it is fully checked', () => {
    const failure = failureOf(1);
    expect(failure.violation.invariant).toBe('failed-request-has-no-effect');
    expect(failure.index).toBe(2);
  });

  it('still finds the divergence at the next full check when the failed request was not one', () => {
    const failure = failureOf(4); // full checks at requests 4 and 5 (the last)
    expect(failure.violation.invariant).toBe('coverage');
    expect(failure.index).toBe(3);
    expect(failure.requests).toHaveLength(4);
  });
});

describe('runChecked full-check spacing', () => {
  // 40 one-page VAs, then lookups: the space grows past the spacing of 5 and stays there.
  const GROWING = [
    request('init', 0n, 0x100000n, 0n, 0n),
    ...Array.from({ length: 40 }, (_, i) => request('insert', BigInt(i) * 0x1000n, 0x1000n, 0, 0n)),
    ...Array.from({ length: 100 }, (_, i) => request('find', BigInt(i % 40) * 0x1000n, 0x1000n)),
  ];

  function fullChecks(amortizeFullChecks: boolean): { at: number; live: number }[] {
    const seen: { at: number; live: number }[] = [];
    let at = 0;
    runChecked(GROWING, {
      fullCheckEvery: 5,
      amortizeFullChecks,
      observe: (_request, _result, live, full) => {
        if (full) seen.push({ at, live });
        at++;
      },
    });
    return seen;
  }

  it('checks every n-th request and the last one by default', () => {
    const every5th = Array.from({ length: Math.floor(GROWING.length / 5) }, (_, i) => 5 * i + 4);
    expect(GROWING.length % 5).not.toBe(0); // so the last request is not one of them
    expect(fullChecks(false).map((c) => c.at)).toEqual([...every5th, GROWING.length - 1]);
  });

  it('spaces full checks as many requests apart as there are live VAs when amortizing, and still checks the last', () => {
    const checks = fullChecks(true);
    for (let i = 1; i < checks.length - 1; i++) {
      const gap = checks[i]!.at - checks[i - 1]!.at;
      expect(gap).toBeGreaterThanOrEqual(Math.max(5, checks[i - 1]!.live));
      // Once the space stops growing the gap is exactly the number of live VAs.
      if (checks[i - 1]!.live === 40) expect(gap).toBe(40);
    }
    expect(checks.filter((c) => c.live === 40).length).toBeGreaterThan(1);
    expect(checks.at(-1)!.at).toBe(GROWING.length - 1);
    expect(checks.length).toBeLessThan(fullChecks(false).length / 2);
  });
});

describe('runChecked on a crashing port', () => {
  it('names the crash and what the port said', () => {
    const trace = [request('init', 0n, 0x100000n, 0n, 0n), request('insert', CRASH_AT, 0x1000n, 1, 0n)];
    expect(() => runChecked(trace)).toThrow(/^no-crash: the backend crashed: TypeError: planted crash \(at request 2\)$/);
  });
});
