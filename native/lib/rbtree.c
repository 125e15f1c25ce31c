// SPDX-License-Identifier: MIT
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for lib/rbtree.c: insertion and erase fix-ups of the red-black
 * tree behind <linux/rbtree.h> and <linux/rbtree_augmented.h>, plus in-order
 * walking. Written for this project from the textbook algorithm, making the
 * kernel's choices where the algorithm leaves one (which rotation in which
 * case, successor rather than predecessor on erase, when the augment
 * callbacks run), so that trees get the kernel's shapes and augmented values.
 *
 * The red-black properties referred to below:
 *  1) every node is red or black;
 *  2) the root is black;
 *  3) all leaves (NULL) are black;
 *  4) both children of a red node are black;
 *  5) every path from a node to a leaf below it has the same number of
 *     black nodes.
 */

#include <linux/rbtree_augmented.h>

typedef void (*rotate_fn)(struct rb_node *old, struct rb_node *new);

enum { LEFT = 0, RIGHT = 1 };

static inline struct rb_node *kid(const struct rb_node *n, int side)
{
	return side == LEFT ? n->rb_left : n->rb_right;
}

static inline void set_kid(struct rb_node *n, int side, struct rb_node *k)
{
	if (side == LEFT)
		WRITE_ONCE(n->rb_left, k);
	else
		WRITE_ONCE(n->rb_right, k);
}

static inline bool red(const struct rb_node *n)
{
	return n && rb_is_red(n);
}

static inline void set_color(struct rb_node *n, int color)
{
	rb_set_parent_color(n, rb_parent(n), color);
}

/*
 * Move @top one level down on its @down side; its child on the other side
 * (the pivot) takes its place. The pivot's inner subtree changes sides.
 * Colours are left alone, the caller recolours. @augment_rotate(top, pivot)
 * runs once the links are final, as in the kernel.
 */
static struct rb_node *rotate(struct rb_node *top, int down,
			      struct rb_root *root, rotate_fn augment_rotate)
{
	struct rb_node *pivot = kid(top, !down);
	struct rb_node *inner = kid(pivot, down);
	struct rb_node *above = rb_parent(top);

	set_kid(top, !down, inner);
	if (inner)
		rb_set_parent(inner, top);
	set_kid(pivot, down, top);
	rb_set_parent(top, pivot);
	rb_set_parent(pivot, above);
	__rb_change_child(top, pivot, above, root);

	augment_rotate(top, pivot);
	return pivot;
}

void __rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			   rotate_fn augment_rotate)
{
	for (;;) {
		/* Loop invariant: @node is red; only 2) or 4) may be violated at it. */
		struct rb_node *parent = rb_parent(node);
		struct rb_node *gparent, *uncle;
		int side;

		if (!parent) {
			/* @node is the root: paint it black for 2). */
			set_color(node, RB_BLACK);
			return;
		}
		if (rb_is_black(parent))
			return;

		/* A red parent is not the root (2), so the grandparent exists. */
		gparent = rb_parent(parent);
		side = gparent->rb_left == parent ? LEFT : RIGHT;
		uncle = kid(gparent, !side);

		if (red(uncle)) {
			/*
			 * Red uncle: push the grandparent's black down to
			 * parent and uncle (5 holds) and go on with the
			 * grandparent, now red, against its own parent.
			 */
			set_color(uncle, RB_BLACK);
			set_color(parent, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}

		if (kid(parent, !side) == node) {
			/*
			 * Black uncle, @node is an inner grandchild: rotate it
			 * above its parent so the red pair lies on the outside.
			 */
			rotate(parent, side, root, augment_rotate);
			parent = node;
		}

		/*
		 * Black uncle, red pair on the outside: rotate the grandparent
		 * down towards the uncle; the parent takes its place and its
		 * black, the grandparent turns red. 4) and 5) hold again.
		 */
		rotate(gparent, !side, root, augment_rotate);
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		return;
	}
}

void __rb_erase_color(struct rb_node *parent, struct rb_root *root,
		      rotate_fn augment_rotate)
{
	/* The subtree one black short; NULL where a black leaf was removed. */
	struct rb_node *node = NULL;

	for (;;) {
		/*
		 * Loop invariants: @node is NULL or black, @parent is its
		 * parent, and every path through @node has one black node
		 * fewer than the paths through its sibling (violation of 5).
		 * The sibling therefore exists.
		 */
		int side = parent->rb_left == node ? LEFT : RIGHT;
		struct rb_node *sibling = kid(parent, !side);
		struct rb_node *near, *far;

		if (rb_is_red(sibling)) {
			/*
			 * Red sibling: rotate it above the parent and swap
			 * their colours; @node gets one of its black children
			 * as its new sibling.
			 */
			rotate(parent, side, root, augment_rotate);
			set_color(sibling, RB_BLACK);
			set_color(parent, RB_RED);
			sibling = kid(parent, !side);
		}

		near = kid(sibling, side);
		far = kid(sibling, !side);

		if (!red(near) && !red(far)) {
			/*
			 * Black sibling with black children: make it red, so
			 * both sides of the parent are short. A red parent
			 * absorbs that by turning black; else the deficit
			 * moves up to the parent.
			 */
			set_color(sibling, RB_RED);
			if (rb_is_red(parent)) {
				set_color(parent, RB_BLACK);
				return;
			}
			node = parent;
			parent = rb_parent(node);
			if (!parent)
				return;
			continue;
		}

		if (!red(far)) {
			/*
			 * Only the near nephew is red: rotate it above the
			 * sibling, so the sibling becomes a red far nephew.
			 */
			sibling = rotate(sibling, !side, root, augment_rotate);
			far = kid(sibling, !side);
		}

		/*
		 * Far nephew red: rotate the sibling above the parent. The
		 * sibling takes the parent's colour, the parent turns black
		 * (adding the missing black on @node's side) and so does the
		 * far nephew (keeping the count on the other side).
		 */
		rotate(parent, side, root, augment_rotate);
		rb_set_parent_color(sibling, rb_parent(sibling), rb_color(parent));
		set_color(parent, RB_BLACK);
		set_color(far, RB_BLACK);
		return;
	}
}

static void dummy_propagate(struct rb_node *node __maybe_unused,
			    struct rb_node *stop __maybe_unused)
{
}

static void dummy_copy(struct rb_node *old __maybe_unused,
		       struct rb_node *new __maybe_unused)
{
}

static void dummy_rotate(struct rb_node *old __maybe_unused,
			 struct rb_node *new __maybe_unused)
{
}

static const struct rb_augment_callbacks dummy_callbacks = {
	.propagate = dummy_propagate,
	.copy = dummy_copy,
	.rotate = dummy_rotate,
};

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	__rb_insert_augmented(node, root, dummy_rotate);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_augmented(node, root, &dummy_callbacks);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

/* In-order neighbour of @node on @side (RIGHT: next, LEFT: previous). */
static struct rb_node *neighbour(const struct rb_node *node, int side)
{
	struct rb_node *n, *up;

	if (RB_EMPTY_NODE(node))
		return NULL;

	n = kid(node, side);
	if (n) {
		/* Innermost node of the subtree on that side. */
		while (kid(n, !side))
			n = kid(n, !side);
		return n;
	}

	/* Climb while we come from that side; the first other ancestor is it. */
	while ((up = rb_parent(node)) && node == kid(up, side))
		node = up;
	return up;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	return neighbour(node, RIGHT);
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	return neighbour(node, LEFT);
}
