/**
 * The C mutation benchmark (`npm run bench:mutants`): every first-order mutant of the functions
 * of a `drm_gpuvm.c` (the seed, or any era's: `--kernel-tree DIR`, `--c-source FILE [--c-header
 * FILE]`, named as `gpuvm-check fuzz` names its C code; bench/cmutants/generate.ts), or a seeded
 * sample of them, each checked by a short fixed-seed `--backend c` campaign of the product, with
 * the source's header and so in its era, that stops at its first new finding.
 *
 * Writes `reports/bench/c-mutants.json` and `.md` for the seed, `c-mutants-<label>.*` for any
 * other source (bench/cmutants/source.ts); keeps what it measured in the `.state.json` beside
 * them, keyed by the source's and the header's sha256, so that an interrupted run continues where
 * it stopped when rerun with the same settings and sources never mix. Survivors are judged in
 * bench/cmutants/verdicts.md, per source. Another source than the seed gets a baseline first: its
 * unmutated text, checked by the same campaign, must show no new finding.
 * Exit 0: every compiled mutant killed or argued equivalent; 1: survivors, unreached mutants,
 * timeouts, campaign errors or a failing baseline; 2: usage error.
 *
 * Usage: tsx bench/cMutants.ts [--kernel-tree DIR | --c-source FILE [--c-header FILE]]
 *          [--sample N] [--seed S] [--budget 60s] [--grace 30s] [--jobs J]
 *          [--only ID[,ID...]] [--runs-per-job N] [--walk-requests N] [--out DIR] [--fresh] [--list]
 *          [--sources]
 */
import { loadavg } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { describeEra } from '../src/backends/c/detectEra.ts';
import { cTargetOf } from '../src/cli/cSourceFlag.ts';
import type { CTargetFlagValues } from '../src/cli/cTarget.ts';
import { parseDuration } from '../src/cli/duration.ts';
import { UsageError as CliUsageError } from '../src/cli/usage.ts';
import { generateMutants, sampleMutants, type Mutant } from './cmutants/generate.ts';
import { measureMutant, type Measurable } from './cmutants/measure.ts';
import { driverRoots, reachableFunctions } from './cmutants/reach.ts';
import { renderMarkdown } from './cmutants/render.ts';
import { entryOf, median, summarize, type Measured, type MutantEntry } from './cmutants/results.ts';
import { REPO_ROOT } from '../src/backends/c/paths.ts';
import { mutationSourceOf, reportBase, withoutSourcePaths, type MutationSource } from './cmutants/source.ts';
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
  /** `--kernel-tree`, `--c-source`, `--c-header` as given (the seed when none is). */
  readonly cFlags: CTargetFlagValues;
  readonly settings: Omit<RunSettings, 'sourceSha256' | 'headerSha256' | 'product'>;
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
        'kernel-tree': { type: 'string' },
        'c-source': { type: 'string' },
        'c-header': { type: 'string' },
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
    cFlags: { 'kernel-tree': values['kernel-tree'], 'c-source': values['c-source'], 'c-header': values['c-header'] },
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
 * not how they were measured) and with the source's label for the paths of the C source flags
 * (`--kernel-tree <v7.0 tree>`): a local path must not end up in a committed report.
 * @public
 */
export function reportedCommand(argv: readonly string[], label: string): string {
  const measuredBy = withoutSourcePaths(argv, label).filter((a, i) => a !== '--out' && argv[i - 1] !== '--out' && !a.startsWith('--out='));
  return `npm run bench:mutants${measuredBy.length ? ` -- ${measuredBy.join(' ')}` : ''}`;
}

/**
 * The source the flags name (else the environment, else the seed), read, with its mutants.
 * @throws UsageError naming the flag of a missing file, or the line the tokeniser cannot read
 * @public
 */
export function sourceAndMutants(cFlags: CTargetFlagValues): { source: MutationSource; all: Mutant[] } {
  let source: MutationSource;
  try {
    source = mutationSourceOf(cTargetOf(cFlags));
  } catch (error) {
    if (error instanceof CliUsageError) throw new UsageError(error.message);
    throw error;
  }
  try {
    return { source, all: generateMutants(source.text) };
  } catch (error) {
    throw new UsageError(`${source.label} (${source.cSource}): ${(error as Error).message}`);
  }
}

/**
 * `text` without local paths: the source's and the header's by the label, a mutant's temporary
 * directory and the repository's root left out.
 * @public
 */
