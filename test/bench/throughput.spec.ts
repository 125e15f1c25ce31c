/**
 * The pure helpers of `npm run bench` (bench/throughput/), with fake numbers: no timing is
 * asserted anywhere here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// Type-only: pulls the entry module (and everything it measures with) into the typecheck
// without running it.
import type { BenchOptions } from '../../bench/throughput.ts';
import { FULL, parseBenchArgs, QUICK } from '../../bench/throughput/args.ts';
import type { BenchReport, StrykerMutant } from '../../bench/throughput/report.ts';
import {
  BENCH_SCHEMA,
  benchJson,
  CHECKED_GOAL,
  checkedGoal,
  median,
  fmt,
  formatBenchTable,
  logGrowth,
  mutationScoreOf,
  perSecond,
  phaseShares,
  ratio,
  readMutationScore,
  readSeededBugs,
  seededBugsSummary,
  writeBenchReport,
} from '../../bench/throughput/report.ts';
import { MUTATION_SPECS } from '../../vitest.mutation.config.ts';
import { buildSpace, cycleRequests, runCycleRequest, runCycles, spaceFingerprint } from '../../bench/throughput/scaling.ts';

const dir = mkdtempSync(join(tmpdir(), 'gpuvm-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('logGrowth', () => {
  it('passes cost that grows like log n and reports each step against the log ratio', () => {
    const check = logGrowth([
      { liveVas: 1e3, nsPerRequest: 1000 },
      { liveVas: 1e4, nsPerRequest: 1300 },
      { liveVas: 1e5, nsPerRequest: 1700 },
      { liveVas: 1e6, nsPerRequest: 2000 },
    ]);
    expect(check.ok).toBe(true);
    expect(check.steps.map((s) => [s.from, s.to])).toEqual([
      [1e3, 1e4],
      [1e4, 1e5],
      [1e5, 1e6],
    ]);
    expect(check.steps[0]!.ratio).toBeCloseTo(1.3);
    expect(check.steps[0]!.logRatio).toBeCloseTo(4 / 3);
    expect(check.steps[2]!.logRatio).toBeCloseTo(6 / 5);
    expect(check.maxRatio).toBeCloseTo(1700 / 1300);
  });

  it('fails cost that grows linearly (10× per decade) and anything at or above the bound', () => {
    expect(logGrowth([{ liveVas: 1e3, nsPerRequest: 100 }, { liveVas: 1e4, nsPerRequest: 1000 }]).ok).toBe(false);
    expect(logGrowth([{ liveVas: 1e3, nsPerRequest: 100 }, { liveVas: 1e4, nsPerRequest: 300 }]).ok).toBe(false);
    expect(logGrowth([{ liveVas: 1e3, nsPerRequest: 100 }, { liveVas: 1e4, nsPerRequest: 299 }]).ok).toBe(true);
    expect(logGrowth([{ liveVas: 1e3, nsPerRequest: 100 }, { liveVas: 1e4, nsPerRequest: 500 }], 6).ok).toBe(true);
  });

  it('accepts cost that falls (cache effects at small sizes) and a single size', () => {
    expect(logGrowth([{ liveVas: 1e3, nsPerRequest: 900 }, { liveVas: 1e4, nsPerRequest: 800 }]).ok).toBe(true);
    expect(logGrowth([{ liveVas: 1e3, nsPerRequest: 900 }])).toEqual({ steps: [], maxRatio: 0, bound: 3, ok: true });
  });

  it('refuses sizes out of order, a size of 1 and non-positive timings', () => {
    expect(() => logGrowth([{ liveVas: 1e4, nsPerRequest: 1 }, { liveVas: 1e3, nsPerRequest: 1 }])).toThrow(RangeError);
    expect(() => logGrowth([{ liveVas: 1, nsPerRequest: 1 }, { liveVas: 10, nsPerRequest: 1 }])).toThrow(RangeError);
    expect(() => logGrowth([{ liveVas: 10, nsPerRequest: 0 }, { liveVas: 100, nsPerRequest: 1 }])).toThrow(RangeError);
  });
});

describe('small number helpers', () => {
  it('ratio and perSecond never give Infinity or NaN', () => {
    expect(ratio(300, 100)).toBe(3);
    expect(ratio(null, 100)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
    expect(perSecond(5000, 2000)).toBe(2500);
    expect(perSecond(5000, 0)).toBe(0);
  });

  it('phaseShares adds the unaccounted time as "other" and shares sum to 1', () => {
    const shares = phaseShares([{ name: 'port', ms: 30 }, { name: 'model', ms: 50 }], 100);
    expect(shares.map((p) => [p.name, p.ms, p.share])).toEqual([
      ['port', 30, 0.3],
      ['model', 50, 0.5],
      ['other', 20, 0.2],
    ]);
    const over = phaseShares([{ name: 'a', ms: 120 }], 100);
    expect(over.at(-1)).toEqual({ name: 'other', ms: 0, share: 0 });
    expect(over[0]!.share).toBe(1);
    expect(phaseShares([], 0)).toEqual([{ name: 'other', ms: 0, share: 0 }]);
  });

  it('fmt groups thousands and prints a dash for missing numbers', () => {
    expect(fmt(1234567.891)).toBe('1,234,568');
    expect(fmt(2.345, 2)).toBe('2.35');
    expect(fmt(null)).toBe('—');
    expect(fmt(Number.NaN)).toBe('—');
  });
});

const mutant = (id: string, status: string, line = 1): StrykerMutant => ({
  id,
  mutatorName: 'ConditionalExpression',
  replacement: 'true',
  status,
  location: { start: { line, column: 1 }, end: { line, column: 5 } },
});

const STRYKER = {
  schemaVersion: '2',
  thresholds: { high: 80, low: 60 },
  files: {
    'src/b.ts': { language: 'typescript', source: '', mutants: [mutant('1', 'Killed'), mutant('2', 'Survived'), mutant('3', 'Timeout'), mutant('4', 'NoCoverage')] },
    'src/a.ts': { language: 'typescript', source: '', mutants: [mutant('5', 'Killed'), mutant('6', 'CompileError'), mutant('7', 'Ignored')] },
    'src/c.ts': { language: 'typescript', source: '', mutants: [mutant('8', 'CompileError')] },
  },
};

describe('mutation score from a Stryker JSON report', () => {
  it('counts killed and timed-out as detected, survived and no-coverage as not, and leaves invalid ones out', () => {
    const score = mutationScoreOf(STRYKER, 'x.json');
    expect(score).toMatchObject({ report: 'x.json', killed: 2, timeout: 1, survived: 1, noCoverage: 1, invalid: 2, score: 60 });
    expect(Object.keys(score.perFile)).toEqual(['src/a.ts', 'src/b.ts', 'src/c.ts']);
    expect(score.perFile['src/a.ts']).toEqual({ killed: 1, timeout: 0, survived: 0, noCoverage: 0, invalid: 1, score: 100 });
    expect(score.perFile['src/b.ts']!.score).toBe(50);
    expect(score.perFile['src/c.ts']!.score).toBeNull();
  });

  it('refuses what is not a Stryker report', () => {
    expect(() => mutationScoreOf({}, 'x.json')).toThrow(/not a Stryker JSON report/);
    expect(() => mutationScoreOf({ files: { 'a.ts': {} } }, 'x.json')).toThrow(/no mutants for a.ts/);
  });

  it('reads the report when present and says so when not', () => {
    const path = join(dir, 'mutation.json');
    expect(readMutationScore(path)).toEqual({ mutationScore: null, mutationNote: `no Stryker report at ${path}: run \`npm run mutation\`` });
    writeFileSync(path, JSON.stringify(STRYKER));
    expect(readMutationScore(path).mutationScore?.score).toBe(60);
    expect(readMutationScore(path).mutationNote).toBe(`from ${path}`);
  });

  it('summarises a seeded-bug report as found/total when it lists bugs with `found`', () => {
    expect(seededBugsSummary(null)).toBe('—');
    expect(seededBugsSummary([{ found: true }, { found: false }, { found: true }])).toBe('2/3 found');
    expect(seededBugsSummary({ other: 'shape' })).toBe('present');
    expect(seededBugsSummary([])).toBe('present');
  });

  it('passes the seeded-bug report through untouched, or null', () => {
    const path = join(dir, 'seeded-bugs.json');
    expect(readSeededBugs(path).seededBugs).toBeNull();
    writeFileSync(path, JSON.stringify([{ name: 'bug', found: true }]));
    expect(readSeededBugs(path)).toEqual({ seededBugs: [{ name: 'bug', found: true }], seededBugsNote: `from ${path}` });
  });
});

const phases = (total: number) => phaseShares([{ name: 'port execute', ms: total / 4 }], total);

/** A report with fake numbers, every section filled. */
function fakeReport(): BenchReport {
  const points = [
    { liveVas: 1e3, buildMs: 1, requests: 21000, nsPerRequest: 4000, opsPerRequest: 2.7 },
    { liveVas: 1e4, buildMs: 10, requests: 21000, nsPerRequest: 4800, opsPerRequest: 2.7 },
  ];
  return {
    schema: BENCH_SCHEMA,
    createdAt: '2026-01-01T00:00:00.000Z',
    elapsedSeconds: 100,
    machine: { cpus: 2, model: 'Fake CPU', node: 'v20.0.0', platform: 'linux', peakRssMb: 900 },
    tsRequestsPerSec: 100_000,
    cRequestsPerSec: 1_000_000,
    checkedRequestsPerSec: 20_000,
    ...checkedGoal({ requests: 400_000, ms: [400, 500, 450] }, { requests: 60_000, ms: [3000, 3100, 3300] }),
    backends: {
      traces: 20,
      requestsPerTrace: 20000,
      requests: 400000,
      rounds: 3,
      tsSeconds: 4,
      tsRoundSeconds: [4.5, 4, 4.2],
      tsRequestsPerSec: 100_000,
      cSeconds: 0.4,
      cRoundSeconds: [0.4, 0.5, 0.45],
      cRequestsPerSec: 1_000_000,
      cOverTs: 10,
      identicalTranscripts: 20,
      cError: null,
      peakRssMb: 300,
    },
    checked: {
      walk: { walks: 3, requests: 60000, fullCheckEvery: 1000, rounds: 3, seconds: 3, roundSeconds: [3, 3.1, 3.3], requestsPerSec: 20_000, maxLiveVas: 5000 },
      property: { sequences: 300, requests: 3000, seconds: 1, requestsPerSec: 3000 },
      variants: { portAloneRequestsPerSec: 90_000, modelAloneRequestsPerSec: 60_000 },
      profiles: {
        walk: { requests: 60000, totalMs: 3000, harnessMs: 2900, phases: phases(3000) },
        property: { requests: 3000, totalMs: 1000, harnessMs: 990, phases: phases(1000) },
      },
      peakRssMb: 400,
    },
    scaling: { points, growth: logGrowth(points), peakRssMb: 900 },
    mutationScore: mutationScoreOf(STRYKER, 'reports/mutation/mutation.json'),
    mutationNote: 'from reports/mutation/mutation.json',
    seededBugs: null,
    seededBugsNote: 'no reports/bench/seeded-bugs.json: run `npm run bench:bugs`',
  };
}

