/* SPDX-License-Identifier: MIT */
/*
 * Intent: duplicated kernel semantics (the API header of the code under test).
 *
 * Stands in for <drm/drm_gpuvm.h> as it was next to upstream drm_gpuvm.c
 * blob b80d4e1c (Linux 6.7 development cycle): before struct drm_gpuvm_bo and
 * the VM's dma_resv existed. The structure layouts, inline helpers and
 * iteration macros are the ones the seed is compiled against; the
 * iterators' exact stop conditions matter (see drm_gpuvm_for_each_va_range).
 */
#ifndef _SHIM_DRM_DRM_GPUVM_H
#define _SHIM_DRM_DRM_GPUVM_H

#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/types.h>

#include <drm/drm_gem.h>

struct drm_gpuvm;
struct drm_gpuvm_ops;

/**
 * enum drm_gpuva_flags - flags of a &drm_gpuva
 * @DRM_GPUVA_INVALIDATED: the backing GEM's pages were evicted
 * @DRM_GPUVA_SPARSE: the VA is a sparse mapping
 * @DRM_GPUVA_USERBITS: first bit drivers may use for their own flags
 */
enum drm_gpuva_flags {
	DRM_GPUVA_INVALIDATED = (1 << 0),
	DRM_GPUVA_SPARSE = (1 << 1),
	DRM_GPUVA_USERBITS = (1 << 2),
};

/**
 * struct drm_gpuva - a mapping of a GEM object (or of nothing) into a VA space
 * @vm: the VA space the mapping is inserted in; NULL until inserted
 * @flags: &enum drm_gpuva_flags
 * @va: the virtual range [addr, addr + range)
 * @gem: the backing object, the offset into it, and the entry on its VA list
 * @rb: the interval tree node, the entry on the VA space's sorted list, and
 *      the interval tree's cached largest end of the subtree
 */
struct drm_gpuva {
	struct drm_gpuvm *vm;
	enum drm_gpuva_flags flags;

	struct {
		u64 addr;
		u64 range;
	} va;

	struct {
		u64 offset;
		struct drm_gem_object *obj;
		struct list_head entry;
	} gem;

	struct {
		struct rb_node node;
		struct list_head entry;
		u64 __subtree_last;
	} rb;
};

int drm_gpuva_insert(struct drm_gpuvm *gpuvm, struct drm_gpuva *va);
void drm_gpuva_remove(struct drm_gpuva *va);

void drm_gpuva_link(struct drm_gpuva *va);
void drm_gpuva_unlink(struct drm_gpuva *va);

struct drm_gpuva *drm_gpuva_find(struct drm_gpuvm *gpuvm,
				 u64 addr, u64 range);
struct drm_gpuva *drm_gpuva_find_first(struct drm_gpuvm *gpuvm,
				       u64 addr, u64 range);
struct drm_gpuva *drm_gpuva_find_prev(struct drm_gpuvm *gpuvm, u64 start);
struct drm_gpuva *drm_gpuva_find_next(struct drm_gpuvm *gpuvm, u64 end);

/* Sets the fields a mapping is made of; leaves @va's links untouched. */
static inline void drm_gpuva_init(struct drm_gpuva *va, u64 addr, u64 range,
				  struct drm_gem_object *obj, u64 offset)
{
	va->va.addr = addr;
	va->va.range = range;
	va->gem.obj = obj;
	va->gem.offset = offset;
}

static inline void drm_gpuva_invalidate(struct drm_gpuva *va, bool invalidate)
{
	if (invalidate)
		va->flags |= DRM_GPUVA_INVALIDATED;
	else
		va->flags &= ~DRM_GPUVA_INVALIDATED;
}

static inline bool drm_gpuva_invalidated(struct drm_gpuva *va)
{
	return va->flags & DRM_GPUVA_INVALIDATED;
}

/**
 * struct drm_gpuvm - a GPU virtual address space
 * @name: the name given at init
 * @mm_start: first address of the managed space
 * @mm_range: size of the managed space
 * @rb: the interval tree of the inserted &drm_gpuva and the same VAs on a
 *      list sorted by address
 * @kernel_alloc_node: the VA reserving the kernel's part of the space
 * @ops: the driver's callbacks
 */
struct drm_gpuvm {
	const char *name;

	u64 mm_start;
	u64 mm_range;

