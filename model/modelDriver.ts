/**
 * The reference model behind the trace format: runs requests on a ByteModel and writes the
 * transcript lines the contract expects. It mirrors `src/driver/tsDriver.ts`'s TsDriver (same
 * `lines`, same `execute`), so a property can run a trace on both and compare, after removing the
 * port's `WARN` lines: the model never prints one.
 *
 * The model speaks only for traces it can decide from the documentation; on anything else it
 * throws ModelNotApplicable and the caller must not compare that trace (or that suffix).
 */
import { formatRequest } from '../src/trace/request.ts';
import type { Request } from '../src/trace/request.ts';
import { EEXIST, EINVAL, ENOENT, EOPNOTSUPP } from '../src/kernel/errno.ts';
import type { Era } from '../src/era/era.ts';
import { hasFeature, SEED_ERA } from '../src/era/era.ts';
import { assertU64 } from '../src/u64.ts';
import { ByteModel } from './byteModel.ts';
import type { VaRecord } from './byteModel.ts';
import {
  ADDRESS_LIMIT,
  findExact,
  findFirst,
  findNext,
  findPrev,
  gemUnmapOps,
  isValidRange,
  madviseOps,
  prefetchOps,
  splitOps,
} from './contract.ts';
import { applyModelOps, formatModelOp, formatModelVaLine, opLineOfModelOp } from './ops.ts';
import type { RequestResult } from '../src/driver/result.ts';
import { statusLine } from '../src/driver/output.ts';
import type { ModelOp, VaFields } from './ops.ts';

/**
 * The model does not speak for this request (an overflowing window, fault injection, a window
 * too large for its byte table, ...). Thrown before anything of the request is written to
 * `lines` or changed in the state.
 * @public
 */
export class ModelNotApplicable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelNotApplicable';
  }
}

/**
 * A VA as the model sees it: its record itself, read-only (records never change; a VA that
 * changes is a new record). `id` is the model's identity (creation order). @public
 */
export type ModelVa = VaRecord;

/**
 * What the model expects one request to print, before it is spelled as lines: a RequestResult
 * whose ops carry the model's records, so sameResult compares it with a backend's as it is.
 * @public
 */
export interface ModelResult extends RequestResult {
  /** The ops, in printing order. */
  readonly ops: readonly ModelOp[];
  /** The model never crashes. */
  readonly crashed: false;
}

/**
 * The largest window the model keeps a byte table for (4 Mi addresses, 16 MiB of ids); larger
 * windows are ModelNotApplicable.
 * @public
 */
export const MAX_MODEL_WINDOW = 1n << 22n;

/**
 * One trace's model state. `execute` appends the expected transcript lines of a request.
 * @public
 */
export class ModelDriver {
  /** The expected transcript so far. */
  readonly lines: string[] = [];
  private model: ByteModel | null = null;

  /**
   * @param era - the era whose API the trace meets: it decides whether `madvise` exists and how
   * `allocs` reads; the contract of every other request is the same in every era
   */
  constructor(readonly era: Era = SEED_ERA) {}

  /**
   * Runs one request: appends `> ` + its canonical text, then the expected result lines.
   * @returns what the request is expected to print, before it is spelled as lines
   * @throws as {@link run}
   */
  execute(req: Request): ModelResult {
    const result = this.run(req);
    this.lines.push(`> ${formatRequest(req)}`);
    for (const line of formatModelResult(result)) this.lines.push(line); // a dump may be too long to spread
    return result;
  }

  /**
   * Runs one request without writing lines, for a caller that compares results itself.
   * @returns what the request is expected to print
   * @throws ModelNotApplicable when the model does not speak for it (no change)
   * @throws Error for a request before `init`, RangeError for a number that is not a u64 (the
   * trace parser refuses both)
   */
  run(req: Request): ModelResult {
    for (const arg of req.args) if (typeof arg === 'bigint') assertU64(req.kind, arg);
    return this.apply(req);
  }

  /** Current VAs in ascending address order, kernel node included (flagged); [] when inactive. */
  vas(): ModelVa[] {
    return this.model ? this.model.all() : [];
  }

  /** How many VAs there are, the kernel node included; 0 when inactive. O(1). */
  vaCount(): number {
    return this.model ? this.model.vaCount : 0;
  }

  /** The VAs on object `handle`'s list, in list order; [] when inactive. */
  gem(handle: number): ModelVa[] {
    return this.model ? this.model.gemList(handle) : [];
  }

