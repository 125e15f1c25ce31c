/**
 * TS port vs C code on the same traces: long random walks (canonical text), each run once through
 * `createBackend('ts')` and once through `createBackend('c')` (one batched child process), in
 * the same process and run, after a warm-up trace on each. The transcripts are compared too: a
 * throughput number for a backend that answers differently would mean nothing.
 */
import { createBackend } from '../../src/backends/create.ts';
import type { Backend } from '../../src/backends/backend.ts';
import { formatTrace } from '../../src/trace/request.ts';
import { walkRequests } from '../../fuzz/engines/walk.ts';
import type { BackendThroughput } from './report.ts';
import { perSecond, ratio } from './report.ts';
import { peakRssMb, timed } from './clock.ts';

/** How many walks of how many requests, from which seed on. @public */
export interface BackendBenchOptions {
  readonly traces: number;
  readonly requestsPerTrace: number;
  readonly seed: number;
}

/** The canonical texts of walks `seed .. seed + traces - 1`. */
export function walkTexts(options: BackendBenchOptions): string[] {
  return Array.from({ length: options.traces }, (_, i) => formatTrace([...walkRequests(options.seed + i, { requests: options.requestsPerTrace })]));
}

async function timedRun(backend: Backend, texts: readonly string[], warmUp: string): Promise<{ ms: number; out: string[][] }> {
  await backend.runTraces([warmUp]);
  const { ms, value } = await timed(() => backend.runTraces(texts));
  return { ms, out: value };
}

/** Measures both backends on the same walk texts. @public */
export async function measureBackends(options: BackendBenchOptions, withC = true): Promise<BackendThroughput> {
  const texts = walkTexts(options);
  const warmUp = formatTrace([...walkRequests(options.seed - 1, { requests: Math.min(5000, options.requestsPerTrace) })]);
  const requests = options.traces * options.requestsPerTrace;

  const ts = await createBackend('ts');
  const tsRun = await timedRun(ts, texts, warmUp);
  await ts.close();

  let cMs: number | null = null;
  let identical: number | null = null;
  let cError: string | null = null;
  let c: Backend | null = null;
  try {
    if (!withC) throw new Error('skipped (--no-c)');
    c = await createBackend('c');
    const cRun = await timedRun(c, texts, warmUp);
    cMs = cRun.ms;
    identical = cRun.out.filter((lines, i) => JSON.stringify(lines) === JSON.stringify(tsRun.out[i])).length;
  } catch (error) {
    cError = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  } finally {
    await c?.close();
  }

  const tsRequestsPerSec = perSecond(requests, tsRun.ms);
  const cRequestsPerSec = cMs === null ? null : perSecond(requests, cMs);
  return {
    traces: options.traces,
    requestsPerTrace: options.requestsPerTrace,
    requests,
    tsSeconds: tsRun.ms / 1000,
    tsRequestsPerSec,
    cSeconds: cMs === null ? null : cMs / 1000,
    cRequestsPerSec,
    cOverTs: ratio(cRequestsPerSec, tsRequestsPerSec),
    identicalTranscripts: identical,
    cError,
    peakRssMb: peakRssMb(),
  };
}
