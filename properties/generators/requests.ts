/**
 * Requests of every kind of the trace format, drawn relative to a VA space so that most of them
 * land on interesting places: granule boundaries, a byte off, the window's edges, the reserved
 * range, zero ranges, and the top of the address space.
 *
 * Map requests "aimed" at existing VAs (sub, super, left, right, centred, exact, right before or
 * after; same object with contiguous offset or not) are kept abstract and resolved against the
 * state at run time (`resolveAimed`), as fast-check's model-based examples do: shrinking then
 * never produces a request that no longer means what it meant. The kernel reserved node is a
 * target too: its edges bound what may be mapped as a VA's do.
 *
 * Lookups, prefetches, removes and unmaps are aimed the same way at an existing VA's (or the
 * reserved node's) start or end, nudged by up to two bytes either way, where off-by-one and
 * off-by-two bounds show. And a
 * zero-size VA (the seed accepts them: GPUVM-004) is put at an existing VA's start or end right
 * before a map aimed at that VA, since only such a VA sharing its neighbour's address shows
 * whether the map's walk over the VAs stops where it must.
 */
import fc from 'fast-check';
import type { Era } from '../../src/era/era.ts';
import { hasFeature, SEED_ERA } from '../../src/era/era.ts';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';
import type { VaSpace } from './vaSpace.ts';
import { GRANULE } from './vaSpace.ts';

const TOP = 1n << 64n;
const U64_MAX = TOP - 1n;

/** How an aimed map request relates to the VA it targets. @public */
export type AimShape = 'exact' | 'sub' | 'right-sub' | 'super' | 'left' | 'right' | 'centred' | 'over-start' | 'over-end' | 'before' | 'after';

/** A map request to be aimed at the `target`-th existing VA when it runs. @public */
export interface AimedMap {
  readonly kind: 'aimed';
  readonly shape: AimShape;
  readonly target: number;
  readonly sameObject: boolean;
  readonly contiguous: boolean;
  readonly spread: number;
  /**
   * Aimed as a `madvise` over the same range instead, at a VA without an object (only those
   * split); while there is none, a map without an object of that range makes one.
   */
  readonly madvise?: true;
}

/** Requests that name an address or a range and can be aimed at a VA's edge. @public */
export type LookupKind = 'find' | 'find_first' | 'find_prev' | 'find_next' | 'empty' | 'prefetch' | 'remove' | 'unmap';

/** A lookup-style request to be aimed at an edge of the `target`-th existing VA when it runs. @public */
export interface AimedLookup {
  readonly kind: 'aimed-lookup';
  readonly lookup: LookupKind;
  readonly target: number;
  readonly edge: 'start' | 'end';
  /** Bytes added to the edge: -2..2. */
  readonly nudge: number;
  /** The range: the target VA's own (plus `spanNudge` bytes), or 1, 2 or a granule. */
  readonly span: 'va' | 1 | 2 | 'granule';
  readonly spanNudge: number;
}

/**
 * A zero-size `map` (or `insert`) at the start or end of the VA `then` aims at, followed by
 * `then` (resolved against the VAs as they were before the zero-size one).
 * @public
 */
export interface ZeroThenMap {
  readonly kind: 'zero-then-map';
  readonly edge: 'start' | 'end';
  readonly insert: boolean;
  readonly then: AimedMap;
}

/** A generated step: a concrete request or one resolved against the VAs when it runs. @public */
export type GeneratedStep = Request | AimedMap | AimedLookup | ZeroThenMap;

const clampU64 = (v: bigint): bigint => (v < 0n ? 0n : v > U64_MAX ? U64_MAX : v);

function address(space: VaSpace): fc.Arbitrary<bigint> {
  const page = fc.integer({ min: -1, max: space.pages + 1 });
  const jitter = fc.oneof({ weight: 8, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: fc.constantFrom(1n, GRANULE - 1n) });
  return fc.oneof(
    { weight: 12, arbitrary: fc.tuple(page, jitter).map(([p, j]) => clampU64(space.start + BigInt(p) * GRANULE + j)) },
    { weight: 1, arbitrary: fc.constantFrom(0n, U64_MAX, space.reserveOffset, space.reserveOffset + space.reserveRange) },
  );
}

function size(space: VaSpace): fc.Arbitrary<bigint> {
  return fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 1, max: Math.min(8, space.pages) }).map((n) => BigInt(n) * GRANULE) },
    { weight: 1, arbitrary: fc.constant(0n) },
    { weight: 1, arbitrary: fc.constantFrom(1n, GRANULE + 1n) },
    { weight: 1, arbitrary: fc.constantFrom(BigInt(space.pages) * GRANULE, U64_MAX) },
  );
}

/**
 * A range that ends at 2^64 at the latest, for lookups and prefetch, which do not validate their
 * range: what they should do past 2^64 is undocumented, so only ts-vs-c runs go there.
 */
function boundedRange(space: VaSpace): fc.Arbitrary<[bigint, bigint]> {
  return fc.tuple(address(space), size(space)).map(([a, r]) => [a, a + r > TOP ? TOP - a : r]);
}

