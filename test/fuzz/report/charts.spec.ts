import { describe, expect, it } from 'vitest';
import { barChart } from '../../../fuzz/render/barChart.ts';
import { escapeHtml } from '../../../fuzz/render/escape.ts';
import { formatCompact, formatCount, formatDuration, formatTick } from '../../../fuzz/render/format.ts';
import { lineChart } from '../../../fuzz/render/lineChart.ts';
import { mdCode, mdText } from '../../../fuzz/render/markdown.ts';
import { niceScale } from '../../../fuzz/render/ticks.ts';

describe('niceScale', () => {
  it.each([
    [217_988, [0, 50_000, 100_000, 150_000, 200_000, 250_000]],
    [7316, [0, 2000, 4000, 6000, 8000]],
    [3, [0, 1, 2, 3]],
    [0, [0, 1]],
    [Number.NaN, [0, 1]],
  ])('covers 0..%d with 1-2-5 ticks', (max, ticks) => {
    const scale = niceScale(max, { integer: true });
    expect(scale.ticks).toEqual(ticks);
    expect(scale.top).toBe(ticks.at(-1));
  });

  it('ends a tight axis at the maximum itself', () => {
    const scale = niceScale(60.1, { intervals: 6, tight: true });
    expect(scale.ticks).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(scale.top).toBe(60.1);
  });

  it('gives fractional steps without float noise', () => {
    expect(niceScale(0.7).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
});

describe('number formatting', () => {
  it('groups, shortens and never prints NaN or Infinity', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(-1234.5, 1)).toBe('-1,234.5');
    expect(formatCount(Number.NaN)).toBe('–');
    expect(formatTick(1500, 500)).toBe('1.5k');
    expect(formatTick(2_000_000, 1_000_000)).toBe('2M');
    expect(formatTick(0.4, 0.2)).toBe('0.4');
    expect(formatCompact(217_988)).toBe('218k');
    expect(formatCompact(950)).toBe('950');
    expect(formatDuration(42)).toBe('42.0 s');
    expect(formatDuration(725)).toBe('12 min 05 s');
    expect(formatDuration(8 * 3600 + 120)).toBe('8 h 02 min');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('escaping', () => {
  it('escapes HTML text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('fences Markdown code spans past any backticks inside and escapes cell pipes', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a | b\nc')).toBe('`a \\| b c`');
    expect(mdText('<b>*x*</b> | y')).toBe('&lt;b&gt;\\*x\\*&lt;/b&gt; \\| y');
  });
});

describe('charts', () => {
  it('draw nothing but axes and a notice when there is no data', () => {
    const bars = barChart({ title: 'Empty', bars: [], valueLabel: 'n' });
    const lines = lineChart({ title: 'Nothing', xLabel: 't', leftLabel: 'y', series: [{ name: 'a', points: [] }] });
    expect(bars).toContain('no data');
    expect(lines).toContain('no samples');
    expect(bars + lines).not.toMatch(/NaN|Infinity/);
  });

  it('scale bars to the axis: the largest bar reaches its share of the plot', () => {
    const svg = barChart({ title: 'T', valueLabel: 'n', bars: [{ label: 'a', value: 100 }, { label: 'b', value: 50 }] });
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"[^>]*><title>/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]! / widths[1]!).toBeCloseTo(2, 1);
  });

  it('put a single sample on the chart', () => {
    const svg = lineChart({ title: 'One', xLabel: 't', leftLabel: 'y', series: [{ name: 'a', points: [{ x: 2, y: 5 }] }] });
    expect(svg).toMatch(/<circle cx="[\d.]+" cy="[\d.]+"/);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
