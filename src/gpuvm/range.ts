/**
 * Range validation. Tracks: drm_gpuvm_check_overflow, drm_gpuvm_in_mm_range,
 * drm_gpuvm_in_kernel_node, drm_gpuvm_range_valid.
 */
import { warn } from '../kernel/warn.ts';
import { add, checkAddOverflow } from '../u64.ts';
import { sourceHas } from './era.ts';
import { isFixed } from './fixes.ts';
import type { DrmGpuvm } from './types.ts';

/** sizeof(u64), printed by the overflow WARN's `%zu`. */
const SIZEOF_U64 = 8;

/** drm_gpuvm_check_overflow: WARNs and returns true when `addr + range` does not fit in u64. */
export function drmGpuvmCheckOverflow(gpuvm: DrmGpuvm, addr: bigint, range: bigint): boolean {
  return warn(
    gpuvm.kernel.warn,
    checkAddOverflow(addr, range),
    `GPUVA address limited to ${SIZEOF_U64} bytes.\n`,
  );
}

/** drm_gpuvm_in_mm_range: both ends computed in wrapping u64, as in the seed. */
export function drmGpuvmInMmRange(gpuvm: DrmGpuvm, addr: bigint, range: bigint): boolean {
  const end = add(addr, range);
  const mmStart = gpuvm.mmStart;
  // A VA space ending at 2^64 wraps mm_end to 0 and rejects everything (GPUVM-006); the fix
  // compares without wrapping.
  const mmEnd = isFixed(gpuvm, 'GPUVM-006') ? mmStart + gpuvm.mmRange : add(mmStart, gpuvm.mmRange);
  return addr >= mmStart && end <= mmEnd;
}

/** drm_gpuvm_in_kernel_node: whether [addr, addr + range) meets the reserved range. */
export function drmGpuvmInKernelNode(gpuvm: DrmGpuvm, addr: bigint, range: bigint): boolean {
  const end = add(addr, range);
  const kstart = gpuvm.kernelAllocNode.va.addr;
  const krange = gpuvm.kernelAllocNode.va.range;
  const kend = add(kstart, krange);
  return krange !== 0n && addr < kend && kstart < end;
}

/** drm_gpuvm_range_valid. */
export function drmGpuvmRangeValid(gpuvm: DrmGpuvm, addr: bigint, range: bigint): boolean {
  // The seed lets a zero range through (GPUVM-004); the fix refuses it.
  if (range === 0n && isFixed(gpuvm, 'GPUVM-004')) return false;
  // From v6.8 the check here is quiet; only drm_gpuvm_init still WARNs.
  const overflows = sourceHas(gpuvm, 'quiet_range_check') ? checkAddOverflow(addr, range) : drmGpuvmCheckOverflow(gpuvm, addr, range);
  return (
    !overflows &&
    drmGpuvmInMmRange(gpuvm, addr, range) &&
    !drmGpuvmInKernelNode(gpuvm, addr, range)
  );
}
