/**
 * The pure half of `npm run bench`: the shape of `reports/bench/bench.json`, the checks and
 * ratios computed from measured numbers, reading the Stryker and seeded-bug reports, and the
 * printed table. Nothing here measures time, so all of it is tested with fake numbers
 * (test/bench/throughput.spec.ts).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Schema tag of bench.json (2: rates are the fastest of several rounds; cOverChecked and the rounds added). @public */
export const BENCH_SCHEMA = 'gpuvm-check/bench@2';

/** The machine the numbers were taken on; peak RSS is this process's (the C child is not counted). @public */
export interface MachineInfo {
  readonly cpus: number;
  readonly model: string;
  readonly node: string;
  readonly platform: string;
  /** process.resourceUsage().maxRSS at the end of the run, in MB. */
  readonly peakRssMb: number;
}

/** The same traces through the TS port and through the C code. @public */
export interface BackendThroughput {
  readonly traces: number;
  readonly requestsPerTrace: number;
  readonly requests: number;
  /** Timed rounds; the seconds and rates below are the fastest round's. */
  readonly rounds: number;
  readonly tsSeconds: number;
  /** Every timed round, in order. */
  readonly tsRoundSeconds: readonly number[];
  readonly tsRequestsPerSec: number;
  readonly cSeconds: number | null;
  readonly cRoundSeconds: readonly number[];
  readonly cRequestsPerSec: number | null;
  /** cRequestsPerSec / tsRequestsPerSec: how many times faster C is. */
  readonly cOverTs: number | null;
  /** How many of the traces gave byte-identical transcripts on both (null without C). */
  readonly identicalTranscripts: number | null;
  /** Why there is no C number, when there is none. */
  readonly cError: string | null;
  /** Peak RSS of this process after the section, MB. */
  readonly peakRssMb: number;
}

/** One coarse phase of a checked run. @public */
export interface Phase {
  readonly name: string;
  readonly ms: number;
}

/** A phase with its share of the whole. @public */
export interface PhaseShare extends Phase {
  /** Fraction of the total, 0..1. */
  readonly share: number;
}

/** Coarse phases of checked runs, timed through runChecked's `lap` hook (the timer calls inflate the cheap phases). @public */
export interface Profile {
  readonly requests: number;
  readonly totalMs: number;
  /** Time of the real runChecked on the same requests, to show what the instrumentation costs. */
  readonly harnessMs: number;
  readonly phases: readonly PhaseShare[];
}

/** Checked runs: port + model + invariants. @public */
export interface CheckedThroughput {
  readonly walk: {
    readonly walks: number;
    readonly requests: number;
    /** Full checks at least this many requests apart, and at least as many as there are live VAs. */
    readonly fullCheckEvery: number;
    /** Timed rounds (after an untimed one); seconds and rate are the fastest round's. */
    readonly rounds: number;
    readonly seconds: number;
    readonly roundSeconds: readonly number[];
    readonly requestsPerSec: number;
    readonly maxLiveVas: number;
  };
  readonly property: {
    readonly sequences: number;
    readonly requests: number;
    readonly seconds: number;
    readonly requestsPerSec: number;
  };
  /** The same walk requests run by the port alone and by the model alone, as the checked loop runs each. */
  readonly variants: {
    readonly portAloneRequestsPerSec: number;
    readonly modelAloneRequestsPerSec: number;
  };
  /** Where the time goes: walks (full checks every 1000) and property sequences (every request). */
  readonly profiles: { readonly walk: Profile; readonly property: Profile };
  readonly peakRssMb: number;
}

/** One size of the scaling run. @public */
export interface ScalingPoint {
  readonly liveVas: number;
  readonly buildMs: number;
  readonly requests: number;
  readonly nsPerRequest: number;
  /** Ops (MAP/REMAP/UNMAP) per request: the work each request does, the same at every size. */
  readonly opsPerRequest: number;
}

/** Growth between two successive sizes. @public */
export interface GrowthStep {
  readonly from: number;
  readonly to: number;
  /** nsPerRequest(to) / nsPerRequest(from). */
  readonly ratio: number;
  /** log(to) / log(from): what pure O(log n) growth would give. */
  readonly logRatio: number;
}

/** Verdict of {@link logGrowth}. @public */
export interface GrowthCheck {
  readonly steps: readonly GrowthStep[];
  readonly maxRatio: number;
  /** The bound every ratio must stay under (a linear walk would give the size ratio, 10×). */
  readonly bound: number;
  readonly ok: boolean;
}

/** The scaling section. @public */
export interface Scaling {
  readonly points: readonly ScalingPoint[];
  readonly growth: GrowthCheck;
  readonly peakRssMb: number;
}

