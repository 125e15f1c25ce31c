/**
 * Where jobs run: a pool of worker threads (one job at a time each), or the calling thread for
 * small deterministic runs.
 */
import { Worker } from 'node:worker_threads';
import type { BackendOptions } from '../src/backends/create.ts';
import { createBackend } from '../src/backends/create.ts';
import type { Backend } from '../src/backends/backend.ts';
import { runJob } from './job.ts';
import type { CampaignBackend, JobResult, JobSpec } from './types.ts';

/** What every worker is told once. @public */
export interface WorkerSetup {
  readonly backend: CampaignBackend;
  readonly cSource: string | null;
  readonly cHeader: string | null;
  readonly sanitize: boolean;
  readonly runsPerJob: number;
}

/** The C backend options of a setup (both executors build the same). @public */
export function cBackendOptions(setup: WorkerSetup): BackendOptions {
  return {
    ...(setup.cSource !== null && { cSource: setup.cSource }),
    ...(setup.cHeader !== null && { cHeader: setup.cHeader }),
    sanitize: setup.sanitize,
  };
}

/** A job sent to a worker, with the signatures it need not minimise again. @public */
export interface WorkerRequest {
  readonly type: 'job';
  readonly job: JobSpec;
  readonly storedSignatures: string[];
}

type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; result: JobResult }
  | { type: 'error'; job: number; message: string };

/** Runs jobs. @public */
export interface JobExecutor {
  readonly size: number;
  run(job: JobSpec, storedSignatures: readonly string[]): Promise<JobResult>;
  close(): Promise<void>;
}

/** A job that did not finish: the port hung (or a worker died); reported as a finding. @public */
export class JobLostError extends Error {
  override name = 'JobLostError';
  constructor(
    readonly job: JobSpec,
    reason: string,
  ) {
    super(`job ${job.index} (seed ${job.seed}, ${job.engine}) ${reason}`);
  }
}

/** Runs jobs in the calling thread, one at a time. @public */
export async function createInProcessExecutor(setup: WorkerSetup): Promise<JobExecutor> {
  const c: Backend | null = setup.backend === 'ts' ? null : await createBackend('c', cBackendOptions(setup));
  return {
    size: 1,
    async run(job, stored) {
      try {
        return await runJob(job, { backend: setup.backend, c, storedSignatures: new Set(stored), runsPerJob: setup.runsPerJob });
      } catch (error) {
        // As in a worker thread: an exception of the job is a finding, not the end of the campaign.
        throw new JobLostError(job, `failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    },
    close: async () => c?.close(),
  };
}

class PooledWorker {
  private worker!: Worker;
  private ready!: Promise<void>;
  private pending: { resolve: (r: JobResult) => void; reject: (e: Error) => void; job: JobSpec; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly setup: WorkerSetup,
    private readonly jobTimeoutMs: number,
  ) {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { setup: this.setup } });
    this.ready = new Promise((resolve, reject) => {
      const onReady = (m: WorkerReply): void => {
        if (m.type === 'ready') resolve();
      };
      this.worker.on('message', onReady);
      this.worker.once('error', reject);
    });
    this.worker.on('message', (m: WorkerReply) => {
      const pending = this.pending;
      if (!pending || m.type === 'ready') return;
      this.pending = null;
      clearTimeout(pending.timer);
      if (m.type === 'result') pending.resolve(m.result);
      else pending.reject(new JobLostError(pending.job, `failed: ${m.message}`));
    });
    this.worker.on('error', (error) => this.lose(`crashed the worker: ${error.message}`));
    this.worker.on('exit', (code) => {
      if (this.pending) this.lose(`ended its worker (exit ${code})`);
    });
  }

  private lose(reason: string): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.reject(new JobLostError(pending.job, reason));
  }

  async run(job: JobSpec, storedSignatures: readonly string[]): Promise<JobResult> {
    await this.ready;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A TypeScript port stuck in a loop cannot be interrupted: replace the whole thread.
        this.lose(`did not finish within ${this.jobTimeoutMs / 1000} s (hang)`);
        void this.worker.terminate();
        this.start();
      }, this.jobTimeoutMs);
      this.pending = { resolve, reject, job, timer };
      this.worker.postMessage({ type: 'job', job, storedSignatures: [...storedSignatures] } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A pool of `size` worker threads. @public */
export async function createWorkerPool(size: number, setup: WorkerSetup, jobTimeoutMs: number): Promise<JobExecutor> {
  const workers = Array.from({ length: size }, () => new PooledWorker(setup, jobTimeoutMs));
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
  return {
    size,
    async run(job, stored) {
      const w = await acquire();
      try {
        return await w.run(job, stored);
      } finally {
        release(w);
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
