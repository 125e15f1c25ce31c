/**
 * `gpuvm-check fuzz`: runs a campaign with a live status line, stops cleanly on Ctrl-C, prints
 * where the reports are and how to replay each finding. Exit 0: no new finding; 1: new
 * findings; 2: usage error.
 */
import { runCampaign, STOP_GRACE_MS } from '../../fuzz/campaign.ts';
import { campaignInstrumentation } from '../../fuzz/instrumentation.ts';
import { formatShard } from '../../fuzz/jobs.ts';
import { writeJunit } from '../../fuzz/junit.ts';
import { formatCount } from '../../fuzz/render/format.ts';
import { excerpt } from '../trace/excerpt.ts';
import { parseFlags } from './args.ts';
import { campaignSummary, findingLine } from './campaignSummary.ts';
import { defineCommand } from './command.ts';
import { prepareCTarget } from './cTarget.ts';
import { FUZZ_FLAGS, fuzzSettings } from './fuzzFlags.ts';
import { rerunJob } from './fuzzJob.ts';
import { prepareOutputDir } from './paths.ts';
import { StatusWriter } from './statusLine.ts';
import { EXIT_FOUND, EXIT_OK, UsageError } from './usage.ts';
import { SEED_ERA } from '../era/era.ts';
import { describeEra } from '../backends/c/detectEra.ts';

/** The `fuzz` command. */
export const FUZZ = defineCommand({
  name: 'fuzz',
  args: '',
  summary: 'run a fuzz campaign (see FUZZING.md), or rerun one of its jobs with --job K --seed S',
  about:
    'Jobs run until --duration, --jobs or Ctrl-C (once: stop cleanly, keeping what was found; twice: quit). Each new kind of failure is stored under DIR/findings/<signature>/ and minimized; the reports are DIR/report.json, summary.md and report.html. ' +
    'Every finding names the job that found it: `fuzz --job K --seed S` (with the campaign\'s backend and C flags) reruns that job alone.',
  exits: '0 nothing new found, 1 new findings (with --job: the job found anything), 2 usage error.',
  flags: FUZZ_FLAGS,
  run: fuzzCommand,
});

/** Runs the `fuzz` subcommand. */
export async function fuzzCommand(argv: string[], out: (text: string) => void, err: (line: string) => void): Promise<number> {
  const { values, positionals } = parseFlags(argv, FUZZ);
  if (positionals.length > 0) throw new UsageError(`fuzz: unexpected argument '${excerpt(positionals[0]!)}'`);
  const settings = fuzzSettings(values);
  const { durationMs, seed, workers, backend, shard, dir } = settings;
  // Built once here, before any worker starts: a source that does not compile is one clean
  // error, not one per worker, and the workers find the driver in the cache.
  if (settings.job) return rerunJob({ ...settings, job: settings.job }, out, err);
  // Edge coverage is measured whenever the build allows it (fuzz/campaign.ts); gcov's with --coverage.
  if (settings.cTarget) await prepareCTarget(settings.cTarget, settings.sanitize, err, campaignInstrumentation(settings));
  prepareOutputDir(settings.resumed ? 'resume' : 'out', dir);
  const resumedSeconds = settings.resumed?.elapsedSeconds ?? 0;

  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    err(`\nstopping: walks and minimizations now, anything else within ${STOP_GRACE_MS / 1000} s (Ctrl-C again to quit at once)...`);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const status = new StatusWriter(process.stderr);
  err(
    `gpuvm-check fuzz: ${settings.resumed ? `resuming ${settings.resumed.campaign} (${Math.round(resumedSeconds)}s done), ` : ''}` +
      `seed ${seed}, shard ${formatShard(shard)}, backend ${backend}, ${workers} worker(s), ${formatCount(durationMs / 1000)}s -> ${dir}`,
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
      // The status line shows this run against its --duration, also when resuming.
      onProgress: (p) => status.update({ ...p, elapsedSeconds: p.elapsedSeconds - resumedSeconds }),
      onFinding: (f, improved) => {
        status.clear();
        err(`${improved ? 'minimized' : 'finding'}: ${findingLine(f)}`);
      },
    });
    status.end();
    if (settings.junit !== undefined) writeJunit(settings.junit, result.report, result.dir);
    out(campaignSummary(result.report, result.newFindings.length, dir));
    return result.newFindings.length > 0 ? EXIT_FOUND : EXIT_OK;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
