/* SPDX-License-Identifier: MIT */
/*
 * Intent: no-op stub.
 *
 * Stands in for <linux/export.h>. There is no module loader in userspace;
 * EXPORT_SYMBOL_GPL() only re-declares the symbol, which still makes the
 * compiler check that the exported name exists, and swallows the `;` that
 * follows it at file scope.
 */
#ifndef _SHIM_LINUX_EXPORT_H
#define _SHIM_LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)	extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL(sym)	extern __typeof__(sym) sym

#endif /* _SHIM_LINUX_EXPORT_H */
