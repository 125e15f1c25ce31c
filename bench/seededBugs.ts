/**
 * The seeded-bugs benchmark (`npm run bench:bugs`): how fast, and with how short a reproducer,
 * a C campaign finds each single-line bug of `bench/bugs/*.patch`.
 *
 * For each patch: apply it to a copy of the seed in a temporary directory (bench/seededBugs/
 * applyPatch.ts; a patch that does not apply stops everything with its name), build the C driver
 * from it (timed on its own; the build is cached by content, so a second run finds it built), then
 * run a one-worker, fixed-seed `--backend c` campaign that stops at its first new finding. The
 * time to detect counts from the start of the build to the moment the finding is stored.
 *
 * Writes `reports/bench/seeded-bugs.json` and `.md`, keeps each reproducer with its patched
 * source under `reports/bench/seeded-bugs/<bug>/` (so the printed replay command works after the
 * temporary directory is gone), prints the table. Exit 0: every bug found; 1: some bug not found;
 * 2: usage error, a patch that does not apply or a patched source that does not compile.
 *
 * Usage: tsx bench/seededBugs.ts [--only NAME[,NAME...]] [--seed N] [--timeout 20s]
 *                                [--runs-per-job N] [--walk-requests N] [--fresh-build]
 *
 * `--fresh-build` first drops the cached builds of earlier runs, so the build times are those of
 * a first run (by default a cache hit is reported as such).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CampaignOptions } from '../fuzz/campaign.ts';
import { runCampaign } from '../fuzz/campaign.ts';
import type { CampaignReport } from '../fuzz/report.ts';
import type { StoredFinding } from '../fuzz/types.ts';
import { createBackend } from '../src/backends/create.ts';
import { transcriptText } from '../src/backends/transcript.ts';
import { buildDriver } from '../src/backends/c/build.ts';
import { DEFAULT_C_SOURCE } from '../src/backends/c/cTarget.ts';
import { NativeBuildError } from '../src/backends/c/nativeBuildError.ts';
import { REPO_ROOT } from '../src/backends/c/paths.ts';
import { nativeCacheDir } from '../src/backends/c/cacheDir.ts';
import { parseDuration } from '../src/cli/duration.ts';
import { applyPatch, PatchError } from './seededBugs/applyPatch.ts';

/** `bench/bugs/`. @public */
export const BUGS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bugs');

/** Where the reports go. @public */
export const REPORT_DIR = path.join(REPO_ROOT, 'reports', 'bench');

/** Defaults of the benchmark. @public */
export const BENCH_DEFAULTS = {
  seed: 1,
  timeoutMs: 20_000,
  /** Small jobs: a finding is stored when its job ends, so small jobs report sooner. */
  runsPerJob: 10,
  /** Every fifth job is a walk; short walks keep their C run and its minimisation cheap. */
  walkRequests: 2000,
};

/** The goals of the issue, reported (not enforced) for every run. @public */
export const GOALS = { medianSeconds: 2, maxReproducerRequests: 4 };

/** One seeded bug: its patch and what bench/bugs/README.md says about it. @public */
export interface SeededBug {
  /** File name without `.patch`, e.g. `01-keep-same-start-or`. */
  readonly name: string;
  readonly file: string;
  readonly patch: string;
  /** What it breaks (README column 2). */
  readonly description: string;
  /** Which invariant is expected to catch it (README column 3). */
  readonly expectedCatch: string;
}

