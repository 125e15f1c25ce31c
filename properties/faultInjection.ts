/**
 * The fault-injection property: a request whose library allocation fails emits nothing, changes
 * nothing and leaks nothing, at every allocation index, in `mode list` (the only mode that
 * allocates).
 */
import { portCrashLine } from '../src/driver/runTrace.ts';
import type { TsDriverOptions } from '../src/driver/tsDriver.ts';
import { TsDriver } from '../src/driver/tsDriver.ts';
import type { Request } from '../src/trace/request.ts';
import { request } from '../src/trace/request.ts';
import { portState } from './harness.ts';
import { bigintJson } from './invariants/requestInvariants.ts';
import { InvariantViolation } from './invariants/violation.ts';
import { parseRequestResult } from './opLines.ts';

/** Requests that build op lists or (from v6.8) obtain a vm_bo, and so allocate. @public */
export const ALLOCATING: ReadonlySet<Request['kind']> = new Set<Request['kind']>(['map', 'unmap', 'prefetch', 'gem_unmap', 'madvise', 'insert']);

/** Stops a request that keeps failing: no request of a small trace needs this many allocations. */
const MAX_ALLOCATIONS_PER_REQUEST = 10_000;

/** A fault-injection violation with the requests that reproduce it. @public */
export class FaultInjectionFailure extends Error {
  override name = 'FaultInjectionFailure';
  constructor(
    readonly violation: InvariantViolation,
    readonly requests: readonly Request[],
  ) {
    super(violation.message);
  }
}

/**
 * Runs `requests` in `mode list`; before each allocating request, fails its 1st, 2nd, ...
 * allocation in turn until the request succeeds, checking each failure.
 * @returns how many injected failures were checked
 * @throws FaultInjectionFailure with a replayable request list
 * @public
 */
export function runWithFaultInjection(requests: readonly Request[], options: TsDriverOptions = {}): number {
  const driver = new TsDriver(options);
  // The same requests without any injection: what a request must print and leave behind once no
  // injected failure hits it.
  const reference = new TsDriver(options);
  const replay: Request[] = [];
  let injected = 0;
  const run = (on: TsDriver, req: Request): string[] => {
    const from = on.lines.length;
    try {
      on.execute(req);
    } catch (error) {
      on.lines.push(portCrashLine(error));
    }
    return on.lines.slice(from + 1);
  };
  const execute = (req: Request): string[] => {
    replay.push(req);
    return run(driver, req);
  };
  const stateOf = (on: TsDriver): string => JSON.stringify(portState(on), bigintJson);
  const fail = (invariant: string, detail: string): never => {
    throw new FaultInjectionFailure(new InvariantViolation(invariant, detail), [...replay]);
  };
  for (const req of [request('mode', 'list'), ...requests]) {
    const expected = run(reference, req);
    if (!ALLOCATING.has(req.kind) || !driver.vm) {
      execute(req);
      continue;
    }
    for (let n = 1n; ; n++) {
      if (n > MAX_ALLOCATIONS_PER_REQUEST) fail('fault-injection', `request still failing after ${n - 1n} allocations`);
      const before = stateOf(driver);
      const vmBosBefore = driver.liveVmBos;
      execute(request('fail_alloc', n));
      const printed = execute(req);
      const result = parseRequestResult(printed);
      if (result.crashed) fail('no-crash', `crashed with allocation ${n} failing${result.crash ? `: ${result.crash}` : ''}`);
      if (result.status !== -12) {
        // The request ended before its n-th allocation: it must have done exactly what it does
        // without injection. The injection is still armed: disarm it, go on with the next request.
        if (printed.join('\n') !== expected.join('\n')) {
          fail('fault-injection', `with allocation ${n} armed the request printed ${printed.join(' | ')}; without injection ${expected.join(' | ')}`);
        }
        if (stateOf(driver) !== stateOf(reference)) fail('fault-injection', `with allocation ${n} armed the VA space ended up different`);
        execute(request('fail_alloc', 0n));
        break;
      }
      injected++;
      const after = stateOf(driver);
      if (result.ops.length > 0) fail('failed-request-has-no-effect', `allocation ${n} failed yet ${result.ops.length} op(s) were printed`);
      if (after !== before) fail('failed-request-has-no-effect', `allocation ${n} failed yet the VA space changed`);
      if (driver.liveAllocations !== 0) fail('no-leak', `allocation ${n} failed and ${driver.liveAllocations} allocation(s) leaked`);
      if (driver.liveVmBos !== vmBosBefore) fail('vm-bo-lifetime', `allocation ${n} failed and ${driver.liveVmBos} vm_bo(s) are live, ${vmBosBefore} before`);
    }
  }
  return injected;
}
