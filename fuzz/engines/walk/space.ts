/**
 * The VA space a walk runs in: its window and its kernel reserved range, as one `init` request.
 *
 * Windows are sized for the naive byte model (`model/byteModel.ts` keeps one table entry per
 * address), and placed where the u64 edges matter: at 0, high up, and ending one granule below
 * 2^64. A window reaching 2^64 itself is left out on purpose: there the seed rejects every request
 * (GPUVM-006), so a walk would only produce `-EINVAL`s.
 */
import type seedrandom from 'seedrandom';
import type { Request } from '../../../src/trace/request.ts';
import { request } from '../../../src/trace/request.ts';

const TOP = 1n << 64n;

/** Where a walk's window and reserve lie. @internal */
export interface WalkSpace {
  readonly start: bigint;
  /** One past the window's last address; at most 2^64 - granule. */
  readonly end: bigint;
  readonly granule: bigint;
  /** Number of granules in the window. */
  readonly granules: number;
  readonly reserveOffset: bigint;
  readonly reserveRange: bigint;
}

/** A uniform integer in `[0, n)`. @internal */
export function below(rng: seedrandom.PRNG, n: number): number {
  return Math.floor(rng() * n);
}

/**
 * The reserved range: a few granules inside the window, at one of its edges, or just outside it.
 * Its exclusive end stays below 2^64 (an end at 2^64 is GPUVM-007 territory and outside what the
 * model speaks for).
 */
function reserve(rng: seedrandom.PRNG, start: bigint, end: bigint, granule: bigint, granules: number): [bigint, bigint] {
  const length = BigInt(1 + below(rng, Math.min(16, Math.max(1, granules >> 4))));
  const len = length * granule;
  const inside = (): [bigint, bigint] => [start + BigInt(below(rng, Math.max(1, granules - Number(length)))) * granule, len];
  switch (below(rng, 5)) {
    case 0:
      return [start, len];
    case 1:
      return [end - len, len];
    case 2:
      return start >= len ? [start - len, len] : inside();
    case 3:
      return end + len < TOP ? [end, len] : inside();
    default:
      return inside();
  }
}

/**
 * Draws the walk's VA space.
 * @param withReserve - true or false forces a reserved range or none; undefined lets the seed decide
 * @internal
 */
export function drawSpace(rng: seedrandom.PRNG, granule: bigint, granules: number, withReserve: boolean | undefined): WalkSpace {
  const size = granule * BigInt(granules);
  const base = below(rng, 5);
  const start =
    base < 2
      ? 0n
      : base < 4
        ? // high: a granule-aligned start between 2^32 and 2^63
          ((1n << 32n) + BigInt(Math.floor(rng() * 2 ** 31)) * (1n << 32n)) / granule * granule
        : TOP - granule - size;
  const end = start + size;
  const [reserveOffset, reserveRange] =
    (withReserve ?? rng() < 0.5) ? reserve(rng, start, end, granule, granules) : [0n, 0n];
  return { start, end, granule, granules, reserveOffset, reserveRange };
}

/** The `init` request of a walk space. @internal */
export function initOf(space: WalkSpace): Request {
  return request('init', space.start, space.end - space.start, space.reserveOffset, space.reserveRange);
}
