/**
 * One request of a walk after its `init`, drawn without looking at the VA space's state.
 *
 * The walk keeps no picture of the VA space. It aims at random granules of a window that mostly
 * small maps keep dense, so a random aim lands on (or across) existing VAs most of the time, and
 * it remembers the last few maps it *emitted* (not what became of them) to aim remap-style maps,
 * exact lookups and removes at places where a VA probably still begins or ends. Thousands of VAs
 * stay live because maps outweigh unmaps and a map into the middle of a VA leaves three VAs where
 * there was one.
 *
 * Everything stays inside what the model speaks for (`model/modelDriver.ts`, `model/contract.ts`):
 * no `fail_alloc`, object offsets far below 2^64, lookup and prefetch ranges whose exclusive end
 * is a u64. Costs stay low because the model touches every byte of a request's range: maps span
 * at most 64 granules, wide unmaps are rare, and `dump` (O(VAs) on both sides) is rarer still.
 */
import type seedrandom from 'seedrandom';
import type { Request } from '../../../src/trace/request.ts';
import { request } from '../../../src/trace/request.ts';
import { U64_MAX } from '../../../src/u64.ts';
import type { WalkSpace } from './space.ts';
import { below } from './space.ts';

/** GEM handles a walk uses besides 0 (no object): few, so that objects' lists grow long. */
const OBJECTS = 8;

/** Per-object offset base of "linear" mappings (offset = base + distance from the window's start). */
const OBJECT_STRIDE = 1n << 24n;

/** How many emitted maps a walk remembers to aim at. */
const RECENT = 64;

/** A map request the walk emitted. */
interface Emitted {
  readonly addr: bigint;
  readonly range: bigint;
  readonly obj: number;
  readonly offset: bigint;
}

/** The generator's own memory: its random source, its space, the maps it emitted lately. @internal */
export interface WalkContext {
  readonly rng: seedrandom.PRNG;
  readonly space: WalkSpace;
  readonly recent: Emitted[];
  next: number;
  /** Draw `madvise` too (an era that has it); without, the seed's walks stay what they were. */
  readonly madvise: boolean;
}

/** A fresh context for a walk in `space`. @internal */
export function walkContext(rng: seedrandom.PRNG, space: WalkSpace, madvise = false): WalkContext {
  return { rng, space, recent: [], next: 0, madvise };
}

type Draw = (ctx: WalkContext) => Request;

function remember(ctx: WalkContext, map: Emitted): void {
  ctx.recent[ctx.next] = map;
  ctx.next = (ctx.next + 1) % RECENT;
}

/** One of the remembered maps, or null before the first. */
function recalled(ctx: WalkContext): Emitted | null {
  return ctx.recent[below(ctx.rng, ctx.recent.length)] ?? null;
}

/** Granules of a map: mostly 1..8, sometimes up to 64. */
function mapGranules(rng: seedrandom.PRNG): number {
  return rng() < 0.75 ? 1 + below(rng, 8) : 9 + below(rng, 56);
}

/**
 * Granules of an unmap: mostly small, rarely a sweep over many VAs. The mean (about 17 granules
 * at 15 % of the requests, against about 12 at 50 % for maps) keeps some two thirds of the
 * window covered.
 */
function unmapGranules(rng: seedrandom.PRNG): number {
  const r = rng();
  if (r < 0.7) return 1 + below(rng, 8);
  if (r < 0.97) return 9 + below(rng, 24);
  if (r < 0.998) return 33 + below(rng, 224);
  return 257 + below(rng, 3840);
}

/** A granule-aligned address inside the window (rarely a byte off, so VAs are not all aligned). */
function address(ctx: WalkContext, misalign = 0.02): bigint {
  const { rng, space } = ctx;
  const at = space.start + BigInt(below(rng, space.granules)) * space.granule;
  return rng() < misalign ? at + BigInt(1 + below(rng, Number(space.granule) - 1)) : at;
}

