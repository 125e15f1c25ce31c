/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <linux/spinlock.h>. The driver runs one trace at a time on
 * one thread, so there is nothing to exclude: taking and dropping a lock
 * does nothing. The type keeps a field so that structures embedding it have
 * a size, and so that a lock that was never initialised is still zeroed
 * memory as in the kernel.
 */
#ifndef _SHIM_LINUX_SPINLOCK_H
#define _SHIM_LINUX_SPINLOCK_H

#include <linux/lockdep.h>

typedef struct {
	int unused;
} spinlock_t;

#define DEFINE_SPINLOCK(x)	spinlock_t x = { 0 }

#define spin_lock_init(lock)	do { (void)(lock); } while (0)
#define spin_lock(lock)		do { (void)(lock); } while (0)
#define spin_unlock(lock)	do { (void)(lock); } while (0)
#define spin_lock_irqsave(lock, flags)		do { (void)(lock); (flags) = 0; } while (0)
#define spin_unlock_irqrestore(lock, flags)	do { (void)(lock); (void)(flags); } while (0)
#define assert_spin_locked(lock)	do { (void)(lock); } while (0)

#endif /* _SHIM_LINUX_SPINLOCK_H */
