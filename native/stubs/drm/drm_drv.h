/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <drm/drm_drv.h>, which later sources include for
 * drm_dev_get()/drm_dev_put(): the VM holds a reference on its device. The
 * test driver's device is a static that outlives every VM, so the reference
 * count has nothing to release.
 */
#ifndef _SHIM_DRM_DRM_DRV_H
#define _SHIM_DRM_DRM_DRV_H

#include <drm/drm_device.h>

static inline void drm_dev_get(struct drm_device *dev)
{
	(void)dev;
}

static inline void drm_dev_put(struct drm_device *dev)
{
	(void)dev;
}

#endif /* _SHIM_DRM_DRM_DRV_H */
