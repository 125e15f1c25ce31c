/**
 * Op lists: building them from the split/merge walk and freeing them. Tracks: gpuva_op_alloc,
 * gpuva_op_free, drm_gpuva_sm_step, gpuvm_list_ops, drm_gpuvm_sm_map_ops_create,
 * drm_gpuvm_sm_unmap_ops_create, drm_gpuvm_prefetch_ops_create, drm_gpuvm_gem_unmap_ops_create,
 * drm_gpuva_ops_free; of later eras drm_gpuvm_bo_unmap_ops_create (v6.8, gem_unmap's successor)
 * and drm_gpuvm_madvise_ops_create (v6.18).
 *
 * Every kzalloc/kmemdup/kfree of the seed has its counterpart here, in the same order, so that
 * live accounting and fault injection see the same allocations as in C.
 */
import { ENOMEM } from '../kernel/errno.ts';
import type { ErrPtr } from '../kernel/errPtr.ts';
import { errPtr } from '../kernel/errPtr.ts';
import { initListHead, listAddTail, listDel, listEntries, listEntriesSafe } from '../kernel/list.ts';
import { add, sub, U64_MAX } from '../u64.ts';
import { drmGpuvaFindFirst } from './find.ts';
import { isFixed } from './fixes.ts';
import { __drmGpuvaNext, drmGemForEachGpuva, drmGpuvmForEachVaRange } from './iter.ts';
import type { StepOps } from './opCallbacks.ts';
import { __drmGpuvmSmMap, assertRequest } from './smMap.ts';
import { __drmGpuvmSmUnmap } from './smUnmap.ts';
import type { DrmGemObject, DrmGpuva, DrmGpuvm, DrmGpuvmBo } from './types.ts';
import { drmGpuvmBoForEachVa } from './vmBo.ts';
import { DrmGpuvaOp, DrmGpuvaOps, DrmGpuvaOpType } from './types.ts';

/** gpuva_op_alloc: the driver's op_alloc if it has one, else a library kzalloc. */
export function gpuvaOpAlloc(gpuvm: DrmGpuvm): DrmGpuvaOp | null {
  const fn = gpuvm.ops;
  if (fn && fn.opAlloc) return fn.opAlloc();
  return gpuvm.kernel.slab.kzalloc(() => new DrmGpuvaOp());
}

/** gpuva_op_free. */
export function gpuvaOpFree(gpuvm: DrmGpuvm, op: DrmGpuvaOp): void {
  const fn = gpuvm.ops;
  if (fn && fn.opFree) fn.opFree(op);
  else gpuvm.kernel.slab.kfree(op);
}

/** The `args` that the *_ops_create functions pass to drm_gpuva_sm_step as `priv`. */
interface SmStepArgs {
  vm: DrmGpuvm;
  ops: DrmGpuvaOps;
}

/**
 * drm_gpuva_sm_step: copies the walk's stack op (and, for a remap, its parts) into the list.
 * The error labels keep the seed's order.
 */
export function drmGpuvaSmStep(__op: DrmGpuvaOp, priv: unknown): number {
  const args = priv as SmStepArgs;
  const gpuvm = args.vm;
  const ops = args.ops;
  const slab = gpuvm.kernel.slab;
  const leakFixed = isFixed(gpuvm, 'GPUVM-001');

  const op = gpuvaOpAlloc(gpuvm);
  if (!op) return -ENOMEM;

  // memcpy(op, __op, sizeof(*op))
  op.op = __op.op;
  op.map = __op.map;
  op.remap = { ...__op.remap };
  op.unmap = __op.unmap;
  op.prefetch = __op.prefetch;

  if (op.op === DrmGpuvaOpType.REMAP) {
    const __r = __op.remap;
    const r = op.remap;

    r.unmap = slab.kmemdup(__r.unmap!);
    if (!r.unmap) return errFreeOp();

    if (__r.prev) {
      r.prev = slab.kmemdup(__r.prev);
      if (!r.prev) return errFreeUnmap();
    }

    if (__r.next) {
      r.next = slab.kmemdup(__r.next);
      if (!r.next) return errFreePrev();
    }
  }

  listAddTail(op.entry, ops.list);

  return 0;

  // The seed's labels fall through as err_free_unmap, err_free_prev, err_free_op, so a failed
  // copy of `next` jumps past the kfree of the copied unmap and leaks it (GPUVM-001). The fix
  // swaps the first two labels.
  function errFreeUnmap(): number {
    slab.kfree(op!.remap.unmap);
    return leakFixed ? errFreeOp() : errFreePrev();
  }
  function errFreePrev(): number {
    slab.kfree(op!.remap.prev);
    return leakFixed ? errFreeUnmap() : errFreeOp();
  }
  function errFreeOp(): number {
    gpuvaOpFree(gpuvm, op!);
    return -ENOMEM;
  }
}

