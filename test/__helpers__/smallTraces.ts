/**
 * Small random traces over a 16-page VA space, for tests that need many varied states quickly.
 * Addresses are page multiples (sometimes off by one byte, sometimes zero ranges) so that splits,
 * merges and every edge case appear often.
 */
import fc from 'fast-check';
import type { Request } from '../../src/trace/request.ts';
import { request } from '../../src/trace/request.ts';

const PAGE = 0x1000n;
const page = fc.integer({ min: 0, max: 16 }).map((n) => BigInt(n) * PAGE);
const addr = fc.oneof({ weight: 6, arbitrary: page }, { weight: 1, arbitrary: page.map((a) => a + 1n) });
const range = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 8 }).map((n) => BigInt(n) * PAGE) },
  { weight: 1, arbitrary: fc.constant(0n) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map(BigInt) },
);
const obj = fc.integer({ min: 0, max: 3 });
const offset = fc.integer({ min: 0, max: 8 }).map((n) => BigInt(n) * PAGE);

/** One request of the mutating or querying kinds, anywhere in the small space. */
export const smallRequest: fc.Arbitrary<Request> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(addr, range, obj, offset).map((a) => request('map', ...a)) },
  { weight: 3, arbitrary: fc.tuple(addr, range).map((a) => request('unmap', ...a)) },
  { weight: 1, arbitrary: fc.tuple(addr, range, obj, offset).map((a) => request('insert', ...a)) },
  { weight: 1, arbitrary: fc.tuple(addr, range).map((a) => request('remove', ...a)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((o) => request('gem_unmap', o)) },
  { weight: 1, arbitrary: fc.tuple(addr, range).map((a) => request('prefetch', ...a)) },
  { weight: 1, arbitrary: fc.tuple(addr, range).map((a) => request('find_first', ...a)) },
  { weight: 1, arbitrary: addr.map((a) => request('find_prev', a)) },
  { weight: 1, arbitrary: addr.map((a) => request('find_next', a)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 6 }).map((n) => request('fail_alloc', BigInt(n))) },
);

/** `init` of the 16-page space, with a one-page reserved node at page 8 in half the cases. */
export const smallInit: fc.Arbitrary<Request> = fc
  .boolean()
  .map((reserved) => request('init', 0n, 16n * PAGE, reserved ? 8n * PAGE : 0n, reserved ? PAGE : 0n));

/** A whole small trace: init, then requests. */
export const smallTrace: fc.Arbitrary<Request[]> = fc
  .tuple(smallInit, fc.array(smallRequest, { maxLength: 25 }))
  .map(([init, rest]) => [init, ...rest]);
