/**
 * The C mutation benchmark (`npm run bench:mutants`): every first-order mutant of the seed's
 * functions (bench/cmutants/generate.ts), or a seeded sample of them, each checked by a short
 * fixed-seed `--backend c` campaign of the product that stops at its first new finding.
 *
 * Writes `reports/bench/c-mutants.json` and `.md`; keeps what it measured in
 * `reports/bench/c-mutants.state.json`, so that an interrupted run continues where it stopped
 * when rerun with the same settings. Survivors are judged in bench/cmutants/verdicts.md.
 * Exit 0: every compiled mutant killed or argued equivalent; 1: survivors, timeouts or campaign
 * errors; 2: usage error.
 *
 * Usage: tsx bench/cMutants.ts [--sample N] [--seed S] [--budget 60s] [--grace 30s] [--jobs J]
 *          [--only ID[,ID...]] [--runs-per-job N] [--walk-requests N] [--out DIR] [--fresh] [--list]
 *          [--sources]
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_C_SOURCE } from '../src/backends/c/cTarget.ts';
import { parseDuration } from '../src/cli/duration.ts';
import { generateMutants, sampleMutants, type Mutant } from './cmutants/generate.ts';
import { measureMutant } from './cmutants/measure.ts';
import { renderMarkdown } from './cmutants/render.ts';
import { entryOf, median, summarize, type Measured } from './cmutants/results.ts';
import { loadState, saveMeasured, SettingsMismatch, type RunSettings } from './cmutants/state.ts';
import { prepareProduct } from './cmutants/product.ts';
import { loadVerdicts } from './cmutants/verdicts.ts';
import { BENCH_DEFAULTS, REPORT_DIR } from './seededBugs.ts';

/** Defaults: the issue's budget; the campaign shape of the seeded-bugs benchmark. @public */
export const MUTANTS_DEFAULTS = {
  seed: 1,
  budgetMs: 60_000,
  graceMs: 30_000,
  jobs: 1,
  runsPerJob: BENCH_DEFAULTS.runsPerJob,
  walkRequests: BENCH_DEFAULTS.walkRequests,
};

/** A usage problem: exit 2. */
class UsageError extends Error {}

function integer(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) throw new UsageError(`--${flag} must be an integer of at least ${min}, got '${text}'`);
  return Number(text);
}

function duration(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  try {
    return parseDuration(flag, text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The parsed command line. @public */
export interface MutantsArgs {
  readonly sample: number | null;
  readonly jobs: number;
  readonly only: readonly string[];
  readonly fresh: boolean;
  readonly list: boolean;
  /** Run the product from its sources (tsx) even where the checkout can build the compiled CLI. */
  readonly sources: boolean;
  /** Directory of the reports and the state. */
  readonly out: string;
  readonly settings: Omit<RunSettings, 'seedSha256' | 'product'>;
}

/**
 * Parses the benchmark's flags.
 * @throws Error (a usage error) naming the bad flag
 * @public
 */
export function parseMutantsArgs(argv: readonly string[]): MutantsArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        sample: { type: 'string' },
        seed: { type: 'string' },
        budget: { type: 'string' },
        grace: { type: 'string' },
        jobs: { type: 'string' },
        only: { type: 'string', multiple: true },
        'runs-per-job': { type: 'string' },
        'walk-requests': { type: 'string' },
        fresh: { type: 'boolean' },
        list: { type: 'boolean' },
        sources: { type: 'boolean' },
        out: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  return {
    sample: values.sample === undefined ? null : integer('sample', values.sample, 0, 1),
    jobs: integer('jobs', values.jobs, MUTANTS_DEFAULTS.jobs, 1),
    only: (values.only ?? []).flatMap((o) => o.split(',')).filter(Boolean),
    fresh: values.fresh ?? false,
    list: values.list ?? false,
    sources: values.sources ?? false,
    // The reports and the state go beside those of bench:bugs unless --out says otherwise.
    out: path.resolve(values.out ?? REPORT_DIR),
    settings: {
      seed: integer('seed', values.seed, MUTANTS_DEFAULTS.seed, 0),
      budgetMs: duration('budget', values.budget, MUTANTS_DEFAULTS.budgetMs),
      graceMs: duration('grace', values.grace, MUTANTS_DEFAULTS.graceMs),
      runsPerJob: integer('runs-per-job', values['runs-per-job'], MUTANTS_DEFAULTS.runsPerJob, 1),
      walkRequests: integer('walk-requests', values['walk-requests'], MUTANTS_DEFAULTS.walkRequests, 2),
    },
  };
}

/** The mutants a run covers: `--only` ids, else a `--sample`, else all. @public */
export function selectMutants(all: readonly Mutant[], args: Pick<MutantsArgs, 'sample' | 'only' | 'settings'>): Mutant[] {
  if (args.only.length > 0) {
    const byId = new Map(all.map((m) => [m.id, m]));
    return args.only.map((id) => {
      const m = byId.get(id);
      if (!m) throw new UsageError(`--only ${id}: no such mutant (list them with --list)`);
      return m;
    });
  }
  return args.sample === null ? [...all] : sampleMutants(all, args.sample, args.settings.seed);
}

/** The least, median and greatest of the load averages recorded with the measurements, or null when none has one. @public */
export function loadRange(loads: readonly (number | undefined)[]): { min: number; median: number; max: number } | null {
  const known = loads.filter((l): l is number => l !== undefined).sort((a, b) => a - b);
  if (known.length === 0) return null;
  return { min: known[0]!, median: Math.round(median(known)! * 100) / 100, max: known.at(-1)! };
}

/** Runs `work` on every item, at most `jobs` at a time, in order of the items. */
async function pool<T>(items: readonly T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, lane));
}