/** gpuvm_list_ops: every step goes through drm_gpuva_sm_step. */
const gpuvmListOps: StepOps = {
  smStepMap: drmGpuvaSmStep,
  smStepRemap: drmGpuvaSmStep,
  smStepUnmap: drmGpuvaSmStep,
};

/** Allocates and initialises the list head every *_ops_create starts with. */
function allocOps(gpuvm: DrmGpuvm): DrmGpuvaOps | null {
  const ops = gpuvm.kernel.slab.kzalloc(() => new DrmGpuvaOps());
  if (ops) initListHead(ops.list);
  return ops;
}

/** Runs a walk that fills a fresh op list; on error frees what it built. */
function opsFromWalk(gpuvm: DrmGpuvm, walk: (args: SmStepArgs) => number): DrmGpuvaOps | ErrPtr {
  const ops = allocOps(gpuvm);
  if (!ops) return errPtr(-ENOMEM);

  const ret = walk({ vm: gpuvm, ops });
  if (ret) {
    drmGpuvaOpsFree(gpuvm, ops);
    return errPtr(ret);
  }
  return ops;
}

/**
 * drm_gpuvm_sm_map_ops_create: the split/merge ops for a new mapping, as a list.
 * @returns the op list, or an ErrPtr with -EINVAL or -ENOMEM
 * @public
 */
export function drmGpuvmSmMapOpsCreate(
  gpuvm: DrmGpuvm,
  reqAddr: bigint,
  reqRange: bigint,
  reqObj: DrmGemObject | null,
  reqOffset: bigint,
): DrmGpuvaOps | ErrPtr {
  assertRequest(reqAddr, reqRange, reqOffset);
  return opsFromWalk(gpuvm, (args) =>
    __drmGpuvmSmMap(gpuvm, gpuvmListOps, args, reqAddr, reqRange, reqObj, reqOffset),
  );
}

/**
 * drm_gpuvm_madvise_ops_create (v6.18): the madvise split of `[reqAddr, reqAddr + reqRange)` as
 * a list: REMAPs of the VAs without an object that stick out of the range, each followed by a
 * MAP (without an object) of the part inside; no UNMAP, VAs with an object untouched.
 * @returns the op list, or an ErrPtr with -EINVAL or -ENOMEM
 * @public
 */
export function drmGpuvmMadviseOpsCreate(gpuvm: DrmGpuvm, reqAddr: bigint, reqRange: bigint): DrmGpuvaOps | ErrPtr {
  assertRequest(reqAddr, reqRange);
  return opsFromWalk(gpuvm, (args) =>
    __drmGpuvmSmMap(gpuvm, gpuvmListOps, args, reqAddr, reqRange, null, 0n, true),
  );
}

/**
 * drm_gpuvm_sm_unmap_ops_create: the split ops for an unmap request, as a list.
 * @returns the op list, or an ErrPtr with -EINVAL or -ENOMEM
 * @public
 */
export function drmGpuvmSmUnmapOpsCreate(
  gpuvm: DrmGpuvm,
  reqAddr: bigint,
  reqRange: bigint,
): DrmGpuvaOps | ErrPtr {
  assertRequest(reqAddr, reqRange);
  return opsFromWalk(gpuvm, (args) =>
    __drmGpuvmSmUnmap(gpuvm, gpuvmListOps, args, reqAddr, reqRange),
  );
}

/**
 * Builds one op per VA of `vas`, as the prefetch and GEM-unmap creators do; on an allocation
 * failure frees the partial list.
 */
