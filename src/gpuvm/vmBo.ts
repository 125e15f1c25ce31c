/**
 * The VM / object combination of v6.8 on. Tracks: drm_gpuvm_bo_create, drm_gpuvm_bo_destroy,
 * drm_gpuvm_bo_get, drm_gpuvm_bo_put, __drm_gpuvm_bo_find, drm_gpuvm_bo_find,
 * drm_gpuvm_bo_obtain, drm_gpuvm_bo_for_each_va.
 *
 * Only what a trace can observe is kept: the references (a vm_bo dies, and drops its VM
 * reference, when its last VA is unlinked), the object's list of vm_bos, the allocation. The
 * extobj/evict lists stay empty for the trace driver and are left out.
 */
import { ENOMEM } from '../kernel/errno.ts';
import type { ErrPtr } from '../kernel/errPtr.ts';
import { errPtr } from '../kernel/errPtr.ts';
import { initListHead, listAddTail, listDel, listEntries } from '../kernel/list.ts';
import type { DrmGemObject, DrmGpuva, DrmGpuvm } from './types.ts';
import { DrmGpuvmBo } from './types.ts';
import { drmGpuvmGet, drmGpuvmPut } from './vm.ts';

/**
 * drm_gpuvm_bo_create: a new vm_bo with one reference, holding a reference of `gpuvm`; not yet on
 * the object's list. The driver has no vm_bo_alloc, so this is a library kzalloc.
 * @returns null when the allocation fails
 * @public
 */
export function drmGpuvmBoCreate(gpuvm: DrmGpuvm, obj: DrmGemObject): DrmGpuvmBo | null {
  const vmBo = gpuvm.kernel.slab.kzallocVmBo(() => new DrmGpuvmBo());
  if (!vmBo) return null;

  vmBo.vm = drmGpuvmGet(gpuvm);
  vmBo.obj = obj;

  vmBo.kref = 1;
  initListHead(vmBo.list.gpuva);
  initListHead(vmBo.list.entry.gem);

  return vmBo;
}

/** drm_gpuvm_bo_destroy: off the object's list, freed, then the VM reference dropped. */
function drmGpuvmBoDestroy(vmBo: DrmGpuvmBo): void {
  const gpuvm = vmBo.vm!;

  listDel(vmBo.list.entry.gem);

  gpuvm.kernel.slab.kfreeVmBo();

  drmGpuvmPut(gpuvm);
}

/** drm_gpuvm_bo_get. @public */
export function drmGpuvmBoGet(vmBo: DrmGpuvmBo): DrmGpuvmBo {
  vmBo.kref++;
  return vmBo;
}

/**
 * drm_gpuvm_bo_put: drops a reference (NULL is a no-op); the last one destroys the vm_bo.
 * @returns true when the vm_bo was destroyed
 * @public
 */
export function drmGpuvmBoPut(vmBo: DrmGpuvmBo | null): boolean {
  if (!vmBo) return false;
  if (--vmBo.kref !== 0) return false;
  drmGpuvmBoDestroy(vmBo);
  return true;
}

/** __drm_gpuvm_bo_find: the object's vm_bo for `gpuvm`, no reference taken. */
function __drmGpuvmBoFind(gpuvm: DrmGpuvm, obj: DrmGemObject): DrmGpuvmBo | null {
  for (const vmBo of listEntries(obj.gpuva.bos)) if (vmBo.vm === gpuvm) return vmBo;
  return null;
}

/** drm_gpuvm_bo_find: the object's vm_bo for `gpuvm` with a new reference, or null. @public */
export function drmGpuvmBoFind(gpuvm: DrmGpuvm, obj: DrmGemObject): DrmGpuvmBo | null {
  const vmBo = __drmGpuvmBoFind(gpuvm, obj);
  return vmBo ? drmGpuvmBoGet(vmBo) : null;
}

/**
 * drm_gpuvm_bo_obtain: the existing vm_bo with a new reference, else a new one added at the tail
 * of the object's list (the only case that allocates).
 * @returns the vm_bo, or an ErrPtr with -ENOMEM
 * @public
 */
export function drmGpuvmBoObtain(gpuvm: DrmGpuvm, obj: DrmGemObject): DrmGpuvmBo | ErrPtr {
  let vmBo = drmGpuvmBoFind(gpuvm, obj);
  if (vmBo) return vmBo;

  vmBo = drmGpuvmBoCreate(gpuvm, obj);
  if (!vmBo) return errPtr(-ENOMEM);

  listAddTail(vmBo.list.entry.gem, obj.gpuva.bos);

  return vmBo;
}

/** drm_gpuvm_bo_for_each_va: the VAs linked through `vmBo`, in list order. @public */
export function drmGpuvmBoForEachVa(vmBo: DrmGpuvmBo): IterableIterator<DrmGpuva> {
  return listEntries(vmBo.list.gpuva);
}
