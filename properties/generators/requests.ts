/**
 * Requests of every kind of the trace format, drawn relative to a VA space so that most of them
 * land on interesting places: granule boundaries, a byte off, the window's edges, the reserved
 * range, zero ranges, and the top of the address space.
 *
 * Map requests "aimed" at existing VAs (sub, super, left, right, centred, exact; same object with
 * contiguous offset or not) are kept abstract and resolved against the state at run time
 * (`resolveAimed`), as fast-check's model-based examples do: shrinking then never produces a
 * request that no longer means what it meant.
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
export type AimShape = 'exact' | 'sub' | 'right-sub' | 'super' | 'left' | 'right' | 'centred' | 'over-start' | 'over-end';

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

/** A generated step: a concrete request or an aimed map. @public */
export type GeneratedStep = Request | AimedMap;

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
  shape: fc.constantFrom<AimShape>('exact', 'sub', 'right-sub', 'super', 'left', 'right', 'centred', 'over-start', 'over-end'),
  target: fc.nat({ max: 1000 }),
  sameObject: fc.boolean(),
  contiguous: fc.boolean(),
  spread: fc.integer({ min: 1, max: 3 }),
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
 * Turns an aimed map into a concrete one against the current VAs (kernel node excluded); with
 * no VA to aim at it maps the window's first granule.
 * @public
 */
export function resolveAimed(aim: AimedMap, vas: readonly AimTarget[], space: VaSpace): Request {
  if (aim.madvise) {
    const bare = vas.filter((v) => v.handle === 0);
    const { madvise: _, ...asMap } = aim;
    const map = resolveAimed(asMap, bare.length > 0 ? bare : vas, space);
    if (map.kind !== 'map') throw new Error('resolveAimed: an aimed map resolved to another request');
    // With nothing to split yet, make something: the same range mapped without an object.
    if (bare.length === 0) return request('map', map.args[0], map.args[1], 0, map.args[3]);
    return request('madvise', map.args[0], map.args[1]);
  }
  const va = vas[aim.target % Math.max(1, vas.length)];
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
    }
  })();
  const a = clampU64(addr);
  const e = last > TOP ? TOP : last;
  const range = e > a ? e - a : GRANULE;
  const handle = aim.sameObject ? va.handle || 1 : (va.handle % 4) + 1;
  const offset = aim.contiguous ? clampU64(va.offset + (a - va.addr)) : clampU64(va.offset + GRANULE * 7n);
  return request('map', a, range, handle, offset);
}
