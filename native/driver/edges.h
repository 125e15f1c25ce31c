/* SPDX-License-Identifier: MIT */
/*
 * Edge coverage of the code under test, for coverage-guided campaigns.
 *
 * An `instrument: 'edges'` build compiles drm_gpuvm.c alone (never our driver
 * or shims) with gcc's -fsanitize-coverage=trace-pc, which calls
 * __sanitizer_cov_trace_pc() at the start of every basic block. The hook
 * hashes the block's address (relative to the hook itself, so that every
 * process of one binary agrees) and pairs it with the previous block, as
 * AFL does, into an index of a 2^16-entry edge map.
 *
 * The driver answers a batch-protocol line "@@edges" (never part of a trace:
 * ../shared/trace-format.md is unchanged) with one line
 * "EDGES <n> <index>..." naming the n edges first hit since the previous
 * answer, and forgets them, so each answer holds only new edges of this
 * process. DRIVER_EDGES is defined for the driver of such builds only; other
 * builds reject "@@edges" as a malformed line.
 */
#ifndef _DRIVER_EDGES_H
#define _DRIVER_EDGES_H

/* The hook gcc's -fsanitize-coverage=trace-pc calls. */
void __sanitizer_cov_trace_pc(void);

/* A trace starts: its first block pairs with no previous one. */
void edges_trace_start(void);

/* Prints "EDGES <n> <index>..." for the edges new since the last call. */
void edges_print_new(void);

#endif /* _DRIVER_EDGES_H */
