/**
 * A fuzz campaign: runs jobs on a pool of workers until its duration, job budget or Ctrl-C,
 * stores every new kind of finding the moment it arrives, keeps a resumable state, and writes
 * the report files at the end.
 */
import { cpus } from 'node:os';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from './render/html.ts';
import { renderSummary } from './render/summary.ts';
import type { CampaignReport } from './report.ts';
import { addSample } from './report.ts';
import type { JobExecutor } from './pool.ts';
import { createInProcessExecutor, createWorkerPool, JobLostError } from './pool.ts';
import type { Shard } from './jobs.ts';
import { formatShard, jobFor } from './jobs.ts';
import type { CampaignIdentity, CampaignState } from './state.ts';
import { isDone, markDone, readState, writeState } from './state.ts';
import { FindingStore, writeFileAtomic } from './store.ts';
import type { CampaignBackend, JobFailure, StoredFinding } from './types.ts';
import { emptyStats, mergeStats } from './types.ts';

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
  /** The campaign directory (created), or the one to continue with `resume`. */
  readonly dir: string;
  readonly resume: boolean;
  readonly shard: Shard;
  /** Length of each random walk. */
  readonly walkRequests: number;
  readonly runsPerJob: number;
  /** Stop after this many jobs (deterministic runs, CI). */
  readonly maxJobs: number | null;
  readonly jobTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CampaignProgress) => void;
  readonly onFinding?: (finding: StoredFinding) => void;
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
}

/** What a finished campaign hands back. @public */
export interface CampaignResult {
  readonly report: CampaignReport;
  readonly newFindings: readonly StoredFinding[];
  readonly dir: string;
}

/** How often the state is saved and a throughput sample taken. */
const TICK_MS = 2000;

/** Defaults of `gpuvm-check fuzz`. @public */
export const CAMPAIGN_DEFAULTS = {
  durationMs: 60_000,
  workers: Math.max(1, cpus().length),
  backend: 'both' as CampaignBackend,
  walkRequests: 100_000,
  runsPerJob: 50,
  jobTimeoutMs: 5 * 60_000,
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
  };
}

function lostJobFailure(error: JobLostError): JobFailure {
  const hang = error.message.includes('(hang)');
  return {
    class: hang ? 'hang' : 'crash',
    what: 'ts',
    detail: error.message,
    trace: `# replay: the job's seed ${error.job.seed} (${error.job.engine}); no trace could be taken from a stuck thread\n`,
    minimized: false,
    signature: `${hang ? 'hang' : 'crash'}-ts-job-new`,
    known: null,
    job: error.job.index,
    files: { 'job.json': `${JSON.stringify(error.job, null, 2)}\n` },
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
  };
  mkdirSync(options.dir, { recursive: true });
  const state = options.resume ? readState(options.dir) : newState(options.dir.split('/').filter(Boolean).at(-1)!, identity);
  const id = state.identity;
  const store = new FindingStore(options.dir, id.cSource, id.cHeader ?? null);
  const stored = new Map(store.load().map((f) => [f.signature, f]));
  const newFindings = new Map<string, StoredFinding>([...stored].filter(([, f]) => f.known === null));

  const setup = { backend: id.backend, cSource: id.cSource, cHeader: id.cHeader ?? null, sanitize: id.sanitize, runsPerJob: id.runsPerJob };
  const executor: JobExecutor =
    options.workers > 1 ? await createWorkerPool(options.workers, setup, options.jobTimeoutMs) : await createInProcessExecutor(setup);

  const startMs = Date.now();
  const baseElapsed = state.elapsedSeconds;
  const elapsed = (): number => baseElapsed + (Date.now() - startMs) / 1000;
  let stoppedBy: CampaignReport['stoppedBy'] = 'duration';
  let lastSample = { t: elapsed(), requests: state.stats.requests, liveVas: 0 };
  let jobsThisRun = 0;
  let nextOrdinal = state.lowWater;

  const shouldStop = (): boolean => {
    if (options.signal?.aborted) stoppedBy = 'interrupted';
    else if (options.maxJobs !== null && jobsThisRun >= options.maxJobs) stoppedBy = 'jobs';
    else if (Date.now() - startMs >= options.durationMs) stoppedBy = 'duration';
    else return false;
    return true;
  };

  const progress = (): CampaignProgress => {
    const dt = elapsed() - lastSample.t;
    return {
      elapsedSeconds: elapsed(),
      durationSeconds: options.durationMs / 1000,
      requests: state.stats.requests,
      requestsPerSec: dt > 0 ? (state.stats.requests - lastSample.requests) / dt : 0,
      jobsDone: state.jobsDone,
      maxLiveVas: state.stats.maxLiveVas,
      findings: stored.size,
      newFindings: newFindings.size,
    };
  };

  let lastTick = Date.now();
  const tick = (): void => {
    lastTick = Date.now();
    const p = progress();
    addSample(state.throughput, { t: Math.round(p.elapsedSeconds * 10) / 10, requestsPerSec: Math.round(p.requestsPerSec), liveVas: lastSample.liveVas });
    lastSample = { t: p.elapsedSeconds, requests: state.stats.requests, liveVas: 0 };
    state.elapsedSeconds = elapsed();
    writeState(options.dir, state);
    options.onProgress?.(p);
  };
  const timer = setInterval(tick, TICK_MS);

  const handleFailure = (failure: JobFailure): void => {
    const saved = store.save(failure);
    if (!saved) return;
    const { finding, replaced } = saved;
    stored.set(finding.signature, finding);
    if (finding.known === null) newFindings.set(finding.signature, finding);
    if (!replaced) options.onFinding?.(finding);
  };

  const slot = async (): Promise<void> => {
    while (!shouldStop()) {
      while (isDone(state, nextOrdinal)) nextOrdinal++;
      const ordinal = nextOrdinal++;
      jobsThisRun++;
      const job = { ...jobFor(id.seed, id.shard, ordinal, id.walkRequests), deadline: startMs + options.durationMs };
      try {
        const result = await executor.run(job, [...stored.keys()]);
        mergeStats(state.stats, result.stats);
        lastSample.liveVas = Math.max(lastSample.liveVas, result.stats.maxLiveVas);
        for (const failure of result.failures) handleFailure(failure);
      } catch (error) {
        if (!(error instanceof JobLostError)) throw error;
        handleFailure(lostJobFailure(error));
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
    await executor.close();
  }
  tick();

  const report: CampaignReport = {
    schema: 'gpuvm-check/campaign-report@1',
    campaign: state.campaign,
    seed: id.seed,
    shards: [formatShard(id.shard)],
    backend: id.backend,
    cSource: id.cSource,
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
    machine: { cpus: cpus().length, node: process.version, platform: process.platform, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) },
  };
  writeReport(options.dir, report);
  return { report, newFindings: [...newFindings.values()], dir: options.dir };
}

/** Writes report.json, summary.md and report.html into `dir`. @public */
export function writeReport(dir: string, report: CampaignReport): void {
  writeFileAtomic(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(join(dir, 'summary.md'), renderSummary(report));
  writeFileAtomic(join(dir, 'report.html'), renderHtml(report));
}
