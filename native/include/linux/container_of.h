/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/container_of.h>. Plain pointer arithmetic without the
 * kernel's type check: the check only produces build errors, never different
 * behaviour, and the seed already builds against the real one.
 */
#ifndef _SHIM_LINUX_CONTAINER_OF_H
#define _SHIM_LINUX_CONTAINER_OF_H

#include <stddef.h>

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#endif /* _SHIM_LINUX_CONTAINER_OF_H */
