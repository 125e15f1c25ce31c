/* SPDX-License-Identifier: MIT */
/*
 * Coverage builds (gcc --coverage, -DDRIVER_GCOV) write their counts to the
 * .gcda file only at a normal exit. A batch or stream driver lives long and
 * may die of a signal or be killed: these keep most of its counts anyway.
 * Without DRIVER_GCOV both are no-ops.
 */
#ifndef _DRIVER_GCOV_DUMP_H
#define _DRIVER_GCOV_DUMP_H

/* Writes the counts gathered since the last write. */
void gcov_checkpoint(void);
/* The same, at most once a second (for a stream, request by request). */
void gcov_checkpoint_each_second(void);
/* Writes the counts now; for the fatal-signal handler and _exit() paths. */
void gcov_dump_now(void);

#endif /* _DRIVER_GCOV_DUMP_H */
