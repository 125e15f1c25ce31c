/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics (implemented in native/lib/drm_exec.c).
 *
 * Stands in for <drm/drm_exec.h>: locks a set of GEM objects' reservation
 * objects, retrying the whole set on contention. It keeps the kernel's
 * contract for what a caller sees: each locked object is held with one
 * reference until drm_exec_fini(); locking an object twice returns
 * -EALREADY unless DRM_EXEC_IGNORE_DUPLICATES is set; the objects are
 * visited in locking order. Contention needs a second thread, which the
 * driver does not have, so drm_exec_until_all_locked() runs its body once
 * and drm_exec_retry_on_contention() never retries.
 */
#ifndef _SHIM_DRM_DRM_EXEC_H
#define _SHIM_DRM_DRM_EXEC_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/dma-resv.h>
#include <linux/types.h>

struct drm_gem_object;

#define DRM_EXEC_INTERRUPTIBLE_WAIT	BIT(0)
#define DRM_EXEC_IGNORE_DUPLICATES	BIT(1)

struct drm_exec {
	u32 flags;
	struct ww_acquire_ctx ticket;
	unsigned int num_objects;
	unsigned int max_objects;
	struct drm_gem_object **objects;
	/* Passes of drm_exec_until_all_locked() made so far. */
	unsigned int passes;
};

void __drm_exec_init(struct drm_exec *exec, u32 flags, unsigned int nr);

/*
 * drm_exec_init(exec, flags, nr): nr, the expected number of objects, came
 * with v6.8; development trees just before it call drm_exec_init(exec, flags).
 * Both forms are taken, nr defaulting to 0 (no expectation).
 */
#define __drm_exec_first(first, ...)	(first)
#define drm_exec_init(exec, flags, ...)					\
	__drm_exec_init((exec), (flags), __drm_exec_first(__VA_ARGS__ __VA_OPT__(,) 0))
void drm_exec_fini(struct drm_exec *exec);
bool drm_exec_cleanup(struct drm_exec *exec);
int drm_exec_lock_obj(struct drm_exec *exec, struct drm_gem_object *obj);
void drm_exec_unlock_obj(struct drm_exec *exec, struct drm_gem_object *obj);
int drm_exec_prepare_obj(struct drm_exec *exec, struct drm_gem_object *obj,
			 unsigned int num_fences);
int drm_exec_prepare_array(struct drm_exec *exec,
			   struct drm_gem_object **objects,
			   unsigned int num_objects,
			   unsigned int num_fences);

static inline bool drm_exec_is_contended(struct drm_exec *exec)
{
	(void)exec;
	return false;
}

/* Runs the body until every lock is taken: once, without contention. */
#define drm_exec_until_all_locked(exec)	while (drm_exec_cleanup(exec))

#define drm_exec_retry_on_contention(exec)			\
	do {							\
		if (unlikely(drm_exec_is_contended(exec)))	\
			continue;				\
	} while (0)

#define drm_exec_for_each_locked_object(exec, index, obj)		\
	for ((index) = 0; (index) < (exec)->num_objects &&		\
	     ((obj) = (exec)->objects[index], true); ++(index))

#define drm_exec_for_each_locked_object_reverse(exec, index, obj)	\
	for ((index) = (exec)->num_objects - 1;				\
	     (index) < (exec)->num_objects &&				\
	     ((obj) = (exec)->objects[index], true); --(index))

#endif /* _SHIM_DRM_DRM_EXEC_H */
