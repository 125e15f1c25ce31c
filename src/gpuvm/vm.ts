/**
 * The VA space's life cycle. Tracks: drm_gpuvm_init, drm_gpuvm_destroy (the seed), and from v6.8
 * drm_gpuvm_get, drm_gpuvm_put, drm_gpuvm_free, drm_gpuvm_fini (what destroy became).
 */
import { IntervalTree } from '../kernel/intervalTree.ts';
import { initListHead } from '../kernel/list.ts';
import { warn } from '../kernel/warn.ts';
import { assertU64 } from '../u64.ts';
import { sourceHas } from './era.ts';
import { isFixed } from './fixes.ts';
import { drmGpuvmCheckOverflow } from './range.ts';
import type { DrmGpuvmOps } from './types.ts';
import { DrmGpuva, DrmGpuvm, gpuvaLast, gpuvaStart } from './types.ts';
import { __drmGpuvaInsert, __drmGpuvaRemove } from './va.ts';

/**
 * drm_gpuvm_init: sets up an empty VA space `[startOffset, startOffset + range)` with the kernel
 * reserved node `[reserveOffset, reserveOffset + reserveRange)`.
 *
 * Like the seed it only WARNs when either range overflows; an overflowing reserved range is
 * recorded in the kernel node but never inserted.
 * @public
 */
export function drmGpuvmInit(
  gpuvm: DrmGpuvm,
  name: string | null,
  startOffset: bigint,
  range: bigint,
  reserveOffset: bigint,
  reserveRange: bigint,
  ops: DrmGpuvmOps | null,
): void {
  assertU64('startOffset', startOffset);
  assertU64('range', range);
  assertU64('reserveOffset', reserveOffset);
  assertU64('reserveRange', reserveRange);

  gpuvm.rb.tree = new IntervalTree<DrmGpuva>({ start: gpuvaStart, last: gpuvaLast });
  initListHead(gpuvm.rb.list);

  drmGpuvmCheckOverflow(gpuvm, startOffset, range);
  gpuvm.mmStart = startOffset;
  gpuvm.mmRange = range;

  gpuvm.name = name ?? 'unknown';
  gpuvm.ops = ops;
  if (sourceHas(gpuvm, 'vm_bo')) gpuvm.kref = 1;

  gpuvm.kernelAllocNode = new DrmGpuva();

  if (reserveRange !== 0n) {
    gpuvm.kernelAllocNode.va.addr = reserveOffset;
    gpuvm.kernelAllocNode.va.range = reserveRange;

    if (!drmGpuvmCheckOverflow(gpuvm, reserveOffset, reserveRange)) {
      __drmGpuvaInsert(gpuvm, gpuvm.kernelAllocNode);
    } else if (isFixed(gpuvm, 'GPUVM-007')) {
      // The seed keeps the range of the never-inserted node, so destroy removes it and faults.
      gpuvm.kernelAllocNode = new DrmGpuva();
    }
  }
}

/**
 * drm_gpuvm_destroy: removes the kernel reserved node and WARNs if any VA is left.
 *
 * Faithfully removes the kernel node whenever its range is non-zero, even if init never inserted
 * it; the seed crashes there and so does the port.
 * @public
 */
export function drmGpuvmDestroy(gpuvm: DrmGpuvm): void {
  drmGpuvmFini(gpuvm);
}

/** drm_gpuvm_fini (v6.8 on): the seed's destroy; its extobj/evict/bo_defer WARNs cannot fire here. */
function drmGpuvmFini(gpuvm: DrmGpuvm): void {
  gpuvm.name = null;

  if (gpuvm.kernelAllocNode.va.range !== 0n) __drmGpuvaRemove(gpuvm.kernelAllocNode);

  warn(
    gpuvm.kernel.warn,
    !gpuvm.rb.tree.isEmpty(),
    'GPUVA tree is not empty, potentially leaking memory.',
  );
}

/** drm_gpuvm_get (v6.8 on). @public */
export function drmGpuvmGet(gpuvm: DrmGpuvm): DrmGpuvm {
  gpuvm.kref++;
  return gpuvm;
}

/** drm_gpuvm_free: the last reference is gone; fini, then the driver's vm_free. */
function drmGpuvmFree(gpuvm: DrmGpuvm): void {
  drmGpuvmFini(gpuvm);

  if (warn(gpuvm.kernel.warn, !gpuvm.ops!.vmFree, 'drm_WARN_ON(!gpuvm->ops->vm_free)')) return;

  gpuvm.ops!.vmFree!(gpuvm);
}

/**
 * drm_gpuvm_put (v6.8 on): drops a reference (NULL is a no-op); the last one frees the VM. Every
 * VA inserted by drm_gpuva_insert and every vm_bo holds one, so a VM whose VAs or vm_bos leak is
 * never finished: no destroy WARN.
 * @public
 */
export function drmGpuvmPut(gpuvm: DrmGpuvm | null): void {
  if (gpuvm && --gpuvm.kref === 0) drmGpuvmFree(gpuvm);
}
