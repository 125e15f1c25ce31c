/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics, reduced to what drm_gpuvm uses.
 *
 * Stands in for <drm/drm_device.h>. drm_gpuvm only keeps a pointer to the
 * device and hands it to drm_WARN*(), which name the device in the kernel
 * log; transcripts leave the device out, so nothing of it is needed here.
 * Sources before the v6.18.y header clean-up reach the drm_WARN*() macros
 * through the DRM headers without including <drm/drm_print.h>, hence the
 * include.
 */
#ifndef _SHIM_DRM_DRM_DEVICE_H
#define _SHIM_DRM_DRM_DEVICE_H

#include <drm/drm_print.h>

struct drm_device {
	const char *driver_name;
};

#endif /* _SHIM_DRM_DRM_DEVICE_H */
