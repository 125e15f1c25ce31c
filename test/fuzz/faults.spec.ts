/**
 * kill -9 at random moments (during jobs, while a finding is being minimized, whenever the
 * state happens to be written), then --resume: nothing detected is lost, no file is corrupt,
 * and the statistics stay consistent (no job counted twice, requests = the sum of their kinds).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignReport } from '../../fuzz/report.ts';
import type { CampaignState } from '../../fuzz/state.ts';
import type { StoredFinding } from '../../fuzz/types.ts';
import { buildDriver } from '../../src/backends/c/build.ts';
import { parseTrace } from '../../src/trace/parse.ts';
import { seedExists } from '../backends/c/seed.ts';
import { seededBugSource } from './__helpers__/seededBug.ts';

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Everything on disk, checked to be whole: the state and every finding with a parseable trace. */
function snapshot(dir: string): { state: CampaignState; findings: Map<string, StoredFinding> } {
  const state = readJson<CampaignState>(join(dir, 'state.json'));
  const findings = new Map<string, StoredFinding>();
  for (const name of readdirSync(join(dir, 'findings')).filter((n) => !n.startsWith('.'))) {
    const finding = readJson<StoredFinding>(join(dir, 'findings', name, 'finding.json'));
    expect(finding.signature).toBe(name);
    const trace = readFileSync(join(dir, 'findings', name, 'repro.trace'), 'utf8');
    expect(parseTrace(trace).length, name).toBe(finding.requests);
    findings.set(name, finding);
  }
  return { state, findings };
}

/** Starts a campaign and kills it with SIGKILL once `when` says so (polled), or after `maxMs`. */
async function killWhen(args: string[], when: (elapsedMs: number) => boolean, maxMs = 60_000): Promise<void> {
  const child = spawn('node', ['bin/gpuvm-check.mjs', 'fuzz', ...args], { stdio: 'ignore' });
  const started = Date.now();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (when(Date.now() - started) || Date.now() - started > maxMs) {
        clearInterval(poll);
        child.kill('SIGKILL');
        resolve();
      }
    }, 25);
  });
  await exited;
}

function expectNothingLost(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>): void {
  for (const [signature, f] of before.findings) {
    const now = after.findings.get(signature);
    if (now) {
      expect(now.requests, signature).toBeLessThanOrEqual(f.requests);
      if (!f.partial) expect(now, signature).toEqual(f);
    } else {
      // Only a partial known finding may move: its minimal trace names fewer registered findings.
      expect(f.partial && after.state.retired.includes(signature), signature).toBe(true);
    }
  }
  expect(after.state.jobsDone).toBeGreaterThanOrEqual(before.state.jobsDone);
}

function expectConsistent(dir: string): void {
  const report = readJson<CampaignReport>(join(dir, 'report.json'));
  const state = readJson<CampaignState>(join(dir, 'state.json'));
  // Every done job counted once: the done ordinals are exactly jobsDone many.
  expect(state.lowWater + state.doneAbove.length).toBe(state.jobsDone);
  expect(report.jobsDone).toBe(state.jobsDone);
  expect(Object.values(report.stats.byKind).reduce((a, b) => a + b, 0)).toBe(report.stats.requests);
  expect(report.findings.map((f) => f.signature).sort()).toEqual([...snapshot(dir).findings.keys()].sort());
}

describe.skipIf(!seedExists)('kill -9, then --resume', () => {
  let cSource = '';
  beforeAll(async () => {
    cSource = seededBugSource('13-map-loop-break-instead-of-continue.patch');
    await buildDriver({ cSource });
  }, 120_000);

  it('at random moments and while a finding is minimized: nothing lost, nothing corrupt, statistics consistent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpuvm-faults-'));
    const common = ['--workers', '2', '--max-requests', '4000', '--minimize-budget', '60s'];
    const rng = seedrandom('faults');
    // While minimizing: killed the moment a finding is on disk not yet minimal (shard 5/5 runs
    // walks only, whose streamed comparison with the buggy C finds it early).
    await killWhen(['--backend', 'both', '--c-source', cSource, '--seed', '11', '--shard', '5/5', '--duration', '5m', '--out', dir, ...common], () => {
      const findings = join(dir, 'findings');
      if (!existsSync(findings)) return false;
      return readdirSync(findings).some((n) => !n.startsWith('.') && existsSync(join(findings, n, 'finding.json')) && readJson<StoredFinding>(join(findings, n, 'finding.json')).partial === true);
    });
    let before = snapshot(dir);
    expect([...before.findings.values()].some((f) => f.partial)).toBe(true);
    // At random moments: during jobs, minimizations and state writes alike.
    for (let round = 0; round < 3; round++) {
      const at = 1500 + Math.floor(rng() * 4000);
      await killWhen(['--resume', dir, '--duration', '5m', ...common], (ms) => ms >= at);
      const after = snapshot(dir);
      expectNothingLost(before, after);
      before = after;
    }
    const end = spawn('node', ['bin/gpuvm-check.mjs', 'fuzz', '--resume', dir, '--duration', '3s', ...common], { stdio: 'ignore' });
    const code = await new Promise((resolve) => end.once('exit', resolve));
    expect(code).toBe(1);
    const final = snapshot(dir);
    expectNothingLost(before, final);
    expectConsistent(dir);
    expect([...final.findings.values()].filter((f) => f.partial)).toEqual([]);
    expect([...final.findings.values()].some((f) => (f.backend === 'c' || f.class === 'divergence') && f.known === null)).toBe(true);
  }, 240_000);
});
