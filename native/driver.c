// SPDX-License-Identifier: MIT
/*
 * gpuvm-driver: runs traces against a drm_gpuvm.c (the seed's, or a later
 * era's: see driver/era.h).
 *
 *   gpuvm-driver            one trace on stdin, its transcript on stdout
 *   gpuvm-driver --stream   the same, each request run as soon as it is read,
 *                           so that memory does not grow with the trace; a
 *                           malformed line ends the run after the transcript
 *                           of the lines before it (for pre-checked traces)
 *   gpuvm-driver --batch    traces on stdin, each followed by a line "@@end";
 *                           each transcript is followed by "@@end" and flushed;
 *                           in an edge-instrumented build a line "@@edges"
 *                           adds "EDGES ..." after it (driver/edges.h)
 *
 * Exit status: 0 done; 2 a malformed trace ("line <n>: <message>" on
 * stderr, nothing printed for that trace); 23 (sanitizer builds) the
 * transcripts are complete but LeakSanitizer found leaks at the end; 64 bad
 * command line. A crash ends the process with its signal or the sanitizer's
 * exit status after flushing what the transcript had so far.
 *
 * What the driver does per request is docs/driver-semantics.md; the
 * TypeScript driver follows the same page.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <drm/drm_gpuvm.h>

#include "driver/edges.h"
#include "driver/era.h"
#include "driver/gcov_dump.h"
#include "driver/gem_objects.h"
#include "driver/ops.h"
#include "driver/trace.h"
#include "driver/transcript.h"
#include "driver/va_pool.h"
#include "driver/vm_pool.h"

#include "driver/sanitized.h"

#ifdef DRIVER_SANITIZED
#include <sanitizer/lsan_interface.h>
#endif

#define EXIT_MALFORMED	2
#define EXIT_LEAK	23
#define EXIT_USAGE	64

#define BATCH_END "@@end"
/* Batch protocol, instrumented builds: answer with the new edges (edges.h). */
#define EDGES_QUERY "@@edges"

/* State of one trace, see "State of one trace" in driver-semantics.md. */
static struct drm_gpuvm *vm;
static bool active;
static int mode = MODE_LIST;
static bool edges_asked;

static const char *errno_name(int err)
{
	switch (err) {
	case ENOENT: return "ENOENT";
	case ENOMEM: return "ENOMEM";
	case EEXIST: return "EEXIST";
	case EINVAL: return "EINVAL";
	case EBUSY: return "EBUSY";
	case ENOSPC: return "ENOSPC";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EALREADY: return "EALREADY";
	default: return "EUNKNOWN";
	}
}

static void print_status(int ret)
{
	if (ret)
		transcript_printf("ERR %d %s\n", ret, errno_name(-ret));
	else
		transcript_printf("OK\n");
}

static void warn_to_transcript(const char *message)
{
	transcript_printf("WARN %s\n", message);
}

static void do_fini(void)
{
	struct drm_gpuva *va, *next;

	drm_gpuvm_for_each_va_safe(va, next, vm) {
		if (va == &vm->kernel_alloc_node)
			continue;
		drm_gpuva_unlink(va);
		drm_gpuva_remove(va);
		va_pool_free(va);
	}
	era_vm_release(vm);
	vm = NULL;
	active = false;
}

/*
 * Prints every op of @ops, then applies them all (mode list) unless only
 * asked to print, then frees them. NULL is an empty list.
 */
static int run_ops(struct drm_gpuva_ops *ops, struct apply_ctx *ctx, bool apply)
{
	struct drm_gpuva_op *op;

	if (!ops)
		return 0;
	if (IS_ERR(ops))
		return (int)PTR_ERR(ops);

	drm_gpuva_for_each_op(op, ops)
		print_op(op);
	if (apply) {
		drm_gpuva_for_each_op(op, ops)
			apply_op(ctx, op);
	}
	drm_gpuva_ops_free(vm, ops);
	return 0;
}

/*
 * `map`: the op list first (mode list), then the VM's vm_bo for the object
 * (v6.8+), as the examples do; mode cb needs the vm_bo before the walk.
 */
