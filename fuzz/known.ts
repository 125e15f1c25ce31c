/**
 * Telling known from new: a contract violation of the faithful port is *known* when the corrected
 * port (every registered fix) does not show it, and it is attributed to the registered finding
 * whose fix alone makes it disappear.
 */
import { CheckedRunFailure, runChecked } from '../properties/harness.ts';
import { FINDINGS } from '../properties/findings/registry.ts';
import type { Request } from '../src/trace/request.ts';

/** Every registered fix. @public */
export const ALL_FIXES: ReadonlySet<string> = new Set(FINDINGS.map((f) => f.id));

/** The invariant `requests` break on the port with `fixes`, or null if none. @public */
export function violatedInvariant(requests: readonly Request[], fixes: ReadonlySet<string>): CheckedRunFailure | null {
  try {
    runChecked(requests, { fixes });
    return null;
  } catch (error) {
    if (error instanceof CheckedRunFailure) return error;
    throw error;
  }
}

/**
 * The registered finding behind a faithful-port violation: the id whose fix alone removes it,
 * `GPUVM-…+GPUVM-…` (a minimal set) when only several fixes together do, or null when the
 * corrected port fails too (a new violation).
 * @public
 */
export function knownFindingOf(requests: readonly Request[]): string | null {
  if (violatedInvariant(requests, ALL_FIXES)) return null;
  for (const finding of FINDINGS) {
    if (!violatedInvariant(requests, new Set([finding.id]))) return finding.id;
  }
  // Several findings at once: drop every fix the violation does not need (greedy, in id order).
  const needed = new Set(ALL_FIXES);
  for (const id of ALL_FIXES) {
    needed.delete(id);
    if (violatedInvariant(requests, needed)) needed.add(id);
  }
  return [...needed].join('+');
}
