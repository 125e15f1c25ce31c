/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/types.h>: the fixed-width integer names and bool.
 * u64 is `unsigned long long` exactly as in the kernel's int-ll64.h, so the
 * seed's arithmetic wraps at 2^64 the way it does in the kernel and "%llx"
 * prints it without casts.
 */
#ifndef _SHIM_LINUX_TYPES_H
#define _SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef signed char s8;
typedef unsigned char u8;
typedef short s16;
typedef unsigned short u16;
typedef int s32;
typedef unsigned int u32;
typedef long long s64;
typedef unsigned long long u64;

typedef unsigned int gfp_t;

#endif /* _SHIM_LINUX_TYPES_H */
