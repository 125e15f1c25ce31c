/**
 * The C code judged by the documented contract (properties/contractCheck.ts): the model of the
 * campaign's era and every request invariant, read back through probes. A campaign checks C
 * this way first; a difference from the faithful port only matters where the contract does not
 * decide.
 */
import type { Backend } from '../src/backends/backend.ts';
import type { Era } from '../src/era/era.ts';
import type { Request } from '../src/trace/request.ts';
import { ModelDriver } from '../model/modelDriver.ts';
import type { ContractCheck, TraceRunner } from '../properties/contractCheck.ts';
import { checkAgainstContract } from '../properties/contractCheck.ts';
import { WALK_FULL_CHECK_EVERY } from './engines/walk.ts';

/** How densely C's state is probed. @public */
export type ProbeSpacing = 'every-request' | 'spaced';

/**
 * Checks `requests` on `c` against the contract of `era`. `spaced` probes the whole state as
 * walks check the port (every WALK_FULL_CHECK_EVERY requests, at least as many apart as there
 * are live VAs, and after the last): linear time, for long traces and minimization candidates.
 * @public
 */
export function checkCAgainstContract(requests: readonly Request[], run: TraceRunner, era: Era, spacing: ProbeSpacing): Promise<ContractCheck> {
  return checkAgainstContract(requests, run, {
    model: new ModelDriver(era),
    ...(spacing === 'spaced' ? { fullCheckEvery: WALK_FULL_CHECK_EVERY, amortizeFullChecks: true } : {}),
  });
}

/** A runner sending one trace to `c`. @public */
export function singleRunner(c: Backend): TraceRunner {
  return async (trace) => (await c.runTraces([trace]))[0]!;
}

/** A trace to check and how densely. @public */
export interface ContractTrace {
  readonly requests: readonly Request[];
  readonly spacing: ProbeSpacing;
}

/**
 * Checks many traces on `c` in one driver batch: every check plans its probed trace first,
 * then they all run in one `runTraces` call.
 * @public
 */
export async function checkAllOnC(traces: readonly ContractTrace[], c: Backend, era: Era): Promise<ContractCheck[]> {
  const texts: string[] = [];
  const waiting: ((lines: readonly string[]) => void)[] = [];
  const batched: TraceRunner = (trace) =>
    new Promise((resolve) => {
      texts.push(trace);
      waiting.push(resolve);
    });
  // checkAgainstContract calls its runner before its first await, so every trace is queued here.
  const checks = traces.map((t) => checkCAgainstContract(t.requests, batched, era, t.spacing));
  const outputs = await c.runTraces(texts);
  outputs.forEach((lines, i) => waiting[i]!(lines));
  return Promise.all(checks);
}
