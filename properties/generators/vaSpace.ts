/**
 * VA spaces to test in: tiny and larger windows, at address 0, in the middle of the address
 * space, and at its very top (ending exactly at 2^64 or one page below), with no reserved range or
 * one inside, at an edge of, or outside the window.
 */
import fc from 'fast-check';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';

/** The unit most addresses and sizes are multiples of, like a GPU page. @public */
export const GRANULE = 0x1000n;

const TOP = 1n << 64n;

/** A VA space as generated: its window and reserved range, and the `init` request for it. @public */
export interface VaSpace {
  readonly start: bigint;
  readonly pages: number;
  readonly reserveOffset: bigint;
  readonly reserveRange: bigint;
}

/** Its `init` request. @public */
export function initRequest(space: VaSpace): Request {
  return request('init', space.start, BigInt(space.pages) * GRANULE, space.reserveOffset, space.reserveRange);
}

type Placement = 'none' | 'inside' | 'at-start' | 'at-end' | 'below' | 'above';

function place(start: bigint, pages: number, placement: Placement, at: number, length: number): [bigint, bigint] {
  const size = BigInt(pages) * GRANULE;
  const len = BigInt(length) * GRANULE;
  switch (placement) {
    case 'none':
      return [0n, 0n];
    case 'inside':
      return [start + BigInt(at % Math.max(1, pages - length)) * GRANULE, len];
    case 'at-start':
      return [start, len];
    case 'at-end':
      return [start + size - len, len];
    case 'below':
      return start >= len ? [start - len, len] : [0n, 0n];
    case 'above':
      return start + size + len <= TOP - 1n ? [start + size, len] : [0n, 0n];
  }
}

/** Any VA space of 4..32 granules. @public */
export const vaSpace: fc.Arbitrary<VaSpace> = fc
  .record({
    pages: fc.integer({ min: 4, max: 32 }),
    base: fc.oneof(
      { weight: 4, arbitrary: fc.constant<'zero'>('zero') },
      { weight: 2, arbitrary: fc.constant<'middle'>('middle') },
      { weight: 1, arbitrary: fc.constant<'top'>('top') },
      { weight: 1, arbitrary: fc.constant<'below-top'>('below-top') },
    ),
    middlePage: fc.bigInt({ min: 1n, max: (1n << 50n) }),
    placement: fc.constantFrom<Placement>('none', 'none', 'inside', 'at-start', 'at-end', 'below', 'above'),
    reserveAt: fc.nat(),
    reserveLength: fc.integer({ min: 1, max: 2 }),
  })
  .map(({ pages, base, middlePage, placement, reserveAt, reserveLength }) => {
    const size = BigInt(pages) * GRANULE;
    const start =
      base === 'zero' ? 0n : base === 'middle' ? middlePage * GRANULE : base === 'top' ? TOP - size : TOP - size - GRANULE;
    const [offset, reserveRange] = place(start, pages, placement, reserveAt, reserveLength);
    // A reserve whose end is 2^64 itself overflows (GPUVM-007 territory): keep it one granule lower.
    const reserveOffset = offset + reserveRange >= TOP ? offset - GRANULE : offset;
    return { start, pages, reserveOffset, reserveRange };
  });