const clampU64 = (v: bigint): bigint => (v < 0n ? 0n : v > U64_MAX ? U64_MAX : v);

/** Byte offsets from an edge where off-by-one and off-by-two bounds show. */
const NUDGES = [-2n, -1n, 1n, 2n] as const;

/** `at`, or `at` nudged by one or two bytes either way with probability `p`; clamped to a u64. */
function nudged(ctx: WalkContext, at: bigint, p: number): bigint {
  return clampU64(ctx.rng() < p ? at + NUDGES[below(ctx.rng, NUDGES.length)]! : at);
}

/**
 * An address for a lookup: half the time where a remembered map began or ended, else a granule
 * boundary of the window or just outside it; an eighth of them one or two bytes off either way,
 * which is where the off-by-one lookups (GPUVM-002, GPUVM-003) show.
 */
function lookupAddress(ctx: WalkContext): bigint {
  const { rng, space } = ctx;
  const seen = recalled(ctx);
  const at =
    seen && rng() < 0.5
      ? rng() < 0.5
        ? seen.addr
        : seen.addr + seen.range
      : space.start + BigInt(below(rng, space.granules + 2) - 1) * space.granule;
  return nudged(ctx, at, 0.125);
}

/** A lookup range `[addr, addr + range)` cut so that its exclusive end is a u64. */
function lookupRange(ctx: WalkContext): [bigint, bigint] {
  const addr = lookupAddress(ctx);
  const range = BigInt(1 + below(ctx.rng, 16)) * ctx.space.granule;
  return [addr, addr + range > U64_MAX ? U64_MAX - addr : range];
}

/**
 * A range where a map was emitted, as a find or remove would name it exactly (now and then a byte
 * or two off at either end); else random.
 */
function exactRange(ctx: WalkContext): [bigint, bigint] {
  const seen = recalled(ctx);
  if (seen && ctx.rng() < 0.7) {
    const addr = nudged(ctx, seen.addr, 0.1);
    const end = nudged(ctx, seen.addr + seen.range, 0.1);
    return [addr, end > addr ? end - addr : seen.range];
  }
  return [address(ctx, 0), BigInt(1 + below(ctx.rng, 4)) * ctx.space.granule];
}

/** Object and offset of a new mapping: half the time "linear", so neighbours are contiguous. */
function backing(ctx: WalkContext, addr: bigint): [number, bigint] {
  const { rng, space } = ctx;
  const obj = below(rng, OBJECTS + 1);
  const r = rng();
  if (obj !== 0 && r < 0.5) return [obj, BigInt(obj) * OBJECT_STRIDE + (addr - space.start)];
  return [obj, r < 0.75 ? 0n : BigInt(below(rng, 1 << 16)) * space.granule];
}

function emitMap(ctx: WalkContext, addr: bigint, range: bigint, obj: number, offset: bigint): Request {
  remember(ctx, { addr, range, obj, offset });
  return request('map', addr, range, obj, offset);
}

/** A map at a random granule. */
const map: Draw = (ctx) => {
  const addr = address(ctx);
  return emitMap(ctx, addr, BigInt(mapGranules(ctx.rng)) * ctx.space.granule, ...backing(ctx, addr));
};

/**
 * A map over a remembered one, inside it, across one of its ends or around it; half the time
 * with the same object at the contiguous offset (the `keep=1` cases of "DOC: Split and Merge").
 */
