/**
 * The split walk for an unmap request. Tracks: __drm_gpuvm_sm_unmap, drm_gpuvm_sm_unmap.
 *
 * Every VA met by the range is unmapped; one that sticks out on the left and/or right is
 * remapped with a prev and/or next part instead. Unmap requests never set `keep`.
 */
import { EINVAL } from '../kernel/errno.ts';
import { add, sub } from '../u64.ts';
import { drmGpuvmForEachVaRangeSafe } from './iter.ts';
import type { UnmapStepOps } from './opCallbacks.ts';
import { opRemapCb, opUnmapCb } from './opCallbacks.ts';
import { drmGpuvmRangeValid } from './range.ts';
import { assertRequest } from './smMap.ts';
import type { DrmGpuvaOpMap, DrmGpuvm } from './types.ts';

/** __drm_gpuvm_sm_unmap: 0, -EINVAL for an invalid request, or the first callback error. */
export function __drmGpuvmSmUnmap(
  gpuvm: DrmGpuvm,
  ops: UnmapStepOps,
  priv: unknown,
  reqAddr: bigint,
  reqRange: bigint,
): number {
  const reqEnd = add(reqAddr, reqRange);
  let ret: number;

  if (!drmGpuvmRangeValid(gpuvm, reqAddr, reqRange)) return -EINVAL;

  for (const va of drmGpuvmForEachVaRangeSafe(gpuvm, reqAddr, reqEnd)) {
    let prev: DrmGpuvaOpMap | null = null;
    let next: DrmGpuvaOpMap | null = null;
    const obj = va.gem.obj;
    const offset = va.gem.offset;
    const addr = va.va.addr;
    const range = va.va.range;
    const end = add(addr, range);

    if (addr < reqAddr) {
      prev = { va: { addr, range: sub(reqAddr, addr) }, gem: { obj, offset } };
    }

    if (end > reqEnd) {
      next = {
        va: { addr: reqEnd, range: sub(end, reqEnd) },
        gem: { obj, offset: add(offset, sub(reqEnd, addr)) },
      };
    }

    if (prev || next) {
      ret = opRemapCb(ops, priv, prev, next, { va, keep: false });
      if (ret) return ret;
    } else {
      ret = opUnmapCb(ops, priv, va, false);
      if (ret) return ret;
    }
  }

  return 0;
}

/**
 * drm_gpuvm_sm_unmap: runs the split walk for an unmap request through the VA space's own
 * `sm_step_remap`/`sm_step_unmap` callbacks.
 * @returns 0, -EINVAL (missing callbacks or invalid request) or the first callback error
 * @public
 */
export function drmGpuvmSmUnmap(
  gpuvm: DrmGpuvm,
  priv: unknown,
  reqAddr: bigint,
  reqRange: bigint,
): number {
  assertRequest(reqAddr, reqRange);
  const ops = gpuvm.ops;

  if (!(ops && ops.smStepRemap && ops.smStepUnmap)) return -EINVAL;

  return __drmGpuvmSmUnmap(gpuvm, ops as UnmapStepOps, priv, reqAddr, reqRange);
}
