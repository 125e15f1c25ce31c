/**
 * Command line of `npm run bench` (`tsx bench/throughput.ts [--quick] [--out DIR] [--no-c]`).
 */
import type { BackendBenchOptions } from './backends.ts';
import type { CheckedBenchOptions } from './checked.ts';
import type { ScalingOptions } from './scaling.ts';

/** Everything a bench run does, and where it writes. @public */
export interface BenchOptions {
  readonly out: string;
  /** Where the Stryker JSON report and the seeded-bug report are read from. */
  readonly mutationReport: string;
  readonly seededBugsReport: string;
  readonly withC: boolean;
  /** Timed rounds, each timing the TS backend, the C backend and the checked walks back to back. */
  readonly rounds: number;
  readonly backends: BackendBenchOptions;
  readonly checked: CheckedBenchOptions;
  readonly scaling: ScalingOptions;
}

/** The full run: about a minute on 2 cores. @public */
export const FULL: Omit<BenchOptions, 'out' | 'mutationReport' | 'seededBugsReport' | 'withC'> = {
  rounds: 5,
  backends: { traces: 10, requestsPerTrace: 20_000, seed: 1 },
  checked: { walks: 5, walkRequests: 20_000, sequences: 2000, sequenceLength: 30, seed: 1 },
  scaling: { sizes: [1e3, 1e4, 1e5, 1e6], cycles: 5000, repeats: 5 },
};

/** `--quick`: a smoke run of a few seconds (numbers are not meaningful). @public */
export const QUICK: typeof FULL = {
  rounds: 1,
  backends: { traces: 2, requestsPerTrace: 2000, seed: 1 },
  checked: { walks: 1, walkRequests: 2000, sequences: 20, sequenceLength: 30, seed: 1 },
  scaling: { sizes: [1e2, 1e3], cycles: 100, repeats: 1 },
};

/** Usage text. @public */
export const BENCH_USAGE = 'usage: tsx bench/throughput.ts [--quick] [--no-c] [--out DIR]';

/**
 * Parses the bench's arguments.
 * @throws Error with {@link BENCH_USAGE} for anything else
 * @public
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let quick = false;
  let withC = true;
  let out = 'reports/bench';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--no-c') withC = false;
    else if (arg === '--out' && argv[i + 1] !== undefined) out = argv[++i]!;
    else throw new Error(`unknown argument '${arg}'\n${BENCH_USAGE}`);
  }
  return {
    ...(quick ? QUICK : FULL),
    out,
    withC,
    mutationReport: 'reports/mutation/mutation.json',
    seededBugsReport: 'reports/bench/seeded-bugs.json',
  };
}
