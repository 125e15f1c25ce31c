/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <linux/mutex.h>; see <linux/spinlock.h> in this directory
 * for why locking does nothing in the single-threaded driver.
 */
#ifndef _SHIM_LINUX_MUTEX_H
#define _SHIM_LINUX_MUTEX_H

#include <linux/lockdep.h>

struct mutex {
	int unused;
};

#define DEFINE_MUTEX(x)		struct mutex x = { 0 }

#define mutex_init(lock)	do { (void)(lock); } while (0)
#define mutex_destroy(lock)	do { (void)(lock); } while (0)
#define mutex_lock(lock)	do { (void)(lock); } while (0)
#define mutex_unlock(lock)	do { (void)(lock); } while (0)
#define mutex_is_locked(lock)	((void)(lock), 1)

#endif /* _SHIM_LINUX_MUTEX_H */
