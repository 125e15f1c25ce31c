/**
 * Runs a request sequence on the port and on the model side by side and checks every request
 * against the invariants. The same loop serves the fast-check properties and the fuzzer.
 */
import { drmGpuvmForEachVa } from '../src/gpuvm/iter.ts';
import type { DrmGpuva } from '../src/gpuvm/types.ts';
import type { TsDriverOptions } from '../src/driver/tsDriver.ts';
import { TsDriver } from '../src/driver/tsDriver.ts';
import { portCrashDetail } from '../src/driver/runTrace.ts';
import { DriverOutput } from '../src/driver/output.ts';
import { sameResult } from '../src/driver/result.ts';
import type { Request } from '../src/trace/request.ts';
import { ModelDriver, ModelNotApplicable, requestResultOf } from '../model/modelDriver.ts';
import type { ModelResult } from '../model/modelDriver.ts';
import type { RequestResult } from './opLines.ts';
import { checkStep } from './invariants/requestInvariants.ts';
import type { SpaceState, StateVa } from './invariants/step.ts';
import { InvariantViolation } from './invariants/violation.ts';

function portVa(va: DrmGpuva, kernel: DrmGpuva | undefined): StateVa {
  return { addr: va.va.addr, range: va.va.range, handle: va.gem.obj?.handle ?? 0, offset: va.gem.offset, kernel: va === kernel };
}

/** The port's VA space and GEM lists, as the invariants compare them. */
export function portState(driver: TsDriver): SpaceState {
  const gpuvm = driver.vm;
  const kernel = gpuvm?.kernelAllocNode;
  const vas: StateVa[] = [];
  if (gpuvm) for (const va of drmGpuvmForEachVa(gpuvm)) vas.push(portVa(va, kernel));
  const gem = new Map<number, StateVa[]>();
  for (const obj of driver.gemObjects()) {
    const listed: StateVa[] = [];
    for (const va of driver.gemVas(obj)) listed.push(portVa(va, kernel));
    if (listed.length > 0) gem.set(obj.handle, listed);
  }
  return { vas, gem };
}

/** The model's VA space and GEM lists, in the same shape (a ModelVa is a StateVa). */
export function modelState(model: ModelDriver, handles: Iterable<number>): SpaceState {
  const gem = new Map<number, StateVa[]>();
  for (const handle of handles) {
    const listed = model.gem(handle);
    if (listed.length > 0) gem.set(handle, listed);
  }
  return { vas: model.vas(), gem };
}

/** VAs in the port's tree, the kernel reserved node not counted. O(1). */
function liveVas(port: TsDriver): number {
  const gpuvm = port.vm;
  if (!gpuvm) return 0;
  return gpuvm.rb.tree.size - (gpuvm.kernelAllocNode.vm === gpuvm ? 1 : 0);
}

/** The GEM handle a request names (0 for none): the GEM lists to compare are those named so far. @public */
export function handleOf(req: Request): number {
  if (req.kind === 'map' || req.kind === 'insert') return req.args[2];
  if (req.kind === 'gem' || req.kind === 'gem_unmap') return req.args[0];
  return 0;
}

/** A request, or one to be chosen from the model's current VAs when its turn comes. @public */
export type PlannedRequest = Request | ((vas: readonly StateVa[]) => Request);

/** Options of a checked run. @public */
export interface CheckedRunOptions extends TsDriverOptions {
  /** Sees every request and what the port printed for it, e.g. to count what was exercised. */
  readonly observe?: (request: Request, result: RequestResult, liveVas: number, fullCheck: boolean) => void;
  /**
   * Compare whole states (`checkValid`, coverage, offsets, GEM lists: O(VAs) each) only after
   * every n-th request and after the last one; ops, statuses, lookups and leaks are still checked
   * after every request. 1 (the default) checks everything always; long walks use more.
   */
  readonly fullCheckEvery?: number;
  /**
   * Space full checks at least as many requests apart as there are live VAs, too: a full check
   * costs O(VAs), so its share of a run then stays at about one VA visit per request however big
   * the space grows (at 10^5 VAs, a check every 1000 requests would cost several times the
   * requests themselves). For long walks; short sequences check everything always.
   */
  readonly amortizeFullChecks?: boolean;
  /**
   * Keep the requests as run (the return value and a failure's `requests`); default true. A
   * walk that can regenerate them from its seed passes false, so that its memory does not grow
   * with its length: then only the last request is kept.
   */
  readonly keepRequests?: boolean;
  /** Called as each phase of a request's check ends, so a profiler can time the phases. */
  readonly lap?: (phase: CheckPhase) => void;
}

