/**
 * Systematic fault injection for C campaigns: the model cannot follow an injected allocation
 * failure, but the C code and the faithful port must agree under it. Each generated sequence is
 * turned into one trace (in `mode list`, the only mode that allocates) in which every allocating
 * request is preceded, in turn, by `fail_alloc 1`, `fail_alloc 2`, ... until it succeeds; after
 * each failed try the trace says `allocs` (a leak shows) and `dump` (a failed request must leave
 * no trace), so a C error path that frees too much, too little or the wrong thing diverges from
 * the port. Aimed steps are resolved against the port's VAs as the trace is built, so remaps
 * (whose error path is the longest) come often. properties/faultInjection.ts checks the same
 * injections on the port alone, against the contract.
 */
import fc from 'fast-check';
import { portCrashLine } from '../../src/driver/runTrace.ts';
import { TsDriver } from '../../src/driver/tsDriver.ts';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';
import { ALLOCATING } from '../../properties/faultInjection.ts';
import { portState } from '../../properties/harness.ts';
import { parseRequestResult } from '../../properties/opLines.ts';
import { plan, sequences } from '../../properties/sequences.ts';

/** No request of a short sequence needs more allocations; a request failing longer is cut off. */
const MAX_INJECTIONS_PER_REQUEST = 64;

/**
 * The fault-injection trace of a planned sequence (mode requests dropped: it runs in `mode list`).
 * The port decides when a request has stopped failing, so C must follow it request for request.
 * @public
 */
export function faultInjectionTrace(planned: ReturnType<typeof plan>): Request[] {
  const driver = new TsDriver();
  const trace: Request[] = [];
  let crashed = false;
  const run = (req: Request): string[] => {
    trace.push(req);
    const from = driver.lines.length;
    try {
      driver.execute(req);
    } catch (error) {
      driver.lines.push(portCrashLine(error));
      crashed = true;
    }
    return driver.lines.slice(from + 1);
  };
  run(request('mode', 'list'));
  for (const step of planned) {
    const req = typeof step === 'function' ? step(portState(driver).vas.filter((va) => !va.kernel)) : step;
    if (req.kind === 'mode' || req.kind === 'fail_alloc') continue;
    if (!ALLOCATING.has(req.kind) || !driver.vm) run(req);
    else {
      for (let n = 1n; n <= MAX_INJECTIONS_PER_REQUEST && !crashed; n++) {
        run(request('fail_alloc', n));
        if (parseRequestResult(run(req)).status !== -12) {
          run(request('fail_alloc', 0n));
          break;
        }
        run(request('allocs'));
        run(request('dump'));
      }
    }
    // The port crashed: the trace ends here, the comparison with C shows what follows.
    if (crashed) break;
  }
  return trace;
}

/**
 * `runs` fault-injection traces of sequences of up to `maxLength` steps drawn from `seed`.
 * @public
 */
export function cFaultTraces(seed: number, runs: number, maxLength: number): Request[][] {
  return fc.sample(sequences(maxLength), { seed, numRuns: runs }).map((sequence) => faultInjectionTrace(plan(sequence)));
}
