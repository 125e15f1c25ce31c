/**
 * A campaign worker thread: owns its own C backend, runs the jobs and minimizations it is sent,
 * reports failures as its jobs detect them and its progress through shared integers.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { eraOf } from './eraRecord.ts';
import { runJob } from './job.ts';
import { runMinimizeTask } from './minimizeTask.ts';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './pool.ts';
import { workerC } from './pool.ts';
import { WorkerSignals } from './workerSignals.ts';

const setup = workerData.setup as WorkerSetup;
const signals = new WorkerSignals(workerData.signals as SharedArrayBuffer);
const { c, cBinary, edgesSeen } = await workerC(setup);
const era = eraOf(setup.era);
const post = (reply: WorkerReply): void => parentPort!.postMessage(reply);
const stop = (): boolean => signals.get('stop') !== 0;
const heapMb = (): void => signals.set('heapMb', getHeapStatistics().total_heap_size / 2 ** 20);

parentPort!.on('message', async (message: WorkerRequest) => {
  try {
    if (message.type === 'close') {
      await c?.close();
      post({ type: 'closed' });
    } else if (message.type === 'job') {
      const result = await runJob(message.job, {
        backend: setup.backend,
        era,
        c,
        cBinary,
        edgesSeen,
        storedSignatures: new Set(message.storedSignatures),
        runsPerJob: setup.runsPerJob,
        report: (failure) => post({ type: 'detected', failure }),
        progress: (requests, sequence) => {
          signals.set('requests', requests);
          signals.set('sequence', sequence);
          heapMb();
        },
        stop,
      });
      heapMb();
      post({ type: 'result', result });
    } else {
      const outcome = await runMinimizeTask(message.task, c, stop, (tests, best) => {
        signals.set('tests', tests);
        signals.set('best', best);
      });
      heapMb();
      post({ type: 'minimized', outcome });
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
post({ type: 'ready' });