export function withoutPaths(text: string, source: Pick<MutationSource, 'label' | 'cSource' | 'cHeader'>): string {
  return text
    .replaceAll(source.cSource, `<${source.label} drm_gpuvm.c>`)
    .replaceAll(source.cHeader, `<${source.label} drm_gpuvm.h>`)
    .replace(/\/\S*?\/gpuvm-cmutant-[^/\s]*\//g, '')
    .replaceAll(`${REPO_ROOT}${path.sep}`, '');
}

function redactEntry(entry: MutantEntry, source: MutationSource): MutantEntry {
  return entry.detail === null ? entry : { ...entry, detail: withoutPaths(entry.detail, source) };
}

/** The baseline's id in the state: the unmutated source, measured like a mutant. */
const BASELINE: Measurable = { id: 'baseline', start: 0, end: 0, replacement: '' };

/** Runs the benchmark from the command line; returns the exit code. @public */
export async function main(argv: string[]): Promise<number> {
  let args: MutantsArgs;
  let selected: Mutant[];
  let all: Mutant[];
  let source: MutationSource;
  try {
    args = parseMutantsArgs(argv);
    ({ source, all } = sourceAndMutants(args.cFlags));
    selected = selectMutants(all, args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench:mutants: ${error.message}`);
    return 2;
  }
  const reached = reachableFunctions(source.text, readFileSync(source.cHeader, 'utf8'), driverRoots());
  if (args.list) {
    for (const m of selected) console.log(`${m.id}\t${m.function}${reached.has(m.function) ? '' : ' (unreached)'}\t${m.mutated.replace(/\s+/g, ' ').trim()}`);
    return 0;
  }
  const verdicts = loadVerdicts(source);
  const product = prepareProduct(args.sources, (line) => process.stderr.write(`${line}\n`));
  const settings: RunSettings = { sourceSha256: source.sha256, headerSha256: source.headerSha256, ...args.settings, product: product.kind };
  const out = args.out;
  mkdirSync(out, { recursive: true });
  const base = reportBase(source);
  const stateFile = path.join(out, `${base}.state.json`);
  let state;
  try {
    state = loadState(stateFile, settings, args.fresh);
  } catch (error) {
    if (!(error instanceof SettingsMismatch)) throw error;
    console.error(`bench:mutants: ${error.message}`);
    return 2;
  }
  process.stderr.write(`${source.label}: ${source.cSource} (${describeEra(source.era)}), sha256 ${source.sha256.slice(0, 12)}\n`);
  const measure = async (what: Measurable, reachable: boolean): Promise<Measured> => ({
    ...(await measureMutant(source, what, { ...args.settings, product }, reachable)),
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  });
  // The seed is checked clean by every campaign of CI; another source must show it is, or every kill is suspect.
  if (!source.isSeed && !state.measured[BASELINE.id]) {
    process.stderr.write(`baseline: the unmutated source, one campaign of ${args.settings.budgetMs / 1000} s ...\n`);
    saveMeasured(stateFile, state, await measure(BASELINE, true));
  }
  const baseline = state.measured[BASELINE.id] ?? null;
  if (baseline && baseline.status !== 'survived') process.stderr.write(`baseline: ${baseline.status} ${baseline.signature ?? baseline.detail ?? ''}: the unmutated source does not pass its campaign\n`);
  const todo = selected.filter((m) => !state.measured[m.id]);
  process.stderr.write(`${all.length} mutants generated; ${selected.length} selected, ${selected.length - todo.length} already measured (${stateFile})\n`);
  let done = 0;
  await pool(todo, args.jobs, async (mutant) => {
    const measured = await measure(mutant, reached.has(mutant.function));
    saveMeasured(stateFile, state, measured);
    done++;
    const what = measured.status === 'killed' ? `killed in ${measured.secondsToKill} s: ${measured.signature}` : `${measured.status}${measured.detail ? `: ${measured.detail}` : ''}`;
    process.stderr.write(`[${done}/${todo.length}] ${mutant.id} (${mutant.function}) ${what}\n`);
  });

  const load = loadRange([...selected.map((m) => state.measured[m.id]!.loadAverage), baseline?.loadAverage]);
  // No committed report quotes a kernel source other than the seed, nor names a local path.
  const entries = selected.map((m) => redactEntry(entryOf(m, state.measured[m.id]!, verdicts, source.isSeed), source));
  const summary = summarize(entries, verdicts);
  const command = reportedCommand(argv, source.label);
  const selection = args.only.length ? `only ${args.only.join(', ')}` : args.sample === null ? 'all' : `a sample of ${selected.length} (seed ${args.settings.seed})`;
  const described = {
    label: source.label,
    sha256: source.sha256,
    headerSha256: source.headerSha256,
    era: describeEra(source.era),
    judged: verdicts.equivalent.size + verdicts.gaps.size > 0,
    baseline: baseline && { status: baseline.status, signature: baseline.signature, detail: baseline.detail === null ? null : withoutPaths(baseline.detail, source) },
  };
  writeFileSync(
    path.join(out, `${base}.json`),
    `${JSON.stringify({ command, source: described, generated: all.length, budgetSeconds: args.settings.budgetMs / 1000, seed: args.settings.seed, product: product.kind, loadAverage: load, ...summary, mutants: entries }, null, 2)}\n`,
  );
  writeFileSync(
    path.join(out, `${base}.md`),
    renderMarkdown(entries, summary, { command, source: described, generated: all.length, selection, budgetSeconds: args.settings.budgetMs / 1000, seed: args.settings.seed, product: product.kind, load }),
  );
  console.log(
    `${source.label}: mutants ${summary.total}: compiled ${summary.compiled}, killed ${summary.killed}, equivalent ${summary.equivalent}, survivors ${summary.survivors}, unreached ${summary.unreached}, ` +
      `timeouts ${summary.timeouts}, errors ${summary.errors}, no-compile ${summary.noCompile}; score ${summary.score ?? '-'} (reached: ${summary.reachedScore ?? '-'}); ` +
      `median s to kill ${summary.medianSecondsToKill ?? '-'}, p95 ${summary.p95SecondsToKill ?? '-'} (campaign clocks: ${summary.medianCampaignSeconds ?? '-'}, ${summary.p95CampaignSeconds ?? '-'})`,
  );
  for (const e of entries) if (e.status === 'survived' || e.status === 'timeout' || e.status === 'error') console.log(`  ${e.status} ${e.id} (${e.function}:${e.line}) ${e.change}${e.detail ? ` — ${e.detail}` : ''}`);
  console.log(`reports: ${path.relative(process.cwd(), path.join(out, `${base}.md`))}, ${path.relative(process.cwd(), path.join(out, `${base}.json`))}`);
  const baselineFails = baseline !== null && baseline.status !== 'survived';
  return summary.survivors + summary.unreached + summary.timeouts + summary.errors === 0 && !baselineFails ? 0 : 1;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) process.exitCode = await main(process.argv.slice(2));
