// SPDX-License-Identifier: MIT
/*
 * Numbers are u64 in decimal or 0x-prefixed hex; a sign, a missing digit,
 * junk or a value above 2^64-1 is an error, never a silent wrap. Words are
 * separated by blanks (space, tab, VT, FF); `#` starts a comment.
 *
 * Lines end with LF or CRLF. A CR anywhere else, a NUL byte, or a line longer
 * than TRACE_MAX_LINE is an error: the same rules as the TypeScript parser
 * (src/trace/parse.ts), so that a trace reads the same on both. Errors quote
 * at most EXCERPT_CHARS characters of the input, escaped.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"
#include "transcript.h"

#define OBJ_MAX 65535

enum arg_kind {
	ARG_ADDR,	/* address, range or offset: echoed in hex */
	ARG_OBJ,	/* GEM handle 0..65535, 0 meaning NULL: decimal */
	ARG_GEM,	/* GEM handle 1..65535: decimal */
	ARG_COUNT,	/* plain count: decimal */
	ARG_MODE,	/* `list` or `cb` */
};

struct request_desc {
	const char *name;
	unsigned int nargs;
	enum arg_kind args[4];
};

static const struct request_desc descs[] = {
	[REQ_INIT] = { "init", 4, { ARG_ADDR, ARG_ADDR, ARG_ADDR, ARG_ADDR } },
	[REQ_FINI] = { "fini", 0, { 0 } },
	[REQ_MODE] = { "mode", 1, { ARG_MODE } },
	[REQ_MAP] = { "map", 4, { ARG_ADDR, ARG_ADDR, ARG_OBJ, ARG_ADDR } },
	[REQ_UNMAP] = { "unmap", 2, { ARG_ADDR, ARG_ADDR } },
	[REQ_PREFETCH] = { "prefetch", 2, { ARG_ADDR, ARG_ADDR } },
	[REQ_GEM_UNMAP] = { "gem_unmap", 1, { ARG_GEM } },
	[REQ_INSERT] = { "insert", 4, { ARG_ADDR, ARG_ADDR, ARG_OBJ, ARG_ADDR } },
	[REQ_REMOVE] = { "remove", 2, { ARG_ADDR, ARG_ADDR } },
	[REQ_FIND] = { "find", 2, { ARG_ADDR, ARG_ADDR } },
	[REQ_FIND_FIRST] = { "find_first", 2, { ARG_ADDR, ARG_ADDR } },
	[REQ_FIND_PREV] = { "find_prev", 1, { ARG_ADDR } },
	[REQ_FIND_NEXT] = { "find_next", 1, { ARG_ADDR } },
	[REQ_EMPTY] = { "empty", 2, { ARG_ADDR, ARG_ADDR } },
	[REQ_DUMP] = { "dump", 0, { 0 } },
	[REQ_GEM] = { "gem", 1, { ARG_GEM } },
	[REQ_FAIL_ALLOC] = { "fail_alloc", 1, { ARG_COUNT } },
	[REQ_ALLOCS] = { "allocs", 0, { 0 } },
	[REQ_MADVISE] = { "madvise", 2, { ARG_ADDR, ARG_ADDR } },
};

/* Characters of bad input an error quotes; as src/trace/excerpt.ts. */
#define EXCERPT_CHARS 60

#define NR_DESCS (sizeof(descs) / sizeof(descs[0]))
#define MAX_WORDS 6

void trace_init(struct trace *t)
{
	memset(t, 0, sizeof(*t));
}

void trace_release(struct trace *t)
{
	free(t->reqs);
	trace_init(t);
}

static int fail(char *err, size_t errlen, const char *fmt, ...) __printf(3, 4);

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * @src escaped into @dst: bytes outside printable ASCII and backslash as
 * \xNN / \\, cut after EXCERPT_CHARS input bytes, a cut marked with "…".
 */
static const char *excerpt(char *dst, size_t dstlen, const char *src, size_t len)
{
	size_t i, used = 0;

	for (i = 0; i < len && used + 8 < dstlen; i++) {
		unsigned char c = (unsigned char)src[i];

		if (i == EXCERPT_CHARS) {
			used += (size_t)snprintf(dst + used, dstlen - used, "\xe2\x80\xa6");
			break;
		}
		if (c == '\\')
			used += (size_t)snprintf(dst + used, dstlen - used, "\\\\");
		else if (c >= 0x20 && c < 0x7f)
			dst[used++] = (char)c;
		else
			used += (size_t)snprintf(dst + used, dstlen - used, "\\x%02x", c);
	}
	dst[used] = '\0';
	return dst;
}

/* A word quoted in an error: escaped and short. */
#define QUOTE(word) excerpt(quote_buf, sizeof(quote_buf), (word), strlen(word))

static char quote_buf[EXCERPT_CHARS * 4 + 8];

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Returns 0 and the value, -1 for junk, -2 for a value above 2^64-1. */
static int parse_u64(const char *word, u64 *out)
{
	unsigned int base = 10;
	const char *p = word;
	u64 v = 0;

	if (p[0] == '0' && p[1] == 'x') {
		base = 16;
		p += 2;
	}
	if (!*p)
		return -1;

	for (; *p; p++) {
		int d = hex_digit(*p);

		if (d < 0 || (unsigned int)d >= base)
			return -1;
		if (v > (~0ULL - (u64)d) / base)
			return -2;
		v = v * base + (u64)d;
	}
	*out = v;
	return 0;
}

