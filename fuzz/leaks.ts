/**
 * Telling a sanitizer build's leak report apart: LeakSanitizer ends a C transcript with
 * `CRASH leak: <bytes> bytes in <n> allocations` where the port's transcript simply ends, so no
 * port prints what C prints and the usual "the port with one registered fix prints what C
 * prints" cannot recognise a registered leak (GPUVM-001, in every tree checked). The port keeps
 * count instead: C leaking as many allocations as the faithful port leaves live, where the port
 * with one registered fix leaves none, is that finding, present in this source.
 */
import { FINDINGS } from '../properties/findings/registry.ts';
import type { Divergence } from '../src/backends/transcript.ts';
import { TsDriver } from '../src/driver/tsDriver.ts';
import type { Era } from '../src/era/era.ts';
import type { Request } from '../src/trace/request.ts';
import { NO_FIXES } from './known.ts';

const LEAK_REPORT = /^CRASH leak: \d+ bytes in (\d+) allocations?$/;

/** Library allocations the port with `fixes` leaves live after `requests`; null when the port crashes. */
function leftLive(requests: readonly Request[], fixes: ReadonlySet<string>, era: Era): number | null {
  const driver = new TsDriver({ fixes, era });
  try {
    for (const request of requests) driver.execute(request);
  } catch {
    return null;
  }
  return driver.liveAllocations;
}

/**
 * The registered finding whose leak C reports at the end of `requests` (the divergence is C's
 * leak report where the port's transcript ended), or null when the leak is not one: a different
 * count, a faithful port that leaks nothing, or no single registered fix that stops it.
 * @public
 */
export function registeredLeakOf(divergence: Divergence, requests: readonly Request[], era: Era): string | null {
  const report = divergence.left === undefined ? LEAK_REPORT.exec(divergence.right ?? '') : null;
  if (!report) return null;
  const leaked = leftLive(requests, NO_FIXES, era);
  if (leaked === null || leaked !== Number(report[1])) return null;
  return FINDINGS.find((f) => leftLive(requests, new Set([f.id]), era) === 0)?.id ?? null;
}
