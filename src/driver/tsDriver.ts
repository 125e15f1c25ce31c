/**
 * The trace driver on the TypeScript port: runs requests as docs/driver-semantics.md says (for
 * the era of its options: the seed's by default) and writes transcript lines. The C driver
 * (`native/driver.c`) is the same program in C.
 */
import { errnoName, ENOENT, EOPNOTSUPP } from '../kernel/errno.ts';
import type { ErrPtr } from '../kernel/errPtr.ts';
import { isErr, ptrErr } from '../kernel/errPtr.ts';
import { Slab } from '../kernel/slab.ts';
import type { Era } from '../era/era.ts';
import { hasFeature, SEED_ERA } from '../era/era.ts';
import { drmGpuvmCheckValid } from '../gpuvm/checkValid.ts';
import type { FixId } from '../gpuvm/fixes.ts';
import { drmGpuvaFind, drmGpuvaFindFirst, drmGpuvaFindNext, drmGpuvaFindPrev, drmGpuvmIntervalEmpty } from '../gpuvm/find.ts';
import { drmGemForEachGpuva, drmGpuvmForEachVa, drmGpuvmForEachVaSafe } from '../gpuvm/iter.ts';
import {
  drmGpuvaForEachOp,
  drmGpuvaOpsFree,
  drmGpuvmBoUnmapOpsCreate,
  drmGpuvmGemUnmapOpsCreate,
  drmGpuvmMadviseOpsCreate,
  drmGpuvmPrefetchOpsCreate,
  drmGpuvmSmMapOpsCreate,
  drmGpuvmSmUnmapOpsCreate,
} from '../gpuvm/opsCreate.ts';
import { drmGpuvmSmMap } from '../gpuvm/smMap.ts';
import { drmGpuvmSmUnmap } from '../gpuvm/smUnmap.ts';
import type { DrmGpuvaOp, DrmGpuvaOps, DrmGpuvmBo, DrmGpuvmOps } from '../gpuvm/types.ts';
import { DrmGemObject, DrmGpuva, DrmGpuvm } from '../gpuvm/types.ts';
import { drmGpuvaInit, drmGpuvaInsert, drmGpuvaLink, drmGpuvaRemove, drmGpuvaUnlink } from '../gpuvm/va.ts';
import { drmGpuvmDestroy, drmGpuvmInit, drmGpuvmPut } from '../gpuvm/vm.ts';
import { drmGpuvmBoFind, drmGpuvmBoForEachVa, drmGpuvmBoObtain, drmGpuvmBoPut } from '../gpuvm/vmBo.ts';
import type { Mode, Request } from '../trace/request.ts';
import { applyOp } from './applyOp.ts';
import { formatVaLine } from './format.ts';
import { DriverOutput } from './output.ts';

/** Options of a TypeScript driver. @public */
export interface TsDriverOptions {
  /** Findings whose corrected behaviour the port uses; empty (the default) is the faithful port. */
  readonly fixes?: ReadonlySet<FixId>;
  /** The era of `drm_gpuvm.c` the port follows; SEED_ERA (the default) is the seed's. */
  readonly era?: Era;
}

const VM_NAME = 'gpuvm-check';

/**
 * One trace's driver state. `execute` reports the request's output to `output`, by default the
 * transcript lines in `lines`; an exception escaping it is the port crashing.
 * @public
 */
export class TsDriver {
  /** The transcript so far; stays empty when the output keeps results instead. */
  readonly lines: string[];
  private readonly output: DriverOutput;
  private readonly slab = new Slab();
  private readonly objects = new Map<number, DrmGemObject>();
  private readonly kernel;
  private gpuvm: DrmGpuvm | null = null;
  private mode: Mode = 'list';
  /** The vm_bo of the `mode cb` map request running (v6.8 on), for its MAP step. */
  private requestVmBo: DrmGpuvmBo | null = null;
  private readonly stepOps: DrmGpuvmOps = {
    smStepMap: (op) => this.step(op),
    smStepRemap: (op) => this.step(op),
    smStepUnmap: (op) => this.step(op),
    // The driver's VM lives in this object until the next init; nothing to hand back.
    vmFree: () => {},
  };

  /** @param output - where the output goes; by default the transcript, `lines` */
  constructor(options: TsDriverOptions = {}, output = new DriverOutput(true)) {
    this.output = output;
    this.lines = output.lines;
    this.kernel = {
      slab: this.slab,
      warn: (message: string) => this.output.warn(message),
      fixes: options.fixes ?? new Set<FixId>(),
      era: options.era ?? SEED_ERA,
    };
  }

  /** The active VA space, for invariant checks between requests. */
  get vm(): DrmGpuvm | null {
    return this.gpuvm;
  }

  /** Library allocations not yet freed (what `allocs` prints as `live`; vm_bos apart). */
  get liveAllocations(): number {
    return this.slab.live;
  }

  /** vm_bos not yet freed (what `allocs` prints as `vm_bo` from v6.8; always 0 before). */
  get liveVmBos(): number {
    return this.slab.liveVmBos;
  }

