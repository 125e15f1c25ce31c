// SPDX-License-Identifier: MIT

#include <stdlib.h>

#include <linux/list.h>

#include "vm_pool.h"

struct driver_vm {
	struct drm_gpuvm gpuvm;
	struct list_head registry;
};

static LIST_HEAD(registry);

struct drm_gpuvm *vm_pool_alloc(void)
{
	/* Zeroed, as a driver's kzalloc() would give drm_gpuvm_init(). */
	struct driver_vm *dvm = calloc(1, sizeof(*dvm));

	if (!dvm)
		abort();
	list_add_tail(&dvm->registry, &registry);
	return &dvm->gpuvm;
}

void vm_pool_free(struct drm_gpuvm *gpuvm)
{
	struct driver_vm *dvm = container_of(gpuvm, struct driver_vm, gpuvm);

	list_del(&dvm->registry);
	free(dvm);
}

void vm_pool_release_all(void)
{
	struct driver_vm *dvm, *next;

	list_for_each_entry_safe(dvm, next, &registry, registry) {
		list_del(&dvm->registry);
		free(dvm);
	}
}
