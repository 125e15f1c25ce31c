/**
 * The header's iteration macros. Tracks: __drm_gpuva_next, drm_gpuvm_for_each_va_range,
 * drm_gpuvm_for_each_va_range_safe, drm_gpuvm_for_each_va, drm_gem_for_each_gpuva.
 *
 * The range walk starts at `drm_gpuva_find_first(start, end - start)` and then follows the
 * address-sorted list while `va.addr < end`; it does not skip the kernel reserved node.
 */
import { DONE, listEntries, listEntriesSafe, listIsLast } from '../kernel/list.ts';
import { sub } from '../u64.ts';
import { drmGpuvaFindFirst } from './find.ts';
import type { DrmGemObject, DrmGpuva, DrmGpuvm } from './types.ts';

/** __drm_gpuva_next: the list successor, or null after the last VA. */
export function __drmGpuvaNext(va: DrmGpuva | null): DrmGpuva | null {
  if (va && !listIsLast(va.rb.entry, va.vm!.rb.list)) return va.rb.entry.next!.owner;
  return null;
}

/** The VAs of `[start, end)` as the range macros walk them; an iterator object, as listEntries. */
class VaRange implements IterableIterator<DrmGpuva> {
  /** The VA handed out last; undefined before the first, null once done. */
  private va: DrmGpuva | null | undefined = undefined;
  /** Its successor, read before the body runs (the _safe variant). */
  private successor: DrmGpuva | null = null;

  constructor(
    private readonly gpuvm: DrmGpuvm,
    private readonly start: bigint,
    private readonly end: bigint,
    private readonly safe: boolean,
  ) {}

  next(): IteratorResult<DrmGpuva> {
    const va =
      this.va === undefined
        ? drmGpuvaFindFirst(this.gpuvm, this.start, sub(this.end, this.start))
        : this.safe
          ? this.successor
          : __drmGpuvaNext(this.va);
    if (!va || va.va.addr >= this.end) {
      this.va = null;
      return DONE;
    }
    this.va = va;
    if (this.safe) this.successor = __drmGpuvaNext(va);
    return { done: false, value: va };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

/**
 * drm_gpuvm_for_each_va_range_safe: yields each VA of the range; the successor is fetched before
 * the VA is handed out, so the caller may remove the VA it holds (not its successor).
 */
export function drmGpuvmForEachVaRangeSafe(gpuvm: DrmGpuvm, start: bigint, end: bigint): IterableIterator<DrmGpuva> {
  return new VaRange(gpuvm, start, end, true);
}

/** drm_gpuvm_for_each_va_range: as the safe variant, but the successor is read after the body. */
export function drmGpuvmForEachVaRange(gpuvm: DrmGpuvm, start: bigint, end: bigint): IterableIterator<DrmGpuva> {
  return new VaRange(gpuvm, start, end, false);
}

/** drm_gpuvm_for_each_va: every VA in address order, kernel node included. */
export function drmGpuvmForEachVa(gpuvm: DrmGpuvm): IterableIterator<DrmGpuva> {
  return listEntries(gpuvm.rb.list);
}

/** drm_gem_for_each_gpuva: the VAs on a GEM object's list, in list order. */
export function drmGemForEachGpuva(obj: DrmGemObject): IterableIterator<DrmGpuva> {
  return listEntries(obj.gpuva.list);
}

/** drm_gpuvm_for_each_va_safe: as drm_gpuvm_for_each_va, but the body may remove its VA. */
export function drmGpuvmForEachVaSafe(gpuvm: DrmGpuvm): IterableIterator<DrmGpuva> {
  return listEntriesSafe(gpuvm.rb.list);
}
