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

/** How far apart the first, quick pass of {@link checkCutOnC} probes the whole state. */
export const CUT_PROBE_EVERY = 32;

/**
 * Checks a trace cut at a difference from the faithful port (at most WALK_CONTRACT_PREFIX long)
 * as densely as probing every request would, in about linear time: probes every
 * CUT_PROBE_EVERY requests first; where that finds a violation, the first one is at most that
 * many requests earlier, so the trace up to it is checked again probing every request of that
 * window.
 * @public
 */
export async function checkCutOnC(cut: readonly Request[], run: TraceRunner, era: Era): Promise<ContractCheck> {
  if (cut.length <= CUT_PROBE_EVERY) return checkCAgainstContract(cut, run, era, 'every-request');
  const quick = await checkAgainstContract(cut, run, { model: new ModelDriver(era), fullCheckEvery: CUT_PROBE_EVERY });
  if (!quick.failure) return quick;
  const upTo = quick.failure.requests;
  const close = await checkAgainstContract(upTo, run, { model: new ModelDriver(era), fullCheckEvery: CUT_PROBE_EVERY, fullCheckFrom: Math.max(0, upTo.length - 1 - CUT_PROBE_EVERY) });
  return { checked: quick.checked, failure: close.failure ?? quick.failure };
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
