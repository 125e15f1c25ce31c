/**
 * "Nice numbers" for chart axes (Heckbert, Graphics Gems I): an axis from 0 to a round top
 * with 1-2-5 steps, so tick labels read 0, 250, 500 rather than 0, 237, 474.
 */

/** A linear axis from 0 to `top`, ticked every `step`. @public */
export interface NiceScale {
  readonly top: number;
  readonly step: number;
  readonly ticks: readonly number[];
}

function niceNumber(x: number, round: boolean): number {
  const exponent = Math.floor(Math.log10(x));
  const fraction = x / 10 ** exponent;
  let nice: number;
  if (round) nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * 10 ** exponent;
}

/** Options of `niceScale`. @public */
export interface NiceScaleOptions {
  /** About how many intervals between ticks (default 4). */
  readonly intervals?: number;
  /** Steps of at least 1: counts have no fractional ticks. */
  readonly integer?: boolean;
  /** End the axis at `max` itself rather than at the next tick (for time: no empty future). */
  readonly tight?: boolean;
}

/**
 * An axis covering [0, max] with about `intervals` steps of 1, 2 or 5 times a power of ten. A
 * max that is 0, negative or not finite (empty data) gives the axis 0..1, so scaling never
 * divides by zero.
 * @public
 */
export function niceScale(max: number, { intervals = 4, integer = false, tight = false }: NiceScaleOptions = {}): NiceScale {
  const span = Number.isFinite(max) && max > 0 ? max : 1;
  let step = niceNumber(span / Math.max(1, intervals), true);
  if (integer) step = Math.max(1, Math.round(step));
  const count = tight ? Math.max(1, Math.floor(span / step + 1e-9)) : Math.max(1, Math.ceil(span / step - 1e-9));
  const ticks = Array.from({ length: count + 1 }, (_v, i) => Number((i * step).toPrecision(12)));
  const last = ticks[ticks.length - 1] ?? step;
  return { top: tight ? Math.max(span, last) : last, step, ticks };
}
