/**
 * Applying one op to the VA space the way the seed's "DOC: Examples" driver does (see
 * docs/driver-semantics.md). Shared by `mode list` and `mode cb`.
 */
import { drmGpuvaMap, drmGpuvaRemap, drmGpuvaUnmap } from '../gpuvm/helpers.ts';
import type { DrmGpuvaOp, DrmGpuvm } from '../gpuvm/types.ts';
import { DrmGpuva, DrmGpuvaOpType } from '../gpuvm/types.ts';
import { drmGpuvaLink, drmGpuvaUnlink } from '../gpuvm/va.ts';

/** Applies MAP, REMAP or UNMAP; PREFETCH changes nothing. */
export function applyOp(gpuvm: DrmGpuvm, op: DrmGpuvaOp): void {
  switch (op.op) {
    case DrmGpuvaOpType.MAP: {
      const va = new DrmGpuva();
      drmGpuvaMap(gpuvm, va, op.map);
      drmGpuvaLink(va);
      return;
    }
    case DrmGpuvaOpType.REMAP: {
      const va = op.remap.unmap!.va;
      const prev = op.remap.prev ? new DrmGpuva() : null;
      const next = op.remap.next ? new DrmGpuva() : null;
      drmGpuvaRemap(prev, next, op.remap);
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
