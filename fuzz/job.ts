/**
 * Running one job: generate and check requests with the job's engine, compare the faithful port
 * with the C code, and turn each failure with a signature not yet stored into a minimised,
 * self-contained finding.
 */
import fc from 'fast-check';
import type { Backend } from '../src/backends/backend.ts';
import { firstDivergence, transcriptText } from '../src/backends/transcript.ts';
import { runRequests } from '../src/driver/runTrace.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { ModelNotApplicable, runModel } from '../model/modelDriver.ts';
import { CheckedRunFailure } from '../properties/harness.ts';
import { concreteRequests, sequences } from '../properties/sequences.ts';
import { propertySequences } from './engines/property.ts';
import { SEQUENCE_LENGTH } from './jobs.ts';
import { runWalk, walkRequests } from './engines/walk.ts';
import { ALL_FIXES, knownFindingOf, violatedInvariant } from './known.ts';
import { minimizeTrace } from './minimize.ts';
import { recorder } from './record.ts';
import { signatureOf } from './signature.ts';
import type { CampaignBackend, FailureClass, JobFailure, JobResult, JobSpec } from './types.ts';
import { emptyStats } from './types.ts';

/** What a job needs besides its spec. @public */
export interface JobContext {
  readonly backend: CampaignBackend;
  /** The C backend of this worker, when the campaign checks C. */
  readonly c: Backend | null;
  /** Signatures already stored by the campaign: failures with these are counted, not minimised. */
  readonly storedSignatures: ReadonlySet<string>;
  /** Sequences per property job. */
  readonly runsPerJob: number;
}

const NO_FIXES: ReadonlySet<string> = new Set();

/** Separates the fault-injection sequences' seed from the job's own sequences. */
const FAULT_SEED_SALT = 0x5a5a5a5a;

/** How many walk requests pass between looks at the clock. */
const DEADLINE_CHECK_EVERY = 1000;

/** Thrown from inside a walk to end it at the campaign's deadline. */
class DeadlineReached extends Error {}

const lastKind = (requests: readonly Request[]): string => requests.at(-1)?.kind ?? 'none';

function expectedText(requests: readonly Request[]): string {
  try {
    return transcriptText(runModel(requests));
  } catch (error) {
    if (error instanceof ModelNotApplicable) return `(the documented contract says nothing here: ${error.message})\n`;
    throw error;
  }
}

/** Runs one job. @public */
export async function runJob(job: JobSpec, ctx: JobContext): Promise<JobResult> {
  const started = Date.now();
  const stats = emptyStats();
  const observe = recorder(stats);
  const failures: JobFailure[] = [];
  const seen = new Set(ctx.storedSignatures);
  const checkTs = ctx.backend !== 'c';
  const forC: Request[][] = [];

  const onInvariantFailure = async (failure: CheckedRunFailure): Promise<void> => {
    const requests = failure.requests;
    const known = knownFindingOf(requests);
    const invariant = failure.violation.invariant;
    const signature = signatureOf({ class: 'invariant', what: invariant, requestKind: lastKind(requests), known });
    if (seen.has(signature)) return;
    seen.add(signature);
    const fixes = known ? new Set<string>() : ALL_FIXES;
    const minimized = await minimizeTrace(requests, (cand: Request[]) => violatedInvariant(cand, fixes)?.violation.invariant === invariant);
    const again = violatedInvariant(minimized, fixes);
    // The long trace may have met several findings at once; the minimised one names its own.
    const knownMin = known === null ? null : knownFindingOf(minimized);
    const signatureMin = signatureOf({ class: 'invariant', what: invariant, requestKind: lastKind(minimized), known: knownMin });
    if (signatureMin !== signature && seen.has(signatureMin)) return;
    seen.add(signatureMin);
    failures.push({
      class: 'invariant',
      what: invariant,
      detail: (again ?? failure).violation.message,
      trace: formatTrace(minimized),
      minimized: true,
      signature: signatureMin,
      known: knownMin,
      job: job.index,
      files: {
        'ts.transcript': transcriptText(runRequests(minimized, { fixes })),
        ...(ctx.c && known !== null ? { 'c.transcript': transcriptText((await ctx.c.runTraces([formatTrace(minimized)]))[0]!) } : {}),
        'expected.txt': `${(again ?? failure).violation.message}\n\nthe documented contract (naive model) gives:\n${expectedText(minimized)}`,
      },
    });
  };

  // The engines explore on the corrected port, so a known finding does not end a sequence or a
  // walk early; anything it violates is new. Short property sequences are then replayed on the
  // faithful port as well, which is how known findings show up in reports.
  if (job.engine === 'property') {
    for (const { requests, failure } of propertySequences(job.seed, ctx.runsPerJob, job.maxRequests, { fixes: ALL_FIXES, observe })) {
      stats.sequences++;
      if (checkTs) {
        const faithful = failure ?? violatedInvariant(requests, NO_FIXES);
        if (faithful) await onInvariantFailure(faithful);
      }
      if (ctx.c) forC.push([...requests]);
    }
  } else {
    stats.sequences++;
    let walked = 0;
    const timedObserve: typeof observe = (request, result, liveVas, fullCheck) => {
      observe(request, result, liveVas, fullCheck);
      if (++walked % DEADLINE_CHECK_EVERY === 0 && job.deadline !== undefined && Date.now() > job.deadline) throw new DeadlineReached();
    };
    try {
      runWalk(job.seed, { requests: job.maxRequests, fixes: ALL_FIXES, observe: timedObserve });
    } catch (error) {
      if (error instanceof CheckedRunFailure) {
        if (checkTs) await onInvariantFailure(error);
      } else if (!(error instanceof DeadlineReached)) throw error;
    }
    if (ctx.c) forC.push([...walkRequests(job.seed, { requests: Math.min(job.maxRequests, walked) })]);
  }

  if (ctx.c) {
    // The model cannot follow fault injection, but C and the faithful port must agree under it.
    const faulty = fc.sample(sequences(SEQUENCE_LENGTH, true), { seed: job.seed ^ FAULT_SEED_SALT, numRuns: Math.ceil(ctx.runsPerJob / 5) });
    forC.push(...faulty.map(concreteRequests));
    failures.push(...(await compareWithC(job, ctx.c, forC, seen)));
  }
  return { job, stats, failures, elapsedMs: Date.now() - started };
}

