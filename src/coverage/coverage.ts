/**
 * Line and branch coverage of one C source (`drm_gpuvm.c`), as `report.json` keeps it: the
 * figures, and per function the count of every line and branch, so that shards, resumes and
 * trace sets merge by adding counts, and the report can annotate the source.
 *
 * A line's entry belongs to one function: a line of a macro that defines several functions
 * (the interval tree's) has one entry in each. File-level line figures count a source line
 * once (hit when any of its entries is); branch figures count every branch of every entry.
 */

/** Hit and total. @public */
export interface HitTotal {
  readonly hit: number;
  readonly total: number;
}

/** One function's coverage. @public */
export interface FunctionCoverage {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
  /** Times it was entered. */
  readonly calls: number;
  readonly lines: HitTotal;
  readonly branches: HitTotal;
  /**
   * Its lines as `"<line> <count>"`, followed by ` <b1>,<b2>,...` (each branch's count) on a
   * line with branches; ascending by line.
   */
  readonly counts: readonly string[];
}

/** `report.json`'s `coverage`. @public */
export interface Coverage {
  /** The C source the counts are of, as it was compiled. */
  readonly file: string;
  readonly lines: HitTotal;
  readonly branches: HitTotal;
  /** Ascending by start line, then name. */
  readonly functions: readonly FunctionCoverage[];
}

/** One line of one function. @public */
export interface LineCount {
  readonly line: number;
  readonly count: number;
  readonly branches: readonly number[];
}

/** One function's raw counts, before the figures are worked out. @public */
export interface FunctionCounts {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly calls: number;
  readonly lines: readonly LineCount[];
}

/** Parses a function's `counts`. @throws Error naming the entry that is not `"<line> <count>[ <branches>]"` @public */
export function lineCounts(f: Pick<FunctionCoverage, 'name' | 'counts'>): LineCount[] {
  return f.counts.map((entry) => {
    const m = /^(\d+) (\d+)(?: (\d+(?:,\d+)*))?$/.exec(entry);
    if (!m) throw new Error(`coverage of ${f.name}: bad count entry "${entry}" (want "<line> <count>[ <b1>,<b2>,...]")`);
    return { line: Number(m[1]), count: Number(m[2]), branches: m[3] === undefined ? [] : m[3].split(',').map(Number) };
  });
}

const hitTotal = (values: readonly number[]): HitTotal => ({ hit: values.filter((v) => v > 0).length, total: values.length });

/** The coverage of raw counts: figures worked out, functions and lines sorted. @public */
export function coverageOf(file: string, functions: readonly FunctionCounts[]): Coverage {
  const sorted = [...functions].sort((a, b) => a.startLine - b.startLine || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byLine = new Map<number, number>();
  const allBranches: number[] = [];
  const out = sorted.map((f): FunctionCoverage => {
    const lines = [...f.lines].sort((a, b) => a.line - b.line);
    for (const l of lines) {
      byLine.set(l.line, Math.max(byLine.get(l.line) ?? 0, l.count));
      allBranches.push(...l.branches);
    }
    return {
      name: f.name,
      startLine: f.startLine,
      endLine: f.endLine,
      calls: f.calls,
      lines: hitTotal(lines.map((l) => l.count)),
      branches: hitTotal(lines.flatMap((l) => l.branches)),
      counts: lines.map((l) => `${l.line} ${l.count}${l.branches.length ? ` ${l.branches.join(',')}` : ''}`),
    };
  });
  return { file, lines: hitTotal([...byLine.values()]), branches: hitTotal(allBranches), functions: out };
}

/**
 * The sum of coverages of the same source built the same way (shards, resumes, trace sets).
 * @throws Error when they are of different files, or a line's branches differ in number (another build)
 * @public
 */
export function mergeCoverage(parts: readonly Coverage[]): Coverage {
  const [first] = parts;
  if (!first) throw new Error('mergeCoverage: nothing to merge');
  const functions = new Map<string, { f: FunctionCounts; lines: Map<number, LineCount> }>();
  for (const part of parts) {
    if (part.file !== first.file) throw new Error(`coverage of ${part.file} cannot be merged with coverage of ${first.file}`);
    for (const f of part.functions) {
      const entry = functions.get(f.name) ?? { f: { ...f, calls: 0, lines: [] }, lines: new Map<number, LineCount>() };
      functions.set(f.name, entry);
      entry.f = { ...entry.f, calls: entry.f.calls + f.calls };
      for (const l of lineCounts(f)) {
        const had = entry.lines.get(l.line);
        if (had && had.branches.length !== l.branches.length) {
          throw new Error(`coverage of ${f.name}, line ${l.line}: ${had.branches.length} branches in one part, ${l.branches.length} in another (different builds of ${first.file})`);
        }
        entry.lines.set(l.line, had ? { line: l.line, count: had.count + l.count, branches: had.branches.map((b, i) => b + l.branches[i]!) } : l);
      }
    }
  }
  return coverageOf(first.file, [...functions.values()].map(({ f, lines }) => ({ ...f, lines: [...lines.values()] })));
}

/** Percentage with one decimal, e.g. `87.5 %`; `-` for nothing to cover. @public */
export function percent(h: HitTotal): string {
  return h.total === 0 ? '-' : `${(Math.floor((h.hit / h.total) * 1000) / 10).toFixed(1)} %`;
}

/** One line of figures, e.g. `coverage of drm_gpuvm.c: lines 239/383 (62.4 %), branches 129/262 (49.2 %)`. @public */
export function coverageLine(c: Coverage): string {
  const name = c.file.split('/').at(-1) ?? c.file;
  return `coverage of ${name}: lines ${c.lines.hit}/${c.lines.total} (${percent(c.lines)}), branches ${c.branches.hit}/${c.branches.total} (${percent(c.branches)})`;
}
