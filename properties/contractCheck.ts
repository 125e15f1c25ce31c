/**
 * Checks any backend's transcript against the documented contract: the model and every request
 * invariant, as `runChecked` checks the port, but from the outside. A backend such as the C code
 * shows its state only through requests, so the trace it runs carries read-only probes (`dump`,
 * `gem <obj>` for each object named so far, `allocs`) where a full check is due, and the
 * invariants read the state back from the probes' output.
 *
 * So a user's C source is judged by what it breaks ("coverage at byte 0x1000"), not by how it
 * differs from the faithful port: an intentional fix passes, a broken change names its invariant.
 */
import { ModelDriver, ModelNotApplicable, requestResultOf } from '../model/modelDriver.ts';
import type { ModelResult } from '../model/modelDriver.ts';
import { sameResult } from '../src/driver/result.ts';
import { parseU64 } from '../src/trace/parse.ts';
import type { Request } from '../src/trace/request.ts';
import { formatRequest, request } from '../src/trace/request.ts';
import { CheckedRunFailure, handleOf, modelState } from './harness.ts';
import { checkStep } from './invariants/requestInvariants.ts';
import type { SpaceState, StateVa } from './invariants/step.ts';
import { InvariantViolation } from './invariants/violation.ts';
import { parseRequestResult } from './opLines.ts';
import type { RequestResult } from './opLines.ts';

/** Runs one trace text on a backend and returns its transcript lines. @public */
export type TraceRunner = (trace: string) => Promise<readonly string[]>;

/** Options of a contract check. @public */
export interface ContractCheckOptions {
  /**
   * Probe the whole state only after every n-th request and after the last one (1, the default,
   * probes after every request); ops, statuses and lookups are checked after every request.
   */
  readonly fullCheckEvery?: number;
  /** Space full checks at least as many requests apart as there are live VAs (long walks). */
  readonly amortizeFullChecks?: boolean;
  /** From this request index on, probe after every request whatever the spacing (a window to look at closely). */
  readonly fullCheckFrom?: number;
  /** The model to check against; a fresh seed-era model by default. */
  readonly model?: ModelDriver;
}

/** What a contract check found. @public */
export interface ContractCheck {
  /** How many leading requests the model spoke for and were checked. */
  readonly checked: number;
  /** The first violation, or null. */
  readonly failure: CheckedRunFailure | null;
}

/** What the model expects of one request, and which probes surround it. */
interface PlannedStep {
  readonly request: Request;
  readonly expected: ModelResult;
  /** Probe the state before the request (a full check of a request expected to fail). */
  readonly probeBefore: readonly number[] | null;
  /** Probe the state after it: the object handles to list, or null for no probe. */
  readonly probeAfter: readonly number[] | null;
  /** The model's state after it, where probed. */
  readonly modelAfter: SpaceState | null;
  /** The vm_bos the model expects live after it, where probed (0 before v6.8). */
  readonly expectedVmBos: number;
}

const EMPTY_STATE: SpaceState = { vas: [], gem: new Map() };

/**
 * Runs `requests` on a backend (through `run`) and checks each of its results against the model
 * and the request invariants. Checking stops where the model stops speaking (fault injection, an
 * overflowing window, ...): `checked` says how far it got.
 * @public
 */
export async function checkAgainstContract(
  requests: readonly Request[],
  run: TraceRunner,
  options: ContractCheckOptions = {},
): Promise<ContractCheck> {
  const plan = planSteps(requests, options);
  const lines = await run(probedTrace(plan));
  return { checked: plan.length, failure: judge(plan, lines) };
}

function planSteps(requests: readonly Request[], options: ContractCheckOptions): PlannedStep[] {
  const model = options.model ?? new ModelDriver();
  const every = options.fullCheckEvery ?? 1;
  const handles = new Set<number>();
  const steps: PlannedStep[] = [];
  let active = false;
  let sinceFull = 0;
  for (const [index, req] of requests.entries()) {
    let expected: ModelResult;
    try {
      expected = model.run(req);
    } catch (error) {
      if (error instanceof ModelNotApplicable) break;
      throw error;
    }
    const spacing = options.amortizeFullChecks ? Math.max(every, model.vaCount()) : every;
    const full = ++sinceFull >= spacing || index === requests.length - 1 || index >= (options.fullCheckFrom ?? Infinity);
    if (full) sinceFull = 0;
    const wasActive = active;
    if (req.kind === 'init') active = true;
    else if (req.kind === 'fini') active = false;
    const handle = handleOf(req);
    const listedBefore = [...handles];
    if (handle !== 0) handles.add(handle);
    const failing = expected.status !== null && expected.status !== 0;
    // Probes are requests of the trace: only valid while a VA space is active.
    const probeBefore = full && failing && wasActive ? listedBefore : null;
    const probeAfter = full && active ? [...handles] : null;
    steps.push({
      request: req,
      expected,
      probeBefore,
      probeAfter,
      modelAfter: full ? modelState(model, handles) : null,
      expectedVmBos: probeAfter ? model.liveVmBos() : 0,
    });
  }
  return steps;
}

function probeLines(handles: readonly number[]): string[] {
  return [formatRequest(request('dump')), ...handles.map((h) => formatRequest(request('gem', h))), formatRequest(request('allocs'))];
}

