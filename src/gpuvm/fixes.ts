/**
 * Switches between the seed's behaviour and a corrected one, per registered finding.
 *
 * The port is faithful by default. A finding's fix is a small branch at the exact seed line it
 * corrects, guarded by `isFixed`, so the same code runs in both variants and the faithful one
 * never forks away from the seed.
 */
import type { DrmGpuvm } from './types.ts';

/** Identifier of a registered finding, e.g. `GPUVM-001`. @public */
export type FixId = string;

/** True when the VA space was created with the correction for `id` selected. */
export function isFixed(gpuvm: DrmGpuvm, id: FixId): boolean {
  return gpuvm.kernel.fixes.has(id);
}
