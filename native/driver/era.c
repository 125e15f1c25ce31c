// SPDX-License-Identifier: MIT
/*
 * The driver's era-dependent calls (see era.h). Each function follows the
 * "DOC: Examples" of the source of its era: from v6.8 a VA is linked through
 * the VM's &drm_gpuvm_bo for its object, obtained once per request (after
 * the op list is built, before it is applied) and put when the request is
 * done; a REMAP links the new pieces before it unlinks the old VA, so that
 * the vm_bo survives.
 */

#include <string.h>

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/slab.h>

#include "era.h"
#include "gem_objects.h"
#include "ops.h"
#include "transcript.h"
#include "vm_bo_pool.h"
#include "vm_pool.h"

#ifdef GPUVM_ERA_VM_BO
/* The device and the VM's reservation object: the driver's, not counted. */
static struct drm_device drm;
static struct drm_gem_object resv_obj;
#endif

void era_vm_init(struct drm_gpuvm *gpuvm, u64 start, u64 range,
		 u64 reserve_offset, u64 reserve_range)
{
#ifdef GPUVM_ERA_VM_BO
	drm_gem_private_object_init(&drm, &resv_obj, 0);
	resv_obj.funcs = &driver_gem_funcs;
	drm_gpuvm_init(gpuvm, "gpuvm-check", 0, &drm, &resv_obj, start, range,
		       reserve_offset, reserve_range, &driver_gpuvm_ops);
#else
	drm_gpuvm_init(gpuvm, "gpuvm-check", start, range, reserve_offset,
		       reserve_range, &driver_gpuvm_ops);
#endif
}

void era_vm_release(struct drm_gpuvm *gpuvm)
{
#ifdef GPUVM_ERA_VM_BO
	/* vm_free (ops.c) frees it when the last reference goes. */
	drm_gpuvm_put(gpuvm);
#else
	drm_gpuvm_destroy(gpuvm);
	vm_pool_free(gpuvm);
#endif
}

int era_vm_bo_obtain(struct apply_ctx *ctx, struct drm_gem_object *obj)
{
#ifdef GPUVM_ERA_VM_BO
	struct drm_gpuvm_bo *vm_bo;

	ctx->vm_bo = NULL;
	if (!obj)
		return 0;
	vm_bo = drm_gpuvm_bo_obtain(ctx->gpuvm, obj);
	if (IS_ERR(vm_bo))
		return (int)PTR_ERR(vm_bo);
	ctx->vm_bo = vm_bo;
#else
	(void)obj;
	ctx->vm_bo = NULL;
#endif
	return 0;
}

void era_vm_bo_put(struct apply_ctx *ctx)
{
#ifdef GPUVM_ERA_VM_BO
	if (ctx->vm_bo)
		drm_gpuvm_bo_put(ctx->vm_bo);
#endif
	ctx->vm_bo = NULL;
}

void era_link(struct drm_gpuva *va, struct apply_ctx *ctx)
{
#ifdef GPUVM_ERA_VM_BO
	drm_gpuva_link(va, ctx->vm_bo);
#else
	(void)ctx;
	drm_gpuva_link(va);
#endif
}

void era_relink_remap(struct drm_gpuva *va, struct drm_gpuva *prev,
		      struct drm_gpuva *next)
{
#ifdef GPUVM_ERA_VM_BO
	if (prev)
		drm_gpuva_link(prev, va->vm_bo);
	if (next)
		drm_gpuva_link(next, va->vm_bo);
	drm_gpuva_unlink(va);
#else
	drm_gpuva_unlink(va);
	if (prev)
		drm_gpuva_link(prev);
	if (next)
		drm_gpuva_link(next);
#endif
}

#ifdef GPUVM_ERA_MAP_REQ
static struct drm_gpuvm_map_req map_req(const u64 *a, struct drm_gem_object *obj)
{
	struct drm_gpuvm_map_req req = {
		.map.va.addr = a[0],
		.map.va.range = a[1],
		.map.gem.obj = obj,
		.map.gem.offset = a[3],
	};

