/**
 * The kernel trees the era tests run on: `GPUVM_KERNEL_TREES=dir1:dir2`, each laid out as a
 * kernel tree (`drivers/gpu/drm/drm_gpuvm.c`, `include/drm/drm_gpuvm.h`). Upstream source is
 * never part of this repository, so without the variable the era tests cannot run; they are
 * skipped, and loudly.
 */
import path from 'node:path';
import type { EraFeature } from '../../../src/era/era.ts';

/** The variable naming the trees. */
export const KERNEL_TREES_ENV = 'GPUVM_KERNEL_TREES';

/** The trees named, absolute, in the order given. */
export const kernelTrees: readonly string[] = (process.env[KERNEL_TREES_ENV] ?? '')
  .split(':')
  .filter((d) => d !== '')
  .map((d) => path.resolve(d));

/** Which upstream release introduced each feature, as [major, minor]. */
const FEATURE_RELEASE: Readonly<Record<EraFeature, readonly [number, number]>> = {
  vm_bo: [6, 8],
  quiet_range_check: [6, 8],
  map_req: [6, 18],
  madvise: [6, 18],
  immediate_mode: [6, 19],
};

/**
 * The features a tree must have when its directory is named after its release (`v6.12`,
 * `v6.18.x`, `v7.0-deprecated`, ...); null when the name says nothing.
 */
export function expectedFeatures(dir: string): EraFeature[] | null {
  const m = /^v(\d+)\.(\d+)/.exec(path.basename(dir));
  if (!m) return null;
  const version = [Number(m[1]), Number(m[2])] as const;
  const reached = ([major, minor]: readonly [number, number]): boolean => version[0] > major || (version[0] === major && version[1] >= minor);
  return (Object.keys(FEATURE_RELEASE) as EraFeature[]).filter((f) => reached(FEATURE_RELEASE[f])).sort();
}

/** Prints the banner of skipped era tests; call it from a spec when `kernelTrees` is empty. */
export function warnEraTestsSkipped(tests: readonly string[]): void {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!!! ERA TESTS SKIPPED: ${KERNEL_TREES_ENV} is not set.`,
      '!!! They run the C backend on upstream drm_gpuvm.c of later kernel eras,',
      '!!! which this repository does not contain. Skipped:',
      ...tests.map((t) => `!!!   - ${t}`),
      `!!! To run them: ${KERNEL_TREES_ENV}=/path/v6.12:/path/v6.18 npm test`,
      '!!! (each directory laid out as a kernel tree: drivers/gpu/drm/drm_gpuvm.c,',
      '!!! include/drm/drm_gpuvm.h). The seed is tested in full either way.',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}
