/**
 * Mutation operators of the guided engine, on request lists: insert, delete and duplicate
 * requests, splice two traces, nudge an argument to an edge (±1, a page either way, page
 * boundaries, 0 and 2^64 - 1, the window's and the reserved node's edges from the trace's
 * `init`, the bounds of the VAs the trace maps, and ranges that end at those bounds), change a
 * GEM handle, switch a request to another of the same arguments, insert a mode switch, an
 * allocation failure (`fail_alloc`), a probe or a fresh VA space. A few are
 * stacked per mutant, as AFL's havoc stage does.
 *
 * Every mutant is a valid trace (it parses, with the order rules of ../shared/trace-format.md):
 * arithmetic wraps modulo 2^64, handles stay in range, and a repair pass drops what would come
 * before the first `init` or after a `fini`.
 */
import type { Era } from '../../../src/era/era.ts';
import { hasFeature } from '../../../src/era/era.ts';
import type { Request, RequestKind } from '../../../src/trace/request.ts';
import { request, SIGNATURES } from '../../../src/trace/request.ts';
import { add, sub, U64_MAX } from '../../../src/u64.ts';

/** A random number in [0, 1). @public */
export type Rng = () => number;

/** Mutants are cut to this many requests. @public */
export const MAX_MUTANT_REQUESTS = 100;

/** Operators stacked on one mutant: 1 to this many. */
const MAX_STACKED = 4;

const PAGE = 0x1000n;

/** Requests that take the same arguments and may be turned into one another. */
const SAME_ARGUMENTS: readonly (readonly RequestKind[])[] = [
  ['map', 'insert'],
  ['unmap', 'prefetch', 'remove', 'find', 'find_first', 'empty', 'madvise'],
  ['find_prev', 'find_next'],
  ['gem', 'gem_unmap'],
  ['dump', 'allocs'],
];

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const below = (rng: Rng, n: number): number => Math.floor(rng() * n);

/** The args of a request, as a mutable copy. */
const argsOf = (req: Request): (bigint | number | string)[] => [...(req.args as readonly (bigint | number | string)[])];
const rebuild = (kind: RequestKind, args: readonly (bigint | number | string)[]): Request => ({ kind, args }) as unknown as Request;

/** Addresses worth aiming at for the request at `at`: the window, the reserved node, every VA bound. */
function boundsBefore(trace: readonly Request[], at: number): bigint[] {
  const out: bigint[] = [0n, U64_MAX];
  for (let i = 0; i < Math.min(at, trace.length); i++) {
    const r = trace[i]!;
    if (r.kind === 'init') {
      const [start, range, reserveOffset, reserveRange] = r.args;
      out.push(start, add(start, range), reserveOffset, add(reserveOffset, reserveRange));
    } else if (r.kind === 'map' || r.kind === 'insert') {
      out.push(r.args[0], add(r.args[0], r.args[1]));
    }
  }
  return out;
}

/** A value near `value` or at an edge: for a range argument, also ranges ending at a bound. */
function nudgedValue(rng: Rng, value: bigint, bounds: readonly bigint[], addr: bigint | null): bigint {
  switch (below(rng, 6)) {
    case 0:
      return rng() < 0.5 ? add(value, 1n) : sub(value, 1n);
    case 1:
      return rng() < 0.5 ? add(value, PAGE) : sub(value, PAGE);
    case 2:
      return rng() < 0.5 ? value & ~(PAGE - 1n) : add(value | (PAGE - 1n), 1n);
    case 3:
      return pick(rng, [0n, 1n, U64_MAX, sub(0n, PAGE), 1n << 63n]);
    default: {
      // A bound, a byte either side of it, or (for a range) the distance from addr to it.
      const b = add(pick(rng, bounds), pick(rng, [0n, 0n, 1n, U64_MAX]));
      return addr !== null && rng() < 0.6 ? sub(b, addr) : b;
    }
  }
}

/** The handles worth trying: none, the first few, and those the trace names. */
function handles(trace: readonly Request[], allowNone: boolean): number[] {
  const named = trace.flatMap((r) => (r.kind === 'map' || r.kind === 'insert' ? [r.args[2]] : r.kind === 'gem' || r.kind === 'gem_unmap' ? [r.args[0]] : []));
  return [...(allowNone ? [0] : []), 1, 2, 3, ...named.filter((h) => h > 0 || allowNone)];
}