static int do_map(const u64 *a)
{
	struct apply_ctx ctx = { .gpuvm = vm };
	struct drm_gpuva_ops *ops = NULL;
	int ret;

	if (mode == MODE_LIST) {
		ops = era_sm_map_ops_create(vm, a);
		if (IS_ERR(ops))
			return (int)PTR_ERR(ops);
	}
	ret = era_vm_bo_obtain(&ctx, gem_object((u32)a[2]));
	if (ret) {
		if (ops)
			drm_gpuva_ops_free(vm, ops);
		return ret;
	}
	if (mode == MODE_CB)
		ret = era_sm_map(vm, &ctx, a);
	else
		ret = run_ops(ops, &ctx, true);
	era_vm_bo_put(&ctx);
	return ret;
}

static int do_gem_unmap(u32 handle)
{
	struct apply_ctx ctx = { .gpuvm = vm };
	int ret;

	ret = run_ops(era_gem_unmap_ops_create(&ctx, gem_object(handle)), &ctx, true);
	era_vm_bo_put(&ctx);
	return ret;
}

/* `insert`: a VA linked on success, through the vm_bo from v6.8. */
static int do_insert(const u64 *a)
{
	struct drm_gem_object *obj = gem_object((u32)a[2]);
	struct apply_ctx ctx = { .gpuvm = vm };
	struct drm_gpuva *va;
	int ret;

	ret = era_vm_bo_obtain(&ctx, obj);
	if (ret)
		return ret;
	va = va_pool_alloc();
	/* The fields drm_gpuva_init() set (a helper gone from v6.18). */
	va->va.addr = a[0];
	va->va.range = a[1];
	va->gem.obj = obj;
	va->gem.offset = a[3];
	ret = drm_gpuva_insert(vm, va);
	if (ret)
		va_pool_free(va);
	else
		era_link(va, &ctx);
	era_vm_bo_put(&ctx);
	return ret;
}

static void print_found(struct drm_gpuva *va)
{
	if (va)
		print_va_line(vm, va);
	else
		transcript_printf("NONE\n");
}

static void run_request(const struct request *req)
{
	const u64 *a = req->arg;
	/* Unmap-like requests link nothing new: no vm_bo. */
	struct apply_ctx ctx = { .gpuvm = vm };
	struct drm_gpuva *va;
	unsigned int n;
	int ret;

	trace_echo(req);

	switch (req->kind) {
	case REQ_INIT:
		if (active)
			do_fini();
		vm = vm_pool_alloc();
		era_vm_init(vm, a[0], a[1], a[2], a[3]);
		active = true;
		print_status(0);
		break;
	case REQ_FINI:
		do_fini();
		print_status(0);
		break;
	case REQ_MODE:
		mode = (int)a[0];
		print_status(0);
		break;
	case REQ_MAP:
		print_status(do_map(a));
		break;
	case REQ_UNMAP:
		if (mode == MODE_CB)
			ret = drm_gpuvm_sm_unmap(vm, &ctx, a[0], a[1]);
		else
			ret = run_ops(drm_gpuvm_sm_unmap_ops_create(vm, a[0], a[1]),
				      &ctx, true);
		print_status(ret);
		break;
	case REQ_MADVISE:
		print_status(run_ops(era_madvise_ops_create(vm, a[0], a[1]),
				     &ctx, true));
		break;
	case REQ_PREFETCH:
		print_status(run_ops(drm_gpuvm_prefetch_ops_create(vm, a[0], a[1]),
				     &ctx, false));
		break;
	case REQ_GEM_UNMAP:
		print_status(do_gem_unmap((u32)a[0]));
		break;
	case REQ_INSERT:
		print_status(do_insert(a));
		break;
	case REQ_REMOVE:
		va = drm_gpuva_find(vm, a[0], a[1]);
		if (!va) {
			print_status(-ENOENT);
			break;
		}
		drm_gpuva_remove(va);
		drm_gpuva_unlink(va);
		if (va != &vm->kernel_alloc_node)
			va_pool_free(va);
		print_status(0);
		break;
	case REQ_FIND:
		print_found(drm_gpuva_find(vm, a[0], a[1]));
		break;
	case REQ_FIND_FIRST:
		print_found(drm_gpuva_find_first(vm, a[0], a[1]));
		break;
	case REQ_FIND_PREV:
		print_found(drm_gpuva_find_prev(vm, a[0]));
		break;
	case REQ_FIND_NEXT:
		print_found(drm_gpuva_find_next(vm, a[0]));
		break;
	case REQ_EMPTY:
		transcript_printf("EMPTY %d\n",
				  drm_gpuvm_interval_empty(vm, a[0], a[1]) ? 1 : 0);
		break;
	case REQ_DUMP:
		n = 0;
		drm_gpuvm_for_each_va(va, vm)
			n++;
		transcript_printf("VAS %u\n", n);
		drm_gpuvm_for_each_va(va, vm)
			print_va_line(vm, va);
		break;
	case REQ_GEM:
		era_print_gem(vm, gem_object((u32)a[0]));
		break;
	case REQ_FAIL_ALLOC:
		slab_hook_fail_nth(a[0]);
		print_status(0);
		break;
	case REQ_ALLOCS:
		era_print_allocs();
		break;
	}
}