  /**
   * What the model says about one address: the VA covering it with the object offset of that
   * byte; `'free'`; `'reserved'` for any byte of the kernel reserved node, inside the window or
   * not; `'outside'` for any other byte outside the window (or when no VA space is active).
   */
  byteAt(addr: bigint): { va: number; handle: number; offset: bigint } | 'free' | 'reserved' | 'outside' {
    const model = this.model;
    if (!model) return 'outside';
    const k = model.kernelNode;
    if (k && addr >= k.addr && addr < k.addr + k.range) return 'reserved';
    if (!model.inWindow(addr)) return 'outside';
    const id = model.ownerAt(addr);
    if (id === 0) return 'free';
    const va = model.va(id);
    return { va: id, handle: va.handle, offset: va.offset + (addr - va.addr) };
  }

  /** The managed window `[start, end)` (end may be 2^64), or null when no VA space is active. */
  get window(): { start: bigint; end: bigint } | null {
    return this.model ? { start: this.model.start, end: this.model.end } : null;
  }

  /** The vm_bos the contract expects live: one per object with VAs from v6.8 on, else none. */
  liveVmBos(): number {
    return this.model && hasFeature(this.era, 'vm_bo') ? this.model.objectsWithVas() : 0;
  }

  /** ByteModel.checkValid on the active VA space; a no-op when inactive (mirrors TsDriver). */
  checkValid(): void {
    this.model?.checkValid();
  }

  private apply(req: Request): ModelResult {
    switch (req.kind) {
      case 'init': {
        const [start, range, reserveOffset, reserveRange] = req.args;
        if (start + range > ADDRESS_LIMIT) throw new ModelNotApplicable('init: window runs past 2^64');
        // The reserve's exclusive end must be a u64 as well (see isValidRange).
        if (reserveOffset + reserveRange >= ADDRESS_LIMIT) {
          throw new ModelNotApplicable('init: reserved range reaches past 2^64 - 1');
        }
        if (range > MAX_MODEL_WINDOW) throw new ModelNotApplicable(`init: window larger than ${MAX_MODEL_WINDOW}`);
        // A second init first runs fini (trace-format.md); fini prints nothing of its own.
        this.model = new ByteModel(start, range, reserveOffset, reserveRange);
        return status(0);
      }
      case 'fini':
        // Every VA and link dropped: the GEM lists live in the ByteModel, which goes away whole.
        this.active();
        this.model = null;
        return status(0);
      case 'mode':
        // CONTRACT: ops_create + apply and the step callbacks "represent the same operations"
        // ("This list contains the drm_gpuva_ops analogous to the callbacks"), so the mode does
        // not change the transcript.
        return status(0);
      case 'map': {
        const [addr, range, handle, offset] = req.args;
        const model = this.active();
        if (!isValidRange(model, addr, range)) return status(-EINVAL);
        const map: VaFields = { addr, range, handle, offset };
        this.requireOffsetsFit(map);
        return this.applyOps(model, splitOps(model, addr, range, map));
      }
      case 'unmap': {
        const [addr, range] = req.args;
        const model = this.active();
        if (!isValidRange(model, addr, range)) return status(-EINVAL);
        return this.applyOps(model, splitOps(model, addr, range, null));
      }
      case 'madvise': {
        const model = this.active();
        if (!hasFeature(this.era, 'madvise')) return status(-EOPNOTSUPP);
        const [addr, range] = req.args;
        if (!isValidRange(model, addr, range)) return status(-EINVAL);
        return this.applyOps(model, madviseOps(model, addr, range));
      }
      case 'gem_unmap': {
        const model = this.active();
        return this.applyOps(model, gemUnmapOps(model, req.args[0]));
      }
      case 'prefetch': {
        return { ops: prefetchOps(this.active(), ...req.args), results: [], status: 0, crashed: false };
      }
      case 'insert': {
        const [addr, range, handle, offset] = req.args;
        const model = this.active();
        if (!isValidRange(model, addr, range)) return status(-EINVAL);
        if (!model.isFree(addr, range)) return status(-EEXIST);
        this.requireOffsetsFit({ addr, range, handle, offset });
        model.createVa(addr, range, handle, offset);
        return status(0);
      }
      case 'remove': {
        const model = this.active();
        const va = findExact(model, ...req.args);
        if (!va) return status(-ENOENT);
        // CONTRACT: the kernel reserved node is "removed when the GPU VA manager is destroyed"
        // and only then; removing it by request leaves it in place (the request still succeeds).
        if (!va.kernel) model.removeVa(va.id);
        return status(0);
      }
      case 'find':
        return found(findExact(this.active(), ...req.args));
      case 'find_first':
        return found(findFirst(this.active(), ...req.args));
      case 'find_prev':
        return found(findPrev(this.active(), req.args[0]));
      case 'find_next':
        return found(findNext(this.active(), req.args[0]));
      case 'empty':
        // drm_gpuvm_interval_empty: "true if the interval is empty" = find_first finds nothing.
        return printed([`EMPTY ${findFirst(this.active(), ...req.args) ? 0 : 1}`]);
      case 'dump':
        return listed(this.active().all());
      case 'gem':
        return listed(this.active().gemList(req.args[0]));
      case 'fail_alloc':
        this.active();
        // CONTRACT: the model cannot know which allocation a request makes, so an armed fault is
        // outside what it speaks for; `fail_alloc 0` only disarms, which changes nothing.
        if (req.args[0] !== 0n) throw new ModelNotApplicable('fail_alloc: fault injection');
        return status(0);
      case 'allocs':
        // CONTRACT: a request never leaks: once it has returned, its op lists are freed.
        // CONTRACT: nor does it leak a vm_bo (v6.8 on): "If the reference count drops to zero,
        // the &gpuvm_bo is destroyed", and only the VAs linked through a vm_bo hold references of
        // it once a request has returned, so one is live per object that has VAs in the VA space.
        this.active();
        return printed([hasFeature(this.era, 'vm_bo') ? `ALLOCS live=0 vm_bo=${this.liveVmBos()}` : 'ALLOCS live=0']);
    }
  }

