/**
 * Durations on the command line: `90`, `30s`, `5m`, `8h`, `1h30m`.
 */
import { excerpt } from '../trace/excerpt.ts';
import { UsageError } from './usage.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration into milliseconds; a bare number means seconds.
 * @throws UsageError naming the flag
 * @public
 */
export function parseDuration(flag: string, text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UsageError(`--${flag} must be a duration like 30s, 5m, 8h or 1h30m, got '${excerpt(text)}'`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}

/** Milliseconds as `parseDuration` reads them back, in the largest units that fit: `90000` → `1m30s`. @public */
export function formatDurationFlag(ms: number): string {
  let rest = ms;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const n = Math.floor(rest / UNIT_MS[unit]!);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * UNIT_MS[unit]!;
  }
  return text === '' ? '0s' : text;
}
