/**
 * Where jobs and minimizations run: a pool of worker threads (one piece of work at a time
 * each), or the calling thread for small deterministic runs. Workers report each failure the
 * moment a job detects it, and their progress through shared integers (workerSignals.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { buildDriver } from '../src/backends/c/build.ts';
import type { Instrument } from '../src/backends/c/build.ts';
import { gcovEnv } from '../src/coverage/gcovRun.ts';
import type { BackendOptions } from '../src/backends/create.ts';
import { createBackend } from '../src/backends/create.ts';
import type { Backend } from '../src/backends/backend.ts';
import type { EraRecord } from './eraRecord.ts';
import { eraOf } from './eraRecord.ts';
import { campaignInstrumentation, measuresEdges } from './instrumentation.ts';
import { runJob } from './job.ts';
import type { MinimizeOutcome, MinimizeTask } from './minimizeTask.ts';
import { runMinimizeTask } from './minimizeTask.ts';
import type { CampaignBackend, JobFailure, JobResult, JobSpec } from './types.ts';
import { WorkerSignals } from './workerSignals.ts';

/** What every worker is told once. @public */
export interface WorkerSetup {
  readonly backend: CampaignBackend;
  /** The campaign's era (of the C target, else `--era`). */
  readonly era: EraRecord;
  readonly cSource: string | null;
  readonly cHeader: string | null;
  readonly sanitize: boolean;
  readonly runsPerJob: number;
  /**
   * `--coverage`: the C code is built with gcov instrumentation and each worker's drivers write
   * their counts into a directory of its own under this one. Absent or null: no coverage.
   */
  readonly coverageDir?: string | null;
}

/** The instrumentation a setup's campaign built its C code with (instrumentation.ts). */
function instrumentationOf(setup: WorkerSetup): Instrument[] {
  return campaignInstrumentation({ ...setup, coverage: setup.coverageDir != null });
}

/** The C backend options of a setup (both executors build the same). @public */
export function cBackendOptions(setup: WorkerSetup): BackendOptions {
  return {
    ...(setup.cSource !== null && { cSource: setup.cSource }),
    ...(setup.cHeader !== null && { cHeader: setup.cHeader }),
    sanitize: setup.sanitize,
    ...(instrumentationOf(setup).length > 0 && { instrument: instrumentationOf(setup) }),
  };
}

/** A piece of work. @public */
export type Work = { readonly type: 'job'; readonly job: JobSpec; readonly storedSignatures: string[] } | { readonly type: 'minimize'; readonly task: MinimizeTask };

/** A message to a worker: work, or `close` (let the C drivers exit, so their counts are written). @public */
export type WorkerRequest = Work | { readonly type: 'close' };

/** A message from a worker. @public */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'detected'; failure: JobFailure }
  | { type: 'result'; result: JobResult }
  | { type: 'minimized'; outcome: MinimizeOutcome }
  | { type: 'error'; message: string }
  | { type: 'closed' };

/** What the pool tells the campaign as it goes. @public */
export interface PoolHooks {
  /** A job detected a failure (called before the job's result arrives). */
  readonly onDetected: (failure: JobFailure) => void;
  /** A worker was replaced because its heap passed the limit. */
  readonly onRecycled?: (detail: string) => void;
}

/** Limits of the pool. @public */
export interface PoolLimits {
  /** A job running longer is lost as a hang and its worker replaced. */
  readonly jobTimeoutMs: number;
  /** A worker whose heap passes this is replaced (0: no limit). */
  readonly rssLimitMb: number;
}

/** Work in progress, for the status line and for saying what a lost job was doing. @public */
export interface Busy {
  readonly work: Work;
  readonly signals: WorkerSignals;
  readonly since: number;
}

/** Runs jobs and minimizations. @public */
export interface JobExecutor {
  readonly size: number;
  run(job: JobSpec, storedSignatures: readonly string[]): Promise<JobResult>;
  minimize(task: MinimizeTask): Promise<MinimizeOutcome>;
  /** What is running now. */
  busy(): readonly Busy[];
  /** Asks running work to stop early (walks end, minimizations keep what they have). */
  stop(): void;
  /** Ends running work at once; its promises reject with StoppedError. */
  terminate(): Promise<void>;
  close(): Promise<void>;
}

/** What a job was doing when it was lost. @public */
export interface LostProgress {
  /** Requests the job had checked (of its walk, or of all its sequences). */
  readonly requests: number;
  /** The 1-based property sequence it was on (0 for a walk). */
  readonly sequence: number;
}

/** Work that did not finish: the port hung, a worker died or ran out of memory. @public */
export class JobLostError extends Error {
  override name = 'JobLostError';
  constructor(
    readonly work: Work,
    readonly reason: 'hang' | 'crash' | 'memory',
    detail: string,
    readonly progress: LostProgress,
  ) {
    super(`${work.type === 'job' ? `job ${work.job.index} (seed ${work.job.seed}, ${work.job.engine})` : `minimizing ${work.task.signature}`} ${detail}`);
  }
}

