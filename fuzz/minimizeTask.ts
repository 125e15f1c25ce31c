/**
 * Minimizing one stored finding: the unit of work a campaign hands to a worker once per
 * signature. Bounded by a wall-clock budget and the campaign's end; what it reaches is stored in
 * place of the finding's trace, marked partial when it was cut short.
 */
import type { Backend } from '../src/backends/backend.ts';
import { firstDivergence, transcriptText } from '../src/backends/transcript.ts';
import { runRequests } from '../src/driver/runTrace.ts';
import { parseTrace } from '../src/trace/parse.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { ModelNotApplicable, runModel } from '../model/modelDriver.ts';
import type { Era } from '../src/era/era.ts';
import { checkCAgainstContract, checkCutOnC, singleRunner } from './cContract.ts';
import { eraOf } from './eraRecord.ts';
import type { FailureCheck } from './failureCheck.ts';
import { spacedViolation, stillFailsFor } from './failureCheck.ts';
import { ALL_FIXES, knownFindingOf, knownFindingOnBackend, NO_FIXES } from './known.ts';
import { minimizeTraceDetailed, NotReproducedError } from './minimize.ts';
import { signatureOf } from './signature.ts';

/** A finding to minimize. @public */
export interface MinimizeTask {
  readonly signature: string;
  readonly check: FailureCheck;
  /** The finding's trace as stored (canonical text, without its comment line). */
  readonly trace: string;
  readonly known: string | null;
  /** Epoch milliseconds at which to stop and keep the best trace so far. */
  readonly stopAt: number;
}

/** What a minimization reached. @public */
export interface MinimizeOutcome {
  /** The signature the minimized trace has; a known finding's may name fewer registered ids. */
  readonly signature: string;
  readonly known: string | null;
  readonly trace: string;
  readonly detail: string;
  readonly files: Readonly<Record<string, string>>;
  /** False when the budget, the campaign's end or Ctrl-C cut it short. */
  readonly complete: boolean;
  readonly tests: number;
  /**
   * The check of the minimized trace when it is no longer the task's: a difference from the
   * faithful port met past a registered finding, which the contract could not judge there, and
   * which the contract decides once minimized without it (an invariant broken on C).
   */
  readonly check?: FailureCheck;
}

function expectedText(requests: readonly Request[], era: Era): string {
  try {
    return transcriptText(runModel(requests, era));
  } catch (error) {
    if (error instanceof ModelNotApplicable) return `(the documented contract says nothing here: ${error.message})\n`;
    throw error;
  }
}

/** The canonical text of a stored trace, comment lines dropped. @public */
export function traceRequests(text: string): Request[] {
  return parseTrace(text).map((p) => p.request);
}

/**
 * The detail line and the files stored beside a finding's trace (transcripts and what was
 * expected), for `requests` as the trace.
 * @public
 */
export async function findingFiles(
  check: FailureCheck,
  requests: readonly Request[],
  known: string | null,
  c: Backend | null,
): Promise<{ detail: string; files: Record<string, string> }> {
  const era = eraOf(check.era);
  if (check.kind === 'invariant') {
    const fixes = check.fixes === 'all' ? ALL_FIXES : NO_FIXES;
    const violation = spacedViolation(requests, fixes, era)?.violation;
    const detail = violation?.message ?? `${check.invariant}: did not reproduce`;
    return {
      detail,
      files: {
        'ts.transcript': transcriptText(runRequests(requests, { fixes, era })),
        ...(c && known !== null ? { 'c.transcript': transcriptText((await c.runTraces([formatTrace(requests)]))[0]!) } : {}),
        'expected.txt': `${detail}\n\nthe documented contract (naive model) gives:\n${expectedText(requests, era)}`,
      },
    };
  }
  const [cLines] = await c!.runTraces([formatTrace(requests)]);
  const tsLines = runRequests(requests, { era });
  if (check.kind === 'c-invariant') {
    const violation = (await checkCAgainstContract(requests, singleRunner(c!), era, 'spaced')).failure?.violation;
    const detail = violation ? `C code: ${violation.message}` : `C code: ${check.invariant}: did not reproduce`;
    return {
      detail,
      files: {
        'c.transcript': transcriptText(cLines!),
        'ts.transcript': transcriptText(tsLines),
        'expected.txt': `${detail}\n\nthe documented contract (naive model, ${era.label} era) gives:\n${expectedText(requests, era)}`,
      },
    };
  }
  const d = firstDivergence(tsLines, cLines!);
  return {
    detail: d ? `line ${d.index + 1}: ts '${d.left ?? '<end>'}' vs c '${d.right ?? '<end>'}'` : 'did not reproduce after minimisation',
    files: {
      'ts.transcript': transcriptText(tsLines),
      'c.transcript': transcriptText(cLines!),
      'expected.txt': `where the documented contract does not decide, the C code must print what the faithful TypeScript port of the ${era.label} era prints: identical transcripts\n`,
    },
  };
}

