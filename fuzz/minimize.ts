/**
 * Delta debugging over traces: shrinks a failing request list to a short one that still fails,
 * whatever "fails" means (an invariant broken on the TypeScript port, a ts≠c divergence, a C
 * crash, ...). The predicate is the only thing that knows; the minimizer only keeps candidates
 * well-formed, counts and caches.
 *
 * Algorithm: for long traces, a binary search for the shortest failing prefix first (a walk's
 * failure is usually caused near where it shows, so this halves a 10^5-request trace in about 17
 * tests of linear cost); then Zeller and Hildebrandt's ddmin ("Simplifying and Isolating
 * Failure-Inducing Input", 2002) with complement removal only, then single-request removal to a
 * fixpoint, then (for short results) value simplification and removals that need a shifted
 * `fail_alloc` count, then single-request removal once more.
 *
 * Bounded twice: by a number of predicate calls and by a `stop` condition (a wall-clock budget, a
 * campaign's end, Ctrl-C) that is asked before every call; either ends it with the best trace so
 * far, marked incomplete.
 */
import { createHash } from 'node:crypto';
import type { ArgKind, Request } from '../src/trace/request.ts';
import { SIGNATURES, formatTrace } from '../src/trace/request.ts';

/** Options of a minimization. @public */
export interface MinimizeOptions {
  /** The most predicate calls (cache hits and skipped ill-formed candidates do not count); default 2000. */
  readonly maxTests?: number;
  /**
   * Also try "rounder" argument values once the request count is minimal; default true. Only
   * done for results of at most VALUE_PASS_MAX_REQUESTS requests, where it is cheap.
   */
  readonly simplifyValues?: boolean;
  /** Asked before every predicate call; true ends the minimization with the best trace so far. */
  readonly stop?: () => boolean;
  /** Told the predicate calls made and the length of the best trace so far, after each call. */
  readonly onProgress?: (tests: number, requests: number) => void;
}

/** What a minimization did. @public */
export interface MinimizeResult {
  /** The smallest failing trace found. */
  readonly requests: Request[];
  /** Predicate calls made, the one on the input included. */
  readonly tests: number;
  /** False when `maxTests` cut it short: then `requests` fails but need not be 1-minimal. */
  readonly complete: boolean;
}

/**
 * The failure to minimize did not happen on the input itself: replayed alone, the trace passes.
 * A backend whose result depends on what ran before in the same process (a heap address compared
 * as a number, say) fails in a batch and passes alone.
 * @public
 */
export class NotReproducedError extends Error {
  override name = 'NotReproducedError';
}

/** Default bound on predicate calls. @public */
export const DEFAULT_MAX_TESTS = 2000;

/** Value simplification is skipped for longer results: it costs several tests per argument. @public */
export const VALUE_PASS_MAX_REQUESTS = 16;

/** The predicate: true when the candidate still shows the failure. @public */
export type StillFails = (candidate: Request[]) => Promise<boolean> | boolean;

/** Thrown inside the minimizer when the test budget is spent; never escapes it. */
class OutOfTests extends Error {}

/** Traces longer than this get the prefix search before ddmin. @public */
export const BISECT_MIN_REQUESTS = 64;

/** How long the minimizer computes before it lets timers and signals of its thread run. */
const YIELD_EVERY_MS = 100;

/**
 * True when `requests` obeys the trace format's order rule: nothing but `mode` before the first
 * `init`, or after a `fini` until the next `init`. Backends refuse anything else as a parse error,
 * which would tell the predicate nothing about the failure.
 * @public
 */
export function isWellFormed(requests: readonly Request[]): boolean {
  let active = false;
  for (const req of requests) {
    if (req.kind === 'init') active = true;
    else if (req.kind !== 'mode' && !active) return false;
    if (req.kind === 'fini') active = false;
  }
  return true;
}

/** Asks the predicate at most `maxTests` times, once per distinct canonical text. */
class Tester {
  tests = 0;
  /** Length of the shortest failing candidate so far (progress only). */
  best = Infinity;
  private readonly verdicts = new Map<string, boolean>();
  private lastYield = Date.now();

  constructor(
    private readonly stillFails: StillFails,
    private readonly maxTests: number,
    private readonly options: MinimizeOptions,
  ) {}

  async fails(candidate: readonly Request[]): Promise<boolean> {
    if (!isWellFormed(candidate)) return false;
    // Keyed by a digest of the canonical text: walk prefixes run to megabytes of text each.
    const key = createHash('sha256').update(formatTrace(candidate)).digest('base64');
    const known = this.verdicts.get(key);
    if (known !== undefined) return known;
    if (this.tests >= this.maxTests || this.options.stop?.()) throw new OutOfTests();
    if (Date.now() - this.lastYield > YIELD_EVERY_MS) {
      // Synchronous predicates would otherwise starve the status line and Ctrl-C.
      await new Promise((resolve) => setImmediate(resolve));
      this.lastYield = Date.now();
      if (this.options.stop?.()) throw new OutOfTests();
    }
    this.tests++;
    const verdict = await this.stillFails([...candidate]);
    this.verdicts.set(key, verdict);
    if (verdict) this.best = Math.min(this.best, candidate.length);
    this.options.onProgress?.(this.tests, this.best);
    return verdict;
  }
}

