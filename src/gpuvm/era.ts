/**
 * Switches between the seed's behaviour and a later era's, per EraFeature.
 *
 * Like `isFixed` for findings: a later era's change is a small branch at the exact seed line it
 * changes, guarded by `sourceHas`, so every era runs the same code and the seed's path never
 * forks away from the seed.
 */
import type { EraFeature } from '../era/era.ts';
import { hasFeature } from '../era/era.ts';
import type { DrmGpuvm } from './types.ts';

/** True when the `drm_gpuvm.c` the port follows for this VA space has `feature`. */
export function sourceHas(gpuvm: DrmGpuvm, feature: EraFeature): boolean {
  return hasFeature(gpuvm.kernel.era, feature);
}