/**
 * Minimizes a finding until it is 1-minimal, its budget is spent or `stop` says so.
 * @param onProgress - told predicate calls and the best length so far
 * @public
 */
export async function runMinimizeTask(
  task: MinimizeTask,
  c: Backend | null,
  stop: () => boolean,
  onProgress?: (tests: number, requests: number) => void,
): Promise<MinimizeOutcome> {
  const requests = traceRequests(task.trace);
  let result;
  try {
    result = await minimizeTraceDetailed(requests, stillFailsFor(task.check, c), {
      stop: () => Date.now() >= task.stopAt || stop(),
      ...(onProgress ? { onProgress } : {}),
    });
  } catch (error) {
    if (!(error instanceof NotReproducedError)) throw error;
    // The finding stays as detected, the whole trace kept: it failed in its job, so it is real,
    // but only together with what ran before it in that backend process.
    const { files } = await findingFiles(task.check, requests, task.known, c);
    const detail = 'did not fail when replayed alone: the failure depends on what ran before it in the same backend process (its job)';
    return { signature: task.signature, known: task.known, trace: formatTrace(requests), detail, files, complete: true, tests: 1 };
  }
  const minimized = result.requests;
  let { signature, known } = task;
  const era = eraOf(task.check.era);
  if (task.check.kind !== 'c' && known !== null) {
    // The long trace may have met several registered findings at once; the minimised one names its own.
    const onC = task.check.kind === 'c-invariant';
    known = onC ? knownFindingOnBackend(minimized, task.check.invariant, era) : knownFindingOf(minimized, era);
    const kind = minimized.at(-1)?.kind ?? 'none';
    signature = signatureOf({ class: 'invariant', what: task.check.invariant, requestKind: kind, known, ...(onC ? { backend: 'c' as const } : {}) });
  }
  const judged = task.check.kind === 'c' && c !== null ? await judgedByContract(minimized, c, task.check) : null;
  if (judged) {
    const { detail, files } = await findingFiles(judged.check, minimized, null, c);
    return { signature: judged.signature, known: null, trace: formatTrace(minimized), detail, files, complete: result.complete, tests: result.tests, check: judged.check };
  }
  const { detail, files } = await findingFiles(task.check, minimized, known, c);
  return { signature, known, trace: formatTrace(minimized), detail, files, complete: result.complete, tests: result.tests };
}

/**
 * A minimized difference from the faithful port that the contract decides: C breaks an
 * invariant, new (no port with a registered finding explains it), at the trace's last request,
 * where C and the port differ. The campaign reports such a difference as that invariant when it
 * meets it so (job.ts), and a finding is named the same whichever way it was met.
 */
async function judgedByContract(minimized: readonly Request[], c: Backend, check: FailureCheck): Promise<{ check: FailureCheck; signature: string } | null> {
  const era = eraOf(check.era);
  const { failure } = await checkCutOnC(minimized, singleRunner(c), era);
  if (!failure || failure.requests.length !== minimized.length) return null;
  const { invariant } = failure.violation;
  if (knownFindingOnBackend(minimized, invariant, era) !== null) return null;
  const kind = minimized.at(-1)?.kind ?? 'none';
  return {
    check: { kind: 'c-invariant', invariant, avoidKnown: true, ...(check.era ? { era: check.era } : {}) },
    signature: signatureOf({ class: 'invariant', what: invariant, requestKind: kind, known: null, backend: 'c' }),
  };
}
