/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <linux/module.h>. Module metadata has no meaning in a
 * userspace binary; each macro expands to a declaration that compiles to
 * nothing, so the `;` after it stays valid at file scope.
 */
#ifndef _SHIM_LINUX_MODULE_H
#define _SHIM_LINUX_MODULE_H

#include <linux/export.h>

#define __MODULE_INFO_NOP(tag, text)	_Static_assert(1, tag ": " text)

#define MODULE_LICENSE(text)		__MODULE_INFO_NOP("license", text)
#define MODULE_DESCRIPTION(text)	__MODULE_INFO_NOP("description", text)
#define MODULE_AUTHOR(text)		__MODULE_INFO_NOP("author", text)
#define MODULE_IMPORT_NS(ns)		__MODULE_INFO_NOP("import_ns", #ns)

#endif /* _SHIM_LINUX_MODULE_H */
