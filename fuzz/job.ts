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
import type { Era } from '../src/era/era.ts';
import type { Request } from '../src/trace/request.ts';
import { formatTrace } from '../src/trace/request.ts';
import { CheckedRunFailure } from '../properties/harness.ts';
import { concreteRequests } from '../properties/sequences.ts';
import type { ContractTrace } from './cContract.ts';
import { checkAllOnC, checkCAgainstContract, checkCutOnC, singleRunner } from './cContract.ts';
import { cFaultTraces } from './engines/cFaults.ts';
import { guidedSequences } from './engines/guided.ts';
import { campaignSequences, propertySequences } from './engines/property.ts';
import { runWithEdges } from '../src/backends/c/edgeCoverage.ts';
import { MAX_CORPUS_REQUESTS } from './corpus.ts';
import { eraRecord } from './eraRecord.ts';
import { SEQUENCE_LENGTH } from './jobs.ts';
import { runWalk, walkRequests } from './engines/walk.ts';
import type { FailureCheck } from './failureCheck.ts';
import { classOf, lineWord, meetsRegisteredFinding } from './failureCheck.ts';
import { fixesOfC, portsWith, printsAsC } from './fixesInC.ts';
import { registeredLeakOf } from './leaks.ts';
import { ALL_FIXES, knownFindingOf, knownFindingOnBackend, NO_FIXES, violatedInvariant } from './known.ts';
import { recorder } from './record.ts';
import { signatureOf } from './signature.ts';
import { streamCompare } from './streamCompare.ts';
import type { CampaignBackend, CoverageCandidate, JobFailure, JobResult, JobSpec, RegisteredStatus } from './types.ts';
import { combineRegistered, emptyStats } from './types.ts';

/** What a job needs besides its spec. @public */
export interface JobContext {
  readonly backend: CampaignBackend;
  /** The campaign's era: of the C target, else `--era`. The port, the model and the generators follow it. */
  readonly era: Era;
  /** The C backend of this worker, when the campaign checks C. */
  readonly c: Backend | null;
  /**
   * The C driver executable, to stream walks through (streamCompare.ts); null to send them
   * through `c` whole (sanitizer builds, whose batch runner has the sanitizers' environment).
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
  /**
   * The edges of the C code this worker has seen, when `c` is edge-instrumented: the job's short
   * traces are measured, and those reaching an edge not in it are handed back (JobResult.coverage).
   */
  readonly edgesSeen?: Set<number> | null;
}

/** Separates the fault-injection sequences' seed from the job's own sequences. */
const FAULT_SEED_SALT = 0x5a5a5a5a;

/** How many walk requests pass between looks at the clock and the stop flag. */
const DEADLINE_CHECK_EVERY = 1000;

/**
 * How many leading requests of each walk are checked on C against the contract (probes spaced
 * as walks check the port). The streamed comparison with the faithful port covers the whole
 * walk; this catches what C and the faithful port get wrong alike (registered findings), while
 * the probed trace and its transcript, which are held whole, stay small.
 */
export const WALK_CONTRACT_PREFIX = 2000;

/**
 * The longest trace cut at a divergence that is judged by the contract on C; a longer cut (a
 * walk diverging late) is reported as a divergence, so that memory stays bounded.
 */
