// SPDX-License-Identifier: MIT
/*
 * Self-check of the rb-tree and interval-tree shims, layered as in the
 * kernel's lib/rbtree_test.c and lib/interval_tree_test.c:
 *
 *  check()            in-order sorted by start (ties in insertion order),
 *                     parent links, no red node with a red child (4),
 *                     equal black count on every path (5), black root (2),
 *                     node count, cached leftmost;
 *  check_augmented()  every __subtree_last recomputed from scratch;
 *  check_search()     iter_first()/iter_next() against a naive scan of the
 *                     in-order sequence for "ITSTART <= last && start <=
 *                     ITLAST", with intervals that wrap (range 0, or ending
 *                     at 2^64) so that ITLAST < ITSTART.
 *
 * Usage: interval_tree_test [iterations] [seed]. Prints a summary line
 * "N passed, N failed" and exits non-zero on the first failed check.
 */

#include <stdio.h>
#include <stdlib.h>

#include <linux/interval_tree_generic.h>

struct item {
	u64 start, range;
	unsigned long seq;		/* insertion order, breaks ties */
	bool in_tree;
	struct rb_node rb;
	u64 subtree_last;
};

#define ITEM_START(n)	((n)->start)
#define ITEM_LAST(n)	((n)->start + (n)->range - 1)

INTERVAL_TREE_DEFINE(struct item, rb, u64, subtree_last,
		     ITEM_START, ITEM_LAST, static __maybe_unused, it)

#define NR_ITEMS 96

static struct item items[NR_ITEMS];
static struct rb_root_cached root = RB_ROOT_CACHED;
static unsigned long seq;
static u64 rng_state;
static unsigned long checks;

static u64 rnd(void)
{
	/* xorshift64*: deterministic per seed, no libc RNG differences. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static void fail(const char *what, unsigned long iter)
{
	printf("FAIL at iteration %lu: %s\n", iter, what);
	printf("%lu passed, 1 failed\n", checks);
	exit(1);
}

#define CHECK(fact, what) do { if (!(fact)) fail(what, iter); } while (0)

static struct item *entry(struct rb_node *rb)
{
	return rb ? rb_entry(rb, struct item, rb) : NULL;
}

/* Black nodes on every path below @rb, or -1 if they differ (5). */
static int black_height(struct rb_node *rb, unsigned long iter)
{
	int l, r;

	if (!rb)
		return 1;
	if (rb_is_red(rb)) {
		CHECK(!rb->rb_left || rb_is_black(rb->rb_left), "red node with red left child (4)");
		CHECK(!rb->rb_right || rb_is_black(rb->rb_right), "red node with red right child (4)");
	}
	if (rb->rb_left)
		CHECK(rb_parent(rb->rb_left) == rb, "left child's parent link");
	if (rb->rb_right)
		CHECK(rb_parent(rb->rb_right) == rb, "right child's parent link");
	l = black_height(rb->rb_left, iter);
	r = black_height(rb->rb_right, iter);
	CHECK(l == r, "black height differs between subtrees (5)");
	return l + rb_is_black(rb);
}

static void check(unsigned long iter)
{
	struct rb_node *rb;
	struct item *prev = NULL;
	int count = 0, expected = 0, i;

	if (root.rb_root.rb_node)
		CHECK(rb_is_black(root.rb_root.rb_node), "red root (2)");
	black_height(root.rb_root.rb_node, iter);
	CHECK(root.rb_leftmost == rb_first(&root.rb_root), "cached leftmost");

	for (rb = rb_first(&root.rb_root); rb; rb = rb_next(rb)) {
		struct item *cur = entry(rb);

		if (prev) {
			CHECK(prev->start < cur->start ||
			      (prev->start == cur->start && prev->seq < cur->seq),
			      "in-order sequence not sorted by start, then insertion");
			CHECK(rb_prev(rb) == &prev->rb, "rb_prev disagrees with rb_next");
		}
		CHECK(cur->in_tree, "node in tree that was removed");
		prev = cur;
		count++;
	}
	for (i = 0; i < NR_ITEMS; i++)
		expected += items[i].in_tree;
	CHECK(count == expected, "node count");
	checks++;
}

static u64 recompute(struct rb_node *rb, unsigned long iter)
{
	struct item *n = entry(rb);
	u64 max = ITEM_LAST(n), sub;

	if (rb->rb_left) {
		sub = recompute(rb->rb_left, iter);
		if (sub > max)
			max = sub;
	}
	if (rb->rb_right) {
		sub = recompute(rb->rb_right, iter);
		if (sub > max)
			max = sub;
	}
	CHECK(n->subtree_last == max, "__subtree_last is not the subtree's largest ITLAST");
	return max;
}

static void check_augmented(unsigned long iter)
{
	if (root.rb_root.rb_node)
		recompute(root.rb_root.rb_node, iter);
	checks++;
}

static bool overlaps(struct item *n, u64 start, u64 last)
{
	return ITEM_START(n) <= last && start <= ITEM_LAST(n);
}

static void check_search(u64 start, u64 last, unsigned long iter)
{
	struct rb_node *rb = rb_first(&root.rb_root);
	struct item *expect, *got;

	got = it_iter_first(&root, start, last);
	for (;;) {
		while (rb && !overlaps(entry(rb), start, last))
			rb = rb_next(rb);
		expect = entry(rb);
		CHECK(got == expect, "iter_first/iter_next differ from the naive scan");
		if (!got)
			break;
		got = it_iter_next(got, start, last);
		rb = rb_next(rb);
	}
	checks++;
}

/* Values clustered near 0 and 2^64 so that wrap-around and ties happen. */
static u64 pick(void)
{
	switch (rnd() % 4) {
	case 0:
		return rnd() % 64;
	case 1:
		return ~0ULL - rnd() % 64;
	case 2:
		return rnd() % 4096;
	default:
		return rnd();
	}
}

int main(int argc, char **argv)
{
	unsigned long iterations = argc > 1 ? strtoul(argv[1], NULL, 0) : 20000;
	unsigned long iter;

	rng_state = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x9e3779b97f4a7c15ULL;
	if (!rng_state)
		rng_state = 1;

	for (iter = 0; iter < iterations; iter++) {
		struct item *n = &items[rnd() % NR_ITEMS];
		int q;

		if (n->in_tree) {
			it_remove(n, &root);
			n->in_tree = false;
		} else {
			n->start = pick();
			n->range = rnd() % 8 ? rnd() % 256 : pick();
			n->seq = ++seq;
			it_insert(n, &root);
			n->in_tree = true;
		}
		check(iter);
		check_augmented(iter);
		for (q = 0; q < 4; q++) {
			u64 start = pick(), last = rnd() % 2 ? start + rnd() % 512 : pick();

			check_search(start, last, iter);
		}
	}
	printf("%lu passed, 0 failed\n", checks);
	return 0;
}
