/**
 * `npm run bench`: how fast the suite checks, and where the time goes. Writes
 * `reports/bench/bench.json` (bench/throughput/report.ts documents every field) and prints a
 * table:
 *
 * - tsRequestsPerSec / cRequestsPerSec: the same walk traces through the TS backend and the C
 *   backend (one batched child process), measured in the same run, and their ratio;
 * - checkedRequestsPerSec: checked walks as a campaign runs them (port + model + invariants,
 *   full-state checks every 1000 requests), plus checked property sequences, and where the time
 *   goes (port, model, comparison, invariants, snapshots); cOverChecked, C's rate over the
 *   checked walks' rate in the same round (median of rounds), against the goal of 5×;
 * - each throughput after an untimed pass over the same work, as the fastest of a few rounds:
 *   campaigns run warm for minutes, and noise on a shared machine only ever slows a round down;
 * - scaling: split/merge cost on the port alone at 10^3..10^6 live VAs, which must grow like
 *   log n;
 * - mutationScore (latest Stryker JSON report) and seededBugs (reports/bench/seeded-bugs.json),
 *   when present;
 * - machine, with the peak RSS next to each throughput.
 *
 * Timings live here only; tests check the pure helpers (test/bench/throughput.spec.ts).
 */
import { cpus, platform } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseBenchArgs } from './throughput/args.ts';
import type { BenchOptions } from './throughput/args.ts';
import { BackendPair, backendThroughput } from './throughput/backends.ts';
import { checkedWalks, measureChecked } from './throughput/checked.ts';
import { collectGarbage, peakRssMb, timed, timedSync } from './throughput/clock.ts';
import type { BenchReport, ScalingPoint } from './throughput/report.ts';
import { BENCH_SCHEMA, checkedGoal, formatBenchTable, logGrowth, readMutationScore, readSeededBugs, writeBenchReport } from './throughput/report.ts';
import { measureSize, buildSpace, runCycles } from './throughput/scaling.ts';

export type { BenchOptions } from './throughput/args.ts';

const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);

/** Runs every section and returns the report (without writing it). @public */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = Date.now();

  if (!collectGarbage()) log('no --expose-gc: garbage of one timed pass may be collected during the next');
  log(`untimed pass: ${options.checked.walks} checked walks × ${options.checked.walkRequests}, ${options.backends.traces} walks × ${options.backends.requestsPerTrace} on TS and C`);
  const walks = checkedWalks(options.checked);
  const pair = await BackendPair.open(options.backends, options.withC);
  // Timed back to back in each round, so that a ratio compares passes that met the same stretch
  // of a noisy machine.
  const tsMs: number[] = [];
  const cMs: number[] = [];
  const walkMs: number[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      log(`round ${round}/${options.rounds}: TS backend, C backend, checked walks`);
      collectGarbage();
      tsMs.push(await pair.timeTs());
      collectGarbage();
      const c = await pair.timeC();
      if (c !== null) cMs.push(c);
      collectGarbage();
      walkMs.push(timedSync(walks.run).ms);
    }
  } finally {
    await pair.close();
  }
  const backends = backendThroughput(options.backends, pair, tsMs, cMs);

  log(`checked: ${options.checked.sequences} property sequences, port and model alone, phase profiles`);
  const checked = measureChecked(options.checked, walks, walkMs);

  log(`scaling: ${options.scaling.sizes.join(', ')} live VAs`);
  runCycles(buildSpace(1000), 2000, 'warm-up'); // JIT warm-up, so the smallest size is not penalised
  const points: ScalingPoint[] = [];
  for (const n of options.scaling.sizes) {
    const point = measureSize(n, options.scaling);
    points.push(point);
    log(`  ${n} VAs: ${Math.round(point.nsPerRequest)} ns/request`);
  }
  const scaling = { points, growth: logGrowth(points), peakRssMb: peakRssMb() };

  const cpuList = cpus();
  return {
    schema: BENCH_SCHEMA,
    createdAt: new Date(started).toISOString(),
    elapsedSeconds: (Date.now() - started) / 1000,
    machine: { cpus: cpuList.length, model: cpuList[0]?.model.trim() ?? 'unknown', node: process.version, platform: platform(), peakRssMb: peakRssMb() },
    tsRequestsPerSec: backends.tsRequestsPerSec,
    cRequestsPerSec: backends.cRequestsPerSec,
    checkedRequestsPerSec: checked.walk.requestsPerSec,
    ...checkedGoal({ requests: backends.requests, ms: cMs }, { requests: checked.walk.requests, ms: walkMs }),
    backends,
    checked,
    scaling,
    ...readMutationScore(options.mutationReport),
    ...readSeededBugs(options.seededBugsReport),
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const { value: report } = await timed(() => runBench(options));
  const path = writeBenchReport(options.out, report);
  process.stdout.write(formatBenchTable(report));
  process.stdout.write(`\nwritten: ${path}\n`);
  return report.scaling.growth.ok ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
