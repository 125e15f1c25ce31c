/**
 * `npm run soak -- --duration 30m [fuzz flags...]`: runs a default campaign (both backends, all
 * CPUs) through the CLI, prints its total RSS and throughput over time from the samples it
 * writes into `state.json`, and checks that both stay flat: evidence for "overnight in bounded
 * memory", not a test (run it for minutes or hours, not in CI).
 *
 * Flat means: after a warm-up (the first fifth of the run, at least 20 s), the highest RSS is
 * at most FLAT_RSS_GROWTH times the median RSS of the first half of what follows, and the
 * median throughput of the last third is at least FLAT_RATE_SHARE of the first third's.
 * Exit 0: flat; 1: not flat (what grew is printed); 2: the campaign failed to run.
 *
 * Extra arguments are passed to `gpuvm-check fuzz` (say `--workers 4`); `--out` defaults to a
 * temporary directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ThroughputSample } from '../fuzz/report.ts';
import { flatness } from './soak/flatness.ts';

const args = process.argv.slice(2);
if (!args.includes('--duration')) args.push('--duration', '30m');
if (!args.includes('--out')) args.push('--out', join(mkdtempSync(join(tmpdir(), 'gpuvm-soak-')), 'campaign'));
const dir = args[args.indexOf('--out') + 1]!;

const samples = (): ThroughputSample[] => {
  try {
    return (JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { throughput: ThroughputSample[] }).throughput;
  } catch {
    return []; // not written yet
  }
};

console.log(`soak: gpuvm-check fuzz ${args.join(' ')}`);
console.log('     t   total RSS MB   requests/s');
const child = spawn(process.execPath, ['bin/gpuvm-check.mjs', 'fuzz', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
let printed = 0;
const print = (): void => {
  for (const s of samples().slice(printed)) {
    if (printed++ % 5 === 0) console.log(`${s.t.toFixed(0).padStart(6)}s ${String(s.rssMb ?? '?').padStart(12)} ${String(s.requestsPerSec).padStart(12)}`);
  }
};
const timer = setInterval(print, 10_000);
const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
clearInterval(timer);
print();
if (code !== 0 && code !== 1) {
  console.error(`soak: the campaign ended with exit ${code}`);
  process.exit(2);
}
const report = existsSync(join(dir, 'report.json')) ? (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { throughput: ThroughputSample[]; machine: { peakRssMb: number } }) : null;
const verdict = flatness(report?.throughput ?? samples());
console.log(`soak: peak RSS ${report?.machine.peakRssMb ?? '?'} MB; ${verdict.summary}`);
process.exit(verdict.flat ? 0 : 1);