  /**
   * What `gem <obj>` lists: the object's VAs in list order; from v6.8 those linked through the
   * active VM's vm_bo for it (none without an active VM).
   */
  gemVas(obj: DrmGemObject): DrmGpuva[] {
    if (!this.vmBoEra) return [...drmGemForEachGpuva(obj)];
    if (!this.gpuvm) return [];
    const vmBo = drmGpuvmBoFind(this.gpuvm, obj);
    if (!vmBo) return [];
    const vas = [...drmGpuvmBoForEachVa(vmBo)];
    drmGpuvmBoPut(vmBo);
    return vas;
  }

  private get vmBoEra(): boolean {
    return hasFeature(this.kernel.era, 'vm_bo');
  }

  /** The GEM objects the trace has named so far. */
  gemObjects(): IterableIterator<DrmGemObject> {
    return this.objects.values();
  }

  /** drmGpuvmCheckValid on the active VA space and every GEM object; a no-op when inactive. */
  checkValid(): void {
    if (this.gpuvm) drmGpuvmCheckValid(this.gpuvm, this.objects.values());
  }

  /** Runs one request. */
  execute(req: Request): void {
    this.output.request(req);
    switch (req.kind) {
      case 'init': {
        if (this.gpuvm) this.fini();
        const gpuvm = new DrmGpuvm(this.kernel);
        drmGpuvmInit(gpuvm, VM_NAME, ...req.args, this.stepOps);
        this.gpuvm = gpuvm;
        return this.status(0);
      }
      case 'fini':
        this.fini();
        return this.status(0);
      case 'mode':
        this.mode = req.args[0];
        return this.status(0);
      case 'map': {
        const [addr, range, handle, offset] = req.args;
        const gpuvm = this.active();
        const obj = this.object(handle);
        if (this.mode === 'cb') {
          if (!this.vmBoEra) return this.status(drmGpuvmSmMap(gpuvm, null, addr, range, obj, offset));
          return this.mapCb(gpuvm, addr, range, obj, offset);
        }
        return this.applyList(drmGpuvmSmMapOpsCreate(gpuvm, addr, range, obj, offset), obj);
      }
      case 'unmap': {
        const [addr, range] = req.args;
        const gpuvm = this.active();
        if (this.mode === 'cb') return this.status(drmGpuvmSmUnmap(gpuvm, null, addr, range));
        return this.applyList(drmGpuvmSmUnmapOpsCreate(gpuvm, addr, range));
      }
      case 'madvise': {
        const gpuvm = this.active();
        if (!hasFeature(this.kernel.era, 'madvise')) return this.status(-EOPNOTSUPP);
        return this.applyList(drmGpuvmMadviseOpsCreate(gpuvm, ...req.args));
      }
      case 'gem_unmap':
        if (this.vmBoEra) return this.boUnmap(this.object(req.args[0])!);
        return this.applyList(drmGpuvmGemUnmapOpsCreate(this.active(), this.object(req.args[0])!));
      case 'prefetch': {
        const gpuvm = this.active();
        const ops = drmGpuvmPrefetchOpsCreate(gpuvm, ...req.args);
        if (isErr(ops)) return this.status(ptrErr(ops));
        this.printOps(ops);
        drmGpuvaOpsFree(gpuvm, ops);
        return this.status(0);
      }
      case 'insert': {
        const [addr, range, obj, offset] = req.args;
        const va = new DrmGpuva();
        drmGpuvaInit(va, addr, range, this.object(obj), offset);
        const gpuvm = this.active();
        if (this.vmBoEra) return this.status(this.insertThroughVmBo(gpuvm, va));
        const ret = drmGpuvaInsert(gpuvm, va);
        if (ret === 0) drmGpuvaLink(va);
        return this.status(ret);
      }
      case 'remove': {
        const va = drmGpuvaFind(this.active(), ...req.args);
        if (!va) return this.status(-ENOENT);
        drmGpuvaRemove(va);
        drmGpuvaUnlink(va);
        return this.status(0);
      }
      case 'find':
        return this.printFound(drmGpuvaFind(this.active(), ...req.args));
      case 'find_first':
        return this.printFound(drmGpuvaFindFirst(this.active(), ...req.args));
      case 'find_prev':
        return this.printFound(drmGpuvaFindPrev(this.active(), ...req.args));
      case 'find_next':
        return this.printFound(drmGpuvaFindNext(this.active(), ...req.args));
      case 'empty':
        return this.output.result(`EMPTY ${drmGpuvmIntervalEmpty(this.active(), ...req.args) ? 1 : 0}`);
      case 'dump':
        return this.printVas([...drmGpuvmForEachVa(this.active())]);
      case 'gem':
        this.active();
        return this.printVas(this.gemVas(this.object(req.args[0])!));
      case 'fail_alloc':
        this.slab.failAlloc(req.args[0]);
        return this.status(0);
      case 'allocs':
        return this.output.result(`ALLOCS live=${this.slab.live}${this.vmBoEra ? ` vm_bo=${this.slab.liveVmBos}` : ''}`);
    }
  }

