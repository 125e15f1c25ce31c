/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <linux/gfp.h>. Allocation contexts (may sleep, may reclaim,
 * atomic) do not exist in userspace: the flags are accepted and ignored by
 * the slab hooks. Whether an allocation fails is decided only by the test's
 * fault injection, never by the flags.
 */
#ifndef _SHIM_LINUX_GFP_H
#define _SHIM_LINUX_GFP_H

#include <linux/types.h>

#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0x200u
#define GFP_ATOMIC	0x001u
#define GFP_NOWAIT	0x002u
#define GFP_KERNEL	0x004u

#endif /* _SHIM_LINUX_GFP_H */
