import { describe, expect, it } from 'vitest';
import type { Mutant } from '../../../bench/cmutants/generate.ts';
import { entryOf, median, percentile, summarize, type Measured, type RawStatus } from '../../../bench/cmutants/results.ts';
import { parseVerdicts } from '../../../bench/cmutants/verdicts.ts';

const mutant = (id: string): Mutant => ({ id, operator: 'ror', function: 'f', line: 1, column: 1, original: 'a < b', mutated: 'a <= b', change: '`<` → `<=`', start: 0, end: 1, replacement: '<=' });
const measured = (id: string, status: RawStatus, seconds: number | null = null): Measured => ({
  id,
  status,
  secondsToKill: seconds,
  campaignSeconds: seconds === null ? null : seconds - 3,
  signature: status === 'killed' ? 'divergence-map-map-new' : null,
  buildSeconds: status === 'no-compile' ? null : 5,
  detail: status === 'no-compile' ? "error: 'x' undeclared" : null,
});

describe('median and percentile', () => {
  it('take the middle (mean of two) and the nearest rank', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(xs, 95)).toBe(19);
    expect(percentile(xs, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNull();
  });
});

describe('summarize', () => {
  const verdicts = parseVerdicts('## Equivalent\n- `e1`: equality handled before\n- `k3`: wrongly argued\n## Gaps\n- `s1`: needs fail_alloc in campaigns\n');
  const runs: Measured[] = [
    measured('k1', 'killed', 2),
    measured('k2', 'killed', 4),
    measured('k3', 'killed', 9),
    measured('e1', 'survived'),
    measured('s1', 'survived'),
    measured('s2', 'survived'),
    measured('u1', 'unreached'),
    measured('n1', 'no-compile'),
    measured('t1', 'timeout'),
    measured('x1', 'error'),
  ];
  const entries = runs.map((m) => entryOf(mutant(m.id), m, verdicts));

  it('applies the verdicts: an argued survivor is equivalent, a gap is said', () => {
    expect(entries.map((e) => e.status)).toEqual(['killed', 'killed', 'killed', 'equivalent', 'survived', 'survived', 'unreached', 'no-compile', 'timeout', 'error']);
    expect(entries[3]!.detail).toBe('equality handled before');
    expect(entries[4]!.detail).toBe('gap: needs fail_alloc in campaigns');
    expect(entries[5]!.detail).toBeNull();
  });

  it('counts, scores over the non-equivalent compiled mutants (unreached ones missed, and apart), and times the kills', () => {
    const s = summarize(entries, verdicts);
    expect(s).toEqual({
      total: 10,
      compiled: 9,
      killed: 3,
      equivalent: 1,
      survivors: 2,
      unreached: 1,
      timeouts: 1,
      errors: 1,
      noCompile: 1,
      score: 0.38, // 3 / (9 - 1)
      reachedScore: 0.43, // 3 / (9 - 1 - 1)
      medianSecondsToKill: 4,
      p95SecondsToKill: 9,
      medianCampaignSeconds: 1,
      p95CampaignSeconds: 6,
      killedButArguedEquivalent: ['k3'],
    });
  });

  it('has no score and no times for a run of no-compiles', () => {
    const s = summarize([entryOf(mutant('n'), measured('n', 'no-compile'), verdicts)], verdicts);
    expect(s.score).toBeNull();
    expect(s.medianSecondsToKill).toBeNull();
  });
});
