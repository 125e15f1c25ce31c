/**
 * A fuzz campaign: runs jobs on a pool of workers until its duration, job budget or Ctrl-C,
 * stores every new kind of finding the moment a job detects it, minimizes each signature once
 * (on a wall-clock budget, ahead of new jobs), keeps a resumable state, and writes the report
 * files at the end.
 *
 * Time is a promise: new jobs start until the duration ends; walks stop at it; minimizations
 * stop by MINIMIZE_GRACE_MS after it (their best trace so far is stored, marked partial, and
 * `--resume` continues them); whatever still runs STOP_GRACE_MS after it is ended (its job is
 * not counted as done, so `--resume` runs it again). Ctrl-C moves the end to now.
 */
import { measuresCoverage, measuresEdges } from './instrumentation.ts';
import { cpus } from 'node:os';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './render/html.ts';
import { renderSummary } from './render/summary.ts';
import type { CampaignReport } from './report.ts';
import { addSample } from './report.ts';
import type { Busy, JobExecutor } from './pool.ts';
import { createInProcessExecutor, createWorkerPool, JobLostError, StoppedError } from './pool.ts';
import type { Shard } from './jobs.ts';
import { formatShard, jobFor } from './jobs.ts';
import { lostJobFailure } from './lostWork.ts';
import type { MinimizeTask } from './minimizeTask.ts';
import { totalRssMb } from './rss.ts';
import type { CampaignEvent, CampaignIdentity, CampaignState } from './state.ts';
import { addEvent, isDone, markDone, readState, writeState } from './state.ts';
import { FindingStore, writeFileAtomic } from './store.ts';
import { rerunCommand } from './rerun.ts';
import type { FailureCheck } from './failureCheck.ts';
import type { CampaignBackend, JobFailure, RegisteredStatus, StoredFinding } from './types.ts';
import type { Era } from '../src/era/era.ts';
import { SEED_ERA } from '../src/era/era.ts';
import { resolveCTarget } from '../src/backends/c/cTarget.ts';
import { FINDINGS } from '../properties/findings/registry.ts';
import type { EraRecord } from './eraRecord.ts';
import { describeEraRecord, eraOf, eraRecord, sameEra } from './eraRecord.ts';
import { combineRegistered, emptyStats, mergeStats } from './types.ts';
import { Corpus, CORPUS_DIR } from './corpus.ts';
import { pickParents } from './engines/guided.ts';
import { COUNTS_DIR, gatherCampaignCoverage } from './campaignCoverage.ts';

/** Everything a campaign can be told. @public */
export interface CampaignOptions {
  readonly durationMs: number;
  readonly seed: number;
  readonly workers: number;
  readonly backend: CampaignBackend;
  readonly cSource: string | null;
  /** The header compiled with `cSource`; null or absent: the source's own (see `resolveCTarget`). */
  readonly cHeader?: string | null;
  readonly sanitize: boolean;
  /** `--coverage`: run the C code gcov-instrumented; `report.json` gets `coverage` (campaignCoverage.ts). */
  readonly coverage?: boolean;
  /**
   * The era the campaign runs in: the detected era of the C target, else `--era`; default the
   * seed's. A resume keeps the campaign's own (and refuses a C source that now detects another).
   */
  readonly era?: Era;
  /** The campaign directory (created), or the one to continue with `resume`. */
  readonly dir: string;
  readonly resume: boolean;
  readonly shard: Shard;
  /** Length of each random walk. */
  readonly walkRequests: number;
  readonly runsPerJob: number;
  /** Stop after this many jobs (deterministic runs, CI). */
  readonly maxJobs: number | null;
  /** A job running longer is lost as a hang (`--timeout`). */
  readonly jobTimeoutMs: number;
  /** Wall-clock budget of minimizing one finding (`--minimize-budget`); default CAMPAIGN_DEFAULTS. */
  readonly minimizeBudgetMs?: number;
  /**
   * The heap of each worker thread is capped at this many MB; a worker that reaches it is
   * replaced and an `rss-limit` event recorded (`--rss-limit-mb`; 0: no cap).
   */
  readonly rssLimitMb?: number;
  /**
   * Coverage-guided job mix: guided jobs mutate the corpus of traces that reached new edges of
   * the C code (default: on whenever edges are measured, i.e. with C and without sanitizers;
   * false: `--no-guided`, blind generation, edges still measured). A resume keeps the campaign's own.
   */
  readonly guided?: boolean;
  /** Seed traces for guided jobs (`--corpus DIR`, read by readSeedCorpus); never written to. */
  readonly seedCorpus?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CampaignProgress) => void;
  /** A finding was stored (as detected) or improved (minimized, `improved` true). */
  readonly onFinding?: (finding: StoredFinding, improved: boolean) => void;
}

