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

const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error));

/**
 * Runs the texts once on each backend and counts the identical transcripts. A function of its
 * own so that no transcript outlives it: they are large, and a large heap slows the timed rounds.
 */
async function untimedPass(ts: Backend, c: Backend | null, texts: readonly string[]): Promise<{ identical: number | null; cError: string | null }> {
  const tsOut = await ts.runTraces(texts);
  if (c === null) return { identical: null, cError: null };
  try {
    const cOut = await c.runTraces(texts);
    return { identical: cOut.filter((lines, i) => JSON.stringify(lines) === JSON.stringify(tsOut[i])).length, cError: null };
  } catch (error) {
    return { identical: null, cError: describeError(error) };
  }
}

/**
 * Both backends, open on the same walk texts and past one untimed pass each (the JIT, the C
 * driver's start, the page cache), ready to time passes in rounds. @public
 */
export class BackendPair {
  private constructor(
    private readonly ts: Backend,
    private readonly c: Backend | null,
    private readonly texts: readonly string[],
    /** How many traces gave byte-identical transcripts on both (null without C). */
    readonly identical: number | null,
    private failure: string | null,
  ) {}

  /** Opens both backends and runs the untimed pass; a C backend that fails is recorded, not thrown. */
  static async open(options: BackendBenchOptions, withC: boolean): Promise<BackendPair> {
    const texts = walkTexts(options);
    const ts = await createBackend('ts');
    let c: Backend | null = null;
    let cError: string | null = withC ? null : 'skipped (--no-c)';
    if (withC) {
      try {
        c = await createBackend('c');
      } catch (error) {
        cError = describeError(error);
      }
    }
    const pass = await untimedPass(ts, c, texts);
    return new BackendPair(ts, c, texts, pass.identical, cError ?? pass.cError);
  }

  /** Why there is no C number, if there is none. */
  get cError(): string | null {
    return this.failure;
  }

  /** One timed pass of the TS backend, in ms. */
  async timeTs(): Promise<number> {
    return (await timed(() => this.ts.runTraces(this.texts))).ms;
  }

  /** One timed pass of the C backend, in ms; null once C is out (see cError). */
  async timeC(): Promise<number | null> {
    if (this.c === null || this.failure !== null) return null;
    try {
      return (await timed(() => this.c!.runTraces(this.texts))).ms;
    } catch (error) {
      this.failure = describeError(error);
      return null;
    }
  }

  async close(): Promise<void> {
    await this.ts.close();
    await this.c?.close();
  }
}

/** The section of bench.json from timed passes: the fastest pass counts. @public */
export function backendThroughput(options: BackendBenchOptions, pair: Pick<BackendPair, 'identical' | 'cError'>, tsMs: readonly number[], cMs: readonly number[]): BackendThroughput {
  const requests = options.traces * options.requestsPerTrace;
  const tsBest = Math.min(...tsMs);
  const cBest = pair.cError === null && cMs.length > 0 ? Math.min(...cMs) : null;
  const tsRequestsPerSec = perSecond(requests, tsBest);
  const cRequestsPerSec = cBest === null ? null : perSecond(requests, cBest);
  return {
    traces: options.traces,
    requestsPerTrace: options.requestsPerTrace,
    requests,
    rounds: tsMs.length,
    tsSeconds: tsBest / 1000,
    tsRoundSeconds: tsMs.map((ms) => ms / 1000),
    tsRequestsPerSec,
    cSeconds: cBest === null ? null : cBest / 1000,
    cRoundSeconds: cMs.map((ms) => ms / 1000),
    cRequestsPerSec,
    cOverTs: ratio(cRequestsPerSec, tsRequestsPerSec),
    identicalTranscripts: pair.identical,
    cError: pair.cError,
    peakRssMb: peakRssMb(),
  };
}
