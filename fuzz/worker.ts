/**
 * A campaign worker thread: owns its own C backend and runs the jobs it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createBackend } from '../src/backends/create.ts';
import type { JobContext } from './job.ts';
import { runJob } from './job.ts';
import type { WorkerRequest, WorkerSetup } from './pool.ts';
import { cBackendOptions } from './pool.ts';

const setup = workerData.setup as WorkerSetup;
const c = setup.backend === 'ts' ? null : await createBackend('c', cBackendOptions(setup));

parentPort!.on('message', async (message: WorkerRequest) => {
  const ctx: JobContext = { backend: setup.backend, c, storedSignatures: new Set(message.storedSignatures), runsPerJob: setup.runsPerJob };
  try {
    parentPort!.postMessage({ type: 'result', result: await runJob(message.job, ctx) });
  } catch (error) {
    parentPort!.postMessage({ type: 'error', job: message.job.index, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
parentPort!.postMessage({ type: 'ready' });