export const CONTRACT_CUT_LIMIT = 20_000;

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
  const era = ctx.era;
  const record = eraRecord(era);
  const registered: Record<string, RegisteredStatus> = {};
  const sawRegistered = (known: string, status: 'present' | 'fixed'): void => {
    for (const id of known.split('+')) registered[id] = combineRegistered(registered[id], status);
  };
  const forContract: ContractTrace[] = [];
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
    const known = fixes === 'all' ? null : knownFindingOf(requests, era);
    const invariant = failure.violation.invariant;
    const check: FailureCheck = { kind: 'invariant', invariant, fixes: known === null ? 'all' : 'none', era: record };
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

  /**
   * C broke the contract: known exactly as on the port (same invariant on the faithful port, not
   * on the corrected one) unless the caller knows better (C printed there what no port with that
   * finding prints: wrong in a way of its own that happens to break the same invariant).
   */
  const onCViolation = (failure: CheckedRunFailure, known = knownFindingOnBackend(failure.requests, failure.violation.invariant, era)): string | null => {
    const requests = failure.requests;
    const invariant = failure.violation.invariant;
    if (known !== null) sawRegistered(known, 'present');
    report({
      class: 'invariant',
      what: invariant,
      detail: `C code: ${failure.violation.message}`,
      trace: formatTrace(requests),
      signature: signatureOf({ class: 'invariant', what: invariant, requestKind: lastKind(requests), known, backend: 'c' }),
      known,
      job: job.index,
      backend: 'c',
      check: { kind: 'c-invariant', invariant, avoidKnown: known === null, era: record },
      files: {},
    });
    return known;
  };

  /**
   * C and the faithful port differ on `cut` (ending at the request where they do). The contract
   * decides where it speaks: a C violation at that request is reported as such (as a registered
   * finding only when a port that has it prints what C prints); one before it, where C still
   * agreed with the faithful port, does not decide the difference; C keeping the contract where
   * the faithful port breaks it is a registered finding fixed in this source, not a finding.
   * Only what the contract leaves open (fault injection, WARN lines, requests the model does not
   * speak for, cuts too long to hold) stays a divergence. A sanitizer's leak report that a
   * registered finding explains (leaks.ts) is that finding.
   */
  const onDivergence = async (divergence: Divergence, cut: Request[]): Promise<void> => {
    const leak = registeredLeakOf(divergence, cut, era);
    if (leak !== null) return sawRegistered(leak, 'present');
    let earlier: { failure: CheckedRunFailure; known: string } | null = null;
    if (cut.length <= CONTRACT_CUT_LIMIT) {
      const runner = singleRunner(ctx.c!);
      const onC = cut.length > WALK_CONTRACT_PREFIX ? await checkCAgainstContract(cut, runner, era, 'spaced') : await checkCutOnC(cut, runner, era);
      if (onC.failure) {
        const { failure } = onC;
        const known = knownFindingOnBackend(failure.requests, failure.violation.invariant, era);
        if (failure.requests.length === cut.length) {
          // A known finding shows here only if some port that has it prints what C prints.
          const explained = known !== null && portsWith(known).some(await printsAsC(ctx.c!, cut, era));
          onCViolation(failure, explained ? known : null);
          return;
        }
        // Broken before the difference: a new violation is the finding; a registered one, where
        // C still printed what the faithful port prints, leaves the difference to be judged.
        if (known === null) {
          onCViolation(failure, null);
          return;
        }
        earlier = { failure, known };
      } else if (onC.checked === cut.length && violatedInvariant(cut, NO_FIXES, era)) {
        const known = knownFindingOf(cut, era);
        if (known !== null) return sawRegistered(known, 'fixed');
      }
    }
    // Where the model is silent (fault injection, zero sizes): C printing what the port with
    // registered fixes prints is those findings fixed in this source, not a new difference.
    const fixedBy = await fixesOfC(ctx.c!, cut, era);
    if (fixedBy !== null) for (const id of fixedBy) sawRegistered(id, 'fixed');
    else reportDivergence(job, divergence, cut, era, report);
    if (earlier) onCViolation(earlier.failure, earlier.known);
  };

  // The engines explore on the corrected port, so a known finding does not end a sequence or a
  // walk early; anything it violates is new. Short property sequences are then replayed on the
  // faithful port as well, which is how known findings show up in reports.
  if (job.engine !== 'walk') {
    let sequence = 0;
    const options = { fixes: ALL_FIXES, era, observe };
    const checked =
      job.engine === 'guided' ? guidedSequences(job.seed, job.parents ?? [], ctx.runsPerJob, options) : propertySequences(job.seed, ctx.runsPerJob, job.maxRequests, options);
    for (const { requests, failure } of checked) {
      stats.sequences++;
      ctx.progress?.(stats.requests, ++sequence);
      if (checkTs) {
        if (failure) onInvariantFailure(failure, 'all');
        else {
          const faithful = violatedInvariant(requests, NO_FIXES, era);
          if (faithful) onInvariantFailure(faithful, 'none');
        }
      }
      if (ctx.c) forContract.push({ requests: [...requests], spacing: 'every-request' });
    }
  } else {
    const stopped = (): boolean => (job.deadline !== undefined && Date.now() > job.deadline) || ctx.stop?.() === true;
    const generate = (n: number) => () => walkRequests(job.seed, { requests: n, era });
    if (ctx.c) forContract.push({ requests: [...generate(Math.min(job.maxRequests, WALK_CONTRACT_PREFIX))()], spacing: 'spaced' });
    if (ctx.c && ctx.cBinary) {
      // First, as it is the faster check and finds C bugs early: C against the faithful port.
      const { divergence } = await streamCompare(ctx.cBinary, generate(job.maxRequests), job.maxRequests, stopped, era);
      if (divergence) await onDivergence(divergence, [...generate(divergence.request + 1)()]);
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
      runWalk(job.seed, { requests: job.maxRequests, fixes: ALL_FIXES, era, observe: timedObserve });
    } catch (error) {
      if (error instanceof CheckedRunFailure) {
        if (checkTs) onInvariantFailure(error, 'all');
      } else if (!(error instanceof DeadlineReached)) throw error;
    }
    ctx.progress?.(walked, 0);
    if (ctx.c && !ctx.cBinary) forC.push([...generate(Math.min(job.maxRequests, walked))()]);
  }

  let coverage: CoverageCandidate[] | undefined;
  if (ctx.c && !ctx.stop?.()) {
    // The model cannot follow fault injection, but C and the faithful port must agree under it.
    // Guided jobs leave it to property jobs: their traces are the corpus's mutants alone.
    const faults: Request[][] = [];
    if (job.engine === 'property') {
      const faulty = fc.sample(campaignSequences(SEQUENCE_LENGTH, era, true), { seed: job.seed ^ FAULT_SEED_SALT, numRuns: Math.ceil(ctx.runsPerJob / 5) });
      faults.push(...faulty.map(concreteRequests), ...cFaultTraces(job.seed ^ FAULT_SEED_SALT, Math.ceil(ctx.runsPerJob / 5), SEQUENCE_LENGTH, era));
    }
    if (ctx.edgesSeen) coverage = await newCoverage(ctx.c, [...forContract.map((t) => t.requests), ...faults], ctx.edgesSeen);
    // The contract first: what it decides needs no comparison with the faithful port.
    const checks = await checkAllOnC(forContract, ctx.c, era);
    checks.forEach(({ failure }, i) => {
      if (job.engine === 'walk') {
        if (failure) onCViolation(failure);
      }
      // Compared with the faithful port whole, also where C showed a registered finding: C
      // printing there what no port with that finding prints is a bug of its own, and a bug
      // may need the finding's state to show at all (a zero-size VA, GPUVM-004, then a map).
      else if (!failure || onCViolation(failure) !== null) forC.push([...forContract[i]!.requests]);
    });
    forC.push(...faults);
    await compareWithC(ctx.c, forC, era, onDivergence);
  }
  return { job, stats, failures, elapsedMs: Date.now() - started, ...(ctx.c ? { registered } : {}), ...(coverage ? { coverage } : {}) };
}

