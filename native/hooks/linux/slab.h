/* SPDX-License-Identifier: MIT */
/*
 * Intent: custom test hook.
 *
 * Stands in for <linux/slab.h> (kmalloc, kzalloc, kmemdup, kfree). The
 * allocations are real (malloc/calloc, so AddressSanitizer sees the seed's
 * memory errors and LeakSanitizer its leaks) and additionally:
 *
 *  - counted: every successful allocation increments a live counter and
 *    every kfree() of a non-NULL pointer decrements it, so a trace can ask
 *    how many library allocations are outstanding (`allocs`);
 *  - fault-injectable, one shot: slab_hook_fail_nth(n) makes the n-th
 *    allocation attempt from now on return NULL (1 = the next one) and then
 *    disarms; 0 disarms. This reaches the seed's -ENOMEM paths the way a
 *    kernel allocation failure would.
 *
 * Only code compiled against this header (the seed) is counted; the
 * driver allocates its own objects with calloc() directly.
 */
#ifndef _SHIM_LINUX_SLAB_H
#define _SHIM_LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kmemdup(const void *src, size_t len, gfp_t flags);
void kfree(const void *ptr);

/* Test hooks, used by the driver only. */
void slab_hook_reset(void);
void slab_hook_fail_nth(u64 n);
u64 slab_hook_live(void);
/*
 * One allocation attempt made for the library by a driver op (vm_bo_alloc):
 * counts towards `fail_alloc` like kzalloc(); true if it is the one to fail.
 */
bool slab_hook_attempt_fails(void);

#endif /* _SHIM_LINUX_SLAB_H */
