/**
 * A `--sanitize` campaign on the seed: LeakSanitizer reports GPUVM-001's leak (every tree checked
 * has it) at the end of fault-injection traces, and that is the registered finding, present,
 * not a new finding in every sanitizer campaign (fuzz/leaks.ts).
 */
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../fuzz/campaign.ts';
import { seedExists } from '../backends/c/seed.ts';
import { campaignOptions } from './__helpers__/campaignOptions.ts';

describe.skipIf(!seedExists)('a sanitizer campaign on the seed', () => {
  it('finds GPUVM-001 present through its leak report and nothing new', async () => {
    const { report, newFindings } = await runCampaign(campaignOptions({ backend: 'c', sanitize: true, seed: 21, maxJobs: 2, runsPerJob: 50, walkRequests: 500 }));
    expect(report.registeredFindings).toContainEqual({ id: 'GPUVM-001', status: 'present' });
    expect(newFindings.map((f) => `${f.signature}: ${f.detail}`)).toEqual([]);
  }, 240_000);
});
