// SPDX-License-Identifier: MIT

#include <stdio.h>
#include <stdlib.h>

#include "gem_objects.h"

static struct drm_gem_object *objects[GEM_HANDLE_MAX + 1];

/* Handles created in this trace, so that releasing costs what was used. */
static u32 created[GEM_HANDLE_MAX];
static u32 nr_created;

static void gem_object_freed_under_driver(struct drm_gem_object *obj)
{
	if (obj->handle)
		fprintf(stderr, "GEM object %u: last reference dropped while the driver holds it (a put without its get)\n", obj->handle);
	else
		fprintf(stderr, "the VM's reservation object: last reference dropped while the driver holds it (a put without its get)\n");
	abort();
}

const struct drm_gem_object_funcs driver_gem_funcs = {
	.free = gem_object_freed_under_driver,
};

struct drm_gem_object *gem_object(u32 handle)
{
	struct drm_gem_object *obj;

	if (!handle || handle > GEM_HANDLE_MAX)
		return NULL;

	obj = objects[handle];
	if (!obj) {
		obj = calloc(1, sizeof(*obj));
		if (!obj)
			abort();
		/* Its one reference is the driver's: see gem_objects.h. */
		drm_gem_private_object_init(NULL, obj, 0);
		obj->funcs = &driver_gem_funcs;
		obj->handle = handle;
		objects[handle] = obj;
		created[nr_created++] = handle;
	}
	return obj;
}

void gem_objects_release_all(void)
{
	while (nr_created) {
		u32 handle = created[--nr_created];

		free(objects[handle]);
		objects[handle] = NULL;
	}
}
