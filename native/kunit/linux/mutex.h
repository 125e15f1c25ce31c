/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics, reduced to what generated KUnit tests
 * use.
 *
 * Stands in for <linux/mutex.h>: a sleeping lock with one owner. The tests
 * are single threaded, so a mutex here only records whether it is held;
 * locking a held mutex or unlocking a free one is a bug (BUG_ON), as the
 * kernel's mutex debugging reports it. There is no lockdep: the
 * dep_map exists so that drm_gem_gpuva_set_lock(obj, &lock) has the field
 * it names in kernels with CONFIG_LOCKDEP.
 */
#ifndef _SHIM_LINUX_MUTEX_H
#define _SHIM_LINUX_MUTEX_H

#include <linux/bug.h>
#include <linux/types.h>

struct lockdep_map {
	const char *name;
};

struct mutex {
	bool locked;
	struct lockdep_map dep_map;
};

static inline void mutex_init(struct mutex *lock)
{
	lock->locked = false;
}

static inline void mutex_lock(struct mutex *lock)
{
	BUG_ON(lock->locked);
	lock->locked = true;
}

static inline void mutex_unlock(struct mutex *lock)
{
	BUG_ON(!lock->locked);
	lock->locked = false;
}

static inline void mutex_destroy(struct mutex *lock)
{
	BUG_ON(lock->locked);
}

#endif /* _SHIM_LINUX_MUTEX_H */
