/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics (rebalancing in native/lib/rbtree.c).
 *
 * Stands in for <linux/rbtree_augmented.h>: red-black trees whose nodes
 * carry a value computed from their subtree (for the interval tree: the
 * largest ITLAST below a node). The tree code keeps the value right through
 * three callbacks with the kernel's contracts:
 *
 *   propagate(n, stop)  recompute from n up to (not including) stop, and
 *                       stop early once a node's value did not change;
 *   copy(old, new)      new takes old's place: copy the value over;
 *   rotate(old, new)    new rose above old: new gets old's subtree value,
 *                       old is recomputed from its new children.
 *
 * Erase is inline here, as in the kernel, so that the callbacks are known at
 * compile time; the colour fix-up after erase lives in lib/rbtree.c.
 */
#ifndef _SHIM_LINUX_RBTREE_AUGMENTED_H
#define _SHIM_LINUX_RBTREE_AUGMENTED_H

#include <linux/compiler.h>
#include <linux/rbtree.h>

struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

void __rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			   void (*augment_rotate)(struct rb_node *old,
						  struct rb_node *new));
void __rb_erase_color(struct rb_node *parent, struct rb_root *root,
		      void (*augment_rotate)(struct rb_node *old,
					     struct rb_node *new));

/*
 * The caller has already updated the augmented values along the path from
 * the root to the new leaf; only the rotations of the fix-up need callbacks.
 */
static inline void
rb_insert_augmented(struct rb_node *node, struct rb_root *root,
		    const struct rb_augment_callbacks *augment)
{
	__rb_insert_augmented(node, root, augment->rotate);
}

static inline void
rb_insert_augmented_cached(struct rb_node *node,
			   struct rb_root_cached *root, bool newleft,
			   const struct rb_augment_callbacks *augment)
{
	if (newleft)
		root->rb_leftmost = node;
	rb_insert_augmented(node, &root->rb_root, augment);
}

/*
 * RB_DECLARE_CALLBACKS - the three callbacks for a value computed by
 * RBCOMPUTE(node, exit), which stores the recomputed value in
 * node->RBAUGMENTED and, when @exit is set and the value did not change,
 * returns true so that propagation can stop.
 */
#define RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME,				\
			     RBSTRUCT, RBFIELD, RBAUGMENTED, RBCOMPUTE)	\
static inline void							\
RBNAME ## _propagate(struct rb_node *rb, struct rb_node *stop)		\
{									\
	for (; rb != stop; ) {						\
		RBSTRUCT *n__ = rb_entry(rb, RBSTRUCT, RBFIELD);	\
		if (RBCOMPUTE(n__, true))				\
			return;						\
		rb = rb_parent(&n__->RBFIELD);				\
	}								\
}									\
static inline void							\
RBNAME ## _copy(struct rb_node *rb_old, struct rb_node *rb_new)		\
{									\
	rb_entry(rb_new, RBSTRUCT, RBFIELD)->RBAUGMENTED =		\
		rb_entry(rb_old, RBSTRUCT, RBFIELD)->RBAUGMENTED;	\
}									\
static void								\
RBNAME ## _rotate(struct rb_node *rb_old, struct rb_node *rb_new)	\
{									\
	RBSTRUCT *old__ = rb_entry(rb_old, RBSTRUCT, RBFIELD);		\
									\
	rb_entry(rb_new, RBSTRUCT, RBFIELD)->RBAUGMENTED =		\
		old__->RBAUGMENTED;					\
	RBCOMPUTE(old__, false);					\
}									\
RBSTATIC const struct rb_augment_callbacks RBNAME = {			\
	.propagate = RBNAME ## _propagate,				\
	.copy = RBNAME ## _copy,					\
	.rotate = RBNAME ## _rotate					\
};

/*
 * RB_DECLARE_CALLBACKS_MAX - callbacks for "the largest RBCOMPUTE(n) over the
 * subtree of n", of scalar type RBTYPE. The comparison is plain unsigned
 * `>`, so values that wrapped around are compared as the numbers they are.
 */
#define RB_DECLARE_CALLBACKS_MAX(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD,	\
				 RBTYPE, RBAUGMENTED, RBCOMPUTE)	\
static inline bool RBNAME ## _compute_max(RBSTRUCT *node, bool exit)	\
{									\
	RBTYPE best__ = RBCOMPUTE(node);				\
	struct rb_node *kid__;						\
									\
	kid__ = node->RBFIELD.rb_left;					\
	if (kid__ && rb_entry(kid__, RBSTRUCT, RBFIELD)->RBAUGMENTED > best__) \
		best__ = rb_entry(kid__, RBSTRUCT, RBFIELD)->RBAUGMENTED; \
	kid__ = node->RBFIELD.rb_right;					\
	if (kid__ && rb_entry(kid__, RBSTRUCT, RBFIELD)->RBAUGMENTED > best__) \
		best__ = rb_entry(kid__, RBSTRUCT, RBFIELD)->RBAUGMENTED; \
	if (exit && node->RBAUGMENTED == best__)			\
		return true;						\
	node->RBAUGMENTED = best__;					\
	return false;							\
}									\
RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME,					\
		     RBSTRUCT, RBFIELD, RBAUGMENTED, RBNAME ## _compute_max)

