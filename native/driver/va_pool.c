// SPDX-License-Identifier: MIT

#include <stdlib.h>

#include "va_pool.h"

struct driver_va {
	struct drm_gpuva va;
	struct list_head registry;
};

static LIST_HEAD(registry);

struct drm_gpuva *va_pool_alloc(void)
{
	/* Zeroed, as the seed expects: vm NULL and NULL (not self) links. */
	struct driver_va *dva = calloc(1, sizeof(*dva));

	if (!dva)
		abort();
	list_add_tail(&dva->registry, &registry);
	return &dva->va;
}

void va_pool_free(struct drm_gpuva *va)
{
	struct driver_va *dva = container_of(va, struct driver_va, va);

	list_del(&dva->registry);
	free(dva);
}

void va_pool_release_all(void)
{
	struct driver_va *dva, *next;

	list_for_each_entry_safe(dva, next, &registry, registry) {
		list_del(&dva->registry);
		free(dva);
	}
}
