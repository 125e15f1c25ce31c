// SPDX-License-Identifier: MIT
/*
 * The batch driver writes after each trace, before its end marker (the
 * parent may kill a driver as soon as it has the transcript it wanted); a
 * stream at most once a second.
 *
 * libgcov merges what a process writes into the .gcda file already there
 * (under a file lock), so writing and then zeroing the in-memory counters
 * (__gcov_dump, __gcov_reset) can be repeated: the file always holds the
 * sum, and the exit-time write adds only what came after the last one.
 *
 * From the fatal-signal handler the write is best effort: libgcov uses stdio
 * and malloc, which a crash inside malloc could leave locked; the parent then
 * sees a hang instead of the crash's exit only in coverage builds.
 */
#include "gcov_dump.h"

#ifdef DRIVER_GCOV
#include <time.h>

void __gcov_dump(void);
void __gcov_reset(void);

void gcov_checkpoint(void)
{
	__gcov_dump();
	__gcov_reset();
}

void gcov_checkpoint_each_second(void)
{
	static time_t last;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	if (now.tv_sec == last)
		return;
	last = now.tv_sec;
	gcov_checkpoint();
}

void gcov_dump_now(void)
{
	__gcov_dump();
}
#else
void gcov_checkpoint(void)
{
}

void gcov_checkpoint_each_second(void)
{
}

void gcov_dump_now(void)
{
}
#endif
