/**
 * Fan-out on a job runner (FUZZING.md, "Past one machine"): N shard processes of one seed, merged
 * with `report merge`, give the same campaign as one process running the same jobs: the same
 * jobs, the same requests, the same findings (signature and registered id), each first met by
 * the same job. The TS backend's faithful port meets registered findings within a few jobs, so
 * the comparison has findings to compare.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Report {
  jobsDone: number;
  shards: string[];
  stats: { requests: number };
  findings: { signature: string; known: string | null; firstSeenJob: number }[];
}

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', ['bin/gpuvm-check.mjs', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const readReport = (dir: string): Report => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;

/** The first job that met each signature, as `signature known job`. */
function firstSightings(reports: readonly Report[]): string[] {
  const first = new Map<string, { known: string | null; job: number }>();
  for (const f of reports.flatMap((r) => r.findings)) {
    const kept = first.get(f.signature);
    if (!kept || f.firstSeenJob < kept.job) first.set(f.signature, { known: f.known, job: f.firstSeenJob });
  }
  return [...first].map(([sig, { known, job }]) => `${sig} ${known} ${job}`).sort();
}

describe('N shards merged equal one campaign of the same seed and jobs', () => {
  it('3 shard processes of 2 jobs each, merged, are the single 6-job campaign', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gpuvm-shards-'));
    const common = ['fuzz', '--backend', 'ts', '--workers', '1', '--seed', '7', '--max-requests', '1000', '--runs-per-job', '10'];
    const shards = [1, 2, 3].map((i) => join(root, `shard${i}`));
    const runs = await Promise.all([
      cli([...common, '--jobs', '6', '--out', join(root, 'single')]),
      ...shards.map((dir, i) => cli([...common, '--shard', `${i + 1}/3`, '--jobs', '2', '--out', dir])),
    ]);
    // Exit 0: every finding here is a registered one, so no run may call one new.
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const merged = await cli(['report', 'merge', '--out', join(root, 'merged'), ...shards]);
    expect(merged.code, merged.stderr).toBe(0);

    const single = readReport(join(root, 'single'));
    const union = readReport(join(root, 'merged'));
    expect(union.shards).toEqual(['1/3', '2/3', '3/3']);
    expect(union.jobsDone).toBe(single.jobsDone);
    expect(union.stats.requests).toBe(single.stats.requests);
    expect(single.findings.length).toBeGreaterThan(0);
    const ids = (r: Report) => r.findings.map((f) => `${f.signature} ${f.known}`).sort();
    expect(ids(union)).toEqual(ids(single));
    expect(firstSightings(shards.map(readReport))).toEqual(firstSightings([single]));
  }, 180_000);
});
