/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <linux/lockdep.h> as built with CONFIG_LOCKDEP=n: the
 * assertions check nothing. Locking is the driver's business, and the test
 * driver is single threaded.
 */
#ifndef _SHIM_LINUX_LOCKDEP_H
#define _SHIM_LINUX_LOCKDEP_H

#define lockdep_assert(cond)			do { } while (0)
#define lockdep_assert_held(lock)		do { (void)(lock); } while (0)
#define lockdep_assert_held_write(lock)		do { (void)(lock); } while (0)
#define lockdep_assert_not_held(lock)		do { (void)(lock); } while (0)
#define lockdep_assert_once(cond)		do { } while (0)
#define might_lock(lock)			do { (void)(lock); } while (0)
#define might_sleep()				do { } while (0)
#define might_fault()				do { } while (0)

#endif /* _SHIM_LINUX_LOCKDEP_H */