const object = fc.integer({ min: 0, max: 4 });
const handle = fc.integer({ min: 1, max: 4 });
// Object offsets stay far below 2^64: what a wrapping offset should mean is undocumented.
const offset = fc.integer({ min: 0, max: 16 }).map((n) => BigInt(n) * GRANULE);

/** An aimed map request. @public */
export const aimedMap: fc.Arbitrary<AimedMap> = fc.record({
  kind: fc.constant<'aimed'>('aimed'),
  shape: fc.constantFrom<AimShape>('exact', 'sub', 'right-sub', 'super', 'left', 'right', 'centred', 'over-start', 'over-end', 'before', 'after'),
  target: fc.nat({ max: 1000 }),
  sameObject: fc.boolean(),
  contiguous: fc.boolean(),
  spread: fc.integer({ min: 1, max: 3 }),
});

const nudge = fc.integer({ min: -2, max: 2 });

/** An aimed lookup-style request. @public */
export const aimedLookup: fc.Arbitrary<AimedLookup> = fc.record({
  kind: fc.constant<'aimed-lookup'>('aimed-lookup'),
  lookup: fc.constantFrom<LookupKind>('find', 'find_first', 'find_prev', 'find_next', 'empty', 'prefetch', 'remove', 'unmap'),
  target: fc.nat({ max: 1000 }),
  edge: fc.constantFrom<'start' | 'end'>('start', 'end'),
  nudge,
  span: fc.constantFrom<AimedLookup['span']>('va', 1, 2, 'granule'),
  spanNudge: nudge,
});

/** A zero-size VA at an existing VA's edge, then a map aimed at that VA. @public */
export const zeroThenMap: fc.Arbitrary<ZeroThenMap> = fc.record({
  kind: fc.constant<'zero-then-map'>('zero-then-map'),
  edge: fc.constantFrom<'start' | 'end'>('start', 'end'),
  insert: fc.boolean(),
  then: aimedMap,
});

/**
 * Steps for one VA space.
 * @param allocationFaults - include `fail_alloc` (only where the comparison does not need the model)
 * @param era - include `madvise` when the era has it (older sources only say EOPNOTSUPP, which
 * test/driver covers; leaving it out keeps the seed's sequences what they were)
 * @public
 */
export function stepsFor(space: VaSpace, allocationFaults = false, era: Era = SEED_ERA): fc.Arbitrary<GeneratedStep> {
  const range = fc.tuple(address(space), size(space));
  // madvise splits only VAs without an object: where it exists, half the maps make one.
  const mapObject = hasFeature(era, 'madvise') ? fc.oneof(fc.constant(0), object) : object;
  const arbitraries: fc.WeightedArbitrary<GeneratedStep>[] = [
    { weight: 10, arbitrary: fc.tuple(address(space), size(space), mapObject, offset).map((a) => request('map', ...a)) },
    { weight: 8, arbitrary: aimedMap },
    { weight: 4, arbitrary: aimedLookup },
    { weight: 1, arbitrary: zeroThenMap },
    { weight: 5, arbitrary: range.map((a) => request('unmap', ...a)) },
    { weight: 1, arbitrary: boundedRange(space).map((a) => request('prefetch', ...a)) },
    { weight: 1, arbitrary: handle.map((h) => request('gem_unmap', h)) },
    { weight: 1, arbitrary: fc.tuple(address(space), size(space), object, offset).map((a) => request('insert', ...a)) },
    { weight: 1, arbitrary: range.map((a) => request('remove', ...a)) },
    { weight: 1, arbitrary: boundedRange(space).map((a) => request('find', ...a)) },
    { weight: 1, arbitrary: boundedRange(space).map((a) => request('find_first', ...a)) },
    { weight: 1, arbitrary: boundedRange(space).map((a) => request('empty', ...a)) },
    { weight: 1, arbitrary: address(space).map((a) => request('find_prev', a)) },
    { weight: 1, arbitrary: address(space).map((a) => request('find_next', a)) },
    { weight: 1, arbitrary: fc.constant(request('dump')) },
    { weight: 1, arbitrary: handle.map((h) => request('gem', h)) },
    { weight: 1, arbitrary: fc.constant(request('allocs')) },
    // `fini` is followed by a fresh `init` of the same space when planned (see sequences.ts).
    { weight: 1, arbitrary: fc.constant(request('fini')) },
  ];
  if (hasFeature(era, 'madvise')) {
    arbitraries.push(
      { weight: 2, arbitrary: range.map((a) => request('madvise', ...a)) },
      { weight: 6, arbitrary: aimedMap.map((aim): AimedMap => ({ ...aim, madvise: true })) },
    );
  }
  if (allocationFaults) {
    arbitraries.push({ weight: 2, arbitrary: fc.integer({ min: 0, max: 12 }).map((n) => request('fail_alloc', BigInt(n))) });
  }
  return fc.oneof(...arbitraries);
}

/** The VAs an aimed map can target: address, range, object, offset. @public */
export interface AimTarget {
  readonly addr: bigint;
  readonly range: bigint;
  readonly handle: number;
  readonly offset: bigint;
}

