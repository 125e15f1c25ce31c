/* SPDX-License-Identifier: MIT */
/*
 * Intent: umbrella header (no behaviour of its own).
 *
 * Stands in for <linux/mm.h>, the seed's last include. In the kernel it
 * transitively provides everything else the seed uses; here it pulls in
 * exactly that, from the three kinds of shims:
 *   native/include/  duplicated kernel semantics (err, errno, limits, overflow,
 *                    string)
 *   native/stubs/    no-op stubs (module, export, gfp)
 *   native/hooks/    custom test hooks (slab fault injection, WARN capture)
 */
#ifndef _SHIM_LINUX_MM_H
#define _SHIM_LINUX_MM_H

#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>

#endif /* _SHIM_LINUX_MM_H */
