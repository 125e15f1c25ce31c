/**
 * What a campaign's statistics say it exercised, as rows for tables and charts: every member
 * of each known set (doc cases 1..15, op shapes, request kinds, invariants) in its canonical
 * order with its count, a missing flag where reaching it is expected, and any extra keys the
 * statistics hold after them. Both renderers read these rows, so the summary and the HTML agree.
 */
import { ALL_OP_SHAPES, DOC_CASE_TITLES } from '../../properties/classify.ts';
import { REQUEST_INVARIANTS } from '../../properties/invariants/requestInvariants.ts';
import { SIGNATURES } from '../../src/trace/request.ts';
import type { Stats } from '../types.ts';

/** One counted thing. `missing`: expected to be reached but counted 0 times. @public */
export interface CountRow {
  readonly label: string;
  readonly count: number;
  readonly missing: boolean;
  /** What the row is part of, when several rows make up one thing (an invariant's outcomes). */
  readonly group?: string;
}

const DOC_CASES = DOC_CASE_TITLES.map((_t, i) => String(i + 1));

function rows(counts: Readonly<Record<string, number>>, known: readonly string[], expected: boolean): CountRow[] {
  const extra = Object.keys(counts)
    .filter((k) => !known.includes(k))
    .sort(naturalCompare);
  return [...known, ...extra].map((label) => {
    const count = counts[label] ?? 0;
    return { label, count, missing: expected && count === 0 };
  });
}

/** Doc cases `1`..`15`, each missing when never hit. @public */
export function docCaseRows(stats: Readonly<Stats>): CountRow[] {
  return rows(stats.docCases, DOC_CASES, true);
}

/** Every op shape of `ALL_OP_SHAPES`, each missing when never produced. @public */
export function opShapeRows(stats: Readonly<Stats>): CountRow[] {
  return rows(stats.opShapes, ALL_OP_SHAPES, true);
}

/** Every request kind of the trace format; a kind never sent is 0 but not missing. @public */
export function requestKindRows(stats: Readonly<Stats>): CountRow[] {
  return rows(stats.byKind, Object.keys(SIGNATURES), false);
}

/** Code-unit order, except that runs of digits compare as numbers (`E2` < `E17`). @internal */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const d = /^\d/.test(x) && /^\d/.test(y) ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (d !== 0) return d;
  }
  return pa.length - pb.length;
}

/** The invariant a key of `invariantChecks` counts: `validity:E22` → `validity`. */
const invariantOf = (key: string): string => key.split(':')[0] ?? key;

/**
 * Every request invariant in checking order, each with its counted outcomes: the statistics
 * count an invariant under its name (`no-leak`) or per outcome (`validity:OK`,
 * `validity:E22`), and every key shows as its own row. An invariant with no key at all is one
 * row, missing. Keys of unknown invariants follow.
 * @public
 */
export function invariantRows(stats: Readonly<Stats>): CountRow[] {
  const names = REQUEST_INVARIANTS.map((inv) => inv.name);
  const keys = Object.keys(stats.invariantChecks).sort(naturalCompare);
  const known = names.flatMap((name) => {
    const own = keys.filter((k) => invariantOf(k) === name);
    return own.length > 0 ? own : [name];
  });
  return rows(stats.invariantChecks, known, true).map((r) => ({ ...r, group: invariantOf(r.label) }));
}

/**
 * How many distinct things of a set were reached, out of how many: rows of one `group`
 * (an invariant's outcomes) count once.
 * @public
 */
export function reachedOf(list: readonly CountRow[]): { reached: number; total: number } {
  const groups = new Map<string, boolean>();
  for (const r of list) groups.set(r.group ?? r.label, (groups.get(r.group ?? r.label) ?? false) || r.count > 0);
  return { reached: [...groups.values()].filter(Boolean).length, total: groups.size };
}

/** The lower bound of a live-VA bucket label (`"4-7"` → 4), NaN when it is not one. */
function bucketStart(label: string): number {
  const match = /^(\d+)(?:-(\d+))?$/.exec(label);
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * The live-VA histogram in bucket order (`0`, `1`, `2-3`, `4-7`, ...), with the empty buckets
 * between 0 and the largest bucket filled in as 0 so the bars are evenly spaced in log2.
 * Labels that are not buckets go last.
 * @public
 */
export function liveVaRows(stats: Readonly<Stats>): CountRow[] {
  const labels = Object.keys(stats.liveVas);
  const starts = labels.map(bucketStart).filter((n) => Number.isFinite(n));
  const largest = Math.max(-1, ...starts);
  const known: string[] = [];
  if (largest >= 0) known.push('0');
  if (largest >= 1) known.push('1');
  for (let lo = 2; lo <= largest && known.length < 64; lo *= 2) known.push(`${lo}-${lo * 2 - 1}`);
  const odd = labels.filter((l) => !known.includes(l)).sort(naturalCompare);
  return [...known, ...odd].map((label) => ({ label, count: stats.liveVas[label] ?? 0, missing: false }));
}

/** The rows of a set that are missing. @public */
export function missingLabels(list: readonly CountRow[]): string[] {
  return list.filter((r) => r.missing).map((r) => r.label);
}
