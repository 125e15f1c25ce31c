/**
 * What "still the same failure" means for one finding, as plain data: it travels from the job
 * that detected the failure to whichever worker minimizes it, and is stored beside the finding
 * so that `--resume` can go on minimizing it.
 *
 * Candidates are checked the way walks check: ops, statuses, lookups and leaks after every
 * request, whole states spaced (WALK_FULL_CHECK_EVERY, amortized by live VAs) and always after
 * the last request. A candidate therefore costs time linear in its length, never quadratic, and
 * a failure the minimizer cut its trace after is always seen (the last request gets the full
 * check).
 */
import type { Backend } from '../src/backends/backend.ts';
import { firstDivergence } from '../src/backends/transcript.ts';
import { runRequests } from '../src/driver/runTrace.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { CheckedRunFailure, runChecked } from '../properties/harness.ts';
import { walkChecks } from './engines/walk.ts';
import { ALL_FIXES } from './known.ts';
import type { FailureClass } from './types.ts';

/** The predicate of one finding, serializable. @public */
export type FailureCheck =
  /** The port with no fixes (`none`, a known finding) or all of them (`all`) breaks `invariant`. */
  | { readonly kind: 'invariant'; readonly invariant: string; readonly fixes: 'none' | 'all' }
  /**
   * C and the faithful port disagree the same way: the same class and first word of C's line.
   * `avoidKnown`: candidates on which the faithful port meets a registered finding are refused
   * (the original did not, and the reproducer must stay one of this bug).
   */
  | { readonly kind: 'c'; readonly class: FailureClass; readonly what: string; readonly avoidKnown: boolean };

const NO_FIXES: ReadonlySet<string> = new Set();

/**
 * The invariant `requests` break on the port with `fixes`, checked as walks check (linear time),
 * or null if none.
 * @public
 */
export function spacedViolation(requests: readonly Request[], fixes: ReadonlySet<string>): CheckedRunFailure | null {
  try {
    runChecked(requests, walkChecks({ fixes }));
    return null;
  } catch (error) {
    if (error instanceof CheckedRunFailure) return error;
    throw error;
  }
}

/** Whether the faithful port breaks the contract on `requests` only where a registered fix helps. @public */
export function meetsRegisteredFinding(requests: readonly Request[]): boolean {
  return spacedViolation(requests, NO_FIXES) !== null && spacedViolation(requests, ALL_FIXES) === null;
}

/** The first word of a transcript line, as the `what` of a divergence. @public */
export function lineWord(line: string | undefined): string {
  return line === undefined ? 'end' : (line.split(' ')[0] ?? 'empty');
}

/** How a C line that differs from the port's is classified. @public */
export function classOf(cLine: string | undefined, tsLine: string | undefined): FailureClass {
  if (cLine === 'CRASH timeout') return 'hang';
  if (cLine?.startsWith('CRASH') && !tsLine?.startsWith('CRASH')) return /asan|ubsan|leak|sanitizer/i.test(cLine) ? 'sanitizer' : 'crash';
  return 'divergence';
}

/**
 * The predicate of `check`.
 * @param c - the C backend (needed for `kind: 'c'`)
 * @public
 */
export function stillFailsFor(check: FailureCheck, c: Backend | null): (candidate: Request[]) => Promise<boolean> {
  if (check.kind === 'invariant') {
    const fixes = check.fixes === 'all' ? ALL_FIXES : NO_FIXES;
    return async (cand) => spacedViolation(cand, fixes)?.violation.invariant === check.invariant;
  }
  if (!c) throw new Error('a C finding needs the C backend to be minimized');
  return async (cand) => {
    const [cLines] = await c.runTraces([formatTrace(cand)]);
    const d = firstDivergence(runRequests(cand), cLines!);
    if (d === null || classOf(d.right, d.left) !== check.class || lineWord(d.right) !== check.what) return false;
    // Last, as it is the dearest part (two checked runs of the port).
    return !(check.avoidKnown && meetsRegisteredFinding(cand));
  };
}