	return req;
}
#endif

/* map_args: addr, range, GEM handle, offset, as in the `map` request. */
struct drm_gpuva_ops *era_sm_map_ops_create(struct drm_gpuvm *gpuvm,
					    const u64 *a)
{
	struct drm_gem_object *obj = gem_object((u32)a[2]);
#ifdef GPUVM_ERA_MAP_REQ
	struct drm_gpuvm_map_req req = map_req(a, obj);

	return drm_gpuvm_sm_map_ops_create(gpuvm, &req);
#else
	return drm_gpuvm_sm_map_ops_create(gpuvm, a[0], a[1], obj, a[3]);
#endif
}

int era_sm_map(struct drm_gpuvm *gpuvm, struct apply_ctx *ctx, const u64 *a)
{
	struct drm_gem_object *obj = gem_object((u32)a[2]);
#ifdef GPUVM_ERA_MAP_REQ
	struct drm_gpuvm_map_req req = map_req(a, obj);

	return drm_gpuvm_sm_map(gpuvm, ctx, &req);
#else
	return drm_gpuvm_sm_map(gpuvm, ctx, a[0], a[1], obj, a[3]);
#endif
}

struct drm_gpuva_ops *era_madvise_ops_create(struct drm_gpuvm *gpuvm,
					     u64 addr, u64 range)
{
#ifdef GPUVM_ERA_MADVISE
	struct drm_gpuvm_map_req req = {
		.map.va.addr = addr,
		.map.va.range = range,
	};

	return drm_gpuvm_madvise_ops_create(gpuvm, &req);
#else
	(void)gpuvm;
	(void)addr;
	(void)range;
	return ERR_PTR(-EOPNOTSUPP);
#endif
}

struct drm_gpuva_ops *era_gem_unmap_ops_create(struct apply_ctx *ctx,
					       struct drm_gem_object *obj)
{
#ifdef GPUVM_ERA_VM_BO
	struct drm_gpuvm_bo *vm_bo = drm_gpuvm_bo_find(ctx->gpuvm, obj);

	ctx->vm_bo = vm_bo;
	if (!vm_bo)
		return NULL;
	return drm_gpuvm_bo_unmap_ops_create(vm_bo);
#else
	ctx->vm_bo = NULL;
	return drm_gpuvm_gem_unmap_ops_create(ctx->gpuvm, obj);
#endif
}

void era_print_gem(struct drm_gpuvm *gpuvm, struct drm_gem_object *obj)
{
	struct drm_gpuva *va;
	unsigned int n = 0;
#ifdef GPUVM_ERA_VM_BO
	/* Named vm_bo: some eras' drm_gpuvm_bo_for_each_va() use that name. */
	struct drm_gpuvm_bo *vm_bo = drm_gpuvm_bo_find(gpuvm, obj);

	if (vm_bo) {
		drm_gpuvm_bo_for_each_va(va, vm_bo)
			n++;
	}
	transcript_printf("VAS %u\n", n);
	if (vm_bo) {
		drm_gpuvm_bo_for_each_va(va, vm_bo)
			print_va_line(gpuvm, va);
		drm_gpuvm_bo_put(vm_bo);
	}
#else
	drm_gem_for_each_gpuva(va, obj)
		n++;
	transcript_printf("VAS %u\n", n);
	drm_gem_for_each_gpuva(va, obj)
		print_va_line(gpuvm, va);
#endif
}

void era_print_allocs(void)
{
#ifdef GPUVM_ERA_VM_BO
	transcript_printf("ALLOCS live=%llu vm_bo=%llu\n", slab_hook_live(),
			  vm_bo_pool_live());
#else
	transcript_printf("ALLOCS live=%llu\n", slab_hook_live());
#endif
}

void era_release_all(void)
{
#ifdef GPUVM_ERA_VM_BO
	vm_bo_pool_release_all();
	memset(&resv_obj, 0, sizeof(resv_obj));
#endif
}
