// SPDX-License-Identifier: MIT

#include <stdlib.h>

#include <linux/slab.h>

#include "vm_bo_pool.h"

#ifdef GPUVM_ERA_VM_BO

struct driver_vm_bo {
	struct drm_gpuvm_bo vm_bo;
	struct list_head registry;
};

static LIST_HEAD(registry);
static u64 live;

struct drm_gpuvm_bo *vm_bo_pool_alloc(void)
{
	struct driver_vm_bo *dvb;

	if (slab_hook_attempt_fails())
		return NULL;
	/* Zeroed, as kzalloc() would give the library. */
	dvb = calloc(1, sizeof(*dvb));
	if (!dvb)
		abort();
	list_add_tail(&dvb->registry, &registry);
	live++;
	return &dvb->vm_bo;
}

void vm_bo_pool_free(struct drm_gpuvm_bo *vm_bo)
{
	struct driver_vm_bo *dvb = container_of(vm_bo, struct driver_vm_bo, vm_bo);

	list_del(&dvb->registry);
	live--;
	free(dvb);
}

u64 vm_bo_pool_live(void)
{
	return live;
}

void vm_bo_pool_release_all(void)
{
	struct driver_vm_bo *dvb, *next;

	list_for_each_entry_safe(dvb, next, &registry, registry) {
		list_del(&dvb->registry);
		free(dvb);
	}
	live = 0;
}

#else

/* ISO C wants something in a translation unit. */
typedef int vm_bo_pool_unused_in_this_era;

#endif
