/**
 * The property engine: fast-check sequences from a job's seed (the generators of the property
 * suite), each checked against the model; a failing sequence is reported, not thrown, so one
 * job explores all of its sequences.
 */
import fc from 'fast-check';
import type { CheckedRunOptions, PlannedRequest } from '../../properties/harness.ts';
import { CheckedRunFailure, runChecked } from '../../properties/harness.ts';
import type { GeneratedSequence } from '../../properties/sequences.ts';
import { plan, sequences } from '../../properties/sequences.ts';
import type { Era } from '../../src/era/era.ts';
import { SEED_ERA } from '../../src/era/era.ts';
import type { Request } from '../../src/trace/request.ts';

/** One checked sequence: the requests as run and the violation, if any. @public */
export interface CheckedSequence {
  readonly requests: readonly Request[];
  readonly failure: CheckedRunFailure | null;
}

/**
 * A campaign's sequences of up to `maxRequests` steps: half of fast-check's default size (about
 * five steps: fast to run and to minimize), half of size `medium` (about fifteen): a bug that
 * shows only after several VAs were set up (a zero-size VA at a VA's start, then a map exactly
 * over that VA) is four times likelier per sequence there, and a third likelier per request.
 * @public
 */
export function campaignSequences(maxRequests: number, era: Era, allocationFaults = false): fc.Arbitrary<GeneratedSequence> {
  return fc.oneof(sequences(maxRequests, allocationFaults, era), sequences(maxRequests, allocationFaults, era, 'medium'));
}

/**
 * Runs `runs` generated sequences of up to `maxRequests` steps from `seed` on the port with
 * `options` (fixes, era, observe).
 * @public
 */
export function propertySequences(seed: number, runs: number, maxRequests: number, options: CheckedRunOptions): Generator<CheckedSequence> {
  return checkedRuns(
    fc.sample(campaignSequences(maxRequests, options.era ?? SEED_ERA), { seed, numRuns: runs }).map((sequence) => plan(sequence)),
    options,
  );
}

/**
 * Runs each planned sequence checked on the port with `options`, yielding the requests as run
 * and the violation, if any (other engines' sequences are checked the same way).
 * @public
 */
export function* checkedRuns(planned: Iterable<readonly PlannedRequest[]>, options: CheckedRunOptions): Generator<CheckedSequence> {
  for (const steps of planned) {
    try {
      yield { requests: runChecked(steps, options), failure: null };
    } catch (error) {
      if (!(error instanceof CheckedRunFailure)) throw error;
      yield { requests: error.requests, failure: error };
    }
  }
}
