/* SPDX-License-Identifier: MIT */
/*
 * Intent: custom test hook (a userspace KUnit).
 *
 * Stands in for <kunit/test.h>, reduced to what gpuvm-check's generated
 * KUnit tests use, so that a test written for drivers/gpu/drm/tests/ builds
 * and runs here against the seed and our shims. Written from the KUnit
 * documentation (Documentation/dev-tools/kunit/): a suite is an array of
 * cases; KUNIT_EXPECT_* records a failure and carries on, KUNIT_ASSERT_*
 * records it and ends the case; kunit_skip() ends the case as skipped;
 * kunit_kzalloc() memory lives until the case ends. kunit_test_suite()
 * registers the suite with this shim's main() (kunit.c), which runs every
 * case, prints KTAP-like "ok"/"not ok" lines and exits non-zero when a case
 * failed.
 */
#ifndef _SHIM_KUNIT_TEST_H
#define _SHIM_KUNIT_TEST_H

#include <setjmp.h>

#include <linux/err.h>
#include <linux/types.h>
#include <linux/module.h>

struct kunit {
	const char *name;
	bool failed;
	bool skipped;
	jmp_buf end;		/* where KUNIT_ASSERT_* and kunit_skip() go */
	void *resources;	/* kunit_kzalloc() memory, freed when the case ends */
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

struct kunit_suite {
	const char *name;
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#endif

#define KUNIT_CASE(test_name) { .run_case = test_name, .name = #test_name }

void kunit_register_suite(struct kunit_suite *suite);

#define kunit_test_suite(suite)						\
	static void __attribute__((constructor))			\
	__kunit_register_##suite(void) { kunit_register_suite(&(suite)); }

void *kunit_kzalloc(struct kunit *test, size_t size, gfp_t gfp);

void __kunit_fail(struct kunit *test, const char *file, int line,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void __kunit_end(struct kunit *test) __attribute__((noreturn));
void __kunit_skip(struct kunit *test, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

#define kunit_skip(test, fmt, ...) __kunit_skip(test, fmt, ##__VA_ARGS__)

/* One check: on failure record it, and for an ASSERT end the case. */
#define __KUNIT_CHECK(test, fatal, ok, fmt, ...) do {			\
	if (!(ok)) {							\
		__kunit_fail(test, __FILE__, __LINE__, fmt, ##__VA_ARGS__); \
		if (fatal)						\
			__kunit_end(test);				\
	}								\
} while (0)

#define __KUNIT_BINARY(test, fatal, l, op, r) do {			\
	long long __l = (long long)(l), __r = (long long)(r);		\
	__KUNIT_CHECK(test, fatal, __l op __r,				\
		      "Expected %s " #op " %s, but %s == %lld (0x%llx), %s == %lld (0x%llx)", \
		      #l, #r, #l, __l, (unsigned long long)__l, #r, __r, (unsigned long long)__r); \
} while (0)

#define __KUNIT_PTR(test, fatal, l, op, r) do {				\
	const void *__l = (l), *__r = (r);				\
	__KUNIT_CHECK(test, fatal, __l op __r,				\
		      "Expected %s " #op " %s, but %s == %p, %s == %p",	\
		      #l, #r, #l, __l, #r, __r);			\
} while (0)

#define KUNIT_EXPECT_EQ(test, l, r)	__KUNIT_BINARY(test, 0, l, ==, r)
#define KUNIT_ASSERT_EQ(test, l, r)	__KUNIT_BINARY(test, 1, l, ==, r)
#define KUNIT_EXPECT_NE(test, l, r)	__KUNIT_BINARY(test, 0, l, !=, r)
#define KUNIT_ASSERT_NE(test, l, r)	__KUNIT_BINARY(test, 1, l, !=, r)
#define KUNIT_EXPECT_TRUE(test, c)	__KUNIT_CHECK(test, 0, (c), "Expected %s to be true", #c)
#define KUNIT_EXPECT_FALSE(test, c)	__KUNIT_CHECK(test, 0, !(c), "Expected %s to be false", #c)
#define KUNIT_EXPECT_PTR_EQ(test, l, r)	__KUNIT_PTR(test, 0, l, ==, r)
#define KUNIT_EXPECT_PTR_NE(test, l, r)	__KUNIT_PTR(test, 0, l, !=, r)
#define KUNIT_EXPECT_NULL(test, p)	__KUNIT_PTR(test, 0, p, ==, NULL)
#define KUNIT_ASSERT_NULL(test, p)	__KUNIT_PTR(test, 1, p, ==, NULL)
#define KUNIT_EXPECT_NOT_NULL(test, p)	__KUNIT_PTR(test, 0, p, !=, NULL)
#define KUNIT_ASSERT_NOT_NULL(test, p)	__KUNIT_PTR(test, 1, p, !=, NULL)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p)				\
	__KUNIT_CHECK(test, 1, !IS_ERR_OR_NULL(p), "Expected %s is not error or NULL, but is %p", #p, (const void *)(p))
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(test, p)				\
	__KUNIT_CHECK(test, 0, !IS_ERR_OR_NULL(p), "Expected %s is not error or NULL, but is %p", #p, (const void *)(p))

#endif /* _SHIM_KUNIT_TEST_H */
