/**
 * Lookups. Tracks: drm_gpuva_find_first, drm_gpuva_find, drm_gpuva_find_prev,
 * drm_gpuva_find_next, drm_gpuvm_interval_empty.
 *
 * All bounds are computed in wrapping u64 exactly as the seed does; a zero range makes an
 * inverted query `[addr, addr - 1]`, which the interval tree answers with kernel semantics.
 */
import { add, assertU64, sub, U64_MAX } from '../u64.ts';
import { isFixed } from './fixes.ts';
import { drmGpuvmRangeValid } from './range.ts';
import type { DrmGpuva, DrmGpuvm } from './types.ts';
import { gpuvaLast } from './types.ts';

/** drm_gpuva_find_first: the first VA (by address) intersecting `[addr, addr + range - 1]`. @public */
export function drmGpuvaFindFirst(gpuvm: DrmGpuvm, addr: bigint, range: bigint): DrmGpuva | null {
  assertU64('addr', addr);
  assertU64('range', range);
  // An empty range gives the inverted query [addr, addr - 1], which meets a VA spanning addr
  // (GPUVM-005); the fix answers "nothing" for it.
  if (range === 0n && isFixed(gpuvm, 'GPUVM-005')) return null;
  // A range running past 2^64 wraps `last` below addr, and the query misses every VA above
  // it (GPUVM-009); the fix ends such a range at the top of the address space.
  const pastTop = range > U64_MAX - addr;
  const last = pastTop && isFixed(gpuvm, 'GPUVM-009') ? U64_MAX : sub(add(addr, range), 1n);
  return gpuvm.rb.tree.iterFirst(addr, last);
}

/** drm_gpuva_find: the VA exactly at `addr` with exactly `range`, if it is the first one there. @public */
export function drmGpuvaFind(gpuvm: DrmGpuvm, addr: bigint, range: bigint): DrmGpuva | null {
  const va = drmGpuvaFindFirst(gpuvm, addr, range);
  if (!va) return null;
  if (va.va.addr !== addr || va.va.range !== range) return null;
  return va;
}

/** drm_gpuva_find_prev: documented as the VA ending right at `start`. @public */
export function drmGpuvaFindPrev(gpuvm: DrmGpuvm, start: bigint): DrmGpuva | null {
  assertU64('start', start);
  if (!drmGpuvmRangeValid(gpuvm, sub(start, 1n), 1n)) return null;
  if (isFixed(gpuvm, 'GPUVM-002')) {
    // The seed's query [start - 1, start] also meets a VA starting at `start` itself.
    const va = gpuvm.rb.tree.iterFirst(sub(start, 1n), sub(start, 1n));
    return va && gpuvaLast(va) === sub(start, 1n) ? va : null;
  }
  return gpuvm.rb.tree.iterFirst(sub(start, 1n), start);
}

/** drm_gpuva_find_next: documented as the VA starting right at `end`. @public */
export function drmGpuvaFindNext(gpuvm: DrmGpuvm, end: bigint): DrmGpuva | null {
  assertU64('end', end);
  if (!drmGpuvmRangeValid(gpuvm, end, 1n)) return null;
  if (isFixed(gpuvm, 'GPUVM-003')) {
    // The seed's query [end, end + 1] also meets a VA starting one byte after `end`.
    const va = gpuvm.rb.tree.iterFirst(end, end);
    return va && va.va.addr === end ? va : null;
  }
  return gpuvm.rb.tree.iterFirst(end, add(end, 1n));
}

/** drm_gpuvm_interval_empty. @public */
export function drmGpuvmIntervalEmpty(gpuvm: DrmGpuvm, addr: bigint, range: bigint): boolean {
  return !drmGpuvaFindFirst(gpuvm, addr, range);
}