/**
 * The command a report names: how it was measured, without `--out` (where the reports went is
 * not how they were measured, and a local path must not end up in a committed report).
 * @public
 */
export function reportedCommand(argv: readonly string[]): string {
  const measuredBy = argv.filter((a, i) => a !== '--out' && argv[i - 1] !== '--out' && !a.startsWith('--out='));
  return `npm run bench:mutants${measuredBy.length ? ` -- ${measuredBy.join(' ')}` : ''}`;
}

/** Runs the benchmark from the command line; returns the exit code. @public */
export async function main(argv: string[]): Promise<number> {
  let args: MutantsArgs;
  let selected: Mutant[];
  let all: Mutant[];
  const seedText = existsSync(DEFAULT_C_SOURCE) ? readFileSync(DEFAULT_C_SOURCE, 'utf8') : null;
  try {
    args = parseMutantsArgs(argv);
    if (seedText === null) throw new UsageError(`the seed is missing: ${DEFAULT_C_SOURCE}`);
    all = generateMutants(seedText);
    selected = selectMutants(all, args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench:mutants: ${error.message}`);
    return 2;
  }
  if (args.list) {
    for (const m of selected) console.log(`${m.id}\t${m.function}\t${m.mutated.replace(/\s+/g, ' ').trim()}`);
    return 0;
  }
  const verdicts = loadVerdicts();
  const product = prepareProduct(args.sources, (line) => process.stderr.write(`${line}\n`));
  const settings: RunSettings = { seedSha256: createHash('sha256').update(seedText).digest('hex'), ...args.settings, product: product.kind };
  const out = args.out;
  mkdirSync(out, { recursive: true });
  const stateFile = path.join(out, 'c-mutants.state.json');
  let state;
  try {
    state = loadState(stateFile, settings, args.fresh);
  } catch (error) {
    if (!(error instanceof SettingsMismatch)) throw error;
    console.error(`bench:mutants: ${error.message}`);
    return 2;
  }
  const todo = selected.filter((m) => !state.measured[m.id]);
  process.stderr.write(`${all.length} mutants generated; ${selected.length} selected, ${selected.length - todo.length} already measured (${stateFile})\n`);
  let done = 0;
  await pool(todo, args.jobs, async (mutant) => {
    const measured: Measured = { ...(await measureMutant(seedText, mutant, { ...args.settings, product })), loadAverage: Math.round(loadavg()[0]! * 100) / 100 };
    saveMeasured(stateFile, state, measured);
    done++;
    const what = measured.status === 'killed' ? `killed in ${measured.secondsToKill} s: ${measured.signature}` : `${measured.status}${measured.detail ? `: ${measured.detail}` : ''}`;
    process.stderr.write(`[${done}/${todo.length}] ${mutant.id} (${mutant.function}) ${what}\n`);
  });

  const load = loadRange(selected.map((m) => state.measured[m.id]!.loadAverage));
  const entries = selected.map((m) => entryOf(m, state.measured[m.id]!, verdicts));
  const summary = summarize(entries, verdicts);
  const command = reportedCommand(argv);
  const selection = args.only.length ? `only ${args.only.join(', ')}` : args.sample === null ? 'all' : `a sample of ${selected.length} (seed ${args.settings.seed})`;
  writeFileSync(
    path.join(out, 'c-mutants.json'),
    `${JSON.stringify({ command, generated: all.length, budgetSeconds: args.settings.budgetMs / 1000, seed: args.settings.seed, product: product.kind, loadAverage: load, ...summary, mutants: entries }, null, 2)}\n`,
  );
  writeFileSync(
    path.join(out, 'c-mutants.md'),
    renderMarkdown(entries, summary, { command, generated: all.length, selection, budgetSeconds: args.settings.budgetMs / 1000, seed: args.settings.seed, product: product.kind, load }),
  );
  console.log(
    `mutants ${summary.total}: compiled ${summary.compiled}, killed ${summary.killed}, equivalent ${summary.equivalent}, survivors ${summary.survivors}, ` +
      `timeouts ${summary.timeouts}, errors ${summary.errors}, no-compile ${summary.noCompile}; score ${summary.score ?? '-'}; ` +
      `median s to kill ${summary.medianSecondsToKill ?? '-'}, p95 ${summary.p95SecondsToKill ?? '-'} (campaign clocks: ${summary.medianCampaignSeconds ?? '-'}, ${summary.p95CampaignSeconds ?? '-'})`,
  );
  for (const e of entries) if (e.status === 'survived' || e.status === 'timeout' || e.status === 'error') console.log(`  ${e.status} ${e.id} (${e.function}:${e.line}) ${e.mutated.replace(/\s+/g, ' ').trim()}${e.detail ? ` — ${e.detail}` : ''}`);
  console.log(`reports: ${path.relative(process.cwd(), path.join(out, 'c-mutants.md'))}, ${path.relative(process.cwd(), path.join(out, 'c-mutants.json'))}`);
  return summary.survivors + summary.timeouts + summary.errors === 0 ? 0 : 1;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exitCode = await main(process.argv.slice(2));