  private active(): ByteModel {
    if (!this.model) throw new Error('model: request before init (the parser should have refused it)');
    return this.model;
  }

  /**
   * CONTRACT: every byte of a mapping has an object offset `offset + (b - addr)` that must be a
   * u64; a mapping whose last byte's offset passes 2^64 - 1 has no meaning without wrap-around,
   * so creating one is outside what the model speaks for. (Split pieces of a VA whose offsets fit
   * always fit too, so only map and insert need the check.)
   */
  private requireOffsetsFit(va: VaFields): void {
    if (va.offset + va.range > ADDRESS_LIMIT) {
      throw new ModelNotApplicable('object offsets of the new mapping run past 2^64');
    }
  }

  /** Applies the ops (list order); they print, then `OK`, the same in both modes. */
  private applyOps(model: ByteModel, ops: readonly ModelOp[]): ModelResult {
    applyModelOps(model, ops);
    return { ops, results: [], status: 0, crashed: false };
  }
}

const status = (ret: number): ModelResult => ({ ops: [], results: [], status: ret, crashed: false });
const printed = (results: string[]): ModelResult => ({ ops: [], results, status: null, crashed: false });
const found = (va: VaRecord | null): ModelResult => printed([va ? formatModelVaLine(va) : 'NONE']);
const listed = (vas: readonly VaRecord[]): ModelResult => printed([`VAS ${vas.length}`, ...vas.map(formatModelVaLine)]);

/**
 * The same result in the shape every backend's transcript parses into:
 * `parseRequestResult(formatModelResult(result))`, built without printing and parsing back.
 * @public
 */
export function requestResultOf(result: ModelResult): RequestResult {
  return { ops: result.ops.map(opLineOfModelOp), status: result.status, results: [...result.results], crashed: false };
}

/**
 * A request's expected transcript lines (its `> ` echo aside): the ops, then the other result
 * lines, then the status line, the only order in which a request prints more than one kind.
 * @public
 */
export function formatModelResult(result: ModelResult): string[] {
  const lines = [...result.ops.map(formatModelOp), ...result.results];
  if (result.status !== null) lines.push(statusLine(result.status));
  return lines;
}

/**
 * Runs a whole trace on a fresh model and returns the expected transcript lines.
 * @throws ModelNotApplicable at the first request the model does not speak for
 * @public
 */
export function runModel(requests: readonly Request[], era: Era = SEED_ERA): string[] {
  const driver = new ModelDriver(era);
  for (const req of requests) driver.execute(req);
  return driver.lines;
}
