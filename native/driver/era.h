/* SPDX-License-Identifier: MIT */
/*
 * The era of the drm_gpuvm.c under test, as the build passes it (-D), and
 * the driver's calls whose form depends on it. Everything else in the
 * driver is the same program for every era.
 *
 *   GPUVM_ERA_VM_BO     struct drm_gpuvm_bo, refcounted VM (v6.8)
 *   GPUVM_ERA_MAP_REQ   struct drm_gpuvm_map_req (v6.18)
 *   GPUVM_ERA_MADVISE   drm_gpuvm_madvise_ops_create() (v6.18)
 *
 * The build passes GPUVM_ERA_QUIET_RANGE_CHECK and GPUVM_ERA_IMMEDIATE_MODE
 * too; they change what the source does, not how the driver calls it.
 *
 * src/backends/c/detectEra.ts decides them from the source and header;
 * docs/driver-semantics.md says what the driver does in each era.
 */
#ifndef _DRIVER_ERA_H
#define _DRIVER_ERA_H

#include <drm/drm_gpuvm.h>

/*
 * What applying an op needs besides the op: the VM, and (from v6.8) the
 * &drm_gpuvm_bo that new VAs of the request's object are linked to, NULL
 * when the request has no object.
 */
struct drm_gpuvm_bo;

struct apply_ctx {
	struct drm_gpuvm *gpuvm;
	struct drm_gpuvm_bo *vm_bo;
};

/* drm_gpuvm_init() with this era's arguments; ops are the driver's. */
void era_vm_init(struct drm_gpuvm *gpuvm, u64 start, u64 range,
		 u64 reserve_offset, u64 reserve_range);
/* The end of `fini`, once the VAs are gone: destroy, or the last put. */
void era_vm_release(struct drm_gpuvm *gpuvm);

/* The VM's vm_bo for @obj, created if needed (v6.8+; else nothing). */
int era_vm_bo_obtain(struct apply_ctx *ctx, struct drm_gem_object *obj);
void era_vm_bo_put(struct apply_ctx *ctx);

void era_link(struct drm_gpuva *va, struct apply_ctx *ctx);
/* REMAP linking, in the order the era's "DOC: Examples" show. */
void era_relink_remap(struct drm_gpuva *va, struct drm_gpuva *prev,
		      struct drm_gpuva *next);

struct drm_gpuva_ops *era_sm_map_ops_create(struct drm_gpuvm *gpuvm,
					    const u64 *map_args);
int era_sm_map(struct drm_gpuvm *gpuvm, struct apply_ctx *ctx,
	       const u64 *map_args);
/* ERR_PTR(-EOPNOTSUPP) where the source has no madvise. */
struct drm_gpuva_ops *era_madvise_ops_create(struct drm_gpuvm *gpuvm,
					     u64 addr, u64 range);

/*
 * The op list of `gem_unmap`; NULL when the object has nothing to unmap in
 * this VM (v6.8+: no vm_bo). *ctx keeps what must be put afterwards.
 */
struct drm_gpuva_ops *era_gem_unmap_ops_create(struct apply_ctx *ctx,
					       struct drm_gem_object *obj);

/* `gem`: "VAS n", then the VAs of @obj in this VM, in list order. */
void era_print_gem(struct drm_gpuvm *gpuvm, struct drm_gem_object *obj);

/* `allocs`: library allocations; from v6.8 vm_bos separately. */
void era_print_allocs(void);
/* End of a trace: free the era's driver-tracked memory (vm_bos). */
void era_release_all(void);

#endif /* _DRIVER_ERA_H */
