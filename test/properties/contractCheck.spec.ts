/**
 * The contract check from the outside must judge a backend as runChecked judges the port from
 * the inside: the same first broken invariant at the same request, on the port with and without
 * the registered fixes. Then on the real C code: the seed breaks exactly the invariants of its
 * registered findings, and a planted bug is named by the invariant it breaks.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FIXES, violatedInvariant } from '../../fuzz/known.ts';
import { checkAgainstContract } from '../../properties/contractCheck.ts';
import type { TraceRunner } from '../../properties/contractCheck.ts';
import { concreteRequests, sequences } from '../../properties/sequences.ts';
import { propertySettings } from '../../properties/settings.ts';
import { FINDINGS } from '../../properties/findings/registry.ts';
import { findingRequests } from '../../properties/findings/files.ts';
import type { Backend } from '../../src/backends/backend.ts';
import { createBackend } from '../../src/backends/create.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';
import { brokenSeedCopy } from '../backends/c/brokenSeed.ts';
import type { BrokenSeed } from '../backends/c/brokenSeed.ts';
import { seedExists } from '../backends/c/seed.ts';
import { ModelDriver } from '../../model/modelDriver.ts';
import { NEWEST_ERA } from '../../src/era/presets.ts';

const NO_FIXES: ReadonlySet<string> = new Set();

/** The port as an outside backend: it sees only trace text. */
function portRunner(fixes: ReadonlySet<string>): TraceRunner {
  return async (trace) => runRequests(parseTrace(trace).map((p) => p.request), { fixes });
}

function cRunner(backend: Backend): TraceRunner {
  return async (trace) => (await backend.runTraces([trace]))[0]!;
}



describe('checkAgainstContract on the port', () => {
  for (const [name, fixes] of [
    ['faithful', NO_FIXES],
    ['corrected', ALL_FIXES],
  ] as const) {
    it(`names the same first violation as runChecked (${name} port)`, async () => {
      await fc.assert(
        fc.asyncProperty(sequences(20), async (sequence) => {
          const requests = concreteRequests(sequence);
          const inside = violatedInvariant(requests, fixes);
          const outside = (await checkAgainstContract(requests, portRunner(fixes))).failure;
          // check-valid looks inside the port's tree: nothing outside can see it.
          if (inside?.violation.invariant === 'check-valid') return;
          expect(outside?.violation.invariant ?? null).toBe(inside?.violation.invariant ?? null);
          expect(outside?.index ?? null).toBe(inside?.index ?? null);
        }),
        propertySettings(150),
      );
    });
  }

  it('reads a leak from the probes', async () => {
    // A runner that reports one live allocation after the map: a leak the port never has.
    const leaky: TraceRunner = async (trace) =>
      (await portRunner(ALL_FIXES)(trace)).map((line) => (line === 'ALLOCS live=0' ? 'ALLOCS live=1' : line));
    const requests = [request('init', 0n, 0x1000n, 0n, 0n), request('map', 0n, 0x100n, 1, 0n)];
    const { failure } = await checkAgainstContract(requests, leaky);
    expect(failure?.violation.invariant).toBe('no-leak');
    expect(failure?.index).toBe(0);
  });

  it('stops where the model stops speaking, and says how far it got', async () => {
    const requests = [request('init', 0n, 0x1000n, 0n, 0n), request('fail_alloc', 1n), request('map', 0n, 0x100n, 1, 0n)];
    const result = await checkAgainstContract(requests, portRunner(NO_FIXES));
    expect(result).toEqual({ checked: 1, failure: null });
  });

  it('spaces full checks on long runs but still checks the last request', async () => {
    const requests: Request[] = [request('init', 0n, 0x10000n, 0n, 0n)];
    for (let i = 0n; i < 50n; i++) requests.push(request('map', i * 0x100n, 0x100n, 1, i));
    let probes = 0;
    const counting: TraceRunner = async (trace) => {
      probes = trace.split('\n').filter((l) => l === 'dump').length;
      return portRunner(ALL_FIXES)(trace);
    };
    expect((await checkAgainstContract(requests, counting, { fullCheckEvery: 10 })).failure).toBeNull();
    expect(probes).toBe(6); // after requests 10, 20, 30, 40, 50 and the last (51)
    expect((await checkAgainstContract(requests, counting, { fullCheckEvery: 10, fullCheckFrom: 45 })).failure).toBeNull();
    expect(probes).toBe(10); // after requests 10, 20, 30, 40, then every one of 46-51
  });
});

