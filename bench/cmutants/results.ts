/**
 * What the C mutation benchmark records per mutant and the summary of a run: the counts, the
 * score and the times to kill.
 */
import type { Mutant } from './generate.ts';
import type { Verdicts } from './verdicts.ts';

/**
 * What a run measured for one mutant, before the verdicts are applied; `unreached`: it compiles,
 * but the C driver never calls its function (reach.ts), so no campaign ran.
 * @public
 */
export type RawStatus = 'killed' | 'survived' | 'unreached' | 'no-compile' | 'timeout' | 'error';

/** The status reported: a survivor argued equivalent in bench/cmutants/verdicts.md is `equivalent`. @public */
export type Status = RawStatus | 'equivalent';

/** The measurement of one mutant, as the state file keeps it. @public */
export interface Measured {
  readonly id: string;
  readonly status: RawStatus;
  /** From the campaign's spawn to its first new finding (the build, done before, excluded). */
  readonly secondsToKill: number | null;
  /** The campaign's own time to the finding (its process start-up excluded). */
  readonly campaignSeconds: number | null;
  readonly signature: string | null;
  /** The C build of the mutant (null when it did not compile). */
  readonly buildSeconds: number | null;
  /** gcc's error (no-compile), what the failed campaign printed (error), or null. */
  readonly detail: string | null;
  /** The machine's 1-minute load average when the measurement ended (absent in older states). */
  readonly loadAverage?: number;
}

/** One entry of the report. @public */
export interface MutantEntry {
  readonly id: string;
  readonly operator: string;
  readonly function: string;
  readonly line: number;
  /** The edit in a few words ({@link Mutant.change}). */
  readonly change: string;
  /** The source lines before and after; null when the report must not quote the source (a kernel tree's). */
  readonly original: string | null;
  readonly mutated: string | null;
  readonly status: Status;
  readonly secondsToKill: number | null;
  readonly campaignSeconds: number | null;
  readonly signature: string | null;
  readonly buildSeconds: number | null;
  /** gcc's error, the campaign's failure, or the verdict's argument (equivalent, or the gap to close). */
  readonly detail: string | null;
}

/** The summary of a run. @public */
export interface Summary {
  /** Mutants in this run (the sample). */
  readonly total: number;
  readonly compiled: number;
  readonly killed: number;
  readonly equivalent: number;
  /** Compiled, reached, not killed, not argued equivalent (timeouts and errors excluded). */
  readonly survivors: number;
  /** Compiled, in a function the C driver never calls: a gap of the harness, not of a campaign. */
  readonly unreached: number;
  readonly timeouts: number;
  readonly errors: number;
  readonly noCompile: number;
  /** killed / (compiled - equivalent), unreached mutants counted as missed; null when that is 0. */
  readonly score: number | null;
  /** killed / (compiled - equivalent - unreached): the campaigns' score where the driver can look; null when that is 0. */
  readonly reachedScore: number | null;
  readonly medianSecondsToKill: number | null;
  readonly p95SecondsToKill: number | null;
  /** The same, on the campaigns' own clocks (their start-up excluded), over the kills that have one. */
  readonly medianCampaignSeconds: number | null;
  readonly p95CampaignSeconds: number | null;
  /** Equivalence verdicts contradicted by a kill: the verdict is wrong. */
  readonly killedButArguedEquivalent: readonly string[];
}

/** Median of `xs` (mean of the middle two for an even count); null for none. @public */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile `p` (0 < p ≤ 100) of `xs`; null for none. @public */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
}

/**
 * The report entry of a measured mutant, with its verdict applied; the source's lines only when
 * `quote` (the seed's reports quote it; no committed report quotes another kernel source).
 * @public
 */
export function entryOf(mutant: Mutant, measured: Measured, verdicts: Verdicts, quote = true): MutantEntry {
  const equivalent = verdicts.equivalent.get(mutant.id);
  const gap = verdicts.gaps.get(mutant.id);
  const status: Status = measured.status === 'survived' && equivalent !== undefined ? 'equivalent' : measured.status;
  const detail = status === 'equivalent' ? equivalent! : status === 'survived' && gap !== undefined ? `gap: ${gap}` : measured.detail;
  return {
    id: mutant.id,
    operator: mutant.operator,
    function: mutant.function,
    line: mutant.line,
    change: mutant.change,
    original: quote ? mutant.original : null,
    mutated: quote ? mutant.mutated : null,
    status,
    secondsToKill: measured.secondsToKill,
    campaignSeconds: measured.campaignSeconds,
    signature: measured.signature,
    buildSeconds: measured.buildSeconds,
    detail,
  };
}

const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

/** The summary of `entries`. @public */
export function summarize(entries: readonly MutantEntry[], verdicts: Verdicts): Summary {
  const count = (s: Status): number => entries.filter((e) => e.status === s).length;
  const noCompile = count('no-compile');
  const compiled = entries.length - noCompile;
  const killed = count('killed');
  const equivalent = count('equivalent');
  const unreached = count('unreached');
  const kills = entries.filter((e) => e.status === 'killed');
  const times = kills.filter((e) => e.secondsToKill !== null).map((e) => e.secondsToKill!);
  const campaignTimes = kills.filter((e) => e.campaignSeconds !== null).map((e) => e.campaignSeconds!);
  return {
    total: entries.length,
    compiled,
    killed,
    equivalent,
    survivors: count('survived'),
    unreached,
    timeouts: count('timeout'),
    errors: count('error'),
    noCompile,
    score: compiled - equivalent > 0 ? round(killed / (compiled - equivalent)) : null,
    reachedScore: compiled - equivalent - unreached > 0 ? round(killed / (compiled - equivalent - unreached)) : null,
    medianSecondsToKill: round(median(times)),
    p95SecondsToKill: round(percentile(times, 95)),
    medianCampaignSeconds: round(median(campaignTimes)),
    p95CampaignSeconds: round(percentile(campaignTimes, 95)),
    killedButArguedEquivalent: entries.filter((e) => e.status === 'killed' && verdicts.equivalent.has(e.id)).map((e) => e.id),
  };
}
