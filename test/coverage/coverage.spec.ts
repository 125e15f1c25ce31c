import { describe, expect, it } from 'vitest';
import type { FunctionCounts } from '../../src/coverage/coverage.ts';
import { coverageLine, coverageOf, lineCounts, mergeCoverage, percent } from '../../src/coverage/coverage.ts';

const fn = (name: string, startLine: number, calls: number, lines: [number, number, number[]][]): FunctionCounts => ({
  name,
  startLine,
  endLine: startLine + 10,
  calls,
  lines: lines.map(([line, count, branches]) => ({ line, count, branches })),
});

describe('coverage figures', () => {
  it('count a line shared by several functions once, and every branch of every function', () => {
    const c = coverageOf('/x/drm_gpuvm.c', [
      fn('b', 20, 1, [[20, 1, [1, 0]], [21, 0, []]]),
      fn('a_macro', 5, 3, [[5, 3, [2, 1]]]),
      fn('b_macro', 5, 0, [[5, 0, [0, 0]]]),
    ]);
    expect(c.lines).toEqual({ hit: 2, total: 3 });
    expect(c.branches).toEqual({ hit: 3, total: 6 });
    expect(c.functions.map((f) => f.name)).toEqual(['a_macro', 'b_macro', 'b']);
    expect(c.functions[2]).toMatchObject({ lines: { hit: 1, total: 2 }, branches: { hit: 1, total: 2 }, counts: ['20 1 1,0', '21 0'] });
    expect(coverageLine(c)).toBe('coverage of drm_gpuvm.c: lines 2/3 (66.6 %), branches 3/6 (50.0 %)');
  });

  it('read back the counts they write', () => {
    const c = coverageOf('f.c', [fn('f', 1, 2, [[3, 7, [7, 0, 4]], [1, 2, []]])]);
    expect(lineCounts(c.functions[0]!)).toEqual([
      { line: 1, count: 2, branches: [] },
      { line: 3, count: 7, branches: [7, 0, 4] },
    ]);
    expect(() => lineCounts({ name: 'g', counts: ['3 x'] })).toThrow(/coverage of g: bad count entry "3 x"/);
  });

  it('say - for nothing to cover and round down, never up to 100 %', () => {
    expect(percent({ hit: 0, total: 0 })).toBe('-');
    expect(percent({ hit: 999, total: 1000 })).toBe('99.9 %');
    expect(percent({ hit: 1999, total: 2000 })).toBe('99.9 %');
  });
});

describe('mergeCoverage', () => {
  const a = coverageOf('f.c', [fn('f', 1, 1, [[1, 1, [1, 0]], [2, 0, []]]), fn('g', 9, 0, [[9, 0, []]])]);
  const b = coverageOf('f.c', [fn('f', 1, 2, [[1, 2, [0, 2]], [2, 2, []]])]);

  it('adds the counts line by line and branch by branch, and works the figures out again', () => {
    const m = mergeCoverage([a, b]);
    expect(m.functions.find((f) => f.name === 'f')).toMatchObject({ calls: 3, counts: ['1 3 1,2', '2 2'], branches: { hit: 2, total: 2 } });
    expect(m.functions.find((f) => f.name === 'g')).toMatchObject({ calls: 0, counts: ['9 0'] });
    expect(m.lines).toEqual({ hit: 2, total: 3 });
    expect(m.branches).toEqual({ hit: 2, total: 2 });
    expect(mergeCoverage([m])).toEqual(m);
  });

  it('refuses counts of another file or of another build', () => {
    expect(() => mergeCoverage([a, { ...b, file: 'other.c' }])).toThrow(/coverage of other.c cannot be merged with coverage of f.c/);
    const other = coverageOf('f.c', [fn('f', 1, 1, [[1, 1, [1, 0, 0]]])]);
    expect(() => mergeCoverage([a, other])).toThrow(/coverage of f, line 1: 2 branches in one part, 3 in another/);
    expect(() => mergeCoverage([])).toThrow(/nothing to merge/);
  });
});
