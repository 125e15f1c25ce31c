/**
 * `fuzz --job K --seed S`: a campaign records, for each finding, the command that reruns the job
 * that found it; that command, run, detects the same finding signature again and exits 1, and a
 * job that finds nothing exits 0.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CampaignReport } from '../../fuzz/report.ts';
import { cli } from './__helpers__/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'gpuvm-job-'));
const campaign = join(root, 'campaign');
let report: CampaignReport;

beforeAll(async () => {
  const r = await cli(['fuzz', '--backend', 'ts', '--workers', '1', '--seed', '3', '--jobs', '3', '--max-requests', '50', '--runs-per-job', '5', '--out', campaign]);
  expect(r.code).toBeLessThan(2);
  report = JSON.parse(readFileSync(join(campaign, 'report.json'), 'utf8')) as CampaignReport;
}, 120_000);

/** The argv of a recorded `npx gpuvm-check ...` command. */
const argvOf = (command: string): string[] => command.replace(/^npx gpuvm-check /, '').split(' ');

describe('fuzz --job K --seed S', () => {
  it('every finding of the campaign records the command that reruns its job', () => {
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f.rerun).toBe(`npx gpuvm-check fuzz --job ${f.firstSeenJob} --seed 3 --backend ts --max-requests 50 --runs-per-job 5`);
    }
    expect(readFileSync(join(campaign, 'summary.md'), 'utf8')).toContain(report.findings[0]!.rerun!);
  });

  it('the rerun detects the same finding signatures and exits 1', async () => {
    const jobs = new Map(report.findings.map((f) => [f.rerun!, report.findings.filter((g) => g.firstSeenJob === f.firstSeenJob)]));
    for (const [command, found] of jobs) {
      const { code, out } = await cli(argvOf(command));
      expect(code).toBe(1);
      for (const f of found) expect(out).toMatch(new RegExp(`^${f.known ?? 'NEW'} ${f.signature}: ${f.class} ${f.what}`, 'm'));
    }
  }, 120_000);

  it('with --out, the traces of its failures are written there', async () => {
    const f = report.findings[0]!;
    const out = join(root, 'traces');
    const r = await cli([...argvOf(f.rerun!), '--out', out]);
    expect(r.code).toBe(1);
    expect(readdirSync(out)).toContain(`${f.signature}.trace`);
    expect(r.out).toContain(`trace: ${join(out, `${f.signature}.trace`)}`);
  }, 60_000);

  it('a job that finds nothing exits 0', async () => {
    // Job 4 is a walk: on the corrected port, with the faithful port not replayed, nothing is found.
    const { code, out } = await cli(['fuzz', '--job', '4', '--seed', '3', '--backend', 'ts', '--max-requests', '200']);
    expect(out).toBe('job 4 of seed 3: nothing found\n');
    expect(code).toBe(0);
  }, 60_000);
});
