/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <linux/dma-resv.h>. A reservation object is a lock plus the
 * fences of a buffer. The driver is single threaded and no trace waits on a
 * fence, so locking always succeeds at once, held-checks say yes, and
 * adding a fence keeps nothing. The usage values keep the kernel's order,
 * the only property drm_gpuvm relies on (it passes them through).
 */
#ifndef _SHIM_LINUX_DMA_RESV_H
#define _SHIM_LINUX_DMA_RESV_H

#include <linux/dma-fence.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/types.h>

enum dma_resv_usage {
	DMA_RESV_USAGE_KERNEL,
	DMA_RESV_USAGE_WRITE,
	DMA_RESV_USAGE_READ,
	DMA_RESV_USAGE_BOOKKEEP,
};

struct ww_acquire_ctx {
	int unused;
};

struct dma_resv {
	int unused;
};

static inline void dma_resv_init(struct dma_resv *obj)
{
	(void)obj;
}

static inline void dma_resv_fini(struct dma_resv *obj)
{
	(void)obj;
}

static inline int dma_resv_lock(struct dma_resv *obj, struct ww_acquire_ctx *ctx)
{
	(void)obj;
	(void)ctx;
	return 0;
}

static inline void dma_resv_unlock(struct dma_resv *obj)
{
	(void)obj;
}

static inline int dma_resv_reserve_fences(struct dma_resv *obj, unsigned int num_fences)
{
	(void)obj;
	(void)num_fences;
	return 0;
}

static inline void dma_resv_add_fence(struct dma_resv *obj, struct dma_fence *fence,
				      enum dma_resv_usage usage)
{
	(void)obj;
	(void)fence;
	(void)usage;
}

#define dma_resv_held(obj)		((void)(obj), true)
#define dma_resv_assert_held(obj)	do { (void)(obj); } while (0)

#endif /* _SHIM_LINUX_DMA_RESV_H */
