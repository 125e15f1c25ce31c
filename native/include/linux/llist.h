/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics.
 *
 * Stands in for <linux/llist.h>: a singly linked, NULL-terminated list whose
 * head points at the most recently added node. The kernel's version is
 * lock-free (cmpxchg); the driver is single threaded, so plain stores give
 * the same order: llist_add() pushes at the head, llist_del_all() takes the
 * whole chain, newest first. An unlinked node points to itself
 * (init_llist_node()), as in the kernel, so llist_on_list() can tell.
 */
#ifndef _SHIM_LINUX_LLIST_H
#define _SHIM_LINUX_LLIST_H

#include <linux/container_of.h>
#include <linux/types.h>

struct llist_node {
	struct llist_node *next;
};

struct llist_head {
	struct llist_node *first;
};

#define LLIST_HEAD_INIT(name)	{ NULL }
#define LLIST_HEAD(name)	struct llist_head name = LLIST_HEAD_INIT(name)

static inline void init_llist_head(struct llist_head *list)
{
	list->first = NULL;
}

static inline void init_llist_node(struct llist_node *node)
{
	node->next = node;
}

static inline bool llist_on_list(const struct llist_node *node)
{
	return node->next != node;
}

static inline bool llist_empty(const struct llist_head *head)
{
	return head->first == NULL;
}

/* Returns true if the list was empty before. */
static inline bool llist_add(struct llist_node *node, struct llist_head *head)
{
	struct llist_node *first = head->first;

	node->next = first;
	head->first = node;
	return first == NULL;
}

static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	struct llist_node *first = head->first;

	head->first = NULL;
	return first;
}

#define llist_entry(ptr, type, member)	container_of(ptr, type, member)

#define member_address_is_nonnull(ptr, member)	\
	((uintptr_t)(ptr) + offsetof(__typeof__(*(ptr)), member) != 0)

#define llist_for_each(pos, node)			\
	for ((pos) = (node); pos; (pos) = (pos)->next)

#define llist_for_each_entry(pos, node, member)				\
	for ((pos) = llist_entry((node), __typeof__(*(pos)), member);	\
	     member_address_is_nonnull(pos, member);			\
	     (pos) = llist_entry((pos)->member.next, __typeof__(*(pos)), member))

/* @n is read before the body runs, so the body may free @pos. */
#define llist_for_each_entry_safe(pos, n, node, member)			\
	for (pos = llist_entry((node), __typeof__(*pos), member);	\
	     member_address_is_nonnull(pos, member) &&			\
		(n = llist_entry(pos->member.next, __typeof__(*n), member), true); \
	     pos = n)

#endif /* _SHIM_LINUX_LLIST_H */