/** A snapshot for the status line. @public */
export interface CampaignProgress {
  readonly elapsedSeconds: number;
  readonly durationSeconds: number;
  readonly requests: number;
  readonly requestsPerSec: number;
  readonly jobsDone: number;
  readonly maxLiveVas: number;
  readonly findings: number;
  readonly newFindings: number;
  /** Total resident memory of the campaign (process and C drivers), MB. */
  readonly rssMb: number;
  /** Minimizations running now: signature, predicate calls so far, best length so far. */
  readonly minimizing: readonly { readonly signature: string; readonly tests: number; readonly requests: number }[];
  /** Findings waiting for a worker to minimize them. */
  readonly minimizeQueued: number;
}

/** What a finished campaign hands back. @public */
export interface CampaignResult {
  readonly report: CampaignReport;
  readonly newFindings: readonly StoredFinding[];
  readonly dir: string;
}

/** How often the state is saved and a throughput sample taken. */
const TICK_MS = 2000;

/** Minimizations stop at most this long after the duration (or Ctrl-C). @public */
export const MINIMIZE_GRACE_MS = 10_000;

/** Whatever still runs this long after the duration (or Ctrl-C) is ended. @public */
export const STOP_GRACE_MS = 20_000;

/** Defaults of `gpuvm-check fuzz`. @public */
export const CAMPAIGN_DEFAULTS = {
  durationMs: 60_000,
  workers: Math.max(1, cpus().length),
  backend: 'both' as CampaignBackend,
  walkRequests: 100_000,
  runsPerJob: 50,
  jobTimeoutMs: 5 * 60_000,
  minimizeBudgetMs: 15_000,
  rssLimitMb: 128,
};

function newState(campaign: string, identity: CampaignIdentity): CampaignState {
  return {
    version: 1,
    campaign,
    identity,
    startedAt: new Date().toISOString(),
    elapsedSeconds: 0,
    lowWater: 0,
    doneAbove: [],
    jobsDone: 0,
    stats: emptyStats(),
    throughput: [],
    events: [],
    retired: [],
  };
}

