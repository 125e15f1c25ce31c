// SPDX-License-Identifier: MIT
/*
 * Intent: implementation of duplicated semantics, see <drm/drm_gem.h>.
 */

#include <drm/drm_gem.h>

void drm_gem_private_object_init(struct drm_device *dev,
				 struct drm_gem_object *obj, size_t size)
{
	obj->dev = dev;
	obj->size = size;
	kref_init(&obj->refcount);
	dma_resv_init(&obj->_resv);
	obj->resv = &obj->_resv;
	drm_gem_gpuva_init(obj);
}

void drm_gem_object_release(struct drm_gem_object *obj)
{
	if (obj->resv == &obj->_resv)
		dma_resv_fini(&obj->_resv);
}

void drm_gem_object_free(struct kref *kref)
{
	struct drm_gem_object *obj =
		container_of(kref, struct drm_gem_object, refcount);

	if (obj->funcs && obj->funcs->free)
		obj->funcs->free(obj);
}