/** Whether the faithful port breaks the contract on `requests` only where a registered fix helps. */
function meetsRegisteredFinding(requests: readonly Request[]): boolean {
  return violatedInvariant(requests, NO_FIXES) !== null && violatedInvariant(requests, ALL_FIXES) === null;
}

/** The first word of a transcript line, as the `what` of a divergence. */
function lineWord(line: string | undefined): string {
  return line === undefined ? 'end' : (line.split(' ')[0] ?? 'empty');
}

function classOf(cLine: string | undefined, tsLine: string | undefined): FailureClass {
  if (cLine === 'CRASH timeout') return 'hang';
  if (cLine?.startsWith('CRASH') && !tsLine?.startsWith('CRASH')) return /asan|ubsan|leak|sanitizer/i.test(cLine) ? 'sanitizer' : 'crash';
  return 'divergence';
}

/** Runs the job's traces on C and the faithful port; each new kind of disagreement becomes a finding. */
async function compareWithC(job: JobSpec, c: Backend, traces: readonly Request[][], seen: Set<string>): Promise<JobFailure[]> {
  const failures: JobFailure[] = [];
  const texts = traces.map((t) => formatTrace(t));
  const cOut = await c.runTraces(texts);
  for (const [i, requests] of traces.entries()) {
    const tsLines = runRequests(requests);
    const divergence = firstDivergence(tsLines, cOut[i]!);
    if (!divergence) continue;
    const cls = classOf(divergence.right, divergence.left);
    const what = lineWord(divergence.right);
    const at = requestAtLine(tsLines, divergence.index);
    const signature = signatureOf({ class: cls, what: cls === 'divergence' ? what : 'c', requestKind: at, known: null });
    if (seen.has(signature)) continue;
    seen.add(signature);
    // A candidate that meets a registered finding (say a zero-size map) while the original did
    // not would turn the reproducer into one of that finding rather than of this bug.
    const originalKnown = meetsRegisteredFinding(requests);
    const stillDiverges = async (cand: Request[]): Promise<boolean> => {
      if (!originalKnown && meetsRegisteredFinding(cand)) return false;
      const [cLines] = await c.runTraces([formatTrace(cand)]);
      const d = firstDivergence(runRequests(cand), cLines!);
      return d !== null && classOf(d.right, d.left) === cls && lineWord(d.right) === what;
    };
    const minimized = await minimizeTrace(requests, stillDiverges);
    const [cMin] = await c.runTraces([formatTrace(minimized)]);
    const tsMin = runRequests(minimized);
    const d = firstDivergence(tsMin, cMin!);
    failures.push({
      class: cls,
      what: cls === 'divergence' ? what : 'c',
      detail: d ? `line ${d.index + 1}: ts '${d.left ?? '<end>'}' vs c '${d.right ?? '<end>'}'` : 'did not reproduce after minimisation',
      trace: formatTrace(minimized),
      minimized: true,
      signature,
      known: null,
      job: job.index,
      files: {
        'ts.transcript': transcriptText(tsMin),
        'c.transcript': transcriptText(cMin!),
        'expected.txt': 'the C code must behave exactly as the seed drm_gpuvm.c (the faithful TypeScript port): identical transcripts\n',
      },
    });
  }
  return failures;
}

/** The kind of the request whose output contains transcript line `index`. */
function requestAtLine(lines: readonly string[], index: number): string {
  for (let i = Math.min(index, lines.length - 1); i >= 0; i--) {
    const line = lines[i]!;
    if (line.startsWith('> ')) return line.slice(2).split(' ')[0] ?? 'none';
  }
  return 'none';
}
