import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRange, main, MUTANTS_DEFAULTS, parseMutantsArgs, reportedCommand, selectMutants, withoutPaths } from '../../bench/cMutants.ts';
import { REPO_ROOT } from '../../src/backends/c/paths.ts';
import { REPORT_DIR } from '../../bench/seededBugs.ts';
import { generateMutants } from '../../bench/cmutants/generate.ts';
import { CLEAN_ROOM_HEADER } from '../../src/backends/c/cTarget.ts';
import { SEED_PATH, seedExists } from './../backends/c/seed.ts';

describe('parseMutantsArgs', () => {
  it('has the defaults of the issue (60 s budget, one job) and parses every flag', () => {
    const d = parseMutantsArgs([]);
    expect(d).toMatchObject({ sample: null, jobs: 1, only: [], fresh: false, list: false, sources: false, out: REPORT_DIR });
    expect(parseMutantsArgs(['--sources']).sources).toBe(true);
    expect(d.cFlags).toEqual({ 'kernel-tree': undefined, 'c-source': undefined, 'c-header': undefined });
    expect(parseMutantsArgs(['--kernel-tree', '/k']).cFlags['kernel-tree']).toBe('/k');
    expect(parseMutantsArgs(['--c-source', 'a.c', '--c-header', 'a.h']).cFlags).toEqual({ 'kernel-tree': undefined, 'c-source': 'a.c', 'c-header': 'a.h' });
    expect(d.settings).toEqual({ seed: 1, budgetMs: 60_000, graceMs: 30_000, runsPerJob: MUTANTS_DEFAULTS.runsPerJob, walkRequests: MUTANTS_DEFAULTS.walkRequests });
    const a = parseMutantsArgs(['--sample', '60', '--seed', '7', '--budget', '30s', '--jobs', '2', '--only', 'a,b', '--only', 'c', '--fresh']);
    expect(a).toMatchObject({ sample: 60, jobs: 2, only: ['a', 'b', 'c'], fresh: true });
    expect(a.settings).toMatchObject({ seed: 7, budgetMs: 30_000 });
  });

  it('names a bad flag', () => {
    expect(() => parseMutantsArgs(['--sample', '0'])).toThrow("--sample must be an integer of at least 1, got '0'");
    expect(() => parseMutantsArgs(['--jobs', 'two'])).toThrow(/--jobs/);
    expect(() => parseMutantsArgs(['--budget', 'soon'])).toThrow(/budget/);
    expect(() => parseMutantsArgs(['--bogus'])).toThrow(/bogus/);
    expect(() => parseMutantsArgs(['extra'])).toThrow("unexpected argument 'extra'");
  });
});

describe('reportedCommand', () => {
  it('names how the run was measured, never where its reports went', () => {
    expect(reportedCommand(['--sample', '80', '--out', '/tmp/x', '--seed', '7', '--out=/tmp/y'], 'seed')).toBe('npm run bench:mutants -- --sample 80 --seed 7');
    expect(reportedCommand(['--out', '/tmp/x'], 'seed')).toBe('npm run bench:mutants');
  });

  it('names the C source by its label, never by its path', () => {
    expect(reportedCommand(['--kernel-tree', '/work/trees/v7.0', '--sample', '80', '--out', '/tmp/x'], 'v7.0')).toBe('npm run bench:mutants -- --kernel-tree <v7.0 tree> --sample 80');
    expect(reportedCommand(['--c-source=/k/m.c', '--c-header', '/k/m.h'], 'm-0123abcd')).toBe('npm run bench:mutants -- --c-source=<m-0123abcd drm_gpuvm.c> --c-header <m-0123abcd drm_gpuvm.h>');
  });
});

describe('withoutPaths', () => {
  it("names the source and header by the label and drops a mutant's temporary directory and the repository's root", () => {
    const source = { label: 'v7', cSource: '/k/v7/drivers/gpu/drm/drm_gpuvm.c', cHeader: '/k/v7/include/drm/drm_gpuvm.h' };
    expect(withoutPaths('/tmp/gpuvm-cmutant-ror-1_2-0-Ab12/drm_gpuvm.c:3:4: error: expected', source)).toBe('drm_gpuvm.c:3:4: error: expected');
    expect(withoutPaths('with /k/v7/include/drm/drm_gpuvm.h and /k/v7/drivers/gpu/drm/drm_gpuvm.c', source)).toBe('with <v7 drm_gpuvm.h> and <v7 drm_gpuvm.c>');
    expect(withoutPaths(`at ${path.join(REPO_ROOT, 'fuzz', 'job.ts')}:1`, source)).toBe(`at ${path.join('fuzz', 'job.ts')}:1`);
  });
});

describe('loadRange', () => {
  it('spans the load averages recorded with the measurements, older ones without one left out', () => {
    expect(loadRange([3, undefined, 1, 8, 2])).toEqual({ min: 1, median: 2.5, max: 8 });
    expect(loadRange([undefined])).toBeNull();
  });
});

