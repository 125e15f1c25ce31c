/**
 * Building one op on the stack and handing it to the driver's step callback. Tracks: op_map_cb,
 * op_remap_cb, op_unmap_cb.
 */
import type { DrmGemObject, DrmGpuva, DrmGpuvaOpMap, DrmGpuvaOpUnmap, DrmGpuvmOps } from './types.ts';
import { DrmGpuvaOp, DrmGpuvaOpType } from './types.ts';

/** Callbacks with all three steps present, as drm_gpuvm_sm_map checks before walking. */
export type StepOps = Required<Pick<DrmGpuvmOps, 'smStepMap' | 'smStepRemap' | 'smStepUnmap'>>;

/** The steps drm_gpuvm_sm_unmap needs. */
export type UnmapStepOps = Required<Pick<DrmGpuvmOps, 'smStepRemap' | 'smStepUnmap'>>;

/** op_map_cb. */
export function opMapCb(
  fn: StepOps,
  priv: unknown,
  addr: bigint,
  range: bigint,
  obj: DrmGemObject | null,
  offset: bigint,
): number {
  const op = new DrmGpuvaOp();
  op.op = DrmGpuvaOpType.MAP;
  op.map = { va: { addr, range }, gem: { obj, offset } };
  return fn.smStepMap(op, priv);
}

/** op_remap_cb. */
export function opRemapCb(
  fn: UnmapStepOps,
  priv: unknown,
  prev: DrmGpuvaOpMap | null,
  next: DrmGpuvaOpMap | null,
  unmap: DrmGpuvaOpUnmap,
): number {
  const op = new DrmGpuvaOp();
  op.op = DrmGpuvaOpType.REMAP;
  op.remap = { prev, next, unmap };
  return fn.smStepRemap(op, priv);
}

/** op_unmap_cb; v6.18's madvise mode emits no UNMAP. */
export function opUnmapCb(fn: UnmapStepOps, priv: unknown, va: DrmGpuva, merge: boolean, madvise = false): number {
  if (madvise) return 0;

  const op = new DrmGpuvaOp();
  op.op = DrmGpuvaOpType.UNMAP;
  op.unmap = { va, keep: merge };
  return fn.smStepUnmap(op, priv);
}
