// SPDX-License-Identifier: MIT
/*
 * Intent: custom test hook, see <linux/slab.h> in this directory.
 *
 * The countdown is decremented by every allocation attempt while armed, so
 * `fail_alloc n` names an attempt by its position in the library's own
 * allocation order; the attempt that reaches zero fails and disarms.
 */

#include <stdlib.h>
#include <string.h>

#include <linux/slab.h>

static u64 live;
static u64 fail_countdown;

void slab_hook_reset(void)
{
	live = 0;
	fail_countdown = 0;
}

void slab_hook_fail_nth(u64 n)
{
	fail_countdown = n;
}

u64 slab_hook_live(void)
{
	return live;
}

bool slab_hook_attempt_fails(void)
{
	if (!fail_countdown)
		return false;
	return --fail_countdown == 0;
}

static void *slab_alloc(size_t size, bool zero)
{
	void *p;

	if (slab_hook_attempt_fails())
		return NULL;

	/* malloc(0) may return NULL; the kernel returns a valid token. */
	p = zero ? calloc(1, size ? size : 1) : malloc(size ? size : 1);
	if (!p)
		abort();
	live++;
	return p;
}

void *kmalloc(size_t size, gfp_t flags)
{
	return slab_alloc(size, flags & __GFP_ZERO);
}

void *kzalloc(size_t size, gfp_t flags)
{
	(void)flags;
	return slab_alloc(size, true);
}

void *kmemdup(const void *src, size_t len, gfp_t flags)
{
	void *p = slab_alloc(len, false);

	(void)flags;
	if (p)
		memcpy(p, src, len);
	return p;
}

void kfree(const void *ptr)
{
	if (!ptr)
		return;
	live--;
	free((void *)ptr);
}
