/**
 * The header's iteration macros. Tracks: __drm_gpuva_next, drm_gpuvm_for_each_va_range,
 * drm_gpuvm_for_each_va_range_safe, drm_gpuvm_for_each_va, drm_gem_for_each_gpuva.
 *
 * The range walk starts at `drm_gpuva_find_first(start, end - start)` and then follows the
 * address-sorted list while `va.addr < end`; it does not skip the kernel reserved node.
 */
import { listEntries, listEntriesSafe, listIsLast } from '../kernel/list.ts';
import { sub } from '../u64.ts';
import { drmGpuvaFindFirst } from './find.ts';
import type { DrmGemObject, DrmGpuva, DrmGpuvm } from './types.ts';

/** __drm_gpuva_next: the list successor, or null after the last VA. */
export function __drmGpuvaNext(va: DrmGpuva | null): DrmGpuva | null {
  if (va && !listIsLast(va.rb.entry, va.vm!.rb.list)) return va.rb.entry.next!.owner;
  return null;
}

/**
 * drm_gpuvm_for_each_va_range_safe: yields each VA of the range; the successor is fetched before
 * the VA is handed out, so the caller may remove the VA it holds (not its successor).
 */
export function* drmGpuvmForEachVaRangeSafe(
  gpuvm: DrmGpuvm,
  start: bigint,
  end: bigint,
): Generator<DrmGpuva> {
  let va = drmGpuvaFindFirst(gpuvm, start, sub(end, start));
  let next = __drmGpuvaNext(va);
  for (; va && va.va.addr < end; va = next, next = __drmGpuvaNext(va)) yield va;
}

/** drm_gpuvm_for_each_va_range: as the safe variant, but the successor is read after the body. */
export function* drmGpuvmForEachVaRange(
  gpuvm: DrmGpuvm,
  start: bigint,
  end: bigint,
): Generator<DrmGpuva> {
  for (
    let va = drmGpuvaFindFirst(gpuvm, start, sub(end, start));
    va && va.va.addr < end;
    va = __drmGpuvaNext(va)
  ) {
    yield va;
  }
}

/** drm_gpuvm_for_each_va: every VA in address order, kernel node included. */
export function drmGpuvmForEachVa(gpuvm: DrmGpuvm): Generator<DrmGpuva> {
  return listEntries(gpuvm.rb.list);
}

/** drm_gem_for_each_gpuva: the VAs on a GEM object's list, in list order. */
export function drmGemForEachGpuva(obj: DrmGemObject): Generator<DrmGpuva> {
  return listEntries(obj.gpuva.list);
}

/** drm_gpuvm_for_each_va_safe: as drm_gpuvm_for_each_va, but the body may remove its VA. */
export function drmGpuvmForEachVaSafe(gpuvm: DrmGpuvm): Generator<DrmGpuva> {
  return listEntriesSafe(gpuvm.rb.list);
}
