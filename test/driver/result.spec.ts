import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameResult } from '../../src/driver/result.ts';
import type { OpLine, RequestResult } from '../../src/driver/result.ts';
import type { VaFields } from '../../src/driver/format.ts';

/** Results are plain objects; isDeepStrictEqual would also compare a null prototype. */
const PLAIN = { noNullPrototype: true };

const fields: fc.Arbitrary<VaFields> = fc.record(
  {
    addr: fc.bigInt({ min: 0n, max: 3n }),
    range: fc.bigInt({ min: 1n, max: 2n }),
    handle: fc.integer({ min: 0, max: 1 }),
    offset: fc.bigInt({ min: 0n, max: 1n }),
  },
  PLAIN,
);
const part = fc.option(fields, { nil: null });
const op: fc.Arbitrary<OpLine> = fc.oneof(
  fields.map((map) => ({ type: 'MAP' as const, map })),
  fc.record({ prev: part, next: part, unmap: fields, keep: fc.boolean() }, PLAIN).map((r) => ({ type: 'REMAP' as const, ...r })),
  fc.record({ unmap: fields, keep: fc.boolean() }, PLAIN).map((r) => ({ type: 'UNMAP' as const, ...r })),
  fields.map((va) => ({ type: 'PREFETCH' as const, va })),
);
// Small domains, so that two independent draws are often equal or differ in one field only.
const result: fc.Arbitrary<RequestResult> = fc.record(
  {
    ops: fc.array(op, { maxLength: 2 }),
    status: fc.constantFrom(null, 0, -22),
    results: fc.array(fc.constantFrom('NONE', 'EMPTY 1'), { maxLength: 1 }),
    crashed: fc.boolean(),
  },
  PLAIN,
);

describe('sameResult', () => {
  it('is deep equality of results', () => {
    let equal = 0;
    let differentButAlike = 0;
    fc.assert(
      fc.property(result, result, (a, b) => {
        const same = isDeepStrictEqual(a, b);
        if (same) equal++;
        else if (a.ops.length === b.ops.length && a.status === b.status) differentButAlike++;
        expect(sameResult(a, b)).toBe(same);
        expect(sameResult(a, structuredClone(a))).toBe(true);
      }),
      { seed: 3, numRuns: 3000 },
    );
    // Both verdicts were reached by independent draws, and many differences were a field deep.
    expect(equal).toBeGreaterThan(5);
    expect(differentButAlike).toBeGreaterThan(200);
  });
});
