/**
 * Telling known from new: a contract violation of the faithful port is *known* when the corrected
 * port (every registered fix) does not show it, and it is attributed to the registered finding
 * whose fix alone makes it disappear.
 */
import { CheckedRunFailure, runChecked } from '../properties/harness.ts';
import { FINDINGS } from '../properties/findings/registry.ts';
import type { Era } from '../src/era/era.ts';
import { SEED_ERA } from '../src/era/era.ts';
import type { Request } from '../src/trace/request.ts';

/** Every registered fix. @public */
export const ALL_FIXES: ReadonlySet<string> = new Set(FINDINGS.map((f) => f.id));

/** No fix: the faithful port. @public */
export const NO_FIXES: ReadonlySet<string> = new Set();

/** The invariant `requests` break on the port of `era` with `fixes`, or null if none. @public */
export function violatedInvariant(requests: readonly Request[], fixes: ReadonlySet<string>, era: Era = SEED_ERA): CheckedRunFailure | null {
  try {
    runChecked(requests, { fixes, era });
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
export function knownFindingOf(requests: readonly Request[], era: Era = SEED_ERA): string | null {
  if (violatedInvariant(requests, ALL_FIXES, era)) return null;
  for (const finding of FINDINGS) {
    if (!violatedInvariant(requests, new Set([finding.id]), era)) return finding.id;
  }
  return [...minimalFixes((fixes) => !violatedInvariant(requests, fixes, era))].join('+');
}

/**
 * A minimal set of registered fixes with which `holds` still holds, given that it holds with
 * every fix: each fix it does not need is dropped (greedy, in id order).
 * @public
 */
export function minimalFixes(holds: (fixes: ReadonlySet<string>) => boolean): ReadonlySet<string> {
  const needed = new Set(ALL_FIXES);
  for (const id of ALL_FIXES) {
    needed.delete(id);
    if (!holds(needed)) needed.add(id);
  }
  return needed;
}

/**
 * The registered finding behind a contract violation of another backend (the C code) at the
 * last request of `requests`: known exactly as on the port. It is GPUVM-x when the port with
 * every registered fix but x's breaks the same invariant at that request (so findings the other
 * backend fixed earlier in the trace do not get in the way), else, when the faithful port breaks
 * it there too, the set of findings whose fixes together remove it. Null (new) when the
 * corrected port breaks the contract too, or the port does not break that invariant there.
 * @public
 */
export function knownFindingOnBackend(requests: readonly Request[], invariant: string, era: Era = SEED_ERA): string | null {
  if (violatedInvariant(requests, ALL_FIXES, era)) return null;
  const last = requests.length - 1;
  const breaksHere = (fixes: ReadonlySet<string>): boolean => {
    const failure = violatedInvariant(requests, fixes, era);
    return failure !== null && failure.index === last && failure.violation.invariant === invariant;
  };
  for (const finding of FINDINGS) {
    if (breaksHere(new Set([...ALL_FIXES].filter((id) => id !== finding.id)))) return finding.id;
  }
  return breaksHere(NO_FIXES) ? knownFindingOf(requests, era) : null;
}
