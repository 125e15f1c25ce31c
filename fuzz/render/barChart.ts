/**
 * Bar charts: horizontal bars for named categories (long labels fit on the left), vertical
 * columns for short labels and histograms. Bars start at 0 on a nice axis; each bar carries its
 * count, and a bar whose `tone` is `missing` is drawn in red with a red `0` so a gap in
 * coverage is seen at once.
 */
import { formatCompact, formatCount } from './format.ts';
import { CHAR_WIDTH, PALETTE, frame, line, plotTop, rect, text, valueAxis } from './svg.ts';
import { niceScale } from './ticks.ts';

/** One bar. `missing` draws it red; `muted` grey (a zero nobody expects to be non-zero). @public */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly tone?: 'normal' | 'missing' | 'muted';
}

/** What to draw. @public */
export interface BarChartOptions {
  readonly title: string;
  readonly bars: readonly Bar[];
  /** The axis label of the values, e.g. `requests`. */
  readonly valueLabel: string;
  /** The axis label of the categories (vertical charts only). */
  readonly categoryLabel?: string;
  /** A line under the title, e.g. what red means. */
  readonly note?: string;
  /** Vertical columns instead of horizontal bars. */
  readonly vertical?: boolean;
  /** Columns touch (a histogram). */
  readonly adjacent?: boolean;
  readonly width?: number;
}

const fill = (bar: Bar): string => (bar.tone === 'missing' ? PALETTE.missing : bar.tone === 'muted' ? PALETTE.muted : PALETTE.bar);
const safe = (v: number): number => (Number.isFinite(v) && v > 0 ? v : 0);
const tooltip = (bar: Bar): string => `${bar.label}: ${formatCount(bar.value)}${bar.tone === 'missing' ? ' (missing)' : ''}`;

function noData(x: number, y: number): string {
  return text(x, y, 'no data', { anchor: 'middle', fill: PALETTE.muted, size: 12 });
}

function horizontal(o: BarChartOptions): string {
  const width = o.width ?? 540;
  const longest = Math.max(4, ...o.bars.map((b) => b.label.length));
  const left = Math.min(300, Math.round(longest * CHAR_WIDTH + 18));
  const right = 64;
  const top = plotTop(o.note);
  const rowH = 18;
  const plotH = Math.max(1, o.bars.length) * rowH;
  const plotW = Math.max(40, width - left - right);
  const height = top + plotH + 42;
  const scale = niceScale(Math.max(0, ...o.bars.map((b) => safe(b.value))), { integer: true });
  const x = (v: number): number => (plotW * safe(v)) / scale.top;
  const parts = [valueAxis(scale, left, left + plotW, top, top + plotH, 'bottom')];
  o.bars.forEach((bar, i) => {
    const y = top + i * rowH;
    const missing = bar.tone === 'missing';
    parts.push(text(left - 8, y + 13, bar.label, { anchor: 'end', mono: true, fill: bar.tone === 'normal' || !bar.tone ? PALETTE.text : fill(bar) }));
    parts.push(rect(left, y + 3, x(bar.value), rowH - 6, fill(bar), tooltip(bar)));
    parts.push(text(left + x(bar.value) + 5, y + 13, `${formatCount(bar.value)}${missing ? ' missing' : ''}`, { fill: missing ? PALETTE.missing : PALETTE.axis, bold: missing, size: 10 }));
  });
  if (o.bars.length === 0) parts.push(noData(left + plotW / 2, top + 13));
  parts.push(line(left, top, left, top + plotH, PALETTE.axis));
  parts.push(text(left + plotW / 2, height - 8, o.valueLabel, { anchor: 'middle', fill: PALETTE.axis }));
  return frame(width, height, o.title, o.note, parts.join('\n'));
}

function vertical(o: BarChartOptions): string {
  const width = o.width ?? 540;
  const left = 58;
  const right = 14;
  const top = plotTop(o.note) + 8;
  const plotH = 170;
  const plotW = width - left - right;
  const colW = plotW / Math.max(1, o.bars.length);
  const longest = Math.max(1, ...o.bars.map((b) => b.label.length));
  const rotate = longest * CHAR_WIDTH > colW - 2;
  const labelsH = rotate ? Math.min(120, longest * CHAR_WIDTH * 0.72) + 16 : 18;
  const height = top + plotH + labelsH + (o.categoryLabel ? 20 : 4);
  const scale = niceScale(Math.max(0, ...o.bars.map((b) => safe(b.value))), { integer: true });
  const y = (v: number): number => (plotH * safe(v)) / scale.top;
  const bottom = top + plotH;
  const parts = [valueAxis(scale, bottom, top, left, left + plotW, 'left')];
  const barW = o.adjacent ? Math.max(1, colW - 1) : colW * 0.7;
  o.bars.forEach((bar, i) => {
    const cx = left + colW * i + colW / 2;
    const h = y(bar.value);
    const missing = bar.tone === 'missing';
    parts.push(rect(cx - barW / 2, bottom - h, barW, h, fill(bar), tooltip(bar)));
    if (missing || colW >= 26) {
      parts.push(text(cx, bottom - h - 4, formatCompact(bar.value), { anchor: 'middle', size: 10, fill: missing ? PALETTE.missing : PALETTE.axis, bold: missing }));
    }
    parts.push(
      rotate
        ? text(cx + 3, bottom + 12, bar.label, { anchor: 'end', mono: true, rotate: -45, fill: missing ? PALETTE.missing : PALETTE.text })
        : text(cx, bottom + 14, bar.label, { anchor: 'middle', mono: true, fill: missing ? PALETTE.missing : PALETTE.text, bold: missing }),
    );
  });
  if (o.bars.length === 0) parts.push(noData(left + plotW / 2, top + plotH / 2));
  parts.push(line(left, bottom, left + plotW, bottom, PALETTE.axis));
  parts.push(text(14, top + plotH / 2, o.valueLabel, { anchor: 'middle', fill: PALETTE.axis, rotate: -90 }));
  if (o.categoryLabel) parts.push(text(left + plotW / 2, height - 8, o.categoryLabel, { anchor: 'middle', fill: PALETTE.axis }));
  return frame(width, height, o.title, o.note, parts.join('\n'));
}

/** A bar chart as one `<svg>` element. @public */
export function barChart(options: BarChartOptions): string {
  return options.vertical ? vertical(options) : horizontal(options);
}
