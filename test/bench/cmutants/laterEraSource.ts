/**
 * A small C source and header shaped like the later eras' drm_gpuvm.c (v6.18 on: a map request
 * struct, madvise, vm_bo reference counting, drm_exec locking that our driver never calls, an ops
 * table of function pointers, list macros). Our own text, written for these tests: it is never
 * compiled, only tokenised, searched for functions and mutated.
 */

/** The header: the structs the era detection looks for, an inline helper, prototypes of everything. */
export const LATER_ERA_HEADER = `/* later-era-shaped header, written for the tests */
struct drm_gpuvm_bo {
	struct kref kref;
	struct drm_gpuvm *vm;
};

struct drm_gpuvm_map_req {
	struct drm_gpuva_op_map map;
};

void drm_gpuvm_bo_evict(struct drm_gpuvm_bo *vm_bo, bool evict);
int drm_gpuvm_exec_lock(struct drm_gpuvm_exec *vm_exec);
int drm_gpuvm_sm_map(struct drm_gpuvm *gpuvm, void *priv, const struct drm_gpuvm_map_req *req);
void drm_gpuvm_bo_put(struct drm_gpuvm_bo *vm_bo);

static inline void drm_gpuvm_bo_gem_evict(struct drm_gpuvm_bo *vm_bo, bool evict)
{
	drm_gpuvm_bo_evict(vm_bo, evict);
}
`;

/** The source. */
export const LATER_ERA_SOURCE = `// SPDX-License-Identifier: test-only
/* later-era-shaped source, written for the tests: "strings { are } skipped" */
#define drm_gpuvm_bo_list_add(__vm_bo, __list) \\
	__drm_gpuvm_bo_list_add((__vm_bo)->vm, __list)

static void
__drm_gpuvm_bo_list_add(struct drm_gpuvm *gpuvm, struct list_head *list)
{
	list_add_tail(list, &gpuvm->evict.list);
}

static bool
drm_gpuvm_check_overflow(u64 addr, u64 range)
{
	u64 end;

	return check_add_overflow(addr, range, &end);
}

static void
drm_gpuvm_bo_destroy(struct kref *kref)
{
	struct drm_gpuvm_bo *vm_bo = container_of(kref, struct drm_gpuvm_bo, kref);

	kfree(vm_bo);
}

void
drm_gpuvm_bo_put(struct drm_gpuvm_bo *vm_bo)
{
	if (vm_bo)
		kref_put(&vm_bo->kref, drm_gpuvm_bo_destroy);
}

void
drm_gpuvm_bo_evict(struct drm_gpuvm_bo *vm_bo, bool evict)
{
	if (evict)
		drm_gpuvm_bo_list_add(vm_bo, &vm_bo->list.entry.evict);
}

int
drm_gpuvm_exec_lock(struct drm_gpuvm_exec *vm_exec)
{
	int ret = 0;

	drm_exec_until_all_locked(&vm_exec->exec) {
		ret = drm_gpuvm_prepare_vm(vm_exec->vm, &vm_exec->exec, vm_exec->num_fences);
		if (ret)
			goto err;
	}
	return 0;
err:
	drm_exec_fini(&vm_exec->exec);
	return ret;
}

static int
drm_gpuva_sm_step(struct drm_gpuva_op *__op, void *priv)
{
	return __op->op == 1 ? 0 : -22;
}

static const struct drm_gpuvm_ops gpuvm_list_ops = {
	.sm_step_map = drm_gpuva_sm_step,
};

static int
__drm_gpuvm_sm_map(struct drm_gpuvm *gpuvm, const struct drm_gpuvm_ops *ops,
		   void *priv, const struct drm_gpuvm_map_req *req, bool madvise)
{
	u64 req_addr = req->map.va.addr;
	u64 req_end = req_addr + req->map.va.range;

	if (drm_gpuvm_check_overflow(req_addr, req->map.va.range))
		return -22;
	if (madvise && req_end <= req_addr)
		return 0;
	return ops->sm_step_map(NULL, priv);
}

int
drm_gpuvm_sm_map(struct drm_gpuvm *gpuvm, void *priv,
		 const struct drm_gpuvm_map_req *req)
{
	return __drm_gpuvm_sm_map(gpuvm, gpuvm->ops, priv, req, false);
}

struct drm_gpuva_ops *
drm_gpuvm_madvise_ops_create(struct drm_gpuvm *gpuvm,
			     const struct drm_gpuvm_map_req *req)
{
	int ret = __drm_gpuvm_sm_map(gpuvm, &gpuvm_list_ops, NULL, req, true);

	return ret ? ERR_PTR(ret) : NULL;
}
EXPORT_SYMBOL_GPL(drm_gpuvm_madvise_ops_create);
`;

/** Every function {@link LATER_ERA_SOURCE} defines, in source order. */
export const LATER_ERA_FUNCTIONS = [
  '__drm_gpuvm_bo_list_add',
  'drm_gpuvm_check_overflow',
  'drm_gpuvm_bo_destroy',
  'drm_gpuvm_bo_put',
  'drm_gpuvm_bo_evict',
  'drm_gpuvm_exec_lock',
  'drm_gpuva_sm_step',
  '__drm_gpuvm_sm_map',
  'drm_gpuvm_sm_map',
  'drm_gpuvm_madvise_ops_create',
];
