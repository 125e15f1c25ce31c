// SPDX-License-Identifier: MIT
/*
 * Intent: implementation of duplicated semantics, see <drm/drm_exec.h>.
 *
 * The array of locked objects is the driver's memory (malloc), not the
 * GPUVM library's: drm_exec is a library of its own, and `allocs` and
 * `fail_alloc` count drm_gpuvm's allocations only.
 */

#include <stdlib.h>

#include <drm/drm_exec.h>
#include <drm/drm_gem.h>
#include <linux/errno.h>

void __drm_exec_init(struct drm_exec *exec, u32 flags, unsigned int nr)
{
	exec->flags = flags;
	exec->num_objects = 0;
	exec->max_objects = nr ? nr : 16;
	exec->objects = calloc(exec->max_objects, sizeof(*exec->objects));
	if (!exec->objects)
		abort();
	exec->passes = 0;
}

static void unlock_all(struct drm_exec *exec)
{
	while (exec->num_objects) {
		struct drm_gem_object *obj = exec->objects[--exec->num_objects];

		dma_resv_unlock(obj->resv);
		drm_gem_object_put(obj);
	}
}

void drm_exec_fini(struct drm_exec *exec)
{
	unlock_all(exec);
	free(exec->objects);
	exec->objects = NULL;
}

bool drm_exec_cleanup(struct drm_exec *exec)
{
	/* The first pass takes every lock; without contention none follows. */
	return exec->passes++ == 0;
}

static bool is_locked(const struct drm_exec *exec, const struct drm_gem_object *obj)
{
	unsigned int i;

	for (i = 0; i < exec->num_objects; i++)
		if (exec->objects[i] == obj)
			return true;
	return false;
}

int drm_exec_lock_obj(struct drm_exec *exec, struct drm_gem_object *obj)
{
	int ret;

	if (is_locked(exec, obj))
		return exec->flags & DRM_EXEC_IGNORE_DUPLICATES ? 0 : -EALREADY;

	ret = dma_resv_lock(obj->resv, &exec->ticket);
	if (ret)
		return ret;

	if (exec->num_objects == exec->max_objects) {
		struct drm_gem_object **grown =
			realloc(exec->objects, 2 * exec->max_objects * sizeof(*grown));

		if (!grown)
			abort();
		exec->objects = grown;
		exec->max_objects *= 2;
	}
	drm_gem_object_get(obj);
	exec->objects[exec->num_objects++] = obj;
	return 0;
}

void drm_exec_unlock_obj(struct drm_exec *exec, struct drm_gem_object *obj)
{
	unsigned int i;

	for (i = exec->num_objects; i--;) {
		if (exec->objects[i] != obj)
			continue;
		dma_resv_unlock(obj->resv);
		drm_gem_object_put(obj);
		for (++i; i < exec->num_objects; i++)
			exec->objects[i - 1] = exec->objects[i];
		exec->num_objects--;
		return;
	}
}

int drm_exec_prepare_obj(struct drm_exec *exec, struct drm_gem_object *obj,
			 unsigned int num_fences)
{
	int ret = drm_exec_lock_obj(exec, obj);

	if (ret)
		return ret;
	return dma_resv_reserve_fences(obj->resv, num_fences);
}

int drm_exec_prepare_array(struct drm_exec *exec,
			   struct drm_gem_object **objects,
			   unsigned int num_objects,
			   unsigned int num_fences)
{
	unsigned int i;
	int ret;

	for (i = 0; i < num_objects; i++) {
		ret = drm_exec_prepare_obj(exec, objects[i], num_fences);
		if (ret)
			return ret;
	}
	return 0;
}