static int parse_arg(enum arg_kind kind, const char *word, u64 *out,
		     char *err, size_t errlen)
{
	int ret;

	if (kind == ARG_MODE) {
		if (!strcmp(word, "list"))
			*out = MODE_LIST;
		else if (!strcmp(word, "cb"))
			*out = MODE_CB;
		else
			return fail(err, errlen,
				    "mode must be 'list' or 'cb', not '%s'", QUOTE(word));
		return 0;
	}

	ret = parse_u64(word, out);
	if (ret == -1)
		return fail(err, errlen, "invalid number '%s'", QUOTE(word));
	if (ret == -2)
		return fail(err, errlen, "number out of range (above 2^64-1) '%s'", QUOTE(word));

	if (kind == ARG_OBJ && *out > OBJ_MAX)
		return fail(err, errlen, "obj %s out of range 0..%d", QUOTE(word), OBJ_MAX);
	if (kind == ARG_GEM && (*out < 1 || *out > OBJ_MAX))
		return fail(err, errlen, "obj %s out of range 1..%d", QUOTE(word), OBJ_MAX);
	return 0;
}

/* Splits @line in place at blanks; returns the word count or -1 if too many. */
static int split_words(char *line, char *words[MAX_WORDS])
{
	char *save = NULL, *w;
	int n = 0;

	for (w = strtok_r(line, " \t\v\f", &save); w;
	     w = strtok_r(NULL, " \t\v\f", &save)) {
		if (n == MAX_WORDS)
			return -1;
		words[n++] = w;
	}
	return n;
}

static struct request *trace_add(struct trace *t)
{
	if (t->nr == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		struct request *reqs = realloc(t->reqs, cap * sizeof(*reqs));

		if (!reqs)
			abort();
		t->reqs = reqs;
		t->cap = cap;
	}
	return &t->reqs[t->nr++];
}

/* What is wrong with the bytes of a line (its line end removed), or 0. */
static int line_defect(const char *text, size_t len, char *err, size_t errlen)
{
	const char *bad;

	if (len > TRACE_MAX_LINE)
		return fail(err, errlen, "line longer than %d characters: '%s'",
			    TRACE_MAX_LINE, excerpt(quote_buf, sizeof(quote_buf), text, len));
	bad = memchr(text, '\0', len);
	if (bad)
		return fail(err, errlen, "NUL byte at column %zu (a binary file?): '%s'",
			    (size_t)(bad - text) + 1,
			    excerpt(quote_buf, sizeof(quote_buf), text, len));
	bad = memchr(text, '\r', len);
	if (bad)
		return fail(err, errlen,
			    "carriage return at column %zu inside a line (CR-only line ends? lines end with LF or CRLF): '%s'",
			    (size_t)(bad - text) + 1,
			    excerpt(quote_buf, sizeof(quote_buf), text, len));
	return 0;
}

int trace_parse_line(struct trace *t, const char *text, size_t len, char *err, size_t errlen)
{
	char *words[MAX_WORDS];
	const struct request_desc *desc = NULL;
	struct request req;
	char *line, *hash;
	unsigned int i;
	int n, ret = -1;

	t->line++;

	if (len && text[len - 1] == '\r')
		len--;
	if (line_defect(text, len, err, errlen))
		return -1;

	line = strndup(text, len);
	if (!line)
		abort();
	hash = strchr(line, '#');
	if (hash)
		*hash = '\0';

	n = split_words(line, words);
	if (n == 0) {
		ret = 0;
		goto out;
	}
	if (n < 0) {
		fail(err, errlen, "too many words");
		goto out;
	}

	memset(&req, 0, sizeof(req));
	for (i = 0; i < NR_DESCS; i++) {
		if (!strcmp(words[0], descs[i].name)) {
			desc = &descs[i];
			req.kind = (enum request_kind)i;
			break;
		}
	}
	if (!desc) {
		fail(err, errlen, "unknown request '%s'", QUOTE(words[0]));
		goto out;
	}
	if ((unsigned int)(n - 1) != desc->nargs) {
		fail(err, errlen, "'%s' takes %u argument%s, got %d", desc->name,
		     desc->nargs, desc->nargs == 1 ? "" : "s", n - 1);
		goto out;
	}
	for (i = 0; i < desc->nargs; i++) {
		if (parse_arg(desc->args[i], words[i + 1], &req.arg[i], err, errlen))
			goto out;
	}

	if (req.kind == REQ_INIT) {
		t->seen_init = t->active = true;
	} else if (req.kind != REQ_MODE && !t->active) {
		fail(err, errlen, "'%s' %s", desc->name,
		     t->seen_init ? "after fini without a new init" : "before the first init");
		goto out;
	} else if (req.kind == REQ_FINI) {
		t->active = false;
	}

	req.line = t->line;
	*trace_add(t) = req;
	ret = 0;
out:
	free(line);
	return ret;
}

void trace_echo(const struct request *req)
{
	const struct request_desc *desc = &descs[req->kind];
	char buf[256];
	size_t len;
	unsigned int i;

	len = (size_t)snprintf(buf, sizeof(buf), "> %s", desc->name);
	for (i = 0; i < desc->nargs; i++) {
		u64 v = req->arg[i];

		switch (desc->args[i]) {
		case ARG_ADDR:
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, " 0x%llx", v);
			break;
		case ARG_MODE:
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, " %s",
						v == MODE_CB ? "cb" : "list");
			break;
		default:
			len += (size_t)snprintf(buf + len, sizeof(buf) - len, " %llu", v);
			break;
		}
	}
	transcript_printf("%s\n", buf);
}
