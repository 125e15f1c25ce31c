/**
 * Campaigns keep their time promises and never lose or fake a finding: issue 11's stalled
 * campaign (a walk finding a C bug, then minimizing it for minutes and recording a fake hang)
 * as a test, the minimization budget, one minimization per signature, and partial
 * minimizations continued by --resume. Time bounds are generous: "ends within the duration
 * plus the grace (plus start-up)", never a speed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCampaign, STOP_GRACE_MS } from '../../fuzz/campaign.ts';
import type { CampaignReport } from '../../fuzz/report.ts';
import type { StoredFinding } from '../../fuzz/types.ts';
import { buildDriver } from '../../src/backends/c/build.ts';
import { campaignOptions as options, tempDir } from './__helpers__/campaignOptions.ts';
import { seedExists } from '../backends/c/seed.ts';
import { seededBugSource } from './__helpers__/seededBug.ts';


/** Start-up (workers loading, the C build from the cache) and writing the report. */
const STARTUP_MS = 20_000;


/** Runs the CLI; resolves with its exit code, output and wall time. */
function cli(args: string[]): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn('node', ['bin/gpuvm-check.mjs', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr, ms: Date.now() - started })));
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function storedFindings(dir: string): StoredFinding[] {
  return readdirSync(join(dir, 'findings'))
    .filter((n) => !n.startsWith('.'))
    .map((n) => readJson<StoredFinding>(join(dir, 'findings', n, 'finding.json')));
}

describe.skipIf(!seedExists)('issue 11: a C bug found by a walk (bench/bugs/13)', () => {
  let cSource = '';
  beforeAll(async () => {
    cSource = seededBugSource('13-map-loop-break-instead-of-continue.patch');
    await buildDriver({ cSource }); // once, so that the campaigns below time their own work
  }, 120_000);

  it.each([['5/5'], ['1/1']])(
    'shard %s: ends within duration + grace, exit 1, the real finding minimized on disk, no hang',
    async (shard) => {
      const dir = tempDir();
      const durationMs = 15_000;
      const run = await cli(['fuzz', '--backend', 'c', '--c-source', cSource, '--shard', shard, '--duration', '15s', '--seed', '1', '--workers', '2', '--out', dir]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.ms).toBeLessThan(durationMs + STOP_GRACE_MS + STARTUP_MS);
      const findings = storedFindings(dir);
      expect(findings.filter((f) => f.class === 'hang'), run.stderr).toEqual([]);
      // The C bug, as the invariant it breaks (or a difference where the contract does not decide).
      const real = findings.filter((f) => (f.backend === 'c' || f.class === 'divergence') && f.known === null);
      expect(real.length, run.stderr).toBeGreaterThan(0);
      for (const f of real) {
        expect(f.partial, f.signature).toBe(false);
        expect(f.requests).toBeLessThanOrEqual(8);
        const trace = readFileSync(join(dir, 'findings', f.signature, 'repro.trace'), 'utf8');
        expect(trace.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toHaveLength(f.requests);
      }
      const report = readJson<CampaignReport>(join(dir, 'report.json'));
      expect(report.findings.map((f) => f.signature).sort()).toEqual(findings.map((f) => f.signature).sort());
      expect(report.throughput.every((s) => typeof s.rssMb === 'number' && s.rssMb > 0)).toBe(true);
    },
    120_000,
  );

  it('Ctrl-C ends the campaign within the grace, keeping the finding', async () => {
    const dir = tempDir();
    const child = spawn('node', ['bin/gpuvm-check.mjs', 'fuzz', '--backend', 'c', '--c-source', cSource, '--shard', '5/5', '--duration', '10m', '--seed', '1', '--workers', '2', '--out', dir], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const findings = join(dir, 'findings');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(findings) && readdirSync(findings).some((n) => !n.startsWith('.'))) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    const interrupted = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(Date.now() - interrupted).toBeLessThan(STOP_GRACE_MS + 5_000);
    expect(readJson<CampaignReport>(join(dir, 'report.json')).stoppedBy).toBe('interrupted');
    expect(storedFindings(dir).some((f) => (f.backend === 'c' || f.class === 'divergence') && f.known === null)).toBe(true);
  }, 120_000);
});

describe('minimization in a campaign', () => {
  it('is bounded by --minimize-budget: with none left, findings are stored as detected, marked partial, and --resume finishes them', async () => {
    const dir = tempDir();
    const first = await runCampaign(options({ dir, minimizeBudgetMs: 0 }));
    expect(first.report.findings.length).toBeGreaterThan(0);
    expect(first.report.findings.every((f) => f.partial === true)).toBe(true);
    const raw = new Map(first.report.findings.map((f) => [f.signature, f]));
    const second = await runCampaign(options({ dir, resume: true, maxJobs: 0 }));
    expect(second.report.findings.every((f) => f.partial === false)).toBe(true);
    // Each finding is still there, or (a known one whose minimal trace names fewer registered
    // findings) under the signature of the same invariant that its minimal trace has.
    for (const f of raw.values()) {
      const same = second.report.findings.filter((g) => g.signature === f.signature || (g.class === f.class && g.what === f.what));
      expect(same.length, f.signature).toBeGreaterThan(0);
      expect(Math.min(...same.map((g) => g.requests))).toBeLessThanOrEqual(f.requests);
    }
  }, 120_000);

  it('minimizes each signature once, whichever workers detected it', async () => {
    const improved = new Map<string, number>();
    const detected = new Map<string, number>();
    await runCampaign(
      options({
        workers: 2,
        maxJobs: 12,
        onFinding: (f, isImprovement) => {
          const into = isImprovement ? improved : detected;
          into.set(f.signature, (into.get(f.signature) ?? 0) + 1);
        },
      }),
    );
    expect(detected.size).toBeGreaterThan(0);
    for (const [signature, n] of detected) expect(n, signature).toBe(1);
    for (const [signature, n] of improved) expect(n, signature).toBe(1);
  }, 120_000);
});
