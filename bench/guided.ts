/**
 * `npm run bench:guided [-- --duration 60s --seed S --bug-duration 15s --bugs 14,15,22,23]`:
 * coverage-guided against blind generation in one run. Each comparison runs two campaigns
 * side by side on the same C code with the same seed, one worker each, through the CLI
 * (`fuzz --backend c --workers 1`), the blind one with `--no-guided`: both get the same wall
 * clock and share the machine's load alike.
 *
 * 1. Edges of the seed's `drm_gpuvm.c` reached over time (the report's samples, every 2 s).
 * 2. Time to detect a few seeded bugs of bench/bugs/ (those that need a request at a boundary
 *    — the reserved node's end, the window's end, 2^64 — and bug 23, the hardest of the set):
 *    seconds from the campaign's start to its first new finding whose trace the patched C code
 *    runs differently from the seed (a new finding the seed shows too is not the bug's); and
 *    on the seed itself, the first new finding at all (one not in FINDINGS.md).
 *
 * Walks are cut to WALK_REQUESTS requests (`--max-requests`): the modes differ in their short
 * jobs only, and a 100,000-request walk would hold the single worker for half a minute.
 *
 * Writes reports/bench/guided.json and reports/bench/guided.md. A measurement, not a test:
 * timings on a shared machine are noisy.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CampaignReport } from '../fuzz/report.ts';
import { buildDriver } from '../src/backends/c/build.ts';
import { createCBackend } from '../src/backends/c/cBackend.ts';
import { DEFAULT_C_SOURCE } from '../src/backends/c/cTarget.ts';
import { parseDuration } from '../src/cli/duration.ts';
import { applyPatch } from './seededBugs/applyPatch.ts';
import { BUGS_DIR } from './seededBugs.ts';
import type { Detection, GuidedBench, ModeRun } from './guided/render.ts';
import { renderGuidedBench, MODES } from './guided/render.ts';

const { values } = parseArgs({
  options: { duration: { type: 'string' }, seed: { type: 'string' }, 'bug-duration': { type: 'string' }, bugs: { type: 'string' }, out: { type: 'string' } },
});
const durationMs = parseDuration('duration', values.duration ?? '60s');
const bugMs = parseDuration('bug-duration', values['bug-duration'] ?? '15s');
const seed = Number(values.seed ?? 1);
const bugIds = (values.bugs ?? '14,15,22,23').split(',');
const outDir = values.out ?? join('reports', 'bench');
const work = mkdtempSync(join(tmpdir(), 'gpuvm-bench-guided-'));

/** Walk length of the bench's campaigns. */
const WALK_REQUESTS = 5000;

/** Runs one campaign through the CLI and returns its report. */
function campaign(mode: (typeof MODES)[number], cSource: string, ms: number, name: string): Promise<CampaignReport & { dir: string }> {
  const out = join(work, `${name}-${mode}`);
  const args = ['bin/gpuvm-check.mjs', 'fuzz', '--backend', 'c', '--c-source', cSource, '--workers', '1', '--duration', `${ms / 1000}s`, '--seed', String(seed)];
  args.push('--max-requests', String(WALK_REQUESTS), '--out', out);
  if (mode === 'blind') args.push('--no-guided');
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`fuzz ${args.join(' ')} exited ${code}`));
      else resolve({ ...(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as CampaignReport), dir: out });
    }),
  );
}

/** Both modes side by side. */
async function both(cSource: string, ms: number, name: string): Promise<Record<(typeof MODES)[number], CampaignReport & { dir: string }>> {
  const [guided, blind] = await Promise.all(MODES.map((m) => campaign(m, cSource, ms, name)));
  return { guided: guided!, blind: blind! };
}

const modeRun = (r: CampaignReport): ModeRun => ({
  edges: r.edges?.reached ?? 0,
  series: r.throughput.filter((s) => s.edges !== undefined).map((s) => ({ t: s.t, edges: s.edges! })),
  jobs: r.jobsDone,
  requests: r.stats.requests,
  corpusEntries: r.edges?.corpusEntries ?? 0,
});

/**
 * Seconds from the campaign's start to its first new finding that `isBug` accepts (given the
 * finding's trace), or null.
 */
async function secondsToDetect(r: CampaignReport & { dir: string }, isBug: (trace: string) => Promise<boolean>): Promise<Detection> {
  for (const f of r.findings.filter((x) => x.known === null).sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt))) {
    if (!(await isBug(readFileSync(join(r.dir, 'findings', f.signature, 'repro.trace'), 'utf8')))) continue;
    return { seconds: Math.round((Date.parse(f.firstSeenAt) - Date.parse(r.startedAt)) / 100) / 10, signature: f.signature };
  }
  return { seconds: null, signature: null };
}

const started = Date.now();
await buildDriver({ cSource: DEFAULT_C_SOURCE, instrument: 'edges' });
console.log(`edges: guided and blind side by side, ${durationMs / 1000} s each, seed ${seed}`);
const coverage = await both(DEFAULT_C_SOURCE, durationMs, 'edges');
const seedText = readFileSync(DEFAULT_C_SOURCE, 'utf8');
const anyNew = async (): Promise<boolean> => true;
const bugs: GuidedBench['bugs'][number][] = [
  { bug: 'seed (no patch): first new finding', guided: await secondsToDetect(coverage.guided, anyNew), blind: await secondsToDetect(coverage.blind, anyNew) },
];
const seedC = await createCBackend({ cSource: DEFAULT_C_SOURCE });
for (const patch of readdirSync(BUGS_DIR).filter((n) => n.endsWith('.patch') && bugIds.some((id) => n.startsWith(id.padStart(2, '0'))))) {
  const cSource = join(work, patch.replace('.patch', '.c'));
  writeFileSync(cSource, applyPatch(seedText, readFileSync(join(BUGS_DIR, patch), 'utf8'), patch).text);
  await buildDriver({ cSource, instrument: 'edges' }); // not part of the campaigns' time
  console.log(`${patch}: guided and blind side by side, ${bugMs / 1000} s each`);
  const runs = await both(cSource, bugMs, patch.replace('.patch', ''));
  const patched = await createCBackend({ cSource });
  const differs = async (trace: string): Promise<boolean> => {
    const [[a], [b]] = await Promise.all([seedC.runTraces([trace]), patched.runTraces([trace])]);
    return JSON.stringify(a) !== JSON.stringify(b);
  };
  bugs.push({ bug: patch.replace('.patch', ''), guided: await secondsToDetect(runs.guided, differs), blind: await secondsToDetect(runs.blind, differs) });
  await patched.close();
}
await seedC.close();

const result: GuidedBench = {
  command: `npm run bench:guided -- --duration ${durationMs / 1000}s --seed ${seed} --bug-duration ${bugMs / 1000}s --bugs ${bugIds.join(',')}`,
  walkRequests: WALK_REQUESTS,
  date: new Date().toISOString(),
  seed,
  durationSeconds: durationMs / 1000,
  bugDurationSeconds: bugMs / 1000,
  wallSeconds: Math.round((Date.now() - started) / 1000),
  machine: { cpus: cpus().length, loadAverage: Math.round(loadavg()[0]! * 10) / 10 },
  edges: { guided: modeRun(coverage.guided), blind: modeRun(coverage.blind) },
  bugs,
};
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'guided.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(join(outDir, 'guided.md'), renderGuidedBench(result));
console.log(renderGuidedBench(result));
