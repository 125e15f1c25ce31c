/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/limits.h>: the largest u64. The seed does not use it,
 * but kernel patches against it do (GPUVM-009 ends a range that runs past
 * 2^64 at U64_MAX), and in the kernel <linux/mm.h> provides it.
 */
#ifndef _SHIM_LINUX_LIMITS_H
#define _SHIM_LINUX_LIMITS_H

#include <linux/types.h>

#define U64_MAX		((u64)~0ULL)

#endif /* _SHIM_LINUX_LIMITS_H */