/**
 * Runs a campaign.
 * @public
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const identity: CampaignIdentity = {
    seed: options.seed,
    shard: options.shard,
    backend: options.backend,
    cSource: options.cSource,
    cHeader: options.cHeader ?? null,
    sanitize: options.sanitize,
    walkRequests: options.walkRequests,
    runsPerJob: options.runsPerJob,
    era: eraRecord(options.era ?? SEED_ERA),
    guided: options.guided ?? measuresEdges(options),
    ...(options.coverage && { coverage: true }),
  };
  mkdirSync(options.dir, { recursive: true });
  const state = options.resume ? readState(options.dir) : newState(options.dir.split('/').filter(Boolean).at(-1)!, identity);
  if (options.resume) refuseChangedEra(options.dir, state.identity);
  state.events ??= [];
  state.retired ??= [];
  // At once, before any finding can be stored: a campaign killed at any moment can be resumed.
  writeState(options.dir, state);
  const id = state.identity;
  const era = id.era ?? eraRecord(SEED_ERA);
  const store = new FindingStore(options.dir, id.cSource, id.cHeader ?? null, (job) => rerunCommand(id, job));
  const stored = new Map(store.load().map((f) => [f.signature, f]));
  const newFindings = (): StoredFinding[] => [...stored.values()].filter((f) => f.known === null);
  const budgetMs = options.minimizeBudgetMs ?? CAMPAIGN_DEFAULTS.minimizeBudgetMs;

  const startMs = Date.now();
  const baseElapsed = state.elapsedSeconds;
  const elapsed = (): number => baseElapsed + (Date.now() - startMs) / 1000;
  /** When new work stops: the duration's end, or Ctrl-C. */
  let endMs = startMs + options.durationMs;
  let stoppedBy: CampaignReport['stoppedBy'] = 'duration';
  const event = (kind: CampaignEvent['kind'], detail: string): void => addEvent(state, { t: Math.round(elapsed() * 10) / 10, kind, detail });

  // Minimization is owned here: each signature is queued once, whichever worker detected it.
  const queue: { finding: StoredFinding; check: FailureCheck; trace: string }[] = [];
  for (const u of store.unfinished()) queue.push(u);
  const onDetected = (failure: JobFailure): void => {
    if (stored.has(failure.signature) || state.retired.includes(failure.signature)) return;
    const finding = store.saveDetected(failure);
    if (!finding) return;
    stored.set(finding.signature, finding);
    options.onFinding?.(finding, false);
    if (failure.check) queue.push({ finding, check: failure.check, trace: failure.trace });
  };

  const coverageDir = measuresCoverage(id) ? join(options.dir, COUNTS_DIR) : null;
  const edges = measuresEdges(id);
  const guided = edges && id.guided === true;
  const corpus = edges ? new Corpus(join(options.dir, CORPUS_DIR)) : null;
  const seeds = options.seedCorpus ?? [];
  const setup = { backend: id.backend, era, cSource: id.cSource, cHeader: id.cHeader ?? null, sanitize: id.sanitize, runsPerJob: id.runsPerJob, coverageDir };
  const hooks = { onDetected, onRecycled: (detail: string) => event('rss-limit', detail) };
  const limits = { jobTimeoutMs: options.jobTimeoutMs, rssLimitMb: options.rssLimitMb ?? CAMPAIGN_DEFAULTS.rssLimitMb };
  const executor: JobExecutor = options.workers > 1 ? await createWorkerPool(options.workers, setup, limits, hooks) : await createInProcessExecutor(setup, hooks);

  let jobsThisRun = 0;
  let nextOrdinal = state.lowWater;
  /** Requests of finished jobs plus those running jobs have reported: a steady throughput. */
  const liveRequests = (): number => state.stats.requests + executor.busy().reduce((n, b) => n + (b.work.type === 'job' ? b.signals.get('requests') : 0), 0);
  let lastSample = { t: elapsed(), requests: liveRequests(), liveVas: 0 };

  const shouldStop = (): boolean => {
    if (options.signal?.aborted) stoppedBy = 'interrupted';
    else if (options.maxJobs !== null && jobsThisRun >= options.maxJobs) stoppedBy = 'jobs';
    else if (Date.now() >= endMs) stoppedBy = 'duration';
    else return false;
    return true;
  };

  const minimizing = (busy: readonly Busy[]): CampaignProgress['minimizing'] =>
    busy.flatMap((b) => (b.work.type === 'minimize' ? [{ signature: b.work.task.signature, tests: b.signals.get('tests'), requests: b.signals.get('best') }] : []));

  const progress = (rssMb: number): CampaignProgress => {
    const dt = elapsed() - lastSample.t;
    const requests = liveRequests();
    return {
      elapsedSeconds: elapsed(),
      durationSeconds: (baseElapsed * 1000 + options.durationMs) / 1000,
      requests,
      requestsPerSec: dt > 0 ? Math.max(0, requests - lastSample.requests) / dt : 0,
      jobsDone: state.jobsDone,
      maxLiveVas: state.stats.maxLiveVas,
      findings: stored.size,
      newFindings: newFindings().length,
      rssMb,
      minimizing: minimizing(executor.busy()),
      minimizeQueued: queue.length,
    };
  };

  let peakRssMb = 0;
  let lastTick = Date.now();
  const tick = (): void => {
    lastTick = Date.now();
    const rssMb = totalRssMb();
    peakRssMb = Math.max(peakRssMb, rssMb);
    const p = progress(rssMb);
    addSample(state.throughput, {
      t: Math.round(p.elapsedSeconds * 10) / 10,
      requestsPerSec: Math.round(p.requestsPerSec),
      liveVas: lastSample.liveVas,
      rssMb,
      ...(corpus ? { edges: corpus.edges.size } : {}),
    });
    corpus?.save();
    lastSample = { t: p.elapsedSeconds, requests: p.requests, liveVas: 0 };
    state.elapsedSeconds = elapsed();
    writeState(options.dir, state);
    options.onProgress?.(p);
  };
  const timer = setInterval(tick, TICK_MS);

  // The hard stop: STOP_GRACE_MS after the end (moved to now by Ctrl-C), running work is ended.
  let hardStop: NodeJS.Timeout | null = null;
  let minimizeEndMs = endMs + MINIMIZE_GRACE_MS;
  const armHardStop = (): void => {
    if (hardStop) clearTimeout(hardStop);
    hardStop = setTimeout(() => void executor.terminate(), Math.max(0, endMs + STOP_GRACE_MS - Date.now()));
  };
  armHardStop();
  const onAbort = (): void => {
    endMs = Math.min(endMs, Date.now());
    minimizeEndMs = Math.min(minimizeEndMs, Date.now());
    executor.stop();
    armHardStop();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const minimizeNext = async (): Promise<void> => {
    const { finding, check, trace } = queue.shift()!;
    const task: MinimizeTask = { signature: finding.signature, check, trace, known: finding.known, stopAt: Math.min(Date.now() + budgetMs, minimizeEndMs) };
    try {
      const outcome = await executor.minimize(task);
      const improved = store.improve(stored.get(finding.signature) ?? finding, check, outcome);
      if (outcome.signature !== finding.signature) {
        stored.delete(finding.signature);
        state.retired.push(finding.signature);
      }
      if (improved) {
        stored.set(improved.signature, improved);
        options.onFinding?.(improved, true);
      }
    } catch (error) {
      if (error instanceof StoppedError) return;
      if (!(error instanceof JobLostError)) throw error;
      // The finding stays as stored (partial); a stuck or crashing candidate is worth a note.
      event(error.reason === 'memory' ? 'rss-limit' : 'minimize-lost', error.message.split('\n')[0]!);
    }
  };

  const slot = async (): Promise<void> => {
    for (;;) {
      if (queue.length > 0 && Date.now() < minimizeEndMs) {
        await minimizeNext();
        continue;
      }
      if (shouldStop()) return;
      while (isDone(state, nextOrdinal)) nextOrdinal++;
      const ordinal = nextOrdinal++;
      jobsThisRun++;
      const spec = jobFor(id.seed, id.shard, ordinal, id.walkRequests, guided);
      const parents = spec.engine === 'guided' ? pickParents(spec.seed, [...seeds, ...corpus!.entries().map((e) => e.trace)]) : [];
      const job = { ...spec, ...(parents.length > 0 ? { parents } : {}), deadline: endMs };
      try {
        const result = await executor.run(job, [...stored.keys(), ...state.retired]);
        for (const { trace, edges: reached } of result.coverage ?? []) corpus?.offer(trace, reached);
        mergeStats(state.stats, result.stats);
        if (result.registered) state.registered = mergeRegistered(state.registered ?? {}, result.registered);
        lastSample.liveVas = Math.max(lastSample.liveVas, result.stats.maxLiveVas);
      } catch (error) {
        if (error instanceof StoppedError) return;
        if (!(error instanceof JobLostError)) throw error;
        if (error.reason === 'memory') event('rss-limit', error.message.split('\n')[0]!);
        else onDetected(lostJobFailure(error, eraOf(era)));
      }
      markDone(state, ordinal);
      state.elapsedSeconds = elapsed();
      writeState(options.dir, state);
      // In-process jobs are synchronous work: give timers (status line, samples) and SIGINT a turn.
      await new Promise((resolve) => setImmediate(resolve));
      if (Date.now() - lastTick >= TICK_MS) tick();
    }
  };

  try {
    await Promise.all(Array.from({ length: executor.size }, slot));
  } finally {
    clearInterval(timer);
    if (hardStop) clearTimeout(hardStop);
    options.signal?.removeEventListener('abort', onAbort);
    await executor.close();
  }
  if (options.signal?.aborted) stoppedBy = 'interrupted';
  const coverage = coverageDir === null ? null : await gatherCampaignCoverage(options.dir, setup, (detail) => event('coverage-lost', detail));
  tick();

  const report: CampaignReport = {
    schema: 'gpuvm-check/campaign-report@1',
    campaign: state.campaign,
    seed: id.seed,
    shards: [formatShard(id.shard)],
    backend: id.backend,
    cSource: id.cSource,
    cHeader: id.cHeader ?? null,
    era,
    ...(id.backend === 'ts' ? {} : { registeredFindings: registeredFindings(state.registered ?? {}) }),
    sanitize: id.sanitize,
    startedAt: state.startedAt,
    finishedAt: new Date().toISOString(),
    elapsedSeconds: Math.round(elapsed() * 10) / 10,
    workers: executor.size,
    jobsDone: state.jobsDone,
    stoppedBy,
    stats: state.stats,
    throughput: state.throughput,
    findings: [...stored.values()],
    events: state.events,
    ...(corpus ? { edges: { reached: corpus.edges.size, guided, ...corpusSize(corpus) } } : {}),
    ...(coverage && { coverage }),
    machine: { cpus: cpus().length, node: process.version, platform: process.platform, peakRssMb: Math.max(peakRssMb, Math.round(process.resourceUsage().maxRSS / 1024)) },
  };
  writeReport(options.dir, report);
  return { report, newFindings: newFindings(), dir: options.dir };
}

