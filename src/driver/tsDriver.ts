/**
 * The trace driver on the TypeScript port: runs requests as docs/driver-semantics.md says and
 * writes transcript lines. The C driver (`native/driver.c`) is the same program in C.
 */
import { errnoName, ENOENT } from '../kernel/errno.ts';
import type { ErrPtr } from '../kernel/errPtr.ts';
import { isErr, ptrErr } from '../kernel/errPtr.ts';
import { Slab } from '../kernel/slab.ts';
import { drmGpuvmCheckValid } from '../gpuvm/checkValid.ts';
import type { FixId } from '../gpuvm/fixes.ts';
import { drmGpuvaFind, drmGpuvaFindFirst, drmGpuvaFindNext, drmGpuvaFindPrev, drmGpuvmIntervalEmpty } from '../gpuvm/find.ts';
import { drmGemForEachGpuva, drmGpuvmForEachVa, drmGpuvmForEachVaSafe } from '../gpuvm/iter.ts';
import {
  drmGpuvaForEachOp,
  drmGpuvaOpsFree,
  drmGpuvmGemUnmapOpsCreate,
  drmGpuvmPrefetchOpsCreate,
  drmGpuvmSmMapOpsCreate,
  drmGpuvmSmUnmapOpsCreate,
} from '../gpuvm/opsCreate.ts';
import { drmGpuvmSmMap } from '../gpuvm/smMap.ts';
import { drmGpuvmSmUnmap } from '../gpuvm/smUnmap.ts';
import type { DrmGpuvaOp, DrmGpuvaOps, DrmGpuvmOps } from '../gpuvm/types.ts';
import { DrmGemObject, DrmGpuva, DrmGpuvm } from '../gpuvm/types.ts';
import { drmGpuvaInit, drmGpuvaInsert, drmGpuvaLink, drmGpuvaRemove, drmGpuvaUnlink } from '../gpuvm/va.ts';
import { drmGpuvmDestroy, drmGpuvmInit } from '../gpuvm/vm.ts';
import type { Mode, Request } from '../trace/request.ts';
import { applyOp } from './applyOp.ts';
import { formatVaLine } from './format.ts';
import { DriverOutput } from './output.ts';

/** Options of a TypeScript driver. @public */
export interface TsDriverOptions {
  /** Findings whose corrected behaviour the port uses; empty (the default) is the faithful port. */
  readonly fixes?: ReadonlySet<FixId>;
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
  private readonly stepOps: DrmGpuvmOps = {
    smStepMap: (op) => this.step(op),
    smStepRemap: (op) => this.step(op),
    smStepUnmap: (op) => this.step(op),
  };

  /** @param output - where the output goes; by default the transcript, `lines` */
  constructor(options: TsDriverOptions = {}, output = new DriverOutput(true)) {
    this.output = output;
    this.lines = output.lines;
    this.kernel = {
      slab: this.slab,
      warn: (message: string) => this.output.warn(message),
      fixes: options.fixes ?? new Set<FixId>(),
    };
  }

  /** The active VA space, for invariant checks between requests. */
  get vm(): DrmGpuvm | null {
    return this.gpuvm;
  }

  /** Library allocations not yet freed (what `allocs` prints). */
  get liveAllocations(): number {
    return this.slab.live;
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
        const [addr, range, obj, offset] = req.args;
        const gpuvm = this.active();
        if (this.mode === 'cb') {
          return this.status(drmGpuvmSmMap(gpuvm, null, addr, range, this.object(obj), offset));
        }
        return this.applyList(drmGpuvmSmMapOpsCreate(gpuvm, addr, range, this.object(obj), offset));
      }
      case 'unmap': {
        const [addr, range] = req.args;
        const gpuvm = this.active();
        if (this.mode === 'cb') return this.status(drmGpuvmSmUnmap(gpuvm, null, addr, range));
        return this.applyList(drmGpuvmSmUnmapOpsCreate(gpuvm, addr, range));
      }
      case 'gem_unmap':
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
        const ret = drmGpuvaInsert(this.active(), va);
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
        return this.printVas([...drmGemForEachGpuva(this.object(req.args[0])!)]);
      case 'fail_alloc':
        this.slab.failAlloc(req.args[0]);
        return this.status(0);
      case 'allocs':
        return this.output.result(`ALLOCS live=${this.slab.live}`);
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
    drmGpuvmDestroy(gpuvm);
    this.gpuvm = null;
  }

  /** The `mode cb` step callback: print the op, apply it, succeed. */
  private step(op: DrmGpuvaOp): number {
    this.output.op(op);
    applyOp(this.active(), op);
    return 0;
  }

  /** `mode list`: print the whole list, then apply it, then free it. */
  private applyList(ops: DrmGpuvaOps | ErrPtr): void {
    if (isErr(ops)) return this.status(ptrErr(ops));
    const gpuvm = this.active();
    this.printOps(ops);
    for (const op of drmGpuvaForEachOp(ops)) applyOp(gpuvm, op);
    drmGpuvaOpsFree(gpuvm, ops);
    this.status(0);
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
