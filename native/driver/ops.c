// SPDX-License-Identifier: MIT
/*
 * A VA prints as "<addr> <range> <obj handle, 0 for NULL> <offset>".
 * The driver frees a VA only after the library removed it and the driver
 * unlinked it, and never the kernel reserved node, which lives inside
 * struct drm_gpuvm.
 */

#include <stdio.h>

#include "ops.h"
#include "transcript.h"
#include "va_pool.h"
#include "vm_bo_pool.h"
#include "vm_pool.h"

#define VA_FMT "0x%llx 0x%llx %u 0x%llx"
#define VA_TEXT_LEN 96

static u32 handle_of(const struct drm_gem_object *obj)
{
	return obj ? obj->handle : 0;
}

static const char *va_text(char buf[VA_TEXT_LEN], const struct drm_gpuva *va)
{
	snprintf(buf, VA_TEXT_LEN, VA_FMT, va->va.addr, va->va.range,
		 handle_of(va->gem.obj), va->gem.offset);
	return buf;
}

static const char *map_text(char buf[VA_TEXT_LEN],
			    const struct drm_gpuva_op_map *map)
{
	if (!map)
		return "-";
	snprintf(buf, VA_TEXT_LEN, VA_FMT, map->va.addr, map->va.range,
		 handle_of(map->gem.obj), map->gem.offset);
	return buf;
}

void print_va_line(struct drm_gpuvm *gpuvm, const struct drm_gpuva *va)
{
	char buf[VA_TEXT_LEN];

	transcript_printf("VA %s%s\n", va_text(buf, va),
			  va == &gpuvm->kernel_alloc_node ? " kernel" : "");
}

void print_op(const struct drm_gpuva_op *op)
{
	char a[VA_TEXT_LEN], b[VA_TEXT_LEN], c[VA_TEXT_LEN];

	switch (op->op) {
	case DRM_GPUVA_OP_MAP:
		transcript_printf("MAP %s\n", map_text(a, &op->map));
		break;
	case DRM_GPUVA_OP_REMAP:
		transcript_printf("REMAP prev(%s) next(%s) unmap(%s keep=%d)\n",
				  map_text(a, op->remap.prev),
				  map_text(b, op->remap.next),
				  va_text(c, op->remap.unmap->va),
				  op->remap.unmap->keep ? 1 : 0);
		break;
	case DRM_GPUVA_OP_UNMAP:
		transcript_printf("UNMAP %s keep=%d\n", va_text(a, op->unmap.va),
				  op->unmap.keep ? 1 : 0);
		break;
	case DRM_GPUVA_OP_PREFETCH:
		transcript_printf("PREFETCH %s\n", va_text(a, op->prefetch.va));
		break;
	default:
		break;
	}
}

static void release_va(struct drm_gpuvm *gpuvm, struct drm_gpuva *va)
{
	if (va != &gpuvm->kernel_alloc_node)
		va_pool_free(va);
}

void apply_op(struct apply_ctx *ctx, struct drm_gpuva_op *op)
{
	struct drm_gpuvm *gpuvm = ctx->gpuvm;
	struct drm_gpuva *va, *prev = NULL, *next = NULL;

	switch (op->op) {
	case DRM_GPUVA_OP_MAP:
		va = va_pool_alloc();
		/* The insert's result is ignored, as in the examples. */
		drm_gpuva_map(gpuvm, va, &op->map);
		era_link(va, ctx);
		break;
	case DRM_GPUVA_OP_REMAP:
		va = op->remap.unmap->va;
		if (op->remap.prev)
			prev = va_pool_alloc();
		if (op->remap.next)
			next = va_pool_alloc();
		drm_gpuva_remap(prev, next, &op->remap);
		era_relink_remap(va, prev, next);
		release_va(gpuvm, va);
		break;
	case DRM_GPUVA_OP_UNMAP:
		va = op->unmap.va;
		drm_gpuva_unlink(va);
		drm_gpuva_unmap(&op->unmap);
		release_va(gpuvm, va);
		break;
	default:
		/* PREFETCH (and later eras' DRIVER ops) change nothing. */
		break;
	}
}

/* mode cb: each step is printed, then applied, inside its callback. */
static int driver_sm_step(struct drm_gpuva_op *op, void *priv)
{
	print_op(op);
	apply_op(priv, op);
	return 0;
}

#ifdef GPUVM_ERA_VM_BO
static void driver_vm_free(struct drm_gpuvm *gpuvm)
{
	vm_pool_free(gpuvm);
}
#endif

const struct drm_gpuvm_ops driver_gpuvm_ops = {
#ifdef GPUVM_ERA_VM_BO
	.vm_free = driver_vm_free,
	.vm_bo_alloc = vm_bo_pool_alloc,
	.vm_bo_free = vm_bo_pool_free,
#endif
	.sm_step_map = driver_sm_step,
	.sm_step_remap = driver_sm_step,
	.sm_step_unmap = driver_sm_step,
};
