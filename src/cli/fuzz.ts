/**
 * `gpuvm-check fuzz`: runs a campaign with a live status line, stops cleanly on Ctrl-C, prints
 * where the reports are and how to replay each finding. Exit 0: no new finding; 1: new
 * findings; 2: usage error.
 */
import { join } from 'node:path';
import { runCampaign, STOP_GRACE_MS } from '../../fuzz/campaign.ts';
import type { CampaignProgress } from '../../fuzz/campaign.ts';
import { formatShard } from '../../fuzz/jobs.ts';
import { writeJunit } from '../../fuzz/junit.ts';
import type { StoredFinding } from '../../fuzz/types.ts';
import { excerpt } from '../trace/excerpt.ts';
import { parseFlags } from './args.ts';
import { C_TARGET_FLAGS, prepareCTarget } from './cTarget.ts';
import { fuzzSettings } from './fuzzFlags.ts';
import { prepareOutputDir } from './paths.ts';
import { EXIT_FOUND, EXIT_OK, UsageError } from './usage.ts';
import { SEED_ERA } from '../era/era.ts';
import { describeEra } from '../backends/c/detectEra.ts';
import { coverageLine } from '../coverage/coverage.ts';

function statusLine(p: CampaignProgress): string {
  const pct = Math.min(100, (100 * p.elapsedSeconds) / Math.max(1, p.durationSeconds));
  const width = 20;
  const filled = Math.round((pct / 100) * width);
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.elapsedSeconds.toFixed(0)}/${p.durationSeconds.toFixed(0)}s ` +
    `${Math.round(p.requestsPerSec)} req/s, ${p.requests} requests, ${p.jobsDone} jobs, ` +
    `max ${p.maxLiveVas} live VAs, findings ${p.findings} (${p.newFindings} new), ${p.rssMb} MB` +
    p.minimizing.map((m) => `; minimizing ${m.signature}: ${m.tests} tests, ${m.requests === 0 ? '?' : m.requests} requests`).join('') +
    (p.minimizeQueued > 0 ? `; ${p.minimizeQueued} to minimize` : '')
  );
}

function findingLine(f: StoredFinding): string {
  return `${f.known === null ? 'NEW  ' : `${f.known.padEnd(9)}`} ${f.class}${f.backend ? ` (${f.backend})` : ''} ${f.what} (${f.requests} requests${f.partial ? ', not yet minimal' : ''}): ${f.replay}`;
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
      era: { type: 'string' },
      sanitize: { type: 'boolean' },
      coverage: { type: 'boolean' },
      out: { type: 'string' },
      resume: { type: 'string' },
      shard: { type: 'string' },
      'max-requests': { type: 'string' },
      jobs: { type: 'string' },
      'runs-per-job': { type: 'string' },
      'minimize-budget': { type: 'string' },
      'rss-limit-mb': { type: 'string' },
      timeout: { type: 'string' },
      junit: { type: 'string' },
      'no-guided': { type: 'boolean' },
      corpus: { type: 'string' },
    },
    'fuzz',
  );
  if (positionals.length > 0) throw new UsageError(`fuzz: unexpected argument '${excerpt(positionals[0]!)}'`);
  const settings = fuzzSettings(values);
  const { durationMs, seed, workers, backend, shard, dir } = settings;
  // Built once here, before any worker starts: a source that does not compile is one clean
  // error, not one per worker, and the workers find the driver in the cache.
  // Edge coverage is measured whenever the build allows it (fuzz/campaign.ts); gcov's with --coverage.
  const instrument = [...(settings.sanitize ? [] : ['edges' as const]), ...(settings.coverage ? ['gcov' as const] : [])];
  if (settings.cTarget) await prepareCTarget(settings.cTarget, settings.sanitize, err, instrument);
  prepareOutputDir(settings.resumed ? 'resume' : 'out', dir);
  const resumedSeconds = settings.resumed?.elapsedSeconds ?? 0;

  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    err(`\nstopping: walks and minimizations now, anything else within ${STOP_GRACE_MS / 1000} s (Ctrl-C again to quit at once)...`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  err(
    `gpuvm-check fuzz: ${settings.resumed ? `resuming ${settings.resumed.campaign} (${Math.round(resumedSeconds)}s done), ` : ''}` +
      `seed ${seed}, shard ${formatShard(shard)}, backend ${backend}, ${workers} worker(s), ${durationMs / 1000}s -> ${dir}`,
  );
  try {
    // With C the C source line names the era; without, say which one the port and model run in.
    if (!settings.resumed && backend === 'ts') err(`TypeScript port and model of the ${describeEra(settings.era ?? SEED_ERA)}`);
    const result = await runCampaign({
      durationMs,
      seed,
      workers,
      backend,
      era: settings.era,
      cSource: settings.cSource,
      cHeader: settings.cHeader,
      sanitize: settings.sanitize,
      coverage: settings.coverage,
      dir,
      resume: settings.resumed !== null,
      shard,
      walkRequests: settings.walkRequests,
      runsPerJob: settings.runsPerJob,
      maxJobs: settings.maxJobs,
      jobTimeoutMs: settings.jobTimeoutMs,
      minimizeBudgetMs: settings.minimizeBudgetMs,
      rssLimitMb: settings.rssLimitMb,
      guided: settings.guided,
      seedCorpus: settings.seedCorpus,
      signal: controller.signal,
      onProgress: (p) => {
        // The status line shows this run against its --duration, also when resuming.
        const line = statusLine({ ...p, elapsedSeconds: p.elapsedSeconds - resumedSeconds });
        if (tty) process.stderr.write(`\r${line}\x1b[K`);
        else if (Date.now() - lastPrint > 10_000) {
          lastPrint = Date.now();
          err(line);
        }
      },
      onFinding: (f, improved) => {
        if (tty) process.stderr.write('\r\x1b[K');
        err(`${improved ? 'minimized' : 'finding'}: ${findingLine(f)}`);
      },
    });
    if (tty) process.stderr.write('\n');
    if (settings.junit !== undefined) writeJunit(settings.junit, result.report, result.dir);
    const r = result.report;
    out(
      `campaign ${r.campaign}: ${r.jobsDone} jobs, ${r.stats.requests} requests in ${r.elapsedSeconds}s (${r.stoppedBy}), ` +
        `${r.findings.length} finding(s), ${result.newFindings.length} new\n` +
        r.findings.map((f) => `  ${findingLine(f)}\n`).join('') +
        (r.coverage ? `${coverageLine(r.coverage)}\n` : '') +
        `reports: ${join(dir, 'report.json')}, ${join(dir, 'summary.md')}, ${join(dir, 'report.html')}\n`,
    );
    return result.newFindings.length > 0 ? EXIT_FOUND : EXIT_OK;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
