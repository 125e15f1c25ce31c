/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics, reduced to what drm_gpuvm uses.
 *
 * Stands in for <drm/drm_gem.h>, for every era from the seed (Linux 6.7) on.
 * A GEM object here is a reference count, a reservation object and the
 * anchor of its GPU VA list; buffers and handle tables do not take part in
 * VA management and are left out. What hangs on the list depends on the
 * era: the seed links &drm_gpuva entries (drm_gpuva::gem.entry), later
 * eras link one &drm_gpuvm_bo per VM (drm_gpuvm_bo::list.entry.gem).
 *
 * drm_gem_object_put() releases through funcs->free on the last reference,
 * as drm_gem_object_free() does in the kernel; an object without funcs is
 * owned by whoever created it (the test driver) and is not freed here.
 *
 * drm_gem_gpuva_assert_lock_held() is the kernel's CONFIG_LOCKDEP=n variant:
 * it checks nothing; its arguments changed over the eras (the object; then
 * the VM and the object), so it takes any.
 */
#ifndef _SHIM_DRM_DRM_GEM_H
#define _SHIM_DRM_DRM_GEM_H

#include <linux/dma-resv.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

struct drm_device;
struct drm_gem_object;

struct drm_gem_object_funcs {
	/* Releases the object when its last reference goes. */
	void (*free)(struct drm_gem_object *obj);
};

struct drm_gem_object {
	struct kref refcount;
	struct drm_device *dev;
	size_t size;
	const struct drm_gem_object_funcs *funcs;

	/* The reservation object in use: its own _resv unless shared. */
	struct dma_resv *resv;
	struct dma_resv _resv;

	/* The GPU VAs (seed) or the &drm_gpuvm_bo (later eras) of this object. */
	struct {
		struct list_head list;
		struct mutex lock;
	} gpuva;

	/* Test-only: the trace's name for this object, printed in transcripts. */
	u32 handle;
};

/*
 * The object starts with one reference, its own reservation object and an
 * empty GPU VA list, as the kernel's drm_gem_private_object_init() leaves it.
 */
void drm_gem_private_object_init(struct drm_device *dev,
				 struct drm_gem_object *obj, size_t size);
void drm_gem_object_release(struct drm_gem_object *obj);
void drm_gem_object_free(struct kref *kref);

static inline void drm_gem_object_get(struct drm_gem_object *obj)
{
	kref_get(&obj->refcount);
}

static inline void drm_gem_object_put(struct drm_gem_object *obj)
{
	if (obj)
		kref_put(&obj->refcount, drm_gem_object_free);
}

/* The list must be a valid empty list before the first link. */
static inline void drm_gem_gpuva_init(struct drm_gem_object *obj)
{
	INIT_LIST_HEAD(&obj->gpuva.list);
	mutex_init(&obj->gpuva.lock);
}

#define drm_gem_gpuva_set_lock(obj, lock)	do { (void)(obj); } while (0)
#define drm_gem_gpuva_assert_lock_held(...)	do { } while (0)

/* Iterate the &drm_gpuva entries of @obj__ in link order (seed era). */
#define drm_gem_for_each_gpuva(entry__, obj__) \
	list_for_each_entry(entry__, &(obj__)->gpuva.list, gem.entry)

/* As drm_gem_for_each_gpuva(), but @entry__ may be unlinked in the body. */
#define drm_gem_for_each_gpuva_safe(entry__, next__, obj__) \
	list_for_each_entry_safe(entry__, next__, &(obj__)->gpuva.list, gem.entry)

/* Iterate the &drm_gpuvm_bo of @obj__, one per VM (later eras). */
#define drm_gem_for_each_gpuvm_bo(entry__, obj__) \
	list_for_each_entry(entry__, &(obj__)->gpuva.list, list.entry.gem)

#define drm_gem_for_each_gpuvm_bo_safe(entry__, next__, obj__) \
	list_for_each_entry_safe(entry__, next__, &(obj__)->gpuva.list, list.entry.gem)

#endif /* _SHIM_DRM_DRM_GEM_H */
