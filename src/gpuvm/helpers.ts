/**
 * Helpers a driver calls to apply ops to the VA space. Tracks: drm_gpuva_map, drm_gpuva_remap,
 * drm_gpuva_unmap.
 */
import { drmGpuvaInitFromOp, drmGpuvaInsert, drmGpuvaRemove } from './va.ts';
import type { DrmGpuva, DrmGpuvaOpMap, DrmGpuvaOpRemap, DrmGpuvaOpUnmap, DrmGpuvm } from './types.ts';

/** drm_gpuva_map: initialises `va` from `op` and inserts it; like the seed, ignores a failed insert. @public */
export function drmGpuvaMap(gpuvm: DrmGpuvm, va: DrmGpuva, op: DrmGpuvaOpMap): void {
  drmGpuvaInitFromOp(va, op);
  drmGpuvaInsert(gpuvm, va);
}

/** drm_gpuva_remap: removes the remapped VA and inserts `prev` and/or `next` in its place. @public */
export function drmGpuvaRemap(
  prev: DrmGpuva | null,
  next: DrmGpuva | null,
  op: DrmGpuvaOpRemap,
): void {
  const curr = op.unmap!.va;
  const gpuvm = curr.vm!;

  drmGpuvaRemove(curr);

  if (op.prev) {
    drmGpuvaInitFromOp(prev!, op.prev);
    drmGpuvaInsert(gpuvm, prev!);
  }

  if (op.next) {
    drmGpuvaInitFromOp(next!, op.next);
    drmGpuvaInsert(gpuvm, next!);
  }
}

/** drm_gpuva_unmap. @public */
export function drmGpuvaUnmap(op: DrmGpuvaOpUnmap): void {
  drmGpuvaRemove(op.va);
}
