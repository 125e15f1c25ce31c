/** Mutation operators of the guided engine (fuzz/engines/guided/mutate.ts). */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { MAX_MUTANT_REQUESTS, mutate, repair } from '../../../../fuzz/engines/guided/mutate.ts';
import { concreteRequests, sequences } from '../../../../properties/sequences.ts';
import { SEED_ERA } from '../../../../src/era/era.ts';
import { parseEra } from '../../../../src/era/presets.ts';
import { parseTrace } from '../../../../src/trace/parse.ts';
import type { Request } from '../../../../src/trace/request.ts';
import { formatTrace, request } from '../../../../src/trace/request.ts';

const parentArb = sequences(30, true, SEED_ERA).map(concreteRequests);

describe('mutate', () => {
  it('every mutant parses with the trace parser, whatever the parents (fail_alloc and mode included)', () => {
    fc.assert(
      fc.property(parentArb, parentArb, fc.integer(), (a, b, seed) => {
        const rng = seedrandom.alea(String(seed));
        for (let i = 0; i < 20; i++) {
          const mutant = mutate(rng, a, b, SEED_ERA);
          const text = formatTrace(mutant);
          const parsed = parseTrace(text, 'mutant').map((p) => p.request);
          expect(formatTrace(parsed)).toBe(text);
          expect(mutant.length).toBeLessThanOrEqual(MAX_MUTANT_REQUESTS);
          expect(mutant.some((r) => r.kind === 'init')).toBe(true);
        }
      }),
      { seed: 12, numRuns: 60 },
    );
  });

  it('mutants differ from their parent, reach 2^64 - 1 and the parent’s VA bounds, and madvise only in its era', () => {
    const parent: Request[] = [request('init', 0n, 0x100000n, 0x8000n, 0x1000n), request('map', 0x1000n, 0x3000n, 1, 0n), request('unmap', 0x2000n, 0x1000n)];
    const rng = seedrandom.alea('x');
    const mutants = Array.from({ length: 2000 }, () => mutate(rng, parent, parent, SEED_ERA));
    const texts = mutants.map((m) => formatTrace(m));
    expect(new Set(texts).size).toBeGreaterThan(500);
    expect(texts.some((t) => t.includes('0xffffffffffffffff'))).toBe(true);
    // A range nudged to end at a bound: unmap 0x2000 up to the map's end (0x4000) or the reserve's.
    expect(texts.some((t) => /unmap 0x2000 0x2000\n/.test(t))).toBe(true);
    expect(texts.some((t) => /unmap 0x2000 0x7000\n/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('madvise'))).toBe(false);
    const v618 = seedrandom.alea('x');
    expect(Array.from({ length: 2000 }, () => formatTrace(mutate(v618, parent, parent, parseEra('v6.18')))).some((t) => t.includes('madvise'))).toBe(true);
  });

  it('is reproducible: the same seed gives the same mutants', () => {
    fc.assert(
      fc.property(parentArb, parentArb, fc.integer(), (a, b, seed) => {
        const run = () => {
          const rng = seedrandom.alea(String(seed));
          return Array.from({ length: 5 }, () => formatTrace(mutate(rng, a, b, SEED_ERA)));
        };
        expect(run()).toEqual(run());
      }),
      { seed: 3, numRuns: 20 },
    );
  });
});

describe('repair', () => {
  it('drops requests before the first init and after fini until the next init; adds an init when none', () => {
    const init = request('init', 0n, 16n, 0n, 0n);
    expect(repair([request('mode', 'cb'), request('dump'), init, request('fini'), request('allocs'), init, request('dump')], init)).toEqual([
      request('mode', 'cb'),
      init,
      request('fini'),
      init,
      request('dump'),
    ]);
    expect(repair([request('dump')], init)).toEqual([init, request('dump')]);
  });
});