function corpusSize(corpus: Corpus): { corpusEntries: number; corpusBytes: number } {
  const { entries, bytes } = corpus.size;
  return { corpusEntries: entries, corpusBytes: bytes };
}

/**
 * Refuses to resume a campaign whose C source (and header) now detect another era than the one
 * it ran in: its jobs, findings and statistics would mix two eras.
 * @throws Error saying both eras and what to do
 */
function refuseChangedEra(dir: string, id: CampaignIdentity): void {
  if (id.cSource === null) return;
  const was: EraRecord = id.era ?? eraRecord(SEED_ERA);
  const now = eraRecord(resolveCTarget({ cSource: id.cSource, ...(id.cHeader ? { cHeader: id.cHeader } : {}) }).era);
  if (!sameEra(was, now)) {
    throw new Error(
      `--resume: ${id.cSource} is now of era ${describeEraRecord(now)}, but the campaign in ${dir} ran in era ${describeEraRecord(was)}; ` +
        'start a new campaign (--out) for the changed source',
    );
  }
}

function mergeRegistered(into: Record<string, RegisteredStatus>, from: Readonly<Record<string, RegisteredStatus>>): Record<string, RegisteredStatus> {
  for (const [id, status] of Object.entries(from)) into[id] = combineRegistered(into[id], status);
  return into;
}

/** Every registered finding, in registry order, with what the C code showed of it. */
function registeredFindings(seen: Readonly<Record<string, RegisteredStatus>>): { id: string; status: RegisteredStatus }[] {
  return FINDINGS.map((f) => ({ id: f.id, status: seen[f.id] ?? 'not-reached' }));
}

/** Writes report.json, summary.md and report.html into `dir`. @public */
export function writeReport(dir: string, report: CampaignReport): void {
  writeFileAtomic(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(join(dir, 'summary.md'), renderSummary(report));
  writeFileAtomic(join(dir, 'report.html'), renderHtml(report, dir));
}
