/**
 * The property engine: fast-check sequences from a job's seed (the generators of the property
 * suite), each checked against the model; a failing sequence is reported, not thrown, so one
 * job explores all of its sequences.
 */
import fc from 'fast-check';
import type { CheckedRunOptions, PlannedRequest } from '../../properties/harness.ts';
import { CheckedRunFailure, runChecked } from '../../properties/harness.ts';
import { plan, sequences } from '../../properties/sequences.ts';
import type { Request } from '../../src/trace/request.ts';

/** One checked sequence: the requests as run and the violation, if any. @public */
export interface CheckedSequence {
  readonly requests: readonly Request[];
  readonly failure: CheckedRunFailure | null;
}

/**
 * Runs `runs` generated sequences of up to `maxRequests` steps from `seed` on the port with
 * `options` (fixes, era, observe).
 * @public
 */
export function propertySequences(seed: number, runs: number, maxRequests: number, options: CheckedRunOptions): Generator<CheckedSequence> {
  return checkedRuns(
    fc.sample(sequences(maxRequests, false, options.era), { seed, numRuns: runs }).map((sequence) => plan(sequence)),
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
