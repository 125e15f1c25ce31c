/**
 * A line chart of one or two series over a shared x axis from 0. The first axis is on the
 * left; a series with `axis: 'right'` gets its own scale on the right (requests/s and live VAs
 * differ by orders of magnitude). A legend names each series and its axis.
 */
import { PALETTE, frame, line, num, plotTop, text, valueAxis } from './svg.ts';
import { niceScale } from './ticks.ts';

/** One point. @public */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** One series. @public */
export interface LineSeries {
  readonly name: string;
  readonly points: readonly Point[];
  readonly axis?: 'left' | 'right';
}

/** What to draw. @public */
export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly leftLabel: string;
  readonly rightLabel?: string;
  readonly series: readonly LineSeries[];
  readonly note?: string;
  readonly width?: number;
  readonly height?: number;
}

const finite = (p: Point): boolean => Number.isFinite(p.x) && Number.isFinite(p.y);
const maxOf = (values: readonly number[]): number => Math.max(0, ...values);

/** A line chart as one `<svg>` element. @public */
export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 560;
  const height = o.height ?? 280;
  const hasRight = o.series.some((s) => s.axis === 'right');
  const left = 62;
  const right = hasRight ? 62 : 18;
  const top = plotTop(o.note) + 22;
  const bottom = height - 42;
  const plotW = width - left - right;
  const plotH = bottom - top;
  const points = o.series.map((s) => s.points.filter(finite));
  const xScale = niceScale(maxOf(points.flat().map((p) => p.x)), { intervals: Math.max(2, Math.round(plotW / 110)), tight: true });
  const yScale = (axis: 'left' | 'right') =>
    niceScale(maxOf(o.series.flatMap((s, i) => ((s.axis ?? 'left') === axis ? (points[i] ?? []).map((p) => p.y) : []))));
  const leftScale = yScale('left');
  const rightScale = yScale('right');
  const colors = [PALETTE.bar, PALETTE.second, PALETTE.missing, PALETTE.muted];

  const parts = [
    valueAxis(xScale, left, left + plotW, top, bottom, 'bottom', false),
    valueAxis(leftScale, bottom, top, left, left + plotW, 'left'),
  ];
  if (hasRight) parts.push(valueAxis(rightScale, bottom, top, left, left + plotW, 'right', false));
  parts.push(line(left, bottom, left + plotW, bottom, PALETTE.axis), line(left, top, left, bottom, PALETTE.axis));
  if (hasRight) parts.push(line(left + plotW, top, left + plotW, bottom, PALETTE.axis));

  let legendX = left;
  o.series.forEach((s, i) => {
    const color = colors[i % colors.length] ?? PALETTE.bar;
    const scale = s.axis === 'right' ? rightScale : leftScale;
    const sx = (x: number): number => left + (plotW * Math.max(0, x)) / xScale.top;
    const sy = (y: number): number => bottom - (plotH * Math.max(0, y)) / scale.top;
    const pts = points[i] ?? [];
    if (pts.length > 0) {
      const coords = pts.map((p) => `${num(sx(p.x))},${num(sy(p.y))}`).join(' ');
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" points="${coords}"/>`);
      if (pts.length <= 60) {
        for (const p of pts) parts.push(`<circle cx="${num(sx(p.x))}" cy="${num(sy(p.y))}" r="2.5" fill="${color}"/>`);
      }
    }
    const legend = `${s.name}${hasRight ? ` (${s.axis === 'right' ? 'right' : 'left'} axis)` : ''}`;
    const ly = top - 14;
    parts.push(line(legendX, ly - 4, legendX + 18, ly - 4, color, 3), text(legendX + 24, ly, legend));
    legendX += 24 + legend.length * 6.2 + 24;
  });
  if (points.every((p) => p.length === 0)) parts.push(text(left + plotW / 2, top + plotH / 2, 'no samples', { anchor: 'middle', fill: PALETTE.muted, size: 12 }));

  parts.push(text(left + plotW / 2, height - 8, o.xLabel, { anchor: 'middle', fill: PALETTE.axis }));
  parts.push(text(14, top + plotH / 2, o.leftLabel, { anchor: 'middle', fill: PALETTE.axis, rotate: -90 }));
  if (hasRight && o.rightLabel) parts.push(text(width - 12, top + plotH / 2, o.rightLabel, { anchor: 'middle', fill: PALETTE.axis, rotate: 90 }));
  return frame(width, height, o.title, o.note, parts.join('\n'));
}
