/**
 * Small deterministic campaign options for specs: one worker, the TS backend, short walks, five
 * jobs, a fresh temporary directory; overrides change what a spec needs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignOptions } from '../../../fuzz/campaign.ts';

/** A fresh temporary campaign directory. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'gpuvm-campaign-'));

/** The options, with `overrides` applied. */
export function campaignOptions(overrides: Partial<CampaignOptions>): CampaignOptions {
  return {
    durationMs: 10 * 60_000,
    seed: 4242,
    workers: 1,
    backend: 'ts',
    cSource: null,
    sanitize: false,
    dir: tempDir(),
    resume: false,
    shard: { index: 0, count: 1 },
    walkRequests: 3000,
    runsPerJob: 10,
    maxJobs: 5,
    jobTimeoutMs: 60_000,
    ...overrides,
  };
}
