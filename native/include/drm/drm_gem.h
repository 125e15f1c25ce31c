/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics, reduced to what drm_gpuvm uses.
 *
 * Stands in for <drm/drm_gem.h> of the Linux 6.7 era. A GEM object is only
 * the anchor of its list of GPU VAs here (struct drm_gpuva::gem.entry links
 * into it); buffers, handles tables and reference counts do not take part
 * in VA management and are left out.
 *
 * drm_gem_gpuva_assert_lock_held() is the kernel's CONFIG_LOCKDEP=n variant:
 * it checks nothing. Locking is the driver's business, and the test driver
 * is single threaded.
 */
#ifndef _SHIM_DRM_DRM_GEM_H
#define _SHIM_DRM_DRM_GEM_H

#include <linux/list.h>
#include <linux/types.h>

struct drm_gem_object {
	/* The GPU VAs backed by this object, see drm_gpuva_link(). */
	struct {
		struct list_head list;
	} gpuva;

	/* Test-only: the trace's name for this object, printed in transcripts. */
	u32 handle;
};

/*
 * As drm_gem_private_object_init() does for every new object: the list must
 * be a valid empty list before the first drm_gpuva_link().
 */
static inline void drm_gem_gpuva_init(struct drm_gem_object *obj)
{
	INIT_LIST_HEAD(&obj->gpuva.list);
}

#define drm_gem_gpuva_set_lock(obj, lock)	do { (void)(obj); } while (0)
#define drm_gem_gpuva_assert_lock_held(obj)	do { (void)(obj); } while (0)

/* Iterate the &drm_gpuva entries of @obj__ in link order. */
#define drm_gem_for_each_gpuva(entry__, obj__) \
	list_for_each_entry(entry__, &(obj__)->gpuva.list, gem.entry)

/* As drm_gem_for_each_gpuva(), but @entry__ may be unlinked in the body. */
#define drm_gem_for_each_gpuva_safe(entry__, next__, obj__) \
	list_for_each_entry_safe(entry__, next__, &(obj__)->gpuva.list, gem.entry)

#endif /* _SHIM_DRM_DRM_GEM_H */
