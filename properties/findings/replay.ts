/**
 * Is a source affected? Replays every registered finding on a backend and tells, for each,
 * whether it is still `present` or `fixed` there.
 *
 * Where the model speaks for a finding's whole trace, the verdict is the contract's: the backend
 * is judged by the invariants, so a fix that differs from ours in harmless ways still counts as
 * fixed. Where it does not (fault injection), the backend must print what the port prints with
 * that finding's fix selected.
 */
import type { Backend } from '../../src/backends/backend.ts';
import { firstDivergence } from '../../src/backends/transcript.ts';
import { runRequests } from '../../src/driver/runTrace.ts';
import type { TsDriverOptions } from '../../src/driver/tsDriver.ts';
import { formatTrace } from '../../src/trace/request.ts';
import { ModelDriver } from '../../model/modelDriver.ts';
import { checkAgainstContract } from '../contractCheck.ts';
import { findingRequests } from './files.ts';
import { FINDINGS } from './registry.ts';
import type { Finding } from './registry.ts';

/** A finding's verdict on one source. @public */
export interface FindingStatus {
  readonly finding: Finding;
  readonly status: 'present' | 'fixed';
  /** How it was decided: by the contract's invariants, or by the fixed port's transcript. */
  readonly judgedBy: 'contract' | 'transcript';
  /** The invariant the source breaks on the finding's trace, when judged by the contract. */
  readonly invariant: string | null;
  /** The first line where the source's transcript differs from what the fixed port prints. */
  readonly firstDifference: string | null;
}

/** Options of a replay: the port settings of the source's era. @public */
export type ReplayOptions = Omit<TsDriverOptions, 'fixes'>;

/**
 * Replays every registered finding on `backend`, whose source is of `options.era` (the seed's
 * by default): the fixed port and the model both follow that era, so a later source is judged
 * by what its own era promises.
 * @public
 */
export async function replayFindings(backend: Backend, options: ReplayOptions = {}): Promise<FindingStatus[]> {
  const statuses: FindingStatus[] = [];
  for (const finding of FINDINGS) {
    const requests = findingRequests(finding.id);
    const [lines] = await backend.runTraces([formatTrace(requests)]);
    const expected = runRequests(requests, { ...options, fixes: new Set([finding.id]) });
    const divergence = firstDivergence(expected, lines!);
    const firstDifference = divergence
      ? `line ${divergence.index + 1}: expected '${divergence.left ?? '<end>'}', got '${divergence.right ?? '<end>'}'`
      : null;
    const contract = await checkAgainstContract(requests, async (trace) => (await backend.runTraces([trace]))[0]!, {
      model: new ModelDriver(options.era),
    });
    const judgedByContract = contract.checked === requests.length;
    const present = judgedByContract ? contract.failure !== null : divergence !== null;
    statuses.push({
      finding,
      status: present ? 'present' : 'fixed',
      judgedBy: judgedByContract ? 'contract' : 'transcript',
      invariant: contract.failure?.violation.invariant ?? null,
      firstDifference,
    });
  }
  return statuses;
}
