/**
 * Running one job: generate and check requests with the job's engine, compare the faithful port
 * with the C code, and report each failure the moment it is detected, cut right after its
 * failing request and with the check that recognises it. Jobs never minimize: the campaign
 * stores the raw failure at once and minimizes each signature once, on a budget (campaign.ts).
 */
import fc from 'fast-check';
import type { Backend } from '../src/backends/backend.ts';
import type { Divergence } from '../src/backends/transcript.ts';
import { firstDivergence } from '../src/backends/transcript.ts';
import { runRequests } from '../src/driver/runTrace.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { CheckedRunFailure } from '../properties/harness.ts';
import { concreteRequests, sequences } from '../properties/sequences.ts';
import { cFaultTraces } from './engines/cFaults.ts';
import { propertySequences } from './engines/property.ts';
import { SEQUENCE_LENGTH } from './jobs.ts';
import { runWalk, walkRequests } from './engines/walk.ts';
import type { FailureCheck } from './failureCheck.ts';
import { classOf, lineWord, meetsRegisteredFinding } from './failureCheck.ts';
import { ALL_FIXES, knownFindingOf, violatedInvariant } from './known.ts';
import { recorder } from './record.ts';
import { signatureOf } from './signature.ts';
import { streamCompare } from './streamCompare.ts';
import type { CampaignBackend, JobFailure, JobResult, JobSpec } from './types.ts';
import { emptyStats } from './types.ts';

/** What a job needs besides its spec. @public */
export interface JobContext {
  readonly backend: CampaignBackend;
  /** The C backend of this worker, when the campaign checks C. */
  readonly c: Backend | null;
  /**
   * The C driver executable, to stream walks through (streamCompare.ts); null to send them
   * through `c` whole (sanitizer builds, whose runner isolates each trace).
   */
  readonly cBinary: string | null;
  /** Signatures the campaign has already: failures with these are not reported again. */
  readonly storedSignatures: ReadonlySet<string>;
  /** Sequences per property job. */
  readonly runsPerJob: number;
  /** Called with each failure as soon as it is detected (the campaign stores it at once). */
  readonly report: (failure: JobFailure) => void;
  /** Called as requests are checked: the requests of this job so far and the sequence it is on. */
  readonly progress?: (requests: number, sequence: number) => void;
  /** True when the campaign is being stopped (Ctrl-C, its end): walks stop early. */
  readonly stop?: () => boolean;
}

const NO_FIXES: ReadonlySet<string> = new Set();

/** Separates the fault-injection sequences' seed from the job's own sequences. */
const FAULT_SEED_SALT = 0x5a5a5a5a;

/** How many walk requests pass between looks at the clock and the stop flag. */
const DEADLINE_CHECK_EVERY = 1000;

/** Thrown from inside a walk to end it at the campaign's deadline. */
class DeadlineReached extends Error {}

const lastKind = (requests: readonly Request[]): string => requests.at(-1)?.kind ?? 'none';

