/**
 * The driver half of a generated KUnit test: C helpers that run one trace request each through
 * drm_gpuvm's API exactly as gpuvm-check's trace driver does (docs/driver-semantics.md,
 * native/driver/), but compare what the library returns with expectations instead of printing
 * it. Written for the seed's (v6.7) API. Emitted verbatim into every generated test file so that
 * the file stands alone in drivers/gpu/drm/tests/.
 */

/** The C text of the helpers. @public */
export const KUNIT_DRIVER = String.raw`/*
 * A minimal driver around drm_gpuvm, as the "DOC: Examples" of drm_gpuvm.c
 * apply operations: MAP -> new VA, drm_gpuva_map() and drm_gpuva_link();
 * REMAP -> new prev/next VAs, drm_gpuva_remap(), unlink the old VA, link the
 * new ones; UNMAP -> drm_gpuva_unlink() and drm_gpuva_unmap(). VAs and GEM
 * objects are KUnit-managed memory, released when the test case ends.
 * The GEM objects' VA lists are protected by one mutex (set with
 * drm_gem_gpuva_set_lock(), so lockdep accepts drm_gpuva_link() and
 * friends), held from gt_new() to gt_done(). Request helpers a case does not
 * use are __maybe_unused.
 */
#define GT_MAX_OBJS 16

/* An expected VA or map operation part: address, range, object, offset. */
struct gt_va {
	u64 addr;
	u64 range;
	u32 obj;	/* the test's name for the object, 0 for none */
	u64 offset;
	bool kernel;	/* the kernel reserved node */
};

/* An expected operation; a REMAP's parts are prev, next and unmap. */
struct gt_op {
	enum drm_gpuva_op_type op;
	bool has_prev, has_next, keep;
	struct gt_va va;	/* MAP, UNMAP, PREFETCH; REMAP: prev */
	struct gt_va next;	/* REMAP */
	struct gt_va unmap;	/* REMAP */
};

#define GT_VA(a, r, o, off) { .addr = a, .range = r, .obj = o, .offset = off }
#define GT_KERNEL_VA(a, r) { .addr = a, .range = r, .kernel = true }
#define GT_MAP(a, r, o, off) { .op = DRM_GPUVA_OP_MAP, .va = GT_VA(a, r, o, off) }
#define GT_UNMAP(keep_, va_) { .op = DRM_GPUVA_OP_UNMAP, .keep = keep_, .va = va_ }
#define GT_PREFETCH(va_) { .op = DRM_GPUVA_OP_PREFETCH, .va = va_ }
#define GT_REMAP(hp, prev_, hn, next_, unmap_, keep_)			\
	{ .op = DRM_GPUVA_OP_REMAP, .has_prev = hp, .va = prev_,	\
	  .has_next = hn, .next = next_, .unmap = unmap_, .keep = keep_ }
#define GT_NO_VA GT_VA(0, 0, 0, 0)

struct gt {
	struct kunit *test;
	struct mutex lock;	/* the GEM objects' VA lists */
	struct drm_gpuvm vm;
	bool active;
	bool cb;		/* apply ops inside drm_gpuvm_sm_map/unmap callbacks */
	u32 handles[GT_MAX_OBJS];
	struct drm_gem_object *objs[GT_MAX_OBJS];
	const struct gt_op *expect;	/* what the callbacks must see */
	size_t n_expect, seen;
};

/* The GEM object the test calls @handle, created on first use. */
static struct drm_gem_object *gt_obj(struct gt *t, u32 handle)
{
	int i;

	if (!handle)
		return NULL;
	for (i = 0; i < GT_MAX_OBJS && t->objs[i]; i++)
		if (t->handles[i] == handle)
			return t->objs[i];
	KUNIT_ASSERT_NE(t->test, i, GT_MAX_OBJS);
	t->objs[i] = kunit_kzalloc(t->test, sizeof(*t->objs[i]), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(t->test, t->objs[i]);
	drm_gem_gpuva_init(t->objs[i]);
	drm_gem_gpuva_set_lock(t->objs[i], &t->lock);
	t->handles[i] = handle;
	return t->objs[i];
}

static struct drm_gpuva *gt_va_alloc(struct gt *t)
{
	struct drm_gpuva *va = kunit_kzalloc(t->test, sizeof(*va), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(t->test, va);
	return va;
}

static void gt_expect_va(struct gt *t, const struct drm_gpuva *va,
			 const struct gt_va *e)
{
	KUNIT_ASSERT_NOT_NULL(t->test, va);
	KUNIT_EXPECT_EQ(t->test, va->va.addr, e->addr);
	KUNIT_EXPECT_EQ(t->test, va->va.range, e->range);
	KUNIT_EXPECT_PTR_EQ(t->test, va->gem.obj, gt_obj(t, e->obj));
	KUNIT_EXPECT_EQ(t->test, va->gem.offset, e->offset);
	KUNIT_EXPECT_EQ(t->test, va == &t->vm.kernel_alloc_node, e->kernel);
}

static void gt_expect_part(struct gt *t, const struct drm_gpuva_op_map *m,
			   bool present, const struct gt_va *e)
{
	if (!present) {
		KUNIT_EXPECT_NULL(t->test, m);
		return;
	}
	KUNIT_ASSERT_NOT_NULL(t->test, m);
	KUNIT_EXPECT_EQ(t->test, m->va.addr, e->addr);
	KUNIT_EXPECT_EQ(t->test, m->va.range, e->range);
	KUNIT_EXPECT_PTR_EQ(t->test, m->gem.obj, gt_obj(t, e->obj));
	KUNIT_EXPECT_EQ(t->test, m->gem.offset, e->offset);
}

static void gt_expect_op(struct gt *t, const struct drm_gpuva_op *op,
			 const struct gt_op *e)
{
	KUNIT_ASSERT_EQ(t->test, op->op, e->op);
	switch (op->op) {
	case DRM_GPUVA_OP_MAP:
		gt_expect_part(t, &op->map, true, &e->va);
		break;
	case DRM_GPUVA_OP_REMAP:
		gt_expect_part(t, op->remap.prev, e->has_prev, &e->va);
		gt_expect_part(t, op->remap.next, e->has_next, &e->next);
		KUNIT_ASSERT_NOT_NULL(t->test, op->remap.unmap);
		gt_expect_va(t, op->remap.unmap->va, &e->unmap);
		KUNIT_EXPECT_EQ(t->test, op->remap.unmap->keep, e->keep);
		break;
	case DRM_GPUVA_OP_UNMAP:
		gt_expect_va(t, op->unmap.va, &e->va);
		KUNIT_EXPECT_EQ(t->test, op->unmap.keep, e->keep);
		break;
	case DRM_GPUVA_OP_PREFETCH:
		gt_expect_va(t, op->prefetch.va, &e->va);
		break;
	}
}

/* Compares the next operation the library produced with its expectation. */
static void gt_see_op(struct gt *t, const struct drm_gpuva_op *op)
{
	if (t->seen < t->n_expect)
		gt_expect_op(t, op, &t->expect[t->seen]);
	t->seen++;
}

static void gt_apply_op(struct gt *t, struct drm_gpuva_op *op)
{
	struct drm_gpuva *va, *prev = NULL, *next = NULL;

	switch (op->op) {
	case DRM_GPUVA_OP_MAP:
		va = gt_va_alloc(t);
		drm_gpuva_map(&t->vm, va, &op->map);
		drm_gpuva_link(va);
		break;
	case DRM_GPUVA_OP_REMAP:
		va = op->remap.unmap->va;
		if (op->remap.prev)
			prev = gt_va_alloc(t);
		if (op->remap.next)
			next = gt_va_alloc(t);
		drm_gpuva_remap(prev, next, &op->remap);
		drm_gpuva_unlink(va);
		if (prev)
			drm_gpuva_link(prev);
		if (next)
			drm_gpuva_link(next);
		break;
	case DRM_GPUVA_OP_UNMAP:
		va = op->unmap.va;
		drm_gpuva_unlink(va);
		drm_gpuva_unmap(&op->unmap);
		break;
	case DRM_GPUVA_OP_PREFETCH:
		break;
	}
}

static int gt_sm_step(struct drm_gpuva_op *op, void *priv)
{
	struct gt *t = priv;

	gt_see_op(t, op);
	gt_apply_op(t, op);
	return 0;
}

static const struct drm_gpuvm_ops gt_vm_ops = {
	.sm_step_map = gt_sm_step,
	.sm_step_remap = gt_sm_step,
	.sm_step_unmap = gt_sm_step,
};

static void gt_expect_begin(struct gt *t, const struct gt_op *expect, size_t n)
{
	t->expect = expect;
	t->n_expect = n;
	t->seen = 0;
}

static void gt_expect_end(struct gt *t)
{
	KUNIT_EXPECT_EQ(t->test, t->seen, t->n_expect);
}

/*
 * Checks, and if @apply applies, every operation of @ops, then frees them;
 * returns 0 or the error the list was built with.
 */
static int gt_run_ops(struct gt *t, struct drm_gpuva_ops *ops, bool apply,
		      const struct gt_op *expect, size_t n)
{
	struct drm_gpuva_op *op;

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	gt_expect_begin(t, expect, n);
	drm_gpuva_for_each_op(op, ops)
		gt_see_op(t, op);
	gt_expect_end(t);
	if (apply)
		drm_gpuva_for_each_op(op, ops)
			gt_apply_op(t, op);
	drm_gpuva_ops_free(&t->vm, ops);
	return 0;
}

static void gt_fini(struct gt *t)
{
	struct drm_gpuva *va, *next;

	drm_gpuvm_for_each_va_safe(va, next, &t->vm) {
		if (va == &t->vm.kernel_alloc_node)
			continue;
		drm_gpuva_unlink(va);
		drm_gpuva_remove(va);
	}
	drm_gpuvm_destroy(&t->vm);
	t->active = false;
}

static void gt_init(struct gt *t, u64 start, u64 range, u64 reserve_offset,
		    u64 reserve_range)
{
	if (t->active)
		gt_fini(t);
	memset(&t->vm, 0, sizeof(t->vm));
	drm_gpuvm_init(&t->vm, "gpuvm-check", start, range, reserve_offset,
		       reserve_range, &gt_vm_ops);
	t->active = true;
}

static int __maybe_unused gt_map(struct gt *t, u64 addr, u64 range, u32 obj, u64 offset,
		  const struct gt_op *expect, size_t n)
{
	int ret;

	if (!t->cb)
		return gt_run_ops(t, drm_gpuvm_sm_map_ops_create(&t->vm, addr, range,
								 gt_obj(t, obj), offset),
				  true, expect, n);
	gt_expect_begin(t, expect, n);
	ret = drm_gpuvm_sm_map(&t->vm, t, addr, range, gt_obj(t, obj), offset);
	gt_expect_end(t);
	return ret;
}

static int __maybe_unused gt_unmap(struct gt *t, u64 addr, u64 range,
		    const struct gt_op *expect, size_t n)
{
	int ret;

	if (!t->cb)
		return gt_run_ops(t, drm_gpuvm_sm_unmap_ops_create(&t->vm, addr, range),
				  true, expect, n);
	gt_expect_begin(t, expect, n);
	ret = drm_gpuvm_sm_unmap(&t->vm, t, addr, range);
	gt_expect_end(t);
	return ret;
}

static int __maybe_unused gt_insert(struct gt *t, u64 addr, u64 range, u32 obj, u64 offset)
{
	struct drm_gpuva *va = gt_va_alloc(t);
	int ret;

	drm_gpuva_init(va, addr, range, gt_obj(t, obj), offset);
	ret = drm_gpuva_insert(&t->vm, va);
	if (!ret)
		drm_gpuva_link(va);
	return ret;
}

static int __maybe_unused gt_remove(struct gt *t, u64 addr, u64 range)
{
	struct drm_gpuva *va = drm_gpuva_find(&t->vm, addr, range);

	if (!va)
		return -ENOENT;
	drm_gpuva_remove(va);
	drm_gpuva_unlink(va);
	return 0;
}

/* The VA space's VAs, in address order, are exactly @expect. */
static void __maybe_unused gt_expect_vas(struct gt *t, const struct gt_va *expect, size_t n)
{
	struct drm_gpuva *va;
	size_t i = 0;

	drm_gpuvm_for_each_va(va, &t->vm) {
		if (i < n)
			gt_expect_va(t, va, &expect[i]);
		i++;
	}
	KUNIT_EXPECT_EQ(t->test, i, n);
}

/* The VAs linked to object @obj, in link order, are exactly @expect. */
static void __maybe_unused gt_expect_gem(struct gt *t, u32 obj, const struct gt_va *expect,
			  size_t n)
{
	struct drm_gpuva *va;
	size_t i = 0;

	drm_gem_for_each_gpuva(va, gt_obj(t, obj)) {
		if (i < n)
			gt_expect_va(t, va, &expect[i]);
		i++;
	}
	KUNIT_EXPECT_EQ(t->test, i, n);
}

/* The test's state, with the GEM lists' lock taken until gt_done(). */
static struct gt *gt_new(struct kunit *test)
{
	struct gt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->test = test;
	mutex_init(&t->lock);
	mutex_lock(&t->lock);
	return t;
}

static void gt_done(struct gt *t)
{
	mutex_unlock(&t->lock);
	mutex_destroy(&t->lock);
}
`;