/** Mutation score of one file or of the whole run, as Stryker computes it. @public */
export interface MutantCounts {
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants the TypeScript checker rejected or that errored: not counted in the score. */
  readonly invalid: number;
  /** (killed + timeout) / (killed + timeout + survived + noCoverage), in percent; null with no valid mutant. */
  readonly score: number | null;
}

/** The mutation section, read from the latest Stryker JSON report. @public */
export interface MutationScore extends MutantCounts {
  readonly report: string;
  readonly perFile: Readonly<Record<string, MutantCounts>>;
}

/** All of bench.json. @public */
export interface BenchReport {
  readonly schema: typeof BENCH_SCHEMA;
  readonly createdAt: string;
  readonly elapsedSeconds: number;
  readonly machine: MachineInfo;
  readonly tsRequestsPerSec: number;
  readonly cRequestsPerSec: number | null;
  readonly checkedRequestsPerSec: number;
  /**
   * How many raw C requests one checked request costs: the median over the rounds of C's rate
   * over the checked walks' rate in the same round (null without C).
   */
  readonly cOverChecked: number | null;
  /** That ratio in each round, in order. */
  readonly cOverCheckedRounds: readonly number[];
  /** Whether cOverChecked is within {@link CHECKED_GOAL} (null without C). */
  readonly checkedWithinGoal: boolean | null;
  readonly backends: BackendThroughput;
  readonly checked: CheckedThroughput;
  readonly scaling: Scaling;
  readonly mutationScore: MutationScore | null;
  /** Why mutationScore is null, or where it came from. */
  readonly mutationNote: string;
  /** reports/bench/seeded-bugs.json as written by `npm run bench:bugs`, untouched; null if absent. */
  readonly seededBugs: unknown;
  readonly seededBugsNote: string;
}

/** The goal for checked runs: at most this many times slower than the raw C backend. @public */
export const CHECKED_GOAL = 5;

/** The middle value (the mean of the two middle ones for an even count); null for none. @public */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * cOverChecked from the timed rounds: in each round where both ran, C's rate over the checked
 * walks' rate; their median against {@link CHECKED_GOAL}. Passes of one round ran back to back,
 * so their ratio is steadier on a noisy machine than a ratio of two bests from different rounds.
 * @param c - C's requests per pass and the ms of each round's pass
 * @param checked - the checked walks' requests per pass and the ms of each round's pass
 * @public
 */
export function checkedGoal(
  c: { readonly requests: number; readonly ms: readonly number[] },
  checked: { readonly requests: number; readonly ms: readonly number[] },
): { cOverChecked: number | null; cOverCheckedRounds: number[]; checkedWithinGoal: boolean | null } {
  const rounds = c.ms.slice(0, checked.ms.length).map((cMs, i) => perSecond(c.requests, cMs) / perSecond(checked.requests, checked.ms[i]!));
  const cOverChecked = median(rounds);
  return { cOverChecked, cOverCheckedRounds: rounds, checkedWithinGoal: cOverChecked === null ? null : cOverChecked <= CHECKED_GOAL };
}

/** a / b, or null when either is missing or b is not positive. @public */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || !(b > 0)) return null;
  return a / b;
}

/** Requests per second, 0 for a zero duration (never Infinity in the JSON). @public */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/**
 * Checks that cost per request grows like log n from one size to the next: every successive
 * ratio must stay under `bound` (default 3; a walk linear in n would give the size ratio, 10× for
 * decades). Sizes must be increasing and above 1 (log 1 = 0).
 * @throws RangeError for unordered sizes or non-positive timings
 * @public
 */
export function logGrowth(points: readonly Pick<ScalingPoint, 'liveVas' | 'nsPerRequest'>[], bound = 3): GrowthCheck {
  const steps: GrowthStep[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (!(a.liveVas > 1 && b.liveVas > a.liveVas)) throw new RangeError(`scaling sizes must increase from above 1: ${a.liveVas} then ${b.liveVas}`);
    if (!(a.nsPerRequest > 0 && b.nsPerRequest > 0)) throw new RangeError('scaling timings must be positive');
    steps.push({ from: a.liveVas, to: b.liveVas, ratio: b.nsPerRequest / a.nsPerRequest, logRatio: Math.log(b.liveVas) / Math.log(a.liveVas) });
  }
  const maxRatio = steps.reduce((m, s) => Math.max(m, s.ratio), 0);
  return { steps, maxRatio, bound, ok: steps.every((s) => s.ratio < bound) };
}

/**
 * Each phase's share of `totalMs`, plus an `other` phase for what the named ones do not cover
 * (loop, bookkeeping; never negative).
 * @public
 */
