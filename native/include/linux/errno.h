/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for the kernel-internal <linux/errno.h>. The uapi header of the
 * same name (installed with the C library's kernel headers) carries the
 * kernel's own values, ENOENT 2, ENOMEM 12, EEXIST 17, EINVAL 22, which the
 * transcripts print, so this shim forwards to it. It must forward rather
 * than define: glibc's <errno.h> includes <linux/errno.h> too and, with
 * native/include on the path, reaches this file.
 */
#ifndef _SHIM_LINUX_ERRNO_H
#define _SHIM_LINUX_ERRNO_H

#include_next <linux/errno.h>

#endif /* _SHIM_LINUX_ERRNO_H */