/** `items` cut into `n` nearly equal consecutive chunks. */
function chunks<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < n; i++) out.push(items.slice(Math.floor((i * items.length) / n), Math.floor(((i + 1) * items.length) / n)));
  return out.filter((c) => c.length > 0);
}

/**
 * The request list being reduced: the pinned first `init` plus the removable requests that are
 * still in. Requests are kept by reference, so value simplification replaces them in `all`.
 */
class Candidate {
  constructor(
    readonly all: Request[],
    readonly pinned: number,
    public kept: number[],
  ) {}

  /** Indices into `all` of the requests in, ascending. */
  indices(kept: readonly number[] = this.kept): number[] {
    return this.pinned >= 0 ? [...kept, this.pinned].sort((a, b) => a - b) : [...kept];
  }

  build(kept: readonly number[] = this.kept): Request[] {
    return this.indices(kept).map((i) => this.all[i]!);
  }
}

/**
 * The shortest failing prefix by binary search over its length, assuming that failing is
 * monotone in the prefix (true for "fails at or before request k"); only verified prefixes are
 * kept, so a non-monotone predicate costs minimality, never correctness.
 */
async function bisectPrefix(tester: Tester, c: Candidate): Promise<void> {
  let lo = 0; // kept.slice(0, lo) is not known to fail
  let hi = c.kept.length; // kept.slice(0, hi) fails
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await tester.fails(c.build(c.kept.slice(0, mid)))) hi = mid;
    else lo = mid;
  }
  c.kept = c.kept.slice(0, hi);
}

/** ddmin, complement removal with increasing granularity. */
async function ddmin(tester: Tester, c: Candidate): Promise<void> {
  let n = 2;
  while (c.kept.length >= 2) {
    let reduced = false;
    for (const chunk of chunks(c.kept, n)) {
      const drop = new Set(chunk);
      const complement = c.kept.filter((i) => !drop.has(i));
      if (await tester.fails(c.build(complement))) {
        c.kept = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= c.kept.length) return;
      n = Math.min(n * 2, c.kept.length);
    }
  }
}

/**
 * Removes single requests until none can go. Latest first: later requests depend on earlier
 * ones, rarely the other way round, so this order frees more per pass.
 */
async function oneAtATime(tester: Tester, c: Candidate): Promise<void> {
  for (let changed = true; changed; ) {
    changed = false;
    for (let at = c.kept.length - 1; at >= 0; at--) {
      const without = c.kept.filter((_, j) => j !== at);
      if (await tester.fails(c.build(without))) {
        c.kept = without;
        changed = true;
      }
    }
  }
}

/**
 * Simpler values for one argument, simplest first: 0 (1 for GEM handles, which cannot be 0 in
 * `gem`/`gem_unmap` and read better as 1 elsewhere), the value cut to its top hex digit, its top
 * two, ..., the power of two at or below it, half of it.
 */
function simpler(kind: ArgKind, value: bigint | number | string): (bigint | number)[] {
  if (kind === 'mode') return [];
  if (kind === 'obj' || kind === 'handle') return typeof value === 'number' && value > 1 ? [1] : [];
  const v = value as bigint;
  if (v === 0n) return [];
  const bits = v.toString(2).length;
  const digits = Math.ceil(bits / 4);
  const out: bigint[] = [0n];
  for (let keep = 1; keep < digits; keep++) {
    const low = BigInt(4 * (digits - keep));
    out.push((v >> low) << low);
  }
  out.push(1n << BigInt(bits - 1), v >> 1n);
  return [...new Set(out)].filter((x) => x < v);
}

function withArg(req: Request, at: number, value: bigint | number): Request {
  const args = [...req.args] as unknown[];
  args[at] = value;
  return { kind: req.kind, args } as Request;
}

/** Greedy value simplification: each argument, in order, takes the first simpler value that still fails. */
async function simplifyValues(tester: Tester, c: Candidate): Promise<void> {
  for (const i of c.indices()) {
    const kinds = SIGNATURES[c.all[i]!.kind];
    for (let at = 0; at < kinds.length; at++) {
      for (let progress = true; progress; ) {
        progress = false;
        const original = c.all[i]!;
        for (const value of simpler(kinds[at]!, original.args[at]!)) {
          c.all[i] = withArg(original, at, value);
          let fails = false;
          try {
            fails = await tester.fails(c.build());
          } finally {
            // Also when the budget runs out: an untried value must not end up in the result.
            if (!fails) c.all[i] = original;
          }
          if (fails) {
            progress = true;
            break;
          }
        }
      }
    }
  }
}

/** How far from its value a count is moved when a removal needs it (see removeWithShiftedCounts). @public */
export const COUNT_SHIFT = 4;

