/* SPDX-License-Identifier: MIT */
/*
 * Intent: custom test hook.
 *
 * Stands in for <linux/bug.h> (WARN, WARN_ON, WARN_ONCE, BUG_ON). In the
 * kernel WARN(cond, fmt, ...) evaluates cond once, logs the formatted
 * message with a backtrace if it is true, and yields cond so callers can
 * branch on it. Here the message is handed to a sink at the moment the
 * warning fires, so it lands in the transcript between the lines printed
 * before and after it; the driver sets the sink. WARN_ONCE fires every
 * time: a trace must print the same lines however often it runs in one
 * process. BUG_ON() aborts, the closest userspace analogue of an oops.
 */
#ifndef _SHIM_LINUX_BUG_H
#define _SHIM_LINUX_BUG_H

#include <stdlib.h>

#include <linux/compiler.h>

void __warn_printf(const char *fmt, ...) __printf(1, 2);

#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__warn_printf(format);					\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__warn_printf("WARN_ON(%s)", #condition);		\
	unlikely(__ret_warn_on);					\
})

#define WARN_ONCE(condition, format...)	WARN(condition, format)
#define WARN_ON_ONCE(condition)		WARN_ON(condition)

#define BUG_ON(condition) do { if (unlikely(condition)) abort(); } while (0)
#define BUG() abort()

/* Test hook: receives each message, trailing newlines removed. */
typedef void (*warn_sink_fn)(const char *message);
void warn_hook_set_sink(warn_sink_fn sink);

#endif /* _SHIM_LINUX_BUG_H */
