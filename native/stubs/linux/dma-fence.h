/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <linux/dma-fence.h>. drm_gpuvm only passes fences through
 * to the reservation objects (drm_gpuvm_resv_add_fence()); traces never
 * create one, so the type stays opaque.
 */
#ifndef _SHIM_LINUX_DMA_FENCE_H
#define _SHIM_LINUX_DMA_FENCE_H

struct dma_fence;

#endif /* _SHIM_LINUX_DMA_FENCE_H */
