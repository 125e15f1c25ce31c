// SPDX-License-Identifier: MIT
/*
 * Intent: custom test hook, see <kunit/test.h> in this directory.
 *
 * main() runs every registered suite's cases in order and prints KTAP-like
 * results: "ok", "not ok" (with each failed expectation above it) or
 * "ok ... # SKIP". A crash in a case (the kernel would oops) prints
 * "not ok ... # crashed: <signal>" before the process dies. Exit status 0
 * when no case failed, 1 otherwise.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kunit/test.h>

#define MAX_SUITES 16

static struct kunit_suite *suites[MAX_SUITES];
static int n_suites;
static const char *running_case;
static int running_index;

void kunit_register_suite(struct kunit_suite *suite)
{
	if (n_suites == MAX_SUITES) {
		fprintf(stderr, "kunit shim: more than %d suites\n", MAX_SUITES);
		exit(2);
	}
	suites[n_suites++] = suite;
}

/* Each allocation is preceded by the link to the previous one. */
void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp)
{
	void **block = calloc(1, sizeof(void *) + size);

	(void)gfp;
	if (!block)
		return NULL;
	block[0] = test->resources;
	test->resources = block;
	return block + 1;
}

static void free_resources(struct kunit *test)
{
	while (test->resources) {
		void **block = test->resources;

		test->resources = block[0];
		free(block);
	}
}

void __kunit_fail(struct kunit *test, const char *file, int line,
		  const char *fmt, ...)
{
	va_list ap;

	test->failed = true;
	printf("    # %s: EXPECTATION FAILED at %s:%d\n    ", test->name, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

void __kunit_end(struct kunit *test)
{
	longjmp(test->end, 1);
}

void __kunit_skip(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	test->skipped = true;
	printf("    # %s: ", test->name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	longjmp(test->end, 1);
}

/* Async-signal-safe: write(2) only, then die of the same signal. */
static void on_crash(int sig)
{
	char line[256];
	int len = snprintf(line, sizeof(line), "    not ok %d %s # crashed: signal %d\n",
			   running_index, running_case ? running_case : "?", sig);

	fflush(stdout);
	if (len > 0 && write(STDOUT_FILENO, line, (size_t)len) < 0)
		_exit(128 + sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

static bool run_case(struct kunit_suite *suite, struct kunit_case *c, int index)
{
	struct kunit test = { .name = c->name };

	running_case = c->name;
	running_index = index;
	if (setjmp(test.end) == 0) {
		if (suite->init && suite->init(&test)) {
			__kunit_fail(&test, __FILE__, __LINE__, "suite init failed");
		} else {
			c->run_case(&test);
		}
	}
	if (suite->exit)
		suite->exit(&test);
	free_resources(&test);
	if (test.skipped && !test.failed)
		printf("    ok %d %s # SKIP\n", index, c->name);
	else
		printf("    %s %d %s\n", test.failed ? "not ok" : "ok", index, c->name);
	fflush(stdout);
	return !test.failed;
}

int main(void)
{
	static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
	bool all_ok = true;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < sizeof(crash_signals) / sizeof(crash_signals[0]); i++)
		signal(crash_signals[i], on_crash);

	printf("KTAP version 1\n1..%d\n", n_suites);
	for (int s = 0; s < n_suites; s++) {
		struct kunit_suite *suite = suites[s];
		bool suite_ok = true;
		int n = 0;

		while (suite->test_cases[n].run_case)
			n++;
		printf("    # Subtest: %s\n    1..%d\n", suite->name, n);
		for (int i = 0; i < n; i++)
			suite_ok &= run_case(suite, &suite->test_cases[i], i + 1);
		printf("%s %d %s\n", suite_ok ? "ok" : "not ok", s + 1, suite->name);
		all_ok &= suite_ok;
	}
	return all_ok ? 0 : 1;
}
