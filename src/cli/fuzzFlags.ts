/**
 * The flags of `gpuvm-check fuzz`, every one checked before any work starts: numbers and
 * durations range-checked with the flag named, paths checked for what they are (a campaign
 * directory of another campaign is not reused, a JUnit file must be writable), a resumed
 * campaign read and its own seed, shard and backend taken over.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CAMPAIGN_DEFAULTS } from '../../fuzz/campaign.ts';
import type { CampaignOptions } from '../../fuzz/campaign.ts';
import type { Shard } from '../../fuzz/jobs.ts';
import { formatShard, parseShard } from '../../fuzz/jobs.ts';
import type { CampaignState } from '../../fuzz/state.ts';
import { readState } from '../../fuzz/state.ts';
import type { CTarget } from '../backends/c/cTarget.ts';
import { namedHeader } from '../backends/c/cTarget.ts';
import { excerpt } from '../trace/excerpt.ts';
import { choice } from './args.ts';
import { cTargetOf, refuseCFlagsWithout } from './cSourceFlag.ts';
import { C_TARGET_FLAGS, cTargetFromFlags, SANITIZE_FLAG } from './cTarget.ts';
import type { FlagTable, FlagValues } from './command.ts';
import { formatDurationFlag, parseDuration } from './duration.ts';
import { formatCount } from '../../fuzz/render/format.ts';
import { intFlag } from './numbers.ts';
import { checkInputDir, checkOutputDir, checkOutputFile, quotePath } from './paths.ts';
import { UsageError } from './usage.ts';
import { eraOf } from '../../fuzz/eraRecord.ts';
import { SEED_ERA } from '../era/era.ts';
import { ERA_FLAG, eraFlag } from './run.ts';
import { readSeedCorpus } from '../../fuzz/corpus.ts';

/** The flags of `fuzz`: what they parse to and what `fuzz --help` says of them. @public */
export const FUZZ_FLAGS = {
  duration: { type: 'string', value: 'DUR', help: 'how long new jobs start: 90 (seconds), 30s, 5m, 8h, 1h30m; at most 7d', default: formatDurationFlag(CAMPAIGN_DEFAULTS.durationMs) },
  seed: { type: 'string', value: 'N', help: 'the campaign seed, 0..2147483647: the same seed runs the same jobs', default: 'random' },
  job: { type: 'string', value: 'K', help: 'rerun job K of the campaign of --seed alone (same engine, input and C code) and print what it finds', default: 'a whole campaign' },
  workers: { type: 'string', value: 'N', help: 'worker threads, 1..256', default: `${CAMPAIGN_DEFAULTS.workers} (the CPUs here)` },
  backend: { type: 'string', value: 'ts|c|both', help: 'check the TS port against the model (ts), the C code against the contract (c), or both and each against the other', default: CAMPAIGN_DEFAULTS.backend },
  ...C_TARGET_FLAGS,
  ...ERA_FLAG,
  ...SANITIZE_FLAG,
  coverage: { type: 'boolean', help: "also measure the C code's line and branch coverage (gcov): report.json, summary.md, the annotated source in report.html" },
  out: { type: 'string', value: 'DIR', help: 'the campaign directory (state, findings, reports); with --job, where the traces of its failures are written', default: 'reports/fuzz-<time>-seed<N>-shard<i>of<N>' },
  resume: { type: 'string', value: 'DIR', help: 'continue the campaign in DIR with its own seed, shard and backend' },
  shard: { type: 'string', value: 'i/N', help: 'run only the jobs k with k mod N = i-1, for CI matrices; `report merge` joins the shards', default: '1/1' },
  'max-requests': { type: 'string', value: 'N', help: 'requests of each random walk (every fifth job)', default: formatCount(CAMPAIGN_DEFAULTS.walkRequests) },
  jobs: { type: 'string', value: 'N', help: 'stop after N jobs (deterministic runs)', default: 'no limit' },
  'runs-per-job': { type: 'string', value: 'N', help: 'generated sequences per property job', default: String(CAMPAIGN_DEFAULTS.runsPerJob) },
  'minimize-budget': { type: 'string', value: 'DUR', help: 'wall-clock time to minimize one finding', default: formatDurationFlag(CAMPAIGN_DEFAULTS.minimizeBudgetMs) },
  'rss-limit-mb': { type: 'string', value: 'MB', help: 'heap cap of each worker; one that reaches it is replaced (0: no cap)', default: String(CAMPAIGN_DEFAULTS.rssLimitMb) },
  timeout: { type: 'string', value: 'DUR', help: 'a job running longer is a hang finding', default: formatDurationFlag(CAMPAIGN_DEFAULTS.jobTimeoutMs) },
  junit: { type: 'string', value: 'FILE', help: 'also write the findings as JUnit XML to FILE' },
  'no-guided': { type: 'boolean', help: 'no coverage-guided jobs (they need C code built without sanitizers; see FUZZING.md)' },
  corpus: { type: 'string', value: 'DIR', help: 'seed the guided jobs with the traces in DIR (a campaign directory or a folder of .trace files)' },
} as const satisfies FlagTable;