const remapStyle: Draw = (ctx) => {
  const { rng, space } = ctx;
  const seen = recalled(ctx);
  if (!seen) return map(ctx);
  const g = space.granule;
  const span = seen.range / g > 1n ? seen.range / g : 1n;
  const into = BigInt(below(rng, Number(span)));
  const out = BigInt(1 + below(rng, 4));
  const end = seen.addr + seen.range;
  const [lo, hi] = ((): [bigint, bigint] => {
    switch (below(rng, 5)) {
      case 0:
        return [seen.addr + into * g, seen.addr + into * g + g]; // one granule inside
      case 1:
        return [seen.addr - out * g, seen.addr + into * g + g]; // across its start
      case 2:
        return [seen.addr + into * g, end + out * g]; // across its end
      case 3:
        return [seen.addr - out * g, end + out * g]; // around it
      default:
        return [seen.addr, end]; // exactly it
    }
  })();
  // Near the top of the address space `lo` and `hi` may pass 2^64 - 1: every value must stay a u64.
  const addr = clampU64(lo < space.start ? space.start : lo);
  const top = clampU64(hi);
  const range = top > addr ? top - addr : g;
  if (seen.obj !== 0 && rng() < 0.5) return emitMap(ctx, addr, range, seen.obj, clampU64(seen.offset + (addr - seen.addr)));
  return emitMap(ctx, addr, range, ...backing(ctx, addr));
};

/** An unmap at a random granule; a fifth of them from a lookup address, edges nudged. */
const unmap: Draw = (ctx) => {
  const range = BigInt(unmapGranules(ctx.rng)) * ctx.space.granule;
  if (ctx.rng() >= 0.2) return request('unmap', address(ctx), range);
  const addr = lookupAddress(ctx);
  return request('unmap', addr, nudged(ctx, range, 0.5));
};

const insert: Draw = (ctx) => {
  const addr = address(ctx);
  return request('insert', addr, BigInt(1 + below(ctx.rng, 4)) * ctx.space.granule, ...backing(ctx, addr));
};

/** The mix, as weights per 10 000 requests. */
const MIX: readonly (readonly [number, Draw])[] = [
  [3500, map],
  [1800, remapStyle],
  [1500, unmap],
  [200, insert],
  [200, (ctx) => request('remove', ...exactRange(ctx))],
  [300, (ctx) => request('find', ...exactRange(ctx))],
  [300, (ctx) => request('find_first', ...lookupRange(ctx))],
  [300, (ctx) => request('empty', ...lookupRange(ctx))],
  [300, (ctx) => request('find_prev', lookupAddress(ctx))],
  [300, (ctx) => request('find_next', lookupAddress(ctx))],
  [150, (ctx) => request('prefetch', ...lookupRange(ctx))],
  [300, () => request('allocs')],
  [60, (ctx) => request('mode', ctx.rng() < 0.5 ? 'cb' : 'list')],
  // gem_unmap takes about a ninth of the VAs away at once: rare, or the space thins out.
  [3, (ctx) => request('gem_unmap', 1 + below(ctx.rng, OBJECTS))],
  [2, (ctx) => request('gem', 1 + below(ctx.rng, OBJECTS))],
  // O(VAs) on the port and the model alike: about once per 20 000 requests.
  [0.5, () => request('dump')],
];

/** A madvise starting inside a remembered map: it splits that VA if the map had no object. */
const madvise: Draw = (ctx) => {
  const seen = recalled(ctx);
  const g = ctx.space.granule;
  if (!seen) return request('madvise', address(ctx), g);
  const span = seen.range / g > 1n ? seen.range / g : 1n;
  return request('madvise', seen.addr + BigInt(below(ctx.rng, Number(span))) * g, BigInt(1 + below(ctx.rng, 8)) * g);
};

/** The mix of eras with madvise. */
const MADVISE_MIX: readonly (readonly [number, Draw])[] = [...MIX, [400, madvise]];

const total = (mix: readonly (readonly [number, Draw])[]): number => mix.reduce((sum, [weight]) => sum + weight, 0);
const TOTAL = total(MIX);
const MADVISE_TOTAL = total(MADVISE_MIX);

/** Draws the next request of a walk. @internal */
export function drawStep(ctx: WalkContext): Request {
  const mix = ctx.madvise ? MADVISE_MIX : MIX;
  let r = ctx.rng() * (ctx.madvise ? MADVISE_TOTAL : TOTAL);
  for (const [weight, draw] of mix) {
    if (r < weight) return draw(ctx);
    r -= weight;
  }
  return map(ctx);
}
