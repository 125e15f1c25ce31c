/**
 * Measures one mutant: writes the mutated seed to a temporary directory, builds the C driver from
 * it (the backend compiles `drm_gpuvm.c` at the kernel's warning level, never `-Werror`, so a
 * mutant that only draws a warning is kept; timed apart: the build is not part of the time to
 * kill), runs a campaign against it, and removes the directory and the build.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { campaignInstrumentation } from '../../fuzz/instrumentation.ts';
import { buildDriver } from '../../src/backends/c/build.ts';
import { NativeBuildError } from '../../src/backends/c/nativeBuildError.ts';
import { CAMPAIGN_IDENTITY, runCampaign, type CampaignRun } from './campaign.ts';
import { applyMutant, type Mutant } from './generate.ts';
import type { Measured } from './results.ts';

/** The campaign settings of a measurement. @public */
export type MeasureSettings = Omit<CampaignRun, 'cSource' | 'out'>;

/** Measures `mutant` of `seedText`. @public */
export async function measureMutant(seedText: string, mutant: Mutant, settings: MeasureSettings): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmpdir(), `gpuvm-cmutant-${mutant.id.replace(/[^\w-]/g, '_')}-`));
  let buildDir: string | null = null;
  try {
    const cSource = path.join(dir, 'drm_gpuvm.c');
    writeFileSync(cSource, applyMutant(seedText, mutant));
    const t0 = performance.now();
    try {
      // The build the campaign runs, so that its time to kill never includes compiling it.
      buildDir = path.dirname((await buildDriver({ cSource, instrument: campaignInstrumentation(CAMPAIGN_IDENTITY) })).binary);
    } catch (thrown) {
      if (!(thrown instanceof NativeBuildError)) throw thrown;
      const first = thrown.diagnostics.split('\n').find((l) => /\berror\b/.test(l)) ?? thrown.message.split('\n')[0]!;
      return { id: mutant.id, status: 'no-compile', secondsToKill: null, campaignSeconds: null, signature: null, buildSeconds: null, detail: first.trim() };
    }
    const buildSeconds = Math.round((performance.now() - t0) / 10) / 100;
    const outcome = await runCampaign({ ...settings, cSource, out: path.join(dir, 'campaign') });
    const base = { id: mutant.id, buildSeconds };
    const harness = (found: readonly string[]): string | null => (found.length ? `the campaign also stored failures of its own: ${found.join(', ')}` : null);
    switch (outcome.kind) {
      case 'finding':
        return { ...base, status: 'killed', secondsToKill: outcome.seconds, campaignSeconds: outcome.campaignSeconds, signature: outcome.signature, detail: harness(outcome.harness) };
      case 'clean':
        // A job lost to a failure of the harness may have held the kill: not a clean survival.
        if (outcome.harness.length) return { ...base, status: 'error', secondsToKill: null, campaignSeconds: null, signature: null, detail: harness(outcome.harness) };
        return { ...base, status: 'survived', secondsToKill: null, campaignSeconds: null, signature: null, detail: null };
      case 'timeout':
        return { ...base, status: 'timeout', secondsToKill: null, campaignSeconds: null, signature: null, detail: `still running ${outcome.seconds} s after it started (budget ${settings.budgetMs / 1000} s)` };
      default:
        return { ...base, status: 'error', secondsToKill: null, campaignSeconds: null, signature: null, detail: outcome.detail };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // Every mutant is built once: keeping its build would only fill the cache.
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  }
}
