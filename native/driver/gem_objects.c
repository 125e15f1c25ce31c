// SPDX-License-Identifier: MIT

#include <stdlib.h>

#include "gem_objects.h"

static struct drm_gem_object *objects[GEM_HANDLE_MAX + 1];

/* Handles created in this trace, so that releasing costs what was used. */
static u32 created[GEM_HANDLE_MAX];
static u32 nr_created;

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
		/* No funcs: the driver frees its objects, never the last put. */
		drm_gem_private_object_init(NULL, obj, 0);
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
