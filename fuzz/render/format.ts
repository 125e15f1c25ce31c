/**
 * Number and duration formatting for the rendered reports. Deterministic (no locale): the
 * committed example must render byte for byte the same everywhere. Every function accepts any
 * number and never prints `NaN` or `Infinity`: a non-finite value prints as `–`.
 */

const DASH = '–';

/** `1234567` → `1,234,567`; fractions keep up to `digits` decimals (`12.5`). @public */
export function formatCount(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return DASH;
  const fixed = Math.abs(n).toFixed(digits);
  const [whole = '0', frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = frac?.replace(/0+$/, '');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${trimmed ? `.${trimmed}` : ''}`;
}

const UNITS: readonly (readonly [number, string])[] = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A tick label: `value` with a k/M/G suffix and just enough decimals to tell ticks `step`
 * apart (`0`, `500`, `1k`, `1.5k`, `2M`).
 * @public
 */
export function formatTick(value: number, step: number): string {
  if (!Number.isFinite(value)) return DASH;
  const [unit, suffix] = UNITS.find(([u]) => Math.abs(value) >= u) ?? [1, ''];
  const scaledStep = Number.isFinite(step) && step > 0 ? step / unit : 1;
  const digits = Math.min(3, Math.max(0, Math.ceil(-Math.log10(scaledStep) - 1e-9)));
  const text = (value / unit).toFixed(digits).replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  return `${text === '-0' ? '0' : text}${suffix}`;
}

/** A rate with one decimal below 100 (`12.5`), grouped above (`38,201`). @public */
export function formatRate(n: number): string {
  return formatCount(n, Math.abs(n) < 100 ? 1 : 0);
}

/** `n / total` as a percentage with one decimal (`12.5%`); `–` when total is 0. @public */
export function formatShare(n: number, total: number): string {
  return total > 0 && Number.isFinite(n / total) ? `${((100 * n) / total).toFixed(1)}%` : DASH;
}

/** Seconds as `42.0 s`, `12 min 05 s` or `8 h 02 min`. @public */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return DASH;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (total < 3600) return `${Math.floor(total / 60)} min ${pad(total % 60)} s`;
  return `${Math.floor(total / 3600)} h ${pad(Math.floor((total % 3600) / 60))} min`;
}

/** A short count for labels inside charts: `950`, `1.23k`, `45.6k`, `7.89M`. @public */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  const [unit, suffix] = UNITS.find(([u]) => Math.abs(n) >= u) ?? [1, ''];
  if (unit === 1) return formatCount(n, Number.isInteger(n) ? 0 : 1);
  return `${Number((n / unit).toPrecision(3))}${suffix}`;
}
