/**
 * Checked runs, as a campaign does them: the corrected port and the naive model side by side
 * with every invariant (properties/harness.ts runChecked), on long walks (checked as runWalk
 * checks them, `walkChecks`) and on the property engine's short sequences (`propertySequences`,
 * everything checked after every request).
 *
 * Where the time goes is measured two ways: by variants (the walk requests through the port
 * alone and through the model alone, each as the checked loop runs it: results kept as
 * structure, no transcript) and by timing each coarse phase
 * of runChecked through its `lap` hook ({@link profileChecked}); the hooked run's total is
 * reported next to an unhooked run's on the same requests, so the hook's own cost shows.
 */
import fc from 'fast-check';
import { ModelDriver } from '../../model/modelDriver.ts';
import type { CheckedRunOptions, CheckPhase, PlannedRequest } from '../../properties/harness.ts';
import { CHECK_PHASES, runChecked } from '../../properties/harness.ts';
import { DriverOutput } from '../../src/driver/output.ts';
import { TsDriver } from '../../src/driver/tsDriver.ts';
import { performance } from 'node:perf_hooks';
import { ALL_FIXES } from '../../fuzz/known.ts';
import { propertySequences } from '../../fuzz/engines/property.ts';
import { walkChecks, walkRequests, WALK_FULL_CHECK_EVERY } from '../../fuzz/engines/walk.ts';
import type { Request } from '../../src/trace/request.ts';
import { plan, sequences } from '../../properties/sequences.ts';
import type { CheckedThroughput, PhaseShare } from './report.ts';
import { perSecond, phaseShares } from './report.ts';
import { peakRssMb, timedSync } from './clock.ts';

/** Sizes of the checked section. @public */
export interface CheckedBenchOptions {
  readonly walks: number;
  readonly walkRequests: number;
  readonly sequences: number;
  /** Longest property sequence (the campaign's SEQUENCE_LENGTH is 30). */
  readonly sequenceLength: number;
  readonly seed: number;
}

/** A walk through the corrected port alone, its results kept as the checked loop keeps them. */
function portAlone(requests: readonly Request[]): void {
  const port = new TsDriver({ fixes: ALL_FIXES }, new DriverOutput(false));
  for (const request of requests) port.execute(request);
}

/** A walk through the model alone, without writing its transcript (as the checked loop runs it). */
function modelAlone(requests: readonly Request[]): void {
  const model = new ModelDriver();
  for (const request of requests) model.run(request);
}

/** Phase names of {@link profileChecked}. @public */
export const PHASES = CHECK_PHASES;

/**
 * runChecked itself with a stopwatch on each of its phases (its `lap` hook): `model.run`,
 * `port.execute`, comparing their results, the invariant checks (`checkValid` and `checkStep`)
 * and the state snapshots.
 * @returns milliseconds per phase and the requests run
 */
export function profileChecked(runs: readonly (readonly PlannedRequest[])[], checks: CheckedRunOptions): { ms: number[]; requests: number; totalMs: number } {
  const ms = PHASES.map(() => 0);
  let requests = 0;
  let t = performance.now();
  const start = t;
  const lap = (phase: CheckPhase): void => {
    const now = performance.now();
    ms[PHASES.indexOf(phase)]! += now - t;
    t = now;
  };
  for (const planned of runs) {
    t = performance.now();
    requests += runChecked(planned, { ...checks, lap }).length;
  }
  return { ms, requests, totalMs: performance.now() - start };
}

function profile(runs: readonly (readonly PlannedRequest[])[], checks: CheckedRunOptions): { requests: number; totalMs: number; harnessMs: number; phases: PhaseShare[] } {
  const harnessMs = timedSync(() => {
    for (const planned of runs) runChecked(planned, checks);
  }).ms;
  const p = profileChecked(runs, checks);
  return { requests: p.requests, totalMs: p.totalMs, harnessMs, phases: phaseShares(PHASES.map((name, i) => ({ name, ms: p.ms[i]! })), p.totalMs) };
}

/** The checked walks of the bench, as a campaign runs them. @public */
export interface CheckedWalks {
  /** The walks' requests. */
  readonly requests: readonly (readonly Request[])[];
  /** Runs every walk once, checked; returns the requests run. */
  readonly run: () => number;
  /** The most VAs live at once in any walk. */
  readonly maxLiveVas: number;
}

/**
 * The bench's checked walks, generated up front as the C side gets its traces as text, so that
 * the ratio of the two compares checking with running, not with drawing random requests; past
 * one untimed pass, because a campaign's workers run for minutes and the JIT takes some 30 000
 * requests to settle. @public
 */
export function checkedWalks(options: CheckedBenchOptions): CheckedWalks {
  const requests = Array.from({ length: options.walks }, (_, i) => [...walkRequests(options.seed + i, { requests: options.walkRequests })]);
  const checks = walkChecks({ fixes: ALL_FIXES });
  let maxLiveVas = 0;
  for (const walk of requests) runChecked(walk, { ...checks, observe: (_request, _result, live) => void (maxLiveVas = Math.max(maxLiveVas, live)) });
  return { requests, run: () => requests.reduce((n, walk) => n + runChecked(walk, checks).length, 0), maxLiveVas };
}

/**
 * The checked section: the walks' timed rounds (`walkMs`, the fastest counts), then property
 * sequences, the port and the model alone, and the phase profiles. @public
 */
export function measureChecked(options: CheckedBenchOptions, walks: CheckedWalks, walkMs: readonly number[]): CheckedThroughput {
  const walk = { ms: Math.min(...walkMs), value: options.walks * options.walkRequests };
  for (const _ of propertySequences(options.seed - 1, 200, options.sequenceLength, { fixes: ALL_FIXES }));

  const property = timedSync(() => {
    let n = 0;
    let count = 0;
    for (const s of propertySequences(options.seed, options.sequences, options.sequenceLength, { fixes: ALL_FIXES })) {
      if (s.failure) throw new Error(`bench: property sequence ${count} failed: ${s.failure.message}`);
      n += s.requests.length;
      count++;
    }
    return n;
  });

  const walkReqs = walks.requests;
  const port = timedSync(() => walkReqs.forEach(portAlone)).ms;
  const model = timedSync(() => walkReqs.forEach(modelAlone)).ms;

  const plans = fc.sample(sequences(options.sequenceLength), { seed: options.seed, numRuns: options.sequences }).map(plan);
  const profiles = {
    walk: profile(walkReqs, walkChecks({ fixes: ALL_FIXES })),
    property: profile(plans, { fixes: ALL_FIXES, fullCheckEvery: 1 }),
  };

  return {
    walk: {
      walks: options.walks,
      requests: walk.value,
      fullCheckEvery: WALK_FULL_CHECK_EVERY,
      rounds: walkMs.length,
      seconds: walk.ms / 1000,
      roundSeconds: walkMs.map((ms) => ms / 1000),
      requestsPerSec: perSecond(walk.value, walk.ms),
      maxLiveVas: walks.maxLiveVas,
    },
    property: {
      sequences: options.sequences,
      requests: property.value,
      seconds: property.ms / 1000,
      requestsPerSec: perSecond(property.value, property.ms),
    },
    variants: {
      portAloneRequestsPerSec: perSecond(walk.value, port),
      modelAloneRequestsPerSec: perSecond(walk.value, model),
    },
    profiles,
    peakRssMb: peakRssMb(),
  };
}