	struct {
		struct rb_root_cached tree;
		struct list_head list;
	} rb;

	struct drm_gpuva kernel_alloc_node;

	const struct drm_gpuvm_ops *ops;
};

void drm_gpuvm_init(struct drm_gpuvm *gpuvm, const char *name,
		    u64 start_offset, u64 range,
		    u64 reserve_offset, u64 reserve_range,
		    const struct drm_gpuvm_ops *ops);
void drm_gpuvm_destroy(struct drm_gpuvm *gpuvm);

bool drm_gpuvm_interval_empty(struct drm_gpuvm *gpuvm, u64 addr, u64 range);

/*
 * The VA after @va on the VA space's sorted list, or NULL if @va is NULL or
 * the last entry. Reads @va->vm, so @va must be inserted.
 */
static inline struct drm_gpuva *
__drm_gpuva_next(struct drm_gpuva *va)
{
	if (va && !list_is_last(&va->rb.entry, &va->vm->rb.list))
		return list_next_entry(va, rb.entry);

	return NULL;
}

/**
 * drm_gpuvm_for_each_va_range() - iterate the VAs intersecting [start, end)
 *
 * Starts at drm_gpuva_find_first(start, end - start) and walks the sorted
 * list while a VA begins below @end__. Note the asymmetry: the first VA is
 * found by the interval tree (so it may begin before @start__), the others
 * by address only.
 */
#define drm_gpuvm_for_each_va_range(va__, gpuvm__, start__, end__)	\
	for (va__ = drm_gpuva_find_first((gpuvm__), (start__),		\
					 (end__) - (start__));		\
	     va__ && (va__->va.addr < (end__));				\
	     va__ = __drm_gpuva_next(va__))

/*
 * As drm_gpuvm_for_each_va_range(), but the next VA is looked up before the
 * body runs, so the body may remove @va__ (and insert VAs after it that the
 * walk will then not visit).
 */
#define drm_gpuvm_for_each_va_range_safe(va__, next__, gpuvm__, start__, end__) \
	for (va__ = drm_gpuva_find_first((gpuvm__), (start__),		\
					 (end__) - (start__)),		\
	     next__ = __drm_gpuva_next(va__);				\
	     va__ && (va__->va.addr < (end__));				\
	     va__ = next__, next__ = __drm_gpuva_next(va__))

/* Every VA of @gpuvm__ in address order, the kernel reserved node included. */
#define drm_gpuvm_for_each_va(va__, gpuvm__)				\
	list_for_each_entry(va__, &(gpuvm__)->rb.list, rb.entry)

#define drm_gpuvm_for_each_va_safe(va__, next__, gpuvm__)		\
	list_for_each_entry_safe(va__, next__, &(gpuvm__)->rb.list, rb.entry)

/**
 * enum drm_gpuva_op_type - kinds of &drm_gpuva_op
 */
enum drm_gpuva_op_type {
	DRM_GPUVA_OP_MAP,
	DRM_GPUVA_OP_REMAP,
	DRM_GPUVA_OP_UNMAP,
	DRM_GPUVA_OP_PREFETCH,
};

/**
 * struct drm_gpuva_op_map - a mapping to create
 */
struct drm_gpuva_op_map {
	struct {
		u64 addr;
		u64 range;
	} va;

	struct {
		u64 offset;
		struct drm_gem_object *obj;
	} gem;
};

/**
 * struct drm_gpuva_op_unmap - a mapping to remove
 * @va: the existing VA
 * @keep: the new mapping continues the old one physically, so its page
 *        table entries could be kept
 */
struct drm_gpuva_op_unmap {
	struct drm_gpuva *va;
	bool keep;
};

/**
 * struct drm_gpuva_op_remap - split an existing mapping
 * @prev: the part kept before the request, or NULL
 * @next: the part kept after the request, or NULL
 * @unmap: the existing mapping being split
 */
struct drm_gpuva_op_remap {
	struct drm_gpuva_op_map *prev;
	struct drm_gpuva_op_map *next;
	struct drm_gpuva_op_unmap *unmap;
};

/**
 * struct drm_gpuva_op_prefetch - a mapping to prefetch
 */
struct drm_gpuva_op_prefetch {
	struct drm_gpuva *va;
};

/**
 * struct drm_gpuva_op - one step of a split/merge, unmap or prefetch
 * @entry: entry on &drm_gpuva_ops.list
 * @op: which member of the union is valid
 */
