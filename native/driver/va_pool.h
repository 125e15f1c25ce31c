/* SPDX-License-Identifier: MIT */
/*
 * The driver's own &drm_gpuva objects (for MAP, REMAP and `insert`).
 *
 * They are the driver's memory, not the library's: calloc/free, never
 * counted by `allocs`, never failed by `fail_alloc`. Like a real driver, we
 * embed struct drm_gpuva in a structure of our own; ours carries an entry on
 * a registry of every VA still allocated, so the end of a trace can free
 * them all without asking the library (whose state may be inconsistent).
 */
#ifndef _DRIVER_VA_POOL_H
#define _DRIVER_VA_POOL_H

#include <drm/drm_gpuvm.h>

struct drm_gpuva *va_pool_alloc(void);
void va_pool_free(struct drm_gpuva *va);
void va_pool_release_all(void);

#endif /* _DRIVER_VA_POOL_H */
