/**
 * `gpuvm-check fuzz`: runs a campaign with a live status line, stops cleanly on Ctrl-C, prints
 * where the reports are and how to replay each finding. Exit 0: no new finding; 1: new
 * findings; 2: usage error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CAMPAIGN_DEFAULTS, runCampaign, STOP_GRACE_MS } from '../../fuzz/campaign.ts';
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
import { SEED_ERA } from '../era/era.ts';
import { describeEra } from '../backends/c/detectEra.ts';
import { eraFlag } from './run.ts';

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
      out: { type: 'string' },
      resume: { type: 'string' },
      shard: { type: 'string' },
      'max-requests': { type: 'string' },
      jobs: { type: 'string' },
      'runs-per-job': { type: 'string' },
      junit: { type: 'string' },
      'minimize-budget': { type: 'string' },
      'rss-limit-mb': { type: 'string' },
      timeout: { type: 'string' },
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
  const minimizeBudgetMs =
    values['minimize-budget'] === undefined ? CAMPAIGN_DEFAULTS.minimizeBudgetMs : parseDuration('minimize-budget', values['minimize-budget']);
  const jobTimeoutMs = values.timeout === undefined ? CAMPAIGN_DEFAULTS.jobTimeoutMs : parseDuration('timeout', values.timeout);
  const rssLimitMb = intFlag('rss-limit-mb', values['rss-limit-mb'], CAMPAIGN_DEFAULTS.rssLimitMb, 0, 1 << 20);
  const runsPerJob = intFlag('runs-per-job', values['runs-per-job'], CAMPAIGN_DEFAULTS.runsPerJob, 1);
  if (values.resume !== undefined && values.out !== undefined) throw new UsageError('fuzz: --resume DIR continues DIR; do not give --out too');
  if (values.resume !== undefined && !existsSync(join(values.resume, 'state.json'))) {
    throw new UsageError(`--resume: '${values.resume}' is not a campaign directory (no state.json)`);
  }
  const namesC = values['kernel-tree'] !== undefined || values['c-source'] !== undefined || values['c-header'] !== undefined;
  if (values.era !== undefined && (backend !== 'ts' || namesC)) {
    throw new UsageError('fuzz: --era is for --backend ts without C; with C code the era is the one detected in it');
  }
  if (values.era !== undefined && values.resume !== undefined) throw new UsageError('fuzz: --resume keeps the era of the campaign; do not give --era');
  // With --backend ts a named C target still sets the era (its C code is not run).
  const cTarget = backend === 'ts' && !namesC ? null : cTargetFromFlags(values);
  const era = cTarget?.era ?? eraFlag(values.era) ?? SEED_ERA;
  const dir = values.resume ?? values.out ?? join('reports', `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}-seed${seed}-shard${formatShard(shard).replace('/', 'of')}`);

  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    err(`\nstopping: walks and minimizations now, anything else within ${STOP_GRACE_MS / 1000} s (Ctrl-C again to quit at once)...`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  let lastPrint = 0;
  err(`gpuvm-check fuzz: seed ${seed}, shard ${formatShard(shard)}, backend ${backend}, ${workers} worker(s), ${durationMs / 1000}s -> ${dir}`);
  try {
    // Built once here, so that the workers find it in the cache.
    if (cTarget && backend !== 'ts') await prepareCTarget(cTarget, values.sanitize ?? false, err);
    // With C the line above names the era; without, say which one the port and model run in.
    if (values.resume === undefined && backend === 'ts') err(`TypeScript port and model of the ${describeEra(era)}`);
    const result = await runCampaign({
      durationMs,
      seed,
      workers,
      backend,
      era,
      cSource: backend === 'ts' ? null : (cTarget?.cSource ?? null),
      cHeader: cTarget && backend !== 'ts' ? namedHeader(cTarget) : null,
      sanitize: values.sanitize ?? false,
      dir,
      resume: values.resume !== undefined,
      shard,
      walkRequests,
      runsPerJob,
      maxJobs,
      jobTimeoutMs,
      minimizeBudgetMs,
      rssLimitMb,
      signal: controller.signal,
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r${statusLine(p)}\x1b[K`);
        else if (Date.now() - lastPrint > 10_000) {
          lastPrint = Date.now();
          err(statusLine(p));
        }
      },
      onFinding: (f, improved) => {
        if (tty) process.stderr.write('\r\x1b[K');
        err(`${improved ? 'minimized' : 'finding'}: ${findingLine(f)}`);
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