describe('bench.json', () => {
  it('is written atomically as two-space JSON with a trailing newline and reads back equal', () => {
    const report = fakeReport();
    const path = writeBenchReport(join(dir, 'out'), report);
    expect(path).toBe(join(dir, 'out', 'bench.json'));
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(benchJson(report));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe(`  "schema": "${BENCH_SCHEMA}",`);
    expect(JSON.parse(text)).toEqual(report);
  });

  it('has the headline numbers at the top level, nulls kept for what was not measured', () => {
    const report = { ...fakeReport(), cRequestsPerSec: null, mutationScore: null };
    const json = JSON.parse(benchJson(report)) as Record<string, unknown>;
    for (const key of ['tsRequestsPerSec', 'cRequestsPerSec', 'checkedRequestsPerSec', 'scaling', 'mutationScore', 'seededBugs', 'machine']) {
      expect(json).toHaveProperty(key);
    }
    expect(json.cRequestsPerSec).toBeNull();
    expect(json.mutationScore).toBeNull();
    expect(json.machine).toEqual({ cpus: 2, model: 'Fake CPU', node: 'v20.0.0', platform: 'linux', peakRssMb: 900 });
  });
});

describe('the checked goal', () => {
  it('compares raw C with checked walks against the 5× goal, and has no verdict without C', () => {
    expect(CHECKED_GOAL).toBe(5);
    // C 500k/s in both rounds; checked 100k/s then 50k/s: ratios 5 and 10, median 7.5.
    expect(checkedGoal({ requests: 500_000, ms: [1000, 1000] }, { requests: 100_000, ms: [1000, 2000] })).toEqual({
      cOverChecked: 7.5,
      cOverCheckedRounds: [5, 10],
      checkedWithinGoal: false,
    });
    expect(checkedGoal({ requests: 500_000, ms: [1000, 900, 1100] }, { requests: 100_000, ms: [1000, 900, 5000] }).cOverChecked).toBeCloseTo(5);
    expect(checkedGoal({ requests: 500_000, ms: [1000, 900, 1100] }, { requests: 100_000, ms: [1000, 900, 5000] }).checkedWithinGoal).toBe(true);
    // C out: no ratio, no verdict (a failed C pass leaves fewer C rounds than checked rounds).
    expect(checkedGoal({ requests: 500_000, ms: [] }, { requests: 100_000, ms: [1000] })).toEqual({ cOverChecked: null, cOverCheckedRounds: [], checkedWithinGoal: null });
  });

  it('takes the median of an odd or even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('the printed table', () => {
  it('shows throughput with peak memory, the phases, the scaling steps and the per-file score', () => {
    const table = formatBenchTable(fakeReport());
    expect(table).toContain('2 × Fake CPU, node v20.0.0');
    expect(table).toMatch(/ts backend \(20 walks × 20,000\)\s+400,000\s+100,000/);
    expect(table).toMatch(/c backend \(same traces, batched\)\s+400,000\s+1,000,000\s+300 MB/);
    expect(table).toContain('C / TS = 10.00×; identical transcripts: 20/20');
    expect(table).toMatch(/C \/ checked walk = \d+\.\d\d× \(median of rounds: [\d., ]+; goal ≤ 5×: NOT met\)/);
    expect(table).toContain('fastest of 3 timed round(s)');
    expect(table).toMatch(/port execute\s+750\s+25\.0%\s+250\s+25\.0%/);
    expect(table).toMatch(/10,000\s+10\s+4,800\s+1\.20\s+1\.33/);
    expect(table).toContain('growth OK: largest step 1.20×');
    expect(table).toContain('mutation score: 60.0%');
    expect(table).toMatch(/src\/b\.ts\s+50\.0%\s+1\s+1\s+1\s+1\s+0/);
    expect(table).toContain('seeded bugs: — (no reports/bench/seeded-bugs.json');
  });

  it('says why C or the mutation score is missing', () => {
    const base = fakeReport();
    const table = formatBenchTable({
      ...base,
      backends: { ...base.backends, cRequestsPerSec: null, cOverTs: null, identicalTranscripts: null, cError: 'NativeBuildError: no gcc' },
      mutationScore: null,
      mutationNote: 'no Stryker report at x: run `npm run mutation`',
    });
    expect(table).toContain('C backend: not measured (NativeBuildError: no gcc)');
    expect(table).toContain('mutation score: — (no Stryker report at x: run `npm run mutation`)');
  });
});

describe('bench arguments', () => {
  it('defaults to the full run into reports/bench, with C', () => {
    const options: BenchOptions = parseBenchArgs([]);
    expect(options).toMatchObject({ ...FULL, out: 'reports/bench', withC: true, seededBugsReport: 'reports/bench/seeded-bugs.json', mutationReport: 'reports/mutation/mutation.json' });
    expect(FULL.scaling.sizes).toEqual([1e3, 1e4, 1e5, 1e6]);
  });

  it('takes --quick, --no-c and --out, and refuses anything else', () => {
    expect(parseBenchArgs(['--quick', '--no-c', '--out', 'x'])).toMatchObject({ ...QUICK, out: 'x', withC: false });
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument '--fast'/);
    expect(() => parseBenchArgs(['--out'])).toThrow(/usage/);
  });
});

describe('the scaling cycle', () => {
  it('splits or merges on every request and leaves the VA space exactly as it found it', () => {
    const space = buildSpace(6);
    const before = spaceFingerprint(space);
    const ops = cycleRequests(2).map((req) => runCycleRequest(space, req));
    expect(ops).toEqual([2, 4, 1, 3, 3, 3, 3]);
    expect(spaceFingerprint(space)).toEqual(before);
    runCycles(space, 50, 'spec');
    expect(spaceFingerprint(space)).toEqual(before);
    expect(space.gpuvm.kernel.slab.live).toBe(0);
    expect(space.warnings).toEqual([]);
    expect(() => space.gpuvm.rb.tree.checkValid()).not.toThrow();
  });

  it('refuses a space too small for a cycle', () => {
    expect(() => buildSpace(1)).toThrow(RangeError);
  });
});

describe('the mutation run configuration', () => {
  it('runs the fast specs only: no C backend, no campaign', () => {
    expect(MUTATION_SPECS.some((glob) => glob.includes('backends') || glob.includes('fuzz') || glob.includes('differential'))).toBe(false);
  });
});
