/**
 * The property engine's sequences (fuzz/engines/property.ts): half short, half deep, none over
 * the job's length, in the campaign's era, the same for the same seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignSequences } from '../../../fuzz/engines/property.ts';
import { SEED_ERA } from '../../../src/era/era.ts';
import { V6_18_ERA } from '../../../src/era/presets.ts';

/** fast-check's default size draws arrays of at most this many elements. */
const SMALL_SIZE_MAX = 10;

describe('campaign sequences', () => {
  const lengths = (maxRequests: number) => fc.sample(campaignSequences(maxRequests, SEED_ERA), { seed: 11, numRuns: 400 }).map((s) => s.steps.length);

  it('reach past what the default size draws, in a good share of the sequences, never past the job length', () => {
    const drawn = lengths(30);
    expect(drawn.filter((n) => n > SMALL_SIZE_MAX).length).toBeGreaterThan(drawn.length / 5);
    expect(drawn.filter((n) => n <= 5).length).toBeGreaterThan(drawn.length / 5);
    expect(Math.max(...drawn)).toBeLessThanOrEqual(30);
    expect(Math.max(...lengths(12))).toBeLessThanOrEqual(12);
  });

  it('are the same for the same seed and follow the era (madvise from v6.18)', () => {
    expect(lengths(30)).toEqual(lengths(30));
    const kinds = (era: typeof SEED_ERA) =>
      new Set(fc.sample(campaignSequences(30, era), { seed: 11, numRuns: 200 }).flatMap((s) => s.steps.map((step) => step.kind)));
    expect(kinds(V6_18_ERA).has('madvise')).toBe(true);
    expect(kinds(SEED_ERA).has('madvise')).toBe(false);
  });
});
