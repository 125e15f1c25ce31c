/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/poison.h>. list_del() leaves these values in the
 * removed entry. On x86-64 the kernel adds POISON_POINTER_DELTA
 * (0xdead000000000000) so that the poisoned pointers are non-canonical: any
 * use of an entry after list_del() faults instead of quietly reading memory.
 * The same addresses fault in userspace, so a use-after-del in the seed
 * crashes here as it would oops in the kernel.
 */
#ifndef _SHIM_LINUX_POISON_H
#define _SHIM_LINUX_POISON_H

#define POISON_POINTER_DELTA	0xdead000000000000UL

#define LIST_POISON1	((void *)(0x100 + POISON_POINTER_DELTA))
#define LIST_POISON2	((void *)(0x122 + POISON_POINTER_DELTA))

#endif /* _SHIM_LINUX_POISON_H */
