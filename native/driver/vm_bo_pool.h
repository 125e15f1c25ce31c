/* SPDX-License-Identifier: MIT */
/*
 * The &drm_gpuvm_bo allocations of eras from v6.8, made through the
 * vm_bo_alloc/vm_bo_free ops the driver passes to drm_gpuvm_init().
 *
 * They are library allocations in everything a trace can see: the library
 * asks for them (drm_gpuvm_bo_obtain()), `fail_alloc` counts and fails them
 * like kzalloc(), and `allocs` reports them (as vm_bo=<m>). Going through
 * the ops lets the driver count them apart from other allocations and free
 * the ones still live at the end of a trace, without calling the library.
 */
#ifndef _DRIVER_VM_BO_POOL_H
#define _DRIVER_VM_BO_POOL_H

#include <drm/drm_gpuvm.h>

#ifdef GPUVM_ERA_VM_BO
struct drm_gpuvm_bo *vm_bo_pool_alloc(void);
void vm_bo_pool_free(struct drm_gpuvm_bo *vm_bo);
u64 vm_bo_pool_live(void);
void vm_bo_pool_release_all(void);
#endif

#endif /* _DRIVER_VM_BO_POOL_H */
