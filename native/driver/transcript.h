/* SPDX-License-Identifier: MIT */
/*
 * The transcript writer of the C driver: lines go to an own buffer that is
 * written to stdout at the end of a trace, when full, and, if the process
 * dies, from the fatal-signal handler or the sanitizer's death callback, so
 * that everything printed before a crash reaches the parent.
 */
#ifndef _DRIVER_TRANSCRIPT_H
#define _DRIVER_TRANSCRIPT_H

#include <linux/compiler.h>

void transcript_printf(const char *fmt, ...) __printf(1, 2);
void transcript_flush(void);
void transcript_install_crash_flush(void);

#endif /* _DRIVER_TRANSCRIPT_H */
