import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../fuzz/campaign.ts';
import { renderJunit } from '../../fuzz/junit.ts';
import { parseXml } from '../__helpers__/xml.ts';
import { mergeReports } from '../../fuzz/merge.ts';
import { brokenSeedCopy } from '../backends/c/brokenSeed.ts';
import { campaignOptions as options, tempDir } from './__helpers__/campaignOptions.ts';
import { seedExists } from '../backends/c/seed.ts';



function findingFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sig of readdirSync(join(dir, 'findings')).filter((n) => !n.startsWith('.'))) {
    out[sig] = readFileSync(join(dir, 'findings', sig, 'repro.trace'), 'utf8');
  }
  return out;
}

const cli = (args: string[]) => spawnSync('node', ['bin/gpuvm-check.mjs', ...args], { encoding: 'utf8' });

describe('fuzz campaigns', () => {
  it('are deterministic for a seed and shard: same stats, same findings, same reproducers', async () => {
    const a = await runCampaign(options({}));
    const b = await runCampaign(options({}));
    expect(a.report.stats).toEqual(b.report.stats);
    expect(a.report.stats.requests).toBeGreaterThan(1000);
    expect(findingFiles(a.dir)).toEqual(findingFiles(b.dir));
    // The faithful port meets registered findings (zero ranges and the like) within a few jobs.
    expect(a.report.findings.length).toBeGreaterThan(0);
    expect(a.report.findings.every((f) => f.known !== null)).toBe(true);
    for (const file of ['report.json', 'summary.md', 'report.html', 'state.json']) expect(existsSync(join(a.dir, file)), file).toBe(true);
  });

  it('shards merge into the whole: stats add up', async () => {
    const one = await runCampaign(options({ shard: { index: 0, count: 2 }, maxJobs: 2 }));
    const two = await runCampaign(options({ shard: { index: 1, count: 2 }, maxJobs: 2 }));
    const merged = mergeReports([one.report, two.report]);
    expect(merged.shards).toEqual(['1/2', '2/2']);
    expect(merged.stats.requests).toBe(one.report.stats.requests + two.report.stats.requests);
    expect(merged.jobsDone).toBe(4);
  });

  it('report findings as JUnit test cases, new ones as failures, each with its stored trace', async () => {
    const { report, dir } = await runCampaign(options({ maxJobs: 2 }));
    const xml = renderJunit({ ...report, findings: [...report.findings, { ...report.findings[0]!, signature: 'x-new', known: null, detail: 'a <b> & c' }] }, dir);
    const findings = parseXml(xml).children[1]!;
    expect(findings.attrs.failures).toBe('1');
    const fresh = findings.children.find((c) => c.attrs.name === 'x-new')!;
    expect(fresh.children.find((c) => c.name === 'failure')!.attrs.message).toContain('a <b> & c');
    for (const known of findings.children.filter((c) => c.attrs.name !== 'x-new')) {
      expect(known.children.map((c) => c.name)).toEqual(['skipped', 'system-out']);
      expect(known.children[1]!.text).toContain(`trace (findings/${known.attrs.name}/repro.trace):\n`);
    }
  });

  it('resume after SIGKILL: no finding lost, the job count goes on', async () => {
    const dir = tempDir();
    const child = spawn('node', ['bin/gpuvm-check.mjs', 'fuzz', '--backend', 'ts', '--workers', '1', '--seed', '99', '--duration', '5m', '--max-requests', '2000', '--out', dir], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const ready = existsSync(join(dir, 'state.json')) && existsSync(join(dir, 'findings')) && readdirSync(join(dir, 'findings')).some((n) => !n.startsWith('.'));
        if (ready || Date.now() - started > 50_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          ready ? resolve() : reject(new Error('no finding before the deadline'));
        }
      }, 200);
    });
    await new Promise((r) => child.once('exit', r));
    const before = findingFiles(dir);
    const stateBefore = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { jobsDone: number };
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const resumed = cli(['fuzz', '--resume', dir, '--jobs', '2', '--workers', '1']);
    expect(resumed.status, resumed.stderr).toBe(0);
    const after = findingFiles(dir);
    const retired = (JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { retired: string[] }).retired;
    for (const [sig, trace] of Object.entries(before)) {
      // A finding stored as detected (not yet minimal) is minimized by the resume; the others stay as they were.
      if (trace.split('\n')[0]!.endsWith('(not yet minimal)')) expect(after[sig] !== undefined || retired.includes(sig), sig).toBe(true);
      else expect(after[sig]).toBe(trace);
    }
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { jobsDone: number; seed: number };
    expect(report.seed).toBe(99);
    expect(report.jobsDone).toBe(stateBefore.jobsDone + 2);
  }, 120_000);

  it('Ctrl-C stops cleanly and still writes the report', async () => {
    const dir = tempDir();
    const child = spawn('node', ['bin/gpuvm-check.mjs', 'fuzz', '--backend', 'ts', '--workers', '1', '--seed', '5', '--duration', '5m', '--max-requests', '2000', '--out', dir], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (existsSync(join(dir, 'state.json'))) {
          clearInterval(poll);
          child.kill('SIGINT');
          resolve();
        } else if (Date.now() - started > 50_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          reject(new Error('the campaign never wrote its state'));
        }
      }, 100);
    });
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect([0, 1]).toContain(code);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { stoppedBy: string; jobsDone: number };
    expect(report.stoppedBy).toBe('interrupted');
    expect(report.jobsDone).toBeGreaterThan(0);
    for (const file of ['summary.md', 'report.html']) expect(existsSync(join(dir, file)), file).toBe(true);
  }, 90_000);

  it.each([
    [['--duration', '5x'], /--duration must be a duration like 30s/],
    [['--shard', '3/2'], /--shard must be i\/N/],
    [['--workers', '0'], /--workers must be an integer from 1/],
    [['--backend', 'rust'], /--backend must be one of ts, c, both/],
    [['--c-source', '/nonexistent/drm_gpuvm.c'], /--c-source: no such file '\/nonexistent\/drm_gpuvm.c'/],
    [['--resume', '/nonexistent/campaign'], /--resume: no such directory '\/nonexistent\/campaign'/],
    [['--seed', '-3'], /fuzz: Option '--seed' argument is ambiguous|--seed must be an integer/],
    [['--frobnicate'], /fuzz: Unknown option '--frobnicate'/],
  ])('refuses bad flags %j with exit 2 and a clear message', (args, message) => {
    const result = cli(['fuzz', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe.skipIf(!seedExists)('fuzz campaigns against C', () => {
  it('CI gate: a short fixed-seed campaign on both backends finds nothing new', async () => {
    const { newFindings, report } = await runCampaign(options({ backend: 'both', maxJobs: 5, runsPerJob: 30 }));
    expect(newFindings.map((f) => `${f.signature}: ${f.detail}`)).toEqual([]);
    expect(report.stats.requests).toBeGreaterThan(3000);
  });

  it('finds a planted bug in a --c-source copy, minimises it to a few requests, and the printed replay (check, on the recorded source) reproduces it', async () => {
    const broken = await brokenSeedCopy('.gem.offset = offset + req_end - addr,', '.gem.offset = offset + req_end - addr + 1,');
    try {
      const { newFindings } = await runCampaign(options({ backend: 'c', cSource: broken.path, maxJobs: 10, runsPerJob: 50 }));
      expect(newFindings.length).toBeGreaterThan(0);
      const finding = newFindings[0]!;
      // Judged by the contract: the invariant C breaks, not how it differs from the port.
      expect(finding.class).toBe('invariant');
      expect(finding.backend).toBe('c');
      expect(finding.requests).toBeLessThanOrEqual(6);
      expect(finding.cSource).toBe(broken.path);
      expect(finding.replay).toMatch(/^npx gpuvm-check check \S+$/);
      const replay = cli(finding.replay.split(' ').slice(2));
      expect(replay.status).toBe(1);
      expect(replay.stdout).toMatch(new RegExp(`^FAIL \\S+: reproduces: ${finding.class} ${finding.what}`, 'm'));
    } finally {
      await broken.remove();
    }
  }, 120_000);
});