/** The rows of the README table: patch file name → [what it breaks, expected to be caught by]. @public */
export function readDescriptions(readme: string): Map<string, [string, string]> {
  const rows = new Map<string, [string, string]>();
  for (const line of readme.split('\n')) {
    // Cells are split on `|` not preceded by a backslash (`\|` is a literal bar in a cell).
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
    const file = /^`([^`]+\.patch)`$/.exec(cells[1] ?? '')?.[1];
    if (file && cells.length >= 5) rows.set(file, [cells[2]!, cells[3]!]);
  }
  return rows;
}

/**
 * Every patch of `dir`, in file-name order, with its README description.
 * @throws Error for a patch without a README row
 * @public
 */
export function loadBugs(dir = BUGS_DIR): SeededBug[] {
  const descriptions = readDescriptions(readFileSync(path.join(dir, 'README.md'), 'utf8'));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((file) => {
      const row = descriptions.get(file);
      if (!row) throw new Error(`${file}: no row for it in ${path.join(dir, 'README.md')}`);
      return { name: file.slice(0, -'.patch'.length), file, patch: readFileSync(path.join(dir, file), 'utf8'), description: row[0], expectedCatch: row[1] };
    });
}

/** What the benchmark measured for one bug. @public */
export interface BugResult {
  readonly name: string;
  readonly description: string;
  readonly found: boolean;
  /** Build plus campaign up to the first new finding; null when not found. */
  readonly secondsToDetect: number | null;
  /** Requests in the minimised reproducer (init included); null when not found. */
  readonly reproducerRequests: number | null;
  readonly class: string | null;
  /** The C build alone (a cache hit when the same patched source was built before). */
  readonly buildSeconds: number;
  readonly buildCached: boolean;
  /** From the start of the campaign (worker setup included) to the first new finding. */
  readonly campaignSeconds: number | null;
  readonly signature: string | null;
  readonly detail: string | null;
  readonly firstSeenJob: number | null;
  /** Replays the kept reproducer against the kept patched source. */
  readonly replay: string | null;
  /** Jobs and requests the campaign ran (for a miss: how much it tried). */
  readonly jobsDone: number;
  readonly requestsChecked: number;
  /** The changed line of the seed. */
  readonly line: number;
  /** Why the campaign ended without a report (an exception of the campaign itself), or null. */
  readonly error: string | null;
  /**
   * Whether the reproducer is clean on the unpatched seed (the seed's C code prints what the port
   * printed for it), i.e. the patch is what makes it fail; null when not found. A finding that is
   * not confirmed (say, every trace crashing for want of a binary) does not count as found.
   */
  readonly confirmed: boolean | null;
}

/** Options of one run. @public */
export interface BenchOptions {
  readonly seed: number;
  readonly timeoutMs: number;
  readonly runsPerJob: number;
  readonly walkRequests: number;
  /** Where to keep reproducers (`<dir>/<bug>/`); null keeps nothing. */
  readonly keepDir: string | null;
  /** The seed to patch; default the C backend's default source. */
  readonly seedSource?: string;
  /** Whether the benchmark's cached builds were dropped first (reported only; see dropBenchBuilds). */
  readonly freshBuild?: boolean;
}

const round = (s: number): number => Math.round(s * 100) / 100;

/**
 * Removes every cached driver this benchmark built (from one of its `gpuvm-seeded-*` copies), so
 * that the builds of the next run are timed from scratch. Must run before the first build of the
 * process: buildDriver remembers the builds it has made. A benchmark or test running at the same
 * time loses its binary; `--fresh-build` is for a quiet machine.
 * @returns how many builds were removed
 * @public
 */
export function dropBenchBuilds(): number {
  const cache = nativeCacheDir();
  if (!existsSync(cache)) return 0;
  let removed = 0;
  for (const key of readdirSync(cache)) {
    const json = path.join(cache, key, 'build.json');
    if (!existsSync(json)) continue;
    const from = (JSON.parse(readFileSync(json, 'utf8')) as { cSource?: unknown }).cSource;
    if (typeof from === 'string' && path.basename(path.dirname(from)).startsWith('gpuvm-seeded-')) {
      rmSync(path.join(cache, key), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * True when the unpatched seed's C code prints for `traceFile` exactly the port's transcript
 * stored beside it: the finding is the patch's doing.
 */
async function passesOnSeed(traceFile: string, tsTranscriptFile: string, seedSource: string | undefined): Promise<boolean> {
  // A job lost to a hang or crash of its worker leaves no trace to check.
  if (!existsSync(traceFile) || !existsSync(tsTranscriptFile)) return false;
  const c = await createBackend('c', { cSource: seedSource ?? DEFAULT_C_SOURCE });
  try {
    const [lines] = await c.runTraces([readFileSync(traceFile, 'utf8')]);
    return transcriptText(lines ?? []) === readFileSync(tsTranscriptFile, 'utf8');
  } finally {
    await c.close();
  }
}

/** Applies `bug` to the seed text, throwing a PatchError that names it when it does not apply. @public */
export function patchedSeed(bug: SeededBug, seedText: string): { text: string; line: number } {
  return applyPatch(seedText, bug.patch, bug.file);
}

/**
 * Runs the benchmark for one bug.
 * @throws PatchError when the patch does not apply, NativeBuildError when the patched source does
 *   not compile
 * @public
 */
export async function runSeededBug(bug: SeededBug, options: BenchOptions): Promise<BugResult> {
  const seedText = readFileSync(options.seedSource ?? DEFAULT_C_SOURCE, 'utf8');
  const patched = patchedSeed(bug, seedText);
  const tmp = await mkdtemp(path.join(tmpdir(), `gpuvm-seeded-${bug.name}-`));
  try {
    const cSource = path.join(tmp, 'drm_gpuvm.c');
    writeFileSync(cSource, patched.text);

    const buildStartWall = Date.now();
    const t0 = performance.now();
    const built = await buildDriver({ cSource });
    const buildSeconds = (performance.now() - t0) / 1000;
    const buildJson = path.join(path.dirname(built.binary), 'build.json');
    const buildCached = existsSync(buildJson) && statSync(buildJson).mtimeMs < buildStartWall;

    const controller = new AbortController();
    let first: { finding: StoredFinding; seconds: number } | null = null;
    const campaignDir = path.join(tmp, 'campaign');
    const t1 = performance.now();
    const campaign: CampaignOptions = {
      durationMs: options.timeoutMs,
      seed: options.seed,
      workers: 1,
      backend: 'c',
      cSource,
      sanitize: false,
      dir: campaignDir,
      resume: false,
      shard: { index: 0, count: 1 },
      walkRequests: options.walkRequests,
      runsPerJob: options.runsPerJob,
      maxJobs: 1_000_000,
      jobTimeoutMs: 5 * 60_000,
      signal: controller.signal,
      // Timed at detection; stopped once that finding is minimized (within its budget).
      onFinding: (finding, improved) => {
        if (finding.known !== null) return;
        if (!first) first = { finding, seconds: (performance.now() - t1) / 1000 };
        if (improved && (first as { finding: StoredFinding }).finding.signature === finding.signature) {
          first = { finding, seconds: (first as { seconds: number }).seconds };
          controller.abort();
        }
      },
    };
    let report: CampaignReport | null = null;
    let error: string | null = null;
    try {
      report = (await runCampaign(campaign)).report;
    } catch (thrown) {
      // The campaign itself failed (an exception of its engines, not a finding): a miss, and why.
      error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    }

    const base = {
      name: bug.name,
      description: bug.description,
      buildSeconds: round(buildSeconds),
      buildCached,
      jobsDone: report?.jobsDone ?? 0,
      requestsChecked: report?.stats.requests ?? 0,
      line: patched.line,
      error,
    };
    const hit = first as { finding: StoredFinding; seconds: number } | null;
    if (!hit) {
      return { ...base, found: false, secondsToDetect: null, reproducerRequests: null, class: null, campaignSeconds: null, signature: null, detail: null, firstSeenJob: null, replay: null, confirmed: null };
    }
    const { finding, seconds } = hit;
    const from = path.join(campaignDir, 'findings', finding.signature);
    const confirmed = await passesOnSeed(path.join(from, 'repro.trace'), path.join(from, 'ts.transcript'), options.seedSource);
    let replay = finding.replay;
    if (options.keepDir) {
      const keep = path.join(options.keepDir, bug.name);
      rmSync(keep, { recursive: true, force: true });
      mkdirSync(keep, { recursive: true });
      writeFileSync(path.join(keep, 'drm_gpuvm.c'), patched.text);
      for (const f of readdirSync(from)) copyFileSync(path.join(from, f), path.join(keep, f));
      const rel = (p: string): string => path.relative(process.cwd(), p) || '.';
      // The kept copy is a finding directory whose recorded source is gone with the campaign.
      replay = `npx gpuvm-check check --c-source ${rel(path.join(keep, 'drm_gpuvm.c'))} ${rel(keep)}`;
    }
    return {
      ...base,
      found: confirmed,
      secondsToDetect: round(buildSeconds + seconds),
      reproducerRequests: finding.requests,
      class: finding.class,
      campaignSeconds: round(seconds),
      signature: finding.signature,
      detail: finding.detail,
      firstSeenJob: finding.firstSeenJob,
      replay,
      confirmed,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The median of `values` (null for none). @public */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Totals over a run. @public */
export interface BenchSummary {
  readonly found: number;
  readonly total: number;
  readonly medianSecondsToDetect: number | null;
  readonly medianCampaignSeconds: number | null;
  readonly maxReproducerRequests: number | null;
}

/** Found count, medians over the found bugs, longest reproducer. @public */
export function summarize(results: readonly BugResult[]): BenchSummary {
  const found = results.filter((r) => r.found);
  const med = median(found.map((r) => r.secondsToDetect!));
  const medCampaign = median(found.map((r) => r.campaignSeconds!));
  return {
    found: found.length,
    total: results.length,
    medianSecondsToDetect: med === null ? null : round(med),
    medianCampaignSeconds: medCampaign === null ? null : round(medCampaign),
    maxReproducerRequests: found.length ? Math.max(...found.map((r) => r.reproducerRequests!)) : null,
  };
}

const fmt = (v: number | null): string => (v === null ? '-' : v.toFixed(2));

/** The results as a Markdown table. @public */
export function renderTable(results: readonly BugResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.found ? 'yes' : r.confirmed === false ? '**NO** (not confirmed)' : '**NO**'} | ${fmt(r.secondsToDetect)} | ${fmt(r.buildSeconds)}${r.buildCached ? ' (cached)' : ''} | ${fmt(r.campaignSeconds)} | ${r.class ?? '-'} | ${r.reproducerRequests ?? '-'} | ${r.firstSeenJob ?? '-'} | ${r.jobsDone} |`,
  );
  return [
    '| bug | found | s to detect | build s | campaign s | class | repro requests | job | jobs run |',
    '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** The whole Markdown report. @public */
export function renderMarkdown(results: readonly BugResult[], options: BenchOptions, selection: string): string {
  const s = summarize(results);
  const lines = [
    '# Seeded bugs',
    '',
    `Seed ${options.seed}, timeout ${options.timeoutMs / 1000} s per bug, one worker, \`--backend c\`, ${options.runsPerJob} sequences per property job, ${options.walkRequests}-request walks; ${options.freshBuild ? 'every build from scratch (`--fresh-build`)' : 'builds taken from the cache where it had them'}; ${selection}. ` +
      `Written by \`npm run bench:bugs\` (bench/seededBugs.ts) on ${new Date().toISOString()}.`,
    '',
    "\"s to detect\" counts from the start of the C build of the patched source to the first new finding being stored; the build (cached by content: a rerun finds it built) and the campaign alone are shown beside it. A finding is stored when the job that met it has finished and minimised it.",
    '',
    renderTable(results),
    '',
    `- found: ${s.found}/${s.total}`,
    `- median seconds to detect: ${fmt(s.medianSecondsToDetect)} (campaign alone: ${fmt(s.medianCampaignSeconds)}; goal ≤ ${GOALS.medianSeconds})`,
    `- max reproducer requests: ${s.maxReproducerRequests ?? '-'} (goal ≤ ${GOALS.maxReproducerRequests})`,
    '',
    '## Replay',
    '',
    ...results.map((r) => `- ${r.name}: ${r.found ? `\`${r.replay}\` — ${r.detail}` : r.confirmed === false ? `not found: its finding (${r.detail}) fails on the unpatched seed too` : r.error ? `not found: the campaign failed: ${r.error}` : `not found in ${r.jobsDone} jobs, ${r.requestsChecked} requests`}`),
    '',
  ];
  return lines.join('\n');
}

/** A usage problem: exit 2. */
class BenchUsageError extends Error {}

function positiveInt(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new BenchUsageError(`--${flag} must be an integer of at least ${min}, got '${text}'`);
  }
  return Number(text);
}

/** The bugs `only` names: exact names (with or without `.patch`), numbers (`07`) or unique substrings. @public */
export function selectBugs(bugs: readonly SeededBug[], only: readonly string[]): SeededBug[] {
  if (only.length === 0) return [...bugs];
  const picked = new Set<SeededBug>();
  for (const want of only.map((w) => w.replace(/\.patch$/, ''))) {
    const exact = bugs.filter((b) => b.name === want || b.name.split('-')[0] === want);
    const matches = exact.length > 0 ? exact : bugs.filter((b) => b.name.includes(want));
    if (matches.length !== 1) {
      throw new BenchUsageError(
        `--only ${want}: ${matches.length === 0 ? 'no such bug' : `ambiguous (${matches.map((b) => b.name).join(', ')})`}; the bugs are ${bugs.map((b) => b.name).join(', ')}`,
      );
    }
    picked.add(matches[0]!);
  }
  return bugs.filter((b) => picked.has(b));
}

/** Runs the benchmark from the command line; returns the exit code. @public */
export async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  let selected: SeededBug[];
  let only: string[];
  try {
    const { values, positionals } = (() => {
      try {
        return parseArgs({
          args: argv,
          options: {
            only: { type: 'string', multiple: true },
            seed: { type: 'string' },
            timeout: { type: 'string' },
            'runs-per-job': { type: 'string' },
            'walk-requests': { type: 'string' },
            'fresh-build': { type: 'boolean' },
          },
          allowPositionals: true,
          strict: true,
        });
      } catch (error) {
        throw new BenchUsageError((error as Error).message);
      }
    })();
    if (positionals.length > 0) throw new BenchUsageError(`unexpected argument '${positionals[0]}'`);
    let timeoutMs = BENCH_DEFAULTS.timeoutMs;
    if (values.timeout !== undefined) {
      try {
        timeoutMs = parseDuration('timeout', values.timeout);
      } catch (error) {
        throw new BenchUsageError((error as Error).message);
      }
    }
    options = {
      seed: positiveInt('seed', values.seed, BENCH_DEFAULTS.seed, 0),
      timeoutMs,
      runsPerJob: positiveInt('runs-per-job', values['runs-per-job'], BENCH_DEFAULTS.runsPerJob, 1),
      walkRequests: positiveInt('walk-requests', values['walk-requests'], BENCH_DEFAULTS.walkRequests, 2),
      keepDir: path.join(REPORT_DIR, 'seeded-bugs'),
      freshBuild: values['fresh-build'] ?? false,
    };
    only = (values.only ?? []).flatMap((o) => o.split(',')).filter(Boolean);
    selected = selectBugs(loadBugs(), only);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    console.error(`bench:bugs: ${error.message}`);
    return 2;
  }

  if (!existsSync(DEFAULT_C_SOURCE)) {
    console.error(`bench:bugs: the seed is missing: ${DEFAULT_C_SOURCE}`);
    return 2;
  }
  // Every patch must apply before anything runs: a stale patch fails at once, by name.
  const seedText = readFileSync(DEFAULT_C_SOURCE, 'utf8');
  try {
    for (const bug of selected) patchedSeed(bug, seedText);
  } catch (error) {
    if (!(error instanceof PatchError)) throw error;
    console.error(`bench:bugs: ${error.message}`);
    return 2;
  }

  if (options.freshBuild) process.stderr.write(`--fresh-build: dropped ${dropBenchBuilds()} cached build(s) of earlier runs\n`);
  const results: BugResult[] = [];
  for (const bug of selected) {
    process.stderr.write(`${bug.name} ... `);
    try {
      const r = await runSeededBug(bug, options);
      results.push(r);
      process.stderr.write(
        r.confirmed === false
          ? `NOT FOUND: the finding (${r.class}, ${r.detail}) also fails on the unpatched seed\n`
          : r.found
          ? `found in ${fmt(r.secondsToDetect)} s (build ${fmt(r.buildSeconds)}${r.buildCached ? ' cached' : ''}, campaign ${fmt(r.campaignSeconds)}): ${r.class}, ${r.reproducerRequests} requests\n`
          : r.error
            ? `NOT FOUND: the campaign failed: ${r.error}\n`
            : `NOT FOUND in ${options.timeoutMs / 1000} s (${r.jobsDone} jobs, ${r.requestsChecked} requests)\n`,
      );
    } catch (error) {
      if (error instanceof NativeBuildError) {
        console.error(`\nbench:bugs: ${bug.file}: the patched seed does not build: ${error.message}`);
        return 2;
      }
      throw error;
    }
  }

  mkdirSync(REPORT_DIR, { recursive: true });
  const json = results.map((r) => ({
    name: r.name,
    description: r.description,
    found: r.found,
    secondsToDetect: r.secondsToDetect,
    reproducerRequests: r.reproducerRequests,
    class: r.class,
    buildSeconds: r.buildSeconds,
    buildCached: r.buildCached,
    campaignSeconds: r.campaignSeconds,
    signature: r.signature,
    detail: r.detail,
    firstSeenJob: r.firstSeenJob,
    jobsDone: r.jobsDone,
    requestsChecked: r.requestsChecked,
    line: r.line,
    replay: r.replay,
    confirmed: r.confirmed,
    error: r.error,
  }));
  const selection = only.length ? `only ${selected.map((b) => b.name).join(', ')}` : `all ${selected.length} bugs of bench/bugs`;
  writeFileSync(path.join(REPORT_DIR, 'seeded-bugs.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(path.join(REPORT_DIR, 'seeded-bugs.md'), renderMarkdown(results, options, selection));

  const s = summarize(results);
  console.log(renderTable(results));
  console.log('');
  console.log(`found ${s.found}/${s.total}; median seconds to detect ${fmt(s.medianSecondsToDetect)} (campaign alone ${fmt(s.medianCampaignSeconds)}; goal ≤ ${GOALS.medianSeconds}); max reproducer requests ${s.maxReproducerRequests ?? '-'} (goal ≤ ${GOALS.maxReproducerRequests})`);
  for (const r of results) if (r.found) console.log(`  ${r.name}: ${r.replay}`);
  console.log(`reports: ${path.relative(process.cwd(), path.join(REPORT_DIR, 'seeded-bugs.md'))}, ${path.relative(process.cwd(), path.join(REPORT_DIR, 'seeded-bugs.json'))}`);
  return s.found === s.total ? 0 : 1;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exitCode = await main(process.argv.slice(2));