function opsForEach(
  gpuvm: DrmGpuvm,
  vas: () => Iterable<DrmGpuva>,
  fill: (op: DrmGpuvaOp, va: DrmGpuva) => void,
): DrmGpuvaOps | ErrPtr {
  const ops = allocOps(gpuvm);
  if (!ops) return errPtr(-ENOMEM);

  for (const va of vas()) {
    const op = gpuvaOpAlloc(gpuvm);
    if (!op) {
      drmGpuvaOpsFree(gpuvm, ops);
      return errPtr(-ENOMEM);
    }
    fill(op, va);
    listAddTail(op.entry, ops.list);
  }

  return ops;
}

/**
 * The VAs from drm_gpuva_find_first(addr, range) on, in list order, while they start by the
 * range's last byte; a range running past 2^64 is cut there first, so that neither its last
 * byte nor the lookup of its first VA wraps.
 */
function* vasUpToLast(gpuvm: DrmGpuvm, addr: bigint, range: bigint): Generator<DrmGpuva> {
  const cut = range > U64_MAX - addr ? U64_MAX - addr + 1n : range;
  const last = sub(add(addr, cut), 1n);
  for (let va = drmGpuvaFindFirst(gpuvm, addr, cut); va && va.va.addr <= last; va = __drmGpuvaNext(va)) yield va;
}

/**
 * drm_gpuvm_prefetch_ops_create: one PREFETCH op per VA of the range. The range is not
 * validated, as in the seed.
 * @public
 */
export function drmGpuvmPrefetchOpsCreate(
  gpuvm: DrmGpuvm,
  addr: bigint,
  range: bigint,
): DrmGpuvaOps | ErrPtr {
  assertRequest(addr, range);
  const end = add(addr, range);
  // A range reaching 2^64 wraps `end` (to 0 for one ending there) and the walk's
  // `va.addr < end` stops too early (GPUVM-008); the fix bounds the walk by the range's last
  // byte instead.
  const vas = isFixed(gpuvm, 'GPUVM-008') ? () => vasUpToLast(gpuvm, addr, range) : () => drmGpuvmForEachVaRange(gpuvm, addr, end);
  return opsForEach(
    gpuvm,
    vas,
    (op, va) => {
      op.op = DrmGpuvaOpType.PREFETCH;
      op.prefetch = { va };
    },
  );
}

/**
 * drm_gpuvm_gem_unmap_ops_create: one UNMAP op (keep false) per VA on the object's list.
 * @public
 */
export function drmGpuvmGemUnmapOpsCreate(
  gpuvm: DrmGpuvm,
  obj: DrmGemObject,
): DrmGpuvaOps | ErrPtr {
  return opsForEach(
    gpuvm,
    () => drmGemForEachGpuva(obj),
    (op, va) => {
      op.op = DrmGpuvaOpType.UNMAP;
      op.unmap = { va, keep: false };
    },
  );
}

/**
 * drm_gpuvm_bo_unmap_ops_create (v6.8): one UNMAP op (keep false) per VA linked through `vmBo`.
 * @public
 */
export function drmGpuvmBoUnmapOpsCreate(vmBo: DrmGpuvmBo): DrmGpuvaOps | ErrPtr {
  return opsForEach(
    vmBo.vm!,
    () => drmGpuvmBoForEachVa(vmBo),
    (op, va) => {
      op.op = DrmGpuvaOpType.UNMAP;
      op.unmap = { va, keep: false };
    },
  );
}

/** drm_gpuva_ops_free: frees every op (and a remap's copied parts), then the list. @public */
export function drmGpuvaOpsFree(gpuvm: DrmGpuvm, ops: DrmGpuvaOps): void {
  const slab = gpuvm.kernel.slab;
  for (const op of listEntriesSafe(ops.list)) {
    listDel(op.entry);

    if (op.op === DrmGpuvaOpType.REMAP) {
      slab.kfree(op.remap.prev);
      slab.kfree(op.remap.next);
      slab.kfree(op.remap.unmap);
    }

    gpuvaOpFree(gpuvm, op);
  }

  slab.kfree(ops);
}

/** drm_gpuva_for_each_op: the ops of a list in order. @public */
export function drmGpuvaForEachOp(ops: DrmGpuvaOps): IterableIterator<DrmGpuvaOp> {
  return listEntries(ops.list);
}