/** The coarse phases of checking one request (the loop enters some of them more than once). @public */
export const CHECK_PHASES = ['model execute', 'port execute', 'compare results', 'invariant checks', 'state snapshots'] as const;

/** One of CHECK_PHASES. @public */
export type CheckPhase = (typeof CHECK_PHASES)[number];

const NO_STATE: SpaceState = { vas: [], gem: new Map() };

/** A violation with the request it happened at: what a property reports and shrinks. @public */
export class CheckedRunFailure extends Error {
  override name = 'CheckedRunFailure';
  constructor(
    readonly violation: InvariantViolation,
    readonly index: number,
    readonly requests: readonly Request[],
  ) {
    super(`${violation.message} (at request ${index + 1})`);
  }
}

/**
 * Runs the planned requests on the port (with `options.fixes`, in `options.era`, the seed's by
 * default) and the model (in the same era), checking
 * `checkValid` and every request invariant after each request.
 * @param planned - read one at a time, so a long walk can be generated as it runs
 * @returns the requests as run (planned ones resolved); only the last with `keepRequests: false`
 * @throws CheckedRunFailure at the first violation
 * @public
 */
export function runChecked(planned: Iterable<PlannedRequest>, options: CheckedRunOptions = {}): Request[] {
  const portOutput = new DriverOutput(false);
  const port = new TsDriver(options, portOutput);
  const model = new ModelDriver(options.era);
  const requests: Request[] = [];
  const handles = new Set<number>();
  const every = options.fullCheckEvery ?? 1;
  let sinceFull = 0;
  const plans = planned[Symbol.iterator]();
  // One plan ahead, to know the last request (it always gets a full check).
  for (let index = 0, current = plans.next(); !current.done; index++) {
    const plan = current.value;
    current = plans.next();
    const spacing = options.amortizeFullChecks ? Math.max(every, liveVas(port)) : every;
    const full = ++sinceFull >= spacing || current.done === true;
    if (full) sinceFull = 0;
    const request = typeof plan === 'function' ? plan(modelState(model, []).vas.filter((va) => !va.kernel)) : plan;
    if (options.keepRequests === false) requests.length = 0;
    requests.push(request);
    const handle = handleOf(request);
    if (handle !== 0) handles.add(handle);
    const lap = options.lap;
    let modelResult: ModelResult;
    try {
      modelResult = model.run(request);
    } catch (error) {
      // Past what the documented contract says nothing more can be compared.
      if (error instanceof ModelNotApplicable) break;
      throw error;
    }
    lap?.('model execute');
    // Only a request expected to fail needs the state before it: if the port fails one expected
    // to succeed, `validity` breaks before `failed-request-has-no-effect` is reached.
    const before = full && modelResult.status !== null && modelResult.status !== 0 ? portState(port) : null;
    lap?.('state snapshots');
    let crash: string | null = null;
    try {
      port.execute(request);
    } catch (error) {
      crash = portCrashDetail(error);
    }
    const printed = portOutput.latest(crash);
    lap?.('port execute');
    // One result for both when they agree, so checkStep can skip the comparing invariants; the
    // model's own is spelled out with the printed fields only when they differ.
    const agree = sameResult(printed, modelResult);
    const actual = printed;
    const expected = agree ? printed : requestResultOf(modelResult);
    lap?.('compare results');
    options.observe?.(request, actual, liveVas(port), full);
    if (!actual.crashed && full) {
      try {
        port.checkValid();
      } catch (error) {
        throw new CheckedRunFailure(new InvariantViolation('check-valid', (error as Error).message), index, requests);
      }
    }
    lap?.('invariant checks');
    const after = full && !actual.crashed ? portState(port) : NO_STATE;
    const modelAfter = full ? modelState(model, handles) : NO_STATE;
    lap?.('state snapshots');
    try {
      checkStep({
        request,
        actual,
        expected,
        before,
        after,
        modelAfter,
        liveAllocations: port.liveAllocations,
        liveVmBos: port.liveVmBos,
        expectedVmBos: model.liveVmBos(),
      });
      lap?.('invariant checks');
    } catch (error) {
      if (error instanceof InvariantViolation) throw new CheckedRunFailure(error, index, requests);
      throw error;
    }
  }
  return requests;
}
