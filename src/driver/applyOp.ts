/**
 * Applying one op to the VA space the way the "DOC: Examples" driver of the port's era does (see
 * docs/driver-semantics.md). Shared by `mode list` and `mode cb`.
 */
import { drmGpuvaMap, drmGpuvaRemap, drmGpuvaUnmap } from '../gpuvm/helpers.ts';
import { sourceHas } from '../gpuvm/era.ts';
import type { DrmGpuvaOp, DrmGpuvm, DrmGpuvmBo } from '../gpuvm/types.ts';
import { DrmGpuva, DrmGpuvaOpType } from '../gpuvm/types.ts';
import { drmGpuvaLink, drmGpuvaUnlink } from '../gpuvm/va.ts';

/**
 * Applies MAP, REMAP or UNMAP; PREFETCH changes nothing.
 * @param vmBo - from v6.8, the request's vm_bo that a MAP links through (null: no object)
 */
export function applyOp(gpuvm: DrmGpuvm, op: DrmGpuvaOp, vmBo: DrmGpuvmBo | null = null): void {
  const vmBoEra = sourceHas(gpuvm, 'vm_bo');
  switch (op.op) {
    case DrmGpuvaOpType.MAP: {
      const va = new DrmGpuva();
      drmGpuvaMap(gpuvm, va, op.map);
      if (vmBoEra) drmGpuvaLink(va, vmBo);
      else drmGpuvaLink(va);
      return;
    }
    case DrmGpuvaOpType.REMAP: {
      const va = op.remap.unmap!.va;
      const prev = op.remap.prev ? new DrmGpuva() : null;
      const next = op.remap.next ? new DrmGpuva() : null;
      drmGpuvaRemap(prev, next, op.remap);
      if (vmBoEra) {
        // Linked before the old VA lets go of its vm_bo, which may hold the last reference.
        if (prev) drmGpuvaLink(prev, va.vmBo);
        if (next) drmGpuvaLink(next, va.vmBo);
        drmGpuvaUnlink(va);
        return;
      }
      drmGpuvaUnlink(va);
      if (prev) drmGpuvaLink(prev);
      if (next) drmGpuvaLink(next);
      return;
    }
    case DrmGpuvaOpType.UNMAP: {
      drmGpuvaUnlink(op.unmap!.va);
      drmGpuvaUnmap(op.unmap!);
      return;
    }
    case DrmGpuvaOpType.PREFETCH:
      return;
  }
}
