/**
 * Integer flags, checked and reported by name.
 */
import { excerpt } from '../trace/excerpt.ts';
import { UsageError } from './usage.ts';

/**
 * Parses `--flag` as an integer in `min..max`; undefined gives `fallback`.
 * @throws UsageError naming the flag and the bad value
 * @public
 */
export function intFlag(flag: string, text: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got '${excerpt(text)}'`);
  }
  return value;
}
