import { describe, expect, it } from 'vitest';
import { firstStreamDivergence } from '../../src/backends/streamDivergence.ts';
import { firstDivergence } from '../../src/backends/transcript.ts';

/** `lines` in batches of the given sizes (cycled), recording whether the consumer closed it. */
function batches(lines: string[], sizes: number[]): AsyncIterable<string[]> & { closed: boolean; taken: number } {
  const source = {
    closed: false,
    taken: 0,
    async *[Symbol.asyncIterator]() {
      try {
        for (let i = 0, k = 0; i < lines.length; k++) {
          const size = sizes[k % sizes.length]!;
          source.taken += size;
          yield lines.slice(i, i + size);
          i += size;
        }
      } finally {
        source.closed = true;
      }
    },
  };
  return source;
}

const lines = (n: number, prefix = 'L') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('firstStreamDivergence', () => {
  it.each([
    ['agree', lines(50), lines(50)],
    ['differ in the middle', lines(50), [...lines(20), 'X', ...lines(50).slice(21)]],
    ['left shorter', lines(30), lines(50)],
    ['right shorter', lines(50), lines(3)],
    ['both empty', [], []],
    ['differ at the first line', ['a'], ['b']],
    ['CRASH lines compare by their first word', [...lines(5), 'CRASH signal 11'], [...lines(5), 'CRASH asan: SEGV']],
  ])('finds what firstDivergence finds: %s, whatever the batch sizes', async (_what, left, right) => {
    const expected = firstDivergence(left, right);
    for (const [a, b] of [[[1], [7]], [[13], [2, 5]], [[100], [1]]] as const) {
      const found = await firstStreamDivergence(batches(left, [...a]), batches(right, [...b]), 3);
      expect(found?.divergence ?? null).toEqual(expected);
      if (expected) expect(found!.context).toEqual(left.slice(Math.max(0, expected.index - 3), expected.index));
    }
  });

  it('stops early at a divergence and closes both sources', async () => {
    const left = batches(lines(100_000), [10]);
    const right = batches(['L0', 'X', ...lines(100_000).slice(2)], [10]);
    const found = await firstStreamDivergence(left, right, 3);
    expect(found!.divergence.index).toBe(1);
    expect(left.taken).toBeLessThan(100);
    expect(left.closed && right.closed).toBe(true);
  });
});
