/**
 * checkCutOnC, the quick check of a cut at a difference from the faithful port, must name the
 * same first violation, at the same request, as probing the state after every request.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCutOnC, CUT_PROBE_EVERY } from '../../fuzz/cContract.ts';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import { NO_FIXES, violatedInvariant } from '../../fuzz/known.ts';
import { checkAgainstContract } from '../../properties/contractCheck.ts';
import type { TraceRunner } from '../../properties/contractCheck.ts';
import { concreteRequests, sequences } from '../../properties/sequences.ts';
import { propertySettings } from '../../properties/settings.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import { SEED_ERA } from '../../src/era/era.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import type { Request } from '../../src/trace/request.ts';

/** The faithful port seen from outside (its registered findings break the contract often). */
const faithful: TraceRunner = async (trace) => runRequests(parseTrace(trace).map((p) => p.request), { fixes: NO_FIXES });

describe('checkCutOnC', () => {
  const sameAsEveryRequest = async (requests: readonly Request[]): Promise<void> => {
    const every = await checkAgainstContract(requests, faithful);
    const quick = await checkCutOnC(requests, faithful, SEED_ERA);
    expect(quick.checked).toBe(every.checked);
    expect(quick.failure?.violation.invariant ?? null).toBe(every.failure?.violation.invariant ?? null);
    expect(quick.failure?.index ?? null).toBe(every.failure?.index ?? null);
  };

  it('names the first violation that probing after every request names, on short sequences', async () => {
    await fc.assert(fc.asyncProperty(sequences(), async (sequence) => sameAsEveryRequest(concreteRequests(sequence))), propertySettings(100));
  });

  it('and on walks several spacings long, cut anywhere', async () => {
    let failing = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: CUT_PROBE_EVERY + 1, max: 6 * CUT_PROBE_EVERY }), async (seed, length) => {
        const requests = [...walkRequests(seed, { requests: length })];
        if (violatedInvariant(requests, NO_FIXES)) failing++;
        await sameAsEveryRequest(requests);
      }),
      propertySettings(60),
    );
    // The faithful port's registered findings make some walks break the contract.
    expect(failing).toBeGreaterThan(0);
  });
});
