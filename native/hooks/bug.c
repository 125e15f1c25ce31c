// SPDX-License-Identifier: MIT
/*
 * Intent: custom test hook, see <linux/bug.h> in this directory.
 *
 * The kernel's printk treats a trailing newline as the end of the record;
 * the transcript has one line per record, so trailing newlines go.
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/bug.h>

static void stderr_sink(const char *message)
{
	fprintf(stderr, "WARN %s\n", message);
}

static warn_sink_fn sink = stderr_sink;

void warn_hook_set_sink(warn_sink_fn fn)
{
	sink = fn ? fn : stderr_sink;
}

void __warn_printf(const char *fmt, ...)
{
	char message[1024];
	size_t len;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);

	len = strlen(message);
	while (len && message[len - 1] == '\n')
		message[--len] = '\0';

	sink(message);
}
