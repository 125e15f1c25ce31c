/* SPDX-License-Identifier: MIT */
/*
 * Parsing of trace requests (format: ../shared/trace-format.md, version 1)
 * and their canonical echo. A trace is parsed completely before any request
 * runs, so a malformed trace prints nothing but its error.
 */
#ifndef _DRIVER_TRACE_H
#define _DRIVER_TRACE_H

#include <stddef.h>

#include <linux/types.h>

enum request_kind {
	REQ_INIT,
	REQ_FINI,
	REQ_MODE,
	REQ_MAP,
	REQ_UNMAP,
	REQ_PREFETCH,
	REQ_GEM_UNMAP,
	REQ_INSERT,
	REQ_REMOVE,
	REQ_FIND,
	REQ_FIND_FIRST,
	REQ_FIND_PREV,
	REQ_FIND_NEXT,
	REQ_EMPTY,
	REQ_DUMP,
	REQ_GEM,
	REQ_FAIL_ALLOC,
	REQ_ALLOCS,
	REQ_MADVISE,
};

/* Values of the argument of `mode`. */
enum { MODE_LIST = 0, MODE_CB = 1 };

struct request {
	enum request_kind kind;
	unsigned int line;
	u64 arg[4];
};

struct trace {
	struct request *reqs;
	size_t nr;
	size_t cap;

	/* Parser state: line number, init seen at all, VA space initialized now. */
	unsigned int line;
	bool seen_init;
	bool active;
};

void trace_init(struct trace *t);
void trace_release(struct trace *t);

/* The longest line a trace may have, its line end excluded. */
#define TRACE_MAX_LINE 4096

/*
 * Parses the next line of @t: @len bytes without the LF (a CR before it is
 * dropped). Returns 0, or -1 with a message in @err that the caller prints as
 * "line <n>: <err>".
 */
int trace_parse_line(struct trace *t, const char *text, size_t len, char *err, size_t errlen);

/* Prints "> <request in canonical form>" to the transcript. */
void trace_echo(const struct request *req);

#endif /* _DRIVER_TRACE_H */
