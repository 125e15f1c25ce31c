/**
 * Which build of the C code a campaign runs. The CLI builds it before any worker starts, the
 * workers build (find in the cache) the same, and a benchmark that must not time a build
 * prebuilds it: all ask here.
 */
import type { Instrument } from '../src/backends/c/build.ts';
import type { CampaignBackend } from './types.ts';

/** What decides the build. @public */
export interface BuildIdentity {
  readonly backend: CampaignBackend;
  readonly sanitize: boolean;
  /** `--coverage`. */
  readonly coverage?: boolean | undefined;
}

/** Whether a campaign measures the edge coverage of its C code: with C, without sanitizers (their runner has no batch protocol). @public */
export function measuresEdges(id: BuildIdentity): boolean {
  return id.backend !== 'ts' && !id.sanitize;
}

/** Whether a campaign measures gcov coverage of its C code: `--coverage` with C. @public */
export function measuresCoverage(id: BuildIdentity): boolean {
  return id.coverage === true && id.backend !== 'ts';
}

/** The instrumentation of a campaign's C build: edges whenever it measures them, gcov for `--coverage`. @public */
export function campaignInstrumentation(id: BuildIdentity): Instrument[] {
  return [...(measuresEdges(id) ? ['edges' as const] : []), ...(measuresCoverage(id) ? ['gcov' as const] : [])];
}
