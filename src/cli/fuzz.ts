/**
 * `gpuvm-check fuzz`: runs a campaign with a live status line, stops cleanly on Ctrl-C, prints
 * where the reports are and how to replay each finding. Exit 0: no new finding; 1: new
 * findings; 2: usage error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CAMPAIGN_DEFAULTS, runCampaign } from '../../fuzz/campaign.ts';
import type { CampaignProgress } from '../../fuzz/campaign.ts';
import { formatShard, parseShard } from '../../fuzz/jobs.ts';
import { writeJunit } from '../../fuzz/junit.ts';
import type { StoredFinding } from '../../fuzz/types.ts';
import { choice, parseFlags } from './args.ts';
import { namedHeader } from '../backends/c/cTarget.ts';
import { C_TARGET_FLAGS, cTargetFromFlags, prepareCTarget } from './cTarget.ts';
import { parseDuration } from './duration.ts';
import { intFlag } from './numbers.ts';
import { EXIT_FOUND, EXIT_OK, UsageError } from './usage.ts';

function statusLine(p: CampaignProgress): string {
  const pct = Math.min(100, (100 * p.elapsedSeconds) / Math.max(1, p.durationSeconds));
  const width = 20;
  const filled = Math.round((pct / 100) * width);
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.elapsedSeconds.toFixed(0)}/${p.durationSeconds.toFixed(0)}s ` +
    `${Math.round(p.requestsPerSec)} req/s, ${p.requests} requests, ${p.jobsDone} jobs, ` +
    `max ${p.maxLiveVas} live VAs, findings ${p.findings} (${p.newFindings} new)`
  );
}

function findingLine(f: StoredFinding): string {
  return `${f.known === null ? 'NEW  ' : `${f.known.padEnd(9)}`} ${f.class} ${f.what} (${f.requests} requests): ${f.replay}`;
}

/** Runs the `fuzz` subcommand. */
export async function fuzzCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      duration: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      backend: { type: 'string' },
      ...C_TARGET_FLAGS,
      sanitize: { type: 'boolean' },
      out: { type: 'string' },
      resume: { type: 'string' },
      shard: { type: 'string' },
      'max-requests': { type: 'string' },
      jobs: { type: 'string' },
      'runs-per-job': { type: 'string' },
      junit: { type: 'string' },
    },
    'fuzz',
  );
  if (positionals.length > 0) throw new UsageError(`fuzz: unexpected argument '${positionals[0]}'`);
  const durationMs = values.duration === undefined ? CAMPAIGN_DEFAULTS.durationMs : parseDuration('duration', values.duration);
  const seed = intFlag('seed', values.seed, Math.floor(Math.random() * 0x7fffffff), 0, 0x7fffffff);
  const workers = intFlag('workers', values.workers, CAMPAIGN_DEFAULTS.workers, 1, 256);
  const backend = choice('backend', values.backend, ['ts', 'c', 'both'] as const, CAMPAIGN_DEFAULTS.backend);
  const shard = (() => {
    try {
      return parseShard(values.shard ?? '1/1');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  const walkRequests = intFlag('max-requests', values['max-requests'], CAMPAIGN_DEFAULTS.walkRequests, 1, 10_000_000);
  const maxJobs = values.jobs === undefined ? null : intFlag('jobs', values.jobs, 0, 1);
  const runsPerJob = intFlag('runs-per-job', values['runs-per-job'], CAMPAIGN_DEFAULTS.runsPerJob, 1);
  if (values.resume !== undefined && values.out !== undefined) throw new UsageError('fuzz: --resume DIR continues DIR; do not give --out too');
  if (values.resume !== undefined && !existsSync(join(values.resume, 'state.json'))) {
    throw new UsageError(`--resume: '${values.resume}' is not a campaign directory (no state.json)`);
  }
  const cTarget = backend === 'ts' ? null : cTargetFromFlags(values);
  const dir = values.resume ?? values.out ?? join('reports', `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}-seed${seed}-shard${formatShard(shard).replace('/', 'of')}`);

  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    err('\nstopping after the running jobs (Ctrl-C again to quit at once)...');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  err(`gpuvm-check fuzz: seed ${seed}, shard ${formatShard(shard)}, backend ${backend}, ${workers} worker(s), ${durationMs / 1000}s -> ${dir}`);
  try {
    // Built once here, so that the workers find it in the cache.
    if (cTarget) await prepareCTarget(cTarget, values.sanitize ?? false, err);
    const result = await runCampaign({
      durationMs,
      seed,
      workers,
      backend,
      cSource: cTarget?.cSource ?? null,
      cHeader: cTarget ? namedHeader(cTarget) : null,
      sanitize: values.sanitize ?? false,
      dir,
      resume: values.resume !== undefined,
      shard,
      walkRequests,
      runsPerJob,
      maxJobs,
      jobTimeoutMs: CAMPAIGN_DEFAULTS.jobTimeoutMs,
      signal: controller.signal,
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r${statusLine(p)}\x1b[K`);
        else if (Date.now() - lastPrint > 10_000) {
          lastPrint = Date.now();
          err(statusLine(p));
        }
      },
      onFinding: (f) => {
        if (tty) process.stderr.write('\r\x1b[K');
        err(`finding: ${findingLine(f)}`);
      },
    });
    if (tty) process.stderr.write('\n');
    if (values.junit !== undefined) writeJunit(values.junit, result.report);
    const r = result.report;
    out(
      `campaign ${r.campaign}: ${r.jobsDone} jobs, ${r.stats.requests} requests in ${r.elapsedSeconds}s (${r.stoppedBy}), ` +
        `${r.findings.length} finding(s), ${result.newFindings.length} new\n` +
        r.findings.map((f) => `  ${findingLine(f)}\n`).join('') +
        `reports: ${join(dir, 'report.json')}, ${join(dir, 'summary.md')}, ${join(dir, 'report.html')}\n`,
    );
    return result.newFindings.length > 0 ? EXIT_FOUND : EXIT_OK;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