export function phaseShares(phases: readonly Phase[], totalMs: number): PhaseShare[] {
  const named = phases.reduce((sum, p) => sum + p.ms, 0);
  const all = [...phases, { name: 'other', ms: Math.max(0, totalMs - named) }];
  const whole = Math.max(totalMs, named);
  return all.map((p) => ({ ...p, share: whole > 0 ? p.ms / whole : 0 }));
}

/** Stryker statuses (mutation-testing-report-schema) and how the score counts them. */
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function counts(statuses: readonly string[]): MutantCounts {
  const n = (s: string): number => statuses.filter((x) => x === s).length;
  const detected = statuses.filter((s) => DETECTED.has(s)).length;
  const undetected = statuses.filter((s) => UNDETECTED.has(s)).length;
  const valid = detected + undetected;
  return {
    killed: n('Killed'),
    timeout: n('Timeout'),
    survived: n('Survived'),
    noCoverage: n('NoCoverage'),
    invalid: statuses.length - valid - n('Ignored') - n('Pending'),
    score: valid > 0 ? (100 * detected) / valid : null,
  };
}

/** One mutant as the Stryker JSON report stores it (only what is read here). @public */
export interface StrykerMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
}

/** The mutants of a Stryker JSON report, by file. @throws Error if it is not one. @public */
export function strykerFiles(json: unknown): Record<string, readonly StrykerMutant[]> {
  const files = (json as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null) throw new Error('not a Stryker JSON report (no "files")');
  const out: Record<string, readonly StrykerMutant[]> = {};
  for (const [file, entry] of Object.entries(files as Record<string, { mutants?: unknown }>)) {
    if (!Array.isArray(entry.mutants)) throw new Error(`not a Stryker JSON report (no mutants for ${file})`);
    out[file] = entry.mutants as StrykerMutant[];
  }
  return out;
}

/** The score of a Stryker JSON report, overall and per file. @public */
export function mutationScoreOf(json: unknown, report: string): MutationScore {
  const files = strykerFiles(json);
  const perFile: Record<string, MutantCounts> = {};
  const all: string[] = [];
  for (const [file, mutants] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const statuses = mutants.map((m) => m.status);
    perFile[file] = counts(statuses);
    all.push(...statuses);
  }
  return { report, ...counts(all), perFile };
}

/** Reads a JSON file, or null when it does not exist. @public */
export function readJsonIfPresent(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return JSON.parse(text) as unknown;
}

/** The mutation section and its note, from the Stryker report at `path` if there is one. @public */
export function readMutationScore(path: string): { mutationScore: MutationScore | null; mutationNote: string } {
  const json = readJsonIfPresent(path);
  if (json === null) return { mutationScore: null, mutationNote: `no Stryker report at ${path}: run \`npm run mutation\`` };
  return { mutationScore: mutationScoreOf(json, path), mutationNote: `from ${path}` };
}

/** The seeded-bugs section and its note. @public */
export function readSeededBugs(path: string): { seededBugs: unknown; seededBugsNote: string } {
  const json = readJsonIfPresent(path);
  if (json === null) return { seededBugs: null, seededBugsNote: `no ${path}: run \`npm run bench:bugs\`` };
  return { seededBugs: json, seededBugsNote: `from ${path}` };
}

/**
 * One line about the seeded-bug report: `found/total found` when it is a list of bugs with a
 * boolean `found` (what `npm run bench:bugs` writes), else just whether it is there.
 * @public
 */
export function seededBugsSummary(json: unknown): string {
  if (json === null || json === undefined) return '—';
  if (Array.isArray(json) && json.length > 0 && json.every((b) => typeof (b as { found?: unknown } | null)?.found === 'boolean')) {
    const found = json.filter((b) => (b as { found: boolean }).found).length;
    return `${found}/${json.length} found`;
  }
  return 'present';
}

/** The text of bench.json: two-space JSON, one trailing newline. @public */
export function benchJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Writes `bench.json` into `dir` atomically (temporary file, then rename); returns its path. @public */
export function writeBenchReport(dir: string, report: BenchReport): string {
  const path = join(dir, 'bench.json');
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, benchJson(report));
  renameSync(tmp, path);
  return path;
}

/** A number with thousands separators and `digits` decimals. @public */
export function fmt(value: number | null, digits = 0): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}

