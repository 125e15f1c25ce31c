/**
 * TS port vs C code on the same traces: long random walks (canonical text), run through
 * `createBackend('ts')` and `createBackend('c')` (one batched child process) in the same process
 * and run. The transcripts are compared too: a
 * throughput number for a backend that answers differently would mean nothing.
 */
import { createBackend } from '../../src/backends/create.ts';
import type { Backend } from '../../src/backends/backend.ts';
import { formatTrace } from '../../src/trace/request.ts';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import type { BackendThroughput } from './report.ts';
import { perSecond, ratio } from './report.ts';
import { peakRssMb, timed } from './clock.ts';

/** How many walks of how many requests, from which seed on, measured in how many rounds. @public */
export interface BackendBenchOptions {
  readonly traces: number;
  readonly requestsPerTrace: number;
  readonly seed: number;
  /** Timed rounds after the untimed one; the fastest counts (noise on a shared machine only slows). */
  readonly rounds: number;
}

/** The canonical texts of walks `seed .. seed + traces - 1`. */
export function walkTexts(options: Omit<BackendBenchOptions, 'rounds'>): string[] {
  return Array.from({ length: options.traces }, (_, i) => formatTrace([...walkRequests(options.seed + i, { requests: options.requestsPerTrace })]));
}

const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error));

/**
 * Measures both backends on the same walk texts: one untimed pass on each (the JIT, the C
 * driver's start, the page cache), then `rounds` rounds, each timing TS then C, so both sides
 * see the same stretch of a noisy machine. @public
 */
export async function measureBackends(options: BackendBenchOptions, withC = true): Promise<BackendThroughput> {
  const texts = walkTexts(options);
  const requests = options.traces * options.requestsPerTrace;
  const tsMs: number[] = [];
  const cMs: number[] = [];
  let identical: number | null = null;
  let cError: string | null = withC ? null : 'skipped (--no-c)';

  const ts = await createBackend('ts');
  let c: Backend | null = null;
  try {
    const tsOut = await ts.runTraces(texts);
    if (withC) {
      try {
        c = await createBackend('c');
        const cOut = await c.runTraces(texts);
        identical = cOut.filter((lines, i) => JSON.stringify(lines) === JSON.stringify(tsOut[i])).length;
      } catch (error) {
        cError = describeError(error);
      }
    }
    for (let round = 0; round < options.rounds; round++) {
      tsMs.push((await timed(() => ts.runTraces(texts))).ms);
      if (c !== null && cError === null) {
        try {
          cMs.push((await timed(() => c!.runTraces(texts))).ms);
        } catch (error) {
          cError = describeError(error);
        }
      }
    }
  } finally {
    await ts.close();
    await c?.close();
  }

  const tsBest = Math.min(...tsMs);
  const cBest = cError === null && cMs.length > 0 ? Math.min(...cMs) : null;
  const tsRequestsPerSec = perSecond(requests, tsBest);
  const cRequestsPerSec = cBest === null ? null : perSecond(requests, cBest);
  return {
    traces: options.traces,
    requestsPerTrace: options.requestsPerTrace,
    requests,
    rounds: options.rounds,
    tsSeconds: tsBest / 1000,
    tsRoundSeconds: tsMs.map((ms) => ms / 1000),
    tsRequestsPerSec,
    cSeconds: cBest === null ? null : cBest / 1000,
    cRoundSeconds: cMs.map((ms) => ms / 1000),
    cRequestsPerSec,
    cOverTs: ratio(cRequestsPerSec, tsRequestsPerSec),
    identicalTranscripts: identical,
    cError,
    peakRssMb: peakRssMb(),
  };
}