/** Runs one job. @public */
export async function runJob(job: JobSpec, ctx: JobContext): Promise<JobResult> {
  const started = Date.now();
  const stats = emptyStats();
  const observe = recorder(stats);
  const seen = new Set(ctx.storedSignatures);
  const checkTs = ctx.backend !== 'c';
  const forC: Request[][] = [];
  let failures = 0;
  const report = (failure: JobFailure): void => {
    if (seen.has(failure.signature)) return;
    seen.add(failure.signature);
    failures++;
    ctx.report(failure);
  };

  /** `failure.requests` ends at the request that failed: that is the raw trace. */
  const onInvariantFailure = (failure: CheckedRunFailure, fixes: 'all' | 'none'): void => {
    const requests = failure.requests;
    // A failure of the corrected port is new by definition; asking would cost long walks dearly.
    const known = fixes === 'all' ? null : knownFindingOf(requests);
    const invariant = failure.violation.invariant;
    const check: FailureCheck = { kind: 'invariant', invariant, fixes: known === null ? 'all' : 'none' };
    report({
      class: 'invariant',
      what: invariant,
      detail: failure.violation.message,
      trace: formatTrace(requests),
      signature: signatureOf({ class: 'invariant', what: invariant, requestKind: lastKind(requests), known }),
      known,
      job: job.index,
      check,
      files: {},
    });
  };

  // The engines explore on the corrected port, so a known finding does not end a sequence or a
  // walk early; anything it violates is new. Short property sequences are then replayed on the
  // faithful port as well, which is how known findings show up in reports.
  if (job.engine === 'property') {
    let sequence = 0;
    for (const { requests, failure } of propertySequences(job.seed, ctx.runsPerJob, job.maxRequests, { fixes: ALL_FIXES, observe })) {
      stats.sequences++;
      ctx.progress?.(stats.requests, ++sequence);
      if (checkTs) {
        if (failure) onInvariantFailure(failure, 'all');
        else {
          const faithful = violatedInvariant(requests, NO_FIXES);
          if (faithful) onInvariantFailure(faithful, 'none');
        }
      }
      if (ctx.c) forC.push([...requests]);
    }
  } else {
    const stopped = (): boolean => (job.deadline !== undefined && Date.now() > job.deadline) || ctx.stop?.() === true;
    if (ctx.c && ctx.cBinary) {
      // First, as it is the faster check and finds C bugs early: C against the faithful port.
      const generate = (n: number) => () => walkRequests(job.seed, { requests: n });
      const { divergence } = await streamCompare(ctx.cBinary, generate(job.maxRequests), job.maxRequests, stopped);
      if (divergence) reportDivergence(job, divergence, [...generate(divergence.request + 1)()], report);
    }
    stats.sequences++;
    let walked = 0;
    const timedObserve: typeof observe = (request, result, liveVas, fullCheck) => {
      observe(request, result, liveVas, fullCheck);
      if (++walked % DEADLINE_CHECK_EVERY === 0) {
        ctx.progress?.(walked, 0);
        if (stopped()) throw new DeadlineReached();
      }
    };
    try {
      runWalk(job.seed, { requests: job.maxRequests, fixes: ALL_FIXES, observe: timedObserve });
    } catch (error) {
      if (error instanceof CheckedRunFailure) {
        if (checkTs) onInvariantFailure(error, 'all');
      } else if (!(error instanceof DeadlineReached)) throw error;
    }
    ctx.progress?.(walked, 0);
    if (ctx.c && !ctx.cBinary) forC.push([...walkRequests(job.seed, { requests: Math.min(job.maxRequests, walked) })]);
  }

  if (ctx.c && !ctx.stop?.()) {
    // The model cannot follow fault injection, but C and the faithful port must agree under it.
    const faulty = fc.sample(sequences(SEQUENCE_LENGTH, true), { seed: job.seed ^ FAULT_SEED_SALT, numRuns: Math.ceil(ctx.runsPerJob / 5) });
    forC.push(...faulty.map(concreteRequests), ...cFaultTraces(job.seed ^ FAULT_SEED_SALT, Math.ceil(ctx.runsPerJob / 5), SEQUENCE_LENGTH));
    await compareWithC(job, ctx.c, forC, report);
  }
  return { job, stats, failures, elapsedMs: Date.now() - started };
}

/** Runs the job's traces on C and the faithful port; each disagreement is reported, cut after its request. */
async function compareWithC(job: JobSpec, c: Backend, traces: Request[][], report: (failure: JobFailure) => void): Promise<void> {
  const cOut = await c.runTraces(traces.map((t) => formatTrace(t)));
  for (const [i, requests] of traces.entries()) {
    const tsLines = runRequests(requests);
    const divergence = firstDivergence(tsLines, cOut[i]!);
    if (divergence) reportDivergence(job, divergence, requests.slice(0, requestIndexAtLine(tsLines, divergence.index) + 1), report);
  }
}

/** Reports a disagreement of C and the port; `cut` ends with the request it showed at. */
function reportDivergence(job: JobSpec, divergence: Divergence, cut: Request[], report: (failure: JobFailure) => void): void {
  {
    const cls = classOf(divergence.right, divergence.left);
    const what = lineWord(divergence.right);
    const check: FailureCheck = { kind: 'c', class: cls, what, avoidKnown: !meetsRegisteredFinding(cut) };
    report({
      class: cls,
      what: cls === 'divergence' ? what : 'c',
      detail: `line ${divergence.index + 1}: ts '${divergence.left ?? '<end>'}' vs c '${divergence.right ?? '<end>'}'`,
      trace: formatTrace(cut),
      signature: signatureOf({ class: cls, what: cls === 'divergence' ? what : 'c', requestKind: cut.at(-1)?.kind ?? 'none', known: null }),
      known: null,
      job: job.index,
      check,
      files: {},
    });
  }
}

/** The index of the request whose output contains transcript line `index` (past the end: the last). */
function requestIndexAtLine(lines: readonly string[], index: number): number {
  let requests = 0;
  for (let i = 0; i <= Math.min(index, lines.length - 1); i++) if (lines[i]!.startsWith('> ')) requests++;
  return Math.max(0, requests - 1);
}