function probedTrace(plan: readonly PlannedStep[]): string {
  let text = '';
  for (const step of plan) {
    if (step.probeBefore) for (const line of probeLines(step.probeBefore)) text += `${line}\n`;
    text += `${formatRequest(step.request)}\n`;
    if (step.probeAfter) for (const line of probeLines(step.probeAfter)) text += `${line}\n`;
  }
  return text;
}

/** Splits a transcript into the output of each request it echoes (echo line dropped). */
function* chunks(lines: readonly string[]): Generator<readonly string[]> {
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith('> ')) {
      if (current) yield current;
      current = [];
    } else current?.push(line);
  }
  if (current) yield current;
}

/** What the probes around one request showed. */
interface ProbedState {
  readonly state: SpaceState;
  readonly liveAllocations: number;
  /** `vm_bo=` of the `allocs` probe; 0 where it does not print one (before v6.8). */
  readonly liveVmBos: number;
}

/** The state read from one probe group's outputs, or a crash detail if the backend died in it. */
function readProbe(handles: readonly number[], next: () => readonly string[] | undefined): ProbedState | { crash: string } {
  const dump = next();
  const gem = new Map<number, StateVa[]>();
  const listed: StateVa[][] = [];
  for (let i = 0; i < handles.length; i++) {
    const out = next();
    if (out === undefined || crashed(out)) return { crash: crashDetail(out) };
    listed.push(parseVaList(out));
  }
  const allocs = next();
  if (dump === undefined || crashed(dump)) return { crash: crashDetail(dump) };
  if (allocs === undefined || crashed(allocs)) return { crash: crashDetail(allocs) };
  handles.forEach((h, i) => {
    if (listed[i]!.length > 0) gem.set(h, listed[i]!);
  });
  return { state: { vas: parseVaList(dump), gem }, liveAllocations: parseCount(allocs, 'live'), liveVmBos: parseCount(allocs, 'vm_bo', 0) };
}

const crashed = (out: readonly string[]): boolean => out.some((l) => l === 'CRASH' || l.startsWith('CRASH '));
function crashDetail(out: readonly string[] | undefined): string {
  const line = out?.find((l) => l.startsWith('CRASH'));
  return line === undefined ? 'the transcript ended early' : line.slice('CRASH '.length) || 'CRASH';
}

const VA_LINE = /^VA (\S+) (\S+) (\d+) (\S+)( kernel)?$/;

function parseVaList(out: readonly string[]): StateVa[] {
  const vas: StateVa[] = [];
  for (const line of out) {
    const m = VA_LINE.exec(line);
    if (m) vas.push({ addr: parseU64(m[1]!), range: parseU64(m[2]!), handle: Number(m[3]), offset: parseU64(m[4]!), kernel: m[5] !== undefined });
  }
  return vas;
}

/** A count of the `ALLOCS` line (`live=`, `vm_bo=`); `absent` when it is not there. */
function parseCount(out: readonly string[], name: 'live' | 'vm_bo', absent = Number.NaN): number {
  const line = out.find((l) => l.startsWith('ALLOCS '));
  const m = line === undefined ? null : new RegExp(`\\b${name}=(\\d+)`).exec(line);
  return m ? Number(m[1]) : absent;
}

/** Checks each planned step against the backend's output; the first violation, or null. */
function judge(plan: readonly PlannedStep[], lines: readonly string[]): CheckedRunFailure | null {
  const outputs = chunks(lines);
  const next = (): readonly string[] | undefined => {
    const r = outputs.next();
    return r.done ? undefined : r.value;
  };
  const fail = (violation: InvariantViolation, index: number): CheckedRunFailure =>
    new CheckedRunFailure(violation, index, plan.slice(0, index + 1).map((s) => s.request));
  for (const [index, step] of plan.entries()) {
    let before: SpaceState | null = null;
    if (step.probeBefore) {
      const probed = readProbe(step.probeBefore, next);
      // A crash while only reading the state means an earlier request left it broken.
      if ('crash' in probed) return fail(new InvariantViolation('no-crash', `the backend crashed reading the state: ${probed.crash}`), Math.max(0, index - 1));
      before = probed.state;
    }
    const out = next();
    const actual: RequestResult = out === undefined ? { ops: [], status: null, results: [], crashed: true, crash: 'the transcript ended early' } : parseRequestResult(out);
    let after = EMPTY_STATE;
    let liveAllocations = 0;
    let liveVmBos = 0;
    if (step.probeAfter && !actual.crashed) {
      const probed = readProbe(step.probeAfter, next);
      if ('crash' in probed) return fail(new InvariantViolation('no-crash', `the backend crashed reading the state after the request: ${probed.crash}`), index);
      after = probed.state;
      liveAllocations = probed.liveAllocations;
      liveVmBos = probed.liveVmBos;
    }
    const expected = sameResult(actual, step.expected) ? actual : requestResultOf(step.expected);
    try {
      checkStep({
        request: step.request,
        actual,
        expected,
        before,
        after,
        modelAfter: step.modelAfter ?? EMPTY_STATE,
        liveAllocations,
        liveVmBos,
        expectedVmBos: step.expectedVmBos,
      });
    } catch (error) {
      if (error instanceof InvariantViolation) return fail(error, index);
      throw error;
    }
    if (actual.crashed) return null;
  }
  return null;
}
