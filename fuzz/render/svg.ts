/**
 * SVG building blocks shared by the charts: the frame with its title, text, lines, numbers
 * safe to put in coordinates, and the value axis. Charts use presentation attributes rather
 * than CSS, so each `<svg>` also renders on its own, and every text goes through `escapeHtml`.
 */
import { escapeHtml } from './escape.ts';
import { formatTick } from './format.ts';
import type { NiceScale } from './ticks.ts';

/** Colours: data, second series, missing, zero/muted, grid, axis, text. @public */
export const PALETTE = {
  bar: '#3366a8',
  second: '#d9822b',
  missing: '#c62828',
  muted: '#9e9e9e',
  grid: '#e3e3e3',
  axis: '#666666',
  text: '#222222',
} as const;

/** Monospace labels, so their width can be estimated: about this many pixels a character. @public */
export const CHAR_WIDTH = 6.6;

const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

/** A coordinate: one decimal, 0 for anything not finite (so no `NaN` reaches the markup). @public */
export function num(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 10) / 10) : '0';
}

/** Options of a text element. @public */
export interface TextOptions {
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly size?: number;
  readonly fill?: string;
  readonly mono?: boolean;
  readonly bold?: boolean;
  readonly rotate?: number;
}

/** A `<text>` at (x, y) holding `content`, escaped. @public */
export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  const attrs = [
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    o.size ? `font-size="${o.size}"` : '',
    o.fill ? `fill="${o.fill}"` : '',
    o.mono ? `font-family="${MONO}"` : '',
    o.bold ? 'font-weight="bold"' : '',
    o.rotate ? `transform="rotate(${o.rotate} ${num(x)} ${num(y)})"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeHtml(content)}</text>`;
}

/** A straight line. @public */
export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}" stroke-width="${width}"/>`;
}

/** A filled rectangle, with an optional tooltip. @public */
export function rect(x: number, y: number, w: number, h: number, fill: string, tooltip?: string): string {
  const tip = tooltip === undefined ? '' : `<title>${escapeHtml(tooltip)}</title>`;
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}" fill="${fill}">${tip}</rect>`;
}

/**
 * A whole chart: `<svg>` with an accessible `<title>`, the visible title, an optional note
 * under it (the plot starts at `plotTop(note)`), and `body`.
 * @public
 */
export function frame(width: number, height: number, title: string, note: string | undefined, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="img" font-family="${SANS}" font-size="11" fill="${PALETTE.text}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<rect x="0" y="0" width="${num(width)}" height="${num(height)}" fill="#ffffff"/>`,
    text(12, 20, title, { size: 14, bold: true }),
    note ? text(12, 37, note, { size: 11, fill: PALETTE.axis }) : '',
    body,
    '</svg>',
  ].join('\n');
}

/** The y where the plot of a chart with or without a note starts. @public */
export function plotTop(note: string | undefined): number {
  return note ? 54 : 38;
}

/**
 * Tick marks, grid lines and labels of a value axis mapped onto [from, to] (pixels), drawn
 * across the plot from `cross0` to `cross1` (the other axis). `side` says where the labels go.
 * @public
 */
export function valueAxis(
  scale: NiceScale,
  from: number,
  to: number,
  cross0: number,
  cross1: number,
  side: 'left' | 'right' | 'bottom',
  grid = true,
): string {
  const parts: string[] = [];
  for (const tick of scale.ticks) {
    const p = from + ((to - from) * tick) / scale.top;
    const label = formatTick(tick, scale.step);
    if (side === 'bottom') {
      if (grid) parts.push(line(p, cross0, p, cross1, PALETTE.grid));
      parts.push(text(p, cross1 + 14, label, { anchor: 'middle', fill: PALETTE.axis }));
    } else {
      if (grid) parts.push(line(cross0, p, cross1, p, PALETTE.grid));
      const x = side === 'left' ? cross0 - 6 : cross1 + 6;
      parts.push(text(x, p + 4, label, { anchor: side === 'left' ? 'end' : 'start', fill: PALETTE.axis }));
    }
  }
  return parts.join('\n');
}
