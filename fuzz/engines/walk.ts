/**
 * The walk engine: long seeded random request sequences (10^5..10^6 requests) that reach states
 * fast-check's short sequences never do, with thousands of live VAs, deep trees and long GEM
 * lists, all checked against the model by the same `runChecked` loop the properties use.
 *
 * A walk is a pure function of its seed and options: the same seed gives the same requests, so a
 * failing walk is reproduced by its seed alone, and its failing prefix is an ordinary trace.
 */
import type { Era } from '../../src/era/era.ts';
import { hasFeature } from '../../src/era/era.ts';
import seedrandom from 'seedrandom';
import { MAX_MODEL_WINDOW } from '../../model/modelDriver.ts';
import { CheckedRunFailure, runChecked } from '../../properties/harness.ts';
import type { CheckedRunOptions } from '../../properties/harness.ts';
import type { RequestResult } from '../../properties/opLines.ts';
import type { Request } from '../../src/trace/request.ts';
import { drawSpace, initOf } from './walk/space.ts';
import { drawStep, walkContext } from './walk/steps.ts';

/** Options of a walk. @public */
export interface WalkOptions {
  /** Number of requests, the leading `init` included. */
  readonly requests: number;
  /**
   * The unit of addresses and sizes; default 4 (bytes). The model's work is proportional to the
   * bytes a request covers, and which states a walk reaches does not depend on the unit (addresses
   * are still a byte off now and then), so it is small.
   */
  readonly granule?: bigint;
  /** Window size in granules; default 65 536, i.e. a 256 KiB window with the default granule. */
  readonly windowGranules?: number;
  /** Force a kernel reserved range (true) or none (false); by default the seed decides. */
  readonly reserve?: boolean;
  /** The era whose port the walk checks (default: the seed's); from v6.18 it draws `madvise` too. */
  readonly era?: Era;
}

/** Default granule: 4 addresses. @public */
export const WALK_GRANULE = 4n;

/** Default window: 65 536 granules (256 KiB of addresses with the default granule). @public */
export const WALK_WINDOW_GRANULES = 65_536;

/** Default `fullCheckEvery` of runWalk. @public */
export const WALK_FULL_CHECK_EVERY = 1000;

function validated(options: WalkOptions): { granule: bigint; granules: number } {
  const granule = options.granule ?? WALK_GRANULE;
  const granules = options.windowGranules ?? WALK_WINDOW_GRANULES;
  if (!Number.isSafeInteger(options.requests) || options.requests < 1) {
    throw new RangeError(`walk: requests must be a positive integer, got ${options.requests}`);
  }
  if (granule < 1n) throw new RangeError(`walk: granule must be at least 1, got ${granule}`);
  if (!Number.isSafeInteger(granules) || granules < 1) {
    throw new RangeError(`walk: windowGranules must be a positive integer, got ${granules}`);
  }
  // The window must end at least one granule below 2^64 (see walk/space.ts).
  if (granule * BigInt(granules + 1) > 1n << 64n) throw new RangeError('walk: window too large for the address space');
  return { granule, granules };
}

/**
 * The requests of walk `seed`: one `init` (window `windowGranules × granule` at 0, high up, or
 * ending one granule below 2^64; a reserved range inside, at an edge of or just outside the window,
 * or none), then `requests - 1` requests drawn from a fixed mix: mostly maps of 1..64 granules at
 * random granules, which in a dense space split and remap existing VAs; unmaps from one granule to
 * thousands; rare inserts, removes, lookups, prefetches, mode switches, `gem_unmap`, `gem` and
 * `dump`. No `fail_alloc`, no zero ranges, no window or reserve touching 2^64: every request is
 * one the model speaks for, so a whole walk is checkable.
 *
 * Lazy: it draws one request per step, so a consumer that streams (e.g. to a C backend) holds
 * none of them.
 * @param seed - any number; the same seed and options give the same sequence
 * @throws RangeError for options that do not describe a usable window
 * @public
 */