/** Work ended by a hard stop (the campaign's grace ran out): not a finding. @public */
export class StoppedError extends Error {
  override name = 'StoppedError';
}

/** The C side of a worker: the backend, and the driver executable walks are streamed through (plain builds). @public */
export async function workerC(setup: WorkerSetup): Promise<{ c: Backend | null; cBinary: string | null; edgesSeen: Set<number> | null }> {
  if (setup.backend === 'ts') return { c: null, cBinary: null, edgesSeen: null };
  const c = await createBackend('c', cBackendOptions(setup));
  const binary = (await buildDriver(cBackendOptions(setup))).binary;
  // A worker thread's environment is its own: every driver it starts writes counts here.
  if (setup.coverageDir != null) {
    const dir = path.join(setup.coverageDir, `${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    Object.assign(process.env, gcovEnv(binary, dir));
  }
  // streamCompare starts its driver without the sanitizers' environment: sanitizer builds take
  // walks through `c` whole.
  return { c, cBinary: setup.sanitize ? null : binary, edgesSeen: measuresEdges(setup) ? new Set() : null };
}

/** How long a closing worker may take to let its drivers exit before it is ended. */
const CLOSE_GRACE_MS = 5_000;

/** A worker's young generation: small, so that short-lived request objects are collected early. */
const YOUNG_GENERATION_MB = 4;

/**
 * The worker's entry: compiled, `worker.js` itself; from the sources, `worker-boot.mjs`, which
 * registers tsx first (worker threads do not inherit the loader).
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./worker-boot.mjs', import.meta.url) : new URL('./worker.js', import.meta.url);

const errorText = (error: unknown): string => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** Runs work in the calling thread, one piece at a time. @public */
export async function createInProcessExecutor(setup: WorkerSetup, hooks: PoolHooks): Promise<JobExecutor> {
  const { c, cBinary, edgesSeen } = await workerC(setup);
  const signals = new WorkerSignals();
  let current: Busy | null = null;
  const stopped = (): boolean => signals.get('stop') !== 0;
  const track = async <T>(work: Work, run: () => Promise<T>): Promise<T> => {
    signals.reset();
    current = { work, signals, since: Date.now() };
    try {
      return await run();
    } catch (error) {
      // As in a worker thread: an exception of the job is a finding, not the end of the campaign.
      throw new JobLostError(work, 'crash', `failed: ${errorText(error)}`, { requests: signals.get('requests'), sequence: signals.get('sequence') });
    } finally {
      current = null;
    }
  };
  return {
    size: 1,
    run: (job, stored) =>
      track({ type: 'job', job, storedSignatures: [...stored] }, () =>
        runJob(job, {
          backend: setup.backend,
          era: eraOf(setup.era),
          c,
          cBinary,
          edgesSeen,
          storedSignatures: new Set(stored),
          runsPerJob: setup.runsPerJob,
          report: hooks.onDetected,
          progress: (requests, sequence) => {
            signals.set('requests', requests);
            signals.set('sequence', sequence);
          },
          stop: stopped,
        }),
      ),
    minimize: (task) =>
      track({ type: 'minimize', task }, () =>
        runMinimizeTask(task, c, stopped, (tests, best) => {
          signals.set('tests', tests);
          signals.set('best', best);
        }),
      ),
    busy: () => (current ? [current] : []),
    stop: () => signals.set('stop', 1),
    terminate: async () => signals.set('stop', 1),
    close: async () => c?.close(),
  };
}

interface Pending {
  readonly resolve: (r: JobResult | MinimizeOutcome) => void;
  readonly reject: (e: Error) => void;
  readonly busy: Busy;
  readonly timer: NodeJS.Timeout | null;
}

class PooledWorker {
  private worker!: Worker;
  /** The current thread has ended (terminated at the hard stop, or died). */
  private ended = false;
  private ready!: Promise<void>;
  private pending: Pending | null = null;
  readonly signals = new WorkerSignals();

  constructor(
    private readonly setup: WorkerSetup,
    private readonly limits: PoolLimits,
    private readonly hooks: PoolHooks,
  ) {
    this.start();
  }

  get busy(): Busy | null {
    return this.pending?.busy ?? null;
  }

  private start(): void {
    const stop = this.signals.get('stop');
    this.signals.view.fill(0);
    this.signals.set('stop', stop);
    const w = new Worker(WORKER_ENTRY, {
      workerData: { setup: this.setup, signals: this.signals.view.buffer },
      // V8 grows a heap lazily up to its limit: the cap is what keeps a worker's memory flat.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...(this.limits.rssLimitMb > 0 ? { maxOldGenerationSizeMb: this.limits.rssLimitMb } : {}) },
    });
    this.worker = w;
    this.ended = false;
    this.ready = new Promise((resolve, reject) => {
      w.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') resolve();
      });
      w.once('error', reject);
    });
    this.ready.catch(() => undefined);
    // A replaced worker's late events must not touch the work of its successor.
    const current = (): boolean => w === this.worker;
    w.on('message', (m: WorkerReply) => {
      if (m.type === 'detected') return this.hooks.onDetected(m.failure);
      if (!current()) return;
      const pending = this.pending;
      if (!pending || m.type === 'ready' || m.type === 'closed') return;
      this.pending = null;
      if (pending.timer) clearTimeout(pending.timer);
      if (m.type === 'result') pending.resolve(m.result);
      else if (m.type === 'minimized') pending.resolve(m.outcome);
      else pending.reject(this.lost(pending.busy, 'crash', `failed: ${m.message}`));
      this.recycleIfTooBig();
    });
    w.on('error', (error) => {
      if (!current()) return;
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(memory ? 'memory' : 'crash', memory ? `ran its worker out of memory (--rss-limit-mb ${this.limits.rssLimitMb})` : `crashed the worker: ${error.message}`);
    });
    w.on('exit', (code) => {
      if (current()) this.ended = true;
      if (current() && this.pending) this.fail('crash', `ended its worker (exit ${code})`);
    });
  }

  private lost(busy: Busy, reason: JobLostError['reason'], detail: string): JobLostError {
    return new JobLostError(busy.work, reason, detail, { requests: this.signals.get('requests'), sequence: this.signals.get('sequence') });
  }

  private fail(reason: JobLostError['reason'], detail: string): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.timer) clearTimeout(pending.timer);
    pending.reject(this.lost(pending.busy, reason, detail));
    this.replace();
  }

  private replace(): void {
    void this.worker.terminate();
    this.start();
  }

  /** libFuzzer's -rss_limit_mb, per worker: one that grew past the limit starts afresh. */
  private recycleIfTooBig(): void {
    const heap = this.signals.get('heapMb');
    if (this.limits.rssLimitMb > 0 && heap > this.limits.rssLimitMb) {
      this.hooks.onRecycled?.(`a worker's heap reached ${heap} MB (--rss-limit-mb ${this.limits.rssLimitMb}); it was replaced`);
      this.replace();
    }
  }

  async run<T extends JobResult | MinimizeOutcome>(work: Work): Promise<T> {
    await this.ready;
    return new Promise((resolve, reject) => {
      this.signals.reset();
      // Minimizations end by their own budget; only jobs can hang the thread unnoticed.
      const timer =
        work.type === 'job'
          ? setTimeout(() => this.fail('hang', `did not finish within ${this.limits.jobTimeoutMs / 1000} s (hang)`), this.limits.jobTimeoutMs)
          : null;
      this.pending = { resolve: resolve as (r: JobResult | MinimizeOutcome) => void, reject, busy: { work, signals: this.signals, since: Date.now() }, timer };
      this.worker.postMessage(work satisfies WorkerRequest);
    });
  }

  /** Ends the running work (if any) at once. */
  async terminate(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (pending?.timer) clearTimeout(pending.timer);
    await this.worker.terminate();
    pending?.reject(new StoppedError('stopped at the end of the grace period'));
  }

  /** Lets the worker's drivers exit (writing their coverage counts), then ends it. */
  async close(): Promise<void> {
    const w = this.worker;
    if (!this.ended) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_GRACE_MS);
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        w.on('message', (m: WorkerReply) => {
          if (m.type === 'closed') done();
        });
        w.once('exit', done);
        // A worker still starting (a replacement) is told once it is ready.
        this.ready.then(() => w.postMessage({ type: 'close' } satisfies WorkerRequest), done);
      });
    }
    await w.terminate();
  }
}

/** A pool of `size` worker threads. @public */
export async function createWorkerPool(size: number, setup: WorkerSetup, limits: PoolLimits, hooks: PoolHooks): Promise<JobExecutor> {
  const workers = Array.from({ length: size }, () => new PooledWorker(setup, limits, hooks));
  const idle = [...workers];
  const waiting: ((w: PooledWorker) => void)[] = [];
  const acquire = (): Promise<PooledWorker> => {
    const w = idle.pop();
    return w ? Promise.resolve(w) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (w: PooledWorker): void => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  const use = async <T extends JobResult | MinimizeOutcome>(work: Work): Promise<T> => {
    const w = await acquire();
    try {
      return await w.run<T>(work);
    } finally {
      release(w);
    }
  };
  return {
    size,
    run: (job, stored) => use<JobResult>({ type: 'job', job, storedSignatures: [...stored] }),
    minimize: (task) => use<MinimizeOutcome>({ type: 'minimize', task }),
    busy: () => workers.flatMap((w) => (w.busy ? [w.busy] : [])),
    stop: () => workers.forEach((w) => w.signals.set('stop', 1)),
    terminate: async () => {
      workers.forEach((w) => w.signals.set('stop', 1));
      await Promise.all(workers.map((w) => w.terminate()));
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
