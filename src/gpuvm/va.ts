/**
 * Putting VAs into and out of the VA space and their GEM object's list. Tracks:
 * __drm_gpuva_insert, drm_gpuva_insert, __drm_gpuva_remove, drm_gpuva_remove, drm_gpuva_link,
 * drm_gpuva_unlink, drm_gpuva_init, drm_gpuva_init_from_op.
 *
 * From v6.8 (`vm_bo`) an inserted VA holds a reference of its VM, and linking goes through the
 * VM's vm_bo for the object, whose reference the VA holds while linked.
 */
import { EEXIST, EINVAL } from '../kernel/errno.ts';
import { listAdd, listAddTail, listDelInit } from '../kernel/list.ts';
import { warn } from '../kernel/warn.ts';
import { assertU64 } from '../u64.ts';
import { sourceHas } from './era.ts';
import { drmGpuvmRangeValid } from './range.ts';
import type { DrmGemObject, DrmGpuvaOpMap, DrmGpuvm, DrmGpuvmBo } from './types.ts';
import { drmGpuvmBoGet, drmGpuvmBoPut } from './vmBo.ts';
import { drmGpuvmGet, drmGpuvmPut } from './vm.ts';
import { DrmGpuva, gpuvaLast, gpuvaStart } from './types.ts';

/** __drm_gpuva_insert: -EEXIST if anything intersects, else tree + list (list order = tree order). */
export function __drmGpuvaInsert(gpuvm: DrmGpuvm, va: DrmGpuva): number {
  if (gpuvm.rb.tree.iterFirst(gpuvaStart(va), gpuvaLast(va))) return -EEXIST;

  va.vm = gpuvm;

  gpuvm.rb.tree.insert(va);

  const node = gpuvm.rb.tree.prev(va);
  const head = node ? node.rb.entry : gpuvm.rb.list;
  listAdd(va.rb.entry, head);

  return 0;
}

/**
 * drm_gpuva_insert: inserts `va` at its `va.addr`/`va.range`.
 * @returns 0, -EINVAL for an invalid range, -EEXIST if the range is not free
 * @public
 */
export function drmGpuvaInsert(gpuvm: DrmGpuvm, va: DrmGpuva): number {
  const addr = va.va.addr;
  const range = va.va.range;

  if (!drmGpuvmRangeValid(gpuvm, addr, range)) return -EINVAL;

  const ret = __drmGpuvaInsert(gpuvm, va);
  // Not in __drm_gpuva_insert: the kernel reserved node holds no reference of its VM.
  if (ret === 0 && sourceHas(gpuvm, 'vm_bo')) drmGpuvmGet(gpuvm);

  return ret;
}

/** __drm_gpuva_remove. A VA never inserted has no `vm`: C faults on it and so does this. */
export function __drmGpuvaRemove(va: DrmGpuva): void {
  va.vm!.rb.tree.remove(va);
  listDelInit(va.rb.entry);
}

/**
 * drm_gpuva_remove: removes `va` from its VA space; WARNs and keeps the kernel reserved node.
 * @public
 */
export function drmGpuvaRemove(va: DrmGpuva): void {
  const gpuvm = va.vm!;

  if (va === gpuvm.kernelAllocNode) {
    warn(gpuvm.kernel.warn, true, "Can't destroy kernel reserved node.\n");
    return;
  }

  __drmGpuvaRemove(va);
  if (sourceHas(gpuvm, 'vm_bo')) drmGpuvmPut(va.vm);
}

/**
 * drm_gpuva_link: appends `va` to its GEM object's list (from v6.8: to `vmBo`'s list, taking a
 * reference of it); no-op without an object.
 * @param vmBo - the vm_bo of `va`'s VM and object: the v6.8 signature; absent, the seed's (the
 * VA may not be inserted yet, so its VM cannot tell the era)
 * @public
 */
export function drmGpuvaLink(va: DrmGpuva, vmBo?: DrmGpuvmBo | null): void {
  const obj = va.gem.obj;
  if (!obj) return;
  if (vmBo === undefined) {
    listAddTail(va.gem.entry, obj.gpuva.list);
    return;
  }
  // The WARN reads va->vm only when it fires: a VA never inserted faults there, as in C.
  if (obj !== vmBo!.obj) warn(va.vm!.kernel.warn, true, 'drm_WARN_ON(obj != vm_bo->obj)');

  va.vmBo = drmGpuvmBoGet(vmBo!);

  listAddTail(va.gem.entry, vmBo!.list.gpuva);
}

/**
 * drm_gpuva_unlink: takes `va` off its GEM object's list (from v6.8: off its vm_bo's, dropping
 * that reference); no-op without an object.
 * @public
 */
export function drmGpuvaUnlink(va: DrmGpuva): void {
  const obj = va.gem.obj;
  const vmBo = va.vmBo;
  if (!obj) return;
  listDelInit(va.gem.entry);

  va.vmBo = null;
  drmGpuvmBoPut(vmBo);
}

/** drm_gpuva_init. @public */
export function drmGpuvaInit(
  va: DrmGpuva,
  addr: bigint,
  range: bigint,
  obj: DrmGemObject | null,
  offset: bigint,
): void {
  va.va.addr = assertU64('addr', addr);
  va.va.range = assertU64('range', range);
  va.gem.obj = obj;
  va.gem.offset = assertU64('offset', offset);
}

/** drm_gpuva_init_from_op. @public */
export function drmGpuvaInitFromOp(va: DrmGpuva, op: DrmGpuvaOpMap): void {
  drmGpuvaInit(va, op.va.addr, op.va.range, op.gem.obj, op.gem.offset);
}