#define RB_RED		0
#define RB_BLACK	1

#define __rb_parent(pc)		((struct rb_node *)((pc) & ~3UL))
#define __rb_color(pc)		((pc) & 1)
#define __rb_is_black(pc)	__rb_color(pc)
#define __rb_is_red(pc)		(!__rb_color(pc))
#define rb_color(rb)		__rb_color((rb)->__rb_parent_color)
#define rb_is_red(rb)		__rb_is_red((rb)->__rb_parent_color)
#define rb_is_black(rb)		__rb_is_black((rb)->__rb_parent_color)

static inline void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = rb_color(rb) | (unsigned long)p;
}

static inline void rb_set_parent_color(struct rb_node *rb,
				       struct rb_node *p, int color)
{
	rb->__rb_parent_color = (unsigned long)p | (unsigned long)color;
}

/* Make @parent (or the root, if @parent is NULL) point at @new instead of @old. */
static inline void
__rb_change_child(struct rb_node *old, struct rb_node *new,
		  struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		WRITE_ONCE(root->rb_node, new);
	else if (parent->rb_left == old)
		WRITE_ONCE(parent->rb_left, new);
	else
		WRITE_ONCE(parent->rb_right, new);
}

/*
 * Unlink @node. Returns the node below which one black is now missing (the
 * caller hands it to __rb_erase_color()), or NULL if the colours are already
 * right. With two children, the in-order successor takes @node's place and
 * colour; the augmented value is fixed from the lowest changed node upwards.
 */
static __always_inline struct rb_node *
__rb_erase_augmented(struct rb_node *node, struct rb_root *root,
		     const struct rb_augment_callbacks *augment)
{
	struct rb_node *left = node->rb_left;
	struct rb_node *right = node->rb_right;
	unsigned long pc = node->__rb_parent_color;
	struct rb_node *parent = __rb_parent(pc);
	struct rb_node *rebalance = NULL;
	struct rb_node *lowest_changed;

	if (!left || !right) {
		/*
		 * At most one child. By 5) a lone child is red and by 4)
		 * @node is then black: the child takes over @node's parent and
		 * colour and nothing is unbalanced. Removing a childless
		 * black node leaves its parent one black short.
		 */
		struct rb_node *only = left ? left : right;

		__rb_change_child(node, only, parent, root);
		if (only)
			only->__rb_parent_color = pc;
		else if (__rb_is_black(pc))
			rebalance = parent;
		lowest_changed = parent;
	} else {
		struct rb_node *succ = right, *succ_parent, *succ_child;

		if (!succ->rb_left) {
			/* The successor is @node's right child: it moves up. */
			succ_parent = succ;
			succ_child = succ->rb_right;
			augment->copy(node, succ);
		} else {
			/*
			 * The successor is the leftmost node of the right
			 * subtree: detach it (its right child takes its place)
			 * and give it @node's right subtree.
			 */
			do {
				succ_parent = succ;
				succ = succ->rb_left;
			} while (succ->rb_left);
			succ_child = succ->rb_right;
			WRITE_ONCE(succ_parent->rb_left, succ_child);
			WRITE_ONCE(succ->rb_right, right);
			rb_set_parent(right, succ);
			augment->copy(node, succ);
			augment->propagate(succ_parent, succ);
		}

		WRITE_ONCE(succ->rb_left, left);
		rb_set_parent(left, succ);
		__rb_change_child(node, succ, parent, root);

		/* Decide with the successor's own colour, before it takes @node's. */
		if (succ_child)
			rb_set_parent_color(succ_child, succ_parent, RB_BLACK);
		else if (rb_is_black(succ))
			rebalance = succ_parent;
		succ->__rb_parent_color = pc;
		lowest_changed = succ;
	}

	augment->propagate(lowest_changed, NULL);
	return rebalance;
}

static __always_inline void
rb_erase_augmented(struct rb_node *node, struct rb_root *root,
		   const struct rb_augment_callbacks *augment)
{
	struct rb_node *rebalance = __rb_erase_augmented(node, root, augment);

	if (rebalance)
		__rb_erase_color(rebalance, root, augment->rotate);
}

static __always_inline void
rb_erase_augmented_cached(struct rb_node *node, struct rb_root_cached *root,
			  const struct rb_augment_callbacks *augment)
{
	if (root->rb_leftmost == node)
		root->rb_leftmost = rb_next(node);
	rb_erase_augmented(node, &root->rb_root, augment);
}

#endif /* _SHIM_LINUX_RBTREE_AUGMENTED_H */
