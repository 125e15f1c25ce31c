/**
 * The data structures of include/drm/drm_gpuvm.h and include/drm/drm_gem.h as the seed sees them,
 * plus struct drm_gpuvm_bo and the VM's kref of later eras (v6.8 on).
 *
 * Field names follow the C structs (`va.addr`, `gem.obj`, `rb.entry`, `kernel_alloc_node` as
 * `kernelAllocNode`) so that the port reads like the seed. Tree links live directly on the VA
 * because the interval tree embeds them the way `struct rb_node` is embedded in C.
 */
import type { IntervalNode } from '../kernel/intervalTree.ts';
import { IntervalTree } from '../kernel/intervalTree.ts';
import { initListHead, ListHead } from '../kernel/list.ts';
import type { Slab } from '../kernel/slab.ts';
import type { WarnSink } from '../kernel/warn.ts';
import { add, sub } from '../u64.ts';
import type { Era } from '../era/era.ts';
import type { FixId } from './fixes.ts';

/**
 * struct drm_gem_object: only what GPUVM touches, its `gpuva.list`. In C one list head holds the
 * object's VAs in the seed and its vm_bos from v6.8 on; here each era's entries have their own
 * typed head, `list` and `bos`, and an era uses only its own.
 * @public
 */
export class DrmGemObject {
  readonly gpuva: { list: ListHead<DrmGpuva>; bos: ListHead<DrmGpuvmBo> } = {
    list: new ListHead<DrmGpuva>(),
    bos: new ListHead<DrmGpuvmBo>(),
  };
  /** The trace's handle (1..65535), for printing. The list starts empty, as drm_gem_private_object_init leaves it. */
  constructor(readonly handle: number) {
    initListHead(this.gpuva.list);
    initListHead(this.gpuva.bos);
  }
}

/**
 * struct drm_gpuvm_bo (v6.8 on): the one combination of a VM and an object, holding the VM's VAs
 * of that object. Counted by `kref`; it holds a reference of its VM.
 * @public
 */
export class DrmGpuvmBo {
  vm: DrmGpuvm | null = null;
  obj: DrmGemObject | null = null;
  kref = 0;
  readonly list = {
    gpuva: new ListHead<DrmGpuva>(),
    entry: { gem: new ListHead<DrmGpuvmBo>(this) },
  };
}

/** struct drm_gpuva: one mapping. A fresh one is all zeroes, as the driver allocates it. @public */
export class DrmGpuva implements IntervalNode<DrmGpuva> {
  vm: DrmGpuvm | null = null;
  flags = 0;
  readonly va = { addr: 0n, range: 0n };
  readonly gem: { offset: bigint; obj: DrmGemObject | null; entry: ListHead<DrmGpuva> } = {
    offset: 0n,
    obj: null,
    entry: new ListHead<DrmGpuva>(this),
  };
  readonly rb = { entry: new ListHead<DrmGpuva>(this) };
  /** The vm_bo it is linked through (v6.8 on); null while unlinked. */
  vmBo: DrmGpuvmBo | null = null;
  rbParent: DrmGpuva | null = null;
  rbLeft: DrmGpuva | null = null;
  rbRight: DrmGpuva | null = null;
  rbRed = true;
  subtreeLast = 0n;
}

/** GPUVA_START(node). */
export function gpuvaStart(va: DrmGpuva): bigint {
  return va.va.addr;
}

/** GPUVA_LAST(node): `addr + range - 1`, wrapping like C (a zero range gives addr - 1). */
export function gpuvaLast(va: DrmGpuva): bigint {
  return sub(add(va.va.addr, va.va.range), 1n);
}

/**
 * The services C gets from the kernel around it: allocator, WARN, which findings are fixed, and
 * which era of `drm_gpuvm.c` the port follows.
 * @public
 */
export interface KernelServices {
  readonly slab: Slab;
  readonly warn: WarnSink;
  /** Findings whose corrected behaviour is selected; empty for the faithful port. */
  readonly fixes: ReadonlySet<FixId>;
  /** The era whose behaviour the port follows (SEED_ERA: the seed's). */
  readonly era: Era;
}

/** struct drm_gpuva_op_map. @public */
export interface DrmGpuvaOpMap {
  va: { addr: bigint; range: bigint };
  gem: { obj: DrmGemObject | null; offset: bigint };
}

/** struct drm_gpuva_op_unmap. @public */
export interface DrmGpuvaOpUnmap {
  va: DrmGpuva;
  keep: boolean;
}

/** struct drm_gpuva_op_remap. @public */
export interface DrmGpuvaOpRemap {
  prev: DrmGpuvaOpMap | null;
  next: DrmGpuvaOpMap | null;
  unmap: DrmGpuvaOpUnmap | null;
}

/** struct drm_gpuva_op_prefetch. @public */
export interface DrmGpuvaOpPrefetch {
  va: DrmGpuva;
}

/** enum drm_gpuva_op_type, with C's values (a zeroed op is a MAP). @public */
export const enum DrmGpuvaOpType {
  MAP = 0,
  REMAP = 1,
  UNMAP = 2,
  PREFETCH = 3,
}

/**
 * struct drm_gpuva_op. C overlays the four payloads in a union; here each has its own field and
 * only the one named by `op` is meaningful.
 * @public
 */
export class DrmGpuvaOp {
  readonly entry = new ListHead<DrmGpuvaOp>(this);
  op: DrmGpuvaOpType = DrmGpuvaOpType.MAP;
  map: DrmGpuvaOpMap = { va: { addr: 0n, range: 0n }, gem: { obj: null, offset: 0n } };
  remap: DrmGpuvaOpRemap = { prev: null, next: null, unmap: null };
  unmap: DrmGpuvaOpUnmap | null = null;
  prefetch: DrmGpuvaOpPrefetch | null = null;
}

/** struct drm_gpuva_ops: the list built by the *_ops_create functions. @public */
export class DrmGpuvaOps {
  readonly list = new ListHead<DrmGpuvaOp>();
}

/** struct drm_gpuvm_ops: the driver's callbacks; each returns 0 or a negative errno. @public */
export interface DrmGpuvmOps {
  opAlloc?: () => DrmGpuvaOp | null;
  opFree?: (op: DrmGpuvaOp) => void;
  smStepMap?: (op: DrmGpuvaOp, priv: unknown) => number;
  smStepRemap?: (op: DrmGpuvaOp, priv: unknown) => number;
  smStepUnmap?: (op: DrmGpuvaOp, priv: unknown) => number;
  /** vm_free (v6.8 on): the last drm_gpuvm_put hands the VM back to the driver. */
  vmFree?: (gpuvm: DrmGpuvm) => void;
}

/** struct drm_gpuvm: one GPU VA space. @public */
export class DrmGpuvm {
  name: string | null = null;
  mmStart = 0n;
  mmRange = 0n;
  readonly rb = {
    tree: new IntervalTree<DrmGpuva>({ start: gpuvaStart, last: gpuvaLast }),
    list: new ListHead<DrmGpuva>(),
  };
  kernelAllocNode = new DrmGpuva();
  ops: DrmGpuvmOps | null = null;
  /** The VM's reference count (v6.8 on): drm_gpuvm_init sets it to 1. */
  kref = 0;
  constructor(readonly kernel: KernelServices) {}
}
