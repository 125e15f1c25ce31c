/**
 * `gpuvm-check fuzz --job K --seed S ...`: reruns job K of the campaign of seed S alone, as the
 * campaign ran it (same engine, generated input, C target, worker thread with its time and
 * memory limits), and prints every failure it detects (none suppressed: a campaign reports a
 * signature once, a rerun reports all the job's). Exit 1 if it detects anything, 0 if not.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobFor } from '../../fuzz/jobs.ts';
import { lostJobFailure } from '../../fuzz/lostWork.ts';
import { createWorkerPool, JobLostError } from '../../fuzz/pool.ts';
import { formatCount } from '../../fuzz/render/format.ts';
import { eraRecord } from '../../fuzz/eraRecord.ts';
import type { JobFailure } from '../../fuzz/types.ts';
import { SEED_ERA } from '../era/era.ts';
import { prepareCTarget } from './cTarget.ts';
import type { FuzzSettings } from './fuzzFlags.ts';
import { EXIT_FOUND, EXIT_OK, UsageError } from './usage.ts';

/** Failing traces up to this many requests are printed; longer ones need `--out`. */
const INLINE_REQUESTS = 40;

const requestLines = (trace: string): string[] => trace.split('\n').filter((l) => l !== '' && !l.startsWith('#'));

/** How one failure of the job is printed: a line, then its trace (or where it went). */
export function failureReport(f: JobFailure, out: string | null): string {
  const lines = requestLines(f.trace);
  const head = `${f.known === null ? 'NEW' : f.known} ${f.signature}: ${f.class} ${f.what}${f.backend ? ` (${f.backend})` : ''}, ${formatCount(lines.length)} requests: ${f.detail.split('\n')[0]}\n`;
  if (out !== null) return `${head}  trace: ${join(out, `${f.signature}.trace`)}\n`;
  if (lines.length <= INLINE_REQUESTS) return head + lines.map((l) => `  ${l}\n`).join('');
  return `${head}  (${formatCount(lines.length)} requests: give --out DIR to write the trace)\n`;
}

/**
 * Reruns the job of `settings.job`.
 * @returns EXIT_FOUND when the job detects a failure, else EXIT_OK
 */
export async function rerunJob(settings: FuzzSettings & { readonly job: NonNullable<FuzzSettings['job']> }, out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { index, out: dir } = settings.job;
  // Shard 1/1: ordinal K is job K, whichever shard ran it in the campaign.
  const job = jobFor(settings.seed, { index: 0, count: 1 }, index, settings.walkRequests, settings.guided);
  if (job.engine === 'guided') {
    throw new UsageError(
      `--job ${index}: in a coverage-guided campaign job ${index} is a guided job, whose input was mutated from the campaign's corpus, not generated from the seed; ` +
        'replay its finding with `check <finding-dir>` (or give --no-guided for a blind campaign\'s job)',
    );
  }
  // Built here, before the worker starts: a source that does not compile is one clean error.
  if (settings.cTarget) await prepareCTarget(settings.cTarget, settings.sanitize, err);
  err(`gpuvm-check fuzz: job ${index} of seed ${settings.seed} (${job.engine}, job seed ${job.seed}), backend ${settings.backend}`);
  const failures: JobFailure[] = [];
  const setup = {
    backend: settings.backend,
    era: eraRecord(settings.era ?? SEED_ERA),
    cSource: settings.cSource,
    cHeader: settings.cHeader ?? null,
    sanitize: settings.sanitize,
    runsPerJob: settings.runsPerJob,
  };
  const pool = await createWorkerPool(1, setup, { jobTimeoutMs: settings.jobTimeoutMs, rssLimitMb: settings.rssLimitMb ?? 0 }, { onDetected: (f) => failures.push(f) });
  try {
    const result = await pool.run(job, []);
    err(`job ${index}: ${formatCount(result.stats.requests)} requests, ${formatCount(result.stats.sequences)} sequence(s)`);
  } catch (error) {
    if (!(error instanceof JobLostError)) throw error;
    if (error.reason === 'memory') err(`job ${index} ${error.message.split('\n')[0]} (not a finding, as in a campaign)`);
    else failures.push(lostJobFailure(error, settings.era ?? SEED_ERA));
  } finally {
    await pool.close();
  }
  if (dir !== null && failures.length > 0) {
    mkdirSync(dir, { recursive: true });
    for (const f of failures) writeFileSync(join(dir, `${f.signature}.trace`), f.trace);
  }
  out(failures.map((f) => failureReport(f, dir)).join(''));
  out(`job ${index} of seed ${settings.seed}: ${failures.length === 0 ? 'nothing found' : `${failures.length} failure(s)`}\n`);
  return failures.length > 0 ? EXIT_FOUND : EXIT_OK;
}