/**
 * Runs the short traces on the edge-instrumented C code; those that reach an edge not in `seen`
 * (which learns them) are the job's coverage candidates.
 */
async function newCoverage(c: Backend, traces: readonly (readonly Request[])[], seen: Set<number>): Promise<CoverageCandidate[]> {
  const short = traces.filter((t) => t.length <= MAX_CORPUS_REQUESTS).map((t) => formatTrace(t));
  const { edges } = await runWithEdges(c, short);
  const candidates: CoverageCandidate[] = [];
  edges.forEach((reached, i) => {
    if (!reached.some((e) => !seen.has(e))) return;
    for (const e of reached) seen.add(e);
    candidates.push({ trace: short[i]!, edges: reached });
  });
  return candidates;
}

/** Runs the traces on C and the faithful port of `era`; each disagreement is handed on, cut after its request. */
async function compareWithC(c: Backend, traces: Request[][], era: Era, onDivergence: (d: Divergence, cut: Request[]) => Promise<void>): Promise<void> {
  const cOut = await c.runTraces(traces.map((t) => formatTrace(t)));
  for (const [i, requests] of traces.entries()) {
    const tsLines = runRequests(requests, { era });
    const divergence = firstDivergence(tsLines, cOut[i]!);
    if (divergence) await onDivergence(divergence, requests.slice(0, requestIndexAtLine(tsLines, divergence.index) + 1));
  }
}

/** Reports a disagreement of C and the port; `cut` ends with the request it showed at. */
function reportDivergence(job: JobSpec, divergence: Divergence, cut: Request[], era: Era, report: (failure: JobFailure) => void): void {
  const cls = classOf(divergence.right, divergence.left);
  const what = lineWord(divergence.right);
  const check: FailureCheck = { kind: 'c', class: cls, what, avoidKnown: !meetsRegisteredFinding(cut, era), era: eraRecord(era) };
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

/** The index of the request whose output contains transcript line `index` (past the end: the last). */
function requestIndexAtLine(lines: readonly string[], index: number): number {
  let requests = 0;
  for (let i = 0; i <= Math.min(index, lines.length - 1); i++) if (lines[i]!.startsWith('> ')) requests++;
  return Math.max(0, requests - 1);
}
