/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/kref.h>: a reference count whose last put calls a
 * release function. The driver is single threaded, so a plain counter has
 * the kernel's semantics; kref_put() returns 1 exactly when it released.
 * The kernel's refcount_t saturates on overflow and underflow instead of
 * wrapping; an underflow here calls release again, which the sanitizers
 * report as the double free it would be.
 */
#ifndef _SHIM_LINUX_KREF_H
#define _SHIM_LINUX_KREF_H

#include <linux/mutex.h>
#include <linux/types.h>

struct kref {
	unsigned int refcount;
};

#define KREF_INIT(n)	{ .refcount = (n) }

static inline void kref_init(struct kref *kref)
{
	kref->refcount = 1;
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return kref->refcount;
}

static inline void kref_get(struct kref *kref)
{
	kref->refcount++;
}

static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (--kref->refcount == 0) {
		release(kref);
		return 1;
	}
	return 0;
}

/* As kref_put(), but @release runs with @mutex held and must unlock it. */
static inline int kref_put_mutex(struct kref *kref,
				 void (*release)(struct kref *kref),
				 struct mutex *mutex)
{
	if (--kref->refcount == 0) {
		mutex_lock(mutex);
		release(kref);
		return 1;
	}
	return 0;
}

static inline int kref_get_unless_zero(struct kref *kref)
{
	if (!kref->refcount)
		return 0;
	kref->refcount++;
	return 1;
}

#endif /* _SHIM_LINUX_KREF_H */
