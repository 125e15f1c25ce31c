/* SPDX-License-Identifier: MIT */
/*
 * Intent: custom test hook.
 *
 * Stands in for the drm_WARN*() macros of <drm/drm_print.h>. In the kernel
 * drm_WARN(drm, cond, fmt, ...) is WARN() with the device's driver and name
 * put in front of the message; drm_WARN_ON(drm, x) warns with the message
 * "drm_WARN_ON(<x as written, macros expanded>)". Here they go through the
 * same WARN() hook as the seed's warnings, without the device prefix
 * (trace-format.md: WARN text as the source formats it, no device). The
 * device is not evaluated, as in the kernel when the condition is false.
 */
#ifndef _SHIM_DRM_DRM_PRINT_H
#define _SHIM_DRM_DRM_PRINT_H

#include <linux/bug.h>
#include <linux/stringify.h>

#define drm_WARN(drm, condition, format...) ({				\
	(void)sizeof(drm);						\
	WARN(condition, format);					\
})

#define drm_WARN_ONCE(drm, condition, format...) ({			\
	(void)sizeof(drm);						\
	WARN_ONCE(condition, format);					\
})

#define drm_WARN_ON(drm, x)						\
	drm_WARN((drm), (x), "%s", "drm_WARN_ON(" __stringify(x) ")")

#define drm_WARN_ON_ONCE(drm, x)					\
	drm_WARN_ONCE((drm), (x), "%s", "drm_WARN_ON_ONCE(" __stringify(x) ")")

#endif /* _SHIM_DRM_DRM_PRINT_H */