function nudge(rng: Rng, trace: Request[]): void {
  const candidates = trace.flatMap((r, i) => (SIGNATURES[r.kind].some((k) => k !== 'mode') ? [i] : []));
  if (candidates.length === 0) return;
  const at = pick(rng, candidates);
  const req = trace[at]!;
  const kinds = SIGNATURES[req.kind];
  const args = argsOf(req);
  const i = pick(rng, kinds.flatMap((k, j) => (k === 'mode' ? [] : [j])));
  const kind = kinds[i]!;
  if (kind === 'obj' || kind === 'handle') args[i] = pick(rng, handles(trace, kind === 'obj'));
  else if (kind === 'count') args[i] = pick(rng, [0n, 1n, 2n, 3n, add(args[i] as bigint, 1n)]);
  else {
    // The second argument of an (addr, range) pair is a range: aim its end, not its start.
    const isRange = i === 1 && kinds[0] === 'u64' && req.kind !== 'init';
    args[i] = nudgedValue(rng, args[i] as bigint, boundsBefore(trace, at), isRange ? (args[0] as bigint) : null);
  }
  trace[at] = rebuild(req.kind, args);
}

function switchKind(rng: Rng, trace: Request[], era: Era): void {
  const at = below(rng, trace.length);
  const req = trace[at]!;
  const group = SAME_ARGUMENTS.find((g) => g.includes(req.kind));
  if (!group) return;
  const allowed = group.filter((k) => k !== 'madvise' || hasFeature(era, 'madvise'));
  const kind = pick(rng, allowed);
  // A handle of 0 is fine for map/insert, not for gem/gem_unmap.
  const args = argsOf(req);
  if (SIGNATURES[kind][0] === 'handle' && args[0] === 0) args[0] = 1;
  trace[at] = rebuild(kind, args);
}

/** Applies one operator to `trace` in place; `other` is the splice partner. */
function applyOperator(rng: Rng, trace: Request[], other: readonly Request[], era: Era): void {
  const somewhere = (): number => 1 + below(rng, trace.length);
  switch (below(rng, 9)) {
    case 0: // insert a request of either trace
      trace.splice(somewhere(), 0, pick(rng, rng() < 0.5 ? trace : other));
      break;
    case 1: // delete
      if (trace.length > 1) trace.splice(1 + below(rng, trace.length - 1), 1);
      break;
    case 2: {
      // duplicate a request, or a run of them
      const from = below(rng, trace.length);
      const run = trace.slice(from, from + 1 + below(rng, 4));
      trace.splice(from + run.length, 0, ...run);
      break;
    }
    case 3: {
      // splice: a prefix of this trace, then a piece of the other
      const cut = somewhere();
      const from = below(rng, other.length);
      trace.splice(cut, trace.length - cut, ...other.slice(from));
      break;
    }
    case 4:
      switchKind(rng, trace, era);
      break;
    case 5: {
      // a request parents rarely hold: a mode switch, an injected allocation failure (error
      // paths), a probe, or a fresh VA space
      const init = trace.find((r) => r.kind === 'init');
      const fresh: Request[][] = [
        [request('mode', rng() < 0.5 ? 'cb' : 'list')],
        [request('fail_alloc', BigInt(1 + below(rng, 4)))],
        [request('allocs')],
        [request('dump')],
        ...(init ? [[request('fini'), init]] : []),
      ];
      trace.splice(somewhere(), 0, ...pick(rng, fresh));
      break;
    }
    default:
      nudge(rng, trace);
  }
}

/**
 * Makes `trace` valid: requests before the first `init` (other than `mode`) and after a `fini`
 * until the next `init` are dropped, and a trace without `init` starts with `fallbackInit`.
 * Cut to MAX_MUTANT_REQUESTS.
 * @public
 */
export function repair(trace: readonly Request[], fallbackInit: Request): Request[] {
  const out: Request[] = trace.some((r) => r.kind === 'init') ? [] : [fallbackInit];
  let active = out.length > 0;
  for (const r of trace) {
    if (r.kind === 'init') active = true;
    else if (r.kind !== 'mode' && !active) continue;
    if (r.kind === 'fini') active = false;
    out.push(r);
    if (out.length === MAX_MUTANT_REQUESTS) break;
  }
  return out;
}

/**
 * One mutant of `parent` (spliced with `other` at times): 1..MAX_STACKED operators, repaired.
 * Pure in (rng state, parent, other, era).
 * @public
 */
export function mutate(rng: Rng, parent: readonly Request[], other: readonly Request[], era: Era): Request[] {
  const fallbackInit = parent.find((r) => r.kind === 'init') ?? other.find((r) => r.kind === 'init') ?? request('init', 0n, 1n << 20n, 0n, 0n);
  const trace = parent.length > 0 ? [...parent] : [fallbackInit];
  const n = 1 + below(rng, MAX_STACKED);
  for (let i = 0; i < n; i++) applyOperator(rng, trace, other.length > 0 ? other : parent, era);
  return repair(trace, fallbackInit);
}
