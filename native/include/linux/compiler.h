/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/compiler.h> and friends: branch hints, attributes and
 * the ONCE accessors. READ_ONCE/WRITE_ONCE keep their volatile access so the
 * compiler may not merge or tear the pointer updates the rb-tree code makes,
 * as in the kernel; there is no concurrency here, it only keeps the generated
 * code close to the kernel's.
 */
#ifndef _SHIM_LINUX_COMPILER_H
#define _SHIM_LINUX_COMPILER_H

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

/* glibc's <sys/cdefs.h> defines some of these too, with the same meaning. */
#ifndef __maybe_unused
#define __maybe_unused		__attribute__((__unused__))
#endif
#ifndef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#ifndef __printf
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#endif
#ifndef __must_check
#define __must_check		__attribute__((__warn_unused_result__))
#endif

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#endif /* _SHIM_LINUX_COMPILER_H */
