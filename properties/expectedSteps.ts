/**
 * A generated sequence run on the model alone: each request with what the documented contract
 * expects of it and the VA space before and after. For checking code other than the port (a
 * driver's op-applying code, another VA manager) against the contract.
 */
import type { Era } from '../src/era/era.ts';
import { SEED_ERA } from '../src/era/era.ts';
import type { Request } from '../src/trace/request.ts';
import type { ModelResult, ModelVa } from '../model/modelDriver.ts';
import { ModelDriver, ModelNotApplicable } from '../model/modelDriver.ts';
import type { GeneratedSequence } from './sequences.ts';
import { plan } from './sequences.ts';

/** One request of a sequence as the model runs it. @public */
export interface ExpectedStep {
  /** The request, aimed requests resolved against the VAs before it. */
  readonly request: Request;
  /** What the contract expects it to return: its ops (`expected.ops`), status and result lines. */
  readonly expected: ModelResult;
  /** The VAs before the request, in address order, the kernel reserved node flagged `kernel`. */
  readonly before: readonly ModelVa[];
  /** The VAs after it: `before` with `expected.ops` applied (plus what `insert`/`remove`/`init`/`fini` do). */
  readonly after: readonly ModelVa[];
}

/**
 * Runs `sequence` on a fresh model (in `era`, the seed's by default) and yields each request as
 * it runs. Ends early, without an error, at the first request the model does not speak for
 * (ModelNotApplicable: windows past 2^64, fault injection, ...), as the property harness does.
 * @public
 */
export function* expectedSteps(sequence: GeneratedSequence, era: Era = SEED_ERA): Generator<ExpectedStep, void, undefined> {
  const model = new ModelDriver(era);
  for (const planned of plan(sequence)) {
    const before = model.vas();
    const request = typeof planned === 'function' ? planned(before.filter((va) => !va.kernel)) : planned;
    let expected: ModelResult;
    try {
      expected = model.run(request);
    } catch (error) {
      if (error instanceof ModelNotApplicable) return;
      throw error;
    }
    yield { request, expected, before, after: model.vas() };
  }
}