describe.skipIf(!seedExists)('checkAgainstContract on the C code', () => {
  let seed: Backend;
  let broken: BrokenSeed;
  let brokenC: Backend;
  beforeAll(async () => {
    seed = await createBackend('c');
    // A REMAP's next part forgets the offset of the bytes before it: a broken change that differs
    // from the port and, more to the point, breaks the offset contract.
    broken = await brokenSeedCopy('.gem.offset = offset + ls_range +', '.gem.offset = offset +');
    brokenC = await createBackend('c', { cSource: broken.path });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([seed?.close(), brokenC?.close()]);
    await broken?.remove();
  });

  it('finds each registered finding the model speaks for, with the invariant the port breaks', async () => {
    const seen: { id: string; invariant: string | null }[] = [];
    for (const finding of FINDINGS) {
      const requests = findingRequests(finding.id);
      const onPort = violatedInvariant(requests, NO_FIXES);
      const onC = (await checkAgainstContract(requests, cRunner(seed))).failure;
      seen.push({ id: finding.id, invariant: onC?.violation.invariant ?? null });
      expect(seen.at(-1)).toEqual({ id: finding.id, invariant: onPort?.violation.invariant ?? null });
    }
    // Most findings are visible from outside (the leak under fault injection is not: the model
    // stops at fail_alloc).
    expect(seen.filter((s) => s.invariant !== null).length).toBeGreaterThanOrEqual(6);
  });

  it('names the invariant a planted bug breaks', async () => {
    const requests = [request('init', 0n, 0x10000n, 0n, 0n), request('map', 0n, 0x3000n, 1, 0x10000n), request('map', 0x1000n, 0x1000n, 2, 0n)];
    const { failure } = await checkAgainstContract(requests, cRunner(brokenC));
    expect(failure?.violation.invariant).toMatch(/^(offset|remap-parts|ops|coverage)$/);
    expect(failure?.index).toBe(2);
    expect((await checkAgainstContract(requests, cRunner(seed))).failure).toBeNull();
  });
});

describe('checkAgainstContract in a vm_bo era', () => {
  const era = NEWEST_ERA;
  const eraRunner = (tamper: (line: string) => string = (l) => l): TraceRunner => async (trace) =>
    runRequests(parseTrace(trace).map((p) => p.request), { fixes: ALL_FIXES, era }).map(tamper);

  it('passes the corrected port of the era on generated sequences with madvise, reading vm_bo= from the probes', async () => {
    await fc.assert(
      fc.asyncProperty(sequences(20, false, era), async (s) => {
        const check = await checkAgainstContract(concreteRequests(s), eraRunner(), { model: new ModelDriver(era) });
        expect(check.failure).toBeNull();
      }),
      { seed: 61, numRuns: 60 },
    );
  });

  it('names vm-bo-lifetime when a backend keeps one vm_bo too many', async () => {
    const requests = parseTrace('init 0 0x10000 0 0\nmap 0 0x1000 1 0\n').map((p) => p.request);
    const check = await checkAgainstContract(requests, eraRunner((l) => l.replace('vm_bo=1', 'vm_bo=2')), { model: new ModelDriver(era) });
    expect(check.failure?.violation.invariant).toBe('vm-bo-lifetime');
    expect(check.failure?.index).toBe(1);
  });
});