/**
 * What aimed maps and lookups aim at: the current VAs and, where the space has one, the kernel
 * reserved node, whose edges bound the requests that may touch the space as a VA's edges do.
 */
function aimTargets(vas: readonly AimTarget[], space: VaSpace): readonly AimTarget[] {
  if (space.reserveRange === 0n) return vas;
  return [...vas, { addr: space.reserveOffset, range: space.reserveRange, handle: 0, offset: 0n }];
}

/**
 * Turns an aimed map into a concrete one against the current VAs (`vas`: kernel node excluded;
 * a plain map may aim at the kernel node too); with no VA to aim at it maps the window's first
 * granule.
 * @public
 */
export function resolveAimed(aim: AimedMap, vas: readonly AimTarget[], space: VaSpace): Request {
  if (aim.madvise) {
    const bare = vas.filter((v) => v.handle === 0);
    const { madvise: _, ...asMap } = aim;
    const map = mapAimedAt(asMap, bare.length > 0 ? bare : vas, space);
    if (map.kind !== 'map') throw new Error('resolveAimed: an aimed map resolved to another request');
    // With nothing to split yet, make something: the same range mapped without an object.
    if (bare.length === 0) return request('map', map.args[0], map.args[1], 0, map.args[3]);
    return request('madvise', map.args[0], map.args[1]);
  }
  return mapAimedAt(aim, aimTargets(vas, space), space);
}

/** The map `aim` describes against the `aim.target`-th of `targets`. */
function mapAimedAt(aim: AimedMap, targets: readonly AimTarget[], space: VaSpace): Request {
  const va = targetOf(aim.target, targets);
  if (!va) return request('map', space.start, GRANULE, 1, 0n);
  const unit = va.range >= 4n * GRANULE ? GRANULE : va.range >= 4n ? va.range / 4n : 1n;
  const d = BigInt(aim.spread) * unit;
  const end = va.addr + va.range;
  const [addr, last] = ((): [bigint, bigint] => {
    switch (aim.shape) {
      case 'exact':
        return [va.addr, end];
      case 'sub':
        return [va.addr, va.addr + unit];
      case 'right-sub':
        return [end - unit, end];
      case 'super':
        return [va.addr - d, end + d];
      case 'left':
        return [va.addr - d, va.addr + unit];
      case 'right':
        return [end - unit, end + d];
      case 'centred':
        return [va.addr + unit, end - unit];
      case 'over-start':
        return [va.addr - d, end];
      case 'over-end':
        return [va.addr, end + d];
      case 'before':
        return [va.addr - d, va.addr];
      case 'after':
        return [end, end + d];
    }
  })();
  const a = clampU64(addr);
  const e = last > TOP ? TOP : last;
  const range = e > a ? e - a : GRANULE;
  const handle = aim.sameObject ? va.handle || 1 : (va.handle % 4) + 1;
  const offset = aim.contiguous ? clampU64(va.offset + (a - va.addr)) : clampU64(va.offset + GRANULE * 7n);
  return request('map', a, range, handle, offset);
}

/** The `target`-th VA (kernel node excluded), or null when there is none. */
function targetOf(target: number, vas: readonly AimTarget[]): AimTarget | null {
  return vas[target % Math.max(1, vas.length)] ?? null;
}

/**
 * Turns an aimed lookup into a concrete request against the current VAs; with no VA to aim at
 * it aims at an empty granule at the window's start. Ranges end at 2^64 at the latest.
 * @public
 */
export function resolveAimedLookup(aim: AimedLookup, vas: readonly AimTarget[], space: VaSpace): Request {
  const va = targetOf(aim.target, aimTargets(vas, space)) ?? { addr: space.start, range: GRANULE, handle: 0, offset: 0n };
  const addr = clampU64((aim.edge === 'start' ? va.addr : va.addr + va.range) + BigInt(aim.nudge));
  if (aim.lookup === 'find_prev' || aim.lookup === 'find_next') return request(aim.lookup, addr);
  const wanted = aim.span === 'va' ? va.range + BigInt(aim.spanNudge) : aim.span === 'granule' ? GRANULE : BigInt(aim.span);
  const range = wanted < 0n ? 0n : addr + wanted > TOP ? TOP - addr : wanted;
  return request(aim.lookup, addr, range);
}

/**
 * The two requests of a zero-then-map step against the current VAs: the zero-size map or insert
 * at the targeted VA's edge (or the window's start with no VA), then the aimed map.
 * @public
 */
export function resolveZeroThenMap(step: ZeroThenMap, vas: readonly AimTarget[], space: VaSpace): [Request, Request] {
  const va = targetOf(step.then.target, vas);
  const at = va === null ? space.start : step.edge === 'start' ? va.addr : va.addr + va.range;
  const handle = va?.handle || 1;
  const offset = va === null ? 0n : clampU64(va.offset + (at - va.addr));
  return [request(step.insert ? 'insert' : 'map', at, 0n, handle, offset), resolveAimed(step.then, vas, space)];
}
