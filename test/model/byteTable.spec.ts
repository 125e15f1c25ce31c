import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteTable } from '../../model/byteTable.ts';

describe('ByteTable', () => {
  it('reads 0 where nothing was written, even in a window of 2^31 entries', () => {
    const table = new ByteTable(0x7fff_ffff);
    expect(table.get(0)).toBe(0);
    expect(table.get(0x7fff_fffe)).toBe(0);
    expect([...table.owned()]).toEqual([]);
  });

  it('behaves as a plain array of ids, across page boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 0xffff_ffff })), { maxLength: 200 }), (writes) => {
        const table = new ByteTable(20_001);
        const plain = new Uint32Array(20_001);
        for (const [i, id] of writes) {
          expect(table.replace(i, i + 1, table.get(i), id)).toBe(-1);
          plain[i] = id;
        }
        for (const [i] of writes) for (const j of [i - 1, i, i + 1]) if (j >= 0 && j <= 20_000) expect(table.get(j)).toBe(plain[j]);
        const owned = [...plain.entries()].filter(([, id]) => id !== 0);
        expect([...table.owned()]).toEqual(owned);
      }),
      { seed: 4, numRuns: 200 },
    );
  });

  it('replace and runs agree with plain loops over an array, across pages and unwritten ones', () => {
    const SIZE = 3 * 4096 + 100;
    const span = fc.tuple(fc.integer({ min: 0, max: SIZE }), fc.integer({ min: 0, max: 9000 })).map(([from, n]) => [from, Math.min(SIZE, from + n)] as const);
    const step = fc.tuple(span, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const table = new ByteTable(SIZE);
        const plain = new Uint32Array(SIZE);
        for (const [[from, to], expected, id] of steps) {
          let bad = -1;
          for (let i = from; i < to && bad < 0; i++) {
            if (plain[i] !== expected) bad = i;
            else plain[i] = id;
          }
          expect(table.replace(from, to, expected, id)).toBe(bad);
          const runs: number[] = [];
          table.runs(from, to, (run) => runs.push(run));
          const want: number[] = [];
          for (let i = from; i < to; i++) if (plain[i] !== 0 && plain[i] !== (i > from ? plain[i - 1] : 0)) want.push(plain[i]!);
          expect(runs).toEqual(want);
        }
        expect([...table.owned()]).toEqual([...plain.entries()].filter(([, id]) => id !== 0));
      }),
      { seed: 6, numRuns: 300 },
    );
  });

  it('an unwritten page between two runs of one id ends the first run', () => {
    const table = new ByteTable(3 * 4096);
    expect(table.replace(4090, 4096, 0, 7)).toBe(-1); // up to the end of page 0
    expect(table.replace(8192, 8200, 0, 7)).toBe(-1); // from the start of page 2; page 1 never written
    const runs: number[] = [];
    table.runs(0, 3 * 4096, (id) => runs.push(id));
    expect(runs).toEqual([7, 7]);
  });
});
