import { campaignInstrumentation } from '../../fuzz/instrumentation.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../fuzz/campaign.ts';
import { COUNTS_DIR, COVERAGE_FILE, gatherCampaignCoverage } from '../../fuzz/campaignCoverage.ts';
import { buildDriver } from '../../src/backends/c/build.ts';
import { gcovEnv } from '../../src/coverage/gcovRun.ts';
import { mergeReports, readReport } from '../../fuzz/merge.ts';
import type { Coverage } from '../../src/coverage/coverage.ts';
import { campaignOptions as options } from './__helpers__/campaignOptions.ts';
import { seedExists } from '../backends/c/seed.ts';

const calls = (c: Coverage | undefined, name: string): number => c?.functions.find((f) => f.name === name)?.calls ?? -1;

describe.skipIf(!seedExists)('--coverage campaigns (gcov-instrumented seed)', () => {
  it('put coverage in report.json, add up over a resume, and sum over merged shards', async () => {
    const base = { backend: 'c' as const, coverage: true, walkRequests: 300, runsPerJob: 3, maxJobs: 2 };
    const one = await runCampaign(options({ ...base, shard: { index: 0, count: 2 } }));
    const c1 = one.report.coverage!;
    expect(calls(c1, 'drm_gpuvm_sm_map')).toBeGreaterThan(0);
    expect(c1.lines.hit).toBeLessThanOrEqual(c1.lines.total);
    expect(c1.branches.hit).toBeGreaterThan(0);
    // One build carries both instrumentations: guided jobs' edges and gcov's counts.
    expect(one.report.edges?.reached).toBeGreaterThan(0);
    expect(readReport(join(one.dir, 'report.json')).coverage).toEqual(c1);
    expect(readFileSync(join(one.dir, 'summary.md'), 'utf8')).toContain('## C coverage of');
    expect(readFileSync(join(one.dir, 'report.html'), 'utf8')).toContain('<pre class="cov-source">');
    // The workers' counts are read and gone; the campaign keeps the sum for a resume.
    expect(existsSync(join(one.dir, COUNTS_DIR))).toBe(false);
    expect(existsSync(join(one.dir, COVERAGE_FILE))).toBe(true);

    const resumed = await runCampaign(options({ ...base, dir: one.dir, resume: true, maxJobs: 1 }));
    expect(calls(resumed.report.coverage, 'drm_gpuvm_init')).toBeGreaterThan(calls(c1, 'drm_gpuvm_init'));

    const two = await runCampaign(options({ ...base, shard: { index: 1, count: 2 } }));
    const merged = mergeReports([resumed.report, two.report]);
    expect(calls(merged.coverage, 'drm_gpuvm_sm_map')).toBe(calls(resumed.report.coverage, 'drm_gpuvm_sm_map') + calls(two.report.coverage, 'drm_gpuvm_sm_map'));
    expect(merged.coverage!.lines.hit).toBeGreaterThanOrEqual(Math.max(resumed.report.coverage!.lines.hit, two.report.coverage!.lines.hit));
  });

  it('take in the counts a killed run left behind', async () => {
    const first = await runCampaign(options({ backend: 'c', coverage: true, walkRequests: 200, runsPerJob: 2, maxJobs: 1 }));
    // What a run killed before its end leaves: a worker's counts directory, never read, written
    // by the build the campaign runs.
    const { binary } = await buildDriver({ instrument: campaignInstrumentation({ backend: 'c', sanitize: false, coverage: true }) });
    const trace = readFileSync(join('test', 'fixtures', 'c', 'map-split-merge.trace'));
    spawnSync(binary, [], { input: trace, env: { ...process.env, ...gcovEnv(binary, join(first.dir, COUNTS_DIR, 'killed-run')) } });
    const lost: string[] = [];
    const setup = { backend: 'c' as const, era: first.report.era!, cSource: null, cHeader: null, sanitize: false, runsPerJob: 2, coverageDir: join(first.dir, COUNTS_DIR) };
    const total = await gatherCampaignCoverage(first.dir, setup, (d) => lost.push(d));
    expect(calls(total ?? undefined, 'drm_gpuvm_init')).toBe(calls(first.report.coverage, 'drm_gpuvm_init') + 1);
    expect(lost).toEqual([]);
    expect(existsSync(join(first.dir, COUNTS_DIR))).toBe(false);
  });

  it('are absent without --coverage', async () => {
    const { report } = await runCampaign(options({ backend: 'c', walkRequests: 200, runsPerJob: 2, maxJobs: 1 }));
    expect(report.coverage).toBeUndefined();
  });
});