  private active(): DrmGpuvm {
    if (!this.gpuvm) throw new Error('driver: request before init (the parser should have refused it)');
    return this.gpuvm;
  }

  private object(handle: number): DrmGemObject | null {
    if (handle === 0) return null;
    let obj = this.objects.get(handle);
    if (!obj) {
      obj = new DrmGemObject(handle);
      this.objects.set(handle, obj);
    }
    return obj;
  }

  private fini(): void {
    const gpuvm = this.active();
    for (const va of drmGpuvmForEachVaSafe(gpuvm)) {
      if (va === gpuvm.kernelAllocNode) continue;
      drmGpuvaUnlink(va);
      drmGpuvaRemove(va);
    }
    if (this.vmBoEra) drmGpuvmPut(gpuvm);
    else drmGpuvmDestroy(gpuvm);
    this.gpuvm = null;
  }

  /** The `mode cb` step callback: print the op, apply it, succeed. */
  private step(op: DrmGpuvaOp): number {
    this.output.op(op);
    applyOp(this.active(), op, this.requestVmBo);
    return 0;
  }

  /**
   * `mode list`, as "DOC: Examples" (1): build the list, (from v6.8) obtain the vm_bo of the
   * request's object, print the whole list, apply it, put the vm_bo, free the list.
   * @param obj - the map request's object (none for the other requests)
   */
  private applyList(ops: DrmGpuvaOps | ErrPtr, obj: DrmGemObject | null = null): void {
    if (isErr(ops)) return this.status(ptrErr(ops));
    const gpuvm = this.active();
    const vmBo = this.obtain(gpuvm, obj);
    if (isErr(vmBo)) {
      drmGpuvaOpsFree(gpuvm, ops);
      return this.status(ptrErr(vmBo));
    }
    this.printOps(ops);
    for (const op of drmGpuvaForEachOp(ops)) applyOp(gpuvm, op, vmBo);
    drmGpuvmBoPut(vmBo);
    drmGpuvaOpsFree(gpuvm, ops);
    this.status(0);
  }

  /** From v6.8, drm_gpuvm_bo_obtain for `obj`; null without an object or before v6.8. */
  private obtain(gpuvm: DrmGpuvm, obj: DrmGemObject | null): DrmGpuvmBo | null | ErrPtr {
    return obj && this.vmBoEra ? drmGpuvmBoObtain(gpuvm, obj) : null;
  }

  /** `map` in `mode cb` from v6.8: the vm_bo is obtained before the walk, put after it. */
  private mapCb(gpuvm: DrmGpuvm, addr: bigint, range: bigint, obj: DrmGemObject | null, offset: bigint): void {
    const vmBo = this.obtain(gpuvm, obj);
    if (isErr(vmBo)) return this.status(ptrErr(vmBo));
    this.requestVmBo = vmBo;
    try {
      const ret = drmGpuvmSmMap(gpuvm, null, addr, range, obj, offset);
      drmGpuvmBoPut(vmBo);
      this.status(ret);
    } finally {
      this.requestVmBo = null;
    }
  }

  /** `gem_unmap` from v6.8: drm_gpuvm_bo_unmap_ops_create on the VM's vm_bo, if there is one. */
  private boUnmap(obj: DrmGemObject): void {
    const gpuvm = this.active();
    const vmBo = drmGpuvmBoFind(gpuvm, obj);
    if (!vmBo) return this.status(0);
    const ops = drmGpuvmBoUnmapOpsCreate(vmBo);
    if (isErr(ops)) {
      drmGpuvmBoPut(vmBo);
      return this.status(ptrErr(ops));
    }
    this.printOps(ops);
    for (const op of drmGpuvaForEachOp(ops)) applyOp(gpuvm, op);
    drmGpuvaOpsFree(gpuvm, ops);
    drmGpuvmBoPut(vmBo);
    this.status(0);
  }

  /**
   * `insert` from v6.8: the vm_bo is obtained first (-ENOMEM if that fails, no VA made), then
   * drm_gpuva_insert, linked through the vm_bo on success, and the vm_bo put either way.
   */
  private insertThroughVmBo(gpuvm: DrmGpuvm, va: DrmGpuva): number {
    const vmBo = this.obtain(gpuvm, va.gem.obj);
    if (isErr(vmBo)) return ptrErr(vmBo);
    const ret = drmGpuvaInsert(gpuvm, va);
    if (ret === 0) drmGpuvaLink(va, vmBo);
    drmGpuvmBoPut(vmBo);
    return ret;
  }

  private printOps(ops: DrmGpuvaOps): void {
    for (const op of drmGpuvaForEachOp(ops)) this.output.op(op);
  }

  private printFound(va: DrmGpuva | null): void {
    this.output.result(va ? formatVaLine(va, va === this.gpuvm?.kernelAllocNode) : 'NONE');
  }

  private printVas(vas: readonly DrmGpuva[]): void {
    this.output.result(`VAS ${vas.length}`);
    for (const va of vas) this.output.result(formatVaLine(va, va === this.gpuvm?.kernelAllocNode));
  }

  private status(ret: number): void {
    this.output.status(ret);
  }
}
