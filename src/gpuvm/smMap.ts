/**
 * The split/merge walk for a map request. Tracks: __drm_gpuvm_sm_map, drm_gpuvm_sm_map.
 *
 * Each existing VA met by the request falls in one of nine cases: it starts at, before or after
 * the request (`addr ==`, `<`, `> req_addr`) and ends at, before or after it. The case decides
 * between UNMAP and REMAP (with a prev and/or next part) and whether the walk goes on; `merge`
 * becomes the op's `keep` flag.
 *
 * v6.18's madvise split mode runs the same walk with `madvise` set: VAs with an object are
 * skipped, UNMAPs are not emitted, and a MAP (without an object) follows each split instead of
 * one MAP of the request at the end (its "DOC: Madvise Logic - Splitting and Traversal").
 */
import { EINVAL } from '../kernel/errno.ts';
import { add, assertU64, sub } from '../u64.ts';
import { drmGpuvmForEachVaRangeSafe } from './iter.ts';
import type { StepOps } from './opCallbacks.ts';
import { opMapCb, opRemapCb, opUnmapCb } from './opCallbacks.ts';
import { drmGpuvmRangeValid } from './range.ts';
import type { DrmGemObject, DrmGpuvaOpMap, DrmGpuvaOpUnmap, DrmGpuvm } from './types.ts';

/** Throws a RangeError for a request value outside u64, before anything is allocated. */
export function assertRequest(reqAddr: bigint, reqRange: bigint, reqOffset = 0n): void {
  assertU64('reqAddr', reqAddr);
  assertU64('reqRange', reqRange);
  assertU64('reqOffset', reqOffset);
}

/** __drm_gpuvm_sm_map: 0, -EINVAL for an invalid request, or the first callback error. */
export function __drmGpuvmSmMap(
  gpuvm: DrmGpuvm,
  ops: StepOps,
  priv: unknown,
  reqAddr: bigint,
  reqRange: bigint,
  reqObj: DrmGemObject | null,
  reqOffset: bigint,
  madvise = false,
): number {
  const req: DrmGpuvaOpMap = { va: { addr: reqAddr, range: reqRange }, gem: { obj: reqObj, offset: reqOffset } };
  let opMap: DrmGpuvaOpMap | null = madvise ? null : req;
  const reqEnd = add(reqAddr, reqRange);
  let ret: number;

  if (!drmGpuvmRangeValid(gpuvm, reqAddr, reqRange)) return -EINVAL;

  for (const va of drmGpuvmForEachVaRangeSafe(gpuvm, reqAddr, reqEnd)) {
    const obj = va.gem.obj;
    const offset = va.gem.offset;
    const addr = va.va.addr;
    const range = va.va.range;
    const end = add(addr, range);
    let merge = !!va.gem.obj;

    if (madvise && obj) continue;

    if (addr === reqAddr) {
      merge &&= obj === reqObj && offset === reqOffset;

      if (end === reqEnd) {
        ret = opUnmapCb(ops, priv, va, merge, madvise);
        if (ret) return ret;
        break;
      }

      if (end < reqEnd) {
        ret = opUnmapCb(ops, priv, va, merge, madvise);
        if (ret) return ret;
        continue;
      }

      if (end > reqEnd) {
        const n: DrmGpuvaOpMap = {
          va: { addr: reqEnd, range: sub(range, reqRange) },
          gem: { obj, offset: add(offset, reqRange) },
        };
        const u: DrmGpuvaOpUnmap = { va, keep: merge };

        ret = opRemapCb(ops, priv, null, n, u);
        if (ret) return ret;

        if (madvise) opMap = req;
        break;
      }
    } else if (addr < reqAddr) {
      const lsRange = sub(reqAddr, addr);
      const p: DrmGpuvaOpMap = {
        va: { addr, range: lsRange },
        gem: { obj, offset },
      };
      const u: DrmGpuvaOpUnmap = { va, keep: false };

      merge &&= obj === reqObj && add(offset, lsRange) === reqOffset;
      u.keep = merge;

      if (end === reqEnd) {
        ret = opRemapCb(ops, priv, p, null, u);
        if (ret) return ret;

        if (madvise) opMap = req;
        break;
      }

      if (end < reqEnd) {
        ret = opRemapCb(ops, priv, p, null, u);
        if (ret) return ret;

        if (madvise) {
          ret = opMapCb(ops, priv, reqAddr, sub(end, reqAddr), null, 0n);
          if (ret) return ret;
        }

        continue;
      }

      if (end > reqEnd) {
        const n: DrmGpuvaOpMap = {
          va: { addr: reqEnd, range: sub(end, reqEnd) },
          gem: { obj, offset: add(add(offset, lsRange), reqRange) },
        };

        ret = opRemapCb(ops, priv, p, n, u);
        if (ret) return ret;

        if (madvise) opMap = req;
        break;
      }
    } else if (addr > reqAddr) {
      merge &&= obj === reqObj && offset === add(reqOffset, sub(addr, reqAddr));

      if (end === reqEnd) {
        ret = opUnmapCb(ops, priv, va, merge, madvise);
        if (ret) return ret;
        break;
      }

      if (end < reqEnd) {
        ret = opUnmapCb(ops, priv, va, merge, madvise);
        if (ret) return ret;
        continue;
      }

      if (end > reqEnd) {
        const n: DrmGpuvaOpMap = {
          va: { addr: reqEnd, range: sub(end, reqEnd) },
          gem: { obj, offset: sub(add(offset, reqEnd), addr) },
        };
        const u: DrmGpuvaOpUnmap = { va, keep: merge };

        ret = opRemapCb(ops, priv, null, n, u);
        if (ret) return ret;

        if (madvise) return opMapCb(ops, priv, addr, sub(reqEnd, addr), null, 0n);
        break;
      }
    }
  }

  // v6.18 passes op_map, NULL when madvise split nothing; op_map_cb then does nothing.
  if (!opMap) return 0;
  return opMapCb(ops, priv, opMap.va.addr, opMap.va.range, opMap.gem.obj, opMap.gem.offset);
}

/**
 * drm_gpuvm_sm_map: runs the split/merge walk for a new mapping through the VA space's own
 * `sm_step_*` callbacks.
 * @returns 0, -EINVAL (missing callbacks or invalid request) or the first callback error
 * @public
 */
export function drmGpuvmSmMap(
  gpuvm: DrmGpuvm,
  priv: unknown,
  reqAddr: bigint,
  reqRange: bigint,
  reqObj: DrmGemObject | null,
  reqOffset: bigint,
): number {
  assertRequest(reqAddr, reqRange, reqOffset);
  const ops = gpuvm.ops;

  if (!(ops && ops.smStepMap && ops.smStepRemap && ops.smStepUnmap)) return -EINVAL;

  return __drmGpuvmSmMap(gpuvm, ops as StepOps, priv, reqAddr, reqRange, reqObj, reqOffset);
}
