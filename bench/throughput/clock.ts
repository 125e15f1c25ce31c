/**
 * Timing and memory helpers of the bench (never used by tests: timings belong here only).
 */
import { performance } from 'node:perf_hooks';

/** Runs `fn` and returns its value with the wall time it took, in ms. @public */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Synchronous {@link timed}. @public */
export function timedSync<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** This process's peak resident set so far, in MB (maxRSS is in KiB). @public */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Collects garbage now, when the process runs with `--expose-gc` (`npm run bench` does): one
 * pass's garbage is then not collected, on the second core, during the next timed pass.
 * @returns whether it could
 * @public
 */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return gc !== undefined;
}