/** The raw flag values of `fuzz`, as parseArgs returns them. @public */
export type FuzzFlagValues = FlagValues<typeof FUZZ_FLAGS>;

/** Everything `fuzz` needs, checked: the campaign's options, the resumed state, the JUnit file. @public */
export type FuzzSettings = Pick<
  CampaignOptions,
  'durationMs' | 'seed' | 'workers' | 'backend' | 'era' | 'cSource' | 'cHeader' | 'sanitize' | 'coverage' | 'dir' | 'shard' | 'walkRequests' | 'maxJobs' | 'runsPerJob' | 'jobTimeoutMs' | 'minimizeBudgetMs' | 'rssLimitMb' | 'guided'
> & {
  /** The traces of `--corpus DIR`, checked; empty without it. */
  readonly seedCorpus: readonly string[];
  /** The C code to build before the campaign starts; null for the TS backend alone. */
  readonly cTarget: CTarget | null;
  /** The state of the campaign `--resume` continues; null for a new campaign. */
  readonly resumed: CampaignState | null;
  readonly junit: string | undefined;
  /** `--job K`: rerun job K alone (its failures' traces into `out` when given); null for a campaign. */
  readonly job: { readonly index: number; readonly out: string | null } | null;
};

/** The longest `--duration`: a week. */
const MAX_DURATION_MS = 7 * 86_400_000;
/** The most shards a campaign can be split into. */
const MAX_SHARDS = 100_000;
/** The flags a resumed campaign takes from its state.json. */
const IDENTITY_FLAGS = ['seed', 'shard', 'backend', 'kernel-tree', 'c-source', 'c-header', 'era', 'sanitize', 'coverage', 'max-requests', 'runs-per-job', 'no-guided'] as const;

/**
 * `--no-guided` and `--corpus DIR`: guidance needs edge coverage of C code (no sanitizers);
 * the corpus is read and every trace in it parsed now.
 * @throws UsageError naming the flag, or the file and line of a bad trace
 */
function guidanceFlags(values: FuzzFlagValues, edges: boolean, guided: boolean): { guided: boolean; seedCorpus: string[] } {
  const needs = 'edge coverage of C code (--backend c or both, without --sanitize)';
  if (!edges && values['no-guided'] !== undefined) throw new UsageError(`--no-guided: guidance needs ${needs}; there is none to turn off`);
  if (values.corpus === undefined) return { guided: edges && guided, seedCorpus: [] };
  if (!edges || !guided) throw new UsageError(`--corpus: seeds are for guided jobs, which need ${needs} and no --no-guided`);
  try {
    return { guided, seedCorpus: readSeedCorpus(values.corpus) };
  } catch (error) {
    const message = (error as Error).message;
    throw new UsageError(message.startsWith('--corpus') ? message : `--corpus: ${message}`);
  }
}

