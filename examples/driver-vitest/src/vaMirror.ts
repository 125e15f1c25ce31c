/**
 * A driver's mirror of its GPU VA space: the mappings its page tables hold, kept up to date by
 * applying the ops drm_gpuvm's split/merge hands the driver (drm_gpuvm_sm_map, sm_unmap). This is
 * the code under test of the example; in a real driver it would write page-table entries.
 */

/** One mapping: `range` bytes at `addr`, backed by GEM object `handle` from `offset`. */
export interface Mapping {
  readonly addr: bigint;
  readonly range: bigint;
  readonly handle: number;
  readonly offset: bigint;
}

/** The ops the driver is handed, as drm_gpuva_op: map, remap (unmap plus kept pieces), unmap, prefetch. */
export type Op =
  | { readonly type: 'MAP'; readonly map: Mapping }
  | { readonly type: 'REMAP'; readonly prev: Mapping | null; readonly next: Mapping | null; readonly unmap: Mapping }
  | { readonly type: 'UNMAP'; readonly unmap: Mapping }
  | { readonly type: 'PREFETCH' };

export class VaMirror {
  protected readonly byAddr = new Map<bigint, Mapping>();

  constructor(initial: Iterable<Mapping> = []) {
    for (const m of initial) this.bind(m);
  }

  /** Applies the ops of one request, in order, as the driver's op callbacks would. */
  apply(ops: readonly Op[]): void {
    for (const op of ops) {
      if (op.type === 'MAP') this.bind(op.map);
      else if (op.type === 'REMAP') this.remap(op.unmap, op.prev, op.next);
      else if (op.type === 'UNMAP') this.unbind(op.unmap);
    }
  }

  /** The mappings, in address order. */
  mappings(): Mapping[] {
    return [...this.byAddr.values()].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  }

  protected remap(unmap: Mapping, prev: Mapping | null, next: Mapping | null): void {
    this.unbind(unmap);
    if (prev) this.bind(prev);
    if (next) this.bind(next);
  }

  /** Page tables must never be written over a live mapping: that would be a lost unmap. */
  protected bind(m: Mapping): void {
    for (const live of this.byAddr.values()) {
      if (m.addr < live.addr + live.range && live.addr < m.addr + m.range) {
        throw new Error(`bind [${hex(m.addr)}, +${hex(m.range)}) over live [${hex(live.addr)}, +${hex(live.range)})`);
      }
    }
    this.byAddr.set(m.addr, { addr: m.addr, range: m.range, handle: m.handle, offset: m.offset });
  }

  /** An unmap names a mapping exactly; anything else means the mirror and gpuvm disagree. */
  protected unbind(m: Mapping): void {
    const live = this.byAddr.get(m.addr);
    if (!live || live.range !== m.range || live.handle !== m.handle || live.offset !== m.offset) {
      throw new Error(`unbind of [${hex(m.addr)}, +${hex(m.range)}), which is not mapped`);
    }
    this.byAddr.delete(m.addr);
  }
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;