/*
 * Frees the driver's memory without calling the library, whose state may be
 * anything at this point; library allocations still live stay where they
 * are (LeakSanitizer reports them in sanitizer builds).
 */
static void release_trace_state(void)
{
	va_pool_release_all();
	era_release_all();
	gem_objects_release_all();
	vm_pool_release_all();
	vm = NULL;
	active = false;
	mode = MODE_LIST;
	slab_hook_reset();
}

static void run_trace(const struct trace *t)
{
	size_t i;

	release_trace_state();
	edges_trace_start();
	for (i = 0; i < t->nr; i++)
		run_request(&t->reqs[i]);
	release_trace_state();
}

/*
 * Reads one trace: up to a line "@@end" in batch mode, else to EOF. With
 * @stream, runs each request as it is parsed instead of keeping it.
 * Returns false at EOF with no line read. Exits on a parse error.
 */
static bool read_trace(FILE *in, bool batch, bool stream, struct trace *t)
{
	char *line = NULL, err[512];
	size_t cap = 0;
	ssize_t len;
	bool any = false;

	trace_init(t);
	while ((len = getline(&line, &cap, in)) >= 0) {
		any = true;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (batch && !strcmp(line, BATCH_END))
			break;
#ifdef DRIVER_EDGES
		if (batch && !strcmp(line, EDGES_QUERY)) {
			edges_asked = true;
			continue;
		}
#endif
		if (trace_parse_line(t, line, (size_t)len, err, sizeof(err))) {
			transcript_flush();
			fprintf(stderr, "line %u: %s\n", t->line, err);
			exit(EXIT_MALFORMED);
		}
		if (stream && t->nr) {
			run_request(&t->reqs[0]);
			t->nr = 0;
			gcov_checkpoint_each_second();
		}
	}
	free(line);
	return any;
}

/*
 * Checked here rather than by LeakSanitizer's own exit-time check, so that a
 * leak gets an exit status of its own: the sanitizer's status for a leak and
 * for a memory error is the same otherwise. In batch mode it runs after each
 * trace, before the trace's end marker: a leak ends the process with that
 * trace's transcript complete, so the leak is that trace's, and the runner
 * gives the traces after it to a fresh process, whose checks never see it.
 */
static void leak_check(void)
{
#ifdef DRIVER_SANITIZED
	if (__lsan_do_recoverable_leak_check()) {
		transcript_flush();
		gcov_dump_now();
		_exit(EXIT_LEAK);
	}
#endif
}

static void usage(void)
{
	fprintf(stderr, "usage: gpuvm-driver [--batch | --stream] < traces\n");
	exit(EXIT_USAGE);
}

int main(int argc, char **argv)
{
	struct trace t;
	bool batch = false;
	bool stream = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--batch"))
			batch = true;
		else if (!strcmp(argv[i], "--stream"))
			stream = true;
		else
			usage();
	}
	if (batch && stream)
		usage();

	transcript_install_crash_flush();
	warn_hook_set_sink(warn_to_transcript);

	if (!batch) {
		release_trace_state();
		read_trace(stdin, false, stream, &t);
		run_trace(&t);
		trace_release(&t);
		transcript_flush();
	} else {
		while (read_trace(stdin, true, false, &t)) {
			run_trace(&t);
			trace_release(&t);
			leak_check();
			if (edges_asked)
				edges_print_new();
			edges_asked = false;
			/* Before the end marker: the parent may kill us once it has it. */
			gcov_checkpoint();
			transcript_printf("%s\n", BATCH_END);
			transcript_flush();
		}
	}

	leak_check();
	return 0;
}