function shardFlag(text: string | undefined): Shard {
  if (text === undefined) return { index: 0, count: 1 };
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  if (!m || Number(m[2]) > MAX_SHARDS) {
    throw new UsageError(`--shard must be i/N with 1 <= i <= N <= ${MAX_SHARDS}, got '${excerpt(text)}'`);
  }
  try {
    return parseShard(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function durationFlag(text: string | undefined): number {
  if (text === undefined) return CAMPAIGN_DEFAULTS.durationMs;
  const ms = parseDuration('duration', text);
  if (ms <= 0 || ms > MAX_DURATION_MS) throw new UsageError(`--duration must be more than 0 and at most 7d, got '${excerpt(text)}'`);
  return ms;
}

/** The flags that shape a whole campaign, which a rerun of one job does not take. */
const CAMPAIGN_ONLY_FLAGS = ['resume', 'shard', 'duration', 'jobs', 'workers', 'junit', 'minimize-budget', 'corpus'] as const;

/** `--job K`, checked against the flags it cannot go with. */
function jobFlag(values: FuzzFlagValues): { index: number; out: string | null } | null {
  if (values.job === undefined) return null;
  const index = intFlag('job', values.job, 0, 0, Number.MAX_SAFE_INTEGER);
  if (values.seed === undefined) throw new UsageError('--job K reruns job K of the campaign of seed S: give --seed S too');
  const flag = CAMPAIGN_ONLY_FLAGS.find((f) => values[f] !== undefined);
  if (flag !== undefined) throw new UsageError(`--${flag} applies to a campaign, not to a rerun of one job (--job)`);
  if (values.out !== undefined) checkOutputDir('out', values.out);
  return { index, out: values.out ?? null };
}

/** Whether `dir` already holds a campaign (its state or its report). */
function holdsCampaign(dir: string): boolean {
  return existsSync(join(dir, 'state.json')) || existsSync(join(dir, 'report.json'));
}

function readResumed(dir: string): CampaignState {
  checkInputDir('resume', dir);
  if (!existsSync(join(dir, 'state.json'))) throw new UsageError(`--resume: ${quotePath(dir)} is not a campaign directory (no state.json)`);
  try {
    return readState(dir);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Checks every flag of `fuzz`; creates nothing.
 * @throws UsageError naming the flag
 * @public
 */
export function fuzzSettings(values: FuzzFlagValues, now = new Date()): FuzzSettings {
  const job = jobFlag(values);
  const durationMs = durationFlag(values.duration);
  const workers = intFlag('workers', values.workers, CAMPAIGN_DEFAULTS.workers, 1, 256);
  const maxJobs = values.jobs === undefined ? null : intFlag('jobs', values.jobs, 0, 1, 1_000_000_000);
  const run = {
    minimizeBudgetMs: values['minimize-budget'] === undefined ? CAMPAIGN_DEFAULTS.minimizeBudgetMs : parseDuration('minimize-budget', values['minimize-budget']),
    jobTimeoutMs: values.timeout === undefined ? CAMPAIGN_DEFAULTS.jobTimeoutMs : parseDuration('timeout', values.timeout),
    rssLimitMb: intFlag('rss-limit-mb', values['rss-limit-mb'], CAMPAIGN_DEFAULTS.rssLimitMb, 0, 1 << 20),
  };
  if (values.junit !== undefined) checkOutputFile('junit', values.junit);

  if (values.resume !== undefined) {
    if (values.out !== undefined) throw new UsageError('fuzz: --resume DIR continues DIR; do not give --out too');
    const resumed = readResumed(values.resume);
    const id = resumed.identity;
    // A flag that repeats the campaign's own value is harmless (scripts pass the same flags).
    const own: Partial<Record<(typeof IDENTITY_FLAGS)[number], string>> = {
      seed: String(id.seed),
      shard: formatShard(id.shard),
      backend: id.backend,
      'max-requests': String(id.walkRequests),
      'runs-per-job': String(id.runsPerJob),
      ...(id.guided === false ? { 'no-guided': 'true' } : {}),
      ...(id.era && id.backend === 'ts' ? { era: id.era.label } : {}),
    };
    for (const flag of IDENTITY_FLAGS) {
      if (values[flag] !== undefined && String(values[flag]) !== own[flag]) {
        throw new UsageError(`--${flag}: a resumed campaign keeps its own (from state.json); do not give --${flag} with --resume`);
      }
    }
    const cTarget = id.backend === 'ts' || id.cSource === null ? null : cTargetFromFlags({ 'c-source': id.cSource, 'c-header': id.cHeader ?? undefined });
    return {
      ...run,
      ...guidanceFlags(values, id.backend !== 'ts' && !id.sanitize, id.guided === true),
      cTarget,
      era: eraOf(id.era),
      cHeader: id.cHeader ?? null,
      durationMs,
      seed: id.seed,
      workers,
      backend: id.backend,
      cSource: id.cSource,
      sanitize: id.sanitize,
      coverage: id.coverage ?? false,
      dir: values.resume,
      resumed,
      shard: id.shard,
      walkRequests: id.walkRequests,
      maxJobs,
      runsPerJob: id.runsPerJob,
      junit: values.junit,
      job: null,
    };
  }

  const seed = intFlag('seed', values.seed, Math.floor(Math.random() * 0x7fffffff), 0, 0x7fffffff);
  const backend = choice('backend', values.backend, ['ts', 'c', 'both'] as const, CAMPAIGN_DEFAULTS.backend);
  refuseCFlagsWithout(backend !== 'ts', values, 'use --backend c or both');
  if (values.coverage && backend === 'ts') throw new UsageError('--coverage measures the C code; use --backend c or both');
  const shard = shardFlag(values.shard);
  const walkRequests = intFlag('max-requests', values['max-requests'], CAMPAIGN_DEFAULTS.walkRequests, 1, 10_000_000);
  const runsPerJob = intFlag('runs-per-job', values['runs-per-job'], CAMPAIGN_DEFAULTS.runsPerJob, 1, 1_000_000);
  const cTarget = backend === 'ts' ? null : cTargetOf(values);
  if (values.era !== undefined && cTarget) throw new UsageError('--era is for --backend ts; with C code the campaign runs in the era detected in it');
  const era = cTarget?.era ?? eraFlag(values.era) ?? SEED_ERA;
  const dir =
    values.out ??
    join('reports', `fuzz-${now.toISOString().replace(/[:.]/g, '-')}-seed${seed}-shard${formatShard(shard).replace('/', 'of')}`);
  if (job === null && values.out !== undefined && holdsCampaign(values.out)) {
    throw new UsageError(`--out: ${quotePath(values.out)} already holds a campaign; continue it with --resume ${values.out}, or give a new directory`);
  }
  if (job === null) checkOutputDir('out', dir);
  const sanitize = values.sanitize ?? false;
  return {
    ...run,
    ...guidanceFlags(values, backend !== 'ts' && !sanitize, values['no-guided'] !== true),
    durationMs,
    seed,
    workers,
    backend,
    era,
    cTarget,
    cSource: cTarget?.cSource ?? null,
    cHeader: cTarget ? namedHeader(cTarget) : null,
    sanitize,
    coverage: values.coverage ?? false,
    dir,
    resumed: null,
    shard,
    walkRequests,
    maxJobs,
    runsPerJob,
    junit: values.junit,
    job,
  };
}