export function* walkRequests(seed: number, options: WalkOptions): Generator<Request> {
  const { granule, granules } = validated(options);
  const rng = seedrandom.alea(`gpuvm-walk/${seed}`); // alea: a fifth of ARC4's cost per draw
  const space = drawSpace(rng, granule, granules, options.reserve);
  yield initOf(space);
  const ctx = walkContext(rng, space, options.era ? hasFeature(options.era, 'madvise') : false);
  for (let i = 1; i < options.requests; i++) yield drawStep(ctx);
}

/** Options of a checked walk. @public */
export interface RunWalkOptions extends WalkOptions {
  /** Findings whose fix the port uses (`new Set(FINDINGS.map(f => f.id))`: the corrected port). */
  readonly fixes?: ReadonlySet<string>;
  /**
   * Passed to runChecked: whole-state comparisons every n requests, and at least as many
   * requests apart as there are live VAs (amortizeFullChecks); default 1000.
   */
  readonly fullCheckEvery?: number;
  /** Sees every request, what the port printed, and the live VAs after it. */
  readonly observe?: (request: Request, result: RequestResult, liveVas: number, fullCheck: boolean) => void;
}

/**
 * How runWalk checks its requests: the port with `fixes`, full checks every `fullCheckEvery`
 * requests and at least as many requests apart as there are live VAs. For running pregenerated
 * walk requests the same way (the bench does).
 * @public
 */
export function walkChecks(options: Pick<RunWalkOptions, 'fixes' | 'fullCheckEvery' | 'era'>): CheckedRunOptions {
  return {
    fixes: options.fixes ?? new Set<string>(),
    fullCheckEvery: options.fullCheckEvery ?? WALK_FULL_CHECK_EVERY,
    amortizeFullChecks: true,
    ...(options.era ? { era: options.era } : {}),
  };
}

/** What a checked walk reached. @public */
export interface WalkResult {
  /** Requests run and checked (all of the walk). */
  readonly requests: number;
  /** The most VAs live at once (kernel reserved node not counted). */
  readonly maxLiveVas: number;
  /** VAs live after the last request. */
  readonly finalLiveVas: number;
}

/**
 * Runs walk `seed` through `runChecked` on the port (with `options.fixes`) and the model.
 *
 * On the faithful port (no fixes) a walk stops within a few hundred requests, at the first
 * find_prev or find_next that meets GPUVM-002 or GPUVM-003: its lookups aim where VAs begin and
 * end. To reach deep states, select at least those two fixes (or all of them); no other
 * registered finding is reachable by a walk (see `test/fuzz/walk.spec.ts`).
 *
 * The walk is generated as it runs and nothing of it is kept (neither the requests nor what
 * either side printed): memory does not grow with its length. A failure's prefix, a trace, is
 * generated again from the seed.
 *
 * Cost: the model writes and reads every byte of each request's range and the full checks are
 * O(VAs); `npm run bench` measures the rate (README, "How strong is it").
 * @returns how far it got and how many VAs were live at most
 * @throws CheckedRunFailure (from runChecked, untouched) at the first broken invariant; its
 * `requests` is the failing prefix, a trace to minimise
 * @throws Error if the model stopped speaking for the walk, which would leave the rest unchecked
 * @public
 */
export function runWalk(seed: number, options: RunWalkOptions): WalkResult {
  const { granule, granules } = validated(options);
  if (granule * BigInt(granules) > MAX_MODEL_WINDOW) {
    throw new RangeError(`walk: a window of more than ${MAX_MODEL_WINDOW} addresses is beyond the model`);
  }
  let max = 0;
  let final = 0;
  let checked = 0;
  let ran: Request[];
  try {
    ran = runChecked(walkRequests(seed, options), {
      ...walkChecks(options),
      keepRequests: false,
      observe: (request, result, live, fullCheck) => {
        checked++;
        final = live;
        if (live > max) max = live;
        options.observe?.(request, result, live, fullCheck);
      },
    });
  } catch (error) {
    if (!(error instanceof CheckedRunFailure)) throw error;
    throw new CheckedRunFailure(error.violation, error.index, [...walkRequests(seed, { ...options, requests: error.index + 1 })]);
  }
  if (checked !== options.requests) {
    throw new Error(`walk ${seed}: the model does not speak for request ${checked + 1} (${ran.at(-1)?.kind}); nothing after it was checked`);
  }
  return { requests: checked, maxLiveVas: max, finalLiveVas: final };
}
