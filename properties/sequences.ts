/**
 * Whole generated request sequences: a VA space, a mode, and steps, planned so that aimed
 * requests are resolved when they run.
 */
import fc from 'fast-check';
import type { Era } from '../src/era/era.ts';
import { SEED_ERA } from '../src/era/era.ts';
import type { Mode, Request } from '../src/trace/request.ts';
import { request } from '../src/trace/request.ts';
import type { PlannedRequest } from './harness.ts';
import type { GeneratedStep } from './generators/requests.ts';
import { resolveAimed, resolveAimedLookup, resolveZeroThenMap, stepsFor } from './generators/requests.ts';
import type { VaSpace } from './generators/vaSpace.ts';
import { initRequest, vaSpace } from './generators/vaSpace.ts';

/** One generated sequence. @public */
export interface GeneratedSequence {
  readonly space: VaSpace;
  readonly mode: Mode;
  readonly steps: readonly GeneratedStep[];
}

/**
 * Sequences of up to `maxLength` steps.
 * @param allocationFaults - include `fail_alloc` steps
 * @param era - the era the sequence is for (it decides whether `madvise` is drawn)
 * @public
 */
export function sequences(maxLength = 30, allocationFaults = false, era: Era = SEED_ERA, size?: fc.SizeForArbitrary): fc.Arbitrary<GeneratedSequence> {
  return fc
    .record({ space: vaSpace, mode: fc.constantFrom<Mode>('list', 'cb') })
    .chain(({ space, mode }) =>
      fc.array(stepsFor(space, allocationFaults, era), { maxLength, ...(size ? { size } : {}) }).map((steps) => ({ space, mode, steps })),
    );
}

/** The sequence as planned requests: mode, init, then the steps. @public */
export function plan(sequence: GeneratedSequence): PlannedRequest[] {
  const init = initRequest(sequence.space);
  return [
    request('mode', sequence.mode),
    init,
    ...sequence.steps.flatMap((step): PlannedRequest[] => {
      if (step.kind === 'aimed') return [(vas) => resolveAimed(step, vas, sequence.space)];
      if (step.kind === 'aimed-lookup') return [(vas) => resolveAimedLookup(step, vas, sequence.space)];
      if (step.kind === 'zero-then-map') {
        // Both are aimed at the VAs as they are before the zero-size one joins them.
        let then: Request | null = null;
        return [
          (vas) => {
            const [zero, map] = resolveZeroThenMap(step, vas, sequence.space);
            then = map;
            return zero;
          },
          () => {
            if (then === null) throw new Error('plan: a zero-then-map step ran its map before its zero-size request');
            return then;
          },
        ];
      }
      // After `fini` only `init` may come: start the same VA space afresh.
      if (step.kind === 'fini') return [step, init];
      return [step as Request];
    }),
  ];
}

/**
 * The sequence as concrete requests without running the model: aimed maps are resolved against
 * an empty VA space. For runs that only compare backends (ts vs c, fault injection).
 * @public
 */
export function concreteRequests(sequence: GeneratedSequence): Request[] {
  return plan(sequence).map((step) => (typeof step === 'function' ? step([]) : step));
}