/** The table `npm run bench` prints. @public */
export function formatBenchTable(r: BenchReport): string {
  const b = r.backends;
  const c = r.checked;
  const out: string[] = [];
  out.push(`gpuvm-check bench — ${r.machine.cpus} × ${r.machine.model}, node ${r.machine.node}, ${fmt(r.elapsedSeconds, 1)} s`);
  out.push('');
  out.push(
    ...table([
      ['throughput', 'requests', 'req/s', 'peak RSS so far'],
      [`ts backend (${b.traces} walks × ${fmt(b.requestsPerTrace)})`, fmt(b.requests), fmt(b.tsRequestsPerSec), ''],
      [`c backend (same traces, batched)`, fmt(b.requests), fmt(b.cRequestsPerSec), `${fmt(b.peakRssMb)} MB`],
      [`checked walk (full checks every max(${c.walk.fullCheckEvery}, live VAs))`, fmt(c.walk.requests), fmt(c.walk.requestsPerSec), ''],
      [`checked property sequences (${fmt(c.property.sequences)})`, fmt(c.property.requests), fmt(c.property.requestsPerSec), `${fmt(c.peakRssMb)} MB`],
      ['port alone (walk requests)', fmt(c.walk.requests), fmt(c.variants.portAloneRequestsPerSec), ''],
      ['model alone (walk requests)', fmt(c.walk.requests), fmt(c.variants.modelAloneRequestsPerSec), ''],
    ]),
  );
  out.push(
    b.cRequestsPerSec === null
      ? `C backend: not measured (${b.cError ?? 'unknown reason'})`
      : `C / TS = ${fmt(b.cOverTs, 2)}×; identical transcripts: ${b.identicalTranscripts}/${b.traces}`,
  );
  if (r.cOverChecked !== null) {
    const rounds = r.cOverCheckedRounds.map((x) => fmt(x, 2)).join(', ');
    out.push(`C / checked walk = ${fmt(r.cOverChecked, 2)}× (median of rounds: ${rounds}; goal ≤ ${CHECKED_GOAL}×: ${r.checkedWithinGoal ? 'met' : 'NOT met'})`);
  }
  out.push(`rates are the fastest of ${b.rounds} timed round(s) after an untimed one; each round times TS, C and the checked walks back to back`);
  out.push('');
  const pw = c.profiles.walk;
  const pp = c.profiles.property;
  out.push(`where the time of checked runs goes (runChecked with a timer on each phase, which adds its own cost; without: walk ${fmt(pw.harnessMs)} ms, property ${fmt(pp.harnessMs)} ms):`);
  out.push(
    ...table([
      ['phase', `walk ms`, 'share', 'property ms', 'share'],
      ...pw.phases.map((p, i) => {
        const q = pp.phases[i];
        return [p.name, fmt(p.ms), pct(p.share), q ? fmt(q.ms) : '', q ? pct(q.share) : ''];
      }),
      ['total', fmt(pw.totalMs), '', fmt(pp.totalMs), ''],
    ]),
  );
  out.push('');
  out.push('split/merge cost vs live VAs (port only, no model):');
  const g = r.scaling.growth;
  out.push(
    ...table([
      ['live VAs', 'build ms', 'ns/request', '× prev', 'log ratio'],
      ...r.scaling.points.map((p, i) => {
        const step = i > 0 ? g.steps[i - 1] : undefined;
        return [fmt(p.liveVas), fmt(p.buildMs), fmt(p.nsPerRequest), step ? fmt(step.ratio, 2) : '', step ? fmt(step.logRatio, 2) : ''];
      }),
    ]),
  );
  out.push(`growth ${g.ok ? 'OK' : 'TOO FAST'}: largest step ${fmt(g.maxRatio, 2)}× (bound ${g.bound}×; linear would be 10×); peak RSS ${fmt(r.scaling.peakRssMb)} MB`);
  out.push('');
  const m = r.mutationScore;
  if (m === null) out.push(`mutation score: — (${r.mutationNote})`);
  else {
    out.push(`mutation score: ${fmt(m.score, 1)}% (${m.killed + m.timeout} detected, ${m.survived} survived, ${m.noCoverage} no coverage; ${r.mutationNote})`);
    out.push(...table([['file', 'score', 'killed', 'timeout', 'survived', 'no cov', 'invalid'], ...Object.entries(m.perFile).map(([f, s]) => [f, `${fmt(s.score, 1)}%`, `${s.killed}`, `${s.timeout}`, `${s.survived}`, `${s.noCoverage}`, `${s.invalid}`])]));
  }
  out.push(`seeded bugs: ${seededBugsSummary(r.seededBugs)} (${r.seededBugsNote})`);
  out.push(`peak RSS of the whole run: ${fmt(r.machine.peakRssMb)} MB (this process; the C backend's child process is not counted)`);
  return `${out.join('\n')}\n`;
}