struct drm_gpuva_op {
	struct list_head entry;

	enum drm_gpuva_op_type op;

	union {
		struct drm_gpuva_op_map map;
		struct drm_gpuva_op_remap remap;
		struct drm_gpuva_op_unmap unmap;
		struct drm_gpuva_op_prefetch prefetch;
	};
};

/**
 * struct drm_gpuva_ops - a list of &drm_gpuva_op, as *_ops_create() return
 */
struct drm_gpuva_ops {
	struct list_head list;
};

#define drm_gpuva_for_each_op(op, ops) list_for_each_entry(op, &(ops)->list, entry)

#define drm_gpuva_for_each_op_safe(op, next, ops) \
	list_for_each_entry_safe(op, next, &(ops)->list, entry)

#define drm_gpuva_for_each_op_from_reverse(op, ops) \
	list_for_each_entry_from_reverse(op, &(ops)->list, entry)

#define drm_gpuva_first_op(ops) \
	list_first_entry(&(ops)->list, struct drm_gpuva_op, entry)

#define drm_gpuva_last_op(ops) \
	list_last_entry(&(ops)->list, struct drm_gpuva_op, entry)

#define drm_gpuva_prev_op(op) list_prev_entry(op, entry)

#define drm_gpuva_next_op(op) list_next_entry(op, entry)

struct drm_gpuva_ops *
drm_gpuvm_sm_map_ops_create(struct drm_gpuvm *gpuvm,
			    u64 addr, u64 range,
			    struct drm_gem_object *obj, u64 offset);
struct drm_gpuva_ops *
drm_gpuvm_sm_unmap_ops_create(struct drm_gpuvm *gpuvm,
			      u64 addr, u64 range);
struct drm_gpuva_ops *
drm_gpuvm_prefetch_ops_create(struct drm_gpuvm *gpuvm,
			      u64 addr, u64 range);
struct drm_gpuva_ops *
drm_gpuvm_gem_unmap_ops_create(struct drm_gpuvm *gpuvm,
			       struct drm_gem_object *obj);

void drm_gpuva_ops_free(struct drm_gpuvm *gpuvm,
			struct drm_gpuva_ops *ops);

/* Copies the fields of a map op into @va, see drm_gpuva_init(). */
static inline void drm_gpuva_init_from_op(struct drm_gpuva *va,
					  struct drm_gpuva_op_map *op)
{
	drm_gpuva_init(va, op->va.addr, op->va.range,
		       op->gem.obj, op->gem.offset);
}

/**
 * struct drm_gpuvm_ops - the driver's callbacks
 * @op_alloc: allocates a &drm_gpuva_op for *_ops_create(); kzalloc if NULL
 * @op_free: frees what @op_alloc allocated; kfree if NULL
 * @sm_step_map: drm_gpuvm_sm_map() wants a mapping created
 * @sm_step_remap: drm_gpuvm_sm_map()/_unmap() want a mapping split
 * @sm_step_unmap: drm_gpuvm_sm_map()/_unmap() want a mapping removed
 *
 * A non-zero return of a step callback aborts the walk and is returned.
 */
struct drm_gpuvm_ops {
	struct drm_gpuva_op *(*op_alloc)(void);
	void (*op_free)(struct drm_gpuva_op *op);
	int (*sm_step_map)(struct drm_gpuva_op *op, void *priv);
	int (*sm_step_remap)(struct drm_gpuva_op *op, void *priv);
	int (*sm_step_unmap)(struct drm_gpuva_op *op, void *priv);
};

int drm_gpuvm_sm_map(struct drm_gpuvm *gpuvm, void *priv,
		     u64 addr, u64 range,
		     struct drm_gem_object *obj, u64 offset);

int drm_gpuvm_sm_unmap(struct drm_gpuvm *gpuvm, void *priv,
		       u64 addr, u64 range);

void drm_gpuva_map(struct drm_gpuvm *gpuvm,
		   struct drm_gpuva *va,
		   struct drm_gpuva_op_map *op);

void drm_gpuva_remap(struct drm_gpuva *prev,
		     struct drm_gpuva *next,
		     struct drm_gpuva_op_remap *op);

void drm_gpuva_unmap(struct drm_gpuva_op_unmap *op);

#endif /* _SHIM_DRM_DRM_GPUVM_H */