describe('selectMutants', () => {
  const all = generateMutants('int f(int a)\n{\n\tif (a < 1)\n\t\treturn a - 1;\n\treturn a;\n}\n');

  it('takes --only ids in the order given, a seeded sample, or all', () => {
    const base = parseMutantsArgs([]);
    expect(selectMutants(all, base)).toEqual(all);
    expect(selectMutants(all, { ...base, only: ['aor-4:12-0', 'ror-3:8-0'] }).map((m) => m.id)).toEqual(['aor-4:12-0', 'ror-3:8-0']);
    const sample = selectMutants(all, { ...base, sample: 3 });
    expect(sample).toHaveLength(3);
    expect(selectMutants(all, { ...base, sample: 3 })).toEqual(sample);
  });

  it('names an --only id that is not a mutant', () => {
    expect(() => selectMutants(all, { ...parseMutantsArgs([]), only: ['ror-99:1-0'] })).toThrow('--only ror-99:1-0: no such mutant');
  });
});

describe.skipIf(!seedExists)('bench:mutants end to end (one mutant of the seed)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'cmutants-e2e-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  // `end = addr - range` in drm_gpuvm_in_mm_range: every map near the window's end is refused.
  // The sources: no compiled build to make in a test.
  const argv = ['--only', 'aor-628:17-0', '--budget', '20s', '--sources', '--out', out];

  it('kills a mutant that breaks range validation and reports it', async () => {
    expect(await main(argv)).toBe(0);
    const report = JSON.parse(readFileSync(path.join(out, 'c-mutants.json'), 'utf8'));
    expect(report).toMatchObject({ total: 1, compiled: 1, killed: 1, survivors: 0, score: 1, product: 'sources' });
    expect(report.loadAverage.min).toBe(report.loadAverage.max);
    expect(report.mutants[0]).toMatchObject({ id: 'aor-628:17-0', function: 'drm_gpuvm_in_mm_range', status: 'killed', mutated: '\tu64 end = addr - range;' });
    expect(report.mutants[0].signature).toMatch(/-new$/);
    expect(readFileSync(path.join(out, 'c-mutants.md'), 'utf8')).toContain('| aor-628:17-0 | drm_gpuvm_in_mm_range | killed |');
  });

  it('continues from its state: a rerun measures nothing again, other settings are refused', async () => {
    const stateFile = path.join(out, 'c-mutants.state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    state.measured['aor-628:17-0'].signature = 'from-the-state';
    writeFileSync(stateFile, JSON.stringify(state));
    expect(await main(argv)).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'c-mutants.json'), 'utf8')).mutants[0].signature).toBe('from-the-state');
    expect(await main([...argv.slice(0, 2), '--budget', '10s', '--sources', '--out', out])).toBe(2);
    // A run of the compiled CLI is another product: refused too, not mixed into these figures.
    state.settings.product = 'compiled';
    writeFileSync(stateFile, JSON.stringify(state));
    expect(await main(argv)).toBe(2);
  });
});

describe.skipIf(!seedExists)('bench:mutants end to end on another source (a kernel tree holding a copy of the seed)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cmutants-e2e-tree-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tree = path.join(dir, 'copy-tree');
  mkdirSync(path.join(tree, 'drivers', 'gpu', 'drm'), { recursive: true });
  mkdirSync(path.join(tree, 'include', 'drm'), { recursive: true });
  copyFileSync(SEED_PATH, path.join(tree, 'drivers', 'gpu', 'drm', 'drm_gpuvm.c'));
  copyFileSync(CLEAN_ROOM_HEADER, path.join(tree, 'include', 'drm', 'drm_gpuvm.h'));
  const out = path.join(dir, 'out');

  it('checks the unmutated source first, kills the mutant, and keys the reports and state by the tree, without its path', async () => {
    expect(await main(['--kernel-tree', tree, '--only', 'aor-628:17-0', '--budget', '5s', '--sources', '--out', out])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['c-mutants-copy-tree.json', 'c-mutants-copy-tree.md', 'c-mutants-copy-tree.state.json']);
    const text = readFileSync(path.join(out, 'c-mutants-copy-tree.json'), 'utf8');
    expect(text).not.toContain(dir);
    const report = JSON.parse(text);
    expect(report.command).toBe('npm run bench:mutants -- --kernel-tree <copy-tree tree> --only aor-628:17-0 --budget 5s --sources');
    expect(report.source).toMatchObject({ label: 'copy-tree', sha256: createHash('sha256').update(readFileSync(SEED_PATH)).digest('hex'), judged: false, baseline: { status: 'survived' } });
    expect(report.source.era).toMatch(/^v6\.7 era/);
    expect(report).toMatchObject({ total: 1, killed: 1, unreached: 0 });
    // A kernel source other than the seed is never quoted: the change is said in a few words.
    expect(report.mutants[0]).toMatchObject({ id: 'aor-628:17-0', change: '`+` → `-`', original: null, mutated: null });
    const md = readFileSync(path.join(out, 'c-mutants-copy-tree.md'), 'utf8');
    expect(md).not.toContain(dir);
    expect(md).toContain('its survivors are unjudged');
    expect(md).toContain('- baseline: the unmutated source passes the same campaign');
    const state = JSON.parse(readFileSync(path.join(out, 'c-mutants-copy-tree.state.json'), 'utf8'));
    expect(Object.keys(state.measured).sort()).toEqual(['aor-628:17-0', 'baseline']);
  });
});
