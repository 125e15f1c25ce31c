// SPDX-License-Identifier: MIT
/*
 * Flushing must work from a signal handler, so it uses write(2) only and
 * the buffer is a static array: no stdio, no allocation. A fatal signal is
 * re-raised with its default action after the flush, so the parent still
 * sees the process die of it.
 *
 * SIGTERM is how the parent stops a driver that hangs; flushing then keeps
 * the transcript up to the hang.
 *
 * An ordinary flush blocks those signals while it writes: a handler that ran
 * in the middle of it would write the same buffer again (the length is reset
 * only once the bytes are out), and the parent would read a stretch of the
 * transcript twice. Blocked, the signal waits until the buffer is written and
 * emptied; the handler then flushes only what came after.
 *
 * In sanitizer builds the sanitizer owns SIGSEGV, SIGBUS and SIGFPE (it
 * reports them itself) and calls our death callback before exiting; we only
 * take the fatal signals nobody handles yet, e.g. SIGABRT from UBSan with
 * abort_on_error=1, whose runtime does not run the death callback.
 */

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "transcript.h"
#include "gcov_dump.h"

#include "sanitized.h"

#ifdef DRIVER_SANITIZED
#include <sanitizer/common_interface_defs.h>
#endif

static char out_buf[64 * 1024];
static volatile size_t out_used;

/* A line longer than this is cut; the longest real one is a REMAP (~250). */
#define LINE_MAX_LEN 2048

/* The signals whose handler flushes; blocked during an ordinary flush. */
static sigset_t flush_signals;

static void write_buffer(void)
{
	size_t done = 0, used = out_used;

	while (done < used) {
		ssize_t n = write(STDOUT_FILENO, out_buf + done, used - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* The reader is gone; nothing left to tell. */
		done += (size_t)n;
	}
	out_used = 0;
}

void transcript_flush(void)
{
	sigset_t old;

	sigprocmask(SIG_BLOCK, &flush_signals, &old);
	write_buffer();
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void transcript_printf(const char *fmt, ...)
{
	char line[LINE_MAX_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;

	if (out_used + (size_t)n > sizeof(out_buf))
		transcript_flush();
	memcpy(out_buf + out_used, line, (size_t)n);
	/* Publish the length only after the bytes: a crash may flush any time. */
	out_used += (size_t)n;
}

static void crash_flush_handler(int sig)
{
	write_buffer();
	gcov_dump_now();
	/* SA_RESETHAND restored the default; it takes effect on return. */
	raise(sig);
}

#ifdef DRIVER_SANITIZED
static void sanitizer_death_callback(void)
{
	write_buffer();
}
#endif

static void ensure_alt_stack(void)
{
	static char alt_stack[64 * 1024];
	stack_t current, ours = {
		.ss_sp = alt_stack,
		.ss_size = sizeof(alt_stack),
	};

	/* Keep a sanitizer's own alternate stack if it set one up. */
	if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE))
		return;
	sigaltstack(&ours, NULL);
}

void transcript_install_crash_flush(void)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTERM };
	struct sigaction sa;
	size_t i;

	ensure_alt_stack();
	sigemptyset(&flush_signals);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = crash_flush_handler;
	sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);

	for (i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		struct sigaction old;

		if (sigaction(fatal[i], NULL, &old) != 0)
			continue;
		if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL &&
		    sigaction(fatal[i], &sa, NULL) == 0)
			sigaddset(&flush_signals, fatal[i]);
	}

#ifdef DRIVER_SANITIZED
	__sanitizer_set_death_callback(sanitizer_death_callback);
#endif
}
