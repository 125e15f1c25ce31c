/**
 * Measures one mutant: writes the mutated source to a temporary directory, builds the C driver
 * from it with the source's header (the backend compiles `drm_gpuvm.c` at the kernel's warning
 * level, never `-Werror`, so a mutant that only draws a warning is kept; timed apart: the build
 * is not part of the time to kill), runs a campaign against it unless the driver cannot reach
 * the mutated function, and removes the directory and the build it made.
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
import type { MutationSource } from './source.ts';

/** The campaign settings of a measurement. @public */
export type MeasureSettings = Omit<CampaignRun, 'cSource' | 'cHeader' | 'out'>;

/** What is measured: a mutant, or the unmutated source (an empty edit). @public */
export type Measurable = Pick<Mutant, 'id' | 'start' | 'end' | 'replacement'>;

/**
 * Measures `mutant` of `source`. When `reached` is false (the driver never calls the mutated
 * function, see reach.ts) it is built, to count it compiled or not, but no campaign runs.
 * @public
 */
export async function measureMutant(source: Pick<MutationSource, 'text' | 'cHeader'>, mutant: Measurable, settings: MeasureSettings, reached = true): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmpdir(), `gpuvm-cmutant-${mutant.id.replace(/[^\w-]/g, '_')}-`));
  let buildDir: string | null = null;
  try {
    const cSource = path.join(dir, 'drm_gpuvm.c');
    writeFileSync(cSource, applyMutant(source.text, mutant));
    const t0 = performance.now();
    try {
      // The build the campaign runs, so that its time to kill never includes compiling it.
      const built = await buildDriver({ cSource, cHeader: source.cHeader, instrument: campaignInstrumentation(CAMPAIGN_IDENTITY) });
      // A build found in the cache (the unmutated source's) may be someone else's: kept.
      if (built.fresh) buildDir = path.dirname(built.binary);
    } catch (thrown) {
      if (!(thrown instanceof NativeBuildError)) throw thrown;
      const first = thrown.diagnostics.split('\n').find((l) => /\berror\b/.test(l)) ?? thrown.message.split('\n')[0]!;
      return { id: mutant.id, status: 'no-compile', secondsToKill: null, campaignSeconds: null, signature: null, buildSeconds: null, detail: first.trim() };
    }
    const buildSeconds = Math.round((performance.now() - t0) / 10) / 100;
    const base = { id: mutant.id, buildSeconds };
    if (!reached) return { ...base, status: 'unreached', secondsToKill: null, campaignSeconds: null, signature: null, detail: 'the C driver never calls this function: no campaign can tell it from the source' };
    const outcome = await runCampaign({ ...settings, cSource, cHeader: source.cHeader, out: path.join(dir, 'campaign') });
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
