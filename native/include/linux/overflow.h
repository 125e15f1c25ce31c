/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/overflow.h>. check_add_overflow() stores the wrapped
 * sum in *d and returns true if the mathematical sum does not fit *d's type,
 * which is what the kernel's version does through the same builtin. The seed
 * relies on it in drm_gpuvm_check_overflow() to refuse u64 ranges that wrap.
 */
#ifndef _SHIM_LINUX_OVERFLOW_H
#define _SHIM_LINUX_OVERFLOW_H

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

#endif /* _SHIM_LINUX_OVERFLOW_H */
