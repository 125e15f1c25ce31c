/**
 * Random traces for the model's own properties: a 16-unit window placed at 0, in the middle, or
 * ending exactly at 2^64; a kernel node absent, inside, straddling or outside the window; requests
 * of every kind whose addresses fall on unit boundaries (sometimes one byte off, sometimes outside
 * the window) so that splits, exact fits and refusals all occur often. Generated values are mapped
 * into range inside the arbitraries, so shrinking keeps traces valid.
 */
import fc from 'fast-check';
import type { Request } from '../../../src/trace/request.ts';
import { request } from '../../../src/trace/request.ts';
import { U64_MAX } from '../../../src/u64.ts';

/** Units per window. */
export const WINDOW_UNITS = 16n;

const TOP = 1n << 64n;
const clampU64 = (value: bigint): bigint => (value < 0n ? 0n : value > U64_MAX ? U64_MAX : value);

/**
 * A whole trace: `init`, then `length` requests (re-inits included).
 * @param unit - bytes per unit; the window is 16 units
 */
export function modelTrace(unit: bigint, length: { min: number; max: number }): fc.Arbitrary<Request[]> {
  const size = WINDOW_UNITS * unit;
  const windowStart = fc.constantFrom(0n, 0x10000n * unit, TOP - size);
  const init = fc
    .tuple(windowStart, fc.integer({ min: -3, max: 18 }), fc.integer({ min: 0, max: 3 }))
    .map(([start, at, units]) => {
      const ro = start + BigInt(at) * unit;
      const rr = BigInt(units) * unit;
      const fits = ro >= 0n && ro <= U64_MAX && ro + rr < TOP; // a reserve ending at 2^64 is outside the contract
      return request('init', start, size, fits ? ro : 0n, fits ? rr : 0n);
    });

  // Requests are built relative to the window start of the trace's first init; a later re-init
  // with another start simply sees them as mostly outside its window, which is fine too.
  return init.chain((first) => {
    const start = first.kind === 'init' ? first.args[0] : 0n;
    const addr = fc
      .tuple(fc.integer({ min: -1, max: 17 }), fc.constantFrom(0n, 0n, 0n, 0n, 1n, -1n))
      .map(([k, nudge]) => clampU64(start + BigInt(k) * unit + nudge));
    const range = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 8 }).map((k) => BigInt(k) * unit) },
      { weight: 1, arbitrary: fc.constant(0n) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map(BigInt) },
      { weight: 1, arbitrary: fc.constant(U64_MAX) },
    );
    const obj = fc.integer({ min: 0, max: 3 });
    const handle = fc.integer({ min: 1, max: 3 });
    const offset = fc.integer({ min: 0, max: 8 }).map((k) => BigInt(k) * unit);
    const one: fc.Arbitrary<Request[]> = fc.oneof(
      { weight: 10, arbitrary: fc.tuple(addr, range, obj, offset).map((a) => [request('map', ...a)]) },
      { weight: 4, arbitrary: fc.tuple(addr, range).map((a) => [request('unmap', ...a)]) },
      { weight: 2, arbitrary: fc.tuple(addr, range, obj, offset).map((a) => [request('insert', ...a)]) },
      { weight: 2, arbitrary: fc.tuple(addr, range).map((a) => [request('remove', ...a)]) },
      { weight: 1, arbitrary: handle.map((h) => [request('gem_unmap', h)]) },
      { weight: 1, arbitrary: fc.tuple(addr, range).map((a) => [request('prefetch', ...a)]) },
      { weight: 1, arbitrary: fc.tuple(addr, range).map((a) => [request('find', ...a)]) },
      { weight: 1, arbitrary: fc.tuple(addr, range).map((a) => [request('find_first', ...a)]) },
      { weight: 1, arbitrary: fc.tuple(addr, range).map((a) => [request('empty', ...a)]) },
      { weight: 1, arbitrary: addr.map((a) => [request('find_prev', a)]) },
      { weight: 1, arbitrary: addr.map((a) => [request('find_next', a)]) },
      { weight: 1, arbitrary: fc.constant<Request[]>([request('dump')]) },
      { weight: 1, arbitrary: handle.map((h) => [request('gem', h)]) },
      { weight: 1, arbitrary: fc.constant<Request[]>([request('allocs')]) },
      { weight: 1, arbitrary: fc.constantFrom<Request[]>([request('mode', 'cb')], [request('mode', 'list')]) },
      { weight: 1, arbitrary: fc.constant<Request[]>([request('fail_alloc', 0n)]) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.boolean(), init).map(([viaFini, again]) => (viaFini ? [request('fini'), again] : [again])),
      },
    );
    return fc
      .array(one, { minLength: length.min, maxLength: length.max })
      .map((groups) => [first, ...groups.flat()].slice(0, length.max + 1));
  });
}
