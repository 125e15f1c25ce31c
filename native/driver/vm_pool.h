/* SPDX-License-Identifier: MIT */
/*
 * The driver's VMs: one &drm_gpuvm allocated for each `init`, as a kernel
 * driver embeds its VM in a structure of its own.
 *
 * A fresh VM per `init` matters from v6.8, where the VM is reference counted:
 * a vm_bo left linked by an earlier VA (a leak the trace may provoke) keeps
 * its VM alive, and a static VM reinitialised under it would make that stale
 * vm_bo the new VM's. The memory is the driver's, never counted as a library
 * allocation; whatever is still live at the end of a trace is freed without
 * calling the library.
 */
#ifndef _DRIVER_VM_POOL_H
#define _DRIVER_VM_POOL_H

#include <drm/drm_gpuvm.h>

struct drm_gpuvm *vm_pool_alloc(void);
void vm_pool_free(struct drm_gpuvm *gpuvm);
void vm_pool_release_all(void);

#endif /* _DRIVER_VM_POOL_H */
