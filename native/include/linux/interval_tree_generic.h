/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/interval_tree_generic.h>: INTERVAL_TREE_DEFINE()
 * generates an augmented rb-tree of closed intervals [ITSTART(n); ITLAST(n)]
 * ordered by ITSTART, where ITSUBTREE caches the largest ITLAST of a
 * subtree. It generates ITPREFIX_insert(), _remove(), _iter_first() and
 * _iter_next() with the kernel's exact semantics, which matter here because
 * the seed's ITLAST is `addr + range - 1` and may wrap around (range 0, or
 * a range reaching 2^64): then ITLAST < ITSTART and the results depend on
 * precisely how the kernel compares:
 *
 *  - insert goes left iff start < ITSTART(parent) (equal starts go right)
 *    and raises ITSUBTREE on the way down with a plain unsigned compare;
 *  - a node matches [start;last] iff Cond1: ITSTART(node) <= last and
 *    Cond2: start <= ITLAST(node), evaluated as unsigned numbers;
 *  - iter_first() returns NULL early when the root's ITSUBTREE < start or
 *    when the cached leftmost node's ITSTART > last, before searching.
 */
#ifndef _SHIM_LINUX_INTERVAL_TREE_GENERIC_H
#define _SHIM_LINUX_INTERVAL_TREE_GENERIC_H

#include <linux/rbtree_augmented.h>

#define INTERVAL_TREE_DEFINE(ITSTRUCT, ITRB, ITTYPE, ITSUBTREE,		      \
			     ITSTART, ITLAST, ITSTATIC, ITPREFIX)	      \
									      \
RB_DECLARE_CALLBACKS_MAX(static, ITPREFIX ## _augment,			      \
			 ITSTRUCT, ITRB, ITTYPE, ITSUBTREE, ITLAST)	      \
									      \
ITSTATIC void ITPREFIX ## _insert(ITSTRUCT *node,			      \
				  struct rb_root_cached *root)		      \
{									      \
	struct rb_node **slot = &root->rb_root.rb_node, *above = NULL;	      \
	ITTYPE start = ITSTART(node), last = ITLAST(node);		      \
	bool leftmost = true;						      \
									      \
	while (*slot) {							      \
		ITSTRUCT *cur = rb_entry(*slot, ITSTRUCT, ITRB);	      \
									      \
		above = *slot;						      \
		/* The new node will be below @cur: keep ITSUBTREE a max. */ \
		if (cur->ITSUBTREE < last)				      \
			cur->ITSUBTREE = last;				      \
		if (start < ITSTART(cur)) {				      \
			slot = &cur->ITRB.rb_left;			      \
		} else {						      \
			slot = &cur->ITRB.rb_right;			      \
			leftmost = false;				      \
		}							      \
	}								      \
									      \
	node->ITSUBTREE = last;						      \
	rb_link_node(&node->ITRB, above, slot);				      \
	rb_insert_augmented_cached(&node->ITRB, root, leftmost,		      \
				   &ITPREFIX ## _augment);		      \
}									      \
									      \
ITSTATIC void ITPREFIX ## _remove(ITSTRUCT *node,			      \
				  struct rb_root_cached *root)		      \
{									      \
	rb_erase_augmented_cached(&node->ITRB, root, &ITPREFIX ## _augment);  \
}									      \
									      \
/*									      \
 * Leftmost node of the subtree at @node that intersects [start;last].	      \
 * Precondition: start <= node->ITSUBTREE, i.e. some node below satisfies    \
 * Cond2. The leftmost such node N is the only candidate: nodes left of N    \
 * fail Cond2, and if N fails Cond1 so does every node right of it.	      \
 */									      \
ITSTATIC ITSTRUCT *							      \
ITPREFIX ## _subtree_search(ITSTRUCT *node, ITTYPE start, ITTYPE last)	      \
{									      \
	for (;;) {							      \
		/* Loop invariant: start <= node->ITSUBTREE. */		      \
		struct rb_node *l = node->ITRB.rb_left;			      \
		struct rb_node *r = node->ITRB.rb_right;		      \
									      \
		if (l && start <= rb_entry(l, ITSTRUCT, ITRB)->ITSUBTREE) {  \
			/* N lies in the left subtree. */		      \
			node = rb_entry(l, ITSTRUCT, ITRB);		      \
			continue;					      \
		}							      \
		if (ITSTART(node) > last)		/* !Cond1 */	      \
			return NULL;					      \
		if (start <= ITLAST(node))		/* Cond2 */	      \
			return node;					      \
		if (!r || start > rb_entry(r, ITSTRUCT, ITRB)->ITSUBTREE)    \
			return NULL;					      \
		node = rb_entry(r, ITSTRUCT, ITRB);			      \
	}								      \
}									      \
									      \
ITSTATIC ITSTRUCT *							      \
ITPREFIX ## _iter_first(struct rb_root_cached *root,			      \
			ITTYPE start, ITTYPE last)			      \
{									      \
	ITSTRUCT *top, *first;						      \
									      \
	if (!root->rb_root.rb_node)					      \
		return NULL;						      \
									      \
	/*								      \
	 * O(1) rejections: no ITLAST in the tree reaches @start (the root   \
	 * holds the largest), or even the smallest ITSTART (the cached	      \
	 * leftmost node) lies beyond @last.				      \
	 */								      \
	top = rb_entry(root->rb_root.rb_node, ITSTRUCT, ITRB);		      \
	if (top->ITSUBTREE < start)					      \
		return NULL;						      \
	first = rb_entry(root->rb_leftmost, ITSTRUCT, ITRB);		      \
	if (ITSTART(first) > last)					      \
		return NULL;						      \
									      \
	return ITPREFIX ## _subtree_search(top, start, last);		      \
}									      \
									      \
/* The next node after @node, in order, that intersects [start;last]. */     \
ITSTATIC ITSTRUCT *							      \
ITPREFIX ## _iter_next(ITSTRUCT *node, ITTYPE start, ITTYPE last)	      \
{									      \
	struct rb_node *r = node->ITRB.rb_right;			      \
									      \
	for (;;) {							      \
		/* Loop invariant: Cond1 holds for @node, r == its right kid. */ \
		struct rb_node *from, *up;				      \
									      \
		if (r && start <= rb_entry(r, ITSTRUCT, ITRB)->ITSUBTREE)    \
			return ITPREFIX ## _subtree_search(		      \
					rb_entry(r, ITSTRUCT, ITRB),	      \
					start, last);			      \
									      \
		/* Climb to the first ancestor reached from its left. */    \
		do {							      \
			from = &node->ITRB;				      \
			up = rb_parent(from);				      \
			if (!up)					      \
				return NULL;				      \
			node = rb_entry(up, ITSTRUCT, ITRB);		      \
			r = node->ITRB.rb_right;			      \
		} while (r == from);					      \
									      \
		if (ITSTART(node) > last)		/* !Cond1 */	      \
			return NULL;					      \
		if (start <= ITLAST(node))		/* Cond2 */	      \
			return node;					      \
	}								      \
}

#endif /* _SHIM_LINUX_INTERVAL_TREE_GENERIC_H */
