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
 *    seconds from the campaign's start to its first new finding.
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
import { DEFAULT_C_SOURCE } from '../src/backends/c/cTarget.ts';
import { parseDuration } from '../src/cli/duration.ts';
import { applyPatch } from './seededBugs/applyPatch.ts';
import { BUGS_DIR } from './seededBugs.ts';
import type { GuidedBench, ModeRun } from './guided/render.ts';
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

/** Runs one campaign through the CLI and returns its report. */
function campaign(mode: (typeof MODES)[number], cSource: string, ms: number, name: string): Promise<CampaignReport> {
  const out = join(work, `${name}-${mode}`);
  const args = ['bin/gpuvm-check.mjs', 'fuzz', '--backend', 'c', '--c-source', cSource, '--workers', '1', '--duration', `${ms / 1000}s`, '--seed', String(seed), '--out', out];
  if (mode === 'blind') args.push('--no-guided');
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== 1) reject(new Error(`fuzz ${args.join(' ')} exited ${code}`));
      else resolve(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as CampaignReport);
    }),
  );
}

/** Both modes side by side. */
async function both(cSource: string, ms: number, name: string): Promise<Record<(typeof MODES)[number], CampaignReport>> {
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

/** Seconds from the campaign's start to its first new finding, or null. */
function secondsToDetect(r: CampaignReport): { seconds: number | null; signature: string | null } {
  const fresh = r.findings.filter((f) => f.known === null).sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt))[0];
  if (!fresh) return { seconds: null, signature: null };
  return { seconds: Math.round((Date.parse(fresh.firstSeenAt) - Date.parse(r.startedAt)) / 100) / 10, signature: fresh.signature };
}

const started = Date.now();
await buildDriver({ cSource: DEFAULT_C_SOURCE, instrument: 'edges' });
console.log(`edges: guided and blind side by side, ${durationMs / 1000} s each, seed ${seed}`);
const coverage = await both(DEFAULT_C_SOURCE, durationMs, 'edges');
const seedText = readFileSync(DEFAULT_C_SOURCE, 'utf8');
const bugs: GuidedBench['bugs'][number][] = [];
for (const patch of readdirSync(BUGS_DIR).filter((n) => n.endsWith('.patch') && bugIds.some((id) => n.startsWith(id.padStart(2, '0'))))) {
  const cSource = join(work, patch.replace('.patch', '.c'));
  writeFileSync(cSource, applyPatch(seedText, readFileSync(join(BUGS_DIR, patch), 'utf8'), patch).text);
  await buildDriver({ cSource, instrument: 'edges' }); // not part of the campaigns' time
  console.log(`${patch}: guided and blind side by side, ${bugMs / 1000} s each`);
  const runs = await both(cSource, bugMs, patch.replace('.patch', ''));
  bugs.push({ bug: patch.replace('.patch', ''), guided: secondsToDetect(runs.guided), blind: secondsToDetect(runs.blind) });
}

const result: GuidedBench = {
  command: `npm run bench:guided -- --duration ${durationMs / 1000}s --seed ${seed} --bug-duration ${bugMs / 1000}s --bugs ${bugIds.join(',')}`,
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