/** Counts near `n`, nearest first, all at least 1: n-1, n+1, n-2, n+2, ... */
function nearbyCounts(n: bigint): bigint[] {
  const out: bigint[] = [];
  for (let d = 1n; d <= BigInt(COUNT_SHIFT); d++) {
    if (n - d >= 1n) out.push(n - d);
    out.push(n + d);
  }
  return out;
}

/**
 * Removals that only work together with a changed count. A `count` argument (`fail_alloc n`)
 * counts events from where it stands, and a request's events depend on the state earlier
 * requests left; so removing a request can move the event a count aims at by a few, either way,
 * and then neither the removal alone nor a new count alone still fails. This tries each single
 * removal with each count of the trace moved by up to COUNT_SHIFT, nearest first.
 */
async function removeWithShiftedCounts(tester: Tester, c: Candidate): Promise<void> {
  for (let changed = true; changed; ) {
    changed = false;
    search: for (let at = c.kept.length - 1; at >= 0; at--) {
      const without = c.kept.filter((_, j) => j !== at);
      for (const i of c.indices(without)) {
        const original = c.all[i]!;
        const kinds = SIGNATURES[original.kind];
        for (let arg = 0; arg < kinds.length; arg++) {
          if (kinds[arg] !== 'count' || original.args[arg] === 0n) continue;
          for (const value of nearbyCounts(original.args[arg] as bigint)) {
            c.all[i] = withArg(original, arg, value);
            let fails = false;
            try {
              fails = await tester.fails(c.build(without));
            } finally {
              if (!fails) c.all[i] = original;
            }
            if (fails) {
              c.kept = without;
              changed = true;
              break search;
            }
          }
        }
      }
    }
  }
}

/**
 * Minimizes a failing trace and says how far it got. See minimizeTrace for the guarantee.
 * @throws RangeError when `requests` is not well-formed (see isWellFormed)
 * @throws NotReproducedError when the predicate does not hold on `requests` itself
 * @public
 */
export async function minimizeTraceDetailed(
  requests: readonly Request[],
  stillFails: StillFails,
  options: MinimizeOptions = {},
): Promise<MinimizeResult> {
  if (!isWellFormed(requests)) throw new RangeError('minimizeTrace: the input trace is not well-formed');
  const tester = new Tester(stillFails, options.maxTests ?? DEFAULT_MAX_TESTS, options);
  const pinned = requests.findIndex((req) => req.kind === 'init');
  const c = new Candidate(
    [...requests],
    pinned,
    requests.map((_, i) => i).filter((i) => i !== pinned),
  );
  try {
    if (!(await tester.fails(requests))) throw new NotReproducedError('minimizeTrace: the predicate does not hold on the input');
    if (c.kept.length > BISECT_MIN_REQUESTS) await bisectPrefix(tester, c);
    await ddmin(tester, c);
    await oneAtATime(tester, c);
    if ((options.simplifyValues ?? true) && c.build().length <= VALUE_PASS_MAX_REQUESTS) {
      await simplifyValues(tester, c);
      await removeWithShiftedCounts(tester, c);
      await oneAtATime(tester, c);
    }
  } catch (error) {
    if (error instanceof OutOfTests) return { requests: c.build(), tests: tester.tests, complete: false };
    throw error;
  }
  return { requests: c.build(), tests: tester.tests, complete: true };
}

/**
 * Shrinks `requests` to a short trace on which `stillFails` still holds.
 *
 * Guarantee: the result always satisfies the predicate (it is the input or a candidate the
 * predicate accepted) and is a subsequence of the input up to argument values. Unless the budget
 * runs out, it is 1-minimal with respect to single-request removal: removing any one request
 * other than the first `init` either breaks the trace format's order rule or makes the predicate
 * false. The first `init` is never removed; candidates that break the order rule are never
 * tried. For results of at most VALUE_PASS_MAX_REQUESTS requests, values are then made "rounder"
 * (0, fewer hex digits, half) where the predicate allows, and a removal is also tried together
 * with a `fail_alloc` count moved by up to COUNT_SHIFT (either way) — the one case where an
 * argument can grow.
 *
 * The predicate decides what counts as "the same failure", and should pin it down (the invariant
 * and the kind of the failing request, the crash, the diverging line): with a looser one the
 * search slips to whatever other bug is nearby. For example a walk's find_next violation,
 * minimized under "any invariant fails", came out as a zero-range map (GPUVM-004), because 0 is
 * the first value tried for a range.
 *
 * Deterministic for a deterministic predicate. The predicate is called at most
 * `options.maxTests` times (default 2000), never twice on the same canonical text, and gets a
 * fresh array each time; it must not mutate the requests in it.
 * @param requests - a well-formed trace on which `stillFails` holds
 * @param stillFails - true when a candidate still shows the failure
 * @throws RangeError when `requests` is not well-formed
 * @throws NotReproducedError when the predicate does not hold on `requests` itself
 * @public
 */
export async function minimizeTrace(requests: readonly Request[], stillFails: StillFails, options: MinimizeOptions = {}): Promise<Request[]> {
  return (await minimizeTraceDetailed(requests, stillFails, options)).requests;
}
