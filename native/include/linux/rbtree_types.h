/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/rbtree_types.h>. The node layout is the kernel's:
 * the parent pointer and the colour share one word (colour in bit 0,
 * 0 = red, 1 = black), so a zeroed node reads as "red, no parent" and a node
 * that was never inserted behaves in rb_erase() the way it would in the
 * kernel. struct rb_root_cached caches the leftmost node, which the interval
 * tree's iter_first() fast path reads.
 */
#ifndef _SHIM_LINUX_RBTREE_TYPES_H
#define _SHIM_LINUX_RBTREE_TYPES_H

struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT		(struct rb_root) { NULL, }
#define RB_ROOT_CACHED	(struct rb_root_cached) { { NULL, }, NULL }

#endif /* _SHIM_LINUX_RBTREE_TYPES_H */
